/**
 * Terraform traversals as written in plan JSON: resource addresses (`module.a["x"].aws_iam_policy.p[0]`)
 * and the `references` lists of configuration expressions (`aws_kms_key.main.arn`, `var.arn`).
 */
import { formatInstanceKey } from './address.js';

export type Step = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'index'; readonly key: string | number };

/** Parses `a.b["k"][0].c`; undefined when the text is not a static traversal. */
export function parseTraversal(text: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  const name = /[A-Za-z_][A-Za-z0-9_-]*/y;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = indexClose(text, i);
      if (close === undefined) return undefined;
      const inner = text.slice(i + 1, close);
      let key: string | number;
      if (/^[0-9]+$/.test(inner)) key = Number(inner);
      else if (inner.startsWith('"')) {
        const unquoted = unquoteHcl(inner);
        if (unquoted === undefined) return undefined;
        key = unquoted;
      } else return undefined;
      steps.push({ kind: 'index', key });
      i = close + 1;
      continue;
    }
    if (steps.length > 0) {
      if (text[i] !== '.') return undefined;
      i += 1;
    }
    name.lastIndex = i;
    const match = name.exec(text);
    if (match === null) return undefined;
    steps.push({ kind: 'name', name: match[0] });
    i += match[0].length;
  }
  return steps.length > 0 ? steps : undefined;
}

/** An HCL quoted string as Terraform writes instance keys: JSON escapes plus `\U`, `$${` and `%%{`. */
function unquoteHcl(quoted: string): string | undefined {
  let valid = true;
  const json = quoted
    .replace(/\\U([0-9a-fA-F]{8})/g, (_, hex: string) => {
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) valid = false;
      return valid ? JSON.stringify(String.fromCodePoint(code)).slice(1, -1) : '';
    })
    .replace(/([$%])\1\{/g, '$1{');
  if (!valid) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Position of the `]` closing the `[` at `open`, skipping quoted keys. */
function indexClose(text: string, open: number): number | undefined {
  let i = open + 1;
  if (text[i] === '"') {
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
  }
  while (i < text.length && text[i] !== ']') i += 1;
  return i < text.length ? i : undefined;
}

function formatTraversal(steps: readonly Step[]): string {
  let out = '';
  for (const step of steps) {
    if (step.kind === 'index') out += formatInstanceKey(step.key);
    else out += out === '' ? step.name : `.${step.name}`;
  }
  return out;
}

/** One module instance on a path: `module.a["x"]` is `{ name: 'a', key: 'x' }`. */
export interface ModuleStep {
  readonly name: string;
  readonly key?: string | number;
}

/** What a reference names, without the attribute path that follows it. */
export type Subject =
  | { readonly kind: 'resource'; readonly mode: 'managed' | 'data' | 'ephemeral'; readonly type: string; readonly name: string; readonly key?: string | number }
  | { readonly kind: 'module-output'; readonly call: string; readonly key?: string | number; readonly output: string }
  | { readonly kind: 'module'; readonly call: string; readonly key?: string | number }
  /** var, local, count, each, path, terraform, self, ... with their one name. */
  | { readonly kind: 'named'; readonly namespace: string; readonly name: string };

/** A reference split into what it names and the attribute path after it. */
export interface Reference {
  /** The full reference as Terraform wrote it: `aws_kms_key.main.arn`. */
  readonly text: string;
  readonly subject: Subject;
  /** Steps after the subject: `arn` in `aws_kms_key.main.arn`. */
  readonly remaining: readonly Step[];
}

const NAMED = new Set(['var', 'local', 'count', 'each', 'path', 'terraform', 'self']);

function nameAt(steps: readonly Step[], i: number): string | undefined {
  const step = steps[i];
  return step?.kind === 'name' ? step.name : undefined;
}

function keyAt(steps: readonly Step[], i: number): string | number | undefined {
  const step = steps[i];
  return step?.kind === 'index' ? step.key : undefined;
}

/** Splits a parsed reference into subject and remaining steps, as Terraform's reference parser does. */
function splitReference(steps: readonly Step[]): { subject: Subject; length: number } | undefined {
  const first = nameAt(steps, 0);
  if (first === undefined) return undefined;
  if (NAMED.has(first)) {
    const name = nameAt(steps, 1);
    return name === undefined ? undefined : { subject: { kind: 'named', namespace: first, name }, length: 2 };
  }
  if (first === 'module') {
    const call = nameAt(steps, 1);
    if (call === undefined) return undefined;
    const key = keyAt(steps, 2);
    const outputAt = key === undefined ? 2 : 3;
    const output = nameAt(steps, outputAt);
    const keyed = key === undefined ? {} : { key };
    if (output === undefined) return { subject: { kind: 'module', call, ...keyed }, length: outputAt };
    return { subject: { kind: 'module-output', call, ...keyed, output }, length: outputAt + 1 };
  }
  const mode = first === 'data' || first === 'ephemeral' ? first : 'managed';
  const offset = mode === 'managed' ? 0 : 1;
  const type = nameAt(steps, offset);
  const name = nameAt(steps, offset + 1);
  if (type === undefined || name === undefined) return undefined;
  const key = keyAt(steps, offset + 2);
  return {
    subject: { kind: 'resource', mode, type, name, ...(key === undefined ? {} : { key }) },
    length: offset + 2 + (key === undefined ? 0 : 1),
  };
}

/**
 * The strings Terraform writes for one reference: the full traversal, each shorter prefix down
 * to the subject, then the subject without its instance key (or, for a module output, the call).
 */
function expansion(steps: readonly Step[], subjectLength: number, subject: Subject): string[] {
  const out: string[] = [];
  for (let n = steps.length; n >= subjectLength; n -= 1) out.push(formatTraversal(steps.slice(0, n)));
  if (subject.kind === 'resource' && subject.key !== undefined) out.push(formatTraversal(steps.slice(0, subjectLength - 1)));
  if (subject.kind === 'module' && subject.key !== undefined) out.push(formatTraversal(steps.slice(0, subjectLength - 1)));
  if (subject.kind === 'module-output') out.push(formatTraversal(steps.slice(0, subjectLength - 1)));
  return out;
}

/**
 * Groups an expression's `references` list into the references it makes. Terraform lists each
 * reference followed by its shorter forms (`aws_kms_key.main.arn`, `aws_kms_key.main`); older
 * versions list only the subject. Strings that cannot be parsed are dropped.
 */
export function groupReferences(list: readonly unknown[] | unknown): Reference[] {
  const out: Reference[] = [];
  if (!Array.isArray(list)) return out;
  let i = 0;
  while (i < list.length) {
    const text = list[i];
    i += 1;
    if (typeof text !== 'string') continue;
    const steps = parseTraversal(text);
    const split = steps && splitReference(steps);
    if (!steps || !split) continue;
    out.push({ text, subject: split.subject, remaining: steps.slice(split.length) });
    const expected = expansion(steps, split.length, split.subject);
    for (let e = 1; e < expected.length && i < list.length && list[i] === expected[e]; e += 1) i += 1;
  }
  return out;
}

/** `module.a["x"].module.b` -> its module steps; undefined when not a module instance address. */
export function parseModuleAddress(address: string | undefined): ModuleStep[] | undefined {
  if (address === undefined || address === '') return [];
  const steps = parseTraversal(address);
  if (!steps) return undefined;
  const out: ModuleStep[] = [];
  let i = 0;
  while (i < steps.length) {
    if (nameAt(steps, i) !== 'module') return undefined;
    const name = nameAt(steps, i + 1);
    if (name === undefined) return undefined;
    const key = keyAt(steps, i + 2);
    out.push(key === undefined ? { name } : { name, key });
    i += key === undefined ? 2 : 3;
  }
  return out;
}

/** `aws_iam_policy.p`, `data.aws_iam_policy_document.d`: a resource's address inside its module. */
export function relativeAddress(mode: string, type: string, name: string): string {
  return mode === 'data' ? `data.${type}.${name}` : mode === 'ephemeral' ? `ephemeral.${type}.${name}` : `${type}.${name}`;
}
