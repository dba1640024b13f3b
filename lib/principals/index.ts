/**
 * The principal view: which roles, users, groups and permission sets can, after this apply, use a rule's actions on
 * keys their policies do not name, and through which policies. Findings carry a `principal`.
 */
import { extractPolicies } from '../extract/index.js';
import { resolveIndexOf } from '../extract/resolve/index.js';
import type { WorkBudget } from '../iam/budget.js';
import type { EvaluationOptions, Scope, Verdict } from '../iam/types.js';
import { fingerprintOf, heldBefore, type InputOrigin } from '../rules/judge-policy-source.js';
import { principalReach, REACH, scopedRuleId, type Rule } from '../rules/rule.js';
import type { TerraformDocument } from '../terraform/types.js';
import type { Finding, PolicyOutcome, PolicySource, PrincipalGrant, PrincipalOfFinding, Unevaluated } from '../types.js';
import { beforeView } from './before-view.js';
import { buildPrincipalGraph } from './build-graph.js';
import { grantsOf, judgePrincipal } from './judge-principal.js';
import { documentLabel } from './merge-policies.js';
import type { AppliedPolicy, PrincipalGraph, PrincipalKind } from './types.js';

export { buildPrincipalGraph } from './build-graph.js';
export type * from './types.js';

/** The policy path principal findings and outcomes carry: the principal's identity policies together. */
const PRINCIPAL_POLICY_PATH = 'identity policies';

/** A principal rule and the options it judges with, one per partition. */
interface PrincipalRun {
  readonly rule: Rule;
  readonly evaluations: readonly EvaluationOptions[];
}

interface PrincipalResults {
  readonly findings: Finding[];
  readonly unevaluated: Unevaluated[];
  readonly outcomes: PolicyOutcome[];
}

/** What the check gives each principal judged: a work budget (drawing on the check's), and a hook after it. */
interface PrincipalBudget {
  readonly next: () => WorkBudget;
  readonly judged?: (outcome: PolicyOutcome, work: number) => void;
}

/** One principal to judge: a principal of the plan, or one outside it that the plan attaches policies to. */
interface Subject {
  readonly key: string;
  readonly address: string;
  readonly resourceType: string;
  readonly kind: PrincipalKind;
  readonly name?: string;
  readonly outside: boolean;
  readonly policies: readonly AppliedPolicy[];
  readonly boundary?: AppliedPolicy;
}

function subjectsOf(graph: PrincipalGraph, document: TerraformDocument): Subject[] {
  const subjects: Subject[] = [];
  for (const { principal, policies, boundary } of graph.principals.values()) {
    if (policies.length === 0) continue;
    subjects.push({
      key: principal.address,
      address: principal.address,
      resourceType: principal.resourceType,
      kind: principal.kind,
      ...(principal.name !== undefined ? { name: principal.name } : {}),
      outside: false,
      policies,
      ...(boundary ? { boundary } : {}),
    });
  }
  const index = graph.outside.length > 0 ? resolveIndexOf(document) : undefined;
  for (const outside of graph.outside) {
    const address = outside.attachments[0]!;
    subjects.push({
      key: `${outside.kind}|${outside.name ?? `?${address}`}`,
      address,
      resourceType: index?.readInstance(address)?.type ?? outside.kind,
      kind: outside.kind,
      ...(outside.name !== undefined ? { name: outside.name } : {}),
      outside: true,
      policies: outside.policies,
    });
  }
  return subjects;
}

type FindingVerdict = Extract<Verdict, { kind: 'finding' }>;

function principalLabel(subject: Subject): string {
  const named = `${subject.kind.replace('-', ' ')}${subject.name !== undefined ? ` ${JSON.stringify(subject.name)}` : ' (name known only after apply)'}`;
  return subject.outside ? `${named}, not managed by this plan,` : `${subject.address} (${named})`;
}

function describe(subject: Subject, verdict: FindingVerdict, grants: readonly PrincipalGrant[]): string {
  const through = grants
    .map(
      (grant) =>
        `${grant.policy} (${grant.via === 'inline' ? 'inline' : `via ${grant.via}`}) ${grant.statements.map((s) => `statement ${s.index}${s.sid ? ` "${s.sid}"` : ''}`).join(', ')}`,
    )
    .join('; ');
  const bound = subject.boundary ? ` Judged within its permissions boundary ${documentLabel(subject.boundary.document)}.` : '';
  const outside = subject.outside
    ? ` Only the policies this plan attaches to it (by ${subject.address}) were judged; its other policies and its permissions boundary are not in the plan.`
    : '';
  const widen = verdict.mayWidenTo ? ` Values not known until apply could widen this to ${verdict.mayWidenTo}.` : '';
  const reach = principalReach(REACH[verdict.scope]);
  const reading = verdict.reading ? ` (${verdict.reading})` : '';
  return `${principalLabel(subject)} can use ${verdict.actions.join(', ')} on ${reach}${reading}, through ${through}.${bound}${outside}${widen}`;
}

/** Judges the principals of a document with each principal rule; the document before the plan says whether a finding is new. */
export function judgePrincipals(
  document: TerraformDocument,
  policySources: readonly PolicySource[],
  runs: readonly PrincipalRun[],
  origin: InputOrigin,
  budget: PrincipalBudget,
): PrincipalResults {
  const results: PrincipalResults = { findings: [], unevaluated: [], outcomes: [] };
  const subjects = subjectsOf(buildPrincipalGraph(document, policySources), document);
  if (subjects.length === 0) return results;
  let before: Map<string, Subject> | undefined;
  const previousOf = (subject: Subject): Subject | undefined => {
    if (document.kind !== 'plan') return undefined;
    if (!before) {
      const view = beforeView(document);
      before = new Map(subjectsOf(buildPrincipalGraph(view, extractPolicies(view)), view).map((s) => [s.key, s]));
    }
    return before.get(subject.key);
  };
  for (const subject of subjects) {
    const work = budget.next();
    const where = { address: subject.address, resourceType: subject.resourceType, policyPath: PRINCIPAL_POLICY_PATH, ...origin };
    let outcome: PolicyOutcome['outcome'] = 'clean';
    const undecided: string[] = [];
    for (const run of runs) {
      const { verdict, merged } = judgePrincipal(subject.policies, subject.boundary, run.evaluations, work);
      if (verdict.kind === 'too-complex' || verdict.kind === 'unknown') {
        const reason = verdict.kind === 'too-complex' ? 'invalid' : 'unknown';
        results.unevaluated.push({ ...where, reason, detail: `${principalLabel(subject)}: ${verdict.detail}` });
        if (outcome === 'clean') outcome = 'unevaluated';
        undecided.push(verdict.detail);
        continue;
      }
      if (verdict.kind !== 'finding') continue;
      const previous = previousOf(subject);
      const previousVerdict = previous ? judgePrincipal(previous.policies, previous.boundary, run.evaluations, work).verdict : undefined;
      const grants = grantsOf(merged, verdict.statements);
      const id = scopedRuleId(run.rule, verdict.scope);
      const principal: PrincipalOfFinding = {
        kind: subject.kind,
        ...(subject.name !== undefined ? { name: subject.name } : {}),
        ...(subject.outside ? { outside: true as const } : {}),
        grants,
        ...(subject.boundary ? { boundary: documentLabel(subject.boundary.document) } : {}),
      };
      results.findings.push({
        ruleId: id,
        severity: run.rule.severity[verdict.scope],
        scope: verdict.scope as Scope,
        address: subject.address,
        resourceType: subject.resourceType,
        policyPath: PRINCIPAL_POLICY_PATH,
        actions: verdict.actions,
        statements: [],
        conditionKeys: verdict.conditionKeys,
        introduced: !heldBefore(previousVerdict, verdict),
        fingerprint: fingerprintOf(id, subject.address, `${PRINCIPAL_POLICY_PATH}|${subject.key}`, verdict.actions),
        message: describe(subject, verdict, grants),
        compliance: run.rule.compliance(subject.resourceType),
        ...origin,
        ...(verdict.mayWidenTo ? { mayWidenTo: verdict.mayWidenTo } : {}),
        ...(verdict.reading ? { reading: verdict.reading } : {}),
        principal,
      });
      outcome = 'finding';
    }
    const result: PolicyOutcome = { ...where, outcome };
    results.outcomes.push(result);
    budget.judged?.(result, work.used);
  }
  return results;
}
