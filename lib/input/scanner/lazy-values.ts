/**
 * JSON values read on demand from bytes already checked by `scan-structure.ts`.
 *
 * A document is the same value JSON.parse would give, except that objects and arrays larger
 * than a few hundred bytes inside it are not built until something looks inside them: they
 * are proxies over their bytes.
 *
 * - Reading a property of a lazy object reads that property only (the others are jumped over
 *   with the structure record). Anything that needs the whole object (listing its keys, writing
 *   to it) builds it in full first, in document order, so that it then behaves exactly as the
 *   object JSON.parse would have made.
 * - A lazy array is built whole on first use, its elements one level deep: JSON.parse builds
 *   them from a compacted copy of their bytes in which every large member value is replaced by
 *   a placeholder, then each placeholder is replaced by a lazy value. JSON.parse builds small
 *   values faster than anything written in JavaScript; the large ones are what is skipped.
 */
import { randomBytes } from 'node:crypto';
import { ByteWindow, type ByteSource } from './byte-source.js';
import type { Structure } from './scan-structure.js';

/** Containers up to this many bytes are built at once (JSON.parse). */
const SMALL_CONTAINER_BYTES = 512;

const enum Byte {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Comma = 0x2c,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerF = 0x66,
  LowerN = 0x6e,
  LowerT = 0x74,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

function skipWhitespace(window: ByteWindow, offset: number): number {
  let i = offset;
  for (;;) {
    const byte = window.at(i);
    if (byte === Byte.Space || byte === Byte.LineFeed || byte === Byte.CarriageReturn || byte === Byte.Tab) i += 1;
    else return i;
  }
}

/** Strings shorter than this are walked byte by byte; longer ones searched natively. */
const SHORT_STRING = 64;

/** From an opening quote: the offset after the closing quote (the bytes are known to be valid JSON). */
function stringEnd(window: ByteWindow, start: number): number {
  for (let i = start + 1; i < start + SHORT_STRING; i += 1) {
    const byte = window.at(i);
    if (byte === Byte.Quote) return i + 1;
    if (byte === Byte.Backslash) i += 1;
    else if (byte === undefined) break;
  }
  let quote = window.indexOf(Byte.Quote, start + 1);
  for (;;) {
    let backslashes = 0;
    while (window.at(quote - 1 - backslashes) === Byte.Backslash) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = window.indexOf(Byte.Quote, quote + 1);
  }
}

/** From the first byte of a number or literal: the offset after it. */
function atomEnd(window: ByteWindow, start: number): number {
  let i = start + 1;
  for (;;) {
    const byte = window.at(i);
    if (
      byte === undefined ||
      byte === Byte.Comma ||
      byte === Byte.CloseBrace ||
      byte === Byte.CloseBracket ||
      byte === Byte.Space ||
      byte === Byte.LineFeed ||
      byte === Byte.CarriageReturn ||
      byte === Byte.Tab
    ) {
      return i;
    }
    i += 1;
  }
}

/** The string whose quoted bytes are `bytes[start, end)`. */
function decodeString(bytes: Buffer, start = 0, end = bytes.length): string {
  let ascii = true;
  for (let i = start + 1; i < end - 1; i += 1) {
    const byte = bytes[i]!;
    if (byte === Byte.Backslash) return JSON.parse(bytes.toString('utf8', start, end)) as string;
    if (byte >= 0x80) ascii = false;
  }
  return bytes.toString(ascii ? 'latin1' : 'utf8', start + 1, end - 1);
}

/** The number or literal in `bytes[start, end)`. */
function decodeAtom(bytes: Buffer, start: number, end: number): unknown {
  switch (bytes[start]) {
    case Byte.LowerT:
      return true;
    case Byte.LowerF:
      return false;
    case Byte.LowerN:
      return null;
    default:
      return Number(bytes.toString('latin1', start, end));
  }
}

/** The value of the small JSON text (a scalar or a tiny container) in `bytes[start, end)`. */
function smallValue(bytes: Buffer, start: number, end: number): unknown {
  const first = bytes[start]!;
  if (first === Byte.Quote) return decodeString(bytes, start, end);
  if (first === Byte.OpenBrace || first === Byte.OpenBracket) return JSON.parse(bytes.toString('utf8', start, end));
  return decodeAtom(bytes, start, end);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Whether the quoted key opening at `keyStart` spells `key` (`asciiKey`: `key` has only ASCII
 * characters). Plain keys are compared in place; a key with an escape is decoded first.
 */
function keyEquals(window: ByteWindow, keyStart: number, key: string, asciiKey: boolean): boolean {
  if (asciiKey) {
    let i = 0;
    for (; i < key.length; i += 1) {
      const byte = window.at(keyStart + 1 + i);
      if (byte !== key.charCodeAt(i)) {
        // A mismatch on a plain character settles it; an escape may still spell the same name.
        if (byte === Byte.Backslash || hasEscape(window, keyStart)) break;
        return false;
      }
    }
    if (i === key.length) {
      // Every character matched: the key is this name if it ends here (more raw bytes spell more characters).
      return window.at(keyStart + 1 + i) === Byte.Quote;
    }
  }
  const quoted = window.slice(keyStart, stringEnd(window, keyStart));
  return decodeString(quoted) === key;
}

/** Whether the quoted key opening at `keyStart` holds a backslash. */
function hasEscape(window: ByteWindow, keyStart: number): boolean {
  for (let i = keyStart + 1; ; i += 1) {
    const byte = window.at(i);
    if (byte === Byte.Backslash) return true;
    if (byte === Byte.Quote || byte === undefined) return false;
  }
}

/** From the opening bracket of a container that is not numbered (it is tiny): the offset after it. */
function tinyContainerEnd(window: ByteWindow, start: number): number {
  let depth = 0;
  let i = start;
  for (;;) {
    const byte = window.at(i);
    if (byte === Byte.Quote) {
      i = stringEnd(window, i);
      continue;
    }
    if (byte === Byte.OpenBrace || byte === Byte.OpenBracket) depth += 1;
    else if (byte === Byte.CloseBrace || byte === Byte.CloseBracket) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
}

/**
 * Walks the members of an object (or the elements of an array): after each `next()` that
 * returns true, the fields say where the current member's key and value are.
 */
class Cursor {
  /** Key bytes including quotes (objects only). */
  keyStart = -1;
  keyEnd = -1;
  valueStart = 0;
  valueEnd = 0;
  /** Container ordinal of the value, -1 for a scalar or a tiny container. */
  ordinal = -1;
  /** Its own window: walks nest (an array's elements, then each element's members). */
  readonly window: ByteWindow;
  private position: number;
  private readonly close: number;
  private childOrdinal: number;

  constructor(
    private readonly scanned: ScannedBytes,
    start: number,
    ordinal: number,
    private readonly isObject: boolean,
  ) {
    this.close = scanned.structure.close[ordinal]!;
    this.childOrdinal = ordinal + 1;
    this.window = new ByteWindow(scanned.source);
    this.window.load(start, this.close + 1);
    this.position = skipWhitespace(this.window, start + 1);
  }

  next(): boolean {
    const { structure } = this.scanned;
    const window = this.window;
    let i = this.position;
    if (i >= this.close) return false;
    if (this.isObject) {
      this.keyStart = i;
      this.keyEnd = stringEnd(window, i);
      i = skipWhitespace(window, this.keyEnd);
      i = skipWhitespace(window, i + 1); // past the colon
    }
    const byte = window.at(i);
    this.valueStart = i;
    if (byte === Byte.OpenBrace || byte === Byte.OpenBracket) {
      const ordinal = structure.numbered(this.childOrdinal, i);
      this.ordinal = ordinal;
      if (ordinal < 0) {
        this.valueEnd = tinyContainerEnd(window, i);
      } else {
        this.valueEnd = structure.close[ordinal]! + 1;
        this.childOrdinal = structure.next[ordinal]!;
      }
    } else {
      this.ordinal = -1;
      this.valueEnd = byte === Byte.Quote ? stringEnd(window, i) : atomEnd(window, i);
    }
    i = skipWhitespace(window, this.valueEnd);
    if (window.at(i) === Byte.Comma) i = skipWhitespace(window, i + 1);
    this.position = i;
    return true;
  }
}

/** Defines a member as JSON.parse does: an own data property, even for `__proto__`. */
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

function parseSlice(source: ByteSource, start: number, end: number): unknown {
  return JSON.parse(source.read(start, end).toString('utf8'));
}

/** A member of a lazy object: small values built, large containers left lazy. */
function memberValue(scanned: ScannedBytes, start: number, end: number, ordinal: number, depth: number): unknown {
  const { source } = scanned;
  if (ordinal < 0 || end - start <= SMALL_CONTAINER_BYTES) {
    if (source.bytes !== undefined) return smallValue(source.bytes, start, end);
    return smallValue(source.read(start, end), 0, end - start);
  }
  return lazyContainer(scanned, start, ordinal, depth);
}

/** Above this many members, names are looked up through a Map. */
const MANY_MEMBERS = 32;

/** Per member of an indexed lazy object, in the arena: key start, value start, container ordinal + 1 (0: none). */
const MEMBER = 3;

/**
 * Where the members of lazy objects are, for all objects of a stream in one growing array:
 * a few numbers per member instead of arrays per object.
 */
export class MemberArena {
  data = new Uint32Array(64 * 1024);
  length = 0;

  /** Appends the members of the object opening at `start`; returns where they begin. */
  index(scanned: ScannedBytes, start: number, ordinal: number): { readonly at: number; readonly count: number } {
    const at = this.length;
    const cursor = new Cursor(scanned, start, ordinal, true);
    while (cursor.next()) {
      if (this.length + MEMBER > this.data.length) {
        const grown = new Uint32Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      this.data[this.length++] = cursor.keyStart;
      this.data[this.length++] = cursor.valueStart;
      this.data[this.length++] = cursor.ordinal + 1;
    }
    return { at, count: (this.length - at) / MEMBER };
  }
}

/** The bytes of a checked stream, where its containers close, and the members indexed so far. */
export interface ScannedBytes {
  readonly source: ByteSource;
  readonly structure: Structure;
  readonly members: MemberArena;
  /** For reads here and there (walks have their own). */
  readonly window: ByteWindow;
  /**
   * Members whose (large) object value is built with the element holding it, one level down,
   * instead of lazily (the reader says which: ScanOptions.builtWithElement). Only a matter of
   * speed: lazy or not, the value is the same.
   */
  readonly builtWithElement: ReadonlySet<string>;
}

/** From the first byte of a value whose container ordinal (or -1) is known: the offset after it. */
function valueEnd(scanned: ScannedBytes, start: number, ordinal: number): number {
  if (ordinal >= 0) return scanned.structure.close[ordinal]! + 1;
  const { window } = scanned;
  const byte = window.at(start);
  if (byte === Byte.OpenBrace || byte === Byte.OpenBracket) return tinyContainerEnd(window, start);
  return byte === Byte.Quote ? stringEnd(window, start) : atomEnd(window, start);
}

/** An object not built yet: members are read from the bytes one by one until it must be built whole. */
class LazyObject implements ProxyHandler<Record<string, unknown>> {
  /** Where this object's members are in the arena, once indexed (-1 before). */
  private at = -1;
  private count = 0;
  /** Members read so far: pairs of member position and value. */
  private read: unknown[] | undefined;
  /** For objects with many members: name -> position of its last occurrence. */
  private positions: Map<string, number> | undefined;
  private built = false;

  constructor(
    private readonly scanned: ScannedBytes,
    private readonly start: number,
    private readonly ordinal: number,
    private readonly depth: number,
  ) {}

  private index(): void {
    if (this.at >= 0) return;
    const { at, count } = this.scanned.members.index(this.scanned, this.start, this.ordinal);
    this.at = at;
    this.count = count;
  }

  private keyStartAt(i: number): number {
    return this.scanned.members.data[this.at + MEMBER * i]!;
  }

  private keyAt(i: number): string {
    const { window } = this.scanned;
    const start = this.keyStartAt(i);
    const end = stringEnd(window, start);
    const bytes = window.page;
    const from = start - window.base;
    return from >= 0 && end - window.base <= bytes.length ? decodeString(bytes, from, end - window.base) : decodeString(window.slice(start, end));
  }

  private valueAt(i: number): unknown {
    const read = this.read;
    if (read !== undefined) {
      for (let k = 0; k < read.length; k += 2) if (read[k] === i) return read[k + 1];
    }
    const data = this.scanned.members.data;
    const start = data[this.at + MEMBER * i + 1]!;
    const ordinal = data[this.at + MEMBER * i + 2]! - 1;
    const value = memberValue(this.scanned, start, valueEnd(this.scanned, start, ordinal), ordinal, this.depth + 1);
    (this.read ??= []).push(i, value);
    return value;
  }

  /** Position of the member named `key` (the last one when a name repeats, as in JSON.parse), or -1. */
  private find(key: string): number {
    this.index();
    const count = this.count;
    if (count > MANY_MEMBERS) {
      if (this.positions === undefined) {
        this.positions = new Map();
        for (let i = 0; i < count; i += 1) this.positions.set(this.keyAt(i), i);
      }
      return this.positions.get(key) ?? -1;
    }
    const ascii = isAscii(key);
    // The members' bytes are read once for all the names compared.
    this.scanned.window.load(this.start, this.scanned.structure.close[this.ordinal]! + 1);
    for (let i = count - 1; i >= 0; i -= 1) {
      if (keyEquals(this.scanned.window, this.keyStartAt(i), key, ascii)) return i;
    }
    return -1;
  }

  private build(target: Record<string, unknown>): void {
    if (this.built) return;
    this.built = true;
    this.index();
    // A repeated name is defined again: as with JSON.parse, it keeps its first position and the last value.
    for (let i = 0; i < this.count; i += 1) defineMember(target, this.keyAt(i), this.valueAt(i));
    this.read = undefined;
    this.positions = undefined;
  }

  get(target: Record<string, unknown>, key: string | symbol, receiver: unknown): unknown {
    if (!this.built && typeof key === 'string') {
      const i = this.find(key);
      if (i >= 0) return this.valueAt(i);
    }
    return Reflect.get(target, key, receiver);
  }

  has(target: Record<string, unknown>, key: string | symbol): boolean {
    if (!this.built && typeof key === 'string' && this.find(key) >= 0) return true;
    return Reflect.has(target, key);
  }

  getOwnPropertyDescriptor(target: Record<string, unknown>, key: string | symbol): PropertyDescriptor | undefined {
    if (!this.built && typeof key === 'string') {
      const i = this.find(key);
      return i < 0 ? undefined : { value: this.valueAt(i), writable: true, enumerable: true, configurable: true };
    }
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  ownKeys(target: Record<string, unknown>): (string | symbol)[] {
    this.build(target);
    return Reflect.ownKeys(target);
  }

  defineProperty(target: Record<string, unknown>, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.build(target);
    return Reflect.defineProperty(target, key, descriptor);
  }

  set(target: Record<string, unknown>, key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.build(target);
    return Reflect.set(target, key, value, receiver);
  }

  deleteProperty(target: Record<string, unknown>, key: string | symbol): boolean {
    this.build(target);
    return Reflect.deleteProperty(target, key);
  }

  preventExtensions(target: Record<string, unknown>): boolean {
    this.build(target);
    return Reflect.preventExtensions(target);
  }

  setPrototypeOf(target: Record<string, unknown>, prototype: object | null): boolean {
    this.build(target);
    return Reflect.setPrototypeOf(target, prototype);
  }
}

/** An array not built yet: any look at it builds it whole (its elements may stay lazy). */
class LazyArray implements ProxyHandler<unknown[]> {
  private built = false;

  constructor(
    private readonly scanned: ScannedBytes,
    private readonly start: number,
    private readonly ordinal: number,
    private readonly depth: number,
  ) {}

  private build(target: unknown[]): void {
    if (this.built) return;
    this.built = true;
    buildElements(this.scanned, this.start, this.ordinal, this.depth + 1, target);
  }

  get(target: unknown[], key: string | symbol, receiver: unknown): unknown {
    this.build(target);
    return Reflect.get(target, key, receiver);
  }
  has(target: unknown[], key: string | symbol): boolean {
    this.build(target);
    return Reflect.has(target, key);
  }
  getOwnPropertyDescriptor(target: unknown[], key: string | symbol): PropertyDescriptor | undefined {
    this.build(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }
  ownKeys(target: unknown[]): (string | symbol)[] {
    this.build(target);
    return Reflect.ownKeys(target);
  }
  defineProperty(target: unknown[], key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.build(target);
    return Reflect.defineProperty(target, key, descriptor);
  }
  set(target: unknown[], key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.build(target);
    return Reflect.set(target, key, value, receiver);
  }
  deleteProperty(target: unknown[], key: string | symbol): boolean {
    this.build(target);
    return Reflect.deleteProperty(target, key);
  }
  preventExtensions(target: unknown[]): boolean {
    this.build(target);
    return Reflect.preventExtensions(target);
  }
  setPrototypeOf(target: unknown[], prototype: object | null): boolean {
    this.build(target);
    return Reflect.setPrototypeOf(target, prototype);
  }
}

/** Lazy containers are nested at most this deep in a document. */
const MAX_LAZY_DEPTH = 16;

/** A large container left lazy. */
function lazyContainer(scanned: ScannedBytes, start: number, ordinal: number, depth: number): unknown {
  // Deep down, values are built at once: readers that walk values recursively then go as deep as with JSON.parse's.
  if (depth > MAX_LAZY_DEPTH) return parseSlice(scanned.source, start, scanned.structure.close[ordinal]! + 1);
  if (scanned.structure.objects[ordinal] === 1) return new Proxy({}, new LazyObject(scanned, start, ordinal, depth));
  return new Proxy([], new LazyArray(scanned, start, ordinal, depth));
}

/** Compacted text is parsed in pieces of about this many bytes. */
const PIECE_BYTES = 4 * 1024 * 1024;

/** The compacted text being built: one buffer, reused (building never nests). */
let scratch = Buffer.allocUnsafe(256 * 1024);

/**
 * What stands for a lazy value in compacted text: a string no input can be expected to hold
 * (a NUL and 128 random bits). After parsing, a member whose value is not this string was
 * given again later in its object, and JSON.parse's value (the later one) is kept.
 */
let placeholder: { readonly value: string; readonly text: Buffer } | undefined;

function placeholderValue(): { readonly value: string; readonly text: Buffer } {
  if (placeholder === undefined) {
    const value = `\u0000${randomBytes(16).toString('base64url')}`;
    placeholder = { value, text: Buffer.from(JSON.stringify(value)) };
  }
  return placeholder;
}

/** The member name whose value opens at `offset` (walking back over `"name" :`). */
function keyBefore(source: ByteSource, offset: number): string {
  for (let reach = 256; ; reach *= 4) {
    const from = Math.max(0, offset - reach);
    const before = source.read(from, offset);
    let i = before.length - 1;
    while (i >= 0 && before[i] !== Byte.Colon) i -= 1;
    i -= 1;
    while (i >= 0 && before[i] !== Byte.Quote) i -= 1;
    const end = i + 1;
    // The opening quote is the first one before that is not escaped (preceded by an even number of backslashes).
    let quote = i - 1;
    for (; quote >= 0; quote -= 1) {
      if (before[quote] !== Byte.Quote) continue;
      let backslashes = 0;
      while (quote - 1 - backslashes >= 0 && before[quote - 1 - backslashes] === Byte.Backslash) backslashes += 1;
      // Backslashes reaching the start of what was read may go on before it: read further back.
      if (quote - 1 - backslashes < 0 && from > 0) break;
      if (backslashes % 2 === 0) return decodeString(before, quote, end);
    }
    if (from === 0 && quote < 0) throw new Error(`no member name before offset ${offset}`);
  }
}

/**
 * The compacted copy of a run of array elements: the original bytes, except that every large
 * container inside an element (and every large element that is not an object) is replaced by
 * a placeholder. Records where each placeholder stands so that `finish` can put lazy values there.
 */
class Compactor {
  private length = 0;
  /** Offset in the original bytes from which nothing has been copied yet. */
  private pending = 0;
  /** Per placeholder: element position in the piece, member name (or undefined), name inside that member (or undefined). */
  private readonly elements: number[] = [];
  private readonly keys: (string | undefined)[] = [];
  private readonly innerKeys: (string | undefined)[] = [];
  /** Per placeholder: value start and container ordinal. */
  private readonly spans: number[] = [];

  /** `depth`: how deep in the document the elements are. */
  constructor(
    private readonly scanned: ScannedBytes,
    private readonly depth: number,
  ) {}

  /** Bytes in the piece once copied up to `end`. */
  pieceBytes(end: number): number {
    return this.length + (end - this.pending);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(scratch.length * 2, this.length + extra));
    scratch.copy(grown, 0, 0, this.length);
    scratch = grown;
  }

  /** Copies the original bytes up to `end` (exclusive). */
  private copyTo(end: number): void {
    const start = this.pending;
    this.pending = end;
    if (end <= start) return;
    this.reserve(end - start);
    const bytes = this.scanned.source.bytes;
    if (bytes === undefined) {
      scratch.set(this.scanned.source.read(start, end), this.length);
      this.length += end - start;
      return;
    }
    if (end - start > 256) {
      this.length += bytes.copy(scratch, this.length, start, end);
      return;
    }
    // Buffer#copy makes a view per call: short copies are quicker byte by byte.
    const text = scratch;
    let at = this.length;
    for (let i = start; i < end; i += 1) text[at++] = bytes[i]!;
    this.length = at;
  }

  private placeholder(element: number, key: string | undefined, innerKey: string | undefined, ordinal: number): void {
    const { open, close } = this.scanned.structure;
    this.copyTo(open[ordinal]!);
    const { text } = placeholderValue();
    this.reserve(text.length);
    this.length += text.copy(scratch, this.length);
    this.pending = close[ordinal]! + 1;
    this.elements.push(element);
    this.keys.push(key);
    this.innerKeys.push(innerKey);
    this.spans.push(open[ordinal]!, ordinal);
  }

  /** Starts a piece at the element that begins at `start`. */
  begin(start: number): void {
    this.reserve(1);
    scratch[this.length++] = Byte.OpenBracket;
    this.pending = start;
  }

  /** Adds a large element (position `element` in the piece). Smaller ones are copied along without a call. */
  large(element: number, ordinal: number): void {
    if (this.scanned.structure.objects[ordinal] === 1) this.object(element, undefined, ordinal);
    else this.placeholder(element, undefined, undefined, ordinal);
  }

  /**
   * Replaces the large member values of an object by placeholders, visiting only the
   * containers directly inside it. `outerKey` is set when the object is a member (named in
   * `builtWithElement`) of the element.
   */
  private object(element: number, outerKey: string | undefined, ordinal: number): void {
    const { source, structure } = this.scanned;
    const { open, close, next, objects } = structure;
    const last = next[ordinal]!;
    for (let child = ordinal + 1; child < last; child = next[child]!) {
      const start = open[child]!;
      if (close[child]! + 1 - start <= SMALL_CONTAINER_BYTES) continue;
      const key = keyBefore(source, start);
      if (outerKey !== undefined) this.placeholder(element, outerKey, key, child);
      else if (objects[child] === 1 && this.scanned.builtWithElement.has(key)) this.object(element, key, child);
      else this.placeholder(element, key, undefined, child);
    }
  }

  /** Ends the piece after the element that ends at `end`, parses it and puts the lazy values in. */
  finish(end: number): unknown[] {
    this.copyTo(end);
    this.reserve(1);
    scratch[this.length++] = Byte.CloseBracket;
    const values = JSON.parse(scratch.toString('utf8', 0, this.length)) as unknown[];
    // Last first: when a name repeats, its last placeholder is the one JSON.parse kept.
    for (let i = this.elements.length - 1; i >= 0; i -= 1) {
      const value = lazyContainer(this.scanned, this.spans[2 * i]!, this.spans[2 * i + 1]!, this.depth + 1);
      const element = this.elements[i]!;
      const key = this.keys[i];
      const innerKey = this.innerKeys[i];
      if (key === undefined) {
        values[element] = value;
        continue;
      }
      let holder = values[element] as Record<string, unknown>;
      if (innerKey !== undefined) {
        const inner = holder[key];
        if (typeof inner !== 'object' || inner === null) continue;
        holder = inner as Record<string, unknown>;
      }
      const name = innerKey ?? key;
      if (holder[name] === placeholderValue().value) defineMember(holder, name, value);
    }
    this.length = 0;
    this.elements.length = 0;
    this.keys.length = 0;
    this.innerKeys.length = 0;
    this.spans.length = 0;
    return values;
  }
}

/** Appends the elements of the array opening at `start` to `target`. */
function buildElements(scanned: ScannedBytes, start: number, ordinal: number, depth: number, target: unknown[]): void {
  const cursor = new Cursor(scanned, start, ordinal, false);
  const compactor = new Compactor(scanned, depth);
  /** Elements in the current piece. */
  let count = 0;
  let lastEnd = 0;
  while (cursor.next()) {
    if (count === 0) compactor.begin(cursor.valueStart);
    if (cursor.ordinal >= 0 && cursor.valueEnd - cursor.valueStart > SMALL_CONTAINER_BYTES) compactor.large(count, cursor.ordinal);
    count += 1;
    lastEnd = cursor.valueEnd;
    if (compactor.pieceBytes(lastEnd) >= PIECE_BYTES) {
      for (const value of compactor.finish(lastEnd)) target.push(value);
      count = 0;
    }
  }
  if (count > 0) for (const value of compactor.finish(lastEnd)) target.push(value);
}

/**
 * The JSON value at `[start, end)` (container ordinal `ordinal`, -1 for a scalar), as a
 * document: a top-level object is built with its members, everything large inside is lazy.
 */
export function documentValue(scanned: ScannedBytes, start: number, end: number, ordinal: number): unknown {
  if (ordinal < 0 || end - start <= SMALL_CONTAINER_BYTES) return memberValue(scanned, start, end, ordinal, 0);
  const compactor = new Compactor(scanned, 0);
  compactor.begin(start);
  compactor.large(0, ordinal);
  return compactor.finish(end)[0];
}
