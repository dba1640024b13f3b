/**
 * Counts and the pass/fail decision for a report.
 */
import type { Finding, JudgedWith, Options, Severity, Summary, Unevaluated } from '../types.js';
import { severityFails } from '../rules/rule.js';

/** Whether this finding fails the run under the options (suppressed and baselined ones never do). */
export function findingFails(finding: Finding, options: Pick<Options, 'failOn' | 'onlyNew'>): boolean {
  if (finding.suppressed || finding.baselined) return false;
  if (options.onlyNew && !finding.introduced) return false;
  return severityFails(finding.severity, options.failOn);
}

/** Whether this unevaluated policy fails the run: invalid ones always, unknown ones under strict. */
export function unevaluatedFails(entry: Unevaluated, options: Pick<Options, 'strict'>): boolean {
  return entry.reason === 'invalid' || options.strict;
}

export interface Counted {
  readonly findings: readonly Finding[];
  readonly unevaluated: readonly Unevaluated[];
  readonly skipped: readonly unknown[];
  readonly policies: readonly { readonly outcome: string }[];
  readonly errors: readonly unknown[];
  readonly documents: number;
  /** Plans with `complete: false` (none when not given). */
  readonly incomplete?: number;
}

/** Plans with `complete: false` that fail the run: all of them under strict, none otherwise. */
export function failingIncomplete(incomplete: number, options: Pick<Options, 'strict'>): number {
  return options.strict ? incomplete : 0;
}

export function summarize(counted: Counted, options: JudgedWith): Summary {
  const bySeverity: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const finding of counted.findings) bySeverity[finding.severity] += 1;
  const failing = counted.findings.filter((f) => findingFails(f, options)).length;
  const failingUnevaluated = counted.unevaluated.filter((u) => unevaluatedFails(u, options)).length;
  const incomplete = counted.incomplete ?? 0;
  return {
    documents: counted.documents,
    policies: counted.policies.filter((p) => p.outcome === 'clean' || p.outcome === 'finding').length,
    findings: counted.findings.length,
    unevaluated: counted.unevaluated.length,
    skipped: counted.skipped.length,
    suppressed: counted.findings.filter((f) => f.suppressed).length,
    bySeverity,
    failing,
    incomplete,
    passed: failing === 0 && failingUnevaluated === 0 && counted.errors.length === 0 && failingIncomplete(incomplete, options) === 0,
    judgedWith: { failOn: options.failOn, onlyNew: options.onlyNew, strict: options.strict },
  };
}

/** 0 pass, 1 failing findings or unreadable policies, 2 unusable input. */
export function exitCodeFor(report: { readonly summary: Summary; readonly errors: readonly unknown[] }): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  return report.summary.passed ? 0 : 1;
}
