/**
 * GitHub Actions workflow commands: one annotation per finding and per policy not evaluated.
 * (The markdown summary for $GITHUB_STEP_SUMMARY is the markdown format; the CLI appends it.)
 */
import type { Finding, JudgedWith, Report, Unevaluated } from '../types.js';
import { findingStatus } from './outcome.js';
import { printable } from './printable.js';
import { summaryLine } from './summary-line.js';
import { tally } from './tally.js';
import type { Formatter } from './types.js';
import { allowsPhrase, capitalised, introducedPhrase, policyLabel, whyPhrases, suppressionPhrase, whereLabel } from './wording.js';
import { unevaluatedFails } from '../gate/summary.js';

type Level = 'error' | 'warning' | 'notice';

/** Message data: `%`, CR and LF are what the runner reads specially. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also `:` and `,`, which end a value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Standard input has no file to annotate. */
const NO_FILE = 'stdin';

function command(level: Level, properties: Readonly<Record<string, string>>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(printable(value))}`)
    .join(',');
  return `::${level}${props === '' ? '' : ` ${props}`}::${escapeData(printable(message))}`;
}

function fileProperties(entry: { readonly source: string }): Record<string, string> {
  return entry.source === NO_FILE ? {} : { file: entry.source, line: '1' };
}

/** A located finding annotates its Terraform source lines, so the annotation lands on the diff. */
function findingFileProperties(finding: Finding): Record<string, string> {
  const place = finding.location;
  if (place === undefined) return fileProperties(finding);
  return { file: place.file, line: String(place.startLine), endLine: String(place.endLine) };
}

function findingCommand(finding: Finding, judgedWith: JudgedWith): string {
  const status = findingStatus(finding, judgedWith);
  const level: Level = status === 'failing' ? 'error' : status === 'passing' ? 'warning' : 'notice';
  const why = whyPhrases(finding).join('; ');
  const conditions = finding.conditionKeys.length > 0 ? ` Condition keys ${finding.conditionKeys.join(', ')} ignored.` : '';
  const suppressed = finding.suppressed ? ` ${capitalised(suppressionPhrase(finding.suppressed))}.` : '';
  const message = `${policyLabel(finding)} ${allowsPhrase(finding)}. Why: ${why}.${conditions} ${capitalised(introducedPhrase(finding))}.${suppressed}`;
  return command(level, { ...findingFileProperties(finding), title: `kmsguard ${finding.severity} (${finding.scope}): ${finding.ruleId}` }, message);
}

function unevaluatedCommand(entry: Unevaluated, judgedWith: JudgedWith): string {
  const level: Level = unevaluatedFails(entry, judgedWith) ? 'error' : 'warning';
  const message = `${policyLabel(entry)} in ${whereLabel(entry)} was not evaluated (${entry.reason}): ${entry.detail}`;
  return command(level, { ...fileProperties(entry), title: `kmsguard: policy not evaluated (${entry.reason})` }, message);
}

export const formatGithub: Formatter = (report: Report) => {
  const result = tally(report);
  const lines = [
    ...[...result.active, ...result.suppressed].map(({ finding }) => findingCommand(finding, report.summary.judgedWith)),
    ...report.unevaluated.map((entry) => unevaluatedCommand(entry, report.summary.judgedWith)),
    summaryLine(report, result),
  ];
  return `${lines.join('\n')}\n`;
};
