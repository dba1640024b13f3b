/**
 * UTF-8 bytes -> the JSON documents in them, without decoding the bytes into one string:
 * the same documents, warnings and errors as `splitDocuments` on the decoded text, with the
 * documents' large parts left lazy (see scan-values.ts). This is how kmsguard reads plans of
 * hundreds of megabytes quickly, and plans larger than one JavaScript string at all.
 */
import { describeNonJsonText, looksLikeWrapperOutput } from './describe-text.js';
import { describeCharacter } from './text-location.js';
import { documentValue, MemberArena, type ScannedBytes } from './scan-values.js';
import { isWhitespaceByte, scanStructure, startsJsonValueByte, Structure, type ScanProgress } from './scan-structure.js';
import { ONLY_WHITESPACE, syntaxErrorMessage, trailingTextWarning, type ParsedStream } from './split-documents.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const LINE_FEED = 0x0a;

/** Bytes of text decoded around an offset for messages: enough for 4096 characters. */
const MESSAGE_WINDOW = 4 * 4096;

/** The UTF-8 byte order mark, which also separates documents (files joined with `cat`). */
function isByteOrderMark(bytes: Uint8Array, offset: number): boolean {
  return bytes[offset] === 0xef && bytes[offset + 1] === 0xbb && bytes[offset + 2] === 0xbf;
}

function skipSeparator(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length) {
    if (isWhitespaceByte(bytes[i]!)) i += 1;
    else if (isByteOrderMark(bytes, i)) i += 3;
    else break;
  }
  return i;
}

/** UTF-16 code units encoded by the UTF-8 bytes `[start, end)` (valid UTF-8). */
function utf16Length(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** 1-based line and column (in UTF-16 code units, as in the decoded text) of a byte offset. */
export function byteLineColumn(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let newline = bytes.indexOf(LINE_FEED); newline !== -1 && newline < offset; newline = bytes.indexOf(LINE_FEED, newline + 1)) {
    line += 1;
    lineStart = newline + 1;
  }
  return { line, column: utf16Length(bytes, lineStart, offset) + 1 };
}

export function describeByteLocation(bytes: Buffer, offset: number): string {
  const { line, column } = byteLineColumn(bytes, offset);
  return `line ${line}, column ${column}`;
}

/** The text from `offset` on, as much as messages look at. */
function textAt(bytes: Buffer, offset: number): string {
  return bytes.toString('utf8', offset, Math.min(bytes.length, offset + MESSAGE_WINDOW));
}

export interface ScanOptions {
  readonly progress?: ScanProgress;
}

/**
 * Splits UTF-8 `bytes` (no byte order mark at the start) into documents, as `splitDocuments`
 * does for the decoded text.
 */
export function scanDocuments(bytes: Buffer, options: ScanOptions = {}): ParsedStream {
  const structure = new Structure(Math.max(1024, bytes.length >>> 9));
  const scanned = { bytes, structure, members: new MemberArena() };
  const values: unknown[] = [];
  let offset = skipSeparator(bytes, 0);
  if (offset >= bytes.length) return { values, error: { documentIndex: 1, message: ONLY_WHITESPACE } };
  while (offset < bytes.length) {
    const byte = bytes[offset]!;
    const documentIndex = values.length + 1;
    const structured = byte === OPEN_BRACE || byte === OPEN_BRACKET;
    if (values.length > 0 && !structured) {
      return { values, warning: trailingTextWarning(describeByteLocation(bytes, offset), textAt(bytes, offset)) };
    }
    if (!structured) return loneValue(bytes, offset, scanned);
    const scan = scanStructure(bytes, offset, structure, options.progress);
    if (!scan.ok) {
      const wrapped = documentIndex === 1 && looksLikeWrapperOutput(textAt(bytes, offset).slice(0, 64));
      const message = wrapped
        ? describeNonJsonText(textAt(bytes, offset), 0)
        : syntaxErrorMessage(
            describeByteLocation(bytes, scan.offset),
            scan.expected,
            scan.offset >= bytes.length ? undefined : describeCharacter(textAt(bytes, scan.offset), 0),
          );
      return { values, error: { documentIndex, message } };
    }
    values.push(documentValue(scanned, offset, scan.end, scan.ordinal));
    offset = skipSeparator(bytes, scan.end);
  }
  return { values };
}

/** Input that starts with something other than an object or array: JSON only if it is one lone value. */
function loneValue(bytes: Buffer, offset: number, scanned: ScannedBytes): ParsedStream {
  // JSON.parse reads a lone value surrounded by whitespace; a byte order mark before it is not whitespace.
  let leadingWhitespace = true;
  for (let i = 0; i < offset; i += 1) if (!isWhitespaceByte(bytes[i]!)) leadingWhitespace = false;
  if (leadingWhitespace && startsJsonValueByte(bytes[offset]!)) {
    const scan = scanStructure(bytes, offset, scanned.structure);
    let end = scan.ok ? scan.end : -1;
    while (end >= 0 && end < bytes.length && isWhitespaceByte(bytes[end]!)) end += 1;
    if (scan.ok && end === bytes.length) return { values: [documentValue(scanned, offset, scan.end, scan.ordinal)] };
  }
  return { values: [], error: { documentIndex: 1, message: describeNonJsonText(textAt(bytes, offset), 0) } };
}
