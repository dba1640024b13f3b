/**
 * The default format: one block per finding, readable in a terminal and in a CI log.
 */
import type { Finding, JudgedWith, Severity, Skipped } from '../types.js';
import { painter, type Paint, type Style } from './ansi.js';
import { summaryLine } from './summary-line.js';
import { passingReason } from './outcome.js';
import { printable } from './printable.js';
import { tally, type RatedFinding, type RatedUnevaluated } from './tally.js';
import type { Formatter } from './types.js';
import { findingDetails, hclFixHeading, policyLabel, whereLabel } from './wording.js';

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { high: 'red', medium: 'yellow', low: 'cyan' };

/**
 * The fix as HCL, indented; once per policy: a policy's findings share their fix (each fix moves
 * every rule's actions), so a later one refers to the first.
 */
function hclLines(finding: Finding, shown: Set<string>): string[] {
  const hcl = finding.fixHcl;
  if (hcl === undefined) return [];
  const key = JSON.stringify([finding.source, finding.position ?? null, finding.address, finding.policyPath, hcl.text]);
  if (shown.has(key)) return [`  ${printable('fix as HCL: as shown above for this policy')}`];
  shown.add(key);
  return [`  ${printable(hclFixHeading(hcl))}:`, ...hcl.text.split('\n').map((line) => (line === '' ? '' : `    ${printable(line)}`))];
}

function findingBlock({ finding, status }: RatedFinding, judgedWith: JudgedWith, paint: Paint, shown: Set<string>): string[] {
  const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.toUpperCase());
  const head = `${severity}  ${paint('bold', printable(policyLabel(finding)))}`;
  const lines = [status === 'passing' ? `${head}  ${paint('dim', `[${passingReason(finding, judgedWith)}]`)}` : head];
  for (const line of findingDetails(finding)) lines.push(`  ${printable(line)}`);
  lines.push(...hclLines(finding, shown));
  return lines;
}

function unevaluatedLine({ entry, fails }: RatedUnevaluated, paint: Paint): string {
  const label = `${policyLabel(entry)} in ${whereLabel(entry)}, ${entry.resourceType}`;
  const reason = paint(fails ? 'red' : 'yellow', entry.reason);
  const marker = fails ? ' (fails the run)' : '';
  return `  ${printable(label)}: ${reason}${marker}: ${printable(entry.detail)}`;
}

function skippedLine(entry: Skipped): string {
  return `  ${printable(`${policyLabel(entry)} in ${whereLabel(entry)}, ${entry.resourceType}: ${entry.reason}`)}`;
}

function section(title: string, body: readonly string[], paint: Paint): string[] {
  return body.length === 0 ? [] : [paint('bold', title), ...body, ''];
}

export const formatText: Formatter = (report, context) => {
  const paint = painter(context.color);
  const result = tally(report);
  const out: string[] = [];
  const shown = new Set<string>();
  for (const rated of result.active) out.push(...findingBlock(rated, report.summary.judgedWith, paint, shown), '');
  out.push(
    ...section(
      `Suppressed findings (${result.suppressed.length})`,
      result.suppressed.flatMap((rated) => [...findingBlock(rated, report.summary.judgedWith, paint, shown), '']).slice(0, -1),
      paint,
    ),
  );
  out.push(
    ...section(
      `Not evaluated (${result.unevaluated.length})`,
      result.unevaluated.map((u) => unevaluatedLine(u, paint)),
      paint,
    ),
  );
  out.push(...section(`Skipped (${report.skipped.length})`, report.skipped.map(skippedLine), paint));
  out.push(summaryLine(report, result, paint));
  return `${out.join('\n')}\n`;
};
