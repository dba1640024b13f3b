/**
 * Red-team verdicts of the principal view, decided before the fixture was first run: the built
 * command line judges test/fixtures/principals/red-team.v1.2.plan.json with the principal rule
 * alone, and every principal must get exactly this verdict.
 */
import { expect } from 'chai';
import type { MatchReason } from '../../lib/iam/types.js';
import type { Finding, Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const PLAN = fixture('principals', 'red-team.v1.2.plan.json');
const BOTH = ['kms:Decrypt', 'kms:ReEncryptFrom'];
const STAR: MatchReason[] = [
  { element: 'Action', values: ['*'] },
  { element: 'Resource', values: ['*'] },
];
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

interface Expected {
  readonly address: string;
  readonly actions: readonly string[];
  readonly introduced: boolean;
  readonly principal: Finding['principal'];
}

const FINDINGS: readonly Expected[] = [
  {
    address: 'aws_iam_role.admin',
    actions: BOTH,
    introduced: true,
    principal: {
      kind: 'role',
      name: 'admin',
      grants: [{ policy: ADMIN, via: 'aws_iam_role_policy_attachment.admin', statements: [{ index: 0, pointer: '/Statement/0', matched: STAR }] }],
    },
  },
  {
    address: 'aws_iam_role.power',
    actions: BOTH,
    introduced: true,
    principal: {
      kind: 'role',
      name: 'power',
      grants: [
        {
          policy: 'arn:aws:iam::aws:policy/PowerUserAccess',
          via: 'aws_iam_role_policy_attachment.power',
          statements: [
            {
              index: 0,
              pointer: '/Statement/0',
              matched: [
                { element: 'NotAction' as const, values: ['iam:*', 'organizations:*', 'account:*'] },
                { element: 'Resource' as const, values: ['*'] },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    address: 'aws_iam_user.dev',
    actions: BOTH,
    introduced: true,
    principal: {
      kind: 'user',
      name: 'dev',
      grants: [
        {
          policy: 'aws_iam_group_policy.wide (policy)',
          via: 'aws_iam_group.devs (inline)',
          statements: [{ index: 0, sid: 'Everything', pointer: '/Statement/0', matched: STAR }],
        },
      ],
    },
  },
  {
    address: 'aws_iam_group.devs',
    actions: BOTH,
    introduced: true,
    principal: {
      kind: 'group',
      name: 'devs',
      grants: [
        { policy: 'aws_iam_group_policy.wide (policy)', via: 'inline', statements: [{ index: 0, sid: 'Everything', pointer: '/Statement/0', matched: STAR }] },
      ],
    },
  },
  {
    // The Deny attached beside the exclusive attachments may be removed at apply: it removes nothing.
    address: 'aws_iam_role.exclusive',
    actions: ['kms:Decrypt'],
    introduced: true,
    principal: {
      kind: 'role',
      name: 'exclusive',
      grants: [
        {
          policy: 'aws_iam_policy.allow_kms (policy)',
          via: 'aws_iam_role_policy_attachments_exclusive.exclusive',
          statements: [
            {
              index: 0,
              sid: 'DecryptAll',
              pointer: '/Statement/0',
              matched: [
                { element: 'Action' as const, values: ['kms:Decrypt'] },
                { element: 'Resource' as const, values: ['*'] },
              ],
            },
          ],
        },
      ],
    },
  },
  {
    address: 'aws_iam_role.old',
    actions: BOTH,
    introduced: false,
    principal: {
      kind: 'role',
      name: 'old',
      grants: [{ policy: ADMIN, via: 'aws_iam_role_policy_attachment.old', statements: [{ index: 0, pointer: '/Statement/0', matched: STAR }] }],
    },
  },
  {
    // ReadOnlyAccess before, AdministratorAccess after.
    address: 'aws_iam_role.promoted',
    actions: BOTH,
    introduced: true,
    principal: {
      kind: 'role',
      name: 'promoted',
      grants: [{ policy: ADMIN, via: 'aws_iam_role_policy_attachment.promoted', statements: [{ index: 0, pointer: '/Statement/0', matched: STAR }] }],
    },
  },
  {
    address: 'aws_iam_role_policy_attachment.legacy',
    actions: BOTH,
    introduced: true,
    principal: {
      kind: 'role',
      name: 'legacy-role',
      outside: true,
      grants: [{ policy: ADMIN, via: 'aws_iam_role_policy_attachment.legacy', statements: [{ index: 0, pointer: '/Statement/0', matched: STAR }] }],
    },
  },
];

const CLEAN = ['aws_iam_role.readonly', 'aws_iam_role.bounded', 'aws_iam_role.bounded_managed', 'aws_iam_role.denied'];

describe('principals: red team', function () {
  this.timeout(20_000);
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

  it('finds exactly the principals decided beforehand, each high at all-keys', () => {
    const got = report.findings.map((f) => ({ address: f.address, actions: f.actions, introduced: f.introduced, principal: f.principal }));
    expect(got).to.deep.equal(FINDINGS);
    for (const finding of report.findings) {
      expect(finding).to.include({ ruleId: 'principal-decrypt-all-keys', severity: 'high', scope: 'all-keys', policyPath: 'identity policies' });
      expect(finding.statements).to.deep.equal([]);
    }
  });

  it('passes ReadOnlyAccess with SecurityAudit, a boundary without KMS (customer or AWS managed), and a Deny in another attached policy', () => {
    const outcomes = new Map(report.policies.map((p) => [p.address, p.outcome]));
    for (const address of CLEAN) expect(outcomes.get(address), address).to.equal('clean');
    expect(report.policies).to.have.length(CLEAN.length + FINDINGS.length + 1);
  });

  it('leaves a role with an attached ARN it does not know unevaluated (unknown), never passed', () => {
    expect(report.unevaluated).to.deep.equal([
      {
        address: 'aws_iam_role.unknown_arn',
        resourceType: 'aws_iam_role',
        policyPath: 'identity policies',
        source: PLAN,
        reason: 'unknown',
        detail:
          'aws_iam_role.unknown_arn (role "unknown-arn"): Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: arn:aws:iam::111122223333:policy/outside: arn:aws:iam::111122223333:policy/outside is not a policy of this plan, nor an AWS managed policy.',
      },
    ]);
  });

  it('says in the message which policy grants, how it is attached, and that a principal outside the plan was judged on what the plan attaches', () => {
    const byAddress = new Map(report.findings.map((f) => [f.address, f.message]));
    expect(byAddress.get('aws_iam_role.admin')).to.equal(
      `aws_iam_role.admin (role "admin") can use kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts its policies do not name, through ${ADMIN} (via aws_iam_role_policy_attachment.admin) statement 0.`,
    );
    expect(byAddress.get('aws_iam_role_policy_attachment.legacy')).to.equal(
      `role "legacy-role", not managed by this plan, can use kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts its policies do not name, through ${ADMIN} (via aws_iam_role_policy_attachment.legacy) statement 0. Only the policies this plan attaches to it (by aws_iam_role_policy_attachment.legacy) were judged; its other policies and its permissions boundary are not in the plan.`,
    );
  });

  it('is off by default: without --principals the fixture has only the per-policy findings', () => {
    const plain = JSON.parse(runCli(['--format', 'json', PLAN]).stdout) as Report;
    expect(plain.findings.filter((f) => f.principal !== undefined)).to.deep.equal([]);
    expect(plain.findings.map((f) => `${f.ruleId} ${f.address}`)).to.deep.equal([
      'kms-decrypt-all-keys aws_iam_group_policy.wide',
      'kms-grant-all-keys aws_iam_group_policy.wide',
      'kms-decrypt-all-keys aws_iam_policy.allow_kms',
    ]);
  });

  it('--principals adds the principal findings to the rules on by default', () => {
    const both = JSON.parse(runCli(['--principals', '--format', 'json', PLAN]).stdout) as Report;
    expect(both.findings.filter((f) => f.ruleId === 'principal-decrypt-all-keys').map((f) => f.address)).to.deep.equal(FINDINGS.map((f) => f.address));
    expect(both.findings.filter((f) => f.ruleId.startsWith('kms-decrypt')).map((f) => f.address)).to.deep.equal([
      'aws_iam_group_policy.wide',
      'aws_iam_policy.allow_kms',
    ]);
  });
});
