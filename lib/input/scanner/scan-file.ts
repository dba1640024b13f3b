/**
 * Files too large to hold in memory (a plan of hundreds of megabytes): scanned from the file
 * itself, piece by piece, with large values read from the file when something looks at them.
 */
import { constants, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { scanDocuments } from './scan-documents.js';
import { scanOptions, SNIFF_LENGTH, type ScanInputOptions } from './scan-input.js';
import { FileSource } from './byte-source.js';
import { isWhitespaceByte } from './scan-structure.js';
import type { ParsedStream } from '../split-documents.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** Files from this size on are read piece by piece as they are scanned, not held whole. */
const FILE_PIECES_FROM_BYTES = 256 * 1024 * 1024;

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
    // Opening a named pipe takes its writer's data with it when closed unread: look before opening.
    if (!statSync(path).isFile()) return undefined;
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
    const stream = scanDocuments(bytes, {
      ...scanOptions(source, bytes.length, options),
      ...(options.pieceBytes !== undefined ? { pieceBytes: options.pieceBytes } : {}),
    });
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
