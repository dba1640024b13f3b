/** Paths to attributes inside a resource's values: `['inline_policy', 1, 'policy']`. */

export type AttributePath = readonly (string | number)[];

/** `inline_policy[1].policy`: names with dots, list positions in brackets. */
export function formatAttributePath(path: AttributePath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out === '' ? step : `.${step}`;
  }
  return out;
}

/** `inline_policy[1].policy` -> `['inline_policy', 1, 'policy']` (the inverse of formatAttributePath). */
export function parseAttributePath(text: string): AttributePath {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return path;
}

/** The value at `path`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: AttributePath): unknown {
  let node = root;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/**
 * True when Terraform's `after_unknown` mask marks `path`, or anything holding it, as not known
 * until apply (`true` at that node).
 */
export function isUnknownAt(mask: unknown, path: AttributePath): boolean {
  let node = mask;
  for (const step of path) {
    if (node === true) return true;
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node === true;
}
