/**
 * Mutations for the fuzz suites, as plain data (so fast-check can print and shrink them):
 * edits of a policy's text, changes to a JSON document's structure, and changes to raw bytes
 * and their encoding.
 */
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// Policy text

/** Characters that break JSON in interesting ways, or test decoding. */
const NASTY = ['"', '\\', '{', '}', '[', ']', ',', ':', '\u0000', '\n', '\ufeff', '\ud83d', '😀', 'é', ' ', '*', '$', '0'];

export type TextEdit =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'replace-char'; readonly at: number; readonly with: string }
  | { readonly kind: 'delete-char'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'whole'; readonly text: string };

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace-char' as const), at: fc.nat(), with: fc.constantFrom(...NASTY) }),
  fc.record({ kind: fc.constant('delete-char' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 4 })) }),
  fc.record({
    kind: fc.constant('whole' as const),
    text: fc.constantFrom('', ' ', '\n', 'null', '[]', '{}', '42', '"policy"', 'true', '{"Statement":', '{"Version":"2012-10-17"}', '\ufeff{}'),
  }),
);

export function applyTextEdit(text: string, edit: TextEdit): string {
  const chars = [...text];
  const at = (n: number, room: number) => (chars.length + room === 0 ? 0 : n % (chars.length + room));
  switch (edit.kind) {
    case 'truncate':
      return chars.slice(0, at(edit.at, 0)).join('');
    case 'replace-char':
      if (chars.length === 0) return edit.with;
      chars[at(edit.at, 0)] = edit.with;
      return chars.join('');
    case 'delete-char':
      chars.splice(at(edit.at, 0), 1);
      return chars.join('');
    case 'insert':
      chars.splice(at(edit.at, 1), 0, edit.text);
      return chars.join('');
    case 'whole':
      return edit.text;
  }
}

/**
 * Whether a policy text cannot be read as a policy document, by the plain rule: it is not JSON,
 * or not a JSON object. (kmsguard may reject more, e.g. a missing Statement; never less.)
 */
export function unreadable(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value !== 'object' || value === null || Array.isArray(value);
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON structure

export type JsonType = 'string' | 'number' | 'null' | 'array' | 'object' | 'boolean';

export type StructureEdit =
  | { readonly kind: 'retype'; readonly node: number; readonly to: JsonType }
  | { readonly kind: 'delete'; readonly node: number }
  | { readonly kind: 'empty'; readonly node: number };

export const structureEdit: fc.Arbitrary<StructureEdit> = fc.oneof(
  fc.record({ kind: fc.constant('retype' as const), node: fc.nat(), to: fc.constantFrom<JsonType>('string', 'number', 'null', 'array', 'object', 'boolean') }),
  fc.record({ kind: fc.constant('delete' as const), node: fc.nat() }),
  fc.record({ kind: fc.constant('empty' as const), node: fc.nat() }),
);

type Container = Record<string, unknown> | unknown[];
interface Slot {
  readonly parent: Container;
  readonly key: string | number;
}

/** Every slot (object member or array element) of a JSON value, in document order. */
export function slotsOf(value: unknown, limit = 200_000): Slot[] {
  const out: Slot[] = [];
  const walk = (node: unknown) => {
    if (out.length >= limit || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        out.push({ parent: node, key: i });
        walk(child);
      });
    } else {
      for (const [key, child] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key });
        walk(child);
      }
    }
  };
  walk(value);
  return out;
}

function retyped(value: unknown, to: JsonType): unknown {
  switch (to) {
    case 'string':
      return typeof value === 'string' ? `${value}x` : (JSON.stringify(value) ?? 'x');
    case 'number':
      return typeof value === 'number' ? value + 1 : typeof value === 'string' && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : 7;
    case 'null':
      return null;
    case 'array':
      return Array.isArray(value) ? [] : [value];
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? {} : { value };
    case 'boolean':
      return typeof value === 'boolean' ? !value : true;
  }
}

/** Applies the edit in place to a (cloned) document; returns a description of what changed. */
export function applyStructureEdit(document: unknown, edit: StructureEdit): string {
  const slots = slotsOf(document);
  if (slots.length === 0) return 'nothing to edit';
  const { parent, key } = slots[edit.node % slots.length]!;
  const where = `${String(key)}`;
  const current = (parent as Record<string | number, unknown>)[key];
  switch (edit.kind) {
    case 'retype':
      (parent as Record<string | number, unknown>)[key] = retyped(current, edit.to);
      return `${where} -> ${edit.to}`;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return `deleted ${where}`;
    case 'empty':
      (parent as Record<string | number, unknown>)[key] = Array.isArray(current) ? [] : typeof current === 'object' && current !== null ? {} : '';
      return `emptied ${where}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes and encodings

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'latin1';

export type ByteEdit =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'cut'; readonly at: number; readonly length: number }
  | { readonly kind: 'append'; readonly text: string };

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('append' as const),
    text: fc.constantFrom('\n::debug::exitcode: 0\n', '{}', '{"format_version":"1.2"}', ']', '\u0000', 'garbage', '\n\n'),
  }),
);

export const encoding: fc.Arbitrary<Encoding> = fc.constantFrom('utf8', 'utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'utf16le', 'latin1');

export function encode(text: string, as: Encoding): Buffer {
  switch (as) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}

export function applyByteEdit(bytes: Buffer, edit: ByteEdit): Buffer {
  const at = (n: number, room: number) => (bytes.length + room === 0 ? 0 : n % (bytes.length + room));
  switch (edit.kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = Buffer.from(bytes);
      copy[at(edit.at, 0)]! ^= 1 << edit.bit;
      return copy;
    }
    case 'truncate':
      return bytes.subarray(0, at(edit.at, 0));
    case 'insert': {
      const i = at(edit.at, 1);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(edit.bytes), bytes.subarray(i)]);
    }
    case 'cut': {
      const i = at(edit.at, 0);
      return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + edit.length)]);
    }
    case 'append':
      return Buffer.concat([bytes, Buffer.from(edit.text, 'utf8')]);
  }
}
