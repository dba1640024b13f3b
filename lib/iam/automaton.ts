/**
 * Several glob patterns run side by side as one lazily built DFA.
 *
 * The NFA of a pattern has one state per position (0..length): "the first i tokens are
 * consumed". A DFA state is the set of live (pattern, position) pairs; it is built the first
 * time it is reached and its transitions are cached, so the work is proportional to the states
 * a search actually visits. Per state, the patterns that are live, accepting or universal are
 * kept as sorted lists of pattern ids (sparse: a policy may have thousands of patterns).
 *
 * Built for inputs of a known delimiter structure (key ARNs: five `:` and one `/`), a state also
 * counts the `:` and `/` still to come and drops the positions whose pattern needs more of them
 * than are left: a `*` that could only match by swallowing a delimiter the rest of the pattern
 * needs is dead. Without this, every pattern with a `*` in its region stays live through the
 * account, and a policy listing n accounts builds states of n positions each.
 *
 * Glob sets can need exponentially many DFA states (many patterns with many `*`): every state
 * and transition built is charged to a work budget, which throws TooComplexError when it runs
 * out rather than let the automaton exhaust time and memory.
 */
import { WorkBudget } from './budget.js';
import { QMARK, STAR, isCharacter, literalTokens, type Token } from './glob.js';

const COLON = 0x3a;
const SLASH = 0x2f;

/** A limit on the `:` and `/` an input may still contain (see `liveWithin`). */
export interface DelimiterBudget {
  readonly colons: number;
  readonly slashes: number;
}

interface DfaState {
  /** Sorted NFA state ids (offset of the pattern + position). */
  readonly nfa: readonly number[];
  /** The `:` and `/` any input may still hold (with a delimiter structure), else undefined. */
  readonly left?: DelimiterBudget;
  /** Sorted ids of the patterns with a live position. */
  readonly live: readonly number[];
  /** Per delimiter budget: sorted ids of the patterns with a live position that fits it. */
  readonly liveWithin: readonly (readonly number[])[];
  /** Sorted ids of the patterns that match the input so far. */
  readonly accepting: readonly number[];
  /** Sorted ids of the patterns that match every continuation (a live `*` followed only by `*`). */
  readonly universal: readonly number[];
  /**
   * The tokens some live position expects literally. Every other character leads where OTHER
   * leads, so a search need only try these, OTHER and the variables.
   */
  readonly literals: readonly Token[];
  next?: Map<Token, number>;
  /** Transitions on a variable standing for a run of digits (see `stepVariableRun`). */
  runNext?: Map<number, number>;
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

function sameLeft(a: DelimiterBudget | undefined, b: DelimiterBudget | undefined): boolean {
  return a === undefined ? b === undefined : b !== undefined && a.colons === b.colons && a.slashes === b.slashes;
}

/** The delimiters left after reading `symbol` (negative: more than the structure holds). */
function after(left: DelimiterBudget | undefined, symbol: Token): DelimiterBudget | undefined {
  if (left === undefined) return undefined;
  if (symbol === COLON) return { colons: left.colons - 1, slashes: left.slashes };
  if (symbol === SLASH) return { colons: left.colons, slashes: left.slashes - 1 };
  return left;
}

function pushOnce(list: number[], value: number): void {
  if (list[list.length - 1] !== value) list.push(value);
}

export class PatternSetDfa {
  private readonly offsets: number[] = [];
  /** Per NFA state: its pattern, its position, how many `:`/`/` the rest of the pattern spells. */
  private readonly owner: number[] = [];
  private readonly position: number[] = [];
  // Stryker disable next-line ArrayDeclaration: every index is assigned (offset + i, for each position) before it is read
  private readonly colonsFrom: number[] = [];
  // Stryker disable next-line ArrayDeclaration: every index is assigned (offset + i, for each position) before it is read
  private readonly slashesFrom: number[] = [];
  // Stryker disable next-line ArrayDeclaration: every index is assigned (offset + i, for each position) before it is read
  private readonly onlyStarsFrom: boolean[] = [];
  // Stryker disable next-line ArrayDeclaration: a leading non-number entry only shifts the array; stamps are compared to a number, and each is set before it can match
  private readonly stamp: number[] = [];
  private stampValue = 0;
  // Stryker disable next-line ArrayDeclaration: a leading entry only shifts the ids (each is states.length when pushed); ids are opaque and only read back through the ids map
  private readonly states: DfaState[] = [];
  /** Hash of the NFA set -> state id, or ids when hashes collide. */
  private readonly ids = new Map<number, number | number[]>();
  private readonly prefixes = new Map<string, number>();
  readonly start: number;

  constructor(
    private readonly patterns: readonly (readonly Token[])[],
    private readonly budgets: readonly DelimiterBudget[] = [],
    private readonly work: WorkBudget = new WorkBudget(),
    /** The `:` and `/` every input holds in all (key ARNs: 5 and 1); undefined: any. */
    structure?: DelimiterBudget,
  ) {
    work.spend(patterns.reduce((sum, pattern) => sum + pattern.length + 1, 0));
    patterns.forEach((pattern, p) => {
      const offset = this.owner.length;
      this.offsets.push(offset);
      for (let i = 0; i <= pattern.length; i++) {
        this.owner.push(p);
        this.position.push(i);
        // Stryker disable next-line CallExpression: a missing stamp reads undefined, which never equals the positive stampValue, as 0 does not
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
    for (let p = 0; p < patterns.length; p++) this.addClosed(initial, p, 0, structure);
    this.start = this.intern(initial, structure);
  }

  get patternCount(): number {
    return this.patterns.length;
  }

  live(state: number): readonly number[] {
    return this.states[state]!.live;
  }

  /** Patterns with a live position whose rest spells no more `:`/`/` than budget `b` allows. */
  liveWithin(state: number, b: number): readonly number[] {
    return this.states[state]!.liveWithin[b]!;
  }

  accepting(state: number): readonly number[] {
    return this.states[state]!.accepting;
  }

  universal(state: number): readonly number[] {
    return this.states[state]!.universal;
  }

  literals(state: number): readonly Token[] {
    return this.states[state]!.literals;
  }

  step(state: number, symbol: Token): number {
    const from = this.states[state]!;
    from.next ??= new Map();
    const cached = from.next.get(symbol);
    if (cached !== undefined) return cached;
    this.work.spend(from.nfa.length + 1);
    const target: number[] = [];
    const left = after(from.left, symbol);
    this.stampValue++;
    // Past the structure's last delimiter no input goes on: the dead state (no position).
    if (left === undefined || (left.colons >= 0 && left.slashes >= 0)) {
      for (const id of from.nfa) {
        const p = this.owner[id]!;
        const i = this.position[id]!;
        const t = this.patterns[p]![i];
        if (t === undefined) continue;
        if (t === STAR) this.addClosed(target, p, i, left);
        else if (t === QMARK ? isCharacter(symbol) : t === symbol) this.addClosed(target, p, i + 1, left);
      }
    }
    const next = this.intern(target, left);
    // Stryker disable next-line CallExpression: transition cache: without it the same target set is built again and interned to the same state id
    from.next.set(symbol, next);
    return next;
  }

  /**
   * The state after a policy variable that stands for a run of `length` digits no pattern spells
   * (in an account, which is 12 digits, a variable is such a run): a position holding the same
   * variable takes it whole; any other position reads it as `length` characters no pattern
   * spells, which only `*` and `?` match.
   */
  stepVariableRun(state: number, variable: Token, length: number): number {
    const from = this.states[state]!;
    from.runNext ??= new Map();
    const key = variable * 64 - length;
    const cached = from.runNext.get(key);
    if (cached !== undefined) return cached;
    this.work.spend(from.nfa.length * (length + 1) + 1);
    const reached: number[] = [];
    for (const id of from.nfa) {
      const p = this.owner[id]!;
      const i = this.position[id]!;
      const t = this.patterns[p]![i];
      if (t === variable) reached.push(this.offsets[p]! + i + 1);
      else reached.push(...this.readUnspelled(p, i, length));
    }
    const target: number[] = [];
    this.stampValue++;
    for (const id of reached) this.addClosed(target, this.owner[id]!, this.position[id]!, from.left);
    const next = this.intern(target, from.left);
    // Stryker disable next-line CallExpression: transition cache: without it the same target set is built again and interned to the same state id
    from.runNext.set(key, next);
    return next;
  }

  /** NFA ids of pattern p after reading `length` characters no pattern spells from position i. */
  private readUnspelled(p: number, i: number, length: number): number[] {
    const pattern = this.patterns[p]!;
    let positions = [i];
    for (let n = 0; n < length && positions.length > 0; n++) {
      const next = new Set<number>();
      for (const j of positions) {
        // `positions` are closed over empty `*` runs, like the NFA states.
        if (pattern[j] === STAR) next.add(j);
        else if (pattern[j] === QMARK) next.add(j + 1);
      }
      positions = [];
      for (const j of next)
        for (let k = j; ; k++) {
          positions.push(k);
          if (pattern[k] !== STAR) break;
        }
    }
    return positions.map((j) => this.offsets[p]! + j);
  }

  /** The state after `text` from the start, cached (the fixed `arn:<partition>:kms:` prefix). */
  afterPrefix(text: string): number {
    let state = this.prefixes.get(text);
    if (state === undefined) {
      state = this.stepAll(this.start, literalTokens(text));
      // Stryker disable next-line CallExpression: prefix cache: without it the prefix is stepped again, to the same (cached) state
      this.prefixes.set(text, state);
    }
    return state;
  }

  stepAll(state: number, symbols: readonly Token[]): number {
    let current = state;
    for (const symbol of symbols) current = this.step(current, symbol);
    return current;
  }

  /**
   * Adds position i of pattern p and every position reachable from it by skipping `*` (empty run),
   * but none whose rest needs more `:` or `/` than are `left` (the rest of the run needs no more).
   */
  private addClosed(into: number[], p: number, i: number, left?: DelimiterBudget): void {
    const pattern = this.patterns[p]!;
    for (let j = i; ; j++) {
      const id = this.offsets[p]! + j;
      if (this.stamp[id] === this.stampValue) return;
      this.stamp[id] = this.stampValue;
      if (left === undefined || (this.colonsFrom[id]! <= left.colons && this.slashesFrom[id]! <= left.slashes)) into.push(id);
      if (pattern[j] !== STAR) return;
    }
  }

  private intern(nfa: number[], left?: DelimiterBudget): number {
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: every caller builds the list ascending already (from ids ascend; each adds a contiguous run at or after itself, and a run that meets a stamped id stops there); sort is a guard that never reorders
    nfa.sort((a, b) => a - b);
    const hash = (hashOf(nfa) * 31 + (left === undefined ? -1 : left.colons * 8 + left.slashes)) | 0;
    const existing = this.ids.get(hash);
    if (existing !== undefined) {
      for (const id of typeof existing === 'number' ? [existing] : existing) {
        const state = this.states[id]!;
        if (sameSet(state.nfa, nfa) && sameLeft(state.left, left)) return id;
      }
    }
    this.work.spend(nfa.length + 1);
    // Ids are sorted and each pattern's ids are contiguous, so owners come out sorted.
    const live: number[] = [];
    const liveWithin: number[][] = this.budgets.map(() => []);
    const accepting: number[] = [];
    const universal: number[] = [];
    const literals: Token[] = [];
    for (const id of nfa) {
      const p = this.owner[id]!;
      const t = this.patterns[p]![this.position[id]!];
      pushOnce(live, p);
      this.budgets.forEach((budget, b) => {
        if (this.colonsFrom[id]! <= budget.colons && this.slashesFrom[id]! <= budget.slashes) pushOnce(liveWithin[b]!, p);
      });
      if (t === undefined) pushOnce(accepting, p);
      else if (t !== STAR && t !== QMARK && !literals.includes(t)) literals.push(t);
      if (this.onlyStarsFrom[id]) pushOnce(universal, p);
    }
    const id = this.states.length;
    this.states.push(
      left === undefined ? { nfa, live, liveWithin, accepting, universal, literals } : { nfa, left, live, liveWithin, accepting, universal, literals },
    );
    if (existing === undefined) this.ids.set(hash, id);
    else if (typeof existing === 'number') this.ids.set(hash, [existing, id]);
    else existing.push(id);
    return id;
  }
}
