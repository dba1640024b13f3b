import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '../../lib/check.js';
import { ConfigError } from '../../lib/config/index.js';
import { applyBaseline, baselineOf, formatBaseline } from '../../lib/rules/baseline.js';
import type { Finding } from '../../lib/types.js';
import { corpusDir } from '../support/paths.js';
import { requireCorpus } from '../support/shared.js';

function finding(address: string, fingerprint: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'kms-decrypt-all-keys',
    severity: 'high',
    scope: 'all-keys',
    address,
    resourceType: 'aws_iam_policy',
    policyPath: 'policy',
    actions: ['kms:Decrypt'],
    statements: [],
    conditionKeys: [],
    introduced: true,
    fingerprint,
    message: `${address} allows kms:Decrypt.`,
    source: 'plan.json',
    ...overrides,
  };
}

describe('baseline', () => {
  describe('baselineOf', () => {
    it('lists each fingerprint once, sorted by address, policy path, rule and fingerprint', () => {
      const findings = [
        finding('aws_iam_role.r', 'f3', { policyPath: 'inline_policy[1].policy', ruleId: 'kms-decrypt-account-keys' }),
        finding('aws_iam_role.r', 'f2', { policyPath: 'inline_policy[0].policy' }),
        finding('aws_iam_policy.b', 'f1'),
        finding('aws_iam_policy.b', 'f1', { source: 'other.json' }),
        finding('aws_iam_policy.a', 'f4'),
      ];
      expect(baselineOf(findings)).to.deep.equal({
        version: 1,
        findings: [
          { fingerprint: 'f4', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_policy.a', policyPath: 'policy' },
          { fingerprint: 'f1', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_policy.b', policyPath: 'policy' },
          { fingerprint: 'f2', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_role.r', policyPath: 'inline_policy[0].policy' },
          { fingerprint: 'f3', ruleId: 'kms-decrypt-account-keys', address: 'aws_iam_role.r', policyPath: 'inline_policy[1].policy' },
        ],
      });
    });

    it('does not depend on the order of the findings', () => {
      const findings = [finding('aws_iam_policy.b', 'f1'), finding('aws_iam_policy.a', 'f2'), finding('aws_iam_policy.a', 'f0', { ruleId: 'kms-decrypt-region-keys' })];
      expect(formatBaseline(baselineOf(findings))).to.equal(formatBaseline(baselineOf([...findings].reverse())));
    });

    it('is written as indented JSON with a final newline', () => {
      expect(formatBaseline(baselineOf([finding('aws_iam_policy.a', 'abc')]))).to.equal(
        [
          '{',
          '  "version": 1,',
          '  "findings": [',
          '    {',
          '      "fingerprint": "abc",',
          '      "ruleId": "kms-decrypt-all-keys",',
          '      "address": "aws_iam_policy.a",',
          '      "policyPath": "policy"',
          '    }',
          '  ]',
          '}',
          '',
        ].join('\n'),
      );
      expect(formatBaseline(baselineOf([]))).to.equal('{\n  "version": 1,\n  "findings": []\n}\n');
    });
  });

  describe('applyBaseline', () => {
    const baseline = baselineOf([finding('aws_iam_policy.a', 'fa'), finding('aws_iam_policy.gone', 'fg', { policyPath: 'policy' })]);

    it('marks findings in the baseline and leaves new ones unmarked', () => {
      const findings = [finding('aws_iam_policy.a', 'fa'), finding('aws_iam_policy.new', 'fn')];
      const result = applyBaseline(findings, baseline, 'base.json');
      expect(result.findings).to.deep.equal([{ ...findings[0], baselined: true }, findings[1]]);
      expect('baselined' in result.findings[1]!).to.equal(false);
    });

    it('compares fingerprints only: the same address with a wider finding is new', () => {
      const result = applyBaseline([finding('aws_iam_policy.a', 'fa-wider')], baseline, 'base.json');
      expect(result.findings[0]!.baselined).to.equal(undefined);
    });

    it('lists entries that no longer occur, once each', () => {
      const doubled = { version: 1 as const, findings: [...baseline.findings, ...baseline.findings, { fingerprint: 'bare' }, { fingerprint: 'fr', address: 'aws_iam_role.r' }] };
      const result = applyBaseline([finding('aws_iam_policy.a', 'fa')], doubled, 'base.json');
      expect(result.warnings).to.deep.equal([
        { source: 'base.json', message: 'Baseline entry aws_iam_policy.gone (policy, kms-decrypt-all-keys) no longer occurs; regenerate the baseline to drop it.' },
        { source: 'base.json', message: 'Baseline entry fingerprint bare no longer occurs; regenerate the baseline to drop it.' },
        { source: 'base.json', message: 'Baseline entry aws_iam_role.r no longer occurs; regenerate the baseline to drop it.' },
      ]);
    });

    it('has no warnings when every entry still occurs', () => {
      const result = applyBaseline([finding('aws_iam_policy.a', 'fa'), finding('aws_iam_policy.gone', 'fg')], baseline, 'base.json');
      expect(result.warnings).to.deep.equal([]);
      expect(result.findings.every((f) => f.baselined === true)).to.equal(true);
    });
  });
});

describe('baselines through check()', () => {
  before(function () {
    requireCorpus(this);
  });
  const plan = path.join(corpusDir, 'regula-admin-policy-positive.v0.1.plan.json');
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-baseline-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('marks the findings a baseline of the same plan holds and fails nothing', async () => {
    const file = path.join(dir, 'baseline.json');
    writeFileSync(file, formatBaseline(baselineOf((await check(plan)).findings)));
    const report = await check(plan, { baseline: file });
    expect(report.findings.map((f) => f.baselined)).to.deep.equal([true, true, true, true]);
    expect(report.summary).to.include({ findings: 4, failing: 0, passed: true });
    expect(report.warnings).to.deep.equal([]);
  });

  it('throws a ConfigError for a baseline file that is not one, before reading the inputs', async () => {
    const file = path.join(dir, 'baseline.json');
    writeFileSync(file, '{"version": 1, "findings": [{"fingerprint": ""}]}');
    const error = await check('does-not-exist.json', { baseline: file }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.equal(`${file}: /findings/0/fingerprint must not be empty.`);
  });
});
