/**
 * A JSON grammar check over UTF-8 bytes that records, for every object and array, where it
 * closes. It accepts exactly what JSON.parse accepts (the bytes being valid UTF-8), builds no
 * value, and leaves the reading of values to `lazy-values.ts`, which uses the record to jump
 * over whatever it is not asked for.
 *
 * Containers are numbered in document order (their "ordinal"). The first container inside
 * container k is k + 1; the first container after k and everything inside it is `next[k]`.
 * Tiny containers (under TINY_CONTAINER_BYTES, such as `{}` or `["create"]`, most of them in a
 * plan) are not numbered: readers step over them byte by byte, and the record stays small.
 */

/** Containers shorter than this many bytes (brackets included) are not numbered. */
const TINY_CONTAINER_BYTES = 64;

/** Where containers close: filled by `scanStructure`, read by `lazy-values.ts`. */
export class Structure {
  /** open[k]: byte offset of the `{` or `[` of container k. */
  open: Uint32Array;
  /** close[k]: byte offset of the `}` or `]` of container k. */
  close: Uint32Array;
  /** objects[k]: 1 when container k is an object, 0 for an array. */
  objects: Uint8Array;
  /** next[k]: ordinal of the first container after container k (and its contents). */
  next: Uint32Array;
  count = 0;

  constructor(capacity = 1024) {
    this.open = new Uint32Array(capacity);
    this.close = new Uint32Array(capacity);
    this.objects = new Uint8Array(capacity);
    this.next = new Uint32Array(capacity);
  }

  /** Numbers the container opening at `offset`; its close is recorded by `shut`. */
  begin(offset: number, isObject: boolean): number {
    if (this.count === this.close.length) this.grow();
    this.open[this.count] = offset;
    this.objects[this.count] = isObject ? 1 : 0;
    return this.count++;
  }

  /** Records where container `ordinal` closes; a tiny one holding no numbered container is un-numbered. */
  shut(ordinal: number, offset: number): void {
    if (offset - this.open[ordinal]! + 1 < TINY_CONTAINER_BYTES && ordinal === this.count - 1) {
      this.count -= 1;
      return;
    }
    this.close[ordinal] = offset;
    this.next[ordinal] = this.count;
  }

  /** The ordinal of the container opening at `offset` if it is numbered and is `candidate`, else -1. */
  numbered(candidate: number, offset: number): number {
    return candidate < this.count && this.open[candidate] === offset ? candidate : -1;
  }

  private grow(): void {
    const capacity = Math.ceil(this.close.length * 1.5) + 1024;
    const open = new Uint32Array(capacity);
    open.set(this.open);
    this.open = open;
    const objects = new Uint8Array(capacity);
    objects.set(this.objects);
    this.objects = objects;
    const close = new Uint32Array(capacity);
    close.set(this.close);
    const next = new Uint32Array(capacity);
    next.set(this.next);
    this.close = close;
    this.next = next;
  }
}

type StructureScan =
  /** `end`: just after the value. `ordinal`: the value's container number, -1 for a scalar or a tiny container. */
  | { readonly ok: true; readonly end: number; readonly ordinal: number }
  /** `offset` is where the error is; `bytes.length` when the input ends inside the value. */
  | { readonly ok: false; readonly offset: number; readonly expected: string };

const enum Byte {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerB = 0x62,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerN = 0x6e,
  LowerR = 0x72,
  LowerT = 0x74,
  LowerU = 0x75,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const enum Expect {
  Value,
  FirstElementOrClose,
  FirstKeyOrClose,
  Key,
  Colon,
  AfterValue,
}

const IN_ARRAY = 0;
const IN_OBJECT = 1;

export function isWhitespaceByte(byte: number): boolean {
  return byte === Byte.Space || byte === Byte.LineFeed || byte === Byte.CarriageReturn || byte === Byte.Tab;
}

function isDigit(byte: number): boolean {
  return byte >= Byte.Zero && byte <= Byte.Nine;
}

function isHexDigit(byte: number): boolean {
  return isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

function isEscapable(byte: number): boolean {
  return (
    byte === Byte.Quote ||
    byte === Byte.Backslash ||
    byte === Byte.Slash ||
    byte === Byte.LowerB ||
    byte === Byte.LowerF ||
    byte === Byte.LowerN ||
    byte === Byte.LowerR ||
    byte === Byte.LowerT
  );
}

/** Set by the step functions when they return a failure (a negative number). */
let failure = '';

function fail(offset: number, expected: string): number {
  failure = expected;
  return -1 - offset;
}

/** From the opening quote at `start`: the offset after the closing quote, or a failure. */
function scanString(bytes: Uint8Array, start: number): number {
  const length = bytes.length;
  let i = start + 1;
  for (;;) {
    // The common case first: plain characters.
    let byte = 0;
    while (i < length) {
      byte = bytes[i]!;
      if (byte === Byte.Quote || byte === Byte.Backslash || byte < Byte.Space) break;
      i += 1;
    }
    if (i >= length) return fail(length, "'\"' to close the string");
    if (byte === Byte.Quote) return i + 1;
    if (byte < Byte.Space) return fail(i, 'an escaped character (control characters must be escaped inside a string)');
    const next = i + 1;
    if (next >= length) return fail(length, 'an escape sequence');
    const escaped = bytes[next]!;
    if (escaped === Byte.LowerU) {
      for (let h = next + 1; h < next + 5; h += 1) {
        if (h >= length) return fail(length, 'four hexadecimal digits after \\u');
        if (!isHexDigit(bytes[h]!)) return fail(h, 'four hexadecimal digits after \\u');
      }
      i = next + 5;
    } else if (isEscapable(escaped)) {
      i = next + 1;
    } else {
      return fail(next, 'a valid escape sequence (one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)');
    }
  }
}

function scanDigits(bytes: Uint8Array, start: number): number {
  if (start >= bytes.length) return fail(bytes.length, 'a digit');
  if (!isDigit(bytes[start]!)) return fail(start, 'a digit');
  let i = start + 1;
  while (i < bytes.length && isDigit(bytes[i]!)) i += 1;
  return i;
}

function scanNumber(bytes: Uint8Array, start: number): number {
  let i = start;
  if (bytes[i] === Byte.Minus) i += 1;
  if (bytes[i] === Byte.Zero) {
    i += 1;
  } else {
    i = scanDigits(bytes, i);
    if (i < 0) return i;
  }
  if (bytes[i] === Byte.Dot) {
    i = scanDigits(bytes, i + 1);
    if (i < 0) return i;
  }
  const mark = bytes[i];
  if (mark === Byte.LowerE || mark === Byte.UpperE) {
    i += 1;
    const sign = bytes[i];
    if (sign === Byte.Plus || sign === Byte.Minus) i += 1;
    i = scanDigits(bytes, i);
  }
  return i;
}

const LITERALS: readonly (readonly number[])[] = ['true', 'false', 'null'].map((word) => [...word].map((c) => c.charCodeAt(0)));
const LITERAL_NAMES = ["'true'", "'false'", "'null'"];

function scanLiteral(bytes: Uint8Array, start: number): number {
  for (let l = 0; l < LITERALS.length; l += 1) {
    const literal = LITERALS[l]!;
    if (literal[0] !== bytes[start]) continue;
    for (let k = 1; k < literal.length; k += 1) {
      if (start + k >= bytes.length) return fail(bytes.length, LITERAL_NAMES[l]!);
      if (bytes[start + k] !== literal[k]) return fail(start, 'a JSON value');
    }
    return start + literal.length;
  }
  return fail(start, 'a JSON value');
}

function scanScalar(bytes: Uint8Array, start: number, byte: number): number {
  if (byte === Byte.Quote) return scanString(bytes, start);
  if (byte === Byte.Minus || isDigit(byte)) return scanNumber(bytes, start);
  return scanLiteral(bytes, start);
}

/** Whether a JSON value can start with this byte. */
export function startsJsonValueByte(byte: number): boolean {
  return (
    byte === Byte.OpenBrace ||
    byte === Byte.OpenBracket ||
    byte === Byte.Quote ||
    byte === Byte.Minus ||
    isDigit(byte) ||
    byte === Byte.LowerT ||
    byte === Byte.LowerF ||
    byte === Byte.LowerN
  );
}

function expectedFor(expect: Expect, inObject: boolean): string {
  switch (expect) {
    case Expect.Value:
      return 'a JSON value';
    case Expect.FirstElementOrClose:
      return "a JSON value or ']'";
    case Expect.FirstKeyOrClose:
      return "a property name in double quotes or '}'";
    case Expect.Key:
      return 'a property name in double quotes';
    case Expect.Colon:
      return "':' after the property name";
    case Expect.AfterValue:
      return inObject ? "',' or '}' after the property value" : "',' or ']' after the array element";
  }
}

/** Called every `PROGRESS_STEP` bytes with the offset reached. */
export type ScanProgress = (offset: number) => void;
const PROGRESS_STEP = 16 * 1024 * 1024;

/** One step of a scan over a piece of the input. */
export type ScanStep =
  | { readonly kind: 'done'; readonly end: number; readonly ordinal: number }
  /** The piece ended inside the value: scan again with a piece holding the bytes from `from` on. */
  | { readonly kind: 'more'; readonly from: number }
  | { readonly kind: 'error'; readonly offset: number; readonly expected: string };

/**
 * Checks one JSON value and records its containers in a Structure, over the whole input at
 * once or piece by piece (an input read from a file in parts): the scanner keeps where it is
 * between pieces, and a token cut by the end of a piece is read again from its start.
 */
export class StructureScanner {
  private kinds = new Uint8Array(64);
  private ordinals = new Uint32Array(64);
  private depth = 0;
  private expect = Expect.Value;
  private root = -1;
  private nextReport: number;

  constructor(
    private readonly structure: Structure,
    start: number,
    private readonly progress?: ScanProgress,
  ) {
    this.nextReport = start + PROGRESS_STEP;
  }

  /**
   * Scans `piece` (the input's bytes from offset `base` on) from offset `from`. `final`: the
   * piece reaches the end of the input. Offsets in the result are offsets in the input.
   */
  scan(piece: Uint8Array, base: number, from: number, final: boolean): ScanStep {
    const structure = this.structure;
    const length = piece.length;
    let kinds = this.kinds;
    let ordinals = this.ordinals;
    let depth = this.depth;
    let expect = this.expect;
    let i = from - base;
    const failed = (offset: number, expected: string): ScanStep => ({ kind: 'error', offset: base + offset, expected });
    const save = (): void => {
      this.kinds = kinds;
      this.ordinals = ordinals;
      this.depth = depth;
      this.expect = expect;
    };
    /** A token cut by the end of a piece that is not the last: read it again with the next piece. */
    const more = (at: number): ScanStep => {
      save();
      return { kind: 'more', from: base + at };
    };
    const stepFailed = (step: number, tokenStart: number): ScanStep => {
      const offset = -1 - step;
      if (!final && offset >= length) return more(tokenStart);
      return { kind: 'error', offset: base + offset, expected: failure };
    };

    for (;;) {
      if (expect === Expect.AfterValue && depth === 0) {
        save();
        return { kind: 'done', end: base + i, ordinal: this.root < structure.count ? this.root : -1 };
      }
      let byte = 0;
      while (i < length) {
        byte = piece[i]!;
        if (byte === Byte.Space || byte === Byte.LineFeed || byte === Byte.CarriageReturn || byte === Byte.Tab) i += 1;
        else break;
      }
      if (i >= length) {
        if (!final) return more(i);
        return failed(length, expectedFor(expect, depth > 0 && kinds[depth - 1] === IN_OBJECT));
      }
      if (this.progress !== undefined && base + i >= this.nextReport) {
        this.progress(base + i);
        this.nextReport = base + i + PROGRESS_STEP;
      }
      switch (expect) {
        case Expect.FirstElementOrClose:
        case Expect.Value:
          if (expect === Expect.FirstElementOrClose && byte === Byte.CloseBracket) {
            depth -= 1;
            structure.shut(ordinals[depth]!, base + i);
            i += 1;
            expect = Expect.AfterValue;
          } else if (byte === Byte.OpenBrace || byte === Byte.OpenBracket) {
            if (depth === kinds.length) {
              const grownKinds = new Uint8Array(depth * 2);
              grownKinds.set(kinds);
              kinds = grownKinds;
              const grownOrdinals = new Uint32Array(depth * 2);
              grownOrdinals.set(ordinals);
              ordinals = grownOrdinals;
            }
            const ordinal = structure.begin(base + i, byte === Byte.OpenBrace);
            if (depth === 0) this.root = ordinal;
            ordinals[depth] = ordinal;
            kinds[depth] = byte === Byte.OpenBrace ? IN_OBJECT : IN_ARRAY;
            depth += 1;
            i += 1;
            expect = byte === Byte.OpenBrace ? Expect.FirstKeyOrClose : Expect.FirstElementOrClose;
          } else if (!startsJsonValueByte(byte)) {
            return failed(i, expectedFor(expect, false));
          } else {
            const step = scanScalar(piece, i, byte);
            if (step < 0) return stepFailed(step, i);
            // A number may go on in the next piece.
            if (!final && step >= length && byte !== Byte.Quote) return more(i);
            i = step;
            expect = Expect.AfterValue;
          }
          break;
        case Expect.FirstKeyOrClose:
        case Expect.Key:
          if (expect === Expect.FirstKeyOrClose && byte === Byte.CloseBrace) {
            depth -= 1;
            structure.shut(ordinals[depth]!, base + i);
            i += 1;
            expect = Expect.AfterValue;
          } else if (byte === Byte.Quote) {
            const step = scanString(piece, i);
            if (step < 0) return stepFailed(step, i);
            i = step;
            expect = Expect.Colon;
          } else {
            return failed(i, expectedFor(expect, true));
          }
          break;
        case Expect.Colon:
          if (byte !== Byte.Colon) return failed(i, expectedFor(expect, true));
          i += 1;
          expect = Expect.Value;
          break;
        case Expect.AfterValue: {
          const inObject = kinds[depth - 1] === IN_OBJECT;
          if (byte === Byte.Comma) {
            i += 1;
            expect = inObject ? Expect.Key : Expect.Value;
          } else if (byte === (inObject ? Byte.CloseBrace : Byte.CloseBracket)) {
            depth -= 1;
            structure.shut(ordinals[depth]!, base + i);
            i += 1;
          } else {
            return failed(i, expectedFor(expect, inObject));
          }
          break;
        }
      }
    }
  }
}

/**
 * Checks the JSON value starting at `start` (which must not be whitespace) in bytes that hold
 * the whole input, and records its containers in `structure`.
 */
export function scanStructure(bytes: Uint8Array, start: number, structure: Structure, progress?: ScanProgress): StructureScan {
  const step = new StructureScanner(structure, start, progress).scan(bytes, 0, start, true);
  if (step.kind === 'done') return { ok: true, end: step.end, ordinal: step.ordinal };
  if (step.kind === 'error') return { ok: false, offset: step.offset, expected: step.expected };
  throw new Error('a scan of the whole input asked for more');
}
