import { expect } from 'chai';
import { runCli } from '../support/run-cli.js';
import { fixture } from '../support/paths.js';

// The deferred-wide-grant example altered the way a hostile pull request could: 20 Allows of
// kms:Decrypt whose Resource is known only after apply, beside a Deny of 13 star patterns. Before
// the work budget it took a minute and half a gigabyte, then passed it as unknown.
const hostile = fixture('cli', 'hostile-star-patterns.plan.json');

describe('command line: a policy too complex to judge exactly', () => {
  it('is invalid and fails the run (exit 1), saying why', () => {
    const result = runCli(['--format', 'json', hostile]);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(1);
    const report = JSON.parse(result.stdout) as { findings: unknown[]; unevaluated: unknown[] };
    expect(report.findings).to.deep.equal([]);
    expect(report.unevaluated).to.deep.equal([
      {
        address: 'aws_iam_role_policy.exporter',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        source: hostile,
        reason: 'invalid',
        detail: 'Too complex to judge exactly (judging it takes more than 4000000 steps); simplify its Resource and NotResource patterns.',
      },
    ]);
  });

  it('fails the text report too, even with --fail-on never (invalid always fails)', () => {
    const result = runCli(['--fail-on', 'never', hostile]);
    expect(result.status).to.equal(1);
    expect(result.stdout).to.contain(
      'aws_iam_role_policy.exporter (policy) in ' + hostile + ', aws_iam_role_policy: invalid (fails the run): Too complex to judge exactly',
    );
  });
});
