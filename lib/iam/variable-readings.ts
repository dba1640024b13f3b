/**
 * Policy variables `${...}` in Resource, NotResource and Condition values, judged over every value
 * they may take: a policy is rewritten into readings without variables, each judged, and the
 * widest verdict kept (judge.ts).
 *
 * - Only under `"Version": "2012-10-17"`; otherwise `${...}` is literal text, which no key ARN
 *   holds (no key has `$`), so such a pattern matches no key.
 * - `${*}`, `${?}`, `${$}` are the literal characters: left to the glob, which reads them so.
 * - `${aws:PrincipalAccount}` is one account for the whole policy: read as each account the
 *   policy spells out, and as accounts it does not (a fresh one, and one filling each account
 *   pattern with wildcards). Written into the pattern it counts as spelled out ("its own account").
 * - Any other variable may differ per request and hold `:` and `/`: in an Allow's Resource and a
 *   Deny's NotResource it reads as `*`; in an Allow's NotResource and a Deny's Resource the item
 *   matches no key; in an Allow's ResourceAccount test it limits nothing. A default value
 *   (`${aws:PrincipalTag/team, 'default'}`) changes nothing.
 * - In a statement whose Effect is known only after apply, an item holding a per-request variable
 *   is unknown as a whole (the three-valued judging decides what it can).
 */
import { valuesNarrowKeys } from './conditions.js';
import { isUnknown } from './instantiate.js';
import { principalAccounts } from './principal-account.js';
import type { ConditionTest, MatchReason, PatternList, Policy, ResponsibleStatement, Statement, UnknownValue, Verdict } from './types.js';

/** One way of reading the variables of policies judged together; `label` names it when it is not the only one. */
export interface Reading {
  readonly policies: readonly Policy[];
  readonly label?: string;
  /** The verdict with the policy's own Resource/NotResource texts in place of the rewritten ones. */
  readonly restore: (verdict: Verdict) => Verdict;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPE = /\$\{[*?$]\}/;
const BRACES = /\$\{[^}]*\}/;
const LITERAL_ESCAPES = new Set(['*', '?', '$']);
const PRINCIPAL_ACCOUNT = 'aws:principalaccount';

function variableName(inner: string): string {
  // `${aws:PrincipalTag/team, 'default'}`: the name is before the comma.
  return inner.split(',')[0]!.trim().toLowerCase();
}

/** The variables a pattern holds, escapes left out. */
function variablesIn(pattern: string): string[] {
  return [...pattern.matchAll(VARIABLE)].map((m) => m[1]!).filter((inner) => !LITERAL_ESCAPES.has(inner));
}

function hasVariable(pattern: string): boolean {
  return variablesIn(pattern).length > 0;
}

function isPrincipalAccount(inner: string): boolean {
  return variableName(inner) === PRINCIPAL_ACCOUNT;
}

/** Replaces the variables of a pattern: `${aws:PrincipalAccount}` by `account`, every other by `other`. */
function substitute(pattern: string, account: string | undefined, other: string): string {
  return pattern.replace(VARIABLE, (whole, inner: string) => {
    if (LITERAL_ESCAPES.has(inner)) return whole;
    if (isPrincipalAccount(inner) && account !== undefined) return account;
    return other;
  });
}

function lists(statement: Statement): (PatternList | UnknownValue | undefined)[] {
  return [statement.resource, statement.notResource];
}

function patternsOf(policy: Policy): string[] {
  const patterns: string[] = [];
  for (const statement of policy.statements) {
    for (const list of lists(statement)) {
      if (list === undefined || isUnknown(list)) continue;
      for (const item of list) if (!isUnknown(item)) patterns.push(item);
    }
    const condition = statement.condition;
    if (condition !== undefined && !isUnknown(condition)) {
      for (const test of condition) for (const value of test.values) if (!isUnknown(value)) patterns.push(value);
    }
  }
  return patterns;
}

/** Does the policy write `${...}` (a variable or an escape) that reading it changes? */
function needsReading(policy: Policy): boolean {
  return patternsOf(policy).some((pattern) => BRACES.test(pattern));
}

/** Does the policy hold a variable other than an escape (in Resource, NotResource or Condition values)? */
export function holdsVariables(policy: Policy): boolean {
  return patternsOf(policy).some(hasVariable);
}

class Rewriter {
  /** Per statement of the first policy (the one whose statements a verdict names): rewritten text -> the texts written. */
  readonly originals = new Map<number, Map<string, string[]>>();
  /** Items that match no key, each with its variables as `*`: the segments it still spells out. */
  readonly spelledOnly: string[] = [];

  /** `account`: the value of `${aws:PrincipalAccount}`; undefined reads it as any value, like a per-request variable. */
  constructor(
    private readonly account: string | undefined,
    private readonly literal: boolean,
    private readonly recording: boolean,
  ) {}

  private perRequest(inner: string): boolean {
    return this.account === undefined || !isPrincipalAccount(inner);
  }

  private record(statement: Statement, rewritten: string, original: string): void {
    if (!this.recording || rewritten === original) return;
    let texts = this.originals.get(statement.index);
    if (!texts) this.originals.set(statement.index, (texts = new Map()));
    const written = texts.get(rewritten) ?? [];
    if (!written.includes(original)) texts.set(rewritten, [...written, original]);
  }

  statement(statement: Statement): Statement {
    const allow = statement.effect === 'Allow';
    const known = !isUnknown(statement.effect);
    const rewritten: { -readonly [K in keyof Statement]: Statement[K] } = { ...statement };
    if (statement.resource !== undefined) rewritten.resource = this.list(statement, statement.resource, known, allow);
    if (statement.notResource !== undefined) rewritten.notResource = this.list(statement, statement.notResource, known, !allow);
    if (statement.condition !== undefined && !isUnknown(statement.condition) && allow) {
      rewritten.condition = statement.condition.map((test) => (this.literal ? literalTest(test) : this.test(test)));
    }
    return rewritten;
  }

  /** `widens`: an item matching more makes the policy allow more (Allow Resource, Deny NotResource). */
  private list(statement: Statement, list: PatternList | UnknownValue, effectKnown: boolean, widens: boolean): PatternList | UnknownValue {
    if (isUnknown(list)) return list;
    const items: (string | UnknownValue)[] = [];
    for (const item of list) {
      if (isUnknown(item) || !BRACES.test(item)) {
        items.push(item);
        continue;
      }
      // Literal text (`${...}` under another Version), or an escape for a character no key ARN
      // holds (`${*}` is a literal `*`): the item matches no key.
      if (this.literal || ESCAPE.test(item)) {
        this.matchesNoKey(item);
        continue;
      }
      if (!variablesIn(item).some((inner) => this.perRequest(inner))) {
        items.push(this.rewrote(statement, substitute(item, this.account, '*'), item));
        continue;
      }
      if (!effectKnown) {
        items.push({ unknown: true, detail: `${item} (a policy variable in a statement whose Effect is known only after apply)` });
        continue;
      }
      // A value matching no key, when matching less widens: the item drops out.
      if (widens) items.push(this.rewrote(statement, substitute(item, this.account, '*'), item));
      else this.matchesNoKey(item);
    }
    return items;
  }

  private matchesNoKey(item: string): void {
    this.spelledOnly.push(item.replace(VARIABLE, '*'));
  }

  private rewrote(statement: Statement, rewritten: string, original: string): string {
    this.record(statement, rewritten, original);
    return rewritten;
  }

  /**
   * An Allow's condition test. A per-request variable among the values of a test that limits the
   * keys (ResourceAccount) may take the value of any key's account: the test limits nothing.
   * Other tests keep their values: a tag or alias test narrows to named keys whatever its values,
   * and a grant test holding a variable excludes nothing (grant-conditions.ts).
   */
  private test(test: ConditionTest): ConditionTest {
    const variables = test.values.flatMap((value) => (isUnknown(value) ? [] : variablesIn(value)));
    if (variables.length === 0) return test;
    // `*` limits no account (conditions.ts), and the test stays for its key to be reported.
    if (variables.some((inner) => this.perRequest(inner))) return valuesNarrowKeys(test) ? { ...test, values: ['*'] } : test;
    return { ...test, values: test.values.map((value) => (isUnknown(value) ? value : substitute(value, this.account, '*'))) };
  }
}

/**
 * A test of a document whose `${...}` are literal text: a ResourceAccount value holding one is an
 * account no key has (`$`), so it limits the grant to no key.
 */
function literalTest(test: ConditionTest): ConditionTest {
  if (!valuesNarrowKeys(test) || !test.values.some((value) => !isUnknown(value) && BRACES.test(value))) return test;
  return { ...test, values: test.values.map((value) => (!isUnknown(value) && BRACES.test(value) ? '$' : value)) };
}

function withSpelledOnly(policy: Policy, patterns: readonly string[]): Policy {
  return patterns.length === 0 ? policy : { ...policy, spelledOnly: [...(policy.spelledOnly ?? []), ...patterns] };
}

/** Puts back the texts the policy wrote where a verdict names rewritten Resource/NotResource items. */
function restorer(originals: ReadonlyMap<number, ReadonlyMap<string, readonly string[]>>): (verdict: Verdict) => Verdict {
  if (originals.size === 0) return (verdict) => verdict;
  const reason = (index: number, reason: MatchReason): MatchReason => {
    const texts = originals.get(index);
    if (!texts || reason.element === 'Action' || reason.element === 'NotAction') return reason;
    return { ...reason, values: [...new Set(reason.values.flatMap((value) => texts.get(value) ?? [value]))] };
  };
  const statement = (s: ResponsibleStatement): ResponsibleStatement => ({ ...s, matched: s.matched.map((m) => reason(s.index, m)) });
  return (verdict) => (verdict.kind === 'finding' ? { ...verdict, statements: verdict.statements.map(statement) } : verdict);
}

/** Reads the policies with `${aws:PrincipalAccount}` = `account`; the first policy's rewritten texts can be restored. */
function readAs(policies: readonly Policy[], account: string | undefined, label?: string): Reading {
  let first: Rewriter | undefined;
  const rewritten = policies.map((policy, n) => {
    if (!needsReading(policy)) return policy;
    const rewriter = new Rewriter(account, policy.literalVariables === true, n === 0);
    if (n === 0) first = rewriter;
    return withSpelledOnly({ ...policy, statements: policy.statements.map((statement) => rewriter.statement(statement)) }, rewriter.spelledOnly);
  });
  const restore = restorer(first?.originals ?? new Map());
  return label === undefined ? { policies: rewritten, restore } : { policies: rewritten, label, restore };
}

/**
 * A policy whose `${...}` are literal text (`literalVariables`) as one without: the items holding
 * them match no key and go. For statements judged together with those of other documents.
 */
export function withLiteralTextRead(policy: Policy): Policy {
  if (policy.literalVariables !== true) return policy;
  const rewriter = new Rewriter(undefined, true, false);
  const { literalVariables: _, ...rest } = policy;
  return withSpelledOnly({ ...rest, statements: policy.statements.map((statement) => rewriter.statement(statement)) }, rewriter.spelledOnly);
}

export interface Readings {
  readonly readings: readonly Reading[];
  /**
   * With several readings: `${aws:PrincipalAccount}` read as any value in each request. It allows
   * every key any reading allows and spells out no more, so no reading's verdict is wider: once
   * one reaches it, the others need not be judged.
   */
  readonly bound?: Reading;
}

/**
 * The readings to judge policies together (a policy and its permissions boundary): the policies
 * themselves when none holds a variable; else one reading per value of `${aws:PrincipalAccount}`,
 * the same in all of them (one reading when none uses it). A reading is labelled when there are
 * several.
 */
export function variableReadings(policies: readonly Policy[]): Readings {
  if (!policies.some(needsReading)) return { readings: [{ policies, restore: (verdict) => verdict }] };
  const live = policies.filter((policy) => policy.literalVariables !== true);
  const usesAccount = live.some((policy) => patternsOf(policy).some((pattern) => variablesIn(pattern).some(isPrincipalAccount)));
  if (!usesAccount) return { readings: [readAs(policies, undefined)] };
  const { named, all } = principalAccounts(live.flatMap(patternsOf));
  if (all.length === 1) return { readings: [readAs(policies, all[0])] };
  const label = (account: string) =>
    `with \${aws:PrincipalAccount} = ${account}${named.includes(account) ? '' : ', an account written nowhere else in the policy'}`;
  return { readings: all.map((account) => readAs(policies, account, label(account))), bound: readAs(policies, undefined) };
}
