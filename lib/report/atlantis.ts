/**
 * conftest-style text for Atlantis custom policy checks: one line per finding that fails
 * (`FAIL - `), warns (`WARN - `) or is suppressed (`EXCP - `, conftest's exception), then
 * the count line. Older Atlantis treats any "fail" in the output as a failed check, so when
 * nothing fails the output holds no "fail" in any case: the count line leaves out its
 * failures field, and "fail" inside text from the plan is broken with a zero-width space.
 */
import type { Finding, JudgedWith, Report } from '../types.js';
import { failingIncompletePlans, findingStatus, incompletePhrase, passingCause } from './outcome.js';
import { policyCases } from './policy-cases.js';
import { printable } from './printable.js';
import type { Formatter } from './types.js';
import { allowsPhrase, policyLabel, statementsPhrase, suppressionPhrase, whereLabel } from './wording.js';
import { unevaluatedFails } from '../gate/summary.js';

type Mark = 'FAIL' | 'WARN' | 'EXCP';

const NAMESPACE = 'kmsguard';
const ZERO_WIDTH_SPACE = '\u200b';

/** Untrusted text, printable, with every "fail" (any case) broken so no parser reads it. */
export function defuse(s: string): string {
  return printable(s).replace(/f(?=ail)/gi, `$&${ZERO_WIDTH_SPACE}`);
}

function line(mark: Mark, source: string, message: string): string {
  return `${mark} - ${defuse(source)} - ${NAMESPACE} - ${defuse(message)}`;
}

function findingMessage(finding: Finding, judgedWith: JudgedWith): string {
  const statements = statementsPhrase(finding);
  const facts = [finding.severity, finding.scope, finding.ruleId, statements];
  if (!finding.introduced) facts.push('pre-existing');
  const status = findingStatus(finding, judgedWith);
  let note = '';
  if (status === 'suppressed') note = `; ${suppressionPhrase(finding.suppressed!)}`;
  else if (status === 'passing') note = `; ${passingCause(finding, judgedWith)}`;
  return `${policyLabel(finding)} ${allowsPhrase(finding)} [${facts.join('; ')}]${note}`;
}

export const formatAtlantis: Formatter = (report: Report) => {
  const lines: string[] = [];
  let tests = 0;
  let warnings = 0;
  let failures = 0;
  let exceptions = 0;
  const add = (mark: Mark, source: string, message: string): void => {
    lines.push(line(mark, source, message));
    if (mark === 'FAIL') failures += 1;
    else if (mark === 'WARN') warnings += 1;
    else exceptions += 1;
  };
  for (const entry of policyCases(report)) {
    if (entry.kind === 'skipped') continue;
    tests += 1;
    switch (entry.kind) {
      case 'clean':
        break;
      case 'finding': {
        const status = findingStatus(entry.finding, report.summary.judgedWith);
        add(
          status === 'failing' ? 'FAIL' : status === 'passing' ? 'WARN' : 'EXCP',
          entry.finding.source,
          findingMessage(entry.finding, report.summary.judgedWith),
        );
        break;
      }
      case 'unevaluated': {
        const u = entry.entry;
        add(unevaluatedFails(u, report.summary.judgedWith) ? 'FAIL' : 'WARN', u.source, `${policyLabel(u)} was not evaluated (${u.reason}): ${u.detail}`);
        break;
      }
      case 'missing':
        add('FAIL', entry.policy.source, `${policyLabel(entry.policy)}: the report lists it as "${entry.policy.outcome}" but holds no entry for it`);
        break;
    }
  }
  for (const error of report.errors) {
    tests += 1;
    add('FAIL', whereLabel(error), `the input could not be read: ${error.message}`);
  }
  for (const warning of report.warnings) {
    tests += 1;
    add('WARN', whereLabel(warning), warning.message);
  }
  const incomplete = failingIncompletePlans(report);
  if (incomplete > 0) {
    tests += 1;
    add('FAIL', NAMESPACE, incompletePhrase(incomplete));
  }
  // Findings first, most severe kind of line first, each group in report order.
  const order: Readonly<Record<Mark, number>> = { FAIL: 0, WARN: 1, EXCP: 2 };
  lines.sort((a, b) => order[a.slice(0, 4) as Mark] - order[b.slice(0, 4) as Mark]);
  const passed = tests - warnings - failures - exceptions;
  const counts = [`${tests} tests`, `${passed} passed`, `${warnings} warnings`];
  if (failures > 0) counts.push(`${failures} failures`);
  counts.push(`${exceptions} exceptions`);
  lines.push(counts.join(', '));
  return `${lines.join('\n')}\n`;
};
