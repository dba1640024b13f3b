/**
 * What each entry of a report means for the run, under the options the CLI used.
 */
import { severityFails } from '../rules/rule.js';
import { findingFails, unevaluatedFails } from '../rules/summary.js';
import type { FailOn, Finding, Options, Unevaluated } from '../types.js';
import type { FormatContext } from './types.js';

export type FindingStatus = 'failing' | 'passing' | 'suppressed';

function runOptions(context: FormatContext): Pick<Options, 'failOn' | 'onlyNew' | 'strict'> {
  return { failOn: failOnOf(context), onlyNew: context.onlyNew ?? false, strict: context.strict ?? false };
}

export function failOnOf(context: FormatContext): FailOn {
  return context.failOn ?? 'medium';
}

/** `failing`: fails the run; `passing`: reported, below the threshold (or pre-existing with onlyNew). */
export function findingStatus(finding: Finding, context: FormatContext): FindingStatus {
  if (finding.suppressed) return 'suppressed';
  return findingFails(finding, runOptions(context)) ? 'failing' : 'passing';
}

export function unevaluatedFailsRun(entry: Unevaluated, context: FormatContext): boolean {
  return unevaluatedFails(entry, runOptions(context));
}

/** Why a finding that is not suppressed does not fail the run. */
export function passingReason(finding: Finding, context: FormatContext): string {
  const failOn = failOnOf(context);
  return severityFails(finding.severity, failOn)
    ? 'does not fail the run: pre-existing, and only new findings fail'
    : `does not fail the run: below the fail threshold (${failOn})`;
}
