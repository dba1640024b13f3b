import { expect } from 'chai';
import { formatGitlab } from '../../lib/report/gitlab.js';
import type { FormatContext } from '../../lib/report/types.js';
import { cleanReport, severalReport, warningsOnlyReport, judged } from './sample-reports.js';

const PLAIN: FormatContext = { color: false };

describe('gitlab format', () => {
  it('is a Code Quality array: one issue per finding and per policy not evaluated', () => {
    const issues = JSON.parse(formatGitlab(severalReport, PLAIN));
    expect(issues.map((i: any) => [i.check_name, i.severity, i.location])).to.deep.equal([
      ['kms-decrypt-all-keys', 'critical', { path: 'plan.json', lines: { begin: 1 } }],
      ['kms-decrypt-account-keys', 'major', { path: 'plan.json', lines: { begin: 1 } }],
      ['kms-decrypt-region-keys', 'minor', { path: 'plan.json', lines: { begin: 1 } }],
      ['kms-decrypt-all-keys', 'info', { path: 'stacks/legacy plan.json', lines: { begin: 1 } }],
      ['unevaluated-unknown', 'info', { path: 'plan.json', lines: { begin: 1 } }],
      ['unevaluated-invalid', 'major', { path: 'plan.json', lines: { begin: 1 } }],
    ]);
    for (const issue of issues) {
      expect(Object.keys(issue)).to.deep.equal(['description', 'check_name', 'fingerprint', 'severity', 'location']);
      expect(issue.fingerprint).to.match(/^[0-9a-f]{64}$/);
    }
    expect(issues[0].description).to.equal(
      'aws_iam_policy.admin (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name. Why: statement 0 "AllowKms" (/Statement/0): Action "kms:*", Resource "*".',
    );
    expect(issues[3].description).to.match(/\(suppressed \(until 2027-01-31\): Break-glass user, reviewed by security \(SEC-142\)\)$/);
  });

  it('gives fingerprints that are unique in a report and stable across runs and reports', () => {
    const finding = severalReport.findings[0]!;
    const twice = JSON.parse(formatGitlab({ ...cleanReport, findings: [finding, { ...finding, source: 'other.json' }] }, PLAIN));
    expect(twice[0].fingerprint).to.not.equal(twice[1].fingerprint);
    const alone = JSON.parse(formatGitlab({ ...cleanReport, findings: [finding] }, PLAIN));
    expect(alone[0].fingerprint).to.equal(JSON.parse(formatGitlab(severalReport, PLAIN))[0].fingerprint);
    const all = JSON.parse(formatGitlab(severalReport, PLAIN)).map((i: any) => i.fingerprint);
    expect(new Set(all).size).to.equal(all.length);
  });

  it('is an empty array for a clean report, and marks strict unknowns major', () => {
    expect(formatGitlab(cleanReport, PLAIN)).to.equal('[]\n');
    const strict = JSON.parse(formatGitlab(judged(warningsOnlyReport, { strict: true }), PLAIN));
    expect(strict.map((i: any) => i.severity)).to.deep.equal(['minor', 'info', 'major']);
  });
});
