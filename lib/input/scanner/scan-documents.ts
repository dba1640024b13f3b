/**
 * UTF-8 bytes -> the JSON documents in them, without decoding the bytes into one string:
 * the same documents, warnings and errors as `splitDocuments` on the decoded text, with the
 * documents' large parts left lazy (see lazy-values.ts). This is how kmsguard reads plans of
 * hundreds of megabytes quickly, and plans larger than one JavaScript string at all. The bytes
 * are in memory, or in a file read piece by piece (see byte-source.ts).
 */
import { describeNonJsonText, looksLikeWrapperOutput } from '../describe-text.js';
import { describeCharacter } from '../text-location.js';
import { ByteWindow, MemorySource, type ByteSource } from './byte-source.js';
import { documentValue, MemberArena, type ScannedBytes } from './lazy-values.js';
import { isWhitespaceByte, startsJsonValueByte, Structure, StructureScanner, type ScanProgress, type ScanStep } from './scan-structure.js';
import { ONLY_WHITESPACE, syntaxErrorMessage, textBetweenDocumentsMessage, trailingTextWarning, type ParsedStream } from '../split-documents.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const LINE_FEED = 0x0a;

/** Bytes of text decoded around an offset for messages: enough for 4096 characters. */
const MESSAGE_WINDOW = 4 * 4096;

/** A file is scanned in pieces of this size (a piece grows to hold a token longer than that). */
export const PIECE_BYTES = 32 * 1024 * 1024;

/** The UTF-8 byte order mark, which also separates documents (files joined with `cat`). */
function isByteOrderMark(window: ByteWindow, offset: number): boolean {
  return window.at(offset) === 0xef && window.at(offset + 1) === 0xbb && window.at(offset + 2) === 0xbf;
}

function skipSeparator(window: ByteWindow, length: number, offset: number): number {
  let i = offset;
  while (i < length) {
    if (isWhitespaceByte(window.at(i)!)) i += 1;
    else if (isByteOrderMark(window, i)) i += 3;
    else break;
  }
  return i;
}

/** UTF-16 code units encoded by UTF-8 bytes (valid UTF-8). */
function utf16Length(bytes: Uint8Array): number {
  let units = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

function asSource(input: Buffer | ByteSource): ByteSource {
  return Buffer.isBuffer(input) ? new MemorySource(input) : input;
}

/** 1-based line and column (in UTF-16 code units, as in the decoded text) of a byte offset. */
export function byteLineColumn(input: Buffer | ByteSource, offset: number): { line: number; column: number } {
  const source = asSource(input);
  let line = 1;
  let lineStart = 0;
  for (let from = 0; from < offset; from += PIECE_BYTES) {
    const piece = source.read(from, Math.min(offset, from + PIECE_BYTES));
    for (let newline = piece.indexOf(LINE_FEED); newline !== -1; newline = piece.indexOf(LINE_FEED, newline + 1)) {
      line += 1;
      lineStart = from + newline + 1;
    }
  }
  let column = 1;
  for (let from = lineStart; from < offset; from += PIECE_BYTES) column += utf16Length(source.read(from, Math.min(offset, from + PIECE_BYTES)));
  return { line, column };
}

export function describeByteLocation(input: Buffer | ByteSource, offset: number): string {
  const { line, column } = byteLineColumn(input, offset);
  return `line ${line}, column ${column}`;
}

/** The text from `offset` on, as much as messages look at. */
function textAt(source: ByteSource, offset: number): string {
  return source.read(offset, Math.min(source.length, offset + MESSAGE_WINDOW)).toString('utf8');
}

export interface ScanOptions {
  readonly progress?: ScanProgress;
  /** Size of the pieces a file is scanned in (tests make it tiny, to cut tokens everywhere). */
  readonly pieceBytes?: number;
  /** Member names whose object value is built with the element holding it rather than lazily (speed only). */
  readonly builtWithElement?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

const TAB = 0x09;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;

/**
 * Where the first line after `offset` that starts like a document begins (`{`, or `[` and then
 * `{`, after blanks), or -1: the byte form of split-documents.ts's LATER_DOCUMENT.
 */
function laterDocumentLine(source: ByteSource, offset: number): number {
  // 0: inside a line; 1: at a line's start, after blanks; 2: after a line's `[` and white space.
  let state = 0;
  let lineStart = -1;
  for (let from = offset; from < source.length; from += PIECE_BYTES) {
    const piece = source.read(from, Math.min(source.length, from + PIECE_BYTES));
    for (let i = 0; i < piece.length; i += 1) {
      const byte = piece[i]!;
      if (byte === LINE_FEED) {
        if (state !== 2) lineStart = from + i + 1;
        if (state !== 2) state = 1;
      } else if (state !== 0 && byte !== TAB && byte !== CARRIAGE_RETURN && byte !== SPACE) {
        // Inside a line nothing starts a document; white space keeps the state.
        if (byte === OPEN_BRACE) return lineStart;
        state = state === 1 && byte === OPEN_BRACKET ? 2 : 0;
      }
    }
  }
  return -1;
}

/** Text after the documents read: a warning when it ends the input, an error when a document follows it. */
function trailingText(source: ByteSource, offset: number, values: unknown[]): ParsedStream {
  const where = describeByteLocation(source, offset);
  const later = laterDocumentLine(source, offset);
  if (later < 0) return { values, warning: trailingTextWarning(where, textAt(source, offset)) };
  return {
    values,
    error: { documentIndex: values.length + 1, message: textBetweenDocumentsMessage(where, textAt(source, offset), describeByteLocation(source, later)) },
  };
}

/** Scans one value from `start`: the whole input at once when it is in memory, else piece by piece. */
function scanValue(source: ByteSource, start: number, structure: Structure, options: ScanOptions = {}): ScanStep {
  const scanner = new StructureScanner(structure, start, options.progress);
  if (source.bytes !== undefined) return scanner.scan(source.bytes, 0, start, true);
  const pieceBytes = options.pieceBytes ?? PIECE_BYTES;
  let from = start;
  let size = pieceBytes;
  for (;;) {
    const end = Math.min(source.length, from + size);
    const step = scanner.scan(source.read(from, end), from, from, end === source.length);
    if (step.kind !== 'more') return step;
    // Nothing finished in this piece (one token fills it): take a larger one.
    size = step.from === from ? size * 2 : pieceBytes;
    from = step.from;
  }
}

/**
 * Splits UTF-8 bytes (no byte order mark at the start) into documents, as `splitDocuments`
 * does for the decoded text.
 */
export function scanDocuments(input: Buffer | ByteSource, options: ScanOptions = {}): ParsedStream {
  const source = asSource(input);
  const length = source.length;
  const structure = new Structure(Math.max(1024, length >>> 9));
  const window = new ByteWindow(source);
  const scanned: ScannedBytes = { source, structure, members: new MemberArena(), window, builtWithElement: options.builtWithElement ?? NONE };
  const values: unknown[] = [];
  let offset = skipSeparator(window, length, 0);
  if (offset >= length) return { values, error: { documentIndex: 1, message: ONLY_WHITESPACE } };
  while (offset < length) {
    const byte = window.at(offset)!;
    const documentIndex = values.length + 1;
    const structured = byte === OPEN_BRACE || byte === OPEN_BRACKET;
    if (values.length > 0 && !structured) return trailingText(source, offset, values);
    if (!structured) return loneValue(scanned, offset, options);
    const step = scanValue(source, offset, structure, options);
    if (step.kind === 'error') {
      const wrapped = documentIndex === 1 && looksLikeWrapperOutput(textAt(source, offset).slice(0, 64));
      const message = wrapped
        ? describeNonJsonText(textAt(source, offset), 0)
        : syntaxErrorMessage(
            describeByteLocation(source, step.offset),
            step.expected,
            step.offset >= length ? undefined : describeCharacter(textAt(source, step.offset), 0),
          );
      return { values, error: { documentIndex, message } };
    }
    if (step.kind === 'more') throw new Error('the last piece of the input asked for more');
    values.push(documentValue(scanned, offset, step.end, step.ordinal));
    offset = skipSeparator(window, length, step.end);
  }
  return { values };
}

/** Input that starts with something other than an object or array: JSON only if it is one lone value. */
function loneValue(scanned: ScannedBytes, offset: number, options: ScanOptions): ParsedStream {
  const { source, window } = scanned;
  // JSON.parse reads a lone value surrounded by whitespace; a byte order mark before it is not whitespace.
  let leadingWhitespace = true;
  for (let i = 0; i < offset; i += 1) if (!isWhitespaceByte(window.at(i)!)) leadingWhitespace = false;
  if (leadingWhitespace && startsJsonValueByte(window.at(offset)!)) {
    const step = scanValue(source, offset, scanned.structure, { ...(options.pieceBytes !== undefined ? { pieceBytes: options.pieceBytes } : {}) });
    let end = step.kind === 'done' ? step.end : -1;
    while (end >= 0 && end < source.length && isWhitespaceByte(window.at(end)!)) end += 1;
    if (step.kind === 'done' && end === source.length) return { values: [documentValue(scanned, offset, step.end, step.ordinal)] };
  }
  return { values: [], error: { documentIndex: 1, message: describeNonJsonText(textAt(source, offset), 0) } };
}
