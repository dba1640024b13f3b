/**
 * What each entry of a report means for the run, under the options the report was judged with
 * (`report.summary.judgedWith`, recorded by the check that made it).
 */
import { severityFails } from '../rules/rule.js';
import { failingIncomplete, findingFails } from '../gate/summary.js';
import type { Finding, JudgedWith, Report } from '../types.js';

export type FindingStatus = 'failing' | 'passing' | 'suppressed';

/** `failing`: fails the run; `passing`: reported, below the threshold (or pre-existing with onlyNew). */
export function findingStatus(finding: Finding, judgedWith: JudgedWith): FindingStatus {
  if (finding.suppressed) return 'suppressed';
  return findingFails(finding, judgedWith) ? 'failing' : 'passing';
}

/** Plans with `complete: false` that fail the run: all of them under strict, none otherwise. */
export function failingIncompletePlans(report: Pick<Report, 'summary'>): number {
  return failingIncomplete(report.summary.incomplete, report.summary.judgedWith);
}

/** "2 incomplete plans ("complete": false) under --strict". */
export function incompletePhrase(count: number): string {
  return `${count} incomplete plan${count === 1 ? '' : 's'} ("complete": false) under --strict`;
}

/**
 * Why a finding that is not suppressed does not fail the run, as a phrase free of the word
 * "fail" (the atlantis format must not print it when nothing fails).
 */
export function passingCause(finding: Finding, judgedWith: JudgedWith): string {
  if (finding.baselined) return 'in the baseline';
  return severityFails(finding.severity, judgedWith.failOn)
    ? 'pre-existing, and only new findings count'
    : `below the severity threshold (${judgedWith.failOn})`;
}

/** "does not fail the run: below the severity threshold (medium)". */
export function passingReason(finding: Finding, judgedWith: JudgedWith): string {
  return `does not fail the run: ${passingCause(finding, judgedWith)}`;
}
