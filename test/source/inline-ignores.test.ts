import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '../../lib/check.js';
import { parseIgnoreComment } from '../../lib/source/inline-ignores.js';
import { fixture, repoRoot } from '../support/paths.js';

const DIR = path.relative(repoRoot, fixture('source', 'ignores'));
const PLAN = path.join(DIR, 'plan.json');
const TODAY = '2026-12-05';

describe('inline ignores', () => {
  describe('parseIgnoreComment', () => {
    it('reads the reason after # or //', () => {
      expect(parseIgnoreComment('# kmsguard:ignore reviewed monthly', 'main.tf', 3)).to.deep.equal({ file: 'main.tf', line: 3, reason: 'reviewed monthly' });
      expect(parseIgnoreComment('//kmsguard:ignore  reviewed ', 'main.tf', 3)).to.deep.equal({ file: 'main.tf', line: 3, reason: 'reviewed' });
    });

    it('reads an expiry anywhere in the comment', () => {
      expect(parseIgnoreComment('# kmsguard:ignore exp:2027-01-31 until the split', 'a.tf', 1)).to.deep.equal({
        file: 'a.tf',
        line: 1,
        reason: 'until the split',
        expires: '2027-01-31',
      });
      expect(parseIgnoreComment('# kmsguard:ignore until the split exp:2027-01-31', 'a.tf', 1)).to.deep.equal({
        file: 'a.tf',
        line: 1,
        reason: 'until the split',
        expires: '2027-01-31',
      });
    });

    it('says why an ignore without a reason or with a bad date is not applied', () => {
      expect(parseIgnoreComment('# kmsguard:ignore', 'a.tf', 1)?.problem).to.equal('it gives no reason (# kmsguard:ignore <reason>)');
      expect(parseIgnoreComment('# kmsguard:ignore exp:2027-01-31', 'a.tf', 1)?.problem).to.equal('it gives no reason (# kmsguard:ignore <reason>)');
      expect(parseIgnoreComment('# kmsguard:ignore exp:2027-13-01 because', 'a.tf', 1)?.problem).to.equal(
        'its expiry "exp:2027-13-01" is not a date (exp:YYYY-MM-DD)',
      );
      expect(parseIgnoreComment('# kmsguard:ignore exp:2099-01-01 until the split exp:2020-01-01', 'a.tf', 1)?.problem).to.equal(
        'it gives more than one expiry (exp:YYYY-MM-DD)',
      );
    });

    it('is not an ignore unless the marker opens the comment', () => {
      expect(parseIgnoreComment('# see kmsguard:ignore docs', 'a.tf', 1)).to.equal(undefined);
      expect(parseIgnoreComment('# kmsguard:ignored thing', 'a.tf', 1)).to.equal(undefined);
      expect(parseIgnoreComment('/* kmsguard:ignore block comment */', 'a.tf', 1)).to.equal(undefined);
    });
  });

  it('suppresses the findings of the block below an ignore, and reports ignores that are expired, unusable or unused', async () => {
    const report = await check(PLAN, { sourceRoot: DIR, today: TODAY });
    const suppressed = Object.fromEntries(report.findings.map((f) => [f.address, f.suppressed ?? null]));
    expect(suppressed).to.deep.equal({
      'aws_iam_group_policy.no_reason': null,
      'aws_iam_policy.break_glass': { reason: 'the break-glass role is reviewed monthly' },
      'aws_iam_role_policy.shared': { reason: 'shared decrypt accepted until the key split', expires: '2099-12-31' },
      'aws_iam_user_policy.expired': null,
    });
    const file = `${DIR}/main.tf`;
    expect(report.warnings).to.deep.equal([
      { source: file, message: 'The kmsguard:ignore at line 35 expired on 2020-01-01 and no longer applies; it would match 1 finding.' },
      { source: file, message: 'The kmsguard:ignore at line 45 is not applied: it gives no reason (# kmsguard:ignore <reason>).' },
      { source: file, message: 'The kmsguard:ignore at line 55 matched no finding; remove it if it is no longer needed.' },
    ]);
    expect(report.summary.suppressed).to.equal(2);
    expect(report.summary.failing).to.equal(2);
  });

  it('applies an ignore through its expiry day and not after', async () => {
    const onTheDay = await check(PLAN, { sourceRoot: DIR, today: '2099-12-31' });
    expect(onTheDay.findings.find((f) => f.address === 'aws_iam_role_policy.shared')?.suppressed).to.deep.equal({
      reason: 'shared decrypt accepted until the key split',
      expires: '2099-12-31',
    });
    const after = await check(PLAN, { sourceRoot: DIR, today: '2100-01-01' });
    expect(after.findings.find((f) => f.address === 'aws_iam_role_policy.shared')?.suppressed).to.equal(undefined);
    expect(after.warnings.map((w) => w.message)).to.include(
      'The kmsguard:ignore at line 21 expired on 2099-12-31 and no longer applies; it would match 1 finding.',
    );
  });

  it('are turned off by inlineIgnores: false', async () => {
    const report = await check(PLAN, { sourceRoot: DIR, today: TODAY, inlineIgnores: false });
    expect(report.findings.map((f) => f.suppressed)).to.deep.equal([undefined, undefined, undefined, undefined]);
    expect(report.warnings).to.deep.equal([]);
    expect(report.findings.map((f) => f.location?.startLine)).to.deep.equal([51, 10, 22, 41]);
  });

  it('do nothing without a source root', async () => {
    const report = await check(PLAN, { today: TODAY });
    expect(report.findings.map((f) => f.suppressed)).to.deep.equal([undefined, undefined, undefined, undefined]);
    expect(report.warnings).to.deep.equal([]);
  });

  it('apply above a statement object inside jsonencode and above a data source, to every instance', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-ignores-'));
    try {
      cpSync(fixture('source', 'tree'), dir, { recursive: true });
      const main = path.join(dir, 'main.tf');
      const lines = readFileSync(main, 'utf8').split('\n');
      // Above line 31 (the granting statement object) and line 81 (data "aws_iam_policy_document" "base").
      lines.splice(80, 0, '# kmsguard:ignore the base document is reviewed by the platform team');
      lines.splice(30, 0, '      // kmsguard:ignore reports are public');
      writeFileSync(main, lines.join('\n'));
      const report = await check(path.join(dir, 'plan.json'), { sourceRoot: dir, today: TODAY });
      const suppressed = report.findings.filter((f) => f.suppressed !== undefined).map((f) => [f.address, f.suppressed!.reason]);
      expect(suppressed).to.deep.equal([
        ['aws_iam_policy.inline[0]', 'reports are public'],
        ['aws_iam_policy.inline[1]', 'reports are public'],
        ['aws_iam_user_policy.from_doc["alice"]', 'the base document is reviewed by the platform team'],
        ['aws_iam_user_policy.from_doc["bob"]', 'the base document is reviewed by the platform team'],
      ]);
      expect(report.warnings).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('placed where they would accept more than their block (ignores-misplaced)', () => {
    const dir = path.relative(repoRoot, fixture('source', 'ignores-misplaced'));
    const plan = path.join(dir, 'plan.json');

    it('after code on their line, are not applied: they belong to that code, not the block below', async () => {
      const report = await check(plan, { sourceRoot: dir, today: TODAY });
      const expired = report.findings.find((f) => f.address === 'aws_iam_user_policy.expired')!;
      expect([expired.location?.startLine, expired.suppressed]).to.deep.equal([50, undefined]);
      expect(report.warnings).to.deep.include({
        source: `${dir}/main.tf`,
        message:
          'The kmsguard:ignore at line 44 is not applied: it follows code on its line, which it belongs to; put it on a line of its own directly above the block.',
      });
    });

    it('above a statement, accept a finding only that statement grants, not one another statement grants too', async () => {
      const report = await check(plan, { sourceRoot: dir, today: TODAY });
      const byAddress = Object.fromEntries(report.findings.map((f) => [f.address, [f.statements.map((s) => s.index), f.suppressed ?? null]]));
      expect(byAddress).to.deep.include({ 'aws_iam_policy.break_glass': [[0, 1], null], 'aws_iam_role_policy.shared': [[1, 2], null] });
      const partly = (line: number, address: string) =>
        `The kmsguard:ignore at line ${line} is not applied: the finding of ${address} (policy) it is above comes from 1 other statement too; put it above the data source or resource block to accept the whole policy.`;
      expect(report.warnings.slice(0, 2)).to.deep.equal([
        { source: `${dir}/main.tf`, message: partly(10, 'aws_iam_policy.break_glass') },
        { source: `${dir}/main.tf`, message: partly(24, 'aws_iam_role_policy.shared') },
      ]);
      expect(report.summary.suppressed).to.equal(0);
    });
  });

  it('leave the reason of a config suppression that also matches in place', async () => {
    const report = await check(PLAN, {
      sourceRoot: DIR,
      today: TODAY,
      suppressions: [{ address: 'aws_iam_policy.break_glass', reason: 'from the config file' }],
    });
    expect(report.findings.find((f) => f.address === 'aws_iam_policy.break_glass')?.suppressed).to.deep.equal({ reason: 'from the config file' });
    expect(report.warnings.map((w) => w.message)).to.not.include('The kmsguard:ignore at line 5 matched no finding; remove it if it is no longer needed.');
  });
});
