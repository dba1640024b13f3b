/**
 * The accounts `${aws:PrincipalAccount}` is read as (variable-readings.ts). It may be any account;
 * what the verdict asks of it is which accounts the policy writes and which digit patterns a
 * pattern may put on an account, so one account of each kind stands for all: each written
 * account, one written nowhere, and one inside each digit pattern (and each two together).
 */
const VARIABLE = /\$\{([^}]*)\}/g;
const ACCOUNT_ID = /^\d{12}$/;
/** Up to this many account shapes, each two are also tried together. */
const PAIRED_SHAPES = 24;

/**
 * The digit patterns a pattern may put on a key's account: each piece between delimiters made of
 * digits and wildcards, and the digits before a piece's first `*` or after its last (the `6666`
 * of `arn:aws:kms:*6666:key/*`, where one `*` runs across the region and into the account).
 */
function accountShapes(pattern: string): string[] {
  const shapes: string[] = [];
  for (const piece of pattern.replace(VARIABLE, '*').split(/[:/]/)) {
    if (/^[\d*?]+$/.test(piece) && /[*?]/.test(piece)) shapes.push(piece);
    if (!piece.includes('*')) continue;
    const head = piece.slice(0, piece.indexOf('*'));
    const tail = piece.slice(piece.lastIndexOf('*') + 1);
    if (/^[\d?]+$/.test(head)) shapes.push(`${head}*`);
    if (/^[\d?]+$/.test(tail)) shapes.push(`*${tail}`);
  }
  return shapes;
}

/**
 * The accounts `${aws:PrincipalAccount}` is read as: each 12-digit account the policy writes, a
 * fresh one, and for each digit pattern a pattern may put on an account (accountShapes), an
 * account it matches, so a Deny or Allow that names accounts by pattern is tried both with the
 * principal's account inside and outside it.
 */
export function principalAccounts(patterns: readonly string[]): { readonly named: string[]; readonly all: string[] } {
  const written = new Set<string>();
  for (const pattern of patterns) {
    for (const run of pattern.match(/(?<!\d)\d{12}(?!\d)/g) ?? []) written.add(run);
    if (ACCOUNT_ID.test(pattern)) written.add(pattern);
  }
  let fresh = '000000000000';
  for (let digit = 0; digit < 10 && written.has(fresh); digit++) fresh = String(digit).repeat(12);
  const accounts = [...written].sort();
  const others = new Set<string>([fresh]);
  const shapes = [...new Set(patterns.flatMap(accountShapes))];
  // Each shape alone, and (while few) each two together: an account inside `1111*` and `*6666` both.
  const sets = shapes.map((shape) => [shape]);
  if (shapes.length <= PAIRED_SHAPES) for (const [i, a] of shapes.entries()) for (const b of shapes.slice(i + 1)) sets.push([a, b]);
  for (const set of sets) {
    const account = accountMatching(set);
    if (account !== undefined && !written.has(account)) others.add(account);
  }
  return { named: accounts, all: [...accounts, ...[...others].filter((account) => !written.has(account))] };
}

/** The live positions of a digit pattern (`*`, `?`, digits) after reading a digit, `*` runs closed over. */
function stepShape(shape: string, positions: ReadonlySet<number>, digit: string): Set<number> {
  const next = new Set<number>();
  const add = (i: number) => {
    next.add(i);
    if (shape[i] === '*') add(i + 1);
  };
  for (const i of positions) {
    if (shape[i] === '*') add(i);
    else if (shape[i] === '?' || shape[i] === digit) add(i + 1);
  }
  return next;
}

/** A 12-digit account every shape matches, smallest first, if one exists. */
function accountMatching(shapes: readonly string[]): string | undefined {
  const start = shapes.map(closed);
  const dead = new Set<string>();
  const search = (depth: number, states: readonly Set<number>[]): string | undefined => {
    if (depth === 12) return states.every((positions, n) => positions.has(shapes[n]!.length)) ? '' : undefined;
    const key = `${depth}|${states.map((positions) => [...positions].sort().join(',')).join('|')}`;
    if (dead.has(key)) return undefined;
    for (const digit of '0123456789') {
      const next = states.map((positions, n) => stepShape(shapes[n]!, positions, digit));
      if (next.some((positions) => positions.size === 0)) continue;
      const rest = search(depth + 1, next);
      if (rest !== undefined) return digit + rest;
    }
    dead.add(key);
    return undefined;
  };
  return search(0, start);
}

function closed(shape: string): Set<number> {
  const positions = new Set<number>([0]);
  for (let i = 0; shape[i] === '*'; i++) positions.add(i + 1);
  return positions;
}
