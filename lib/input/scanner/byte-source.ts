/**
 * Where the byte scanner's bytes come from: memory (a Buffer), or a file read piece by piece
 * when it is too large to hold (a plan of 600 MiB would otherwise take 600 MiB before anything
 * else). Readers ask for byte ranges; `ByteWindow` gives byte-by-byte access over a range,
 * reading a page at a time.
 */
import { closeSync, readSync } from 'node:fs';

export interface ByteSource {
  readonly length: number;
  /** Bytes `[start, end)`: a view of memory, or a fresh copy read from the file. */
  read(start: number, end: number): Buffer;
  /** The whole input when it is in memory. */
  readonly bytes?: Buffer;
}

export class MemorySource implements ByteSource {
  readonly length: number;

  constructor(readonly bytes: Buffer) {
    this.length = bytes.length;
  }

  read(start: number, end: number): Buffer {
    return this.bytes.subarray(start, end);
  }
}

/** Closes a file source's descriptor once nothing reads from it any more. */
const closing = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to do.
  }
});

/** A file read piece by piece; offset 0 is the file's byte `skip` (after a byte order mark). */
export class FileSource implements ByteSource {
  constructor(
    private readonly fd: number,
    readonly length: number,
    private readonly skip = 0,
  ) {
    closing.register(this, fd, this);
  }

  /** Closes the file now (nothing may read from this source afterwards). */
  close(): void {
    closing.unregister(this);
    closeSync(this.fd);
  }

  read(start: number, end: number): Buffer {
    const length = Math.max(0, Math.min(end, this.length) - start);
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, this.skip + start + done);
      if (read === 0) throw new Error(`The file ended at byte ${start + done} while kmsguard was reading it (was it changed?).`);
      done += read;
    }
    return buffer;
  }
}

/** Window pages: large enough for a walk over most objects, small enough to read often. */
const PAGE_BYTES = 64 * 1024;
/** What a lone byte access reads around it. */
const SMALL_PAGE = 4 * 1024;

/**
 * Byte-by-byte access to a source. Over memory it is the Buffer itself; over a file it holds
 * one page, read again whenever an offset falls outside it.
 */
export class ByteWindow {
  /** The bytes held, covering `[base, base + page.length)`. */
  page: Buffer;
  base = 0;

  constructor(private readonly source: ByteSource) {
    this.page = source.bytes ?? Buffer.alloc(0);
  }

  /** Holds `[start, end)` if it fits in a page, else the page from `start`. */
  load(start: number, end: number = start + PAGE_BYTES): void {
    if (this.source.bytes !== undefined) return;
    if (start >= this.base && Math.min(end, this.source.length) <= this.base + this.page.length) return;
    const to = Math.min(this.source.length, start + Math.max(1, Math.min(end - start, 4 * PAGE_BYTES)));
    this.page = this.source.read(start, to);
    this.base = start;
  }

  /** The byte at `offset`, undefined past the end. */
  at(offset: number): number | undefined {
    const index = offset - this.base;
    if (index >= 0 && index < this.page.length) return this.page[index];
    if (offset < 0 || offset >= this.source.length) return undefined;
    this.load(offset, offset + SMALL_PAGE);
    return this.page[offset - this.base];
  }

  /** Offset of the first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    let offset = from;
    while (offset < this.source.length) {
      if (offset < this.base || offset >= this.base + this.page.length) this.load(offset);
      const found = this.page.indexOf(byte, offset - this.base);
      if (found !== -1) return this.base + found;
      offset = this.base + this.page.length;
    }
    return -1;
  }

  /** Bytes `[start, end)`: a view of the page when it holds them, else read. */
  slice(start: number, end: number): Buffer {
    const from = start - this.base;
    if (from >= 0 && end - this.base <= this.page.length) return this.page.subarray(from, end - this.base);
    return this.source.read(start, end);
  }
}
