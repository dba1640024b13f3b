/**
 * Several glob patterns run side by side as one lazily built DFA.
 *
 * The NFA of a pattern has one state per position (0..length): "the first i tokens are
 * consumed". A DFA state is the set of live (pattern, position) pairs; it is built the first
 * time it is reached and its transitions are cached, so the work is proportional to the states
 * a search actually visits.
 */
import { QMARK, STAR, isCharacter, type Token } from './glob.js';

interface DfaState {
  /** Sorted NFA state ids (offset of the pattern + position). */
  readonly nfa: Int32Array;
  /** Per pattern: 1 when some position is live. */
  readonly live: Uint8Array;
  /** Per pattern: 1 when the input so far is matched. */
  readonly accepts: Uint8Array;
  /** Per pattern: 1 when every continuation is matched (a live `*` followed only by `*`). */
  readonly universal: Uint8Array;
  readonly next: Map<Token, number>;
}

export class PatternSetDfa {
  private readonly offsets: number[] = [];
  private readonly owner: Int32Array;
  private readonly position: Int32Array;
  private readonly states: DfaState[] = [];
  private readonly ids = new Map<string, number>();
  private readonly stamp: Int32Array;
  private stampValue = 0;
  readonly start: number;

  constructor(private readonly patterns: readonly (readonly Token[])[]) {
    let total = 0;
    for (const pattern of patterns) {
      this.offsets.push(total);
      total += pattern.length + 1;
    }
    this.owner = new Int32Array(total);
    this.position = new Int32Array(total);
    patterns.forEach((pattern, p) => {
      for (let i = 0; i <= pattern.length; i++) {
        this.owner[this.offsets[p]! + i] = p;
        this.position[this.offsets[p]! + i] = i;
      }
    });
    this.stamp = new Int32Array(total);
    const initial: number[] = [];
    this.beginSet();
    patterns.forEach((_, p) => this.addClosed(initial, p, 0));
    this.start = this.intern(initial);
  }

  get stateCount(): number {
    return this.states.length;
  }

  live(state: number, pattern: number): boolean {
    return this.states[state]!.live[pattern] === 1;
  }

  accepts(state: number, pattern: number): boolean {
    return this.states[state]!.accepts[pattern] === 1;
  }

  universal(state: number, pattern: number): boolean {
    return this.states[state]!.universal[pattern] === 1;
  }

  step(state: number, symbol: Token): number {
    const from = this.states[state]!;
    const cached = from.next.get(symbol);
    if (cached !== undefined) return cached;
    const target: number[] = [];
    this.beginSet();
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

  stepAll(state: number, symbols: readonly Token[]): number {
    let current = state;
    for (const symbol of symbols) current = this.step(current, symbol);
    return current;
  }

  private beginSet(): void {
    this.stampValue++;
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
    const key = nfa.join(',');
    const existing = this.ids.get(key);
    if (existing !== undefined) return existing;
    const count = this.patterns.length;
    const live = new Uint8Array(count);
    const accepts = new Uint8Array(count);
    const universal = new Uint8Array(count);
    for (const id of nfa) {
      const p = this.owner[id]!;
      const i = this.position[id]!;
      const pattern = this.patterns[p]!;
      live[p] = 1;
      if (i === pattern.length) accepts[p] = 1;
      if (i < pattern.length && onlyStarsFrom(pattern, i)) universal[p] = 1;
    }
    const id = this.states.length;
    this.states.push({ nfa: Int32Array.from(nfa), live, accepts, universal, next: new Map() });
    this.ids.set(key, id);
    return id;
  }
}

function onlyStarsFrom(pattern: readonly Token[], i: number): boolean {
  for (let j = i; j < pattern.length; j++) if (pattern[j] !== STAR) return false;
  return true;
}
