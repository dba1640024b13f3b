import { expect } from 'chai';
import { permissionsBoundaryOnly, skipPermissionsBoundaries } from '../../lib/extract/permissions-boundary.js';
import type { ResourceInstance } from '../../lib/terraform/types.js';
import type { PolicySource } from '../../lib/types.js';
import { loadPlan, planDocument } from './resolve/load.js';

const ARN = 'arn:aws:iam::111122223333:policy/boundary';

function resource(address: string, after: Record<string, unknown>, extra: Partial<ResourceInstance> = {}): ResourceInstance {
  const [type, name] = address.split('.') as [string, string];
  return { address, mode: 'managed', type, name, actions: [], after, before: null, ...extra };
}

const boundaryPolicy = (after: Record<string, unknown> = {}) =>
  resource('aws_iam_policy.boundary', { arn: ARN, name: 'boundary', path: '/', policy: '{}', ...after });
const boundedRole = (boundary: unknown = ARN) => resource('aws_iam_role.app', { name: 'app', permissions_boundary: boundary });

/** A state (no configuration): only known values tell. */
function boundaries(...resources: ResourceInstance[]): Record<string, string> {
  return Object.fromEntries(permissionsBoundaryOnly(planDocument(resources)));
}

describe('resolve: policies used only as permissions boundaries', () => {
  it('lists exactly the boundary-only policies of the plan fixture', () => {
    expect(Object.fromEntries(permissionsBoundaryOnly(loadPlan('permissions-boundary.plan.json')))).to.deep.equal({
      'aws_iam_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app',
      'aws_iam_policy.existing': 'used only as a permissions boundary by aws_iam_role.legacy',
      'aws_iam_policy.module_boundary': 'used only as a permissions boundary by module.svc.aws_iam_role.this',
      'aws_iam_policy.output_only': 'used only as a permissions boundary by aws_iam_role.reporter',
    });
  });

  it('lists none when an attachment takes its ARN from a value the plan cannot trace', () => {
    expect(permissionsBoundaryOnly(loadPlan('permissions-boundary-local.plan.json')).size).to.equal(0);
  });

  describe('from known values (states)', () => {
    it("skips a policy whose ARN is a role's or user's boundary, naming them all", () => {
      expect(boundaries(boundaryPolicy(), boundedRole(), resource('aws_iam_user.ops', { name: 'ops', permissions_boundary: ARN }))).to.deep.equal({
        'aws_iam_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app, aws_iam_user.ops',
      });
    });

    it('recognises the ARN from the name and path when the ARN is not known', () => {
      const policy = resource('aws_iam_policy.boundary', { name: 'boundary', path: '/team/' }, { afterUnknown: { arn: true } });
      expect(boundaries(policy, boundedRole('arn:aws:iam::111122223333:policy/team/boundary'))).to.deep.equal({
        'aws_iam_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app',
      });
      expect(boundaries(policy, boundedRole(ARN))).to.deep.equal({});
    });

    it('judges a policy no role or user uses as a boundary, or whose user is deleted', () => {
      expect(boundaries(boundaryPolicy(), boundedRole('arn:aws:iam::111122223333:policy/other'))).to.deep.equal({});
      expect(boundaries(boundaryPolicy(), { ...boundedRole(), actions: ['delete'], after: null })).to.deep.equal({});
    });

    const attached: [string, ResourceInstance][] = [
      ['a role policy attachment', resource('aws_iam_role_policy_attachment.a', { role: 'app', policy_arn: ARN })],
      ['a user policy attachment', resource('aws_iam_user_policy_attachment.a', { user: 'ops', policy_arn: ARN })],
      ['a group policy attachment', resource('aws_iam_group_policy_attachment.a', { group: 'g', policy_arn: ARN })],
      ['an exclusive policy attachment', resource('aws_iam_policy_attachment.a', { name: 'a', policy_arn: ARN })],
      ["a role's managed_policy_arns", resource('aws_iam_role.other', { name: 'other', managed_policy_arns: [ARN] })],
      ['exclusive role attachments', resource('aws_iam_role_policy_attachments_exclusive.a', { role_name: 'app', policy_arns: [ARN] })],
      ['exclusive user attachments', resource('aws_iam_user_policy_attachments_exclusive.a', { user_name: 'ops', policy_arns: [ARN] })],
      ['exclusive group attachments', resource('aws_iam_group_policy_attachments_exclusive.a', { group_name: 'g', policy_arns: [ARN] })],
      ["an awscc role's managed_policy_arns", resource('awscc_iam_role.other', { role_name: 'other', managed_policy_arns: [ARN] })],
      ["an awscc user's managed_policy_arns", resource('awscc_iam_user.other', { user_name: 'other', managed_policy_arns: [ARN] })],
      ["an awscc group's managed_policy_arns", resource('awscc_iam_group.other', { group_name: 'other', managed_policy_arns: [ARN] })],
      [
        "a permission set's customer managed policy attachment (by name)",
        resource('aws_ssoadmin_customer_managed_policy_attachment.a', { customer_managed_policy_reference: [{ name: 'boundary', path: '/' }] }),
      ],
      [
        "an awscc permission set's customer_managed_policy_references (by name)",
        resource('awscc_sso_permission_set.a', { customer_managed_policy_references: [{ name: 'other' }, { name: 'boundary', path: '/' }] }),
      ],
      [
        "an awscc permission set's customer managed policy reference whose name is not known",
        resource(
          'awscc_sso_permission_set.a',
          { customer_managed_policy_references: [{ name: null }] },
          { afterUnknown: { customer_managed_policy_references: [{ name: true }] } },
        ),
      ],
    ];
    for (const [what, attachment] of attached) {
      it(`judges a boundary policy attached by ${what}`, () => {
        expect(boundaries(boundaryPolicy(), boundedRole(), attachment)).to.deep.equal({});
      });
    }

    it('ignores attachments of other policies and AWS managed policies', () => {
      expect(
        boundaries(
          boundaryPolicy(),
          boundedRole(),
          resource('aws_iam_role_policy_attachment.a', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
          resource('aws_iam_role_policy_attachment.b', { role: 'app', policy_arn: 'arn:aws:iam::111122223333:policy/other' }),
          resource('aws_ssoadmin_customer_managed_policy_attachment.c', { customer_managed_policy_reference: [{ name: 'other', path: '/' }] }),
          resource('awscc_sso_permission_set.d', { customer_managed_policy_references: [{ name: 'other', path: '/' }], managed_policies: [ARN] }),
        ),
      ).to.deep.equal({ 'aws_iam_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app' });
    });

    it('judges a policy whose known attachment_count is above zero', () => {
      expect(boundaries(boundaryPolicy({ attachment_count: 1 }), boundedRole())).to.deep.equal({});
      expect(boundaries(boundaryPolicy({ attachment_count: 0 }), boundedRole())).to.deep.equal({
        'aws_iam_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app',
      });
    });

    it('treats an awscc managed policy that lists roles, users or groups as attached', () => {
      const awscc = (after: Record<string, unknown>, afterUnknown: unknown = {}) =>
        resource(
          'awscc_iam_managed_policy.boundary',
          { policy_arn: ARN, managed_policy_name: 'boundary', path: '/', policy_document: '{}', ...after },
          { afterUnknown },
        );
      expect(boundaries(awscc({ roles: null, users: null, groups: null }), boundedRole())).to.deep.equal({
        'awscc_iam_managed_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app',
      });
      expect(boundaries(awscc({ roles: ['app'] }), boundedRole())).to.deep.equal({});
      expect(boundaries(awscc({}, { groups: true }), boundedRole())).to.deep.equal({});
    });

    it('treats an unknown attachment without configuration as possibly attaching it', () => {
      const attachment = resource('aws_iam_role_policy_attachment.a', { role: 'app' }, { afterUnknown: { policy_arn: true } });
      expect(boundaries(boundaryPolicy(), boundedRole(), attachment)).to.deep.equal({});
    });
  });

  describe('from the configuration', () => {
    function planned(extraConfig: Record<string, unknown>[], extraResources: ResourceInstance[] = [], root: Record<string, unknown> = {}) {
      const policy = resource('aws_iam_policy.boundary', { name: 'boundary', path: '/', policy: '{}' }, { actions: ['create'], afterUnknown: { arn: true } });
      const role = resource('aws_iam_role.app', { name: 'app' }, { actions: ['create'], afterUnknown: { permissions_boundary: true } });
      const configuration = {
        root_module: {
          resources: [
            { address: 'aws_iam_policy.boundary', mode: 'managed', type: 'aws_iam_policy', name: 'boundary', expressions: {} },
            {
              address: 'aws_iam_role.app',
              mode: 'managed',
              type: 'aws_iam_role',
              name: 'app',
              expressions: { permissions_boundary: { references: ['aws_iam_policy.boundary.arn', 'aws_iam_policy.boundary'] } },
            },
            ...extraConfig,
          ],
          ...root,
        },
      };
      return Object.fromEntries(permissionsBoundaryOnly(planDocument([policy, role, ...extraResources], configuration)));
    }
    const skipped = { 'aws_iam_policy.boundary': 'used only as a permissions boundary by aws_iam_role.app' };
    const uses = (type: string, expressions: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      address: `${type}.x`,
      mode: type.startsWith('data.') ? 'data' : 'managed',
      type: type.replace(/^data\./, ''),
      name: 'x',
      expressions,
      ...extra,
    });
    const arnReference = { references: ['aws_iam_policy.boundary.arn', 'aws_iam_policy.boundary'] };

    it('skips a policy referenced only from permissions_boundary, policy documents, descriptions and data sources', () => {
      expect(planned([])).to.deep.equal(skipped);
      expect(
        planned([
          uses('aws_iam_role_policy', { policy: arnReference }),
          uses('aws_ssm_parameter', { description: arnReference, tags: arnReference }),
          uses('data.aws_iam_policy', { arn: arnReference }),
        ]),
      ).to.deep.equal(skipped);
    });

    it("skips a policy the configuration sets as a boundary even when the role's value is known to be null (a condition)", () => {
      const policy = resource('aws_iam_policy.boundary', { name: 'boundary', path: '/', policy: '{}' }, { actions: ['create'], afterUnknown: { arn: true } });
      const role = resource('aws_iam_role.app', { name: 'app', permissions_boundary: null }, { actions: ['create'] });
      const configuration = {
        root_module: {
          resources: [
            { address: 'aws_iam_policy.boundary', mode: 'managed', type: 'aws_iam_policy', name: 'boundary', expressions: {} },
            { address: 'aws_iam_role.app', mode: 'managed', type: 'aws_iam_role', name: 'app', expressions: { permissions_boundary: arnReference } },
          ],
        },
      };
      expect(Object.fromEntries(permissionsBoundaryOnly(planDocument([policy, role], configuration)))).to.deep.equal(skipped);
      const unset = { root_module: { resources: [configuration.root_module.resources[0], { ...configuration.root_module.resources[1], expressions: {} }] } };
      expect(Object.fromEntries(permissionsBoundaryOnly(planDocument([policy, role], unset)))).to.deep.equal({});
    });

    it('judges a policy referenced anywhere else: an attachment, a for_each, a module input used so', () => {
      expect(planned([uses('aws_iam_role_policy_attachment', { policy_arn: arnReference })])).to.deep.equal({});
      expect(planned([uses('aws_lambda_function', { environment: [{ variables: arnReference }] })])).to.deep.equal({});
      expect(
        planned([uses('aws_iam_role_policy_attachment', { policy_arn: { references: ['each.value'] } }, { for_each_expression: arnReference })]),
      ).to.deep.equal({});
      const call = (resources: Record<string, unknown>[], outputs: Record<string, unknown> = {}) => ({
        module_calls: { m: { source: './m', expressions: { arn: arnReference }, module: { resources, outputs } } },
      });
      expect(planned([], [], call([uses('aws_iam_role_policy_attachment', { policy_arn: { references: ['var.arn'] } })]))).to.deep.equal({});
      expect(planned([], [], call([], { out: { expression: { references: ['var.arn'] } } }))).to.deep.equal(skipped);
      expect(
        planned(
          [uses('aws_iam_user_policy_attachment', { policy_arn: { references: ['module.m.out', 'module.m'] } })],
          [],
          call([], { out: { expression: { references: ['var.arn'] } } }),
        ),
      ).to.deep.equal({});
    });

    it('judges a policy that an unknown attachment may name through a local value or a data source', () => {
      const attachment = resource('aws_iam_role_policy_attachment.x', { role: 'app' }, { actions: ['create'], afterUnknown: { policy_arn: true } });
      expect(planned([uses('aws_iam_role_policy_attachment', { policy_arn: { references: ['local.arn'] } })], [attachment])).to.deep.equal({});
      expect(
        planned([uses('aws_iam_role_policy_attachment', { policy_arn: { references: ['data.aws_iam_policy.p.arn', 'data.aws_iam_policy.p'] } })], [attachment]),
      ).to.deep.equal({});
      expect(
        planned([uses('aws_iam_role_policy_attachment', { policy_arn: { references: ['aws_iam_policy.other.arn', 'aws_iam_policy.other'] } })], [attachment]),
      ).to.deep.equal(skipped);
    });

    it("leaves a role's computed managed_policy_arns (not configured) out of the attachments", () => {
      const other = resource('aws_iam_role.other', { name: 'other' }, { actions: ['create'], afterUnknown: { managed_policy_arns: true } });
      expect(
        planned(
          [uses('aws_iam_role', {})].map((c) => ({ ...c, address: 'aws_iam_role.other', name: 'other' })),
          [other],
        ),
      ).to.deep.equal(skipped);
    });

    it("leaves an awscc permission set's computed customer_managed_policy_references out, and judges one the configuration builds from a local value", () => {
      const set = resource('awscc_sso_permission_set.x', { name: 'x' }, { actions: ['create'], afterUnknown: { customer_managed_policy_references: true } });
      expect(planned([uses('awscc_sso_permission_set', { name: { constant_value: 'x' } })], [set])).to.deep.equal(skipped);
      expect(planned([uses('awscc_sso_permission_set', { customer_managed_policy_references: { references: ['local.refs'] } })], [set])).to.deep.equal({});
    });
  });

  it('marks the sources of boundary-only policies skipped, and only their managed policy document', () => {
    const document = planDocument([boundaryPolicy(), boundedRole()]);
    const policySource = (address: string, resourceType: string, policyPath: string): PolicySource => ({
      address,
      resourceType,
      policyPath,
      changeActions: [],
      after: { kind: 'text', text: '{}' },
    });
    expect(
      skipPermissionsBoundaries(document, [
        policySource('aws_iam_policy.boundary', 'aws_iam_policy', 'policy'),
        policySource('aws_iam_role.app', 'aws_iam_role', 'inline_policy[0].policy'),
      ]),
    ).to.deep.equal([
      { ...policySource('aws_iam_policy.boundary', 'aws_iam_policy', 'policy'), skip: 'used only as a permissions boundary by aws_iam_role.app' },
      policySource('aws_iam_role.app', 'aws_iam_role', 'inline_policy[0].policy'),
    ]);
  });
});
