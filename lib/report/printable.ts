/**
 * Text from a plan is untrusted: escape what could move the cursor, colour a terminal, start a
 * new log line or reorder text (bidi controls), so a finding always prints as one honest line.
 * This is the escaping for terminals and CI logs (text, atlantis, workflow command messages,
 * standard error); markdown, XML and JSON have their own modules built for their syntax.
 */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * The GitHub runner's older workflow-command syntax, `##[command]`, is honoured anywhere in a
 * log line, and `::command::` at the start of one (after white space). A zero-width space
 * between the two characters leaves the text reading the same and the runner reading nothing.
 */
const OLD_WORKFLOW_COMMAND = /#(?=#\[)/g;
const LEADING_WORKFLOW_COMMAND = /^(\s*:)(?=:)/;

function escapeCode(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `s` with control, line-separator and bidi characters and lone surrogates written as `\uXXXX`,
 * and workflow commands (`##[`, a leading `::`) broken with a zero-width space.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, escapeCode).replace(OLD_WORKFLOW_COMMAND, `#${ZERO_WIDTH_SPACE}`).replace(LEADING_WORKFLOW_COMMAND, `$1${ZERO_WIDTH_SPACE}`);
}

/** `s` as a JSON string literal (quoted, escaped), made printable. */
export function quoted(s: string): string {
  return printable(JSON.stringify(s));
}
