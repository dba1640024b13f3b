/**
 * A stream (standard input) -> its bytes: in memory, or, past a size, in a temporary file that
 * the byte scanner reads piece by piece (see scanner/scan-file.ts), so that a plan of any size piped in
 * takes no more memory than the same plan read from a file.
 *
 * Chunks are joined at the end (the chunks and the joined copy are both held for a moment: at
 * most twice the spool threshold). A buffer grown in place (a resizable ArrayBuffer) would avoid
 * that, but V8 reads typed arrays over resizable buffers much more slowly.
 */
import { constants } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Called as bytes arrive, with the total so far. */
export type ReadProgress = (bytes: number) => void;

function asBytes(chunk: unknown): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
}

/** Error for input longer than a Buffer can be. */
export class InputTooLargeError extends Error {
  override readonly name = 'InputTooLargeError';
}

/** All of a stream's bytes as one Buffer (a lone chunk is returned as it is). */
export async function collectBytes(stream: AsyncIterable<unknown>, progress?: ReadProgress, maxBytes: number = constants.MAX_LENGTH): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = asBytes(chunk);
    length += bytes.length;
    if (length > maxBytes) throw new InputTooLargeError(`The input is larger than ${maxBytes} bytes.`);
    chunks.push(bytes);
    progress?.(length);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
}

/** A stream's bytes: in memory, or in a temporary file for the caller to remove when done. */
export type CollectedInput = { readonly data: Buffer } | { readonly path: string; readonly remove: () => void };

/** Streams from this size on go to a temporary file. */
export const SPOOL_FROM_BYTES = 256 * 1024 * 1024;

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Told the moment a temporary file is made, with what removes it (so it can go if the process is stopped while reading). */
export type SpoolListener = (remove: () => void) => void;

/**
 * A stream's bytes, in memory while they are fewer than `spoolFrom`, then written to a
 * temporary file as they come.
 */
export async function collectInput(
  stream: AsyncIterable<unknown>,
  progress?: ReadProgress,
  spoolFrom: number = SPOOL_FROM_BYTES,
  onSpool?: SpoolListener,
): Promise<CollectedInput> {
  const chunks: Buffer[] = [];
  let length = 0;
  let spool: { readonly dir: string; readonly file: string; readonly fd: number } | undefined;
  try {
    for await (const chunk of stream) {
      const bytes = asBytes(chunk);
      if (spool === undefined && length + bytes.length >= spoolFrom) {
        const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-'));
        const file = path.join(dir, 'stdin.json');
        spool = { dir, file, fd: openSync(file, 'w') };
        onSpool?.(() => rmSync(dir, { recursive: true, force: true }));
        for (const kept of chunks) writeAll(spool.fd, kept);
        chunks.length = 0;
      }
      if (spool !== undefined) writeAll(spool.fd, bytes);
      else chunks.push(bytes);
      length += bytes.length;
      progress?.(length);
    }
  } catch (failure) {
    if (spool !== undefined) {
      closeSync(spool.fd);
      rmSync(spool.dir, { recursive: true, force: true });
    }
    throw failure;
  }
  if (spool === undefined) return { data: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length) };
  closeSync(spool.fd);
  const { dir, file } = spool;
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
