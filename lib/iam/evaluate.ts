/**
 * Concrete statements (no unknown parts) -> the widest scope at which they allow a blocked
 * action on a key the policy does not name, the actions, and the statements responsible.
 *
 * Blocked actions that the same Allow and Deny statements match form a group, judged once. A
 * group is decided by the first of: every granted pattern wildcard-free (clean); a Deny covering
 * every key (clean); no Deny and every granted pattern shaped like a key ARN (each pattern's
 * fields give its scope); otherwise an exact key search.
 *
 * With a second policy that bounds the first (a permissions boundary: `within`), a key is allowed
 * only when one of its Allow statements matches the action and the key too, and its unconditional
 * Deny statements remove keys like the first policy's. Its Allows' Conditions are ignored (they
 * might hold), so a bound never removes more than it certainly does. A blocked action none of its
 * Allows matches is allowed on no key; a bound with an Allow of the action on every key limits
 * nothing for that action.
 */
import { WorkBudget } from './budget.js';
import { conditionNarrowing } from './conditions.js';
import { actionTokens, compileActionPattern, compileArnPattern, releaseVariablesIfFull, tokensMatch, type ActionFolding, type Token } from './glob.js';
import type { ConcreteItem, ConcreteStatement } from './instantiate.js';
import { keyPatternCoversAll, keyPatternScope, type PatternScope } from './key-pattern.js';
import { findAllowedKey } from './key-search.js';
import { SearchSpace, type Grant } from './search-space.js';
import { widerScope, type ConditionMode, type MatchReason, type Partition, type ResponsibleStatement, type Scope } from './types.js';

export interface Evaluation {
  /** Undefined when no blocked action is allowed on a key the policy does not name. */
  readonly scope?: Scope;
  readonly actions: readonly string[];
  readonly statements: readonly ResponsibleStatement[];
  readonly conditionKeys: readonly string[];
}

interface EvaluationContext {
  readonly blockedActions: readonly string[];
  readonly partition: Partition;
  readonly conditions: ConditionMode;
}

interface ActionGroup {
  readonly actions: string[];
  readonly grants: readonly Grant[];
  readonly denies: readonly ConcreteStatement[];
  /** The bounding policy's Allows that match the group's actions; undefined when nothing bounds them. */
  bounds?: readonly ConcreteStatement[];
  scope?: Scope;
  /** Set when decided by the key-ARN shape of its patterns: each granted pattern's scope. */
  patternScopes?: ReadonlyMap<string, PatternScope>;
}

/** Per responsible statement: the Action and Resource values that made it match. */
type Attribution = Map<ConcreteStatement, { readonly actions: Set<string>; readonly resources: Set<string> }>;

const CLEAN: Evaluation = { actions: [], statements: [], conditionKeys: [] };

const actionNames = new Map<string, readonly Token[]>();
function blockedActionTokens(action: string): readonly Token[] {
  let tokens = actionNames.get(action);
  if (!tokens) {
    // Stryker disable next-line BooleanLiteral: blocked actions are concrete KMS action names (letters and a colon): no * or ? to read as a wildcard
    tokens = actionTokens(action, false);
    // Stryker disable next-line all: a cache of equal tokens; when it is cleared changes no result
    if (actionNames.size > 1_000) actionNames.clear();
    // Stryker disable next-line CallExpression: not storing only means computing equal tokens again
    actionNames.set(action, tokens);
  }
  return tokens;
}

const matchesActionItem = (item: ConcreteItem, action: readonly Token[], folding: ActionFolding = 'wide') =>
  item.pattern !== undefined && tokensMatch(compileActionPattern(item.pattern, folding), action);

/** Where matching less allows more (a Deny's Action, an Allow's NotAction), case is folded narrowly (glob.ts). */
const actionFolding = (statement: ConcreteStatement): ActionFolding => ((statement.effect === 'Deny') !== statement.actionNegated ? 'narrow' : 'wide');

function statementMatchesAction(statement: ConcreteStatement, action: readonly Token[]): boolean {
  const folding = actionFolding(statement);
  return statement.actions.some((item) => matchesActionItem(item, action, folding)) !== statement.actionNegated;
}

/** Whether a Resource pattern has no wildcard. Only `*` and `?` make one: text without them needs no compiling. */
function isLiteralPattern(pattern: string): boolean {
  return (!pattern.includes('*') && !pattern.includes('?')) || compileArnPattern(pattern).literal;
}

/** True when every key the grants allow is spelled out: each grants only wildcard-free ARNs. */
function grantsOnlyLiteralKeys(grants: readonly Grant[]): boolean {
  return grants.every(
    (g) => !g.statement.resourceNegated && g.statement.resources.every((item) => item.pattern === undefined || isLiteralPattern(item.pattern)),
  );
}

function deniesEveryKey(deny: ConcreteStatement, partition: string): boolean {
  return !deny.resourceNegated && deny.resources.some((item) => item.pattern !== undefined && keyPatternCoversAll(compileArnPattern(item.pattern), partition));
}

/** The scope of each granted pattern, when every one is shaped like a key ARN (and nothing limits them). */
function patternScopes(grants: readonly Grant[], partition: string): Map<string, PatternScope> | undefined {
  const scopes = new Map<string, PatternScope>();
  for (const grant of grants) {
    if (grant.statement.resourceNegated || grant.accounts || grant.anyNamedAccount) return undefined;
    for (const item of grant.statement.resources) {
      if (item.pattern === undefined || scopes.has(item.pattern)) continue;
      const scope = keyPatternScope(compileArnPattern(item.pattern), partition);
      if (scope === undefined) return undefined;
      scopes.set(item.pattern, scope);
    }
  }
  return scopes;
}

function widest(scopes: Iterable<PatternScope>): Scope | undefined {
  let result: Scope | undefined;
  for (const scope of scopes) if (scope !== 'none' && (result === undefined || widerScope(scope, result))) result = scope;
  return result;
}

/** Reading a statement costs a step per item and per character of its Resource patterns. */
function readingCost(statement: ConcreteStatement): number {
  let cost = 1 + statement.actions.length;
  for (const item of statement.resources) cost += 1 + (item.pattern?.length ?? 0);
  return cost;
}

/** A Deny with a Condition might not apply: it removes nothing. A Condition with no tests (`{}`) always holds, so that Deny applies like one without. */
function denyApplies(statement: ConcreteStatement): boolean {
  return statement.condition === undefined || (!statement.condition.opaque && statement.condition.tests.length === 0);
}

function groupsOf(
  statements: readonly ConcreteStatement[],
  context: EvaluationContext,
  work: WorkBudget,
  within?: readonly ConcreteStatement[],
): { grants: Grant[]; groups: ActionGroup[] } {
  work.spend(statements.reduce((sum, statement) => sum + readingCost(statement), 0));
  const grants: Grant[] = [];
  const denies: ConcreteStatement[] = [];
  for (const statement of statements) {
    if (statement.effect === 'Deny') {
      if (denyApplies(statement)) denies.push(statement);
      continue;
    }
    const narrowing = conditionNarrowing(statement.condition, context.conditions);
    if (narrowing.namedKeysOnly) continue;
    const { accounts, anyNamedAccount, exceptActions } = narrowing;
    grants.push({ statement, ...(accounts ? { accounts } : {}), ...(anyNamedAccount ? { anyNamedAccount } : {}), ...(exceptActions ? { exceptActions } : {}) });
  }
  const bounding: ConcreteStatement[] = [];
  if (within) {
    work.spend(within.reduce((sum, statement) => sum + readingCost(statement), 0));
    for (const statement of within) {
      if (statement.effect === 'Allow') bounding.push(statement);
      else if (denyApplies(statement)) denies.push(statement);
    }
  }
  const groups = new Map<string, ActionGroup>();
  const grantIndex = new Map(grants.map((g, i) => [g, i]));
  const denyIndex = new Map(denies.map((d, i) => [d, i]));
  const boundIndex = new Map(bounding.map((b, i) => [b, i]));
  for (const action of context.blockedActions) {
    work.spend(statements.length + (within?.length ?? 0));
    const tokens = blockedActionTokens(action);
    const matching = grants.filter((g) => statementMatchesAction(g.statement, tokens) && !g.exceptActions?.includes(action));
    if (matching.length === 0) continue;
    const bounds = within ? bounding.filter((b) => statementMatchesAction(b, tokens)) : undefined;
    if (bounds?.length === 0) continue;
    const denying = denies.filter((d) => statementMatchesAction(d, tokens));
    const key = `${matching.map((g) => grantIndex.get(g)).join(',')}|${denying.map((d) => denyIndex.get(d)).join(',')}|${bounds?.map((b) => boundIndex.get(b)).join(',') ?? '-'}`;
    const group = groups.get(key);
    if (group) group.actions.push(action);
    else groups.set(key, { actions: [action], grants: matching, denies: denying, ...(bounds ? { bounds } : {}) });
  }
  return { grants, groups: [...groups.values()] };
}

/** An Allow that matches every key: as a bound, it limits nothing. */
function allowsEveryKey(allow: ConcreteStatement, partition: string): boolean {
  return deniesEveryKey(allow, partition);
}

/**
 * Evaluates the statements, charging `work` (which throws TooComplexError when it runs out). With
 * `within`, only what those statements allow too (see the file comment).
 */
export function evaluate(
  statements: readonly ConcreteStatement[],
  context: EvaluationContext,
  work: WorkBudget = new WorkBudget(),
  within?: readonly ConcreteStatement[],
): Evaluation {
  releaseVariablesIfFull();
  const { grants, groups } = groupsOf(statements, context, work, within);
  const { partition } = context;
  let space: SearchSpace | undefined;
  const searchSpace = () => (space ??= new SearchSpace(within ? [...statements, ...within] : statements, grants, partition, work));
  let scope: Scope | undefined;
  const actions: string[] = [];
  for (const group of groups) {
    if (grantsOnlyLiteralKeys(group.grants) || group.denies.some((d) => deniesEveryKey(d, partition))) continue;
    if (group.bounds?.some((b) => allowsEveryKey(b, partition))) delete group.bounds;
    const shaped = group.denies.length === 0 && group.bounds === undefined ? patternScopes(group.grants, partition) : undefined;
    if (shaped) {
      group.patternScopes = shaped;
      group.scope = widest(shaped.values());
    } else {
      group.scope = findAllowedKey(searchSpace().search(group.grants, group.denies, group.bounds))?.scope;
    }
    if (group.scope === undefined) continue;
    actions.push(...group.actions);
    if (scope === undefined || widerScope(group.scope, scope)) scope = group.scope;
  }
  if (scope === undefined) return CLEAN;
  const found: Attribution = new Map();
  for (const group of groups) if (group.scope === scope) attribute(group, scope, searchSpace, found);
  return finish(scope, actions, found);
}

/**
 * Records the Allow statements of a group that, on their own and net of its Denies, grant one of
 * its actions on some key of the scope; with the Action and Resource values responsible.
 */
function attribute(group: ActionGroup, scope: Scope, searchSpace: () => SearchSpace, found: Attribution): void {
  const actionTokenLists = group.actions.map(blockedActionTokens);
  const grants = (alone: Grant) => findAllowedKey(searchSpace().search([alone], group.denies, group.bounds), scope) !== undefined;
  for (const grant of group.grants) {
    const { statement } = grant;
    let resources: readonly ConcreteItem[];
    if (group.patternScopes) {
      const scopes = group.patternScopes;
      resources = statement.resources.filter((item) => item.pattern !== undefined && scopes.get(item.pattern) === scope);
      if (resources.length === 0) continue;
    } else {
      // A lone grant's search is the group's own, which found a key at this scope.
      if (group.grants.length > 1 && !grants(grant)) continue;
      // A statement that got here grants a key, so it has an item with a pattern; an item without one
      // grants no key, so the one-item searches below would drop it anyway.
      // Stryker disable next-line MethodExpression: see above: keeping the items without a pattern gives the same resources
      const candidates = statement.resources.filter((item) => item.pattern !== undefined);
      resources = statement.resourceNegated
        ? statement.resources
        : candidates.length <= 1
          ? candidates
          : candidates.filter((item) => grants({ ...grant, statement: { ...statement, resources: [item] } }));
    }
    const entry = found.get(statement) ?? { actions: new Set<string>(), resources: new Set<string>() };
    found.set(statement, entry);
    for (const item of statement.actions) {
      if (statement.actionNegated || actionTokenLists.some((tokens) => matchesActionItem(item, tokens))) entry.actions.add(item.text);
    }
    for (const item of resources) entry.resources.add(item.text);
  }
}

function valuesInOrder(items: readonly ConcreteItem[], chosen: ReadonlySet<string>): string[] {
  return [...new Set(items.map((i) => i.text).filter((text) => chosen.has(text)))];
}

function finish(scope: Scope, actions: readonly string[], found: Attribution): Evaluation {
  const responsible: ResponsibleStatement[] = [];
  const keys = new Set<string>();
  for (const [statement, entry] of found) {
    const original = statement.original;
    if (!original) continue;
    const matched: MatchReason[] = [
      { element: statement.actionNegated ? 'NotAction' : 'Action', values: valuesInOrder(statement.actions, entry.actions) },
      { element: statement.resourceNegated ? 'NotResource' : 'Resource', values: valuesInOrder(statement.resources, entry.resources) },
    ];
    const { index, sid, pointer } = original;
    responsible.push(sid === undefined ? { index, pointer, matched } : { index, sid, pointer, matched });
    if (statement.condition && !statement.condition.opaque) for (const test of statement.condition.tests) keys.add(test.key);
  }
  responsible.sort((a, b) => a.index - b.index);
  return { scope, actions: [...new Set(actions)].sort(), statements: responsible, conditionKeys: [...keys].sort() };
}
