/**
 * The verdict on one principal: its identity policies merged, within its permissions boundary,
 * judged by the exact engine in each partition (the widest kept), and the policies that grant.
 */
import type { WorkBudget } from '../iam/budget.js';
import type { EvaluationOptions, Verdict } from '../iam/types.js';
import { judgeAcross } from '../rules/judge-policy-source.js';
import type { PrincipalGrant, StatementRef } from '../types.js';
import { boundPolicy, documentLabel, mergePolicies, type MergedPolicies } from './merge-policies.js';
import type { AppliedPolicy } from './types.js';

interface PrincipalVerdict {
  readonly verdict: Verdict;
  readonly merged: MergedPolicies;
}

export function judgePrincipal(
  policies: readonly AppliedPolicy[],
  boundary: AppliedPolicy | undefined,
  evaluations: readonly EvaluationOptions[],
  work: WorkBudget,
): PrincipalVerdict {
  const merged = mergePolicies(policies);
  const verdict = judgeAcross(merged.policy, evaluations, work, boundary === undefined ? undefined : boundPolicy(boundary));
  return { verdict, merged };
}

/** The policies whose statements grant, in the order the principal's policies are listed; each statement as its policy numbers it. */
export function grantsOf(merged: MergedPolicies, statements: readonly StatementRef[]): PrincipalGrant[] {
  const byPolicy = new Map<AppliedPolicy, StatementRef[]>();
  for (const ref of statements) {
    const origin = merged.origins[ref.index];
    if (origin === undefined) continue;
    const { index, sid, pointer } = origin.statement;
    const list = byPolicy.get(origin.applied) ?? [];
    list.push({ index, ...(sid !== undefined ? { sid } : {}), pointer, matched: ref.matched });
    byPolicy.set(origin.applied, list);
  }
  return [...byPolicy].map(([applied, refs]) => ({ policy: documentLabel(applied.document), via: applied.via, statements: refs }));
}
