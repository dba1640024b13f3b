/**
 * The oracle's own reading of policy globs. Written apart from lib/iam on purpose: a pattern
 * becomes a list of tokens, and matching is done by a regular expression (whole ARNs) or by
 * simulating the set of live pattern positions (segment atoms, in universe.ts).
 *
 * Policy variables (README, Semantics in short) are read only under `"Version": "2012-10-17"`; otherwise `${...}`
 * is literal text. A variable's name compares without regard to case, and a default
 * (`${aws:PrincipalTag/team, 'x'}`) changes nothing: the name is before the comma. `${*}`,
 * `${?}` and `${$}` are the literal characters `*`, `?` and `$`. No key ARN holds `*`, `?` or
 * `$`, so a pattern that needs one matches no key: every pattern with an escape, and under
 * another Version every pattern with `${`.
 *
 * Each item is then read one way (`readItem`): `${aws:PrincipalAccount}` as the one account the
 * reading gives it, every other variable (one that may take any value in each request, `:` and
 * `/` included) as `*` where matching more allows more, and as "matches no key" where matching
 * less allows more.
 */

export const STAR = Symbol('*');
export const QMARK = Symbol('?');

/** One pattern token: a literal character, `*` (any run) or `?` (any one character). */
export type GlobToken = string | typeof STAR | typeof QMARK;

/** A policy variable as written: its name, lower-cased, without its default. */
export interface Variable {
  readonly variable: string;
}

/** A token of a pattern as written, before its variables are read. */
export type PatternToken = GlobToken | Variable;

/** The one variable that is the same in every request: the account of the principal. */
export const PRINCIPAL_ACCOUNT = 'aws:principalaccount';

/** Characters no key ARN holds: a pattern that needs one as a literal matches no key. */
const NO_KEY_CHARACTERS: ReadonlySet<string> = new Set(['*', '?', '$']);

export const isVariable = (t: PatternToken): t is Variable => typeof t === 'object';
export const isPrincipalAccount = (t: PatternToken): boolean => isVariable(t) && t.variable === PRINCIPAL_ACCOUNT;
export const isPerRequest = (t: PatternToken): boolean => isVariable(t) && t.variable !== PRINCIPAL_ACCOUNT;
const needsNoKeyCharacter = (t: PatternToken): boolean => typeof t === 'string' && NO_KEY_CHARACTERS.has(t);

/**
 * Tokens of a Resource/NotResource pattern (or a Condition value) as written. `live`: the
 * document's Version is 2012-10-17, so `${...}` is a variable or an escape; otherwise literal.
 */
export function patternTokens(pattern: string, live: boolean): PatternToken[] {
  const out: PatternToken[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (live && ch === '$' && chars[i + 1] === '{') {
      const end = chars.indexOf('}', i + 2);
      if (end > 0) {
        const inner = chars.slice(i + 2, end).join('');
        if (inner === '*' || inner === '?' || inner === '$') out.push(inner);
        else out.push({ variable: inner.split(',')[0]!.trim().toLowerCase() });
        i = end;
        continue;
      }
    }
    out.push(ch === '*' ? STAR : ch === '?' ? QMARK : ch);
  }
  return out;
}

/** How an item's variables are read. */
export interface ItemReading {
  /** The value of `${aws:PrincipalAccount}` (12 digits); required when the item holds it. */
  readonly account?: string;
  /** Matching more allows more (an Allow's Resource, a Deny's NotResource). */
  readonly widens: boolean;
}

/** The glob an item reads as, or undefined when it matches no key. */
export function readItem(tokens: readonly PatternToken[], reading: ItemReading): GlobToken[] | undefined {
  const out: GlobToken[] = [];
  for (const t of tokens) {
    if (needsNoKeyCharacter(t)) return undefined;
    if (!isVariable(t)) out.push(t);
    else if (t.variable === PRINCIPAL_ACCOUNT) out.push(...principalAccount(reading.account));
    else if (reading.widens) out.push(STAR);
    else return undefined;
  }
  return out;
}

function principalAccount(account: string | undefined): string {
  if (account === undefined) throw new Error('${aws:PrincipalAccount} read without a value');
  return account;
}

const isDelimiterToken = (t: PatternToken): boolean => t === ':' || t === '/';

/**
 * The values an item spells out under a reading: its segments (between `:` and `/`) without a
 * wildcard, `${aws:PrincipalAccount}` written as its value. A segment holding a per-request
 * variable spells nothing (the variable reads as `*`, or as a value chosen to name nothing), nor
 * does one holding a character no key holds. Without `account`, a segment holding
 * `${aws:PrincipalAccount}` is left out.
 */
export function spelledSegments(tokens: readonly PatternToken[], account?: string): string[] {
  const out: string[] = [];
  let current: PatternToken[] = [];
  const close = () => {
    const spells =
      current.length > 0 && current.every((t) => (typeof t === 'string' ? !NO_KEY_CHARACTERS.has(t) : isPrincipalAccount(t) && account !== undefined));
    if (spells) out.push(current.map((t) => (typeof t === 'string' ? t : account!)).join(''));
    current = [];
  };
  for (const t of tokens) {
    if (isDelimiterToken(t)) close();
    else current.push(t);
  }
  close();
  return out;
}

/**
 * Accounts an item writes out without a segment of their own: runs of exactly 12 literal
 * digits between delimiters and wildcards (`111122223333` in `arn:aws:kms:us-east-1:111122223333*`).
 * An account has 12 digits, so a key whose account is such a run has its account written out.
 * `${aws:PrincipalAccount}` is its value; any other variable is text that is not a digit (the
 * value that spells least).
 */
export function writtenAccounts(tokens: readonly PatternToken[], account?: string): string[] {
  const out: string[] = [];
  let run = '';
  const closed: PatternToken[] = [...tokens, STAR];
  for (const t of closed) {
    if (typeof t === 'string' && !isDelimiterToken(t)) run += t;
    else if (isVariable(t)) run += isPrincipalAccount(t) && account !== undefined ? account : '$';
    else {
      if (/^[0-9]{12}$/.test(run)) out.push(run);
      run = '';
    }
  }
  return out;
}

/** Tokens of an Action/NotAction pattern (no variables in actions). */
export function actionTokensOf(pattern: string): GlobToken[] {
  return [...pattern].map((ch) => (ch === '*' ? STAR : ch === '?' ? QMARK : ch));
}

/**
 * `perSegment`: the wildcards as AWS documents them for ARNs, where matching less allows more (a
 * Deny's Resource, an Allow's NotResource): `?` and a `*` with more of its segment after it
 * match no `:`; a `*` that ends its segment (before a `:` or at the end) may run across them.
 */
function regexSource(tokens: readonly GlobToken[], perSegment: boolean): string {
  const star = (i: number) => (!perSegment || i === tokens.length - 1 || tokens[i + 1] === ':' ? '.*' : '[^:]*');
  return tokens.map((t, i) => (t === STAR ? star(i) : t === QMARK ? (perSegment ? '[^:]' : '.') : t.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))).join('');
}

/** A whole-string matcher; `ignoreCase` for actions; `perSegment` as above. */
export function globRegExp(tokens: readonly GlobToken[], ignoreCase: boolean, perSegment = false): RegExp {
  return new RegExp(`^${regexSource(tokens, perSegment)}$`, ignoreCase ? 'isu' : 'su');
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
