/**
 * Where input bytes come from: a file, or standard input read asynchronously
 * (`readFileSync(0)` throws EAGAIN on a non-blocking pipe).
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  collectBytes,
  collectInput,
  InputTooLargeError,
  SPOOL_FROM_BYTES,
  type CollectedInput,
  type ReadProgress,
  type SpoolListener,
} from './collect-input.js';

type FileBytes = { readonly bytes: Buffer } | { readonly error: string };

const SHOW_JSON_FILE = 'pass the JSON file written from `terraform show -json <planfile>`';

function errorCode(failure: unknown): string | undefined {
  const code = (failure as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : undefined;
}

function describeReadFailure(failure: unknown): string {
  const code = errorCode(failure);
  switch (code) {
    case 'ENOENT':
      return `The file does not exist; ${SHOW_JSON_FILE}.`;
    case 'ENOTDIR':
      return `The file does not exist (part of its path is not a directory); ${SHOW_JSON_FILE}.`;
    case 'EISDIR':
      return `The path is a directory, not a file; ${SHOW_JSON_FILE}.`;
    case 'EACCES':
    case 'EPERM':
      return 'The file cannot be read: permission denied.';
    case 'ELOOP':
      return 'The file cannot be read: its path has a loop of symbolic links.';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'The file is larger than 2 GiB, more than kmsguard can read.';
    default:
      return `The file cannot be read (${code ?? 'unknown error'}).`;
  }
}

export async function readFileBytes(path: string): Promise<FileBytes> {
  try {
    return { bytes: await readFile(path) };
  } catch (failure) {
    return { error: describeReadFailure(failure) };
  }
}

/**
 * All of standard input (or `stream`) as one Buffer. Rejects with an Error whose message is one
 * sentence when the stream fails.
 */
export async function readStdin(stream: Readable = process.stdin, progress?: ReadProgress): Promise<Buffer> {
  try {
    return await collectBytes(stream, progress);
  } catch (failure) {
    if (failure instanceof InputTooLargeError) throw new Error('Standard input is larger than 4 GiB, more than kmsguard can read.', { cause: failure });
    throw new Error(`Standard input cannot be read (${errorCode(failure) ?? 'unknown error'}).`, { cause: failure });
  }
}

/**
 * Standard input as an input spec's bytes: in memory, or (past 256 MiB) in a temporary file,
 * to be removed with `remove` when done. Rejects as `readStdin` does.
 */
export async function readStdinInput(stream: Readable = process.stdin, progress?: ReadProgress, onSpool?: SpoolListener): Promise<CollectedInput> {
  try {
    return await collectInput(stream, progress, SPOOL_FROM_BYTES, onSpool);
  } catch (failure) {
    throw new Error(`Standard input cannot be read (${errorCode(failure) ?? 'unknown error'}).`, { cause: failure });
  }
}

/** A Buffer over the same memory as `data` (no copy). */
export function asBuffer(data: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
