import { expect } from 'chai';
import { formatText } from '../../lib/report/text.js';
import type { FormatContext } from '../../lib/report/types.js';
import { hostileReport } from './hostile-report.js';
import { cleanReport, severalReport, judged } from './sample-reports.js';

const PLAIN: FormatContext = { color: false };

describe('text format', () => {
  it('uses colour only when asked to', () => {
    expect(formatText(severalReport, PLAIN)).to.not.contain('\u001b');
    const coloured = formatText(severalReport, { ...PLAIN, color: true });
    expect(coloured).to.contain('\u001b[31mHIGH\u001b[39m');
    expect(coloured).to.contain('\u001b[33mMEDIUM\u001b[39m');
    expect(coloured).to.contain('\u001b[36mLOW\u001b[39m');
    expect(coloured).to.contain('\u001b[31mFAILED\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).to.equal(formatText(severalReport, PLAIN));
    expect(formatText(cleanReport, { ...PLAIN, color: true })).to.equal('kmsguard: 1 document, 2 policies judged, no findings: \u001b[32mpassed\u001b[39m\n');
  });

  it('puts the most severe findings first, then suppressed, not evaluated and skipped sections, then the summary', () => {
    const [admin, reader, worker] = severalReport.findings;
    const text = formatText({ ...severalReport, findings: [worker!, reader!, admin!, severalReport.findings[3]!] }, PLAIN);
    const heads = text
      .split('\n')
      .filter((l) => /^(HIGH|MEDIUM|LOW|Suppressed|Not evaluated|Skipped|kmsguard:)/.test(l))
      .map((l) => l.split('  ')[0]);
    expect(heads).to.deep.equal([
      'HIGH',
      'MEDIUM',
      'LOW',
      'Suppressed findings (1)',
      'HIGH',
      'Not evaluated (2)',
      'Skipped (1)',
      'kmsguard: 2 documents, 5 policies judged, 4 findings (2 high, 1 medium, 1 low), 1 suppressed, 2 not evaluated, 1 skipped: FAILED (2 failing findings, 1 policy not evaluated)',
    ]);
  });

  it("prints a fix as HCL once per policy, its blank lines empty, and refers back to it from the policy's other findings", () => {
    const [admin] = severalReport.findings;
    const fixHcl = {
      form: 'aws_iam_policy_document' as const,
      replaces: 'data.aws_iam_policy_document.admin',
      text: 'data "aws_iam_policy_document" "admin" {\n\n  statement {}\n}',
    };
    const grant = { ...admin!, ruleId: 'kms-grant-all-keys', actions: ['kms:CreateGrant'], compliance: [], fingerprint: 'g', fixHcl };
    const text = formatText({ ...cleanReport, findings: [{ ...admin!, fixHcl }, grant] }, PLAIN);
    expect(text).to.contain(
      [
        '  fix as HCL (replace data.aws_iam_policy_document.admin with this; then the placeholder key ARNs with the real ones):',
        '    data "aws_iam_policy_document" "admin" {',
        '',
        '      statement {}',
        '    }',
        '',
        'HIGH  aws_iam_policy.admin (policy)',
      ].join('\n'),
    );
    expect(text).to.contain('  scope all-keys, severity high, rule kms-grant-all-keys\n');
    expect(text).to.contain('  fix as HCL: as shown above for this policy\n');
    expect(text.match(/statement \{\}/g)).to.have.length(1);
  });

  it('says why a reported finding does not fail the run', () => {
    const [admin, reader] = severalReport.findings;
    const report = { ...cleanReport, findings: [reader!, { ...admin!, baselined: true as const }] };
    const heads = formatText(judged(report, { failOn: 'medium', onlyNew: true }), PLAIN)
      .split('\n')
      .filter((l) => /^(HIGH|MEDIUM)/.test(l));
    expect(heads).to.deep.equal([
      'HIGH  aws_iam_policy.admin (policy)  [does not fail the run: in the baseline]',
      'MEDIUM  module.app["blue"].aws_iam_role_policy.reader (policy)  [does not fail the run: pre-existing, and only new findings count]',
    ]);
  });

  it('prints the elements that matched, and the condition keys as ignored', () => {
    const lines = formatText(severalReport, PLAIN).split('\n');
    expect(lines).to.include('  why: statement 0 "Worker" (/Statement): NotAction ["iam:*", "s3:*"], Resource "arn:aws:kms:eu-west-1:111122223333:key/*"');
    expect(lines).to.include('  condition keys aws:ResourceTag/team (ignored: conditions do not narrow the finding)');
    expect(lines).to.include('  values not known until apply could widen it to all-keys');
    expect(lines).to.include('  pre-existing: already allowed before this plan');
    expect(lines).to.include('  introduced by this plan');
  });

  it('escapes control, line-break and bidi characters from the plan', () => {
    const text = formatText(hostileReport(), PLAIN);
    expect(text).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e]/);
    expect(text).to.contain('\\u001b[31mRED\\u001b[0m\\u000d\\u000a::error::injected');
    expect(text).to.contain('\\u202eevil\\u202c');
  });
});
