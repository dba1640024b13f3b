/**
 * The one-line summary that ends the text and github formats.
 */
import { SEVERITIES } from '../rules/rule.js';
import type { Report } from '../types.js';
import { painter, type Paint } from './ansi.js';
import { counted } from './counts.js';
import type { Tally } from './tally.js';

export function summaryLine(report: Report, result: Tally, paint: Paint = painter(false)): string {
  const { summary } = report;
  const parts = [counted(summary.documents, 'document'), `${counted(summary.policies, 'policy', 'policies')} judged`];
  if (report.findings.length === 0) parts.push('no findings');
  else {
    const bySeverity = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
      .map((s) => `${summary.bySeverity[s]} ${s}`)
      .join(', ');
    parts.push(`${counted(report.findings.length, 'finding')} (${bySeverity})`);
  }
  if (result.suppressed.length > 0) parts.push(`${result.suppressed.length} suppressed`);
  if (report.unevaluated.length > 0) parts.push(`${report.unevaluated.length} not evaluated`);
  if (report.skipped.length > 0) parts.push(`${report.skipped.length} skipped`);
  let verdict: string;
  if (result.passed) verdict = paint('green', 'passed');
  else {
    const reasons: string[] = [];
    if (result.failingFindings > 0) reasons.push(`${counted(result.failingFindings, 'failing finding')}`);
    if (result.failingUnevaluated > 0) reasons.push(`${counted(result.failingUnevaluated, 'policy', 'policies')} not evaluated`);
    if (result.failingIncomplete > 0) reasons.push(`${counted(result.failingIncomplete, 'incomplete plan')} under --strict`);
    if (report.errors.length > 0) reasons.push(`${counted(report.errors.length, 'unusable input')}`);
    verdict = `${paint('red', 'FAILED')} (${reasons.join(', ')})`;
  }
  return `kmsguard: ${parts.join(', ')}: ${verdict}`;
}
