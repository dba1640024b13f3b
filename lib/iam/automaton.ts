/**
 * Several glob patterns run side by side as one lazily built DFA.
 *
 * The NFA of a pattern has one state per position (0..length): "the first i tokens are
 * consumed". A DFA state is the set of live (pattern, position) pairs; it is built the first
 * time it is reached and its transitions are cached, so the work is proportional to the states
 * a search actually visits. A policy builds one of these per judgement, so states are kept in
 * plain arrays and interned by a numeric hash (no per-state typed arrays or key strings).
 */
import { QMARK, STAR, isCharacter, literalTokens, type Token } from './glob.js';

const LIVE = 1;
const ACCEPTS = 2;
/** Every continuation is matched (a live `*` followed only by `*`). */
const UNIVERSAL = 4;

const COLON = 0x3a;
const SLASH = 0x2f;

interface DfaState {
  /** Sorted NFA state ids (offset of the pattern + position). */
  readonly nfa: readonly number[];
  /** Per pattern: LIVE | ACCEPTS | UNIVERSAL bits. */
  readonly flags: readonly number[];
  /**
   * The tokens some live position expects literally. Every other character leads where OTHER
   * leads, so a search need only try these, OTHER and the variables.
   */
  readonly literals: readonly Token[];
  next?: Map<Token, number>;
}

function hashOf(nfa: readonly number[]): number {
  let hash = nfa.length;
  for (const id of nfa) hash = (Math.imul(hash, 31) + id) | 0;
  return hash;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class PatternSetDfa {
  private readonly offsets: number[] = [];
  /** Per NFA state: its pattern, its position, and how many `:`/`/` the rest of the pattern spells. */
  private readonly owner: number[] = [];
  private readonly position: number[] = [];
  private readonly colonsFrom: number[] = [];
  private readonly slashesFrom: number[] = [];
  private readonly onlyStarsFrom: boolean[] = [];
  private readonly stamp: number[] = [];
  private stampValue = 0;
  private readonly states: DfaState[] = [];
  /** Hash of the NFA set -> state id, or ids when hashes collide. */
  private readonly ids = new Map<number, number | number[]>();
  private readonly prefixes = new Map<string, number>();
  readonly start: number;

  constructor(private readonly patterns: readonly (readonly Token[])[]) {
    patterns.forEach((pattern, p) => {
      const offset = this.owner.length;
      this.offsets.push(offset);
      for (let i = 0; i <= pattern.length; i++) {
        this.owner.push(p);
        this.position.push(i);
        this.stamp.push(0);
      }
      let colons = 0;
      let slashes = 0;
      let stars = true;
      for (let i = pattern.length; i >= 0; i--) {
        const t = pattern[i];
        if (t === COLON) colons++;
        if (t === SLASH) slashes++;
        if (i < pattern.length && t !== STAR) stars = false;
        this.colonsFrom[offset + i] = colons;
        this.slashesFrom[offset + i] = slashes;
        // A position is universal when it is a `*` followed only by `*` (the end alone is not).
        this.onlyStarsFrom[offset + i] = i < pattern.length && stars;
      }
    });
    const initial: number[] = [];
    this.stampValue++;
    patterns.forEach((_, p) => this.addClosed(initial, p, 0));
    this.start = this.intern(initial);
  }

  get stateCount(): number {
    return this.states.length;
  }

  live(state: number, pattern: number): boolean {
    return (this.states[state]!.flags[pattern]! & LIVE) !== 0;
  }

  accepts(state: number, pattern: number): boolean {
    return (this.states[state]!.flags[pattern]! & ACCEPTS) !== 0;
  }

  universal(state: number, pattern: number): boolean {
    return (this.states[state]!.flags[pattern]! & UNIVERSAL) !== 0;
  }

  /**
   * Is some live position of the pattern still able to match an input that has at most `colons`
   * more `:` and `slashes` more `/`? (A position whose rest spells more of them cannot.)
   */
  liveWithin(state: number, pattern: number, colons: number, slashes: number): boolean {
    const from = this.states[state]!;
    if ((from.flags[pattern]! & LIVE) === 0) return false;
    for (const id of from.nfa) {
      if (this.owner[id] === pattern && this.colonsFrom[id]! <= colons && this.slashesFrom[id]! <= slashes) return true;
    }
    return false;
  }

  literals(state: number): readonly Token[] {
    return this.states[state]!.literals;
  }

  step(state: number, symbol: Token): number {
    const from = this.states[state]!;
    from.next ??= new Map();
    const cached = from.next.get(symbol);
    if (cached !== undefined) return cached;
    const target: number[] = [];
    this.stampValue++;
    for (const id of from.nfa) {
      const p = this.owner[id]!;
      const i = this.position[id]!;
      const t = this.patterns[p]![i];
      if (t === undefined) continue;
      if (t === STAR) this.addClosed(target, p, i);
      else if (t === QMARK ? isCharacter(symbol) : t === symbol) this.addClosed(target, p, i + 1);
    }
    const next = this.intern(target);
    from.next.set(symbol, next);
    return next;
  }

  /** The state after `text` from the start, cached (the fixed `arn:<partition>:kms:` prefix). */
  afterPrefix(text: string): number {
    let state = this.prefixes.get(text);
    if (state === undefined) {
      state = this.stepAll(this.start, literalTokens(text));
      this.prefixes.set(text, state);
    }
    return state;
  }

  stepAll(state: number, symbols: readonly Token[]): number {
    let current = state;
    for (const symbol of symbols) current = this.step(current, symbol);
    return current;
  }

  /** Adds position i of pattern p and every position reachable from it by skipping `*` (empty run). */
  private addClosed(into: number[], p: number, i: number): void {
    const pattern = this.patterns[p]!;
    for (let j = i; ; j++) {
      const id = this.offsets[p]! + j;
      if (this.stamp[id] === this.stampValue) return;
      this.stamp[id] = this.stampValue;
      into.push(id);
      if (pattern[j] !== STAR) return;
    }
  }

  private intern(nfa: number[]): number {
    nfa.sort((a, b) => a - b);
    const hash = hashOf(nfa);
    const existing = this.ids.get(hash);
    if (existing !== undefined) {
      for (const id of typeof existing === 'number' ? [existing] : existing) if (sameSet(this.states[id]!.nfa, nfa)) return id;
    }
    const flags: number[] = new Array<number>(this.patterns.length).fill(0);
    const literals: Token[] = [];
    for (const id of nfa) {
      const p = this.owner[id]!;
      const i = this.position[id]!;
      const t = this.patterns[p]![i];
      flags[p]! |= LIVE;
      if (t === undefined) flags[p]! |= ACCEPTS;
      else if (t !== STAR && t !== QMARK && !literals.includes(t)) literals.push(t);
      if (this.onlyStarsFrom[id]) flags[p]! |= UNIVERSAL;
    }
    const id = this.states.length;
    this.states.push({ nfa, flags, literals });
    if (existing === undefined) this.ids.set(hash, id);
    else if (typeof existing === 'number') this.ids.set(hash, [existing, id]);
    else existing.push(id);
    return id;
  }
}
