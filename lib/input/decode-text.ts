/**
 * Bytes -> text: recognises byte order marks, UTF-16 (what Windows PowerShell's `>` writes),
 * binary files people pass by mistake, and input too large for one JavaScript string.
 * A UTF-8 input is decoded exactly once, from a view of the buffer (no copy).
 */
import { constants, isUtf8 } from 'node:buffer';
import { describeLocation } from './text-location.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type Decoded =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: Encoding }
  /** Valid input, but more characters than one string holds: the caller decides how to read it. */
  | { readonly kind: 'too-large'; readonly bytes: Buffer; readonly encoding: Encoding }
  | { readonly kind: 'error'; readonly message: string };

const SHOW_JSON = 'run `terraform show -json <planfile>` and pass its output';
const EMPTY = `The input is empty; ${SHOW_JSON}.`;

/** The longest string V8 can make, in UTF-16 code units. */
export const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** How far to look for NUL bytes when telling text from binary data. */
const SNIFF_LENGTH = 8192;

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

function error(message: string): Decoded {
  return { kind: 'error', message };
}

function recogniseBinary(bytes: Buffer): Decoded | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return error(`The input is a binary plan file (a zip archive), not JSON; ${SHOW_JSON}.`);
  }
  if (startsWith(bytes, [0x1f, 0x8b])) {
    return error('The input is gzip-compressed; decompress it (for example with `gunzip -c`) and pass the JSON inside.');
  }
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return error('The input is UTF-32 text, which kmsguard does not read; save it as UTF-8.');
  }
  return undefined;
}

/** UTF-16 without a byte order mark, recognised by its first character being ASCII. */
function unmarkedUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] !== 0 && bytes[0]! < 0x80 && bytes[1] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[1]! < 0x80) return 'utf-16be';
  return undefined;
}

function hasNulByte(bytes: Buffer): boolean {
  return bytes.subarray(0, SNIFF_LENGTH).includes(0);
}

/** Where the first byte that is not UTF-8 is, as a line and column of the decoded text. */
function invalidUtf8Location(bytes: Buffer, text: string): string {
  let byteOffset = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // A U+FFFD decoded from the three bytes EF BF BD was in the input; any other stands for bad bytes.
    if (code === 0xfffd && !(bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd)) {
      return describeLocation(text, index);
    }
    if (code < 0x80) byteOffset += 1;
    else if (code < 0x800) byteOffset += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      byteOffset += 4;
      index += 1;
    } else byteOffset += 3;
  }
  return describeLocation(text, text.length);
}

function decodeUtf16(bytes: Buffer, start: number, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const body = bytes.subarray(start);
  if (body.length === 0) return error(EMPTY);
  if (body.length % 2 !== 0) {
    return error(
      `The input is ${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text with an odd number of bytes, so it is cut short; save the complete output again.`,
    );
  }
  if (body.length / 2 > MAX_STRING_LENGTH) return { kind: 'too-large', bytes: body, encoding };
  // swap16 works in place; the caller's buffer is not ours to change.
  const littleEndian = encoding === 'utf-16le' ? body : Buffer.from(body).swap16();
  return { kind: 'text', text: littleEndian.toString('utf16le'), encoding };
}

function isStringTooLong(failure: unknown): boolean {
  return failure instanceof Error && (failure as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG';
}

/** The sentence for input that is not UTF-8, its first bad byte being at `where`. */
export function invalidUtf8Message(where: string): string {
  return `The input is not valid UTF-8 text (the first bad byte is at ${where}); save the output of \`terraform show -json\` as UTF-8.`;
}

export function decodeText(bytes: Buffer): Decoded {
  if (bytes.length === 0) return error(EMPTY);
  const binary = recogniseBinary(bytes);
  if (binary !== undefined) return binary;
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 2, 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 2, 'utf-16be');
  const unmarked = unmarkedUtf16(bytes);
  if (unmarked !== undefined) return decodeUtf16(bytes, 0, unmarked);
  if (hasNulByte(bytes)) return error(`The input is binary data, not JSON; ${SHOW_JSON}.`);

  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.length === 0) return error(EMPTY);
  let text: string;
  try {
    text = body.toString('utf8');
  } catch (failure) {
    if (isStringTooLong(failure)) return { kind: 'too-large', bytes: body, encoding: 'utf-8' };
    throw failure;
  }
  if (!isUtf8(body)) {
    return error(invalidUtf8Message(invalidUtf8Location(body, text)));
  }
  return { kind: 'text', text, encoding: 'utf-8' };
}
