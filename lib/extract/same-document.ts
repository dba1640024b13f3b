/**
 * Whether two policy attribute values hold the same JSON document: equal text, or equal once
 * parsed (whitespace and the order of object keys do not matter; array order does).
 */

export function sameDocument(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const left = canonicalForm(a);
  return left !== undefined && left === canonicalForm(b);
}

/** A string that is the same for equal documents; undefined when the value is no document. */
function canonicalForm(value: unknown): string | undefined {
  if (typeof value === 'string') {
    try {
      return canonicalJson(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null ? canonicalJson(value) : undefined;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
