/**
 * Text from a plan is untrusted: escape what could move the cursor, colour a terminal, start a
 * new log line or reorder text (bidi controls), so a finding always prints as one honest line.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeCode(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `s` with control, line-separator and bidi characters written as `\uXXXX`. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, escapeCode);
}

/** `s` as a JSON string literal (quoted, escaped), made printable. */
export function quoted(s: string): string {
  return printable(JSON.stringify(s));
}
