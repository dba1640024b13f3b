/**
 * The verdict on one policy: which blocked actions it allows on keys it does not name, how
 * widely, and which statements are responsible. Unknown parts are judged at both their most
 * and least permissive values.
 */
import { conditionNarrowing } from './conditions.js';
import {
  STAR,
  actionTokens,
  compileActionPattern,
  compileArnPattern,
  isVariable,
  literalTokens,
  tokensMatch,
  type Token,
} from './glob.js';
import { instantiate, unknownChoices, type ConcreteItem, type ConcreteStatement } from './instantiate.js';
import { PatternSetDfa } from './automaton.js';
import { findAllowedKey, type Clause, type KeySearch } from './key-search.js';
import { keyPatternScope, type PatternScope } from './key-pattern.js';
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

const actionNames = new Map<string, readonly Token[]>();
function blockedActionTokens(action: string): readonly Token[] {
  let tokens = actionNames.get(action);
  if (!tokens) {
    tokens = actionTokens(action, false);
    if (actionNames.size > 1_000) actionNames.clear();
    actionNames.set(action, tokens);
  }
  return tokens;
}

function statementMatchesAction(statement: ConcreteStatement, action: readonly Token[]): boolean {
  const some = statement.actions.some((item) => item.pattern !== undefined && tokensMatch(compileActionPattern(item.pattern), action));
  return some !== statement.actionNegated;
}

function accountLimitPattern(account: readonly Token[]): Token[] {
  return [...literalTokens('arn:'), STAR, ...literalTokens(':kms:'), STAR, ...literalTokens(':'), ...account, ...literalTokens(':key/'), STAR];
}

const DFA_CACHE_LIMIT = 2_000;
/** Automata by pattern list: policies repeated across a plan share their transitions. */
const dfaCache = new Map<string, PatternSetDfa>();

function patternSetDfa(patterns: readonly (readonly Token[])[], key: string): PatternSetDfa {
  let dfa = dfaCache.get(key);
  if (!dfa) {
    if (dfaCache.size >= DFA_CACHE_LIMIT) dfaCache.clear();
    dfa = new PatternSetDfa(patterns);
    dfaCache.set(key, dfa);
  }
  return dfa;
}

/** What the key searches of one evaluation share: the patterns' automaton, the spelled values. */
class Universe {
  readonly spelled = new SpelledValues();
  readonly dfa: PatternSetDfa;
  readonly variables: Token[];
  readonly characters = new Set<Token>();
  private readonly ids = new Map<string, number>();

  constructor(
    statements: readonly ConcreteStatement[],
    grants: readonly Grant[],
    readonly partition: string,
  ) {
    const patterns: (readonly Token[])[] = [];
    const variables = new Set<Token>();
    const addSymbols = (tokens: Iterable<Token>) => {
      for (const t of tokens) {
        if (t >= 0) this.characters.add(t);
        else if (isVariable(t)) variables.add(t);
      }
    };
    const add = (tokens: readonly Token[]) => {
      const key = tokens.join(',');
      if (this.ids.has(key)) return;
      this.ids.set(key, patterns.length);
      patterns.push(tokens);
      addSymbols(tokens);
    };
    for (const statement of statements) {
      for (const item of statement.resources) {
        if (item.pattern === undefined) continue;
        const pattern = compileArnPattern(item.pattern);
        add(pattern.tokens);
        if (item.known) for (const value of pattern.spelled) this.spelled.add(value, REGION | ACCOUNT | KEY_ID);
      }
    }
    for (const grant of grants) {
      for (const account of grant.accounts ?? []) {
        this.spelled.add(account, ACCOUNT);
        add(accountLimitPattern(account));
      }
    }
    addSymbols(this.spelled.tokens());
    addSymbols(literalTokens(partition));
    this.variables = [...variables];
    this.dfa = patternSetDfa(patterns, [...this.ids.keys()].join('|'));
  }

  id(tokens: readonly Token[]): number {
    return this.ids.get(tokens.join(','))!;
  }

  /** The key search for some grants against some denies. */
  search(grants: readonly Grant[], denies: readonly ConcreteStatement[]): KeySearch {
    const clause = (statement: ConcreteStatement, accounts?: readonly (readonly Token[])[]): Clause => {
      const ids = statement.resources.flatMap((item) => (item.pattern === undefined ? [] : [this.id(compileArnPattern(item.pattern).tokens)]));
      const base = { patterns: ids, negated: statement.resourceNegated };
      return accounts ? { ...base, limits: accounts.map((a) => this.id(accountLimitPattern(a))) } : base;
    };
    return {
      partition: this.partition,
      dfa: this.dfa,
      allow: grants.map((g) => clause(g.statement, g.accounts)),
      deny: denies.map((d) => clause(d)),
      spelled: this.spelled,
      variables: this.variables,
      characters: this.characters,
    };
  }
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
    const tokens = blockedActionTokens(action);
    const matching = grants.filter((g) => statementMatchesAction(g.statement, tokens));
    if (matching.length === 0) continue;
    const denying = denies.filter((d) => statementMatchesAction(d, tokens));
    const key = `${matching.map((g) => grants.indexOf(g)).join(',')}|${denying.map((d) => denies.indexOf(d)).join(',')}`;
    const group = groups.get(key);
    if (group) group.actions.push(action);
    else groups.set(key, { actions: [action], grants: matching, denies: denying });
  }
  if (groups.size === 0) return CLEAN;

  const searched = [...groups.values()].filter((group) => !grantsOnlyLiteralKeys(group.grants));
  if (searched.length === 0) return CLEAN;
  const shortcut = shapedVerdict(searched, options.partition);
  if (shortcut) return shortcut;
  const universe = new Universe(statements, grants, options.partition);
  let scope: Scope | undefined;
  const actions: string[] = [];
  for (const group of searched) {
    group.scope = findAllowedKey(universe.search(group.grants, group.denies))?.scope;
    if (group.scope === undefined) continue;
    actions.push(...group.actions);
    if (scope === undefined || RANK[group.scope] < RANK[scope]) scope = group.scope;
  }
  if (scope === undefined) return CLEAN;
  const responsible = responsibleStatements(universe, searched.filter((g) => g.scope === scope), scope);
  return finishEvaluation(scope, actions, responsible);
}

type Attribution = Map<ConcreteStatement, { actions: Set<string>; resources: Set<string> }>;

/** The evaluation, from its scope, its actions and the values responsible in each statement. */
function finishEvaluation(scope: Scope, actions: readonly string[], found: Attribution): Evaluation {
  const responsible: ResponsibleStatement[] = [];
  const keys = new Set<string>();
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
    const { index, sid, pointer } = source;
    responsible.push(sid === undefined ? { index, pointer, matched } : { index, sid, pointer, matched });
    if (statement.condition && !statement.condition.opaque) for (const test of statement.condition.tests) keys.add(test.key);
  }
  responsible.sort((a, b) => a.index - b.index);
  return { scope, actions: [...new Set(actions)].sort(), statements: responsible, conditionKeys: [...keys].sort() };
}

/** The scope of each pattern of the grants, when every one is shaped like a key ARN. */
function patternScopes(grants: readonly Grant[], partition: string): Map<string, PatternScope> | undefined {
  const scopes = new Map<string, PatternScope>();
  for (const grant of grants) {
    if (grant.statement.resourceNegated || grant.accounts) return undefined;
    for (const item of grant.statement.resources) {
      if (item.pattern === undefined || scopes.has(item.pattern)) continue;
      const scope = keyPatternScope(compileArnPattern(item.pattern), partition);
      if (scope === undefined) return undefined;
      scopes.set(item.pattern, scope);
    }
  }
  return scopes;
}

/**
 * The verdict without a key search, for the common case: no Deny applies and every granted
 * pattern is shaped like a key ARN (or is `*`). Then each pattern grants its own scope, and the
 * statements and patterns responsible are those whose scope is the widest.
 */
function shapedVerdict(groups: readonly ActionGroup[], partition: string): Evaluation | undefined {
  const scopes = new Map<ActionGroup, Map<string, PatternScope>>();
  for (const group of groups) {
    if (group.denies.length > 0) return undefined;
    const patterns = patternScopes(group.grants, partition);
    if (!patterns) return undefined;
    scopes.set(group, patterns);
  }
  let widest: Scope | undefined;
  const actions = new Set<string>();
  for (const [group, patterns] of scopes) {
    const found = [...patterns.values()].filter((s): s is Scope => s !== 'none');
    if (found.length === 0) continue;
    group.actions.forEach((a) => actions.add(a));
    for (const scope of found) if (widest === undefined || RANK[scope] < RANK[widest]) widest = scope;
  }
  if (widest === undefined) return CLEAN;
  const found: Attribution = new Map();
  for (const [group, patterns] of scopes) {
    const actionTokenLists = group.actions.map(blockedActionTokens);
    for (const { statement } of group.grants) {
      const resources = statement.resources.filter((item) => item.pattern !== undefined && patterns.get(item.pattern) === widest);
      if (resources.length === 0) continue;
      const entry = found.get(statement) ?? { actions: new Set<string>(), resources: new Set<string>() };
      found.set(statement, entry);
      addActionValues(statement, actionTokenLists, entry.actions);
      resources.forEach((item) => entry.resources.add(item.text));
    }
  }
  return finishEvaluation(widest, [...actions], found);
}

/** Records the Action values that match one of the actions (or the whole NotAction list). */
function addActionValues(statement: ConcreteStatement, actionTokenLists: readonly (readonly Token[])[], into: Set<string>): void {
  for (const item of statement.actions) {
    const matches =
      item.pattern !== undefined && actionTokenLists.some((tokens) => tokensMatch(compileActionPattern(item.pattern!), tokens));
    if (statement.actionNegated || matches) into.add(item.text);
  }
}

/**
 * The Allow statements that, on their own and net of the Denies, grant a blocked action on some key
 * of the finding's scope; with the Action and Resource values responsible for it.
 */
function responsibleStatements(universe: Universe, groups: readonly ActionGroup[], scope: Scope): Attribution {
  const found: Attribution = new Map();
  for (const group of groups) {
    const actionTokenLists = group.actions.map(blockedActionTokens);
    for (const grant of group.grants) {
      // A lone grant is the group's own search, which found a key at this scope.
      if (group.grants.length > 1 && !findAllowedKey(universe.search([grant], group.denies), scope)) continue;
      const { statement } = grant;
      const entry = found.get(statement) ?? { actions: new Set<string>(), resources: new Set<string>() };
      found.set(statement, entry);
      addActionValues(statement, actionTokenLists, entry.actions);
      for (const item of responsibleResources(universe, grant, group.denies, scope)) entry.resources.add(item.text);
    }
  }
  return found;
}

/** The Resource items that alone grant a key of the scope (all items, for NotResource). */
function responsibleResources(
  universe: Universe,
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
    return findAllowedKey(universe.search([alone], denies), scope) !== undefined;
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
