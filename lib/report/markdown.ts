/**
 * Markdown for pull request comments and $GITHUB_STEP_SUMMARY: a summary table, then each
 * finding with its explanation and fix. Always shorter than the limit (65,000 by default):
 * what does not fit is counted, never cut mid-entry.
 */
import type { Operation } from 'fast-json-patch';
import type { JudgedWith, PrincipalGrant, Report, StatementRef } from '../types.js';
import { counted } from './counts.js';
import { jsonText } from './json-text.js';
import { passingReason } from './outcome.js';
import { code, codeBlock, prose } from './markdown-text.js';
import { tally, type RatedFinding, type RatedUnevaluated } from './tally.js';
import type { Formatter } from './types.js';
import {
  capitalised,
  compliancePhrase,
  grantLabel,
  hclFixHeading,
  matchLabel,
  principalPhrase,
  principalReachOf,
  reachOf,
  readingPhrase,
  remediation,
  sourceLabel,
  statementLabel,
  suppressionPhrase,
  whereLabel,
} from './wording.js';

export const MARKDOWN_MAX_LENGTH = 65_000;
/** A patch longer than this is named, not shown: one finding must not crowd out the others. */
const PATCH_LIMIT = 4_000;

type Kind = 'finding' | 'suppressed finding' | 'policy not evaluated' | 'policy skipped';
const PLURAL: Readonly<Record<Kind, string>> = {
  finding: 'findings',
  'suppressed finding': 'suppressed findings',
  'policy not evaluated': 'policies not evaluated',
  'policy skipped': 'policies skipped',
};

interface Entry {
  readonly kind: Kind;
  readonly heading: string;
  readonly text: string;
}

function patchBlock(title: string, ops: readonly Operation[]): string {
  const json = jsonText(ops);
  const body =
    json.length > PATCH_LIMIT
      ? `The patch has ${counted(ops.length, 'operation')} (${json.length} characters), too long to show here; the json report holds it.`
      : codeBlock(json, 'json');
  return `<details><summary>${title}</summary>\n\n${body}\n\n</details>`;
}

function findingText({ finding, status }: RatedFinding, judgedWith: JudgedWith): string {
  const severity = finding.severity[0]!.toUpperCase() + finding.severity.slice(1);
  const parts = [
    `#### ${severity}: ${code(finding.address)} (${code(finding.policyPath)})`,
    '',
    finding.principal === undefined
      ? `Allows ${finding.actions.map(code).join(', ')} on ${reachOf(finding.scope)}.`
      : `Can use ${finding.actions.map(code).join(', ')} on ${principalReachOf(finding.scope)}.`,
    '',
  ];
  const why = (s: StatementRef, grant?: PrincipalGrant) => {
    const matched = s.matched.map((m) => code(matchLabel(m))).join(', ');
    return `Why: ${grant === undefined ? '' : `${code(grantLabel(grant))}, `}${code(statementLabel(s))}${matched === '' ? '' : `: ${matched}`}`;
  };
  const principal = principalPhrase(finding);
  const bullets = [
    `Scope ${code(finding.scope)}, rule ${code(finding.ruleId)}${compliancePhrase(finding) ? ` (${compliancePhrase(finding)})` : ''}, ${code(finding.resourceType)} in ${code(finding.source)}${finding.position === undefined ? '' : ` (document ${finding.position})`}${finding.location === undefined ? '' : `, written at ${code(sourceLabel(finding.location))}`}`,
    ...(principal !== undefined ? [prose(capitalised(principal))] : []),
    ...finding.statements.map((s) => why(s)),
    ...(finding.principal?.grants ?? []).flatMap((grant) => grant.statements.map((s) => why(s, grant))),
    ...(finding.reading === undefined ? [] : [`Why: ${code(readingPhrase(finding.reading))}`]),
  ];
  if (finding.conditionKeys.length > 0) {
    bullets.push(`Condition keys ${finding.conditionKeys.map(code).join(', ')} are ignored: conditions do not narrow the finding`);
  }
  if (finding.mayWidenTo !== undefined) bullets.push(`Values not known until apply could widen it to ${code(finding.mayWidenTo)}`);
  bullets.push(finding.introduced ? '**Introduced by this plan**' : 'Pre-existing: already allowed before this plan');
  if (status === 'passing') bullets.push(prose(capitalised(passingReason(finding, judgedWith))));
  if (finding.suppressed) bullets.push(prose(capitalised(suppressionPhrase(finding.suppressed))));
  if (finding.baselined) bullets.push('In the baseline: reported, accepted');
  parts.push(...bullets.map((b) => `- ${b}`), '', `**Fix.** ${prose(remediation(finding.ruleId))}`);
  if (finding.fix && finding.fix.length > 0) {
    parts.push('', patchBlock('JSON Patch (placeholder key ARNs to replace)', finding.fix));
  }
  if (finding.fixHcl) {
    const { text } = finding.fixHcl;
    const body = text.length > PATCH_LIMIT ? `The HCL has ${text.length} characters, too long to show here; the json report holds it.` : codeBlock(text, 'hcl');
    parts.push('', `<details><summary>${prose(capitalised(hclFixHeading(finding.fixHcl)))}</summary>\n\n${body}\n\n</details>`);
  }
  if (finding.policyChange && finding.policyChange.length > 0) {
    parts.push('', patchBlock('What this plan changes in the policy (JSON Patch)', finding.policyChange));
  }
  return `\n${parts.join('\n')}\n`;
}

function unevaluatedText({ entry, fails }: RatedUnevaluated): string {
  const marker = fails ? ' **(fails the run)**' : '';
  return `- ${code(entry.address)} (${code(entry.policyPath)}) in ${code(entry.source)}: ${code(entry.reason)}${marker}: ${prose(entry.detail)}\n`;
}

function summaryTable(report: Report): string {
  const s = report.summary;
  const cells = [
    s.documents,
    s.policies,
    s.bySeverity.high,
    s.bySeverity.medium,
    s.bySeverity.low,
    s.suppressed,
    report.unevaluated.length,
    report.skipped.length,
  ];
  return [
    '| Documents | Policies judged | High | Medium | Low | Suppressed | Not evaluated | Skipped |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${cells.join(' | ')} |`,
  ].join('\n');
}

function header(report: Report): string {
  const result = tally(report);
  const reasons: string[] = [];
  if (result.failingFindings > 0) reasons.push(`${counted(result.failingFindings, 'finding')} at or above ${report.summary.judgedWith.failOn}`);
  if (result.failingUnevaluated > 0) reasons.push(`${counted(result.failingUnevaluated, 'policy', 'policies')} that could not be evaluated`);
  if (result.failingIncomplete > 0) reasons.push(`${counted(result.failingIncomplete, 'incomplete plan')} (\`complete: false\`) under --strict`);
  if (report.errors.length > 0) reasons.push(`${counted(report.errors.length, 'input')} that could not be read`);
  const status = result.passed
    ? report.findings.length === 0 && report.unevaluated.length === 0
      ? 'Passed: no findings.'
      : 'Passed: nothing here fails the run.'
    : `**Failed**: ${reasons.join(', ')}.`;
  const lines = ['## kmsguard', '', status, '', summaryTable(report)];
  if (report.errors.length + report.warnings.length > 0) lines.push('');
  for (const error of report.errors) lines.push(`- Input ${code(whereLabel(error))} could not be read: ${prose(error.message)}`);
  for (const warning of report.warnings) lines.push(`- Warning for ${code(whereLabel(warning))}: ${prose(warning.message)}`);
  return `${lines.join('\n')}\n`;
}

function entries(report: Report): Entry[] {
  const result = tally(report);
  return [
    ...result.active.map((rated) => ({ kind: 'finding' as const, heading: '\n### Findings\n', text: findingText(rated, report.summary.judgedWith) })),
    ...result.unevaluated.map((rated) => ({ kind: 'policy not evaluated' as const, heading: '\n### Not evaluated\n\n', text: unevaluatedText(rated) })),
    ...result.suppressed.map((rated) => ({
      kind: 'suppressed finding' as const,
      heading: '\n### Suppressed findings\n',
      text: findingText(rated, report.summary.judgedWith),
    })),
    ...report.skipped.map((entry) => ({
      kind: 'policy skipped' as const,
      heading: '\n### Skipped\n\n',
      text: `- ${code(entry.address)} (${code(entry.policyPath)}) in ${code(entry.source)}: ${prose(entry.reason)}\n`,
    })),
  ];
}

function omittedNote(omitted: ReadonlyMap<Kind, number>, limit: number): string {
  const list = [...omitted].map(([kind, n]) => (n === 1 ? `1 ${kind}` : `${n} ${PLURAL[kind]}`)).join(', ');
  return `\n_Not shown: ${list}. This summary stops short of ${limit} characters; the json and sarif reports list everything._\n`;
}

/** Room kept for the note that counts what was left out (its longest form, with every kind). */
const NOTE_ROOM = 400;

export const formatMarkdown: Formatter = (report, context) => {
  const limit = context.markdownMaxLength ?? MARKDOWN_MAX_LENGTH;
  const head = header(report);
  const list = entries(report);
  const render = (shown: readonly Entry[]): string => {
    let out = head;
    let lastHeading = '';
    for (const entry of shown) {
      if (entry.heading !== lastHeading) out += entry.heading;
      lastHeading = entry.heading;
      out += entry.text;
    }
    return out;
  };
  const full = render(list);
  if (full.length < limit) return full;

  const shown: Entry[] = [];
  let length = head.length;
  let lastHeading = '';
  for (const entry of list) {
    const cost = (entry.heading !== lastHeading ? entry.heading.length : 0) + entry.text.length;
    if (length + cost + NOTE_ROOM >= limit) break;
    shown.push(entry);
    length += cost;
    lastHeading = entry.heading;
  }
  const omitted = new Map<Kind, number>();
  for (const entry of list.slice(shown.length)) omitted.set(entry.kind, (omitted.get(entry.kind) ?? 0) + 1);
  const out = render(shown) + omittedNote(omitted, limit);
  // The header alone (counts and input messages) could outgrow a tiny limit: cut it, honestly.
  return out.length < limit ? out : `${out.slice(0, Math.max(0, limit - 60))}\n\n_Cut at ${limit} characters._\n`;
};
