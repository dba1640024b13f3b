/**
 * Conditions a principal can make true. Under `conditions: 'scope'` a tag or alias test limits an
 * Allow to keys the policy names (conditions.ts), but only while the principal cannot give other
 * keys that tag or alias: when the policy allows `kms:TagResource` on keys it does not name (its
 * own conditions read as scoping, one level deep), its tag tests limit nothing; when it allows
 * `kms:CreateAlias` or `kms:UpdateAlias` so, its alias tests limit nothing. A verdict on those
 * actions that is unknown lifts the tests too: a gate does not count on a limit it cannot show.
 *
 * A lifted test is read as its `...IfExists` form, which never narrows (conditions.ts), so its
 * key is still reported among the finding's condition keys.
 */
import { narrowsToNamedKeys } from './conditions.js';
import { isUnknown } from './instantiate.js';
import type { ConditionTest, EvaluationOptions, Policy, Statement, Verdict } from './types.js';

const TAGGING_ACTIONS: readonly string[] = ['kms:TagResource'];
const ALIASING_ACTIONS: readonly string[] = ['kms:CreateAlias', 'kms:UpdateAlias'];

const isTagTest = (test: ConditionTest) => narrowsToNamedKeys(test) && test.key.toLowerCase().startsWith('aws:resourcetag/');
const isAliasTest = (test: ConditionTest) => narrowsToNamedKeys(test) && test.key.toLowerCase() === 'kms:resourcealiases';

function testsOf(statement: Statement): readonly ConditionTest[] {
  return statement.condition === undefined || isUnknown(statement.condition) ? [] : statement.condition;
}

function lifted(policy: Policy, lift: (test: ConditionTest) => boolean): Policy {
  const statement = (s: Statement): Statement => {
    const tests = testsOf(s);
    if (!tests.some(lift)) return s;
    return { ...s, condition: tests.map((test) => (lift(test) ? { ...test, operator: `${test.operator}IfExists` } : test)) };
  };
  return { ...policy, statements: policy.statements.map(statement) };
}

/**
 * `policy` with the tag and alias tests lifted that the principal can meet on keys the policy does
 * not name; `judge` gives the verdict on other actions (with the options given).
 */
export function withConditionsItCanMeet(policy: Policy, options: EvaluationOptions, judge: (options: EvaluationOptions) => Verdict): Policy {
  if (options.conditions !== 'scope') return policy;
  const tests = policy.statements.flatMap(testsOf);
  const canMeet = (actions: readonly string[]) => {
    const verdict = judge({ ...options, blockedActions: [...actions] });
    return verdict.kind === 'finding' || verdict.kind === 'unknown';
  };
  const tags = tests.some(isTagTest) && canMeet(TAGGING_ACTIONS);
  const aliases = tests.some(isAliasTest) && canMeet(ALIASING_ACTIONS);
  if (!tags && !aliases) return policy;
  return lifted(policy, (test) => (tags && isTagTest(test)) || (aliases && isAliasTest(test)));
}
