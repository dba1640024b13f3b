/**
 * When the byte scanner reads an input instead of decoding it and parsing the text.
 *
 * The scanner takes large UTF-8 inputs that start like JSON. Everything else goes to the text
 * path, which words every problem: small inputs, unusual encodings, binary data, invalid
 * UTF-8, and any input the scanner finds an error in while it would fit in one string (the
 * text path then says exactly where and what). Inputs too large for one string can only be
 * read here: see `scanLargeInput`, and scan-file.ts for files too large to hold in memory.
 */
import { constants, isUtf8, transcode } from 'node:buffer';
import { invalidUtf8Message, type Encoding } from '../decode-text.js';
import { describeNonJsonText } from '../describe-text.js';
import { describeByteLocation, scanDocuments, type ScanOptions } from './scan-documents.js';
import type { ProgressListener } from '../progress.js';
import { isWhitespaceByte } from './scan-structure.js';
import type { ParsedStream } from '../split-documents.js';

/** Inputs from this size on are read by the scanner (it is faster than JSON.parse from about here). */
export const SCAN_THRESHOLD_BYTES = 8 * 1024 * 1024;

/** How far to look for NUL bytes, as the text path does before calling input binary. */
export const SNIFF_LENGTH = 8192;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

export interface ScanInputOptions {
  /** Inputs smaller than this go to the text path (default SCAN_THRESHOLD_BYTES). */
  readonly threshold?: number;
  /** Told how far the scanner has read. */
  readonly progress?: ProgressListener;
  /** Member names whose object value is built with the element holding it rather than lazily (speed only). */
  readonly builtWithElement?: ReadonlySet<string>;
}

/** The scanner's options for an input named `source` of `total` bytes. */
export function scanOptions(source: string, total: number, options: ScanInputOptions): ScanOptions {
  const { progress, builtWithElement } = options;
  return {
    ...(progress !== undefined ? { progress: (offset: number) => progress({ phase: 'scan', source, bytes: offset, total }) } : {}),
    ...(builtWithElement !== undefined ? { builtWithElement } : {}),
  };
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
