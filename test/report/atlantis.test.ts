import { expect } from 'chai';
import { defuse, formatAtlantis } from '../../lib/report/atlantis.js';
import type { FormatContext } from '../../lib/report/types.js';
import type { FailOn, JudgedWith, Report } from '../../lib/types.js';
import { hostileReport } from './hostile-report.js';
import { cleanReport, severalReport, warningsOnlyReport, judged } from './sample-reports.js';

const PLAIN: FormatContext = { color: false };
const COUNT_LINE = /^(\d+) tests, (\d+) passed, (\d+) warnings, (?:(\d+) failures, )?(\d+) exceptions$/;

function countLine(output: string): { tests: number; passed: number; warnings: number; failures: number; exceptions: number } {
  const lines = output.trimEnd().split('\n');
  const match = COUNT_LINE.exec(lines.at(-1)!);
  if (!match) throw new Error(`no count line: ${lines.at(-1)}`);
  const [tests, passed, warnings, failures, exceptions] = match.slice(1).map((n) => Number(n ?? 0));
  return { tests: tests!, passed: passed!, warnings: warnings!, failures: failures!, exceptions: exceptions! };
}

function marks(output: string): string[] {
  return output
    .trimEnd()
    .split('\n')
    .slice(0, -1)
    .map((l) => l.slice(0, 7));
}

/** The report without its invalid policy, so that only findings can fail. */
const findingsOnly: Report = {
  ...severalReport,
  unevaluated: severalReport.unevaluated.filter((u) => u.reason !== 'invalid'),
  policies: severalReport.policies.filter((p) => p.address !== 'aws_iam_group_policy.broken'),
};

describe('atlantis format', () => {
  it('writes FAIL, WARN and EXCP lines, failures first, then the count line', () => {
    const output = formatAtlantis(severalReport, PLAIN);
    expect(marks(output)).to.deep.equal(['FAIL - ', 'FAIL - ', 'FAIL - ', 'WARN - ', 'WARN - ', 'WARN - ', 'EXCP - ']);
    expect(output.split('\n')[0]).to.equal(
      'FAIL - plan.json - kmsguard - aws_iam_policy.admin (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name [high; all-keys; kms-decrypt-all-keys; statement 0 "AllowKms" (/Statement/0)]',
    );
    expect(output.trimEnd().split('\n').at(-1)).to.equal('8 tests, 1 passed, 3 warnings, 3 failures, 1 exceptions');
  });

  it('counts add up: tests = passed + warnings + failures + exceptions', () => {
    for (const report of [severalReport, warningsOnlyReport, cleanReport, hostileReport(), findingsOnly]) {
      for (const failOn of ['high', 'medium', 'low', 'never'] as FailOn[]) {
        const output = formatAtlantis(judged(report, { failOn }), PLAIN);
        const c = countLine(output);
        expect(c.tests).to.equal(c.passed + c.warnings + c.failures + c.exceptions);
        const m = marks(output);
        expect([m.filter((x) => x === 'FAIL - ').length, m.filter((x) => x === 'WARN - ').length, m.filter((x) => x === 'EXCP - ').length]).to.deep.equal([
          c.failures,
          c.warnings,
          c.exceptions,
        ]);
      }
    }
  });

  it('has no "fail" in any case when nothing fails, though the plan is full of it', () => {
    const optionSets: Partial<JudgedWith>[] = [{}, { failOn: 'high' }, { failOn: 'never' }, { failOn: 'medium', onlyNew: true }];
    for (const options of optionSets) {
      const output = formatAtlantis(judged(warningsOnlyReport, options), PLAIN);
      expect(output.toLowerCase(), JSON.stringify(options)).to.not.contain('fail');
      expect(output.trimEnd().split('\n').at(-1)).to.equal('3 tests, 0 passed, 2 warnings, 1 exceptions');
    }
    expect(formatAtlantis(judged(findingsOnly, { failOn: 'never' }), PLAIN).toLowerCase()).to.not.contain('fail');
    expect(formatAtlantis(cleanReport, PLAIN)).to.equal('2 tests, 2 passed, 0 warnings, 0 exceptions\n');
  });

  it('fails with FAIL lines and the failures count as soon as one thing fails', () => {
    const output = formatAtlantis(judged(warningsOnlyReport, { failOn: 'low' }), PLAIN);
    expect(marks(output)).to.deep.equal(['FAIL - ', 'WARN - ', 'EXCP - ']);
    expect(output.trimEnd().split('\n').at(-1)).to.equal('3 tests, 0 passed, 1 warnings, 1 failures, 1 exceptions');
    const strict = formatAtlantis(judged(warningsOnlyReport, { failOn: 'medium', strict: true }), PLAIN);
    expect(marks(strict)).to.deep.equal(['FAIL - ', 'WARN - ', 'EXCP - ']);
    expect(strict).to.contain('aws_iam_policy.f\u200bailback (policy) was not evaluated (unknown)');
  });

  it('keeps every line one line, whatever the plan says', () => {
    const lines = formatAtlantis(hostileReport(), PLAIN).trimEnd().split('\n');
    expect(lines).to.have.length(6);
    for (const line of lines.slice(0, -1)) expect(line).to.match(/^(FAIL|WARN|EXCP) - /);
  });

  it('defuse breaks "fail" in any case with a zero-width space and nothing else', () => {
    expect(defuse('Fail fail FAIL fAiL failfail fai l')).to.equal('F\u200bail f\u200bail F\u200bAIL f\u200bAiL f\u200bailf\u200bail fai l');
    expect(defuse('line\nbreak')).to.equal('line\\u000abreak');
  });
});
