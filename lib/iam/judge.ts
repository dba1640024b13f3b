/**
 * The verdict on one policy: which blocked actions it allows on keys it does not name, how
 * widely, and which statements are responsible. Unknown parts are judged at both their most
 * and least permissive values.
 */
import { conditionNarrowing } from './conditions.js';
import {
  OTHER,
  STAR,
  actionTokens,
  compileActionPattern,
  compileArnPattern,
  isDelimiter,
  isVariable,
  literalTokens,
  tokensMatch,
  type Token,
} from './glob.js';
import { instantiate, unknownChoices, type ConcreteItem, type ConcreteStatement } from './instantiate.js';
import { findAllowedKey, type Clause, type KeySearch } from './key-search.js';
import { ACCOUNT, KEY_ID, REGION, SpelledValues } from './spelled-values.js';
import type { EvaluationOptions, MatchReason, Policy, ResponsibleStatement, Scope, UnknownValue, Verdict } from './types.js';

const RANK: Record<Scope, number> = { 'all-keys': 0, 'account-keys': 1, 'region-keys': 2 };

/** An Allow statement as it grants: with the accounts a ResourceAccount condition limits it to. */
interface Grant {
  readonly statement: ConcreteStatement;
  readonly accounts?: readonly (readonly Token[])[];
}

/** Blocked actions that the same Allow and Deny statements match: one key search serves them all. */
interface ActionGroup {
  readonly actions: string[];
  readonly grants: readonly Grant[];
  readonly denies: readonly ConcreteStatement[];
  scope?: Scope;
}

interface Evaluation {
  readonly scope?: Scope;
  readonly actions: readonly string[];
  readonly statements: readonly ResponsibleStatement[];
  readonly conditionKeys: readonly string[];
}

const CLEAN: Evaluation = { actions: [], statements: [], conditionKeys: [] };

function statementMatchesAction(statement: ConcreteStatement, action: readonly Token[]): boolean {
  const some = statement.actions.some((item) => item.pattern !== undefined && tokensMatch(compileActionPattern(item.pattern), action));
  return some !== statement.actionNegated;
}

function accountLimitPattern(account: readonly Token[]): Token[] {
  return [...literalTokens('arn:'), STAR, ...literalTokens(':kms:'), STAR, ...literalTokens(':'), ...account, ...literalTokens(':key/'), STAR];
}

/** Everything the key searches of one evaluation share: spelled values and the alphabet. */
class Universe {
  readonly spelled = new SpelledValues();
  readonly alphabet: Token[];

  constructor(statements: readonly ConcreteStatement[], grants: readonly Grant[], partition: string) {
    const symbols = new Set<Token>([OTHER]);
    const addSymbols = (tokens: Iterable<Token>) => {
      for (const t of tokens) if (t >= 0 ? !isDelimiter(t) : isVariable(t)) symbols.add(t);
    };
    for (const statement of statements) {
      for (const item of statement.resources) {
        if (item.pattern === undefined) continue;
        const pattern = compileArnPattern(item.pattern);
        addSymbols(pattern.tokens);
        if (item.known) for (const value of pattern.spelled) this.spelled.add(value, REGION | ACCOUNT | KEY_ID);
      }
    }
    for (const grant of grants) for (const account of grant.accounts ?? []) this.spelled.add(account, ACCOUNT);
    addSymbols(this.spelled.tokens());
    addSymbols(literalTokens(partition));
    this.alphabet = [...symbols].sort((a, b) => a - b);
  }
}

/** Builds the key search for some grants against some denies, numbering the distinct patterns. */
function keySearch(universe: Universe, partition: string, grants: readonly Grant[], denies: readonly ConcreteStatement[]): KeySearch {
  const patterns: (readonly Token[])[] = [];
  const ids = new Map<string, number>();
  const idOf = (tokens: readonly Token[]) => {
    const key = tokens.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = patterns.length;
      patterns.push(tokens);
      ids.set(key, id);
    }
    return id;
  };
  const clause = (statement: ConcreteStatement, accounts?: readonly (readonly Token[])[]): Clause => {
    const ids = statement.resources.flatMap((item) => (item.pattern === undefined ? [] : [idOf(compileArnPattern(item.pattern).tokens)]));
    const base = { patterns: ids, negated: statement.resourceNegated };
    return accounts ? { ...base, limits: accounts.map((a) => idOf(accountLimitPattern(a))) } : base;
  };
  return {
    partition,
    patterns,
    allow: grants.map((g) => clause(g.statement, g.accounts)),
    deny: denies.map((d) => clause(d)),
    spelled: universe.spelled,
    alphabet: universe.alphabet,
  };
}

/** True when every key the grants allow is spelled out: each grants only wildcard-free ARNs. */
function grantsOnlyLiteralKeys(grants: readonly Grant[]): boolean {
  return grants.every(
    (g) => !g.statement.resourceNegated && g.statement.resources.every((item) => item.pattern === undefined || compileArnPattern(item.pattern).literal),
  );
}

function uniqueInOrder(values: readonly string[], keep: (value: string) => boolean): string[] {
  return [...new Set(values.filter(keep))];
}

function evaluate(statements: readonly ConcreteStatement[], options: EvaluationOptions): Evaluation {
  const grants: Grant[] = [];
  const denies: ConcreteStatement[] = [];
  for (const statement of statements) {
    if (statement.effect === 'Deny') {
      if (statement.condition === undefined) denies.push(statement);
      continue;
    }
    const narrowing = conditionNarrowing(statement.condition, options.conditions);
    if (narrowing.namedKeysOnly) continue;
    grants.push(narrowing.accounts ? { statement, accounts: narrowing.accounts } : { statement });
  }

  const groups = new Map<string, ActionGroup>();
  for (const action of options.blockedActions) {
    const tokens = actionTokens(action, false);
    const matching = grants.filter((g) => statementMatchesAction(g.statement, tokens));
    if (matching.length === 0) continue;
    const denying = denies.filter((d) => statementMatchesAction(d, tokens));
    const key = `${matching.map((g) => grants.indexOf(g)).join(',')}|${denying.map((d) => denies.indexOf(d)).join(',')}`;
    const group = groups.get(key);
    if (group) group.actions.push(action);
    else groups.set(key, { actions: [action], grants: matching, denies: denying });
  }
  if (groups.size === 0) return CLEAN;

  const universe = new Universe(statements, grants, options.partition);
  let scope: Scope | undefined;
  const actions: string[] = [];
  for (const group of groups.values()) {
    if (grantsOnlyLiteralKeys(group.grants)) continue;
    group.scope = findAllowedKey(keySearch(universe, options.partition, group.grants, group.denies))?.scope;
    if (group.scope === undefined) continue;
    actions.push(...group.actions);
    if (scope === undefined || RANK[group.scope] < RANK[scope]) scope = group.scope;
  }
  if (scope === undefined) return CLEAN;
  const statementsOut = responsibleStatements(universe, options.partition, [...groups.values()].filter((g) => g.scope === scope), scope);
  const keys = new Set<string>();
  for (const statement of statementsOut.sources) {
    if (statement.condition && !statement.condition.opaque) for (const test of statement.condition.tests) keys.add(test.key);
  }
  return {
    scope,
    actions: [...new Set(actions)].sort(),
    statements: statementsOut.responsible,
    conditionKeys: [...keys].sort(),
  };
}

/**
 * The Allow statements that, on their own and net of the Denies, grant a blocked action on some key
 * of the finding's scope; with the Action and Resource values responsible for it.
 */
function responsibleStatements(
  universe: Universe,
  partition: string,
  groups: readonly ActionGroup[],
  scope: Scope,
): { responsible: ResponsibleStatement[]; sources: ConcreteStatement[] } {
  const found = new Map<ConcreteStatement, { actions: Set<string>; resources: Set<string> }>();
  for (const group of groups) {
    const actionTokenLists = group.actions.map((a) => actionTokens(a, false));
    for (const grant of group.grants) {
      if (!findAllowedKey(keySearch(universe, partition, [grant], group.denies), scope)) continue;
      const { statement } = grant;
      const entry = found.get(statement) ?? { actions: new Set<string>(), resources: new Set<string>() };
      found.set(statement, entry);
      for (const item of statement.actions) {
        const matches =
          item.pattern !== undefined && actionTokenLists.some((tokens) => tokensMatch(compileActionPattern(item.pattern!), tokens));
        if (statement.actionNegated || matches) entry.actions.add(item.text);
      }
      for (const item of responsibleResources(universe, partition, grant, group.denies, scope)) entry.resources.add(item.text);
    }
  }
  const responsible: ResponsibleStatement[] = [];
  const sources: ConcreteStatement[] = [];
  for (const [statement, entry] of found) {
    const source = statement.source;
    if (!source) continue;
    const matched: MatchReason[] = [
      {
        element: statement.actionNegated ? 'NotAction' : 'Action',
        values: uniqueInOrder(statement.actions.map((i) => i.text), (v) => entry.actions.has(v)),
      },
      {
        element: statement.resourceNegated ? 'NotResource' : 'Resource',
        values: uniqueInOrder(statement.resources.map((i) => i.text), (v) => entry.resources.has(v)),
      },
    ];
    responsible.push(source.sid === undefined ? { index: source.index, pointer: source.pointer, matched } : { index: source.index, sid: source.sid, pointer: source.pointer, matched });
    sources.push(statement);
  }
  responsible.sort((a, b) => a.index - b.index);
  return { responsible, sources };
}

/** The Resource items that alone grant a key of the scope (all items, for NotResource). */
function responsibleResources(
  universe: Universe,
  partition: string,
  grant: Grant,
  denies: readonly ConcreteStatement[],
  scope: Scope,
): ConcreteItem[] {
  const { statement } = grant;
  if (statement.resourceNegated) return [...statement.resources];
  const candidates = statement.resources.filter((item) => item.pattern !== undefined);
  if (candidates.length <= 1) return candidates;
  return candidates.filter((item) => {
    const alone: Grant = { ...grant, statement: { ...statement, resources: [item] } };
    return findAllowedKey(keySearch(universe, partition, [alone], denies), scope) !== undefined;
  });
}

function toVerdict(evaluation: Evaluation, mayWidenTo?: Scope): Verdict {
  if (evaluation.scope === undefined) return { kind: 'clean' };
  const finding = {
    kind: 'finding' as const,
    scope: evaluation.scope,
    actions: evaluation.actions,
    statements: evaluation.statements,
    conditionKeys: evaluation.conditionKeys,
  };
  return mayWidenTo ? { ...finding, mayWidenTo } : finding;
}

/**
 * Judges a policy. With unknown parts: clean when even the most permissive reading is clean; a
 * finding when even the least permissive reading has one (with `mayWidenTo` when the most
 * permissive reading is wider); otherwise unknown, naming the unknown parts that decide it.
 */
export function judgePolicy(policy: Policy, options: EvaluationOptions): Verdict {
  const choices = unknownChoices(policy);
  if (choices.length === 0) return toVerdict(evaluate(instantiate(policy, () => true), options));
  const most = evaluate(instantiate(policy, () => true), options);
  if (most.scope === undefined) return { kind: 'clean' };
  const least = evaluate(instantiate(policy, () => false), options);
  if (least.scope !== undefined) return toVerdict(least, RANK[most.scope] < RANK[least.scope] ? most.scope : undefined);
  return { kind: 'unknown', detail: unknownDetail(policy, choices, most, options) };
}

/**
 * Names a set of unknown parts that decide the verdict: with them most permissive and every other
 * part least permissive, there is a finding; each is needed (dropped greedily, in document order).
 */
function unknownDetail(policy: Policy, choices: readonly UnknownValue[], most: Evaluation, options: EvaluationOptions): string {
  const permissive = choices.map(() => true);
  for (let i = 0; i < choices.length; i++) {
    permissive[i] = false;
    if (evaluate(instantiate(policy, (n) => permissive[n]!), options).scope === undefined) permissive[i] = true;
  }
  const deciding = [...new Set(choices.filter((_, i) => permissive[i]).map((u) => u.detail))];
  return `Could allow ${most.actions.join(', ')} (${most.scope}) depending on values known only after apply: ${deciding.join(', ')}.`;
}
