/**
 * GitLab Code Quality report: a JSON array of issues, one per finding and per policy not
 * evaluated, shown in merge request widgets.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../types.js';
import { jsonText } from './json-text.js';
import { findingStatus } from './outcome.js';
import type { Formatter } from './types.js';
import { allowsPhrase, policyLabel, whyPhrases, suppressionPhrase, whereLabel } from './wording.js';
import { unevaluatedFails } from '../gate/summary.js';

type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Readonly<Record<Severity, GitlabSeverity>> = { high: 'critical', medium: 'major', low: 'minor' };

interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: GitlabSeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** Unique within a report (the same finding may hold in two plans) and stable across runs. */
function fingerprint(parts: readonly (string | number | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export const formatGitlab: Formatter = (report) => {
  const issues: CodeQualityIssue[] = [
    ...report.findings.map((finding) => {
      const why = whyPhrases(finding).join('; ');
      const suppressed = finding.suppressed ? ` (${suppressionPhrase(finding.suppressed)})` : '';
      return {
        description: `${policyLabel(finding)} ${allowsPhrase(finding)}. Why: ${why}.${suppressed}`,
        check_name: finding.ruleId,
        fingerprint: fingerprint([finding.fingerprint, finding.source, finding.position]),
        severity: findingStatus(finding, report.summary.judgedWith) === 'suppressed' ? 'info' : SEVERITY[finding.severity],
        location:
          finding.location !== undefined
            ? { path: finding.location.file, lines: { begin: finding.location.startLine } }
            : { path: finding.source, lines: { begin: 1 } },
      };
    }),
    ...report.unevaluated.map((entry) => ({
      description: `${policyLabel(entry)} in ${whereLabel(entry)} was not evaluated (${entry.reason}): ${entry.detail}`,
      check_name: `unevaluated-${entry.reason}`,
      fingerprint: fingerprint(['unevaluated', entry.reason, entry.address, entry.policyPath, entry.source, entry.position]),
      severity: unevaluatedFails(entry, report.summary.judgedWith) ? ('major' as const) : ('info' as const),
      location: { path: entry.source, lines: { begin: 1 } },
    })),
  ];
  return `${jsonText(issues)}\n`;
};
