/**
 * Permission sets in the principal graph, from resources without a configuration (every value
 * known): attachments by permission set ARN, customer managed policies by path and name, the
 * boundary, and exclusive attachment lists.
 */
import { expect } from 'chai';
import { extractPolicies } from '../../lib/extract/index.js';
import { buildPrincipalGraph } from '../../lib/principals/index.js';
import type { PolicyDocument } from '../../lib/principals/types.js';
import type { ResourceInstance, TerraformDocument } from '../../lib/terraform/types.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const PS = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-0000000000000001';
const OTHER_PS = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-0000000000000002';
const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] });

function resource(type: string, name: string, after: Record<string, unknown>): ResourceInstance {
  return { address: `${type}.${name}`, mode: 'managed', type, name, actions: ['create'], after, afterUnknown: {}, before: null };
}

function graphOf(resources: ResourceInstance[]) {
  const document: TerraformDocument = { kind: 'plan', formatVersion: '1.2', resources, priorStateData: new Map() };
  const graph = buildPrincipalGraph(document, extractPolicies(document));
  const label = (d: PolicyDocument) => (d.kind === 'managed' ? d.arn : d.kind === 'plan' ? d.policySource.address : `unknown ${d.label}`);
  return {
    principals: Object.fromEntries(
      [...graph.principals.values()].map((entry) => [
        entry.principal.address,
        {
          kind: entry.principal.kind,
          policies: entry.policies.map((p) => `${p.via} -> ${label(p.document)}${p.allowsOnly ? ' (allows only)' : ''}`),
          ...(entry.boundary ? { boundary: label(entry.boundary.document) } : {}),
        },
      ]),
    ),
    outside: graph.outside.map((o) => ({ kind: o.kind, name: o.name, attachments: o.attachments })),
  };
}

const permissionSet = (name: string, arn: string) => resource('aws_ssoadmin_permission_set', name, { name, arn });
const reference = (name: string, path?: string) => [{ name, ...(path !== undefined ? { path } : {}) }];

describe('principals: permission sets in the graph', () => {
  it('finds a permission set by its ARN, never by the last part of it; another ARN is a permission set outside the plan', () => {
    const graph = graphOf([
      permissionSet('ps-0000000000000002', PS),
      resource('aws_ssoadmin_managed_policy_attachment', 'mine', { permission_set_arn: PS, managed_policy_arn: ADMIN }),
      resource('aws_ssoadmin_managed_policy_attachment', 'other', { permission_set_arn: OTHER_PS, managed_policy_arn: READ }),
    ]);
    expect(graph).to.deep.equal({
      principals: {
        'aws_ssoadmin_permission_set.ps-0000000000000002': { kind: 'permission-set', policies: [`aws_ssoadmin_managed_policy_attachment.mine -> ${ADMIN}`] },
      },
      outside: [{ kind: 'permission-set', name: OTHER_PS, attachments: ['aws_ssoadmin_managed_policy_attachment.other'] }],
    });
  });

  it('matches a customer managed policy reference by path and name (path "/" when left out), whether or not its ARN is known', () => {
    const graph = graphOf([
      permissionSet('ps', PS),
      resource('aws_iam_policy', 'known_arn', { name: 'known', path: '/team/', policy: doc, arn: 'arn:aws:iam::111122223333:policy/team/known' }),
      resource('aws_iam_policy', 'root', { name: 'root', path: '/', policy: doc }),
      resource('aws_ssoadmin_customer_managed_policy_attachment', 'a', {
        permission_set_arn: PS,
        customer_managed_policy_reference: reference('known', '/team/'),
      }),
      resource('aws_ssoadmin_customer_managed_policy_attachment', 'b', { permission_set_arn: PS, customer_managed_policy_reference: reference('root') }),
    ]);
    expect(graph.principals['aws_ssoadmin_permission_set.ps']!.policies).to.deep.equal([
      'aws_ssoadmin_customer_managed_policy_attachment.a -> aws_iam_policy.known_arn',
      'aws_ssoadmin_customer_managed_policy_attachment.b -> aws_iam_policy.root',
    ]);
  });

  it('a reference whose path differs from the plan policy of that name is a policy the plan does not show (unknown)', () => {
    const graph = graphOf([
      permissionSet('ps', PS),
      resource('aws_iam_policy', 'p', { name: 'reader', path: '/team/', policy: doc }),
      resource('aws_ssoadmin_customer_managed_policy_attachment', 'a', { permission_set_arn: PS, customer_managed_policy_reference: reference('reader', '/') }),
    ]);
    expect(graph.principals['aws_ssoadmin_permission_set.ps']!.policies).to.deep.equal([
      'aws_ssoadmin_customer_managed_policy_attachment.a -> unknown customer managed policy /reader',
    ]);
  });

  it('two plan policies of the same path and name (e.g. in two accounts) both apply, for their Allows only', () => {
    const graph = graphOf([
      permissionSet('ps', PS),
      resource('aws_iam_policy', 'one', { name: 'reader', path: '/', policy: doc }),
      resource('aws_iam_policy', 'two', { name: 'reader', path: '/', policy: doc }),
      resource('aws_ssoadmin_customer_managed_policy_attachment', 'a', { permission_set_arn: PS, customer_managed_policy_reference: reference('reader', '/') }),
    ]);
    expect(graph.principals['aws_ssoadmin_permission_set.ps']!.policies).to.deep.equal([
      'aws_ssoadmin_customer_managed_policy_attachment.a -> aws_iam_policy.one (allows only)',
      'aws_ssoadmin_customer_managed_policy_attachment.a -> aws_iam_policy.two (allows only)',
    ]);
  });

  it('the boundary attachment: an AWS managed ARN, a customer reference; two boundaries for one set are unknown', () => {
    const boundary = (name: string, set: string, value: Record<string, unknown>) =>
      resource('aws_ssoadmin_permissions_boundary_attachment', name, { permission_set_arn: set, permissions_boundary: [value] });
    const graph = graphOf([
      permissionSet('managed', PS),
      permissionSet('customer', OTHER_PS),
      permissionSet('twice', 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-0000000000000003'),
      resource('aws_iam_policy', 'b', { name: 'boundary', path: '/', policy: doc }),
      boundary('managed', PS, { managed_policy_arn: READ, customer_managed_policy_reference: [] }),
      boundary('customer', OTHER_PS, { managed_policy_arn: '', customer_managed_policy_reference: reference('boundary', '/') }),
      boundary('twice_a', 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-0000000000000003', { managed_policy_arn: READ }),
      boundary('twice_b', 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-0000000000000003', { managed_policy_arn: ADMIN }),
    ]);
    expect(graph.principals['aws_ssoadmin_permission_set.managed']!.boundary).to.equal(READ);
    expect(graph.principals['aws_ssoadmin_permission_set.customer']!.boundary).to.equal('aws_iam_policy.b');
    expect(graph.principals['aws_ssoadmin_permission_set.twice']!.boundary).to.equal('unknown one of several policies');
  });

  it('an exclusive managed policy list leaves the set’s other attachments their Allows only', () => {
    const graph = graphOf([
      permissionSet('ps', PS),
      resource('aws_ssoadmin_managed_policy_attachment', 'admin', { permission_set_arn: PS, managed_policy_arn: ADMIN }),
      resource('aws_ssoadmin_managed_policy_attachments_exclusive', 'only', { permission_set_arn: PS, managed_policy_arns: [READ] }),
    ]);
    expect(graph.principals['aws_ssoadmin_permission_set.ps']!.policies).to.deep.equal([
      `aws_ssoadmin_managed_policy_attachment.admin -> ${ADMIN} (allows only)`,
      `aws_ssoadmin_managed_policy_attachments_exclusive.only -> ${READ}`,
    ]);
  });

  it('awscc: its own managed_policies, customer_managed_policy_references and inline_policy, and a boundary reference', () => {
    const graph = graphOf([
      resource('aws_iam_policy', 'p', { name: 'reader', path: '/', policy: doc }),
      resource('awscc_sso_permission_set', 'cc', {
        name: 'cc',
        permission_set_arn: PS,
        managed_policies: [ADMIN],
        customer_managed_policy_references: reference('reader', '/'),
        inline_policy: doc,
        permissions_boundary: { managed_policy_arn: null, customer_managed_policy_reference: { name: 'reader', path: '/' } },
      }),
    ]);
    // No configuration in this plan: the own attributes count for their Allows only (they may reflect attachments made elsewhere).
    expect(graph.principals['awscc_sso_permission_set.cc']).to.deep.equal({
      kind: 'permission-set',
      policies: [
        'inline -> awscc_sso_permission_set.cc',
        `awscc_sso_permission_set.cc.managed_policies -> ${ADMIN} (allows only)`,
        'awscc_sso_permission_set.cc.customer_managed_policy_references -> aws_iam_policy.p (allows only)',
      ],
      boundary: 'aws_iam_policy.p',
    });
  });
});
