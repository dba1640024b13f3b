/**
 * Exact search for a KMS key ARN a set of statements allows, and how widely.
 *
 * For one blocked action, "the policy allows key k" is a boolean combination of glob languages
 * (the Resource/NotResource patterns of the Allow and Deny statements that match the action).
 * Key ARNs are `arn:<partition>:kms:R:A:key/K` with R, A, K non-empty and free of `:` and `/`,
 * and the account A an account id: 12 digits (account-id.ts). A variable token (glob.ts: a value
 * known only after apply; policy variables are read before, in variable-readings.ts) in an account
 * stands for a run of one or more digits (its value, none of which a pattern spells; the same
 * variable the same run), so an account may be `${aws:PrincipalAccount}` (a run of 12) or
 * `1111${x}` (4 digits and a run of 8). An empty run is not tried: it would let any variable of
 * the policy stand beside a spelled account, as text the policy does not spell. Each scope tier
 * fixes, per slot, whether its text must be a spelled value, must not be, or may be either
 * (all-keys: account not spelled; account-keys: account spelled, region not; region-keys: both
 * spelled, key id not). For a tier, a breadth-first search over (slot being written, DFA state
 * of all patterns, trie node of the spelled values, digits written in the account) decides
 * whether an allowed key exists, and rebuilds the shortest one from the search's parent links.
 *
 * A slot symbol is a character, OTHER (one character standing for every character no pattern
 * or spelled value uses at that point: they all lead to the same DFA state) or a policy
 * variable. A slot that must be spelled only tries the characters the trie expects next; any
 * other slot only tries OTHER, the variables and the characters a live pattern position expects
 * next (any other character does what OTHER does and is no nearer a spelled value). The account
 * slot has no OTHER: it tries each variable as each run length that fits, the digits a live
 * pattern position expects, and one "other digit" standing for the digits no live position
 * expects (they lead to the same DFA state; one that continues no spelled value is chosen, as it
 * is no nearer one).
 *
 * Only the account is constrained. Regions (`us-east-1`) and key ids (a UUID, or `mrk-` and 32
 * hex digits) have conventional forms too, but AWS does not promise them: a search limited to
 * today's forms would pass a pattern that matches keys of a form AWS adds later (a wrong pass),
 * while leaving them open only costs a false alarm on patterns that no key of today's forms
 * matches (such as `key/???`), which policies hardly ever contain.
 */
import type { PatternSetDfa, DelimiterBudget } from './automaton.js';
import type { WorkBudget } from './budget.js';
import { ACCOUNT_ID_DIGITS, DIGITS, isDigit } from './account-id.js';
import { OTHER, isDelimiter, isVariable, literalTokens, variableName, type Token } from './glob.js';
import { ACCOUNT, KEY_ID, NO_VALUE, REGION, type SpelledValues } from './spelled-values.js';
import { SCOPES, type Scope } from './types.js';

/** A statement's resource test: one of `patterns` matches (none, when negated), and one of `limits`. */
export interface Clause {
  readonly patterns: readonly number[];
  readonly negated: boolean;
  readonly limits?: readonly number[];
  /**
   * An Allow's keys are in one account its condition names, which may be any account: a key it
   * grants is never in an account the policy does not name.
   */
  readonly anyNamedAccount?: boolean;
}

export interface KeySearch {
  readonly partition: string;
  /** The patterns the clauses refer to (by index), run together. */
  readonly dfa: PatternSetDfa;
  /** The key is allowed when some allow clause holds and no deny clause does. */
  readonly allow: readonly Clause[];
  readonly deny: readonly Clause[];
  /**
   * Set when the key must also be allowed by a second policy (a permissions boundary): then one
   * of these clauses must hold too. Undefined: no second policy limits the keys.
   */
  readonly within?: readonly Clause[];
  readonly spelled: SpelledValues;
  /** The policy variables (each a symbol a slot may hold). */
  readonly variables: readonly Token[];
  /** The characters patterns and spelled values use: OTHER is written as none of them. */
  readonly characters: ReadonlySet<Token>;
  /** Charged for every search state and symbol tried (the automaton charges its own work to it too). */
  readonly work: WorkBudget;
}

export interface KeyWitness {
  readonly scope: Scope;
  /** The key as tokens (OTHER for a fresh character, variable tokens for variables). */
  readonly tokens: readonly Token[];
  /** How many digits each variable in the account stands for, in order. */
  readonly accountRuns: readonly number[];
  /** The key as text: OTHER written as a character no pattern uses, variables as `${name}`. */
  readonly arn: string;
}

const SLOT_MASKS = [REGION, ACCOUNT, KEY_ID];
const ACCOUNT_SLOT = 1;
/** What the search remembers of the account written so far: its digits (0 in the other slots). */
const ACCOUNT_STATES = ACCOUNT_ID_DIGITS + 1;
/** `runOf` of a symbol that is not a variable standing for digits. */
const NO_RUN = -1;
const SEPARATORS: readonly (readonly Token[])[] = [literalTokens(':'), literalTokens(':key/'), []];
/**
 * How many `:` and `/` the key ARN has left while each slot is written (slots hold neither): the
 * budgets the DFA must be built with, in slot order.
 */
/** The `:` and `/` of a whole key ARN (`arn:p:kms:R:A:key/K`). */
export const KEY_ARN_DELIMITERS: DelimiterBudget = { colons: 5, slashes: 1 };

export const KEY_SLOT_BUDGETS: readonly DelimiterBudget[] = [
  { colons: 2, slashes: 1 },
  { colons: 1, slashes: 1 },
  { colons: 0, slashes: 0 },
];
const prefix = (partition: string) => `arn:${partition}:kms:`;

/** Per slot (region, account, key id): must its text be spelled out (true), not (false), or either? */
type SlotRule = boolean | undefined;
const TIER_RULES: Record<Scope, readonly SlotRule[]> = {
  'all-keys': [undefined, false, undefined],
  'account-keys': [false, true, undefined],
  'region-keys': [true, true, false],
};
/**
 * The rules when some Allow names any one account (`anyNamedAccount`), for keys it or another
 * Allow grants once all-keys is ruled out: that account may be the key's own, so any account
 * counts as named.
 */
const ANY_ACCOUNT_NAMED_RULES: Record<Exclude<Scope, 'all-keys'>, readonly SlotRule[]> = {
  'account-keys': [false, undefined, undefined],
  'region-keys': [true, undefined, false],
};

function includes(sorted: readonly number[], value: number): boolean {
  let low = 0;
  // Stryker disable next-line ArithmeticOperator: slots past the end read undefined, which is neither equal to nor less than the value, so the search moves left as if they held larger ids
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** A clause's pattern ids, tested against a DFA state's sorted pattern lists. */
class PatternSet {
  private member?: Uint8Array;

  constructor(
    private readonly ids: readonly number[],
    private readonly total: number,
  ) {}

  /** Does the sorted list hold one of the ids? (Iterates the shorter side.) */
  meets(sorted: readonly number[]): boolean {
    // Stryker disable next-line LogicalOperator: with either side empty both lookups below find nothing and return false anyway
    if (this.ids.length === 0 || sorted.length === 0) return false;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: chooses between two exact membership tests (binary search, bitmap); only the cost differs
    if (this.ids.length * 8 <= sorted.length) {
      for (const id of this.ids) if (includes(sorted, id)) return true;
      return false;
    }
    if (!this.member) {
      this.member = new Uint8Array(this.total);
      for (const id of this.ids) this.member[id] = 1;
    }
    for (const p of sorted) if (this.member[p] === 1) return true;
    return false;
  }
}

interface CompiledClause {
  readonly patterns: PatternSet;
  readonly negated: boolean;
  readonly limits?: PatternSet;
}

class Search {
  private readonly dfa: PatternSetDfa;
  private readonly work: WorkBudget;
  private readonly allow: readonly CompiledClause[];
  private readonly deny: readonly CompiledClause[];
  private readonly within?: readonly CompiledClause[];
  private readonly alive: number[][] = [[], [], []];
  private readonly allowed: number[] = [];
  private readonly start: number;

  constructor(
    private readonly problem: KeySearch,
    private readonly rules: Readonly<Partial<Record<Scope, readonly SlotRule[]>>> = TIER_RULES,
  ) {
    this.dfa = problem.dfa;
    this.work = problem.work;
    this.work.spend(problem.allow.length + problem.deny.length + (problem.within?.length ?? 0) + 1);
    const total = this.dfa.patternCount;
    const compile = (c: Clause): CompiledClause => {
      const base = { patterns: new PatternSet(c.patterns, total), negated: c.negated };
      return c.limits ? { ...base, limits: new PatternSet(c.limits, total) } : base;
    };
    this.allow = problem.allow.map(compile);
    this.deny = problem.deny.map(compile);
    if (problem.within) this.within = problem.within.map(compile);
    this.start = this.dfa.afterPrefix(prefix(problem.partition));
  }

  /** Can some key continuing from DFA state d, while writing `slot`, still be allowed? (Prunes.) */
  private isAlive(d: number, slot: number): boolean {
    const cache = this.alive[slot]!;
    const cached = cache[d];
    if (cached !== undefined) return cached === 1;
    this.work.spend(this.allow.length + this.deny.length);
    const live = this.dfa.liveWithin(d, slot);
    const universal = this.dfa.universal(d);
    const possible = (c: CompiledClause) => (c.negated ? !c.patterns.meets(universal) : c.patterns.meets(live)) && (!c.limits || c.limits.meets(live));
    // Stryker disable next-line ArrowFunction: pruning only: a Deny never certain keeps more states alive; every finished key is still judged by isAllowed
    const certain = (c: CompiledClause) => (c.negated ? !c.patterns.meets(live) : c.patterns.meets(universal)) && (!c.limits || c.limits.meets(universal));
    const result = this.allow.some(possible) && !this.deny.some(certain) && (this.within === undefined || this.within.some(possible));
    cache[d] = result ? 1 : 0;
    return result;
  }

  /** Is the finished key that led to DFA state d allowed? */
  private isAllowed(d: number): boolean {
    const cached = this.allowed[d];
    if (cached !== undefined) return cached === 1;
    this.work.spend(this.allow.length + this.deny.length);
    const accepting = this.dfa.accepting(d);
    const holds = (c: CompiledClause) => c.patterns.meets(accepting) !== c.negated && (!c.limits || c.limits.meets(accepting));
    const result = this.allow.some(holds) && !this.deny.some(holds) && (this.within === undefined || this.within.some(holds));
    this.allowed[d] = result ? 1 : 0;
    return result;
  }

  /**
   * The digits worth trying in the account from DFA state d and trie node `node`: those a live
   * pattern position expects, and one other (preferably one that continues no spelled value;
   * when every other digit does, each of them).
   */
  private accountDigits(d: number, node: number): Token[] {
    const literals = this.dfa.literals(d);
    // Stryker disable next-line MethodExpression: unfiltered, the extra literals add nothing: extend() drops characters other than digits in the account slot, and the variables among them were tried just before (same states, deduplicated)
    const digits = literals.filter(isDigit);
    const others = DIGITS.filter((t) => !literals.includes(t));
    const continuing = this.problem.spelled.next(node);
    // Stryker disable next-line ArrowFunction: no representative found means every other digit is tried, a superset of the one representative: same keys, more work
    const fresh = others.find((t) => !continuing.includes(t));
    return fresh === undefined ? [...digits, ...others] : [...digits, fresh];
  }

  run(scope: Scope): KeyWitness | undefined {
    const { spelled, variables } = this.problem;
    const rules = this.rules[scope]!;
    // State arrays, indexed by state number; the queue is the arrays themselves (BFS order).
    // `node` is the trie node while the slot's spelled-ness matters, NO_VALUE otherwise.
    const slotOf: number[] = [];
    const dfaOf: number[] = [];
    const nodeOf: number[] = [];
    const accountOf: number[] = [];
    const parentOf: number[] = [];
    const viaOf: (Token | undefined)[] = [];
    const runOf: number[] = [];
    // A variable has one value: in the account, each stands for one run length. `runsOf` is the id
    // of the run lengths chosen so far (0: none), `runLengths` the lengths by id.
    const runsOf: number[] = [];
    const runLengths: ReadonlyMap<Token, number>[] = [new Map()];
    // Stryker disable next-line ArrayDeclaration,StringLiteral: the name '' is never looked up (withRun always names a non-empty map); id 0 is the runsOf default, not read from this map
    const runIds = new Map<string, number>([['', 0]]);
    const withRun = (runs: number, variable: Token, length: number): number => {
      const lengths = new Map(runLengths[runs]!).set(variable, length);
      // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator,StringLiteral: the name only dedupes run-length maps: an unsorted name gives equal maps two ids (more states, same keys); without ';' entries stay apart, each starting with its negative variable token
      const name = [...lengths].sort(([a], [b]) => a - b).join(';');
      let id = runIds.get(name);
      if (id === undefined) {
        id = runLengths.length;
        runLengths.push(lengths);
        // Stryker disable next-line CallExpression: without it equal run-length maps get new ids: more search states, the same keys
        runIds.set(name, id);
      }
      return id;
    };
    const seen = new Map<number | string, number>();
    const trieWidth = spelled.size + 1;
    const push = (slot: number, d: number, node: number, account: number, parent: number, via: Token | undefined, run = NO_RUN, runs = 0) => {
      // Stryker disable next-line EqualityOperator: swaps the last bit between empty and non-empty slots, a one-to-one renaming of the keys
      const numeric = (((d * trieWidth + node + 1) * 3 + slot) * ACCOUNT_STATES + account) * 2 + (via === undefined ? 0 : 1);
      const key = runs === 0 ? numeric : `${numeric}:${runs}`;
      if (seen.has(key)) return;
      seen.set(key, slotOf.length);
      slotOf.push(slot);
      dfaOf.push(d);
      nodeOf.push(node);
      accountOf.push(account);
      parentOf.push(parent);
      viaOf.push(via);
      runOf.push(run);
      runsOf.push(runs);
    };
    const entryNode = (slot: number) => (rules[slot] === undefined ? NO_VALUE : spelled.root);

    if (this.isAlive(this.start, 0)) push(0, this.start, entryNode(0), 0, -1, undefined);
    for (let s = 0; s < slotOf.length; s++) {
      const slot = slotOf[s]!;
      const d = dfaOf[s]!;
      const node = nodeOf[s]!;
      const account = accountOf[s]!;
      const runs = runsOf[s]!;
      const rule = rules[slot];
      const moveTo = (next: number, symbol: Token, nextAccount: number, run?: number, nextRuns = runs) => {
        this.work.spend(1);
        if (!this.isAlive(next, slot)) return;
        const nextNode = spelled.step(node, symbol);
        if (rule === true && nextNode === NO_VALUE) return;
        push(slot, next, nextNode, nextAccount, s, symbol, run, nextRuns);
      };
      const extend = (symbol: Token) => {
        if (isDelimiter(symbol)) return;
        if (slot !== ACCOUNT_SLOT) moveTo(this.dfa.step(d, symbol), symbol, account);
        else if (isDigit(symbol)) {
          if (account < ACCOUNT_ID_DIGITS) moveTo(this.dfa.step(d, symbol), symbol, account + 1);
        } else if (isVariable(symbol)) {
          const chosen = runLengths[runs]!.get(symbol);
          for (let run = chosen ?? 1; account + run <= ACCOUNT_ID_DIGITS && (chosen === undefined || run === chosen); run++) {
            const nextRuns = chosen === undefined ? withRun(runs, symbol, run) : runs;
            moveTo(this.dfa.stepVariableRun(d, symbol, run), symbol, account + run, run, nextRuns);
          }
        }
      };
      if (rule === true) {
        for (const symbol of spelled.next(node)) extend(symbol);
      } else if (slot === ACCOUNT_SLOT) {
        for (const symbol of variables) extend(symbol);
        for (const symbol of this.accountDigits(d, node)) extend(symbol);
      } else {
        extend(OTHER);
        for (const symbol of variables) extend(symbol);
        for (const symbol of this.dfa.literals(d)) extend(symbol);
      }
      if (viaOf[s] === undefined) continue; // the slot is still empty
      if (rule !== undefined && spelled.spelled(node, SLOT_MASKS[slot]!) !== rule) continue;
      if (slot === ACCOUNT_SLOT && account !== ACCOUNT_ID_DIGITS) continue;
      if (slot < 2) {
        const after = this.dfa.stepAll(d, SEPARATORS[slot]!);
        if (this.isAlive(after, slot + 1)) push(slot + 1, after, entryNode(slot + 1), 0, s, undefined);
      } else if (this.isAllowed(d)) {
        return this.witness(s, slotOf, parentOf, viaOf, runOf, scope);
      }
    }
    return undefined;
  }

  private witness(state: number, slotOf: number[], parentOf: number[], viaOf: (Token | undefined)[], runOf: number[], scope: Scope): KeyWitness {
    const slots: Token[][] = [[], [], []];
    const accountRuns: number[] = [];
    for (let s = state; s >= 0; s = parentOf[s]!) {
      const via = viaOf[s];
      if (via !== undefined) slots[slotOf[s]!]!.push(via);
      if (runOf[s] !== NO_RUN) accountRuns.unshift(runOf[s]!);
    }
    const tokens = [
      ...literalTokens(prefix(this.problem.partition)),
      ...slots[0]!.reverse(),
      ...SEPARATORS[0]!,
      ...slots[1]!.reverse(),
      ...SEPARATORS[1]!,
      ...slots[2]!.reverse(),
    ];
    const characters = this.problem.characters;
    return {
      scope,
      tokens,
      accountRuns,
      get arn() {
        return renderTokens(tokens, freshCharacter(characters));
      },
    };
  }
}

/** A character for OTHER: one no pattern uses, readable when possible. */
function freshCharacter(used: ReadonlySet<Token>): string {
  for (const ch of 'xzqjvw0123456789') if (!used.has(ch.codePointAt(0)!)) return ch;
  for (let code = 0x4e00; ; code++) if (!used.has(code)) return String.fromCodePoint(code);
}

function renderTokens(tokens: readonly Token[], other: string): string {
  return tokens.map((t) => (t === OTHER ? other : isVariable(t) ? `\${${variableName(t)}}` : String.fromCodePoint(t))).join('');
}

/**
 * Finds an allowed key: with a scope, one in that tier; without, one in the widest tier that has
 * any. Undefined when there is none (every allowed key is spelled out, or none is allowed).
 */
export function findAllowedKey(problem: KeySearch, scope?: Scope): KeyWitness | undefined {
  if (problem.allow.length === 0) return undefined;
  const searchTier = tierSearcher(problem);
  if (scope) return searchTier(scope);
  for (const tier of SCOPES) {
    const witness = searchTier(tier);
    if (witness) return witness;
  }
  return undefined;
}

/**
 * Searches one tier at a time. With Allows that name any one account: all-keys needs a key in
 * an account no one names, so only the other Allows can grant it; the other tiers are searched
 * with every Allow, any account counting as named (the named account may be the key's own).
 */
function tierSearcher(problem: KeySearch): (tier: Scope) => KeyWitness | undefined {
  if (!problem.allow.some((c) => c.anyNamedAccount)) {
    const search = new Search(problem);
    return (tier) => search.run(tier);
  }
  const others = problem.allow.filter((c) => !c.anyNamedAccount);
  let unnamed: Search | undefined;
  let named: Search | undefined;
  return (tier) => {
    if (tier === 'all-keys') return others.length === 0 ? undefined : (unnamed ??= new Search({ ...problem, allow: others })).run(tier);
    return (named ??= new Search(problem, ANY_ACCOUNT_NAMED_RULES)).run(tier);
  };
}
