/**
 * Glob patterns of the policy language.
 *
 * Action patterns: case-insensitive, `*` matches any run, `?` exactly one character.
 * ARN patterns: case-sensitive, `*` and `?` as above (`*` runs across `:` and `/`), and policy
 * variables `${...}`. A variable stands for one fixed unknown value, so it is kept as an opaque
 * token: equal to the same variable, never to literal text. `${*}`, `${?}` and `${$}` are the
 * escapes for a literal `*`, `?` and `$`. Policy text reaches the glob with its variables read
 * already (variable-readings.ts: over every value they may take); the opaque tokens stand for
 * values known only after apply (conditions.ts), and for `${...}` left in a ResourceAccount
 * value under a Version without variables.
 *
 * Patterns and inputs are sequences of tokens (numbers): a character is its code point (>= 0);
 * the negative numbers below are the wildcards, the "character no pattern spells" used by the key
 * search, and the variables.
 */

export type Token = number;

export const STAR: Token = -1;
export const QMARK: Token = -2;
/** Input only: a character that appears in no pattern (all such characters behave alike). */
export const OTHER: Token = -3;
const FIRST_VARIABLE: Token = -4;

const variableTokens = new Map<string, Token>();
const variableNames: string[] = [];
/** Distinct variable names kept between evaluations (unknown values name their resources, so a long-running process meets ever new ones). */
const VARIABLE_LIMIT = 10_000;

/** The token standing for policy variable `${name}` (the same name always gives the same token). */
export function variableToken(name: string): Token {
  let token = variableTokens.get(name);
  if (token === undefined) {
    token = FIRST_VARIABLE - variableNames.length;
    variableNames.push(name);
    variableTokens.set(name, token);
  }
  return token;
}

export function isVariable(token: Token): boolean {
  return token <= FIRST_VARIABLE;
}

/** A character (or the anonymous OTHER character): what `?` can match. */
export function isCharacter(token: Token): boolean {
  return token >= 0 || token === OTHER;
}

export function variableName(token: Token): string {
  return variableNames[FIRST_VARIABLE - token]!;
}

const COLON = 0x3a;
const SLASH = 0x2f;

export function isDelimiter(token: Token): boolean {
  return token === COLON || token === SLASH;
}

/** Splits text into code points (one token per character, no wildcards). */
export function literalTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const ch of text) tokens.push(ch.codePointAt(0)!);
  return tokens;
}

/** Tokens of an ARN pattern: wildcards, variables and escapes resolved. */
export function arnPatternTokens(pattern: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') tokens.push(STAR);
    else if (ch === '?') tokens.push(QMARK);
    else if (ch === '$' && chars[i + 1] === '{') {
      const close = chars.indexOf('}', i + 2);
      if (close < 0) {
        tokens.push(ch.codePointAt(0)!);
        continue;
      }
      const name = chars.slice(i + 2, close).join('');
      if (name === '*' || name === '?' || name === '$') tokens.push(name.codePointAt(0)!);
      else tokens.push(variableToken(name));
      i = close;
    } else tokens.push(ch.codePointAt(0)!);
  }
  return tokens;
}

/**
 * How an action pattern ignores case. AWS action names are ASCII, and AWS does not document how
 * it compares a pattern holding other characters: some case-insensitive comparisons take the
 * Kelvin sign, the long s, the dotted capital I or the dotless small i for `k`, `s`, `i`, others
 * do not. `wide` (where matching more allows more: an Allow's Action, a Deny's NotAction) takes
 * them for those letters; `narrow` (where matching less allows more: a Deny's Action, an Allow's
 * NotAction) ignores the case of ASCII letters only, so that such a pattern never removes an
 * action AWS might still allow.
 */
export type ActionFolding = 'wide' | 'narrow';

const ASCII_LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['\u212a', 'k'],
  ['\u017f', 's'],
  ['\u0130', 'i'],
  ['\u0131', 'i'],
]);

function foldCase(ch: string, folding: ActionFolding): string {
  if (folding === 'narrow') return ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch;
  return ASCII_LOOKALIKES.get(ch) ?? ch.toLowerCase();
}

/** Tokens of an action pattern or action name, case folded (action matching ignores case). */
export function actionTokens(pattern: string, wildcards: boolean, folding: ActionFolding = 'wide'): Token[] {
  const tokens: Token[] = [];
  for (const ch of pattern) {
    if (wildcards && ch === '*') tokens.push(STAR);
    else if (wildcards && ch === '?') tokens.push(QMARK);
    else for (const folded of foldCase(ch, folding)) tokens.push(folded.codePointAt(0)!);
  }
  return tokens;
}

/**
 * Does the pattern match the whole input? Greedy matching with backtracking to the last `*`:
 * O(pattern x input) at worst, never exponential.
 */
export function tokensMatch(pattern: readonly Token[], input: readonly Token[]): boolean {
  let p = 0;
  let s = 0;
  let starAt = -1;
  let starInput = 0;
  while (s < input.length) {
    const t = pattern[p];
    if (t !== undefined && t !== STAR && (t === QMARK ? isCharacter(input[s]!) : t === input[s])) {
      p++;
      s++;
    } else if (t === STAR) {
      starAt = p++;
      starInput = s;
    } else if (starAt >= 0) {
      p = starAt + 1;
      s = ++starInput;
    } else return false;
  }
  while (pattern[p] === STAR) p++;
  return p === pattern.length;
}

/** A compiled ARN pattern. */
export interface ArnPattern {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** True when the pattern has no `*` or `?`: it matches exactly one string. */
  readonly literal: boolean;
  /** Its wildcard-free, non-empty segments (between `:`/`/` or the ends): the values it spells out. */
  readonly spelled: readonly (readonly Token[])[];
}

const CACHE_LIMIT = 50_000;
const arnCache = new Map<string, ArnPattern>();
const actionCache = new Map<string, readonly Token[]>();

/**
 * Called before an evaluation compiles anything: when the variable table is full, forgets it
 * together with the compiled patterns, the only holders of variable tokens from one evaluation
 * to the next, so that the numbering can start again.
 */
export function releaseVariablesIfFull(): void {
  if (variableTokens.size < VARIABLE_LIMIT) return;
  variableTokens.clear();
  variableNames.length = 0;
  arnCache.clear();
  actionCache.clear();
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  // Stryker disable next-line all: a cache; a text compiles to equal tokens each time, so when it is cleared changes no result
  if (cache.size >= CACHE_LIMIT) cache.clear();
  // Stryker disable next-line CallExpression: not storing only means compiling the text again, to equal tokens
  cache.set(key, value);
  return value;
}

function spelledSegments(tokens: readonly Token[]): Token[][] {
  const segments: Token[][] = [];
  let current: Token[] = [];
  let wild = false;
  const close = () => {
    if (current.length > 0 && !wild) segments.push(current);
    current = [];
    wild = false;
  };
  for (const t of tokens) {
    if (isDelimiter(t)) close();
    else {
      if (t === STAR || t === QMARK) wild = true;
      current.push(t);
    }
  }
  close();
  return segments;
}

export function compileArnPattern(text: string): ArnPattern {
  const cached = arnCache.get(text);
  if (cached) return cached;
  const tokens = arnPatternTokens(text);
  return remember(arnCache, text, {
    text,
    tokens,
    literal: !tokens.some((t) => t === STAR || t === QMARK),
    spelled: spelledSegments(tokens),
  });
}

export function compileActionPattern(pattern: string, folding: ActionFolding = 'wide'): readonly Token[] {
  const key = `${folding}:${pattern}`;
  return actionCache.get(key) ?? remember(actionCache, key, actionTokens(pattern, true, folding));
}

/** Does an Action/NotAction pattern (case-insensitive `*`/`?` glob) match the action name? */
export function matchesAction(pattern: string, action: string): boolean {
  return tokensMatch(compileActionPattern(pattern), actionTokens(action, false));
}

/**
 * Does a Resource/NotResource pattern match a concrete ARN? Case-sensitive; `*` crosses `:` and
 * `/`. A policy variable in the pattern stands for an unknown value, so it matches no literal text.
 */
export function matchesArn(pattern: string, arn: string): boolean {
  return tokensMatch(compileArnPattern(pattern).tokens, literalTokens(arn));
}
