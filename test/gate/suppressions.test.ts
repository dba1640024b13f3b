import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '../../lib/check.js';
import { addressPattern, applySuppressions, hasExpired, todayUtc } from '../../lib/gate/suppressions.js';
import type { Finding, Scope, SuppressionRule } from '../../lib/types.js';
import { corpusDir, fixture } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { requireCorpus } from '../support/shared.js';

function finding(address: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'kms-decrypt-all-keys',
    compliance: ['Security Hub KMS.1'],
    severity: 'high',
    scope: 'all-keys',
    address,
    resourceType: address.replace(/^(module\.[^.]+\.)*/, '').split('.')[0]!,
    policyPath: 'policy',
    actions: ['kms:Decrypt'],
    statements: [],
    conditionKeys: [],
    introduced: true,
    fingerprint: `fp-${address}`,
    message: `${address} allows kms:Decrypt.`,
    source: 'plan.json',
    ...overrides,
  };
}

describe('suppressions', () => {
  describe('address globs', () => {
    const cases: [glob: string, address: string, matches: boolean][] = [
      ['aws_iam_policy.p', 'aws_iam_policy.p', true],
      ['aws_iam_policy.p', 'aws_iam_policy.p2', false],
      ['aws_iam_policy.p', 'module.a.aws_iam_policy.p', false],
      ['aws_iam_policy.p', 'aws_iam_policyXp', false],
      ['aws_iam_policy.*', 'aws_iam_policy.p', true],
      ['aws_iam_policy.*', 'aws_iam_policy.p[0]', true],
      ['aws_iam_policy.*', 'aws_iam_policy.p["a.b"]', true],
      ['aws_iam_policy.*', 'aws_iam_role_policy.p', false],
      ['*.aws_iam_policy.p', 'module.a.module.b.aws_iam_policy.p', true],
      ['*.aws_iam_policy.p', 'aws_iam_policy.p', false],
      ['module.*.aws_iam_policy.p', 'module.team["a"].aws_iam_policy.p', true],
      ['module.*.aws_iam_policy.p', 'module.team[0].module.inner.aws_iam_policy.p', true],
      ['module.team["*"].*', 'module.team["a.b[1]"].aws_iam_policy.p', true],
      ['module.team["*"].*', 'module.team[0].aws_iam_policy.p', false],
      ['aws_iam_policy.p[0]', 'aws_iam_policy.p[0]', true],
      ['aws_iam_policy.p[0]', 'aws_iam_policy.p0', false],
      ['aws_iam_policy.p[01]', 'aws_iam_policy.p1', false],
      ['aws_iam_policy.p?', 'aws_iam_policy.p?', true],
      ['aws_iam_policy.p?', 'aws_iam_policy.pa', false],
      ['aws_iam_policy.p+', 'aws_iam_policy.ppp', false],
      ['aws_iam_policy.(p|q)', 'aws_iam_policy.p', false],
      ['aws_iam_policy.(p|q)', 'aws_iam_policy.(p|q)', true],
      ['^aws_iam_policy.p$', '^aws_iam_policy.p$', true],
      ['aws_iam_policy.p\\d', 'aws_iam_policy.p1', false],
      ['aws_iam_policy.p\\d', 'aws_iam_policy.p\\d', true],
      ['aws_iam_policy.P', 'aws_iam_policy.p', false],
      ['*', 'module.a["x"].aws_iam_policy.p[0]', true],
      ['**', 'aws_iam_policy.p', true],
      ['aws_*_policy.*', 'aws_iam_role_policy.r["with\nnewline"]', true],
      ['a*b*b', 'abb', true],
      ['a*bb*b', 'abbb', true],
      ['a*bb*b', 'abbx', false],
      ['a*ab', 'ab', false],
      ['ab*ba', 'aba', false],
      ['*x*y*', 'yx', false],
      ['*x*y*', 'xy', true],
      ['*p*', '', false],
      ['*', '', true],
    ];
    for (const [glob, address, matches] of cases) {
      it(`${JSON.stringify(glob)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(address)}`, () => {
        expect(addressPattern(glob).test(address)).to.equal(matches);
      });
    }
  });

  describe('address globs on hostile for_each keys', () => {
    // Each of these took seconds to minutes with the backtracking regular expression built before.
    const key = 'a.'.repeat(10_000);
    const cases: [glob: string, address: string, matches: boolean][] = [
      ['module.*.*.*.aws_iam_role_policy.x', `module.m["${key}"].aws_iam_role_policy.y`, false],
      ['module.*.*.*.aws_iam_role_policy.x', `module.m["${key}"].module.n.aws_iam_role_policy.x`, true],
      ['*.*.*.*.*.*.*.*.z', `${'.'.repeat(20_000)}y`, false],
      ['*a*a*a*a*a*a*b', 'a'.repeat(20_000), false],
    ];
    for (const [glob, address, matches] of cases) {
      it(`${JSON.stringify(glob)} ${matches ? 'matches' : 'does not match'} a ${address.length}-character address`, () => {
        expect(addressPattern(glob).test(address)).to.equal(matches);
      });
    }
  });

  describe('expiry', () => {
    const cases: [expires: string | undefined, today: string, expired: boolean][] = [
      ['2026-11-27', '2026-11-26', false],
      ['2026-11-27', '2026-11-27', false],
      ['2026-11-27', '2026-11-28', true],
      ['2026-11-27', '2027-01-01', true],
      ['2026-12-01', '2026-11-30', false],
      [undefined, '2999-12-31', false],
    ];
    for (const [expires, today, expired] of cases) {
      it(`a suppression expiring ${expires ?? 'never'} has ${expired ? '' : 'not '}expired on ${today}`, () => {
        expect(hasExpired(expires === undefined ? {} : { expires }, today)).to.equal(expired);
      });
    }

    it('takes today in UTC', () => {
      expect(todayUtc(new Date('2026-11-27T23:30:00-05:00'))).to.equal('2026-11-28');
      expect(todayUtc(new Date('2026-11-28T00:30:00+02:00'))).to.equal('2026-11-27');
    });
  });

  describe('applySuppressions', () => {
    const today = '2026-11-27';
    const rule = (overrides: Partial<SuppressionRule> & { address: string }): SuppressionRule => ({
      reason: 'Accepted by security review SEC-12.',
      source: '.kmsguard.json',
      ...overrides,
    });

    it('marks a matching finding with its reason and expiry and leaves the rest untouched', () => {
      const findings = [finding('aws_iam_policy.a'), finding('aws_iam_policy.b')];
      const result = applySuppressions(findings, [rule({ address: 'aws_iam_policy.a', expires: '2026-12-31' })], today);
      expect(result.findings[0]).to.deep.equal({ ...findings[0], suppressed: { reason: 'Accepted by security review SEC-12.', expires: '2026-12-31' } });
      expect(result.findings[1]).to.equal(findings[1]);
      expect('suppressed' in result.findings[1]!).to.equal(false);
      expect(result.warnings).to.deep.equal([]);
    });

    it('writes no expires when the suppression has none', () => {
      const result = applySuppressions([finding('aws_iam_policy.a')], [rule({ address: 'aws_iam_policy.a' })], today);
      expect(result.findings[0]!.suppressed).to.deep.equal({ reason: 'Accepted by security review SEC-12.' });
    });

    it('does not change the findings it is given', () => {
      const findings = [finding('aws_iam_policy.a')];
      applySuppressions(findings, [rule({ address: '*' })], today);
      expect('suppressed' in findings[0]!).to.equal(false);
    });

    it('filters on resourceType exactly', () => {
      const findings = [finding('module.m.aws_iam_policy.p'), finding('module.m.aws_iam_role_policy.p')];
      const result = applySuppressions(findings, [rule({ address: 'module.m.*', resourceType: 'aws_iam_role_policy' })], today);
      expect(result.findings.map((f) => f.suppressed !== undefined)).to.deep.equal([false, true]);
      const prefix = applySuppressions(findings, [rule({ address: 'module.m.*', resourceType: 'aws_iam_role' })], today);
      expect(prefix.findings.map((f) => f.suppressed !== undefined)).to.deep.equal([false, false]);
    });

    const scopes: Scope[] = ['all-keys', 'account-keys', 'region-keys'];
    for (const scope of scopes) {
      it(`filters on scope ${scope} exactly`, () => {
        const findings = scopes.map((s, i) => finding(`aws_iam_policy.p${i}`, { scope: s }));
        const result = applySuppressions(findings, [rule({ address: 'aws_iam_policy.*', scope })], today);
        expect(result.findings.map((f) => f.suppressed !== undefined)).to.deep.equal(scopes.map((s) => s === scope));
      });
    }

    it('needs every given filter to match', () => {
      const findings = [finding('aws_iam_policy.a', { scope: 'account-keys' })];
      const both = applySuppressions(findings, [rule({ address: 'aws_iam_policy.a', resourceType: 'aws_iam_policy', scope: 'all-keys' })], today);
      expect(both.findings[0]!.suppressed).to.equal(undefined);
      expect(both.warnings.map((w) => w.message)).to.deep.equal([
        'Suppression /suppressions/0 (address "aws_iam_policy.a") matched no finding; remove it if it is no longer needed.',
      ]);
    });

    it('takes the reason of the first matching suppression; every matching one counts as used', () => {
      const rules = [rule({ address: 'aws_iam_policy.*', reason: 'first' }), rule({ address: '*', reason: 'second' })];
      const result = applySuppressions([finding('aws_iam_policy.a'), finding('aws_iam_role_policy.r')], rules, today);
      expect(result.findings.map((f) => f.suppressed?.reason)).to.deep.equal(['first', 'second']);
      expect(result.warnings).to.deep.equal([]);
    });

    it('still applies on its expiry day, with no warning', () => {
      const result = applySuppressions([finding('aws_iam_policy.a')], [rule({ address: 'aws_iam_policy.a', expires: today })], today);
      expect(result.findings[0]!.suppressed).to.deep.equal({ reason: 'Accepted by security review SEC-12.', expires: '2026-11-27' });
      expect(result.warnings).to.deep.equal([]);
    });

    it('no longer applies the day after it expires, and says so', () => {
      const findings = [finding('aws_iam_policy.a'), finding('aws_iam_policy.b')];
      const result = applySuppressions(findings, [rule({ address: 'aws_iam_policy.*', expires: '2026-11-26' })], today);
      expect(result.findings).to.deep.equal(findings);
      expect(result.warnings).to.deep.equal([
        {
          source: '.kmsguard.json',
          message: 'Suppression /suppressions/0 (address "aws_iam_policy.*") expired on 2026-11-26 and no longer applies; it would match 2 findings.',
        },
      ]);
    });

    it('reports an expired suppression that matches nothing once, as expired', () => {
      const result = applySuppressions([], [rule({ address: 'aws_iam_policy.gone', expires: '2025-01-01' })], today);
      expect(result.warnings).to.deep.equal([
        {
          source: '.kmsguard.json',
          message: 'Suppression /suppressions/0 (address "aws_iam_policy.gone") expired on 2025-01-01 and no longer applies; it matches no finding.',
        },
      ]);
    });

    it('lets a later suppression apply where an earlier one expired', () => {
      const rules = [rule({ address: 'aws_iam_policy.a', reason: 'old', expires: '2026-01-01' }), rule({ address: 'aws_iam_policy.a', reason: 'renewed' })];
      const result = applySuppressions([finding('aws_iam_policy.a')], rules, today);
      expect(result.findings[0]!.suppressed).to.deep.equal({ reason: 'renewed' });
      expect(result.warnings.map((w) => w.message)).to.deep.equal([
        'Suppression /suppressions/0 (address "aws_iam_policy.a") expired on 2026-01-01 and no longer applies; it would match 1 finding.',
      ]);
    });

    it('reports each unused suppression with its position and source', () => {
      const rules = [rule({ address: 'aws_iam_policy.a' }), rule({ address: 'aws_iam_policy.z' }), { address: 'x.*', reason: 'r' }];
      const result = applySuppressions([finding('aws_iam_policy.a')], rules, today);
      expect(result.warnings).to.deep.equal([
        {
          source: '.kmsguard.json',
          message: 'Suppression /suppressions/1 (address "aws_iam_policy.z") matched no finding; remove it if it is no longer needed.',
        },
        { source: 'options', message: 'Suppression /suppressions/2 (address "x.*") matched no finding; remove it if it is no longer needed.' },
      ]);
    });

    it('matches ruleId as a glob over the whole rule id, and reports one that matches nothing as unused', () => {
      const findings = [finding('aws_iam_policy.a'), finding('aws_iam_policy.a', { ruleId: 'kms-grant-account-keys', fingerprint: 'g' })];
      const rules = [rule({ address: '*', ruleId: 'kms-grant-*' }), rule({ address: '*', ruleId: 'kms-grant' }), rule({ address: '*', ruleId: '*-all-keys' })];
      const result = applySuppressions(findings, rules, today);
      expect(result.findings.map((f) => f.suppressed !== undefined)).to.deep.equal([true, true]);
      expect(result.warnings.map((w) => w.message)).to.deep.equal([
        'Suppression /suppressions/1 (address "*") matched no finding; remove it if it is no longer needed.',
      ]);
      const decryptOnly = applySuppressions(findings, [rule({ address: '*', ruleId: 'kms-decrypt-*' })], today);
      expect(decryptOnly.findings.map((f) => f.suppressed !== undefined)).to.deep.equal([true, false]);
    });

    it('keeps the findings in order', () => {
      const findings = ['c', 'a', 'b'].map((n) => finding(`aws_iam_policy.${n}`));
      const result = applySuppressions(findings, [rule({ address: 'aws_iam_policy.a' })], today);
      expect(result.findings.map((f) => f.address)).to.deep.equal(['aws_iam_policy.c', 'aws_iam_policy.a', 'aws_iam_policy.b']);
    });
  });
});

describe('suppressions through check()', () => {
  before(function () {
    requireCorpus(this);
  });
  const plan = path.join(corpusDir, 'regula-admin-policy-positive.v0.1.plan.json');
  const suppressions: SuppressionRule[] = [
    { address: 'aws_iam_policy.invalid_policy', reason: 'Reviewed in SEC-7.', expires: '2026-11-27', source: 'team.json' },
    { address: 'module.*', reason: 'Nothing here.', source: 'team.json' },
  ];

  it('applies a suppression through its expiry day', async () => {
    const report = await check(plan, { suppressions, today: '2026-11-27' });
    // Each admin policy has a finding of each rule; a suppression by address covers both.
    const accepted = { reason: 'Reviewed in SEC-7.', expires: '2026-11-27' };
    expect(report.findings.map((f) => [f.ruleId, f.suppressed])).to.deep.equal([
      ['kms-decrypt-all-keys', undefined],
      ['kms-grant-all-keys', undefined],
      ['kms-decrypt-all-keys', accepted],
      ['kms-grant-all-keys', accepted],
      ['kms-decrypt-all-keys', undefined],
      ['kms-grant-all-keys', undefined],
      ['kms-decrypt-all-keys', undefined],
      ['kms-grant-all-keys', undefined],
    ]);
    expect(report.summary).to.include({ findings: 8, suppressed: 2, failing: 6 });
    expect(report.warnings).to.deep.equal([
      { source: 'team.json', message: 'Suppression /suppressions/1 (address "module.*") matched no finding; remove it if it is no longer needed.' },
    ]);
  });

  it('no longer applies it the next day, and warns', async () => {
    const report = await check(plan, { suppressions, today: '2026-11-28' });
    expect(report.findings.every((f) => !('suppressed' in f))).to.equal(true);
    expect(report.summary).to.include({ suppressed: 0, failing: 8 });
    expect(report.warnings.map((w) => w.message)).to.deep.equal([
      'Suppression /suppressions/0 (address "aws_iam_policy.invalid_policy") expired on 2026-11-27 and no longer applies; it would match 2 findings.',
      'Suppression /suppressions/1 (address "module.*") matched no finding; remove it if it is no longer needed.',
    ]);
  });

  it('passes the run once every failing finding is suppressed', async () => {
    const report = await check(plan, { suppressions: [{ address: '*', reason: 'Fixture.' }] });
    expect(report.summary).to.include({ suppressed: 8, failing: 0, passed: true });
    expect(report.warnings).to.deep.equal([]);
  });

  it('suppresses only the findings of the rules its ruleId glob names', async () => {
    const report = await check(plan, { suppressions: [{ address: '*', ruleId: 'kms-grant-*', reason: 'Grants reviewed in SEC-9.' }] });
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.ruleId)).to.deep.equal(Array(4).fill('kms-grant-all-keys'));
    expect(report.findings.filter((f) => !f.suppressed).map((f) => f.ruleId)).to.deep.equal(Array(4).fill('kms-decrypt-all-keys'));
    expect(report.summary).to.include({ suppressed: 4, failing: 4, passed: false });
  });
});

describe('suppression expiry on the command line, whatever the local time zone', () => {
  const plan = fixture('cli', 'insecure.plan.json');
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-expiry-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Exit code of a run whose only suppression (of everything) expires on `expires`, in time zone `tz`. */
  function exitWith(expires: string, tz: string): number | null {
    const config = path.join(dir, `${expires}.json`);
    writeFileSync(config, JSON.stringify({ suppressions: [{ address: '*', reason: 'Accepted.', expires }] }));
    return runCli(['--config', config, plan], { env: { TZ: tz } }).status;
  }

  // UTC+14 and UTC-12 are 26 hours apart: at any time, one of them has a local date other than UTC's.
  it('applies through the expiry day in UTC, also where the local date is already the next day', () => {
    expect(exitWith(new Date().toISOString().slice(0, 10), 'Pacific/Kiritimati')).to.equal(0);
  });

  it('no longer applies the day after, in UTC, also where the local date is still the expiry day', () => {
    expect(exitWith(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), 'Etc/GMT+12')).to.equal(1);
  });
});
