/**
 * Where one JSON value ends in a text, or where and why it is not valid JSON: the byte scanner
 * (scan-structure.ts) run over the text's UTF-8 bytes, with offsets given back in the text's
 * UTF-16 code units. JSON.parse reads a whole string and, on failure, does not always say where;
 * this lets the reader split a stream of several documents and point at the first error.
 */
import { Structure, scanStructure } from './scan-structure.js';

type ScanResult =
  | { readonly ok: true; readonly end: number }
  /** `offset` is where the error is; at `text.length` when the text ends inside the value. */
  | { readonly ok: false; readonly offset: number; readonly expected: string };

/** UTF-16 code units of the UTF-8 bytes before `end` (a lone surrogate was written as one 3-byte character). */
function unitsBefore(bytes: Buffer, end: number): number {
  let units = 0;
  for (let i = 0; i < end; i += 1) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** A text and its UTF-8 bytes, for scanning value after value (in order: offsets carry over). */
export class TextScanner {
  private readonly bytes: Buffer;
  /** A text offset and the byte offset of the same place, where the last scan ended. */
  private textAt = 0;
  private byteAt = 0;

  constructor(private readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8');
  }

  private byteOffset(start: number): number {
    if (start < this.textAt) {
      this.textAt = 0;
      this.byteAt = 0;
    }
    this.byteAt += Buffer.byteLength(this.text.slice(this.textAt, start), 'utf8');
    this.textAt = start;
    return this.byteAt;
  }

  /** Scans the value starting at text offset `start` (a character that is not whitespace). */
  scanValue(start: number): ScanResult {
    const from = this.byteOffset(start);
    const scanned = scanStructure(this.bytes, from, new Structure());
    const textOffset = (byte: number): number => start + unitsBefore(this.bytes.subarray(from), byte - from);
    if (!scanned.ok) {
      return { ok: false, offset: scanned.offset >= this.bytes.length ? this.text.length : textOffset(scanned.offset), expected: scanned.expected };
    }
    const end = textOffset(scanned.end);
    this.textAt = end;
    this.byteAt = scanned.end;
    return { ok: true, end };
  }
}
