/**
 * Policy variables in the principal view, decided before the fixture was first run: the
 * principal's documents are judged together with one `${aws:PrincipalAccount}` (the principal's
 * own account, the same in all of them), and each document's Version says whether its `${...}`
 * are variables or literal text (README, "Semantics in short").
 */
import { expect } from 'chai';
import type { Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const PLAN = fixture('principals', 'policy-variables.v1.2.plan.json');

describe('principals: policy variables', () => {
  let result: CliResult;
  let report: Report;

  before(() => {
    result = runCli(['--rule', 'principal-decrypt', '--format', 'json', PLAN]);
    report = JSON.parse(result.stdout) as Report;
  });

  it('exits 1 (findings) with nothing on stderr', () => {
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(1);
  });

  it("reads ${aws:PrincipalAccount} as one account across a principal's policies: an Allow of its account and another policy's Deny outside 111122223333", () => {
    const finding = report.findings.find((f) => f.address === 'aws_iam_role.guarded');
    expect(finding).to.deep.include({ scope: 'account-keys', actions: ['kms:Decrypt'], reading: 'with ${aws:PrincipalAccount} = 111122223333' });
    expect(finding!.principal!.grants.map((grant) => grant.policy)).to.deep.equal(['aws_iam_role_policy.guarded_allow (policy)']);
    expect(finding!.message).to.contain('(with ${aws:PrincipalAccount} = 111122223333)');
  });

  it('reads a per-request variable as any account', () => {
    expect(report.findings.find((f) => f.address === 'aws_iam_role.tagged')).to.deep.include({ scope: 'all-keys', actions: ['kms:Decrypt'] });
  });

  it('reads ${...} of a 2008-10-17 document as literal text, which matches no key', () => {
    expect(report.findings.map((f) => f.address).sort()).to.deep.equal(['aws_iam_role.guarded', 'aws_iam_role.tagged']);
    expect(report.policies.find((p) => p.address === 'aws_iam_role.legacy')).to.deep.include({ outcome: 'clean' });
  });

  it('names the reading in the text report', () => {
    const text = runCli(['--rule', 'principal-decrypt', '--format', 'text', PLAN]);
    expect(text.stdout).to.contain('  why: judged with ${aws:PrincipalAccount} = 111122223333\n');
  });
});
