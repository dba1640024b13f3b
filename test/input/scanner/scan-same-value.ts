/**
 * Whether two JSON values are the same, keys in the same order, without recursion (documents
 * in the tests nest deeper than recursive comparisons can go). Returns where they differ.
 */
export function jsonDifference(actual: unknown, expected: unknown): string | undefined {
  const pending: Array<[unknown, unknown, string]> = [[actual, expected, '']];
  while (pending.length > 0) {
    const [a, b, at] = pending.pop()!;
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) continue;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      if (typeof a === 'number' && typeof b === 'number' && Object.is(a, b)) continue;
      return `${at || '/'}: ${String(a)} vs ${String(b)}`;
    }
    if (Array.isArray(a) !== Array.isArray(b)) return `${at || '/'}: array vs object`;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at || '/'}: prototypes differ`;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.join('\u0000') !== keysB.join('\u0000'))
      return `${at || '/'}: keys ${JSON.stringify(keysA.slice(0, 10))} vs ${JSON.stringify(keysB.slice(0, 10))}`;
    for (const key of keysA) {
      const valueA = (a as Record<string, unknown>)[key];
      const valueB = (b as Record<string, unknown>)[key];
      if (typeof valueA === 'number' && typeof valueB === 'number' && !Object.is(valueA, valueB)) return `${at}/${key}: ${valueA} vs ${valueB}`;
      pending.push([valueA, valueB, `${at}/${key}`]);
    }
  }
  return undefined;
}
