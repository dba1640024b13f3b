/**
 * What the key searches of one evaluation share: one automaton over every Resource/NotResource
 * pattern of the policy (and the account limits of ResourceAccount conditions), the values the
 * policy spells out, the variables and characters it uses.
 */
import { writtenAccounts } from './account-id.js';
import { PatternSetDfa } from './automaton.js';
import { WorkBudget } from './budget.js';
import { STAR, compileArnPattern, isVariable, literalTokens, type Token } from './glob.js';
import type { ConcreteStatement } from './instantiate.js';
import { KEY_ARN_DELIMITERS, KEY_SLOT_BUDGETS, type Clause, type KeySearch } from './key-search.js';
import { segmentReadings } from './segment-wildcards.js';
import { ACCOUNT, KEY_ID, REGION, SpelledValues } from './spelled-values.js';

/** An Allow statement as it grants: with the accounts a ResourceAccount condition limits it to. */
export interface Grant {
  readonly statement: ConcreteStatement;
  readonly accounts?: readonly (readonly Token[])[];
  /**
   * Its keys are in one account its condition names, which may be any account: `accounts` are
   * then only values the policy spells out, not a limit (see conditions.ts).
   */
  readonly anyNamedAccount?: boolean;
  /** Blocked actions its condition keeps it from granting (`scope` mode): it grants them on no key. */
  readonly exceptActions?: readonly string[];
}

/**
 * `arn:*:kms:*:<account>:key/*`. It spells as many `:` and `/` as a key ARN, so its stars cannot
 * absorb a delimiter: on key ARNs it matches exactly the keys of that account.
 */
function accountLimitPattern(account: readonly Token[]): Token[] {
  return [...literalTokens('arn:'), STAR, ...literalTokens(':kms:'), STAR, ...literalTokens(':'), ...account, ...literalTokens(':key/'), STAR];
}

const key = (tokens: readonly Token[]) => tokens.join(',');

/** Whether matching less allows more: a Deny's Resource, an Allow's NotResource (segment-wildcards.ts). */
const readsPerSegment = (statement: ConcreteStatement) => (statement.effect === 'Deny') !== statement.resourceNegated;

/** The patterns a Resource/NotResource item is matched as: the pattern, or its per-segment readings. */
function itemPatterns(statement: ConcreteStatement, text: string): readonly (readonly Token[])[] {
  const { tokens } = compileArnPattern(text);
  return readsPerSegment(statement) ? segmentReadings(tokens) : [tokens];
}

export class SearchSpace {
  private readonly spelled = new SpelledValues();
  private readonly dfa: PatternSetDfa;
  private readonly variables: Token[];
  private readonly characters = new Set<Token>();
  private readonly ids = new Map<string, number>();

  constructor(
    statements: readonly ConcreteStatement[],
    grants: readonly Grant[],
    private readonly partition: string,
    private readonly work: WorkBudget = new WorkBudget(),
  ) {
    // Stryker disable next-line ArrayDeclaration: ids are patterns.length at push, so a leading entry only shifts them; as a pattern it cannot match the `a` every key starts with, so it is dead before any key slot
    const patterns: (readonly Token[])[] = [];
    const variables = new Set<Token>();
    const addSymbols = (tokens: Iterable<Token>) => {
      for (const t of tokens) {
        if (t >= 0) this.characters.add(t);
        else if (isVariable(t)) variables.add(t);
      }
    };
    const add = (tokens: readonly Token[]) => {
      if (this.ids.has(key(tokens))) return;
      this.ids.set(key(tokens), patterns.length);
      patterns.push(tokens);
      addSymbols(tokens);
    };
    for (const statement of statements) {
      for (const item of statement.resources) {
        if (item.pattern === undefined) continue;
        const pattern = compileArnPattern(item.pattern);
        for (const tokens of itemPatterns(statement, item.pattern)) add(tokens);
        if (!item.known) continue;
        for (const value of pattern.spelled) this.spelled.add(value, REGION | ACCOUNT | KEY_ID);
        for (const account of writtenAccounts(pattern.tokens)) this.spelled.add(account, ACCOUNT);
      }
    }
    for (const grant of grants) {
      for (const account of grant.accounts ?? []) {
        this.spelled.add(account, ACCOUNT);
        if (!grant.anyNamedAccount) add(accountLimitPattern(account));
      }
    }
    addSymbols(this.spelled.tokens());
    addSymbols(literalTokens(partition));
    this.variables = [...variables];
    this.dfa = new PatternSetDfa(patterns, KEY_SLOT_BUDGETS, work, KEY_ARN_DELIMITERS);
  }

  private id(tokens: readonly Token[]): number {
    return this.ids.get(key(tokens))!;
  }

  private clause(statement: ConcreteStatement, grant?: Grant): Clause {
    const patterns = statement.resources.flatMap((item) =>
      item.pattern === undefined ? [] : itemPatterns(statement, item.pattern).map((tokens) => this.id(tokens)),
    );
    const base = { patterns, negated: statement.resourceNegated };
    if (grant?.anyNamedAccount) return { ...base, anyNamedAccount: true };
    return grant?.accounts ? { ...base, limits: grant.accounts.map((a) => this.id(accountLimitPattern(a))) } : base;
  }

  /**
   * The key search for some grants against some (unconditional) Deny statements; with `within`,
   * only keys one of those Allow statements matches too (a permissions boundary's).
   */
  search(grants: readonly Grant[], denies: readonly ConcreteStatement[], within?: readonly ConcreteStatement[]): KeySearch {
    return {
      partition: this.partition,
      dfa: this.dfa,
      allow: grants.map((g) => this.clause(g.statement, g)),
      deny: denies.map((d) => this.clause(d)),
      ...(within ? { within: within.map((w) => this.clause(w)) } : {}),
      spelled: this.spelled,
      variables: this.variables,
      characters: this.characters,
      work: this.work,
    };
  }
}
