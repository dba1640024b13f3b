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
 */
import { STAR, QMARK, arnPatternTokens, isDelimiter, variableToken, type Token } from './glob.js';
import { isUnknown, type ConcreteCondition } from './instantiate.js';
import type { ConditionMode, ConditionTest } from './types.js';

export interface ConditionNarrowing {
  /** The statement grants only keys the policy names (tag or alias condition). */
  readonly namedKeysOnly: boolean;
  /** The accounts the statement's keys are limited to (tokens; variables for unknown values). */
  readonly accounts?: readonly (readonly Token[])[];
}

const POSITIVE_OPERATOR = /^(?:ForAnyValue:|ForAllValues:)?(?:StringEquals|StringLike|ArnEquals|ArnLike)$/;

function narrowsToNamedKeys(test: ConditionTest): boolean {
  if (test.operator.startsWith('ForAllValues:')) return false;
  const key = test.key.toLowerCase();
  return key.startsWith('aws:resourcetag/') || key === 'kms:resourcealiases';
}

/** The account values of a ResourceAccount test, or undefined when one is not a plain literal. */
function literalAccounts(test: ConditionTest): Token[][] | undefined {
  const accounts: Token[][] = [];
  for (const value of test.values) {
    if (isUnknown(value)) {
      accounts.push([variableToken(`known after apply: ${value.detail}`)]);
      continue;
    }
    const tokens = arnPatternTokens(value);
    if (tokens.length === 0 || tokens.some((t) => t === STAR || t === QMARK || isDelimiter(t))) return undefined;
    accounts.push(tokens);
  }
  return accounts;
}

const NOTHING: ConditionNarrowing = { namedKeysOnly: false };

export function conditionNarrowing(condition: ConcreteCondition | undefined, mode: ConditionMode): ConditionNarrowing {
  if (mode === 'ignore' || condition === undefined) return NOTHING;
  if (condition.opaque) return { namedKeysOnly: true };
  let accounts: Token[][] | undefined;
  for (const test of condition.tests) {
    if (!POSITIVE_OPERATOR.test(test.operator)) continue;
    if (narrowsToNamedKeys(test)) return { namedKeysOnly: true };
    if (accounts === undefined && test.key.toLowerCase() === 'aws:resourceaccount') accounts = literalAccounts(test);
  }
  return accounts ? { namedKeysOnly: false, accounts } : NOTHING;
}
