/**
 * Markdown escaping for untrusted text (addresses, reasons, details from a plan).
 */
import { printable } from './printable.js';

/** Inline code that survives any content: a fence longer than any backtick run inside. */
export function code(s: string): string {
  const text = printable(s);
  if (text === '') return '` `';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that no line of `body` can close early. */
export function codeBlock(body: string, language = ''): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/**
 * Prose from a plan, never at the start of a line: the punctuation that markdown, HTML, math,
 * mentions or issue links could read inside a line is escaped.
 */
export function prose(s: string): string {
  return printable(s).replace(/[\\`*_{}[\]|<>~&@#$]/g, '\\$&');
}
