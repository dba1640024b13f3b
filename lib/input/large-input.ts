/**
 * Input with more characters than one JavaScript string can hold (about 512 MiB of text).
 * JSON.parse cannot read it; it is refused with a clear sentence for now. This is the place
 * where a reader working on the bytes themselves can take over.
 */
import type { Encoding } from './decode-text.js';
import type { ParsedStream } from './split-documents.js';

const MIB = 1024 * 1024;

export function formatMiB(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

export function readLargeInput(bytes: Buffer, _encoding: Encoding): ParsedStream {
  return {
    values: [],
    error: {
      documentIndex: 1,
      message: `The input (${formatMiB(bytes.length)}) is too large for kmsguard to read yet (the limit is about 512 MiB of text), so it was not judged.`,
    },
  };
}
