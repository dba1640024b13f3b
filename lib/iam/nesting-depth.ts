/**
 * How deep a JSON value nests, measured without recursion. A policy AWS accepts nests a handful
 * of levels (document, Statement, statement, Condition, operator, key, values); one nested
 * thousands deep is no policy, and walking it recursively would exhaust the stack.
 */

/** Deepest nesting a policy document may have: far above any real policy, far below the stack's reach. */
export const MAX_POLICY_DEPTH = 64;

/** Whether `value` holds arrays or objects nested more than `limit` levels (the value itself is level 1). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
