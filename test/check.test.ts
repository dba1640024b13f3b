import { expect } from 'chai';
import { check } from '../lib/index.js';
import { fixture } from './support/paths.js';

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
        .map((p) => [p.address, 'invalid', 'Too complex to judge exactly (judging it takes more than 1 steps); simplify its Resource and NotResource patterns.']),
    );
  });
});
