/**
 * Whether two policy attribute values hold the same JSON document: equal text, or equal once
 * parsed (whitespace and the order of object keys do not matter; array order does).
 */
import { MAX_POLICY_DEPTH, nestsDeeperThan } from '../iam/nesting-depth.js';

export function sameDocument(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const left = canonicalForm(a);
  return left !== undefined && left === canonicalForm(b);
}

/**
 * A string that is the same for equal documents; undefined when the value is no document, or
 * nests too deep to be a policy (then it is judged on its own, where it is found invalid).
 */
function canonicalForm(value: unknown): string | undefined {
  let document: unknown;
  if (typeof value === 'string') {
    try {
      document = JSON.parse(value);
    } catch {
      return undefined;
    }
  } else if (typeof value === 'object' && value !== null) document = value;
  else return undefined;
  return nestsDeeperThan(document, MAX_POLICY_DEPTH) ? undefined : canonicalJson(document);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
