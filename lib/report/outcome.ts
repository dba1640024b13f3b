/**
 * What each entry of a report means for the run, under the options the CLI used.
 */
import { severityFails } from '../rules/rule.js';
import { findingFails, unevaluatedFails } from '../rules/summary.js';
import type { FailOn, Finding, Options, Report, Unevaluated } from '../types.js';
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

/** Plans with `complete: false` that fail the run: all of them under strict, none otherwise. */
export function failingIncompletePlans(report: Pick<Report, 'summary'>, context: FormatContext): number {
  return context.strict === true ? (report.summary.incomplete ?? 0) : 0;
}

/** "2 incomplete plans ("complete": false) under --strict". */
export function incompletePhrase(count: number): string {
  return `${count} incomplete plan${count === 1 ? '' : 's'} ("complete": false) under --strict`;
}

/**
 * Why a finding that is not suppressed does not fail the run, as a phrase free of the word
 * "fail" (the atlantis format must not print it when nothing fails).
 */
export function passingCause(finding: Finding, context: FormatContext): string {
  if (finding.baselined) return 'in the baseline';
  const failOn = failOnOf(context);
  return severityFails(finding.severity, failOn)
    ? 'pre-existing, and only new findings count'
    : `below the severity threshold (${failOn})`;
}

/** "does not fail the run: below the severity threshold (medium)". */
export function passingReason(finding: Finding, context: FormatContext): string {
  return `does not fail the run: ${passingCause(finding, context)}`;
}
