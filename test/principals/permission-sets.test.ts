/**
 * IAM Identity Center permission sets as principals, decided before the fixture was first run:
 * test/fixtures/principals/permission-sets.v1.2.plan.json (made for these tests) holds permission
 * sets of both providers with AWS managed policies, customer managed policies referenced by path
 * and name, inline policies and permissions boundaries, judged through check() and the built
 * command line.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { check } from '../../lib/check.js';
import type { MatchReason } from '../../lib/iam/types.js';
import type { Finding, Report } from '../../lib/types.js';
import { loadFormatter } from '../../lib/report/index.js';
import { fixture, schemasDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const PLAN = fixture('principals', 'permission-sets.v1.2.plan.json');
const BOTH = ['kms:Decrypt', 'kms:ReEncryptFrom'];
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const OUTSIDE = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-9999999999999999';
const STAR: MatchReason[] = [
  { element: 'Action', values: ['*'] },
  { element: 'Resource', values: ['*'] },
];
const ACCOUNT_STATEMENT = {
  index: 0,
  sid: 'AccountKeys',
  pointer: '/Statement/0',
  matched: [
    { element: 'Action', values: ['kms:Decrypt'] },
    { element: 'Resource', values: ['arn:aws:kms:*:111122223333:key/*'] },
  ] as MatchReason[],
};
const ACCOUNT_POLICY = 'aws_iam_policy.account_decrypt (policy)';

interface Expected {
  readonly ruleId: string;
  readonly resourceType: string;
  readonly actions: readonly string[];
  readonly principal: Finding['principal'];
}

const adminGrant = (via: string) => ({ policy: ADMIN, via, statements: [{ index: 0, pointer: '/Statement/0', matched: STAR }] });

const FINDINGS: Readonly<Record<string, Expected>> = {
  'aws_ssoadmin_permission_set.admin': {
    ruleId: 'principal-decrypt-all-keys',
    resourceType: 'aws_ssoadmin_permission_set',
    actions: BOTH,
    principal: { kind: 'permission-set', name: 'Admin', grants: [adminGrant('aws_ssoadmin_managed_policy_attachment.admin')] },
  },
  'aws_ssoadmin_permission_set.reader': {
    ruleId: 'principal-decrypt-account-keys',
    resourceType: 'aws_ssoadmin_permission_set',
    actions: ['kms:Decrypt'],
    principal: {
      kind: 'permission-set',
      name: 'Reader',
      grants: [{ policy: ACCOUNT_POLICY, via: 'aws_ssoadmin_customer_managed_policy_attachment.reader', statements: [ACCOUNT_STATEMENT] }],
    },
  },
  'aws_ssoadmin_permission_set.legacy': {
    ruleId: 'principal-decrypt-all-keys',
    resourceType: 'aws_ssoadmin_permission_set',
    actions: BOTH,
    principal: {
      kind: 'permission-set',
      name: 'Legacy',
      grants: [
        {
          policy: POWER,
          via: 'aws_ssoadmin_managed_policy_attachment.legacy',
          statements: [
            {
              index: 0,
              pointer: '/Statement/0',
              matched: [
                { element: 'NotAction', values: ['iam:*', 'organizations:*', 'account:*'] },
                { element: 'Resource', values: ['*'] },
              ],
            },
          ],
        },
      ],
    },
  },
  'awscc_sso_permission_set.cc_admin': {
    ruleId: 'principal-decrypt-all-keys',
    resourceType: 'awscc_sso_permission_set',
    actions: BOTH,
    principal: { kind: 'permission-set', name: 'CcAdmin', grants: [adminGrant('awscc_sso_permission_set.cc_admin.managed_policies')] },
  },
  'awscc_sso_permission_set.cc_reader': {
    ruleId: 'principal-decrypt-account-keys',
    resourceType: 'awscc_sso_permission_set',
    actions: ['kms:Decrypt'],
    principal: {
      kind: 'permission-set',
      name: 'CcReader',
      grants: [{ policy: ACCOUNT_POLICY, via: 'awscc_sso_permission_set.cc_reader.customer_managed_policy_references', statements: [ACCOUNT_STATEMENT] }],
    },
  },
  'aws_ssoadmin_managed_policy_attachment.outside': {
    ruleId: 'principal-decrypt-all-keys',
    resourceType: 'aws_ssoadmin_managed_policy_attachment',
    actions: BOTH,
    principal: { kind: 'permission-set', name: OUTSIDE, outside: true, grants: [adminGrant('aws_ssoadmin_managed_policy_attachment.outside')] },
  },
};

const CLEAN = ['aws_ssoadmin_permission_set.bounded', 'awscc_sso_permission_set.cc_bounded'];

const MISSING_DETAIL =
  'aws_ssoadmin_permission_set.missing (permission set "Missing"): Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: ' +
  'customer managed policy /not-in-plan: aws_ssoadmin_customer_managed_policy_attachment.missing names /not-in-plan, not a policy of this plan: ' +
  'the policy of that name in each account the permission set is provisioned to.';

const principalFindings = (report: Report) => report.findings.filter((f) => f.principal !== undefined);

describe('principals: IAM Identity Center permission sets', function () {
  this.timeout(20_000);
  let report: Report;

  before(async () => {
    report = await check(PLAN, { principals: true });
  });

  it('finds exactly the permission sets decided beforehand, with the policies that grant and how each is attached', () => {
    const got = Object.fromEntries(
      principalFindings(report).map((f) => [f.address, { ruleId: f.ruleId, resourceType: f.resourceType, actions: f.actions, principal: f.principal }]),
    );
    expect(got).to.deep.equal(FINDINGS);
    for (const finding of principalFindings(report)) {
      expect(finding).to.include({ policyPath: 'identity policies', introduced: true });
      expect(finding.statements).to.deep.equal([]);
    }
  });

  it('passes AdministratorAccess within a boundary that allows only s3 (attached by reference, or set on the awscc permission set)', () => {
    const outcomes = new Map(report.policies.filter((p) => p.policyPath === 'identity policies').map((p) => [p.address, p.outcome]));
    for (const address of CLEAN) expect(outcomes.get(address), address).to.equal('clean');
    expect(outcomes.get('aws_ssoadmin_permission_set.missing')).to.equal('unevaluated');
    expect([...outcomes.keys()].sort()).to.deep.equal([...CLEAN, ...Object.keys(FINDINGS), 'aws_ssoadmin_permission_set.missing'].sort());
  });

  it('leaves a customer managed policy reference the plan does not hold unknown, never passed', () => {
    expect(report.unevaluated).to.deep.equal([
      {
        address: 'aws_ssoadmin_permission_set.missing',
        resourceType: 'aws_ssoadmin_permission_set',
        policyPath: 'identity policies',
        source: PLAN,
        reason: 'unknown',
        detail: MISSING_DETAIL,
      },
    ]);
  });

  it('names the permission set, the policy and the attachment in the message', () => {
    const messages = new Map(report.findings.map((f) => [f.address, f.message]));
    expect(messages.get('aws_ssoadmin_permission_set.reader')).to.equal(
      'aws_ssoadmin_permission_set.reader (permission set "Reader") can use kms:Decrypt on KMS keys in regions its policies do not name (in the accounts they name), ' +
        `through ${ACCOUNT_POLICY} (via aws_ssoadmin_customer_managed_policy_attachment.reader) statement 0 "AccountKeys".`,
    );
    expect(messages.get('aws_ssoadmin_managed_policy_attachment.outside')).to.equal(
      `permission set ${JSON.stringify(OUTSIDE)}, not managed by this plan, can use kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts its policies do not name, ` +
        `through ${ADMIN} (via aws_ssoadmin_managed_policy_attachment.outside) statement 0. ` +
        'Only the policies this plan attaches to it (by aws_ssoadmin_managed_policy_attachment.outside) were judged; its other policies and its permissions boundary are not in the plan.',
    );
  });

  it('json: valid against the report schema, with principal.kind "permission-set"; markdown names the kind "permission set"', async () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')));
    const json = JSON.parse((await loadFormatter('json'))(report, { color: false }));
    expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
    expect((await loadFormatter('markdown'))(report, { color: false })).to.contain('Principal permission set "Reader"');
  });

  it('leaves the per-policy rules as they were: only the account-keys customer managed policy, the inline policies name their key', () => {
    expect(report.findings.filter((f) => f.principal === undefined).map((f) => `${f.ruleId} ${f.address}`)).to.deep.equal([
      'kms-decrypt-account-keys aws_iam_policy.account_decrypt',
    ]);
  });
});

describe('principals: IAM Identity Center permission sets on the command line', function () {
  this.timeout(20_000);

  it('without --principals, AdministratorAccess on a permission set passes --fail-on high unseen (exit 0)', () => {
    const result = runCli(['--fail-on', 'high', '--format', 'json', PLAN]);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
    expect(principalFindings(JSON.parse(result.stdout) as Report)).to.deep.equal([]);
  });

  it('with --principals it fails (exit 1) on the permission sets', () => {
    const result = runCli(['--principals', '--fail-on', 'high', '--format', 'json', PLAN]);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(principalFindings(report).map((f) => f.address)).to.have.members(Object.keys(FINDINGS));
    expect(report.summary.failing).to.equal(Object.values(FINDINGS).filter((f) => f.ruleId.endsWith('all-keys')).length);
  });

  it('the unknown customer managed policy fails the run under --strict alone (exit 1), and passes --fail-on never without it (exit 0)', () => {
    expect(runCli(['--rule', 'principal-decrypt', '--fail-on', 'never', PLAN]).status).to.equal(0);
    const strict = runCli(['--rule', 'principal-decrypt', '--fail-on', 'never', '--strict', '--format', 'json', PLAN]);
    expect(strict.stderr).to.equal('');
    expect(strict.status).to.equal(1);
    expect((JSON.parse(strict.stdout) as Report).unevaluated.map((u) => u.detail)).to.deep.equal([MISSING_DETAIL]);
  });

  it('the text report names the kind as "permission set"', () => {
    const text = runCli(['--rule', 'principal-decrypt', '--no-color', PLAN]).stdout;
    expect(text).to.contain('principal permission set "Admin"');
    expect(text).to.contain(`principal permission set ${JSON.stringify(OUTSIDE)}, not managed by this plan`);
  });
});
