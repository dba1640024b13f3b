/**
 * JUnit XML for Jenkins, GitLab and other test report readers: one testcase per policy met (and
 * per further finding of it, one per rule), one testsuite per input document.
 */
import type { JudgedWith, PolicyOutcome, Report } from '../types.js';
import { failingIncompletePlans, findingStatus, incompletePhrase, passingReason } from './outcome.js';
import { policyCases, type PolicyCase } from './policy-cases.js';
import type { Formatter } from './types.js';
import { allowsPhrase, findingDetails, policyLabel, suppressionPhrase, whereLabel } from './wording.js';
import { escapeXmlLines, tag } from './xml.js';
import { unevaluatedFails } from '../gate/summary.js';

type Verdict = 'passed' | 'failure' | 'error' | 'skipped';

interface Testcase {
  readonly name: string;
  readonly classname: string;
  readonly verdict: Verdict;
  /** The Terraform file the policy is written in, when the finding was located. */
  readonly file?: string;
  /** The child element, without indentation; absent for a plain pass. */
  readonly body?: string;
}

function element(name: 'failure' | 'error' | 'skipped', attributes: Record<string, string>, lines?: readonly string[]): string {
  if (lines === undefined) return tag(name, attributes, true);
  return `${tag(name, attributes)}${escapeXmlLines(lines)}</${name}>`;
}

function systemOut(lines: readonly string[]): string {
  return `<system-out>${escapeXmlLines(lines)}</system-out>`;
}

function judge(entry: PolicyCase, judgedWith: JudgedWith): { verdict: Verdict; body?: string } {
  switch (entry.kind) {
    case 'clean':
      return { verdict: 'passed' };
    case 'finding': {
      const { finding } = entry;
      const details = findingDetails(finding);
      const status = findingStatus(finding, judgedWith);
      if (status === 'suppressed') {
        return { verdict: 'skipped', body: element('skipped', { message: suppressionPhrase(finding.suppressed!) }, details) };
      }
      if (status === 'passing') return { verdict: 'passed', body: systemOut([passingReason(finding, judgedWith), ...details]) };
      return {
        verdict: 'failure',
        body: element('failure', { type: finding.ruleId, message: `${finding.severity} (${finding.scope}): ${allowsPhrase(finding)}` }, details),
      };
    }
    case 'unevaluated': {
      const { entry: unevaluated } = entry;
      const message = `not evaluated (${unevaluated.reason}): ${unevaluated.detail}`;
      return unevaluatedFails(unevaluated, judgedWith)
        ? { verdict: 'error', body: element('error', { type: `unevaluated-${unevaluated.reason}`, message }) }
        : { verdict: 'skipped', body: element('skipped', { message }) };
    }
    case 'skipped':
      return { verdict: 'skipped', body: element('skipped', { message: `not judged: ${entry.entry.reason}` }) };
    case 'missing':
      return {
        verdict: 'error',
        body: element('error', {
          type: 'inconsistent-report',
          message: `the report lists this policy as "${entry.policy.outcome}" but holds no such entry for it`,
        }),
      };
  }
}

function suiteName(policy: Pick<PolicyOutcome, 'source' | 'position'>): string {
  return whereLabel(policy);
}

function counts(cases: readonly Testcase[]): Record<string, number> {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.verdict === 'failure').length,
    errors: cases.filter((c) => c.verdict === 'error').length,
    skipped: cases.filter((c) => c.verdict === 'skipped').length,
  };
}

function testcaseXml(testcase: Testcase): string[] {
  const attributes = { name: testcase.name, classname: testcase.classname, ...(testcase.file !== undefined ? { file: testcase.file } : {}) };
  if (testcase.body === undefined) return [`    ${tag('testcase', attributes, true)}`];
  return [`    ${tag('testcase', attributes)}`, `      ${testcase.body}`, '    </testcase>'];
}

export const formatJunit: Formatter = (report: Report) => {
  const suites = new Map<string, Testcase[]>();
  const seen = new Map<string, number>();
  for (const entry of policyCases(report)) {
    const suite = suiteName(entry.policy);
    const list = suites.get(suite) ?? [];
    suites.set(suite, list);
    const base = policyLabel(entry.policy);
    // Names are unique within a suite: a deposed object shares its address with the current one.
    const taken = seen.get(JSON.stringify([suite, base])) ?? 0;
    seen.set(JSON.stringify([suite, base]), taken + 1);
    const name = taken === 0 ? base : `${base} #${taken + 1}`;
    const file = entry.kind === 'finding' ? entry.finding.location?.file : undefined;
    list.push({
      name,
      classname: `kmsguard.${entry.policy.resourceType}`,
      ...(file !== undefined ? { file } : {}),
      ...judge(entry, report.summary.judgedWith),
    });
  }
  for (const error of report.errors) {
    const suite = whereLabel(error);
    const list = suites.get(suite) ?? [];
    suites.set(suite, list);
    list.push({ name: 'read input', classname: 'kmsguard.input', verdict: 'error', body: element('error', { type: 'input', message: error.message }) });
  }
  const incomplete = failingIncompletePlans(report);
  if (incomplete > 0) {
    const list = suites.get('kmsguard') ?? [];
    suites.set('kmsguard', list);
    list.push({
      name: 'complete plans',
      classname: 'kmsguard.input',
      verdict: 'failure',
      body: element('failure', { type: 'incomplete-plan', message: incompletePhrase(incomplete) }),
    });
  }
  const all = [...suites.values()].flat();
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', tag('testsuites', { name: 'kmsguard', ...counts(all) })];
  for (const [name, cases] of suites) {
    lines.push(`  ${tag('testsuite', { name, ...counts(cases) })}`);
    for (const testcase of cases) lines.push(...testcaseXml(testcase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};
