import { expect } from 'chai';
import { check, CHECK_WORK_LIMIT, WORK_PER_POLICY } from '../lib/index.js';
import { fixture } from './support/paths.js';
import { policiesPlan, policyText } from '../bench/hostile-plans.js';

const insecure = fixture('cli', 'insecure.plan.json');

describe('check: the work budget per policy', () => {
  it('tells `judged` the steps each policy took, and a workLimit below them makes it invalid', async () => {
    const steps: Record<string, number> = {};
    const report = await check(insecure, {}, { judged: (policy, work) => (steps[`${policy.address} ${policy.policyPath}`] = work) });
    expect(report.findings.length).to.be.greaterThan(0);
    expect(Object.keys(steps).sort()).to.deep.equal(report.policies.map((p) => `${p.address} ${p.policyPath}`).sort());
    expect(Object.values(steps).every((n) => n > 0)).to.equal(true);

    const limited = await check(insecure, { workLimit: 1 });
    expect(limited.findings).to.deep.equal([]);
    expect(limited.unevaluated.map((u) => [u.address, u.reason, u.detail])).to.deep.equal(
      report.policies
        .filter((p) => p.outcome !== 'skipped')
        .map((p) => [
          p.address,
          'invalid',
          'Too complex to judge exactly (judging it takes more than 1 steps); simplify its Resource and NotResource patterns.',
        ]),
    );
  });

  it('bounds the whole check too: once its budget is spent, every policy left is invalid', async () => {
    // Three policies that each take a key search over many automaton states (more than WORK_PER_POLICY).
    const costly = policyText([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 'kms:*',
        Resource: [
          'arn:aws*:kms:*a*:*1*:key/*f*',
          'arn:aws*:kms:*h*:*3*:key/*l*',
          'arn:aws*:kms:*b*:*7*:key/*q*',
          'arn:aws*:kms:*c*:*5*:key/*r*',
          'arn:aws*:kms:*d*:*9*:key/*s*',
        ],
      },
    ]);
    const input = { source: 'plan.json', value: policiesPlan([costly, costly, costly]) };
    const steps: number[] = [];
    const report = await check(input, {}, { judged: (_, work) => steps.push(work) });
    expect(report.findings.map((f) => f.scope)).to.deep.equal(['all-keys', 'all-keys', 'all-keys']);
    expect(steps[0]).to.be.greaterThan(WORK_PER_POLICY);
    expect(CHECK_WORK_LIMIT).to.equal(100_000_000);
    // The check may take its limit plus WORK_PER_POLICY per policy: leave exactly enough for the first.
    const limited = await check(input, { checkWorkLimit: steps[0]! - WORK_PER_POLICY });
    expect(limited.findings.map((f) => f.address)).to.deep.equal(['aws_iam_policy.p0']);
    expect(limited.unevaluated.map((u) => [u.address, u.reason, u.detail])).to.deep.equal(
      ['aws_iam_policy.p1', 'aws_iam_policy.p2'].map((address) => [
        address,
        'invalid',
        `Too complex to judge exactly (judging the policies of this check takes more than ${steps[0]! + WORK_PER_POLICY * (address === 'aws_iam_policy.p1' ? 1 : 2)} steps); the policies judged before it used up that budget.`,
      ]),
    );
  });
});

describe('check: a plan that repeats an address in planned_values', () => {
  it('judges every entry, so a finding cannot hide behind a later clean one', async () => {
    const report = await check([fixture('terraform', 'plan-repeated-addresses.json')], {});
    expect(report.summary.policies).to.equal(4);
    expect(report.findings.map((f) => [f.address, f.ruleId])).to.deep.equal([
      ['aws_iam_policy.p', 'kms-decrypt-all-keys'],
      ['aws_iam_policy.q', 'kms-decrypt-all-keys'],
      ['aws_iam_policy.q', 'kms-grant-all-keys'],
    ]);
  });
});
