/**
 * The verdict on one policy. Without unknown parts it is the evaluation of its statements. With
 * them, the policy is evaluated at its most and least permissive readings: clean when even the
 * most permissive is clean; a finding when even the least permissive has one (with `mayWidenTo`
 * when the most permissive reaches wider); otherwise unknown, naming the unknown parts that decide.
 *
 * A policy may be judged within a second one that bounds it (a permissions boundary): what both
 * allow. The unknown parts of both are read together, the bound's at its most permissive when the
 * policy's are.
 */
import { WorkBudget } from './budget.js';
import { withConditionsItCanMeet } from './condition-escalation.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { instantiateAll, type Chooser } from './instantiate.js';
import { SCOPES, widerScope, type EvaluationOptions, type Policy, type Scope, type UnknownValue, type Verdict } from './types.js';
import { variableReadings } from './variable-readings.js';

/** Naming the unknown parts that decide may use this share of the work left; past it, they go unnamed. */
const NAMING_SHARE = 0.25;

function toVerdict(evaluation: Evaluation, mayWidenTo?: Scope): Verdict {
  if (evaluation.scope === undefined) return { kind: 'clean' };
  const { scope, actions, statements, conditionKeys } = evaluation;
  const finding = { kind: 'finding' as const, scope, actions, statements, conditionKeys };
  return mayWidenTo ? { ...finding, mayWidenTo } : finding;
}

type Finding = Extract<Verdict, { kind: 'finding' }>;

/** Statements of both findings, by index; a statement in both matched what either matched. */
function unionStatements(a: Finding['statements'], b: Finding['statements']): Finding['statements'] {
  const byIndex = new Map(a.map((statement) => [statement.index, statement]));
  for (const statement of b) {
    const known = byIndex.get(statement.index);
    if (!known) byIndex.set(statement.index, statement);
    else
      byIndex.set(statement.index, {
        ...known,
        matched: known.matched.map((reason, n) => ({ ...reason, values: [...new Set([...reason.values, ...(statement.matched[n]?.values ?? [])])] })),
      });
  }
  return [...byIndex.values()].sort((x, y) => x.index - y.index);
}

/** Two findings of one scope under different readings: every action, statement and condition key either names. */
function unionFindings(a: Finding, b: Finding): Finding {
  const merged: Finding = {
    ...a,
    actions: [...new Set([...a.actions, ...b.actions])].sort(),
    statements: unionStatements(a.statements, b.statements),
    conditionKeys: [...new Set([...a.conditionKeys, ...b.conditionKeys])].sort(),
  };
  const widen = [a.mayWidenTo, b.mayWidenTo].filter((scope): scope is Scope => scope !== undefined).sort((x, y) => SCOPES.indexOf(x) - SCOPES.indexOf(y))[0];
  return widen === undefined ? merged : { ...merged, mayWidenTo: widen };
}

/** True when `verdict` is as wide as `bound`: the same scope, actions and statements (it cannot be wider). */
function reaches(verdict: Finding, bound: Verdict): boolean {
  if (bound.kind !== 'finding' || bound.scope !== verdict.scope) return false;
  const indexes = (finding: Finding) => finding.statements.map((statement) => statement.index).join(',');
  return bound.actions.join(',') === verdict.actions.join(',') && indexes(bound) === indexes(verdict);
}

/**
 * The widest verdict over the readings of the policy's variables (variable-readings.ts): a finding
 * of the widest scope, with the actions and statements of every reading that reaches it, named
 * by the first that does (`reading`); else unknown when some reading is (the first), else clean.
 * Readings stop once the finding is as wide as the readings' bound.
 */
function widestReading(policies: readonly Policy[], options: EvaluationOptions, work: WorkBudget): Verdict {
  const { readings, bound } = variableReadings(policies);
  const limit = bound && judge(bound.policies, options, work);
  if (limit?.kind === 'clean') return limit;
  let best: { verdict: Finding; label?: string } | undefined;
  let unknown: Verdict | undefined;
  for (const reading of readings) {
    const verdict = reading.restore(judge(reading.policies, options, work));
    if (verdict.kind === 'unknown') unknown ??= verdict;
    if (verdict.kind !== 'finding') continue;
    if (best === undefined || widerScope(verdict.scope, best.verdict.scope)) best = { verdict, ...(reading.label ? { label: reading.label } : {}) };
    else if (verdict.scope === best.verdict.scope) best = { ...best, verdict: unionFindings(best.verdict, verdict) };
    if (limit && reaches(best.verdict, limit)) break;
  }
  if (best === undefined) return unknown ?? { kind: 'clean' };
  return best.label === undefined ? best.verdict : { ...best.verdict, reading: best.label };
}

/**
 * Judges a policy, charging `work`: when it runs out (now, or already), the verdict is
 * `too-complex` (never a silent clean). Judging one policy several ways (partitions, the
 * document before the plan) with one budget bounds all of it together.
 */
export function judgePolicy(policy: Policy, options: EvaluationOptions, work: WorkBudget = new WorkBudget()): Verdict {
  return judgeWithin(policy, undefined, options, work);
}

/**
 * Judges what `policy` allows that `bound` allows too (undefined: no bound, as judgePolicy). The
 * verdict's statements are the policy's; the bound's are never named as granting.
 */
export function judgeWithin(policy: Policy, bound: Policy | undefined, options: EvaluationOptions, work: WorkBudget = new WorkBudget()): Verdict {
  try {
    work.spend(policy.statements.length + (bound?.statements.length ?? 0) + 1);
    const within = (read: Policy) => (bound === undefined ? [read] : [read, bound]);
    const read = withConditionsItCanMeet(policy, options, (other) => widestReading(within(policy), other, work));
    return widestReading(within(read), options, work);
  } catch (error) {
    if (!work.ranOutWithin(error)) throw error;
    // Its own budget, or a larger one it draws on that the policies judged before it used up.
    const hint = error.budget === work ? 'simplify its Resource and NotResource patterns' : 'the policies judged before it used up that budget';
    return { kind: 'too-complex', detail: `Too complex to judge exactly (${error.message}); ${hint}.` };
  }
}

/** Evaluates the policies (a policy, and its bound when there is one) with unknown parts read by `choose`. */
function evaluateRead(policies: readonly Policy[], choose: Chooser, options: EvaluationOptions, work: WorkBudget): Evaluation {
  const [statements, within] = instantiateAll(policies, choose);
  return evaluate(statements!, options, work, within);
}

function judge(policies: readonly Policy[], options: EvaluationOptions, work: WorkBudget): Verdict {
  const choices: UnknownValue[] = [];
  const most = evaluateRead(
    policies,
    (_, unknown) => {
      choices.push(unknown);
      return true;
    },
    options,
    work,
  );
  if (choices.length === 0 || most.scope === undefined) return toVerdict(most);
  const least = evaluateRead(policies, () => false, options, work);
  if (least.scope !== undefined) return toVerdict(least, widerScope(most.scope, least.scope) ? most.scope : undefined);
  return { kind: 'unknown', detail: unknownDetail(policies, choices, most, options, work) };
}

/**
 * Names a set of unknown parts that decide the verdict: with them most permissive and every other
 * part least permissive there is a finding, and each is needed (dropped greedily, in document order).
 * When that search would take more than its share of the work left, it says "the unknown parts".
 */
function unknownDetail(policies: readonly Policy[], choices: readonly UnknownValue[], most: Evaluation, options: EvaluationOptions, work: WorkBudget): string {
  const could = `Could allow ${most.actions.join(', ')} (${most.scope}) depending on values known only after apply`;
  const naming = work.share(NAMING_SHARE);
  const permissive = choices.map(() => true);
  try {
    for (let i = 0; i < choices.length; i++) {
      permissive[i] = false;
      if (evaluateRead(policies, (n) => permissive[n]!, options, naming).scope === undefined) permissive[i] = true;
    }
  } catch (error) {
    if (!naming.ranOut(error)) throw error;
    return `${could}: the unknown parts (which of them decide is too complex to work out).`;
  }
  const deciding = [...new Set(choices.filter((_, i) => permissive[i]).map((u) => u.detail))];
  return `${could}: ${deciding.join(', ')}.`;
}
