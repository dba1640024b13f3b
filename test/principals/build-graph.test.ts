/**
 * The principal graph from resources without a configuration (every value known): which
 * policies apply to which principal, and how.
 */
import { expect } from 'chai';
import { extractPolicies } from '../../lib/extract/index.js';
import { buildPrincipalGraph } from '../../lib/principals/index.js';
import type { PolicyDocument } from '../../lib/principals/types.js';
import type { ResourceInstance, TerraformDocument } from '../../lib/terraform/types.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

function resource(type: string, name: string, after: Record<string, unknown>, actions: readonly string[] = ['create']): ResourceInstance {
  return { address: `${type}.${name}`, mode: 'managed', type, name, actions, after, afterUnknown: {}, before: null };
}

function documentOf(resources: ResourceInstance[]): TerraformDocument {
  return { kind: 'plan', formatVersion: '1.2', resources, priorStateData: new Map() };
}

/** Each principal's policies as `via -> policy` (allows only marked), and its boundary. */
function summary(document: TerraformDocument) {
  const graph = buildPrincipalGraph(document, extractPolicies(document));
  const label = (d: PolicyDocument) => (d.kind === 'managed' ? d.arn : d.kind === 'plan' ? d.policySource.address : d.label);
  const principals = Object.fromEntries(
    [...graph.principals.values()].map((entry) => [
      entry.principal.address,
      {
        policies: entry.policies.map((p) => `${p.via} -> ${label(p.document)}${p.allowsOnly ? ' (allows only)' : ''}`),
        ...(entry.boundary ? { boundary: label(entry.boundary.document) } : {}),
      },
    ]),
  );
  const outside = graph.outside.map((o) => ({ kind: o.kind, name: o.name, attachments: o.attachments, policies: o.policies.map((p) => label(p.document)) }));
  return { principals, outside };
}

const policyDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] });

describe('principals: the graph', () => {
  it('aws_iam_policy_attachment attaches one policy to roles, users and groups, by name; unknown names are outside the plan', () => {
    const document = documentOf([
      resource('aws_iam_role', 'r', { name: 'r' }),
      resource('aws_iam_user', 'u', { name: 'u' }),
      resource('aws_iam_group', 'g', { name: 'g' }),
      resource('aws_iam_policy_attachment', 'all', { name: 'all', policy_arn: ADMIN, roles: ['r', 'elsewhere'], users: ['u'], groups: ['g'] }),
    ]);
    expect(summary(document)).to.deep.equal({
      principals: {
        'aws_iam_role.r': { policies: [`aws_iam_policy_attachment.all -> ${ADMIN}`] },
        'aws_iam_user.u': { policies: [`aws_iam_policy_attachment.all -> ${ADMIN}`] },
        'aws_iam_group.g': { policies: [`aws_iam_policy_attachment.all -> ${ADMIN}`] },
      },
      outside: [{ kind: 'role', name: 'elsewhere', attachments: ['aws_iam_policy_attachment.all'], policies: [ADMIN] }],
    });
  });

  it("a user gets its groups' policies through aws_iam_user_group_membership, after its own", () => {
    const document = documentOf([
      resource('aws_iam_user', 'u', { name: 'u' }),
      resource('aws_iam_group', 'g', { name: 'g' }),
      resource('aws_iam_group_policy_attachment', 'g', { group: 'g', policy_arn: ADMIN }),
      resource('aws_iam_user_policy_attachment', 'u', { user: 'u', policy_arn: READ }),
      resource('aws_iam_user_group_membership', 'u', { user: 'u', groups: ['g', 'other-group'] }),
    ]);
    expect(summary(document).principals['aws_iam_user.u']).to.deep.equal({
      policies: [`aws_iam_user_policy_attachment.u -> ${READ}`, `aws_iam_group.g (aws_iam_group_policy_attachment.g) -> ${ADMIN}`],
    });
  });

  it('a customer managed policy is found by its known ARN, and by path and name while its ARN is not known', () => {
    const known = resource('aws_iam_policy', 'known', { name: 'known', path: '/', arn: 'arn:aws:iam::111122223333:policy/known', policy: policyDoc });
    const pending = { ...resource('aws_iam_policy', 'pending', { name: 'pending', path: '/team/', policy: policyDoc }), afterUnknown: { arn: true } };
    const document = documentOf([
      resource('aws_iam_role', 'r', {
        name: 'r',
        managed_policy_arns: ['arn:aws:iam::111122223333:policy/known', 'arn:aws:iam::111122223333:policy/team/pending'],
      }),
      known,
      pending,
    ]);
    expect(summary(document).principals['aws_iam_role.r']).to.deep.equal({
      // No configuration says the role sets managed_policy_arns: its value may only reflect attachments made elsewhere.
      policies: [
        'aws_iam_role.r.managed_policy_arns -> aws_iam_policy.known (allows only)',
        'aws_iam_role.r.managed_policy_arns -> aws_iam_policy.pending (allows only)',
      ],
    });
  });

  it("inline policies: the role's own inline_policy, aws_iam_role_policy by role name; the boundary by ARN", () => {
    const document = documentOf([
      resource('aws_iam_role', 'r', {
        name: 'r',
        inline_policy: [{ name: 'own', policy: policyDoc }],
        permissions_boundary: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
      }),
      resource('aws_iam_role_policy', 'p', { name: 'p', role: 'r', policy: policyDoc }),
    ]);
    expect(summary(document).principals['aws_iam_role.r']).to.deep.equal({
      policies: ['inline -> aws_iam_role.r', 'inline -> aws_iam_role_policy.p'],
      boundary: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
    });
  });

  it('exclusive lists: other attachments and unlisted inline policies count only for their Allows', () => {
    const document = documentOf([
      resource('aws_iam_role', 'r', { name: 'r' }),
      resource('aws_iam_role_policy_attachments_exclusive', 'r', { role_name: 'r', policy_arns: [READ] }),
      resource('aws_iam_role_policy_attachment', 'extra', { role: 'r', policy_arn: ADMIN }),
      resource('aws_iam_role_policies_exclusive', 'r', { role_name: 'r', policy_names: ['kept'] }),
      resource('aws_iam_role_policy', 'kept', { name: 'kept', role: 'r', policy: policyDoc }),
      resource('aws_iam_role_policy', 'dropped', { name: 'dropped', role: 'r', policy: policyDoc }),
    ]);
    expect(summary(document).principals['aws_iam_role.r']!.policies.sort()).to.deep.equal([
      `aws_iam_role_policy_attachment.extra -> ${ADMIN} (allows only)`,
      `aws_iam_role_policy_attachments_exclusive.r -> ${READ}`,
      'inline -> aws_iam_role_policy.dropped (allows only)',
      'inline -> aws_iam_role_policy.kept',
    ]);
  });

  it('leaves out principals and attachments the plan deletes', () => {
    const document = documentOf([
      resource('aws_iam_role', 'gone', { name: 'gone' }, ['delete']),
      resource('aws_iam_role', 'r', { name: 'r' }),
      resource('aws_iam_role_policy_attachment', 'gone', { role: 'r', policy_arn: ADMIN }, ['delete']),
    ]);
    expect(summary(document)).to.deep.equal({ principals: { 'aws_iam_role.r': { policies: [] } }, outside: [] });
  });

  it("awscc: managed_policy_arns on the role, a managed policy attaching itself by roles, a user's groups", () => {
    const document = documentOf([
      resource('awscc_iam_role', 'r', { role_name: 'r', managed_policy_arns: [ADMIN] }),
      resource('awscc_iam_user', 'u', { user_name: 'u', groups: ['g'] }),
      resource('awscc_iam_group', 'g', { group_name: 'g' }),
      resource('awscc_iam_managed_policy', 'm', { managed_policy_name: 'm', policy_document: policyDoc, roles: ['r'], groups: ['g'] }),
    ]);
    expect(summary(document).principals).to.deep.equal({
      'awscc_iam_role.r': {
        policies: [`awscc_iam_role.r.managed_policy_arns -> ${ADMIN} (allows only)`, 'awscc_iam_managed_policy.m.roles -> awscc_iam_managed_policy.m'],
      },
      'awscc_iam_user.u': { policies: ['awscc_iam_group.g (awscc_iam_managed_policy.m.groups) -> awscc_iam_managed_policy.m'] },
      'awscc_iam_group.g': { policies: ['awscc_iam_managed_policy.m.groups -> awscc_iam_managed_policy.m'] },
    });
  });
  it("awscc: a user's and a group's own policies list, and the group's reaching its member", () => {
    const document = documentOf([
      resource('awscc_iam_user', 'u', { user_name: 'u', groups: ['g'], policies: [{ policy_name: 'own', policy_document: policyDoc }] }),
      resource('awscc_iam_group', 'g', { group_name: 'g', policies: [{ policy_name: 'shared', policy_document: JSON.parse(policyDoc) }] }),
    ]);
    expect(summary(document).principals).to.deep.equal({
      'awscc_iam_user.u': { policies: ['inline -> awscc_iam_user.u', 'awscc_iam_group.g (inline) -> awscc_iam_group.g'] },
      'awscc_iam_group.g': { policies: ['inline -> awscc_iam_group.g'] },
    });
  });
});
