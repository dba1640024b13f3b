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
import { evaluate, RANK, type Evaluation } from './evaluate.js';
import { instantiateAll, type Chooser } from './instantiate.js';
import type { EvaluationOptions, Policy, Scope, UnknownValue, Verdict } from './types.js';
import { variableReadings } from './variable-readings.js';

/** Naming the unknown parts that decide may use this share of the work left; past it, they go unnamed. */
const NAMING_SHARE = 0.25;

function toVerdict(evaluation: Evaluation, mayWidenTo?: Scope): Verdict {
  if (evaluation.scope === undefined) return { kind: 'clean' };
  const { scope, actions, statements, conditionKeys } = evaluation;
  const finding = { kind: 'finding' as const, scope, actions, statements, conditionKeys };
  return mayWidenTo ? { ...finding, mayWidenTo } : finding;
}

/**
 * The widest verdict over the readings of the policy's variables (variable-readings.ts): a finding
 * of the widest scope (the first reading on a tie, named in `reading`), else unknown when some
 * reading is, else clean.
 */
function widestReading(policies: readonly Policy[], options: EvaluationOptions, work: WorkBudget): Verdict {
  let best: Verdict = { kind: 'clean' };
  for (const reading of variableReadings(policies)) {
    const verdict = judge(reading.policies, options, work);
    if (verdict.kind === 'finding') {
      if (best.kind !== 'finding' || RANK[verdict.scope] < RANK[best.scope]) best = reading.label === undefined ? verdict : { ...verdict, reading: reading.label };
    } else if (verdict.kind === 'unknown' && best.kind === 'clean') best = verdict;
  }
  return best;
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
    return widestReading(bound === undefined ? [policy] : [policy, bound], options, work);
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
  if (least.scope !== undefined) return toVerdict(least, RANK[most.scope] < RANK[least.scope] ? most.scope : undefined);
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
