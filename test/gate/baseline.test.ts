import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '../../lib/check.js';
import { ConfigError } from '../../lib/config/index.js';
import { applyBaseline, baselineOf, formatBaseline } from '../../lib/gate/baseline.js';
import type { Finding } from '../../lib/types.js';
import { corpusDir } from '../support/paths.js';
import { requireCorpus } from '../support/shared.js';

function finding(address: string, fingerprint: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'kms-decrypt-all-keys',
    compliance: ['Security Hub KMS.1'],
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
    it('lists each fingerprint once per input, sorted by input, address, policy path, rule and fingerprint', () => {
      const findings = [
        finding('aws_iam_role.r', 'f3', { policyPath: 'inline_policy[1].policy', ruleId: 'kms-decrypt-account-keys' }),
        finding('aws_iam_role.r', 'f2', { policyPath: 'inline_policy[0].policy' }),
        finding('aws_iam_policy.b', 'f1'),
        finding('aws_iam_policy.b', 'f1', { source: 'other.json' }),
        finding('aws_iam_policy.a', 'f4'),
      ];
      expect(baselineOf(findings, '/repo')).to.deep.equal({
        version: 2,
        findings: [
          { fingerprint: 'f1', source: 'other.json', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_policy.b', policyPath: 'policy' },
          { fingerprint: 'f4', source: 'plan.json', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_policy.a', policyPath: 'policy' },
          { fingerprint: 'f1', source: 'plan.json', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_policy.b', policyPath: 'policy' },
          { fingerprint: 'f2', source: 'plan.json', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_role.r', policyPath: 'inline_policy[0].policy' },
          { fingerprint: 'f3', source: 'plan.json', ruleId: 'kms-decrypt-account-keys', address: 'aws_iam_role.r', policyPath: 'inline_policy[1].policy' },
        ],
      });
    });

    it('does not depend on the order of the findings', () => {
      const findings = [
        finding('aws_iam_policy.b', 'f1'),
        finding('aws_iam_policy.a', 'f2'),
        finding('aws_iam_policy.a', 'f0', { ruleId: 'kms-decrypt-region-keys' }),
      ];
      expect(formatBaseline(baselineOf(findings))).to.equal(formatBaseline(baselineOf([...findings].reverse())));
    });

    it('is written as indented JSON with a final newline', () => {
      expect(formatBaseline(baselineOf([finding('aws_iam_policy.a', 'abc')]))).to.equal(
        [
          '{',
          '  "version": 2,',
          '  "findings": [',
          '    {',
          '      "fingerprint": "abc",',
          '      "source": "plan.json",',
          '      "ruleId": "kms-decrypt-all-keys",',
          '      "address": "aws_iam_policy.a",',
          '      "policyPath": "policy"',
          '    }',
          '  ]',
          '}',
          '',
        ].join('\n'),
      );
      expect(formatBaseline(baselineOf([]))).to.equal('{\n  "version": 2,\n  "findings": []\n}\n');
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

    it('compares the fingerprint: the same address with a wider finding is new', () => {
      const result = applyBaseline([finding('aws_iam_policy.a', 'fa-wider')], baseline, 'base.json');
      expect(result.findings[0]!.baselined).to.equal(undefined);
    });

    it('lists entries that no longer occur, once each', () => {
      const doubled = {
        version: 2 as const,
        findings: [
          ...baseline.findings,
          ...baseline.findings,
          { fingerprint: 'bare', source: 'plan.json' },
          { fingerprint: 'fr', source: 'run-all.json', position: 2, address: 'aws_iam_role.r' },
        ],
      };
      const result = applyBaseline([finding('aws_iam_policy.a', 'fa')], doubled, 'base.json');
      expect(result.warnings).to.deep.equal([
        {
          source: 'base.json',
          message: 'Baseline entry aws_iam_policy.gone (policy, kms-decrypt-all-keys) in plan.json no longer occurs; regenerate the baseline to drop it.',
        },
        { source: 'base.json', message: 'Baseline entry fingerprint bare in plan.json no longer occurs; regenerate the baseline to drop it.' },
        { source: 'base.json', message: 'Baseline entry aws_iam_role.r in run-all.json (document 2) no longer occurs; regenerate the baseline to drop it.' },
      ]);
    });

    it('accepts a finding only in the input it was recorded from: another file, another document of a stream, or stdin is new', () => {
      const recorded = baselineOf(
        [
          finding('aws_iam_role_policy.this', 'fp', { source: 'units/a/plan.json' }),
          finding('aws_iam_role_policy.this', 'fq', { source: 'all.json', position: 1 }),
        ],
        '/repo',
      );
      const findings = [
        finding('aws_iam_role_policy.this', 'fp', { source: 'units/b/plan.json' }),
        finding('aws_iam_role_policy.this', 'fp', { source: '/repo/units/a/plan.json' }),
        finding('aws_iam_role_policy.this', 'fp', { source: 'stdin' }),
        finding('aws_iam_role_policy.this', 'fq', { source: 'all.json', position: 2 }),
        finding('aws_iam_role_policy.this', 'fq', { source: 'all.json' }),
        finding('aws_iam_role_policy.this', 'fq', { source: './all.json', position: 1 }),
      ];
      const result = applyBaseline(findings, recorded, 'base.json', '/repo');
      expect(result.findings.map((f) => f.baselined === true)).to.deep.equal([false, true, false, false, false, true]);
      expect(result.warnings).to.deep.equal([]);
    });

    it('tells standard input from a file named stdin in the working directory', () => {
      const fromStdin = baselineOf([finding('aws_iam_policy.p', 'fp', { source: 'stdin' })], '/repo');
      const fromFile = baselineOf([finding('aws_iam_policy.p', 'fp', { source: './stdin' })], '/repo');
      expect([fromStdin.findings[0]!.source, fromFile.findings[0]!.source]).to.deep.equal(['stdin', './stdin']);
      const findings = [finding('aws_iam_policy.p', 'fp', { source: 'stdin' }), finding('aws_iam_policy.p', 'fp', { source: '/repo/stdin' })];
      expect(applyBaseline(findings, fromStdin, 'base.json', '/repo').findings.map((f) => f.baselined === true)).to.deep.equal([true, false]);
      expect(applyBaseline(findings, fromFile, 'base.json', '/repo').findings.map((f) => f.baselined === true)).to.deep.equal([false, true]);
    });

    it('a version 1 baseline, whose entries name no input, accepts nothing and says to regenerate it', () => {
      const old = { version: 1 as const, findings: [{ fingerprint: 'fa', address: 'aws_iam_policy.a' }] };
      const result = applyBaseline([finding('aws_iam_policy.a', 'fa')], old, 'base.json');
      expect(result.findings).to.deep.equal([finding('aws_iam_policy.a', 'fa')]);
      expect(result.warnings).to.deep.equal([
        {
          source: 'base.json',
          message: 'Baseline version 1 does not say which input each entry came from, so it accepts no finding; regenerate it with "kmsguard baseline".',
        },
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
    expect(report.findings.map((f) => f.baselined)).to.deep.equal(Array(8).fill(true));
    expect(report.summary).to.include({ findings: 8, failing: 0, passed: true });
    expect(report.warnings).to.deep.equal([]);
  });

  it('a baseline from one Terragrunt unit does not accept the same finding in another unit', async () => {
    const unitA = path.join(dir, 'a.json');
    const unitB = path.join(dir, 'b.json');
    writeFileSync(unitA, readFileSync(plan));
    writeFileSync(unitB, readFileSync(plan));
    const file = path.join(dir, 'baseline.json');
    writeFileSync(file, formatBaseline(baselineOf((await check(unitA)).findings)));
    const report = await check([unitA, unitB], { baseline: file });
    // Four policies, each with a decrypt and a grant finding, in each unit.
    expect(report.findings.map((f) => [path.basename(f.source), f.baselined === true])).to.deep.equal([
      ...Array(8).fill(['a.json', true]),
      ...Array(8).fill(['b.json', false]),
    ]);
    expect(report.summary).to.include({ failing: 8, passed: false });
  });

  it('in a stream of several documents, an entry accepts only the document it was recorded in', async () => {
    const text = JSON.stringify(JSON.parse(readFileSync(plan, 'utf8')));
    const stream = path.join(dir, 'run-all.json');
    writeFileSync(stream, `${text}\n${text}\n`);
    const first = path.join(dir, 'first.json');
    const recorded = (await check(stream)).findings.filter((f) => f.position === 1);
    writeFileSync(first, formatBaseline(baselineOf(recorded)));
    const report = await check(stream, { baseline: first });
    expect(report.findings.map((f) => [f.position, f.baselined === true])).to.deep.equal([...Array(8).fill([1, true]), ...Array(8).fill([2, false])]);
  });

  it('the same plan reformatted, with its resources in another order, keeps its baseline', async () => {
    const value = JSON.parse(readFileSync(plan, 'utf8')) as { planned_values: { root_module: { resources: unknown[] } } };
    value.planned_values.root_module.resources.reverse();
    const file = path.join(dir, 'baseline.json');
    const copy = path.join(dir, 'plan.json');
    writeFileSync(copy, readFileSync(plan));
    writeFileSync(file, formatBaseline(baselineOf((await check(copy)).findings)));
    writeFileSync(copy, JSON.stringify(value, null, 7));
    const report = await check(copy, { baseline: file });
    expect(report.findings.map((f) => f.baselined)).to.deep.equal(Array(8).fill(true));
    expect(report.warnings).to.deep.equal([]);
  });

  it('a version 2 entry without its input is refused', async () => {
    const file = path.join(dir, 'baseline.json');
    writeFileSync(file, '{"version": 2, "findings": [{"fingerprint": "abc"}]}');
    const error = await check(plan, { baseline: file }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.equal(`${file}: /findings/0/source is required.`);
  });

  it('holds findings of the rules that ran: a rule turned on later finds new ones', async () => {
    const file = path.join(dir, 'baseline.json');
    writeFileSync(file, formatBaseline(baselineOf((await check(plan, { rules: ['kms-decrypt'] })).findings)));
    const report = await check(plan, { baseline: file });
    expect(report.findings.map((f) => [f.ruleId, f.baselined ?? false])).to.deep.equal(
      Array(4)
        .fill([
          ['kms-decrypt-all-keys', true],
          ['kms-grant-all-keys', false],
        ])
        .flat(),
    );
    expect(report.summary).to.include({ findings: 8, failing: 4, passed: false });
  });

  it('throws a ConfigError for a baseline file that is not one, before reading the inputs', async () => {
    const file = path.join(dir, 'baseline.json');
    writeFileSync(file, '{"version": 1, "findings": [{"fingerprint": ""}]}');
    const error = await check('does-not-exist.json', { baseline: file }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.equal(`${file}: /findings/0/fingerprint must not be empty.`);
  });
});
