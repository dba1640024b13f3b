/**
 * The fix for a finding: an RFC 6902 patch against the policy document that takes the blocked
 * actions out of every statement that grants them on keys the policy does not name, and grants
 * them again in one statement scoped to placeholder key ARNs. Everything else the statements
 * granted is kept.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { judgePolicy, kmsActions, matchesAction, parsePolicy, WorkBudget } from '../iam/index.js';
import { PARTITIONS, type EvaluationOptions, type Partition, type ResponsibleStatement, type Scope } from '../iam/types.js';
import { DEFAULT_BLOCKED_ACTIONS } from './decrypt.js';
import { RULE_REGISTRY } from './registry.js';
import { isRecord } from '../json-record.js';

export const SCOPED_SID = 'KmsguardScopedDecrypt';
export const DENY_SID = 'KmsguardDenyDecryptOnOtherKeys';

/** The placeholder ARN the scoped statement names: to be replaced with the real key ARNs. */
export function placeholderKeyArn(partition: Partition = 'aws'): string {
  return `arn:${partition}:kms:REGION:ACCOUNT_ID:key/KEY_ID`;
}

interface FixTarget {
  /** The blocked actions the policy allows on keys it does not name. */
  readonly actions: readonly string[];
  /** The Allow statements responsible, by JSON pointer into the document. */
  readonly statements: readonly Pick<ResponsibleStatement, 'pointer'>[];
  readonly scope: Scope;
}

interface FixOptions {
  /**
   * The options the finding was judged with (one per partition judged). The patched policy is
   * judged again with each, and statements that still grant a blocked action (at a narrower
   * scope, or in another partition) are fixed too; the placeholder ARN is in the first one's
   * partition. Without them it is judged in every partition, conditions ignored (the strictest
   * reading), for the default blocked actions of every rule and the finding's.
   */
  readonly evaluations?: readonly EvaluationOptions[];
  /** All KMS actions, to spell out `kms:*` minus the blocked ones. Default: the shipped list. */
  readonly kmsActions?: readonly string[];
  /**
   * Charged for judging the patched document; when it runs out there is no fix (an empty list).
   * Default: a budget of its own.
   */
  readonly work?: WorkBudget;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Each round fixes the statements the last judgement named; a few rounds reach every scope. */
const MAX_ROUNDS = 8;

const isObject = isRecord<JsonObject>;

function sameAction(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** `*`, `**`, `*:*`: patterns that match every action name. */
function matchesEveryAction(pattern: string): boolean {
  return /^\*+$/.test(pattern) || /^\*+:\*+$/.test(pattern);
}

/** `kms:...` (service spelled without wildcards): its matches can be listed from the KMS actions. */
function isKmsPattern(pattern: string): boolean {
  return pattern.toLowerCase().startsWith('kms:');
}

function asList(value: Json): Json[] {
  return Array.isArray(value) ? [...value] : [value];
}

/** A list of one string goes back to a string when the element was a string. */
function shaped(original: Json, list: Json[]): Json {
  return !Array.isArray(original) && list.length === 1 ? list[0]! : list;
}

/**
 * Takes `blocked` out of one Allow statement, keeping everything else it grants. Returns the
 * statement unchanged when no Action list can say it (a pattern across services such as
 * `*:Decrypt`), and undefined when the statement granted nothing but blocked actions.
 */
function withoutBlocked(statement: JsonObject, blocked: readonly string[], allKms: readonly string[]): JsonObject | undefined {
  const isBlocked = (action: string) => blocked.some((b) => sameAction(b, action));
  if (Object.hasOwn(statement, 'NotAction')) {
    const list = asList(statement.NotAction!);
    const patterns = list.filter((item): item is string => typeof item === 'string');
    const missing = blocked.filter((b) => !patterns.some((p) => matchesAction(p, b)));
    return missing.length === 0 ? statement : { ...statement, NotAction: [...list, ...missing] };
  }
  if (!Object.hasOwn(statement, 'Action')) return statement;
  const original = statement.Action!;
  const list = asList(original);
  const grants = (p: Json): p is string => typeof p === 'string' && blocked.some((b) => matchesAction(p, b));
  if (!list.some(grants)) return statement;

  // Every action: the statement becomes "every action but the blocked ones", a NotAction.
  if (list.some((p) => typeof p === 'string' && matchesEveryAction(p))) {
    const { Action: _dropped, ...rest } = statement;
    return { ...rest, NotAction: [...blocked] };
  }
  const kept: Json[] = [];
  const keep = (item: Json) => {
    const duplicate = kept.some((k) => (typeof k === 'string' && typeof item === 'string' ? sameAction(k, item) : k === item));
    if (!duplicate) kept.push(item);
  };
  let changed = false;
  for (const item of list) {
    if (!grants(item) || !isKmsPattern(item)) keep(item);
    else {
      changed = true;
      for (const action of allKms) if (matchesAction(item, action) && !isBlocked(action)) keep(action);
    }
  }
  if (!changed) return statement;
  return kept.length === 0 ? undefined : { ...statement, Action: shaped(original, kept) };
}

/** The statements as a list (a lone Statement object becomes a list of one). */
function statementList(document: JsonObject): Json[] {
  const statements = document.Statement;
  if (statements === undefined) return [];
  return Array.isArray(statements) ? statements : [statements];
}

/** Index of the statement a pointer (`/Statement/3`, or `/Statement` for a lone object) names. */
function indexOfPointer(pointer: string): number | undefined {
  if (pointer === '/Statement') return 0;
  const match = /^\/Statement\/(\d+)$/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

function uniqueSid(statements: readonly Json[], wanted: string): string {
  const taken = new Set(statements.flatMap((s) => (isObject(s) && typeof s.Sid === 'string' ? [s.Sid] : [])));
  if (!taken.has(wanted)) return wanted;
  let n = 2;
  while (taken.has(`${wanted}${n}`)) n += 1;
  return `${wanted}${n}`;
}

/**
 * Judges a document the way the finding was judged: the pointers of the statements still
 * responsible; undefined when it is too complex to judge within the work budget.
 */
function stillFlagged(
  document: JsonObject,
  blocked: readonly string[],
  options: FixOptions,
  work: WorkBudget,
): { pointers: string[]; actions: string[] } | undefined {
  const parsed = parsePolicy(document);
  if ('error' in parsed) return { pointers: [], actions: [] };
  const everyRule = RULE_REGISTRY.flatMap((rule) => rule.blockedActions({ blockedActions: DEFAULT_BLOCKED_ACTIONS }));
  // Stryker disable next-line MethodExpression: the order only changes the order judgePolicy reports in, and its pointers and actions are read as sets
  const blockedActions = [...new Set([...everyRule, ...blocked])].sort();
  const evaluations: readonly EvaluationOptions[] = options.evaluations?.length
    ? options.evaluations
    : PARTITIONS.map((partition) => ({ blockedActions, partition, conditions: 'ignore' as const }));
  const pointers = new Set<string>();
  const actions = new Set<string>();
  for (const evaluation of evaluations) {
    const verdict = judgePolicy(parsed.policy, evaluation, work);
    if (verdict.kind === 'too-complex') return undefined;
    if (verdict.kind !== 'finding') continue;
    for (const s of verdict.statements) pointers.add(s.pointer);
    for (const a of verdict.actions) actions.add(a);
  }
  return { pointers: [...pointers], actions: [...actions] };
}

/** A statement of the document being fixed, with the index it had in the original document. */
interface Tracked {
  readonly origin: number;
  readonly statement: Json;
}

/** `remove`/`add`/`replace` per top-level key: each changed element shown whole, as a reviewer reads it. */
function statementOps(pointer: string, before: Json, after: Json): Operation[] {
  // Stryker disable next-line LogicalOperator,ArrayDeclaration,ObjectLiteral,StringLiteral: only statements withoutBlocked rewrote reach here, objects before and after, so this return is never taken
  if (!isObject(before) || !isObject(after)) return [{ op: 'replace', path: pointer, value: after }];
  const ops: Operation[] = [];
  const path = (key: string) => `${pointer}/${jsonpatch.escapePathComponent(key)}`;
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) ops.push({ op: 'remove', path: path(key) });
    else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) ops.push({ op: 'replace', path: path(key), value: after[key] });
  }
  for (const key of Object.keys(after)) if (!Object.hasOwn(before, key)) ops.push({ op: 'add', path: path(key), value: after[key]! });
  return ops;
}

/**
 * The operations from the original statements to the fixed ones plus `added`: changed statements
 * element by element, removed ones from the end backwards, then the new statements appended.
 */
function patchOf(document: JsonObject, fixed: readonly Tracked[], added: readonly Json[]): Operation[] {
  if (!Array.isArray(document.Statement)) {
    return [{ op: 'replace', path: '/Statement', value: [...fixed.map((t) => t.statement), ...added] }];
  }
  const original = document.Statement;
  const ops: Operation[] = [];
  for (const { origin, statement } of fixed) {
    if (statement !== original[origin]) ops.push(...statementOps(`/Statement/${origin}`, original[origin]!, statement));
  }
  const kept = new Set(fixed.map((t) => t.origin));
  for (let index = original.length - 1; index >= 0; index--) {
    if (!kept.has(index)) ops.push({ op: 'remove', path: `/Statement/${index}` });
  }
  for (const [i, statement] of added.entries()) ops.push({ op: 'add', path: `/Statement/${fixed.length + i}`, value: statement });
  return ops;
}

/**
 * The patch that fixes `finding` in `document` (the parsed policy document). Applying it gives
 * a policy kmsguard does not flag; an empty list when the document is not a policy object, or
 * when judging the patched document runs out of work (`options.work`).
 *
 * Round by round, the blocked actions leave the statements the judgement names (the finding's
 * first, then those a narrower scope reveals) until the policy is clean. A statement no Action
 * list can narrow (a pattern across services) stays as it is, and a Deny of the blocked actions
 * on every key but the placeholder takes them back.
 */
export function suggestFix(document: unknown, finding: FixTarget, options: FixOptions = {}): Operation[] {
  if (!isObject(document) || finding.actions.length === 0) return [];
  const allKms = options.kmsActions ?? kmsActions();
  const moved = new Set<string>(finding.actions);
  let statements: Tracked[] = statementList(document).map((statement, origin) => ({ origin, statement }));
  let pointers = finding.statements.map((s) => s.pointer);
  let needsDeny = false;
  const work = options.work ?? new WorkBudget();

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const blocked = [...moved].sort();
    const targets = new Set(pointers.map(indexOfPointer));
    // Stryker disable next-line BooleanLiteral: a round that changes nothing leaves the document judged last, so later rounds repeat it up to the last, which adds the Deny all the same
    let changed = false;
    const next: Tracked[] = [];
    statements.forEach((tracked, index) => {
      const { statement } = tracked;
      if (!targets.has(index) || !isObject(statement) || statement.Effect !== 'Allow') {
        next.push(tracked);
        return;
      }
      const rewritten = withoutBlocked(statement, blocked, allKms);
      if (rewritten !== statement) changed = true;
      if (rewritten) next.push({ origin: tracked.origin, statement: rewritten });
    });
    statements = next;
    const again = stillFlagged({ ...document, Statement: statements.map((t) => t.statement) }, blocked, options, work);
    if (again === undefined) return [];
    if (again.pointers.length === 0) break;
    for (const action of again.actions) moved.add(action);
    // Stryker disable next-line ArithmeticOperator: no policy takes MAX_ROUNDS rounds (scopes narrow each round, a round without change ends it), so the last-round guard never decides
    if ((!changed && round > 0) || round === MAX_ROUNDS - 1) {
      needsDeny = true;
      break;
    }
    pointers = again.pointers;
  }

  const actions = [...moved].sort();
  const arn = placeholderKeyArn(options.evaluations?.[0]?.partition);
  const present = statements.map((t) => t.statement);
  const added: Json[] = [{ Sid: uniqueSid(present, SCOPED_SID), Effect: 'Allow', Action: actions, Resource: [arn] }];
  if (needsDeny) added.push({ Sid: uniqueSid([...present, ...added], DENY_SID), Effect: 'Deny', Action: actions, NotResource: [arn] });
  return patchOf(document, statements, added);
}
