/** Rule runs for tests that judge with the decrypt rule alone, or with every rule. */
import type { EvaluationOptions } from '../../lib/iam/types.js';
import { DECRYPT_RULE } from '../../lib/rules/decrypt.js';
import { GRANT_ACTIONS, GRANT_RULE } from '../../lib/rules/grant.js';
import type { RuleRun } from '../../lib/rules/judge-policy-source.js';

/** The decrypt rule, judged with these options (one per partition). */
export function decryptRuns(evaluations: readonly EvaluationOptions[]): RuleRun[] {
  return [{ rule: DECRYPT_RULE, evaluations }];
}

/** The decrypt rule with these options, then the grant rule with the same partitions and conditions. */
export function allRuns(evaluations: readonly EvaluationOptions[]): RuleRun[] {
  return [...decryptRuns(evaluations), { rule: GRANT_RULE, evaluations: evaluations.map((e) => ({ ...e, blockedActions: GRANT_ACTIONS })) }];
}
