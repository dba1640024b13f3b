/**
 * A stream -> one Buffer, without holding the input twice.
 *
 * Joining chunks at the end (Buffer.concat) needs the chunks and the joined copy at once: a
 * 600 MiB plan piped in would take 1.2 GiB before anything is read. Here the chunks are copied
 * as they come into one buffer that grows in place (a resizable ArrayBuffer reserves address
 * space and takes memory only as it is written), so the input takes its own size.
 */
import { constants } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Called as bytes arrive, with the total so far. */
export type ReadProgress = (bytes: number) => void;

/** Growth step of the buffer. */
const STEP = 16 * 1024 * 1024;

interface ResizableArrayBuffer extends ArrayBuffer {
  resize(length: number): void;
}

type ResizableArrayBufferConstructor = new (length: number, options: { maxByteLength: number }) => ResizableArrayBuffer;

function resizable(maxByteLength: number): ResizableArrayBuffer | undefined {
  try {
    return new (ArrayBuffer as unknown as ResizableArrayBufferConstructor)(0, { maxByteLength });
  } catch {
    return undefined;
  }
}

function asBytes(chunk: unknown): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
}

/** Error for input longer than a Buffer can be. */
export class InputTooLargeError extends Error {
  override readonly name = 'InputTooLargeError';
}

export async function collectBytes(stream: AsyncIterable<unknown>, progress?: ReadProgress, maxBytes: number = constants.MAX_LENGTH): Promise<Buffer> {
  const memory = resizable(maxBytes);
  if (memory === undefined) return collectChunks(stream, progress, maxBytes);
  /** The first chunk, kept as it is until a second one comes (a lone chunk is returned without a copy). */
  let first: Buffer | undefined;
  let length = 0;
  const append = (bytes: Buffer): void => {
    const needed = length + bytes.length;
    if (needed > memory.byteLength) memory.resize(Math.min(maxBytes, Math.ceil(needed / STEP) * STEP));
    new Uint8Array(memory, length, bytes.length).set(bytes);
    length = needed;
  };
  let chunks = 0;
  for await (const chunk of stream) {
    const bytes = asBytes(chunk);
    chunks += 1;
    const total = (first?.length ?? length) + bytes.length;
    if (total > maxBytes) throw new InputTooLargeError(`The input is larger than ${maxBytes} bytes.`);
    if (chunks === 1) {
      first = bytes;
    } else {
      if (first !== undefined) append(first);
      first = undefined;
      append(bytes);
    }
    progress?.(total);
  }
  if (chunks === 1) return first!;
  return Buffer.from(memory, 0, length);
}

async function collectChunks(stream: AsyncIterable<unknown>, progress: ReadProgress | undefined, maxBytes: number): Promise<Buffer> {
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

/** Streams from this size on go to a temporary file (read from there piece by piece, not held). */
export const SPOOL_FROM_BYTES = 256 * 1024 * 1024;

/**
 * A stream's bytes, in memory while they are fewer than `spoolFrom`, then written to a
 * temporary file as they come: a plan of any size piped in takes no more memory than one read
 * from a file.
 */
export async function collectInput(stream: AsyncIterable<unknown>, progress?: ReadProgress, spoolFrom: number = SPOOL_FROM_BYTES): Promise<CollectedInput> {
  const memory = resizable(spoolFrom);
  let length = 0;
  let spool: { readonly dir: string; readonly file: string; readonly fd: number } | undefined;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) {
      const bytes = asBytes(chunk);
      if (spool === undefined && length + bytes.length >= spoolFrom) {
        const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-'));
        const file = path.join(dir, 'stdin.json');
        spool = { dir, file, fd: openSync(file, 'w') };
        if (memory !== undefined) writeAll(spool.fd, new Uint8Array(memory, 0, length));
        for (const kept of chunks) writeAll(spool.fd, kept);
        chunks.length = 0;
        memory?.resize(0);
      }
      if (spool !== undefined) writeAll(spool.fd, bytes);
      else if (memory !== undefined) {
        if (length + bytes.length > memory.byteLength) memory.resize(Math.min(spoolFrom, Math.ceil((length + bytes.length) / STEP) * STEP));
        new Uint8Array(memory, length, bytes.length).set(bytes);
      } else chunks.push(bytes);
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
  if (spool === undefined) return { data: memory !== undefined ? Buffer.from(memory, 0, length) : Buffer.concat(chunks, length) };
  closeSync(spool.fd);
  const { dir, file } = spool;
  return { path: file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
