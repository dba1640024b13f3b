/**
 * Text -> the JSON documents in it: one document, several concatenated or one per line (as
 * `terragrunt run-all show -json` prints them), or documents followed by text that is not
 * JSON (such as the `::debug::` lines GitHub's setup-terraform wrapper appends).
 */
import { describeNonJsonText, looksLikeWrapperOutput } from './describe-text.js';
import { isWhitespaceByte } from './scanner/scan-structure.js';
import { TextScanner } from './scanner/scan-text.js';
import { describeCharacter, describeLocation, quoteExcerpt } from './text-location.js';

interface StreamError {
  /** 1-based index of the document the error is in (the first one that could not be read). */
  readonly documentIndex: number;
  readonly message: string;
}

export interface ParsedStream {
  /** The documents read, in order; reading stops at the first error. */
  readonly values: readonly unknown[];
  readonly error?: StreamError;
  readonly warning?: string;
}

const BYTE_ORDER_MARK = 0xfeff;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** Whitespace between documents; a byte order mark counts too (files joined with `cat`). */
function skipSeparator(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!isWhitespaceByte(code) && code !== BYTE_ORDER_MARK) break;
    i += 1;
  }
  return i;
}

const TOO_DEEP = 'The JSON is nested too deeply to read.';

function parse(text: string): { value: unknown } | { failure: 'syntax' | 'depth' } {
  try {
    return { value: JSON.parse(text) };
  } catch (failure) {
    if (failure instanceof RangeError) return { failure: 'depth' };
    if (failure instanceof SyntaxError) return { failure: 'syntax' };
    throw failure;
  }
}

/** The sentence for a syntax error at `where`; `found` names the character there, undefined at the end of the input. */
export function syntaxErrorMessage(where: string, expected: string, found: string | undefined): string {
  if (found === undefined) {
    return `The JSON is truncated: it ends at ${where} inside a document (expected ${expected}); save the complete output of \`terraform show -json\`.`;
  }
  return `The JSON is malformed at ${where}: expected ${expected} but found ${found}.`;
}

function syntaxMessage(text: string, offset: number, expected: string): string {
  return syntaxErrorMessage(describeLocation(text, offset), expected, offset >= text.length ? undefined : describeCharacter(text, offset));
}

/** The warning for text ignored after the JSON at `where`; `rest` is the text from there on (200 characters are enough). */
export function trailingTextWarning(where: string, rest: string): string {
  const excerpt = quoteExcerpt(rest, 0);
  if (looksLikeWrapperOutput(rest.slice(0, 64))) {
    return `Ignored the text after the JSON at ${where} (${excerpt}); it comes from GitHub's setup-terraform wrapper, so set \`terraform_wrapper: false\` in the setup-terraform step.`;
  }
  return `Ignored the text after the JSON at ${where} (${excerpt}); if a wrapper such as GitHub's setup-terraform adds it, turn that off (\`terraform_wrapper: false\`).`;
}

/**
 * The error for text that is not JSON with another document after it (`laterWhere`): ignoring
 * the text would leave that document unread, so the stream cannot be used as it is.
 */
export function textBetweenDocumentsMessage(where: string, rest: string, laterWhere: string): string {
  const hint = looksLikeWrapperOutput(rest.slice(0, 64))
    ? " (it comes from GitHub's setup-terraform wrapper: set `terraform_wrapper: false` in the setup-terraform step)"
    : '';
  return `The input has text that is not JSON at ${where} (${quoteExcerpt(rest, 0)}) and another document after it at ${laterWhere}, which kmsguard does not skip to; remove the text between the documents${hint}.`;
}

/** A line that starts like another plan or state document: `{`, or `[` and then `{`. */
const LATER_DOCUMENT = /\n[\t\r ]*(?:\{|\[[\t\n\r ]*\{)/g;

/** Where the first line after `offset` that starts like a document begins, or -1. */
function laterDocumentLine(text: string, offset: number): number {
  LATER_DOCUMENT.lastIndex = offset;
  const match = LATER_DOCUMENT.exec(text);
  return match === null ? -1 : match.index + 1;
}

/** Text after the documents read: a warning when it ends the input, an error when a document follows it. */
function trailingText(text: string, offset: number, values: unknown[]): ParsedStream {
  const where = describeLocation(text, offset);
  const rest = text.slice(offset, offset + 200);
  const later = laterDocumentLine(text, offset);
  if (later < 0) return { values, warning: trailingTextWarning(where, rest) };
  return { values, error: { documentIndex: values.length + 1, message: textBetweenDocumentsMessage(where, rest, describeLocation(text, later)) } };
}

export const ONLY_WHITESPACE = 'The input contains only whitespace; run `terraform show -json <planfile>` and pass its output.';

/** Reads document after document with the scanner; used when the text is not one JSON document. */
function splitStream(text: string): ParsedStream {
  const values: unknown[] = [];
  const scanner = new TextScanner(text);
  let offset = skipSeparator(text, 0);
  if (offset >= text.length) {
    return { values, error: { documentIndex: 1, message: ONLY_WHITESPACE } };
  }
  while (offset < text.length) {
    const code = text.charCodeAt(offset);
    const documentIndex = values.length + 1;
    const structured = code === OPEN_BRACE || code === OPEN_BRACKET;
    if (values.length > 0 && !structured) return trailingText(text, offset, values);
    // A lone number, string or literal parses whole; text that merely starts like one is not JSON.
    if (!structured) return { values, error: { documentIndex, message: describeNonJsonText(text, offset) } };
    const scanned = scanner.scanValue(offset);
    if (!scanned.ok) {
      // `[command] ...` from the setup-terraform wrapper starts like a JSON array.
      const wrapped = documentIndex === 1 && looksLikeWrapperOutput(text.slice(offset, offset + 64));
      const message = wrapped ? describeNonJsonText(text, offset) : syntaxMessage(text, scanned.offset, scanned.expected);
      return { values, error: { documentIndex, message } };
    }
    const parsed = parse(text.slice(offset, scanned.end));
    if (!('value' in parsed)) {
      const message = parsed.failure === 'depth' ? TOO_DEEP : syntaxMessage(text, offset, 'a JSON value');
      return { values, error: { documentIndex, message } };
    }
    values.push(parsed.value);
    offset = skipSeparator(text, scanned.end);
  }
  return { values };
}

export function splitDocuments(text: string): ParsedStream {
  const whole = parse(text);
  if ('value' in whole) return { values: [whole.value] };
  if (whole.failure === 'depth') return { values: [], error: { documentIndex: 1, message: TOO_DEEP } };
  return splitStream(text);
}
