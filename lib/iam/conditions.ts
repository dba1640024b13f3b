/**
 * What an Allow statement's Condition does to the keys it grants, in `conditions: 'scope'` mode.
 *
 * A positive operator (StringEquals, StringLike, ArnEquals, ArnLike, with or without a
 * ForAnyValue: prefix; never ...IfExists or a negated operator) on `aws:ResourceTag/...` or
 * `kms:ResourceAliases` grants only keys that carry the tag or alias, which the policy names:
 * the statement grants no key it does not name. A ForAllValues: test does not narrow to tagged
 * or aliased keys: it is also true for a key with no such tag or alias at all (an empty set
 * of values), so it grants untagged keys. On `aws:ResourceAccount`
 * with literal values it grants only keys in those accounts. Other tests narrow nothing. In
 * `ignore` mode no condition narrows anything.
 *
 * A ResourceAccount value known only after apply is one account the policy names (like a policy
 * variable) at its least permissive. At its most permissive (`ANY_VALUE`, put there by
 * instantiate.ts) it is `*` under a ...Like operator (no limit), and under an exact operator any
 * one account, which the condition then names: the statement's keys may be in any account, but
 * each only in an account the policy names.
 */
import { STAR, QMARK, arnPatternTokens, isDelimiter, variableToken, type Token } from './glob.js';
import { actionsConditionExcludes } from './grant-conditions.js';
import type { ConcreteCondition } from './instantiate.js';
import type { ConditionMode, ConditionTest, UnknownValue } from './types.js';

interface ConditionNarrowing {
  /** The statement grants only keys the policy names (tag or alias condition). */
  readonly namedKeysOnly: boolean;
  /** The accounts the statement's keys are limited to (tokens; variables for unknown values). */
  readonly accounts?: readonly (readonly Token[])[];
  /**
   * The statement's keys are in one account the condition names, which may be any account
   * (`accounts` are then accounts the policy spells out, not a limit).
   */
  readonly anyNamedAccount?: boolean;
  /** Blocked actions the condition keeps the statement from granting (grant-conditions.ts). */
  readonly exceptActions?: readonly string[];
}

/** A condition value known only after apply, at its most permissive: whatever value grants most. */
export const ANY_VALUE: UnknownValue = Object.freeze({ unknown: true as const, detail: 'any value' });

const POSITIVE_OPERATOR = /^(?:ForAnyValue:|ForAllValues:)?(?:StringEquals|StringLike|ArnEquals|ArnLike)$/;
const WILDCARD_OPERATOR = /Like$/;

export function narrowsToNamedKeys(test: ConditionTest): boolean {
  if (test.operator.startsWith('ForAllValues:')) return false;
  const key = test.key.toLowerCase();
  return key.startsWith('aws:resourcetag/') || key === 'kms:resourcealiases';
}

const isAccountTest = (test: ConditionTest) => POSITIVE_OPERATOR.test(test.operator) && test.key.toLowerCase() === 'aws:resourceaccount';

/** Do the values of this test decide which keys it lets an Allow grant (so an unknown one is a choice)? */
export function valuesNarrowKeys(test: ConditionTest): boolean {
  return isAccountTest(test);
}

type Accounts = { readonly accounts: Token[][]; readonly anyNamed: boolean };

/** The account values of a ResourceAccount test, or undefined when they do not limit the accounts. */
function literalAccounts(test: ConditionTest): Accounts | undefined {
  // Stryker disable next-line ArrayDeclaration: the mutant's starting entry is text, not tokens: a limit built from it matches no key and it spells no account a key can have
  const accounts: Token[][] = [];
  let anyNamed = false;
  for (const value of test.values) {
    if (value === ANY_VALUE) {
      if (WILDCARD_OPERATOR.test(test.operator)) return undefined;
      anyNamed = true;
      continue;
    }
    if (typeof value !== 'string') {
      accounts.push([variableToken(`known after apply: ${value.detail}`)]);
      continue;
    }
    const tokens = arnPatternTokens(value);
    if (tokens.length === 0 || tokens.some((t) => t === STAR || t === QMARK || isDelimiter(t))) return undefined;
    accounts.push(tokens);
  }
  return { accounts, anyNamed };
}

const NOTHING: ConditionNarrowing = { namedKeysOnly: false };

export function conditionNarrowing(condition: ConcreteCondition | undefined, mode: ConditionMode): ConditionNarrowing {
  if (mode === 'ignore' || condition === undefined) return NOTHING;
  if (condition.opaque) return { namedKeysOnly: true };
  let accounts: Accounts | undefined;
  for (const test of condition.tests) {
    if (!POSITIVE_OPERATOR.test(test.operator)) continue;
    if (narrowsToNamedKeys(test)) return { namedKeysOnly: true };
    if (accounts === undefined && isAccountTest(test)) accounts = literalAccounts(test);
  }
  const excluded = actionsConditionExcludes(condition.tests);
  const except = excluded.length > 0 ? { exceptActions: excluded } : {};
  if (!accounts) return { ...NOTHING, ...except };
  return accounts.anyNamed
    ? { namedKeysOnly: false, accounts: accounts.accounts, anyNamedAccount: true, ...except }
    : { namedKeysOnly: false, accounts: accounts.accounts, ...except };
}
