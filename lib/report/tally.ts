/**
 * The run's outcome as the report records it: which entries fail it, which only warn.
 */
import { SEVERITIES } from '../rules/rule.js';
import type { Finding, Report, Unevaluated } from '../types.js';
import { failingIncompletePlans, findingStatus, type FindingStatus } from './outcome.js';
import { unevaluatedFails } from '../gate/summary.js';

export interface RatedFinding {
  readonly finding: Finding;
  readonly status: FindingStatus;
}

export interface RatedUnevaluated {
  readonly entry: Unevaluated;
  readonly fails: boolean;
}

export interface Tally {
  /** Findings not suppressed, most severe first (report order within a severity). */
  readonly active: readonly RatedFinding[];
  readonly suppressed: readonly RatedFinding[];
  readonly unevaluated: readonly RatedUnevaluated[];
  readonly failingFindings: number;
  readonly failingUnevaluated: number;
  /** Incomplete plans that fail the run (under strict). */
  readonly failingIncomplete: number;
  /** Nothing fails the run: no failing finding, no failing unevaluated policy, no unusable input. */
  readonly passed: boolean;
}

/** Most severe first; stable, so report order is kept within a severity. */
function mostSevereFirst<T extends { readonly finding: Finding }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity));
}

export function tally(report: Report): Tally {
  const judgedWith = report.summary.judgedWith;
  const rated = report.findings.map((finding) => ({ finding, status: findingStatus(finding, judgedWith) }));
  const active = mostSevereFirst(rated.filter((r) => r.status !== 'suppressed'));
  const suppressed = mostSevereFirst(rated.filter((r) => r.status === 'suppressed'));
  const unevaluated = report.unevaluated.map((entry) => ({ entry, fails: unevaluatedFails(entry, judgedWith) }));
  const failingFindings = active.filter((r) => r.status === 'failing').length;
  const failingUnevaluated = unevaluated.filter((u) => u.fails).length;
  const failingIncomplete = failingIncompletePlans(report);
  return {
    active,
    suppressed,
    unevaluated,
    failingFindings,
    failingUnevaluated,
    failingIncomplete,
    passed: failingFindings === 0 && failingUnevaluated === 0 && failingIncomplete === 0 && report.errors.length === 0,
  };
}
