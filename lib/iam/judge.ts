/**
 * The verdict on one policy. Without unknown parts it is the evaluation of its statements. With
 * them, the policy is evaluated at its most and least permissive readings: clean when even the
 * most permissive is clean; a finding when even the least permissive has one (with `mayWidenTo`
 * when the most permissive reaches wider); otherwise unknown, naming the unknown parts that decide.
 */
import { TooComplexError } from './automaton.js';
import { evaluate, RANK, type Evaluation } from './evaluate.js';
import { instantiate } from './instantiate.js';
import type { EvaluationOptions, Policy, Scope, UnknownValue, Verdict } from './types.js';

function toVerdict(evaluation: Evaluation, mayWidenTo?: Scope): Verdict {
  if (evaluation.scope === undefined) return { kind: 'clean' };
  const { scope, actions, statements, conditionKeys } = evaluation;
  const finding = { kind: 'finding' as const, scope, actions, statements, conditionKeys };
  return mayWidenTo ? { ...finding, mayWidenTo } : finding;
}

/**
 * Judges a policy. A pattern set too complex to decide exactly within the automaton's budget
 * gives an `unknown` verdict that says so (never a silent clean).
 */
export function judgePolicy(policy: Policy, options: EvaluationOptions): Verdict {
  try {
    return judge(policy, options);
  } catch (error) {
    if (!(error instanceof TooComplexError)) throw error;
    return { kind: 'unknown', detail: `Too complex to judge exactly (${error.message}); simplify its Resource and NotResource patterns.` };
  }
}

function judge(policy: Policy, options: EvaluationOptions): Verdict {
  const choices: UnknownValue[] = [];
  const most = evaluate(
    instantiate(policy, (_, unknown) => {
      choices.push(unknown);
      return true;
    }),
    options,
  );
  if (choices.length === 0 || most.scope === undefined) return toVerdict(most);
  const least = evaluate(instantiate(policy, () => false), options);
  if (least.scope !== undefined) return toVerdict(least, RANK[most.scope] < RANK[least.scope] ? most.scope : undefined);
  return { kind: 'unknown', detail: unknownDetail(policy, choices, most, options) };
}

/**
 * Names a set of unknown parts that decide the verdict: with them most permissive and every other
 * part least permissive there is a finding, and each is needed (dropped greedily, in document order).
 */
function unknownDetail(policy: Policy, choices: readonly UnknownValue[], most: Evaluation, options: EvaluationOptions): string {
  const permissive = choices.map(() => true);
  for (let i = 0; i < choices.length; i++) {
    permissive[i] = false;
    if (evaluate(instantiate(policy, (n) => permissive[n]!), options).scope === undefined) permissive[i] = true;
  }
  const deciding = [...new Set(choices.filter((_, i) => permissive[i]).map((u) => u.detail))];
  return `Could allow ${most.actions.join(', ')} (${most.scope}) depending on values known only after apply: ${deciding.join(', ')}.`;
}
