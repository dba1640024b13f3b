/**
 * One entry per policy met (report.policies), joined with its finding, unevaluated or skipped
 * entry: the unit that JUnit testcases and conftest-style test counts are made of.
 */
import type { Finding, PolicyOutcome, Report, Skipped, Unevaluated } from '../types.js';

export type PolicyCase =
  | { readonly kind: 'clean'; readonly policy: PolicyOutcome }
  | { readonly kind: 'finding'; readonly policy: PolicyOutcome; readonly finding: Finding }
  | { readonly kind: 'unevaluated'; readonly policy: PolicyOutcome; readonly entry: Unevaluated }
  | { readonly kind: 'skipped'; readonly policy: PolicyOutcome; readonly entry: Skipped }
  /** The policy list names an outcome the report holds no entry for (an inconsistent report). */
  | { readonly kind: 'missing'; readonly policy: PolicyOutcome };

type Located = Pick<PolicyOutcome, 'source' | 'position' | 'address' | 'policyPath'>;

function keyOf(entry: Located): string {
  return JSON.stringify([entry.source, entry.position ?? null, entry.address, entry.policyPath]);
}

function queues<T extends Located>(entries: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  }
  return map;
}

function outcomeOf(entry: Located & { readonly resourceType: string }, outcome: PolicyOutcome['outcome']): PolicyOutcome {
  return {
    address: entry.address,
    resourceType: entry.resourceType,
    policyPath: entry.policyPath,
    source: entry.source,
    ...(entry.position !== undefined ? { position: entry.position } : {}),
    outcome,
  };
}

/**
 * Cases in the order of report.policies; an entry the policy list does not mention (an
 * older or hand-built report) still gets a case, after the others, so nothing is lost.
 */
export function policyCases(report: Report): PolicyCase[] {
  const findings = queues(report.findings);
  const unevaluated = queues(report.unevaluated);
  const skipped = queues(report.skipped);
  const cases: PolicyCase[] = [];
  for (const policy of report.policies ?? []) {
    const key = keyOf(policy);
    switch (policy.outcome) {
      case 'clean':
        cases.push({ kind: 'clean', policy });
        break;
      case 'finding': {
        // One case per finding of the policy: at most one per rule, so a second finding of a
        // rule already taken belongs to the next policy of the same address (a deposed object).
        const queue = findings.get(key) ?? [];
        const taken: Finding[] = [];
        while (queue.length > 0 && !taken.some((f) => f.ruleId === queue[0]!.ruleId)) taken.push(queue.shift()!);
        if (taken.length === 0) cases.push({ kind: 'missing', policy });
        for (const finding of taken) cases.push({ kind: 'finding', policy, finding });
        // A rule that could not decide leaves an unevaluated entry beside the findings.
        const entry = unevaluated.get(key)?.[0];
        if (entry && !report.policies.some((p) => p !== policy && keyOf(p) === key && p.outcome === 'unevaluated')) {
          unevaluated.get(key)!.shift();
          cases.push({ kind: 'unevaluated', policy, entry });
        }
        break;
      }
      case 'unevaluated': {
        const entry = unevaluated.get(key)?.shift();
        cases.push(entry ? { kind: 'unevaluated', policy, entry } : { kind: 'missing', policy });
        break;
      }
      case 'skipped': {
        const entry = skipped.get(key)?.shift();
        cases.push(entry ? { kind: 'skipped', policy, entry } : { kind: 'missing', policy });
        break;
      }
    }
  }
  for (const list of findings.values()) for (const finding of list) cases.push({ kind: 'finding', policy: outcomeOf(finding, 'finding'), finding });
  for (const list of unevaluated.values()) for (const entry of list) cases.push({ kind: 'unevaluated', policy: outcomeOf(entry, 'unevaluated'), entry });
  for (const list of skipped.values()) for (const entry of list) cases.push({ kind: 'skipped', policy: outcomeOf(entry, 'skipped'), entry });
  return cases;
}
