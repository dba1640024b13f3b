/**
 * Markdown escaping for untrusted text (addresses, reasons, details from a plan).
 */
import { printable } from './printable.js';

const ZERO_WIDTH_SPACE = '\u200b';

/** The longest run of backticks in `text` (a loop: a spread of every run overflows the stack). */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** Inline code that survives any content: a fence longer than any backtick run inside. */
export function code(s: string): string {
  const text = printable(s);
  if (text === '') return '` `';
  const longest = longestBacktickRun(text);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that no line of `body` can close early, each line made printable. */
export function codeBlock(body: string, language = ''): string {
  const text = body.split('\n').map(printable).join('\n');
  const longest = longestBacktickRun(text);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Prose from a plan, never at the start of a line: the punctuation that markdown, HTML or math
 * could read inside a line is escaped with a backslash. GitHub links mentions, issue references
 * and bare URLs after rendering, escaped or not, so `@`, `#` and `://` (and `www.`) are broken
 * with a zero-width space instead: the text reads the same and links nothing.
 */
export function prose(s: string): string {
  return printable(s)
    .replace(/[\\`*_{}[\]|<>~&$]/g, '\\$&')
    .replace(/[@#](?!\u200b)/g, `$&${ZERO_WIDTH_SPACE}`)
    .replace(/(?<=[a-z0-9])(?=:\/\/)|(?<=\bwww)(?=\.)/gi, ZERO_WIDTH_SPACE);
}
