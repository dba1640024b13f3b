/**
 * Input with more characters than one JavaScript string can hold (about 512 MiB of text).
 * JSON.parse cannot read it; the byte scanner does (see scan-input.ts).
 */
import type { Encoding } from './decode-text.js';
import { scanLargeInput, type ScanInputOptions } from './scanner/scan-input.js';
import type { ParsedStream } from './split-documents.js';

export function readLargeInput(source: string, bytes: Buffer, encoding: Encoding, reading: ScanInputOptions = {}): ParsedStream {
  return scanLargeInput(source, bytes, encoding, reading);
}
