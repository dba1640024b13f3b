/**
 * The oracle's own reading of policy globs. Written apart from lib/iam on purpose: a pattern
 * becomes a list of tokens, and matching is done by a regular expression (whole ARNs) or by
 * simulating the set of live pattern positions (segment atoms, in universe.ts).
 *
 * Policy variables: `${name}` stands for one fixed opaque value. The oracle gives each variable
 * a concrete value made of characters that appear nowhere else (`⟦name⟧`, with `:` and `/`
 * in the name replaced by `.` so the value never contains a delimiter), or twelve opaque digits
 * for a variable that stands for an account id (`ACCOUNT_VARIABLES`). `${*}`, `${?}` and
 * `${$}` are the escapes for a literal `*`, `?` and `$`.
 */

export const STAR = Symbol('*');
export const QMARK = Symbol('?');

/** One pattern token: a literal character, `*` (any run) or `?` (any one character). */
export type GlobToken = string | typeof STAR | typeof QMARK;

/**
 * Variables the vocabulary writes only as a whole account id. Such a variable stands for one
 * fixed account: twelve characters that count as digits (a `?` matches each) and that no
 * literal digit matches, since no pattern spells the account's digits.
 */
export const ACCOUNT_VARIABLES: ReadonlyMap<string, string> = new Map([['aws:PrincipalAccount', 'ⓐ'.repeat(12)]]);

export function variableValue(name: string): string {
  return ACCOUNT_VARIABLES.get(name) ?? `⟦${name.replace(/[:/]/g, '.')}⟧`;
}

/** Tokens of a Resource/NotResource pattern, variables replaced by their values. */
export function resourceTokens(pattern: string): GlobToken[] {
  const out: GlobToken[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '$' && chars[i + 1] === '{') {
      const end = chars.indexOf('}', i + 2);
      if (end > 0) {
        const name = chars.slice(i + 2, end).join('');
        if (name === '*' || name === '?' || name === '$') out.push(name);
        else out.push(...variableValue(name));
        i = end;
        continue;
      }
    }
    out.push(ch === '*' ? STAR : ch === '?' ? QMARK : ch);
  }
  return out;
}

/** Tokens of an Action/NotAction pattern (no variables in actions). */
export function actionTokensOf(pattern: string): GlobToken[] {
  return [...pattern].map((ch) => (ch === '*' ? STAR : ch === '?' ? QMARK : ch));
}

function regexSource(tokens: readonly GlobToken[]): string {
  return tokens
    .map((t) => (t === STAR ? '.*' : t === QMARK ? '.' : t.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')))
    .join('');
}

/** A whole-string matcher; `ignoreCase` for actions. */
export function globRegExp(tokens: readonly GlobToken[], ignoreCase: boolean): RegExp {
  return new RegExp(`^${regexSource(tokens)}$`, ignoreCase ? 'isu' : 'su');
}

export function tokensToString(tokens: readonly GlobToken[]): string {
  return tokens.map((t) => (t === STAR ? '*' : t === QMARK ? '?' : t)).join('');
}

/**
 * Live pattern positions after reading some text: a sorted list of indexes into the tokens
 * (index === tokens.length means "whole pattern consumed"). Stars are closed over.
 */
export type Positions = readonly number[];

function closeOverStars(tokens: readonly GlobToken[], positions: Iterable<number>): number[] {
  const set = new Set<number>();
  for (let p of positions) {
    set.add(p);
    while (tokens[p] === STAR) set.add(++p);
  }
  return [...set].sort((a, b) => a - b);
}

export function startPositions(tokens: readonly GlobToken[]): Positions {
  return closeOverStars(tokens, [0]);
}

export function stepPositions(tokens: readonly GlobToken[], positions: Positions, ch: string): Positions {
  const next: number[] = [];
  for (const p of positions) {
    const t = tokens[p];
    if (t === undefined) continue;
    if (t === STAR) next.push(p);
    else if (t === QMARK || t === ch) next.push(p + 1);
  }
  return closeOverStars(tokens, next);
}

export function accepts(tokens: readonly GlobToken[], positions: Positions): boolean {
  return positions.includes(tokens.length);
}
