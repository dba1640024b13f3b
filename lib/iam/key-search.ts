/**
 * Exact search for a KMS key ARN a set of statements allows, and how widely.
 *
 * For one blocked action, "the policy allows key k" is a boolean combination of glob languages
 * (the Resource/NotResource patterns of the Allow and Deny statements that match the action).
 * Key ARNs are `arn:<partition>:kms:R:A:key/K` with R, A, K non-empty and free of `:` and `/`.
 * A breadth-first search over (slot being written, DFA state of all patterns, trie node of the
 * spelled values, what the finished slots were) decides whether an allowed key exists in each
 * scope tier, and rebuilds one such key from the search's parent links.
 *
 * The slot text ranges over a reduced alphabet: the characters the patterns and spelled values
 * use, one OTHER character standing for all the rest (they behave identically), and one token per
 * policy variable.
 */
import { PatternSetDfa } from './automaton.js';
import { OTHER, isVariable, literalTokens, variableName, type Token } from './glob.js';
import { ACCOUNT, KEY_ID, REGION, SpelledValues } from './spelled-values.js';
import type { Scope } from './types.js';

/** A statement's resource test: one of `patterns` matches (none, when negated), and one of `limits`. */
export interface Clause {
  readonly patterns: readonly number[];
  readonly negated: boolean;
  readonly limits?: readonly number[];
}

export interface KeySearch {
  readonly partition: string;
  /** Compiled patterns, referred to by index from the clauses. */
  readonly patterns: readonly (readonly Token[])[];
  /** The key is allowed when some allow clause holds and no deny clause does. */
  readonly allow: readonly Clause[];
  readonly deny: readonly Clause[];
  readonly spelled: SpelledValues;
  /** Symbols a slot may hold: characters (not `:` or `/`), OTHER, variables. */
  readonly alphabet: readonly Token[];
}

export interface KeyWitness {
  readonly scope: Scope;
  /** The key as tokens (OTHER for a fresh character, variable tokens for variables). */
  readonly tokens: readonly Token[];
  /** The key as text: OTHER written as a character no pattern uses, variables as `${name}`. */
  readonly arn: string;
}

const RANK: Record<Scope, number> = { 'all-keys': 0, 'account-keys': 1, 'region-keys': 2 };
const NONE = 3;
const SLOT_MASKS = [REGION, ACCOUNT, KEY_ID];

const NON_EMPTY = 1;
const REGION_SPELLED = 2;
const ACCOUNT_SPELLED = 4;

/** The tier a finished key falls in, from which slots are spelled out. */
function tierOf(regionSpelled: boolean, accountSpelled: boolean, keySpelled: boolean): number {
  if (!accountSpelled) return RANK['all-keys'];
  if (!regionSpelled) return RANK['account-keys'];
  if (!keySpelled) return RANK['region-keys'];
  return NONE;
}

/** Tiers still reachable once `done` slots are finished (bit per rank). */
function reachableTiers(done: number, flags: number): number {
  if (done === 0) return 0b111;
  if (done === 1) return 0b001 | (flags & REGION_SPELLED ? 0b100 : 0b010);
  return 1 << tierOf((flags & REGION_SPELLED) !== 0, (flags & ACCOUNT_SPELLED) !== 0, false);
}

class Search {
  private readonly dfa: PatternSetDfa;
  private readonly alive: number[] = [];
  private readonly allowed: number[] = [];
  private readonly separators: Token[][];
  private readonly start: number;

  constructor(private readonly problem: KeySearch) {
    this.dfa = new PatternSetDfa(problem.patterns);
    this.start = this.dfa.stepAll(this.dfa.start, literalTokens(`arn:${problem.partition}:kms:`));
    this.separators = [literalTokens(':'), literalTokens(':key/'), []];
  }

  private any(patterns: readonly number[], test: (p: number) => boolean): boolean {
    for (const p of patterns) if (test(p)) return true;
    return false;
  }

  /** Can some continuation from DFA state d still be allowed? (Prunes the search.) */
  private isAlive(d: number): boolean {
    const cached = this.alive[d];
    if (cached !== undefined) return cached === 1;
    const dfa = this.dfa;
    const possible = (c: Clause) =>
      (c.negated ? !this.any(c.patterns, (p) => dfa.universal(d, p)) : this.any(c.patterns, (p) => dfa.live(d, p))) &&
      (!c.limits || this.any(c.limits, (p) => dfa.live(d, p)));
    const certain = (c: Clause) =>
      (c.negated ? !this.any(c.patterns, (p) => dfa.live(d, p)) : this.any(c.patterns, (p) => dfa.universal(d, p))) &&
      (!c.limits || this.any(c.limits, (p) => dfa.universal(d, p)));
    const result = this.problem.allow.some(possible) && !this.problem.deny.some(certain);
    this.alive[d] = result ? 1 : 0;
    return result;
  }

  /** Is the finished key that led to DFA state d allowed? */
  private isAllowed(d: number): boolean {
    const cached = this.allowed[d];
    if (cached !== undefined) return cached === 1;
    const holds = (c: Clause) =>
      this.any(c.patterns, (p) => this.dfa.accepts(d, p)) !== c.negated &&
      (!c.limits || this.any(c.limits, (p) => this.dfa.accepts(d, p)));
    const result = this.problem.allow.some(holds) && !this.problem.deny.some(holds);
    this.allowed[d] = result ? 1 : 0;
    return result;
  }

  run(target: Scope | undefined): KeyWitness | undefined {
    const { spelled, alphabet } = this.problem;
    let best = NONE;
    let bestState = -1;
    const wanted = (tiers: number) =>
      target !== undefined ? (tiers & (1 << RANK[target])) !== 0 : (tiers & ((1 << best) - 1)) !== 0;

    // State arrays, indexed by state number; the queue is the arrays themselves (BFS order).
    const slotOf: number[] = [];
    const dfaOf: number[] = [];
    const nodeOf: number[] = [];
    const flagsOf: number[] = [];
    const parentOf: number[] = [];
    const viaOf: number[] = [];
    const seen = new Map<number, number>();
    const trieWidth = spelled.size + 1;
    const push = (slot: number, d: number, node: number, flags: number, parent: number, via: number) => {
      const key = ((d * trieWidth + node + 1) * 3 + slot) * 8 + flags;
      if (seen.has(key)) return;
      seen.set(key, slotOf.length);
      slotOf.push(slot);
      dfaOf.push(d);
      nodeOf.push(node);
      flagsOf.push(flags);
      parentOf.push(parent);
      viaOf.push(via);
    };

    if (this.isAlive(this.start)) push(0, this.start, spelled.root, 0, -1, -1);
    for (let s = 0; s < slotOf.length; s++) {
      const slot = slotOf[s]!;
      const d = dfaOf[s]!;
      const node = nodeOf[s]!;
      const flags = flagsOf[s]!;
      if (!wanted(reachableTiers(slot, flags))) continue;
      for (let a = 0; a < alphabet.length; a++) {
        const symbol = alphabet[a]!;
        const next = this.dfa.step(d, symbol);
        if (this.isAlive(next)) push(slot, next, spelled.step(node, symbol), flags | NON_EMPTY, s, a);
      }
      if (!(flags & NON_EMPTY)) continue;
      const isSpelled = spelled.spelled(node, SLOT_MASKS[slot]!);
      const after = this.dfa.stepAll(d, this.separators[slot]!);
      if (!this.isAlive(after)) continue;
      if (slot < 2) {
        let nextFlags = flags & ~NON_EMPTY;
        if (isSpelled) nextFlags |= slot === 0 ? REGION_SPELLED : ACCOUNT_SPELLED;
        if (slot === 1 && !isSpelled) nextFlags &= ~REGION_SPELLED; // irrelevant once the account is fresh
        if (wanted(reachableTiers(slot + 1, nextFlags))) push(slot + 1, after, spelled.root, nextFlags, s, -1);
        continue;
      }
      const tier = tierOf((flags & REGION_SPELLED) !== 0, (flags & ACCOUNT_SPELLED) !== 0, isSpelled);
      if (tier === NONE || !wanted(1 << tier) || !this.isAllowed(after)) continue;
      best = tier;
      bestState = s;
      if (target !== undefined || tier === 0) break;
    }
    if (bestState < 0) return undefined;
    return this.witness(bestState, slotOf, parentOf, viaOf, best);
  }

  private witness(state: number, slotOf: number[], parentOf: number[], viaOf: number[], rank: number): KeyWitness {
    const slots: Token[][] = [[], [], []];
    for (let s = state; s >= 0; s = parentOf[s]!) {
      const via = viaOf[s]!;
      if (via >= 0) slots[slotOf[s]!]!.unshift(this.problem.alphabet[via]!);
    }
    const tokens = [
      ...literalTokens(`arn:${this.problem.partition}:kms:`),
      ...slots[0]!,
      ...this.separators[0]!,
      ...slots[1]!,
      ...this.separators[1]!,
      ...slots[2]!,
    ];
    const scope = (Object.keys(RANK) as Scope[]).find((s) => RANK[s] === rank)!;
    return { scope, tokens, arn: renderTokens(tokens, freshCharacter(this.problem.alphabet)) };
  }
}

/** A character for OTHER: one no pattern uses, readable when possible. */
function freshCharacter(alphabet: readonly Token[]): string {
  const used = new Set(alphabet);
  for (const ch of 'xzqjvw0123456789') if (!used.has(ch.codePointAt(0)!)) return ch;
  for (let code = 0x4e00; ; code++) if (!used.has(code)) return String.fromCodePoint(code);
}

function renderTokens(tokens: readonly Token[], other: string): string {
  return tokens
    .map((t) => (t === OTHER ? other : isVariable(t) ? `\${${variableName(t)}}` : String.fromCodePoint(t)))
    .join('');
}

/**
 * Finds an allowed key: with a target scope, one in that tier; without, one in the widest tier
 * that has any. Undefined when there is none (every allowed key is spelled out, or none is allowed).
 */
export function findAllowedKey(problem: KeySearch, target?: Scope): KeyWitness | undefined {
  if (problem.allow.length === 0) return undefined;
  return new Search(problem).run(target);
}
