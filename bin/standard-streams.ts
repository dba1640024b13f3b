/**
 * Standard output and standard error as the command line uses them: every diagnostic one
 * printable line, and a failed write to standard output ending the run with a sentence (or,
 * for a reader that went away, quietly) instead of a stack trace.
 */
import { printable } from '../lib/report/printable.js';

/** Ends the run with one sentence on standard error and this exit code (2: unusable input or command line). */
export class CommandLineExit extends Error {
  override readonly name = 'CommandLineExit';

  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * One line on standard error, `kmsguard: ` first. Messages quote input (file names, text after
 * the JSON, config keys): control characters and workflow commands in it are escaped.
 */
export function say(message: string): void {
  process.stderr.write(`kmsguard: ${printable(message)}\n`);
}

const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EIO: 'an input/output error',
  EFBIG: 'the file is too large',
  ENAMETOOLONG: 'the name is too long',
};

/** `no space left on the device (ENOSPC)`: what went wrong, in words, with the system's code. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return WRITE_ERRORS[code] === undefined ? code : `${WRITE_ERRORS[code]} (${code})`;
}

let stdoutFailure: NodeJS.ErrnoException | undefined;

/** EPIPE: the reader closed the pipe (`| head -1`); it wanted no more, so nothing is said. */
function isBrokenPipe(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE';
}

function recordStdoutFailure(error: NodeJS.ErrnoException): void {
  if (stdoutFailure !== undefined) return;
  stdoutFailure = error;
  if (isBrokenPipe(error)) return;
  say(`Could not write to standard output: ${describeWriteError(error)}.`);
  // The error can come after the run has set its exit code (a write the system finishes late).
  process.exitCode = 2;
}

/**
 * Catches write errors on the standard streams, which Node would otherwise throw as an
 * uncaught 'error' event with a stack trace. Call once, first.
 */
export function guardStandardStreams(): void {
  process.stdout.on('error', recordStdoutFailure);
  // Standard error is where failures are told; when it fails there is nowhere left to tell.
  process.stderr.on('error', () => undefined);
}

/** Writes to standard output; resolves once the text is handed over or the write failed. Nothing more is written after a failure. */
export function writeStdout(text: string): Promise<void> {
  if (stdoutFailure !== undefined) return Promise.resolve();
  return new Promise((resolve) => {
    process.stdout.write(text, (error) => {
      if (error) recordStdoutFailure(error);
      resolve();
    });
  });
}

/** The exit code once output is written: 2 if standard output failed other than by a closed pipe. */
export function exitCodeAfterOutput(code: number): number {
  return stdoutFailure !== undefined && !isBrokenPipe(stdoutFailure) ? 2 : code;
}
