/**
 * Baselines: the fingerprints of the findings a team accepted on a given day. With a baseline,
 * only findings not in it fail the run; the rest are still reported, marked `baselined`.
 */
import { jsonText } from '../report/json-text.js';
import type { Finding, InputWarning } from '../types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly fingerprint: string;
  /** For readers of the file; only the fingerprint is compared. */
  readonly ruleId?: string;
  readonly address?: string;
  readonly policyPath?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const keys = ['address', 'policyPath', 'ruleId', 'fingerprint'] as const;
  for (const key of keys) {
    // Stryker disable next-line StringLiteral: baselineOf builds every entry from a finding, which has all these keys
    const left = a[key] ?? '';
    // Stryker disable next-line StringLiteral: baselineOf builds every entry from a finding, which has all these keys
    const right = b[key] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** The baseline of these findings: one entry per fingerprint, sorted by address. */
export function baselineOf(findings: readonly Finding[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (byFingerprint.has(finding.fingerprint)) continue;
    byFingerprint.set(finding.fingerprint, {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      address: finding.address,
      policyPath: finding.policyPath,
    });
  }
  return { version: BASELINE_VERSION, findings: [...byFingerprint.values()].sort(compareEntries) };
}

/** The baseline file's text: stable key order, two-space indent, final newline. */
export function formatBaseline(baseline: Baseline): string {
  return `${jsonText(baseline)}\n`;
}

function describeEntry(entry: BaselineEntry): string {
  if (entry.address === undefined) return `fingerprint ${entry.fingerprint}`;
  const details = [entry.policyPath, entry.ruleId].filter((detail) => detail !== undefined);
  return details.length === 0 ? entry.address : `${entry.address} (${details.join(', ')})`;
}

export interface BaselineOutcome {
  /** The findings in the same order, those in the baseline carrying `baselined: true`. */
  readonly findings: Finding[];
  /** One per baseline entry that no longer occurs. */
  readonly warnings: InputWarning[];
}

/** Marks findings found in the baseline and lists baseline entries that no longer occur. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, source: string): BaselineOutcome {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const seen = new Set<string>();
  const marked = findings.map((finding) => {
    if (!known.has(finding.fingerprint)) return finding;
    seen.add(finding.fingerprint);
    return { ...finding, baselined: true as const };
  });
  const reported = new Set<string>();
  const warnings: InputWarning[] = [];
  for (const entry of baseline.findings) {
    if (seen.has(entry.fingerprint) || reported.has(entry.fingerprint)) continue;
    reported.add(entry.fingerprint);
    warnings.push({ source, message: `Baseline entry ${describeEntry(entry)} no longer occurs; regenerate the baseline to drop it.` });
  }
  return { findings: marked, warnings };
}
