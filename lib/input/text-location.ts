/**
 * Where something is in a text, and short quotations of input text, safe to print.
 */

interface LineColumn {
  /** 1-based. */
  readonly line: number;
  /** 1-based, counted in UTF-16 code units from the start of the line. */
  readonly column: number;
}

export function lineColumn(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line += 1;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function describeLocation(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

const EXCERPT_LENGTH = 40;
/** Control, format (e.g. bidirectional overrides) and separator characters: shown escaped. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const IS_UNPRINTABLE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]$/u;

function escapeCharacter(character: string): string {
  return `\\u${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first line of `text` from `offset`, cut to a few characters, in double quotes, with
 * unprintable characters escaped so input text cannot drive the terminal.
 */
export function quoteExcerpt(text: string, offset = 0): string {
  const lineEnd = text.indexOf('\n', offset);
  const end = Math.min(lineEnd === -1 ? text.length : lineEnd, offset + EXCERPT_LENGTH * 4);
  const line = text.slice(offset, end).replace(/\r$/, '');
  const characters = Array.from(line);
  const cut = characters.length > EXCERPT_LENGTH;
  const shown = (cut ? characters.slice(0, EXCERPT_LENGTH) : characters).join('');
  return `"${shown.replace(/["\\]/g, '\\$&').replace(UNPRINTABLE, escapeCharacter)}${cut ? '...' : ''}"`;
}

/** One character of input, named for a message: `'x'`, or `U+0007` when it is not printable. */
export function describeCharacter(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the input';
  const character = String.fromCodePoint(text.codePointAt(offset)!);
  if (IS_UNPRINTABLE.test(character)) return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${character}'`;
}
