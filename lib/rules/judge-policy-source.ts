/**
 * One policy source, judged by each rule in effect -> its findings (one per rule that finds),
 * an unevaluated entry, a skip, or clean.
 */
import { createHash } from 'node:crypto';
import { judgeWithin, parsePolicy, WorkBudget } from '../iam/index.js';
import { repeatedKeyError } from '../iam/parse.js';
import { widerScope, type EvaluationOptions, type Policy, type Verdict } from '../iam/types.js';
import type { Finding, PolicySource, PolicyValue, Skipped, Unevaluated } from '../types.js';
import { suggestFix } from './fix.js';
import { policyChange } from './policy-change.js';
import { REACH, scopedRuleId, type Rule } from './rule.js';

/** Where a policy source came from: the input (`source`, its name as findings give it) and the document's position in it. */
export interface InputOrigin {
  readonly source: string;
  readonly position?: number;
}

/** A rule and the options it judges with: one set per partition judged. */
export interface RuleRun {
  readonly rule: Rule;
  readonly evaluations: readonly EvaluationOptions[];
}

/**
 * `finding`: one finding per rule that found one; `unevaluated` is set beside them when another
 * rule could not decide (the policy is never passed on that rule's account).
 */
export type Judgement =
  | { readonly outcome: 'clean' }
  | { readonly outcome: 'finding'; readonly findings: readonly Finding[]; readonly unevaluated?: Unevaluated }
  | { readonly outcome: 'unevaluated'; readonly unevaluated: Unevaluated }
  | { readonly outcome: 'skipped'; readonly skipped: Skipped };

type Readable =
  | { readonly kind: 'policy'; readonly policy: Policy; readonly document?: unknown }
  | { readonly kind: 'unknown'; readonly detail: string; readonly policy?: Policy; readonly alternatives?: readonly Policy[] }
  | { readonly kind: 'invalid'; readonly detail: string }
  | { readonly kind: 'absent' };

/** Parses a policy value into a model, keeping the parsed JSON document for patches. */
export function readPolicyValue(value: PolicyValue): Readable {
  switch (value.kind) {
    case 'absent':
      return { kind: 'absent' };
    case 'unknown':
      return { kind: 'unknown', detail: value.detail, policy: value.model, ...(value.alternatives ? { alternatives: value.alternatives } : {}) };
    case 'text': {
      let document: unknown;
      try {
        document = JSON.parse(value.text);
      } catch {
        document = undefined;
      }
      const repeated = document === undefined ? undefined : repeatedKeyError(value.text);
      if (repeated !== undefined) return { kind: 'invalid', detail: repeated.message };
      // The parser reads a string as policy text: text that is not JSON (it says where and why),
      // and JSON that is a string (not a policy, however it reads once decoded), go to it as text.
      const parsed = parsePolicy(document === undefined || typeof document === 'string' ? value.text : document);
      return 'error' in parsed ? { kind: 'invalid', detail: parsed.error.message } : { kind: 'policy', policy: parsed.policy, document };
    }
    case 'object': {
      const parsed = parsePolicy(value.value);
      return 'error' in parsed ? { kind: 'invalid', detail: parsed.error.message } : { kind: 'policy', policy: parsed.policy, document: value.value };
    }
  }
}

/** Stable identity of a finding: independent of formatting, ordering and file names. */
export function fingerprintOf(ruleId: string, address: string, policyPath: string, actions: readonly string[]): string {
  return createHash('sha256')
    .update([ruleId, address, policyPath, [...actions].sort().join(',')].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

type FindingVerdict = Extract<Verdict, { kind: 'finding' }>;

/**
 * The share of the work left after the verdict that suggesting a fix may use (it judges the
 * patched document again): past it the finding has no fix, and the verdict stands.
 */
const FIX_SHARE = 0.5;

/**
 * Judges a policy in each partition and keeps the widest verdict: a finding over an unknown,
 * an unknown over clean, and among findings the widest scope. Too complex in one partition
 * (the work budget, shared by all, ran out) makes it too complex. With `bound`, what the policy
 * allows within it (a permissions boundary).
 */
export function judgeAcross(policy: Policy, evaluations: readonly EvaluationOptions[], work: WorkBudget = new WorkBudget(), bound?: Policy): Verdict {
  let best: Verdict = { kind: 'clean' };
  for (const options of evaluations) {
    const verdict = judgeWithin(policy, bound, options, work);
    if (verdict.kind === 'too-complex') return verdict;
    // Stryker disable next-line StringLiteral: without the skip a clean verdict only replaces a clean best, or is passed over by the finding test
    if (verdict.kind === 'clean') continue;
    if (best.kind === 'clean') best = verdict;
    else if (verdict.kind === 'finding' && (best.kind !== 'finding' || widerScope(verdict.scope, best.scope))) best = verdict;
  }
  return best;
}

/**
 * Judges a policy that is one of several documents, the plan not saying which: clean when every
 * one is clean; a finding when every one has one, at the narrowest scope among them (fewest
 * actions on a tie), with `mayWidenTo` the widest any of them reaches and the actions they all
 * allow (the narrowest one's when they share none); otherwise unknown, with each document's
 * verdict in the order `detail` names them. Too complex when one of them is (they share `work`).
 */
export function judgeAlternatives(
  policies: readonly Policy[],
  detail: string,
  evaluations: readonly EvaluationOptions[],
  work: WorkBudget = new WorkBudget(),
): Verdict {
  const verdicts: Verdict[] = [];
  for (const policy of policies) {
    const verdict = judgeAcross(policy, evaluations, work);
    if (verdict.kind === 'too-complex') return verdict;
    verdicts.push(verdict);
  }
  if (verdicts.every((verdict) => verdict.kind === 'clean')) return { kind: 'clean' };
  const findings = verdicts.filter((verdict): verdict is FindingVerdict => verdict.kind === 'finding');
  if (findings.length < verdicts.length) {
    const each = verdicts.map((verdict) => (verdict.kind === 'finding' ? `${verdict.scope} finding` : verdict.kind)).join(', ');
    return { kind: 'unknown', detail: `${detail}; each judged alone: ${each}` };
  }
  const narrower = (a: FindingVerdict, b: FindingVerdict) => (a.scope !== b.scope ? widerScope(b.scope, a.scope) : a.actions.length < b.actions.length);
  const narrowest = findings.reduce((best, verdict) => (narrower(verdict, best) ? verdict : best));
  const widest = findings.map((verdict) => verdict.mayWidenTo ?? verdict.scope).reduce((a, b) => (widerScope(b, a) ? b : a));
  const shared = narrowest.actions.filter((action) => findings.every((verdict) => verdict.actions.includes(action)));
  const { mayWidenTo: _, ...rest } = narrowest;
  const finding = { ...rest, actions: shared.length > 0 ? shared : narrowest.actions };
  return widerScope(widest, finding.scope) ? { ...finding, mayWidenTo: widest } : finding;
}

/** The verdict on the document before the plan, when it was a readable policy. */
function judgeBefore(before: PolicyValue | undefined, evaluations: readonly EvaluationOptions[], work: WorkBudget): Verdict | undefined {
  if (before === undefined) return undefined;
  const readable = readPolicyValue(before);
  return readable.kind === 'policy' ? judgeAcross(readable.policy, evaluations, work) : undefined;
}

/** Did this finding already hold before the plan, at least as wide and for the same actions? */
export function heldBefore(previous: Verdict | undefined, verdict: FindingVerdict): boolean {
  return previous?.kind === 'finding' && !widerScope(verdict.scope, previous.scope) && verdict.actions.every((action) => previous.actions.includes(action));
}

function describe(policySource: PolicySource, verdict: FindingVerdict, rule: Rule): string {
  const statements = verdict.statements.map((s) => `statement ${s.index}${s.sid ? ` "${s.sid}"` : ''}`).join(', ');
  const actions = verdict.actions.join(', ');
  const widen = verdict.mayWidenTo ? ` Values not known until apply could widen this to ${verdict.mayWidenTo}.` : '';
  const consequence = rule.consequence ? ` ${rule.consequence}` : '';
  const reading = verdict.reading ? ` (${verdict.reading})` : '';
  return `${policySource.address} (${policySource.policyPath}) allows ${actions} on ${REACH[verdict.scope]}${reading}, through ${statements}.${consequence}${widen}`;
}

function documentChange(policySource: PolicySource): Finding['policyChange'] {
  // Stryker disable next-line StringLiteral: an absent or unknown before reads as a kind other than policy, which the check below returns undefined for
  if (!policySource.before || policySource.before.kind === 'absent' || policySource.before.kind === 'unknown') return undefined;
  const before = readPolicyValue(policySource.before);
  const after = readPolicyValue(policySource.after);
  // Stryker disable next-line LogicalOperator: only the policy kind carries a document, so the document check below returns undefined for any other kind
  if (before.kind !== 'policy' || after.kind !== 'policy') return undefined;
  // Stryker disable next-line LogicalOperator: with both kinds policy the documents are set (parsePolicy reads text with JSON.parse, so a text it accepts parses), so this never decides
  if (before.document === undefined || after.document === undefined) return undefined;
  const ops = policyChange(before.document, after.document);
  return ops.length > 0 ? ops : undefined;
}

/**
 * The options a fix is checked with: each partition's, blocking every rule's actions, so that
 * a fix applied leaves no finding of any rule in effect.
 */
function fixEvaluations(runs: readonly RuleRun[]): EvaluationOptions[] {
  return runs[0]!.evaluations.map((evaluation, i) => ({
    ...evaluation,
    blockedActions: [...new Set(runs.flatMap((run) => run.evaluations[i]!.blockedActions))].sort(),
  }));
}

type Judged = Extract<Readable, { kind: 'policy' | 'unknown' }>;

function verdictOf(readable: Judged, evaluations: readonly EvaluationOptions[], work: WorkBudget): Verdict {
  return readable.kind === 'unknown' && readable.alternatives !== undefined
    ? judgeAlternatives(readable.alternatives, readable.detail, evaluations, work)
    : judgeAcross(readable.policy!, evaluations, work);
}

function findingOf(
  policySource: PolicySource,
  origin: InputOrigin,
  readable: Judged,
  verdict: FindingVerdict,
  previous: Verdict | undefined,
  run: RuleRun,
  runs: readonly RuleRun[],
  work: WorkBudget,
): Finding {
  const { rule } = run;
  const id = scopedRuleId(rule, verdict.scope);
  const document = readable.kind === 'policy' ? readable.document : undefined;
  const fix = document !== undefined ? suggestFix(document, verdict, { evaluations: fixEvaluations(runs), work: work.share(FIX_SHARE) }) : undefined;
  const change = documentChange(policySource);
  return {
    ruleId: id,
    severity: rule.severity[verdict.scope],
    scope: verdict.scope,
    address: policySource.address,
    resourceType: policySource.resourceType,
    policyPath: policySource.policyPath,
    actions: verdict.actions,
    statements: verdict.statements,
    conditionKeys: verdict.conditionKeys,
    introduced: !heldBefore(previous, verdict),
    fingerprint: fingerprintOf(id, policySource.address, policySource.policyPath, verdict.actions),
    message: describe(policySource, verdict, rule),
    compliance: rule.compliance(policySource.resourceType),
    ...origin,
    ...(verdict.mayWidenTo ? { mayWidenTo: verdict.mayWidenTo } : {}),
    ...(verdict.reading ? { reading: verdict.reading } : {}),
    ...(fix && fix.length > 0 ? { fix } : {}),
    ...(change ? { policyChange: change } : {}),
  };
}

/**
 * Judges one policy source with each rule in `runs` (at least one). Everything judging it does
 * (every rule, partition and reading, the document before the plan, the fixes) is charged to one
 * work budget: when it runs out the policy is invalid, too complex to judge exactly.
 */
export function judgePolicySource(policySource: PolicySource, origin: InputOrigin, runs: readonly RuleRun[], work: WorkBudget = new WorkBudget()): Judgement {
  const where = { address: policySource.address, resourceType: policySource.resourceType, policyPath: policySource.policyPath, ...origin };
  if (policySource.skip !== undefined) {
    return { outcome: 'skipped', skipped: { ...where, reason: policySource.skip } };
  }
  const readable = readPolicyValue(policySource.after);
  switch (readable.kind) {
    case 'absent':
      // Every judged attribute is a required policy document: a null one could not be read.
      return { outcome: 'unevaluated', unevaluated: { ...where, reason: 'invalid', detail: 'The policy document is missing (null).' } };
    case 'invalid':
      return { outcome: 'unevaluated', unevaluated: { ...where, reason: 'invalid', detail: readable.detail } };
    case 'unknown':
      if (readable.policy === undefined && readable.alternatives === undefined) {
        return { outcome: 'unevaluated', unevaluated: { ...where, reason: 'unknown', detail: readable.detail } };
      }
  }
  const tooComplex = (detail: string): Judgement => ({ outcome: 'unevaluated', unevaluated: { ...where, reason: 'invalid', detail } });
  const verdicts: { run: RuleRun; verdict: Verdict }[] = [];
  for (const run of runs) {
    const verdict = verdictOf(readable, run.evaluations, work);
    // Too complex to judge exactly must not pass on a warning: it fails the run like an unreadable policy.
    if (verdict.kind === 'too-complex') return tooComplex(verdict.detail);
    verdicts.push({ run, verdict });
  }
  const findings: Finding[] = [];
  const undecided: string[] = [];
  for (const { run, verdict } of verdicts) {
    if (verdict.kind === 'finding') {
      const previous = judgeBefore(policySource.before, run.evaluations, work);
      if (previous?.kind === 'too-complex') return tooComplex(previous.detail);
      findings.push(findingOf(policySource, origin, readable, verdict, previous, run, runs, work));
    } else if (verdict.kind === 'unknown' && !undecided.includes(verdict.detail)) undecided.push(verdict.detail);
  }
  const unevaluated: Unevaluated | undefined = undecided.length === 0 ? undefined : { ...where, reason: 'unknown', detail: undecided.join(' ') };
  if (findings.length > 0) return { outcome: 'finding', findings, ...(unevaluated ? { unevaluated } : {}) };
  return unevaluated ? { outcome: 'unevaluated', unevaluated } : { outcome: 'clean' };
}
