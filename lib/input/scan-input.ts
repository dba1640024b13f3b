/**
 * When the byte scanner reads an input instead of decoding it and parsing the text.
 *
 * The scanner takes large UTF-8 inputs that start like JSON. Everything else goes to the text
 * path, which words every problem: small inputs, unusual encodings, binary data, invalid
 * UTF-8, and any input the scanner finds an error in while it would fit in one string (the
 * text path then says exactly where and what). Inputs too large for one string can only be
 * read here: see `scanLargeInput`.
 */
import { constants, isUtf8, transcode } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { invalidUtf8Message, type Encoding } from './decode-text.js';
import { describeNonJsonText } from './describe-text.js';
import { describeByteLocation, scanDocuments, type ScanOptions } from './scan-documents.js';
import type { ProgressListener } from './scan-progress.js';
import { FileSource } from './scan-source.js';
import { isWhitespaceByte } from './scan-structure.js';
import type { ParsedStream } from './split-documents.js';

/** Inputs from this size on are read by the scanner (it is faster than JSON.parse from about here). */
export const SCAN_THRESHOLD_BYTES = 8 * 1024 * 1024;

/** How far to look for NUL bytes, as the text path does before calling input binary. */
const SNIFF_LENGTH = 8192;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

export interface ScanInputOptions {
  /** Inputs smaller than this go to the text path (default SCAN_THRESHOLD_BYTES). */
  readonly threshold?: number;
  /** Told how far the scanner has read. */
  readonly progress?: ProgressListener;
}

function scanOptions(source: string, total: number, options: ScanInputOptions): ScanOptions {
  const { progress } = options;
  if (progress === undefined) return {};
  return { progress: (offset) => progress({ phase: 'scan', source, bytes: offset, total }) };
}

function withoutByteOrderMark(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Whether the text path would read `body` as UTF-8 text that starts like a JSON object or array. */
function looksLikeJsonText(body: Buffer): boolean {
  let i = 0;
  while (i < body.length && isWhitespaceByte(body[i]!)) i += 1;
  if (i >= body.length || (body[i] !== OPEN_BRACE && body[i] !== OPEN_BRACKET)) return false;
  if (body.subarray(0, SNIFF_LENGTH).includes(0)) return false;
  return isUtf8(body);
}

/**
 * The documents in `bytes` read by the scanner, or undefined when the text path should read
 * them (see the module comment).
 */
export function scanInput(source: string, bytes: Buffer, options: ScanInputOptions = {}): ParsedStream | undefined {
  if (bytes.length < (options.threshold ?? SCAN_THRESHOLD_BYTES)) return undefined;
  const body = withoutByteOrderMark(bytes);
  if (!looksLikeJsonText(body)) return undefined;
  const stream = scanDocuments(body, scanOptions(source, body.length, options));
  if (stream.error !== undefined && body.length <= constants.MAX_STRING_LENGTH) return undefined;
  return stream;
}

/** The first byte offset where `bytes` stop being UTF-8 (bytes.length when they are). */
function firstInvalidUtf8(bytes: Buffer): number {
  // Halve the range until the bad sequence is found: isUtf8 is fast, and this runs only on bad input.
  let start = 0;
  let end = bytes.length;
  while (end - start > 4) {
    let middle = (start + end) >>> 1;
    while (middle > start && (bytes[middle]! & 0xc0) === 0x80) middle -= 1;
    if (middle === start) break;
    if (isUtf8(bytes.subarray(start, middle))) start = middle;
    else end = middle;
  }
  for (let i = start; i < end; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return end;
}

/** Length of the UTF-8 sequence at `offset`, or 0 when it is not one. */
function sequenceLength(bytes: Buffer, offset: number): number {
  for (const length of [1, 2, 3, 4]) {
    if (offset + length <= bytes.length && isUtf8(bytes.subarray(offset, offset + length))) return length;
  }
  return 0;
}

/** Bytes of UTF-16 converted first, to see whether the input starts like JSON. */
const HEAD_BYTES = 64 * 1024;

/**
 * Input with more characters than one JavaScript string holds: only the scanner can read it.
 * UTF-16 is converted to UTF-8 first, without going through a string (and not at all when it
 * does not start like a JSON object or array: a lone value that large is no plan either).
 */
export function scanLargeInput(source: string, bytes: Buffer, encoding: Encoding, options: ScanInputOptions = {}): ParsedStream {
  if (encoding === 'utf-8') {
    if (!isUtf8(bytes)) return { values: [], error: { documentIndex: 1, message: invalidUtf8Message(describeByteLocation(bytes, firstInvalidUtf8(bytes))) } };
    if (!startsLikeContainer(bytes)) return notJson(bytes);
    return scanDocuments(bytes, scanOptions(source, bytes.length, options));
  }
  const toUtf8 = (utf16: Buffer): Buffer => transcode(encoding === 'utf-16le' ? utf16 : Buffer.from(utf16).swap16(), 'utf16le', 'utf8');
  const head = toUtf8(bytes.subarray(0, Math.min(bytes.length, HEAD_BYTES)));
  if (!startsLikeContainer(head)) return notJson(head);
  const body = toUtf8(bytes);
  return scanDocuments(body, scanOptions(source, body.length, options));
}

/** Whether the first byte that is not whitespace (or a byte order mark) opens an object or array, or there is none. */
function startsLikeContainer(bytes: Buffer): boolean {
  let i = 0;
  for (;;) {
    if (i < bytes.length && isWhitespaceByte(bytes[i]!)) i += 1;
    else if (bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
    else break;
  }
  return i >= bytes.length || bytes[i] === OPEN_BRACE || bytes[i] === OPEN_BRACKET;
}

function notJson(head: Buffer): ParsedStream {
  let i = 0;
  while (i < head.length && (isWhitespaceByte(head[i]!) || head[i] === 0xef || head[i] === 0xbb || head[i] === 0xbf)) i += 1;
  return { values: [], error: { documentIndex: 1, message: describeNonJsonText(head.toString('utf8', i), 0) } };
}

/** Files from this size on are read piece by piece as they are scanned, not held whole. */
export const FILE_PIECES_FROM_BYTES = 256 * 1024 * 1024;

/** Bytes checked at a time for UTF-8 validity. */
const UTF8_PIECE = 16 * 1024 * 1024;

function readAt(fd: number, start: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, start + done);
    if (read === 0) return buffer.subarray(0, done);
    done += read;
  }
  return buffer;
}

/** Whether the file's bytes from `start` are all UTF-8, checked piece by piece (pieces end on a character boundary). */
function fileIsUtf8(fd: number, start: number, size: number): boolean {
  let offset = start;
  while (offset < size) {
    const piece = readAt(fd, offset, Math.min(UTF8_PIECE, size - offset));
    let end = piece.length;
    if (offset + end < size) {
      // Leave a character cut by the end of the piece to the next piece.
      let lead = end - 1;
      while (lead > 0 && end - lead < 4 && (piece[lead]! & 0xc0) === 0x80) lead -= 1;
      const expected = piece[lead]! >= 0xf0 ? 4 : piece[lead]! >= 0xe0 ? 3 : piece[lead]! >= 0xc0 ? 2 : 1;
      if (end - lead < expected) end = lead;
    }
    if (end === 0 || !isUtf8(piece.subarray(0, end))) return false;
    offset += end;
  }
  return true;
}

/**
 * The documents of a large file, scanned piece by piece from the file itself: the bytes are
 * never all in memory, and large values are read from the file when something looks at them.
 * Undefined when the file is smaller than FILE_PIECES_FROM_BYTES, cannot be opened, or is not
 * UTF-8 text that starts like JSON: the caller then reads it whole, and words every problem.
 */
export function scanFile(
  source: string,
  path: string,
  options: ScanInputOptions & { readonly from?: number; readonly pieceBytes?: number } = {},
): ParsedStream | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  let kept = false;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size < (options.from ?? FILE_PIECES_FROM_BYTES)) return undefined;
    const head = readAt(fd, 0, Math.min(stat.size, SNIFF_LENGTH));
    const skip = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    if (!looksLikeJsonStart(head.subarray(skip))) return undefined;
    if (!fileIsUtf8(fd, skip, stat.size)) return undefined;
    const bytes = new FileSource(fd, stat.size - skip, skip);
    kept = true;
    const stream = scanDocuments(bytes, { ...scanOptions(source, bytes.length, options), ...(options.pieceBytes !== undefined ? { pieceBytes: options.pieceBytes } : {}) });
    if (stream.error !== undefined && bytes.length <= constants.MAX_STRING_LENGTH) {
      bytes.close();
      return undefined;
    }
    return stream;
  } finally {
    if (!kept) closeSync(fd);
  }
}

/** The head of a file: whitespace then an object or array, and no NUL byte (the text path calls that binary). */
function looksLikeJsonStart(head: Buffer): boolean {
  let i = 0;
  while (i < head.length && isWhitespaceByte(head[i]!)) i += 1;
  return i < head.length && (head[i] === OPEN_BRACE || head[i] === OPEN_BRACKET) && !head.includes(0);
}
