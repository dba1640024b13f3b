import { expect } from 'chai';
import { awsccIamGroupExtractor } from '../../../lib/extract/resources/awscc-iam-group.js';
import { awsccIamGroupPolicyExtractor } from '../../../lib/extract/resources/awscc-iam-group-policy.js';
import { awsccIamManagedPolicyExtractor } from '../../../lib/extract/resources/awscc-iam-managed-policy.js';
import { awsccIamRoleExtractor } from '../../../lib/extract/resources/awscc-iam-role.js';
import { awsccIamRolePolicyExtractor } from '../../../lib/extract/resources/awscc-iam-role-policy.js';
import { awsccIamUserExtractor } from '../../../lib/extract/resources/awscc-iam-user.js';
import { awsccIamUserPolicyExtractor } from '../../../lib/extract/resources/awscc-iam-user-policy.js';
import { createExtractContext } from '../../../lib/extract/resolve/context.js';
import { awsccSsoPermissionSetExtractor } from '../../../lib/extract/resources/awscc-sso-permission-set.js';
import { ssoPermissionSetInlinePolicyExtractor } from '../../../lib/extract/resources/sso-permission-set-inline-policy.js';
import { extractorFor } from '../../../lib/extract/index.js';
import type { Extractor } from '../../../lib/extract/types.js';
import type { ResourceInstance } from '../../../lib/terraform/types.js';
import type { PolicySource } from '../../../lib/types.js';
import { planDocument, unknown } from '../resolve/load.js';

const TEXT = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}';
const OBJECT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] };

function resource(type: string, after: Record<string, unknown> | null, extra: Partial<ResourceInstance> = {}): ResourceInstance {
  return { address: `${type}.r`, mode: 'managed', type, name: 'r', actions: ['create'], after, before: null, ...extra };
}

function extract(extractor: Extractor, instance: ResourceInstance, configuration?: unknown): PolicySource[] {
  return extractor.extract(instance, createExtractContext(planDocument([instance], configuration)));
}

/** The awscc principals whose `policies` list holds inline policies. */
const POLICIES_LISTS: [string, Extractor][] = [
  ['awscc_iam_role', awsccIamRoleExtractor],
  ['awscc_iam_user', awsccIamUserExtractor],
  ['awscc_iam_group', awsccIamGroupExtractor],
];

const ONE_DOCUMENT: [string, Extractor, string][] = [
  ['aws_ssoadmin_permission_set_inline_policy', ssoPermissionSetInlinePolicyExtractor, 'inline_policy'],
  ['awscc_iam_managed_policy', awsccIamManagedPolicyExtractor, 'policy_document'],
  ['awscc_iam_role_policy', awsccIamRolePolicyExtractor, 'policy_document'],
  ['awscc_iam_user_policy', awsccIamUserPolicyExtractor, 'policy_document'],
  ['awscc_iam_group_policy', awsccIamGroupPolicyExtractor, 'policy_document'],
];

describe('resolve: SSO permission set and awscc extractors', () => {
  for (const [type, extractor, attribute] of ONE_DOCUMENT) {
    describe(type, () => {
      it('is the registered extractor of its type', () => expect(extractorFor(type)).to.equal(extractor));

      it(`reads ${attribute} as text, with the document before the plan`, () => {
        const instance = resource(type, { [attribute]: TEXT }, { actions: ['update'], before: { [attribute]: '{}' } });
        expect(extract(extractor, instance)).to.deep.equal([
          {
            address: `${type}.r`,
            resourceType: type,
            policyPath: attribute,
            changeActions: ['update'],
            after: { kind: 'text', text: TEXT },
            before: { kind: 'text', text: '{}' },
          },
        ]);
      });

      it(`reads ${attribute} not known until apply from what the plan knows`, () => {
        const instance = resource(type, {}, { afterUnknown: { [attribute]: true } });
        expect(extract(extractor, instance)[0]!.after).to.deep.equal({ kind: 'unknown', detail: `${attribute} is not known until apply` });
      });
    });
  }

  for (const [type, extractor] of ONE_DOCUMENT.slice(1)) {
    it(`${type}: reads a document given as an object, and one with unknown parts`, () => {
      expect(extract(extractor, resource(type, { policy_document: OBJECT }))[0]!.after).to.deep.equal({ kind: 'object', value: OBJECT });
      const holes = resource(
        type,
        { policy_document: { Version: '2012-10-17', Statement: [{ Effect: null, Action: ['kms:Decrypt', null], Resource: '*', Condition: null }] } },
        { afterUnknown: { policy_document: { Statement: [{ Effect: true, Action: [false, true], Condition: true }] } } },
      );
      expect(extract(extractor, holes)[0]!.after).to.deep.equal({
        kind: 'unknown',
        detail: 'policy_document is partly not known until apply',
        model: {
          statements: [
            {
              index: 0,
              pointer: '/Statement/0',
              effect: unknown('policy_document /Statement/0/Effect'),
              action: ['kms:Decrypt', unknown('policy_document /Statement/0/Action/1')],
              resource: ['*'],
              condition: unknown('policy_document /Statement/0/Condition'),
            },
          ],
        },
      });
    });
  }

  it('awscc: says what makes a document with unknown parts unreadable', () => {
    const instance = resource(
      'awscc_iam_group_policy',
      { policy_document: { Statement: [{ Effect: 'Allow', Action: null }] } },
      { afterUnknown: { policy_document: { Statement: [{ Action: true }] } } },
    );
    expect(extract(awsccIamGroupPolicyExtractor, instance)[0]!.after).to.deep.equal({
      kind: 'unknown',
      detail: 'policy_document is partly not known until apply, and not readable: Statement 0 (/Statement/0) has neither Resource nor NotResource.',
    });
  });

  it("awscc: names the references of the document's expression, and marks a hole that only a key ARN fills as one key", () => {
    const type = 'awscc_iam_role_policy';
    const instance = resource(
      type,
      { policy_document: { Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: [null], NotAction: undefined }] } },
      { afterUnknown: { policy_document: { Statement: [{ Resource: [true] }] } } },
    );
    const configuration = (references: string[]) => ({
      root_module: { resources: [{ address: `${type}.r`, mode: 'managed', type, name: 'r', expressions: { policy_document: { references } } }] },
    });
    const resourceOf = (references: string[]) =>
      (extract(awsccIamRolePolicyExtractor, instance, configuration(references))[0]!.after as unknown as { model: { statements: { resource: unknown }[] } })
        .model.statements[0]!.resource;
    expect(resourceOf(['aws_kms_key.k.arn', 'aws_kms_key.k'])).to.deep.equal([{ unknown: true, oneKey: true, detail: 'aws_kms_key.k.arn' }]);
    expect(resourceOf(['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'])).to.deep.equal([unknown('policy_document /Statement/0/Resource/0 (aws_s3_bucket.b.arn)')]);
  });

  for (const [type, extractor] of POLICIES_LISTS) {
    describe(type, () => {
      it('is the registered extractor of its type', () => expect(extractorFor(type)).to.equal(extractor));

      it('reads each policies entry, pairing it with the entry of the same name before the plan', () => {
        const instance = resource(
          type,
          {
            policies: [
              { policy_name: 'b', policy_document: TEXT },
              { policy_name: 'c', policy_document: OBJECT },
            ],
          },
          {
            actions: ['update'],
            before: {
              policies: [
                { policy_name: 'a', policy_document: '{"a":1}' },
                { policy_name: 'b', policy_document: '{"b":1}' },
              ],
            },
          },
        );
        expect(extract(extractor, instance)).to.deep.equal([
          {
            address: `${type}.r`,
            resourceType: type,
            policyPath: 'policies[0].policy_document',
            changeActions: ['update'],
            after: { kind: 'text', text: TEXT },
            before: { kind: 'text', text: '{"b":1}' },
          },
          {
            address: `${type}.r`,
            resourceType: type,
            policyPath: 'policies[1].policy_document',
            changeActions: ['update'],
            after: { kind: 'object', value: OBJECT },
            before: { kind: 'absent' },
          },
        ]);
      });

      it('reports nothing when the principal has no policies or they are computed and not configured', () => {
        expect(extract(extractor, resource(type, { policies: null }))).to.deep.equal([]);
        const computed = resource(type, {}, { afterUnknown: { policies: true } });
        const configured = (expressions: Record<string, unknown>) => ({
          root_module: { resources: [{ address: `${type}.r`, mode: 'managed', type: type, name: 'r', expressions }] },
        });
        expect(extract(extractor, computed, configured({ name: { constant_value: 'r' } }))).to.deep.equal([]);
        expect(extract(extractor, computed, configured({ policies: { references: ['local.policies'] } }))).to.deep.equal([
          {
            address: `${type}.r`,
            resourceType: type,
            policyPath: 'policies',
            changeActions: ['create'],
            after: { kind: 'unknown', detail: 'policies is not known until apply (built from local.policies)' },
          },
        ]);
        // Without a configuration to tell, unknown policies are reported.
        expect(extract(extractor, computed)).to.deep.equal([
          {
            address: `${type}.r`,
            resourceType: type,
            policyPath: 'policies',
            changeActions: ['create'],
            after: { kind: 'unknown', detail: 'policies is not known until apply' },
          },
        ]);
      });
    });
  }
  describe('awscc_sso_permission_set', () => {
    const type = 'awscc_sso_permission_set';
    const source = (after: unknown, extra: Record<string, unknown> = {}) => ({
      address: `${type}.r`,
      resourceType: type,
      policyPath: 'inline_policy',
      changeActions: ['create'],
      after,
      ...extra,
    });
    const configured = (expressions: Record<string, unknown>) => ({
      root_module: { resources: [{ address: `${type}.r`, mode: 'managed', type, name: 'r', expressions }] },
    });

    it('is the registered extractor of its type', () => expect(extractorFor(type)).to.equal(awsccSsoPermissionSetExtractor));

    it('reads inline_policy as text or object, with the document before the plan', () => {
      expect(extract(awsccSsoPermissionSetExtractor, resource(type, { inline_policy: TEXT }))).to.deep.equal([source({ kind: 'text', text: TEXT })]);
      const updated = resource(type, { inline_policy: OBJECT }, { actions: ['update'], before: { inline_policy: null } });
      expect(extract(awsccSsoPermissionSetExtractor, updated)).to.deep.equal([
        source({ kind: 'object', value: OBJECT }, { changeActions: ['update'], before: { kind: 'absent' } }),
      ]);
    });

    it('reports nothing when the permission set has no inline policy, or the provider computes it', () => {
      expect(extract(awsccSsoPermissionSetExtractor, resource(type, { inline_policy: null }))).to.deep.equal([]);
      expect(extract(awsccSsoPermissionSetExtractor, resource(type, { name: 'p' }))).to.deep.equal([]);
      const computed = resource(type, { inline_policy: null }, { afterUnknown: { inline_policy: true } });
      expect(extract(awsccSsoPermissionSetExtractor, computed, configured({ name: { constant_value: 'p' } }))).to.deep.equal([]);
    });

    it('reports an inline_policy not known until apply when the configuration sets it, or there is no configuration to tell', () => {
      const pending = resource(type, { inline_policy: null }, { afterUnknown: { inline_policy: true } });
      expect(extract(awsccSsoPermissionSetExtractor, pending, configured({ inline_policy: { references: ['local.policy'] } }))).to.deep.equal([
        source({ kind: 'unknown', detail: 'inline_policy is not known until apply (built from local.policy)' }),
      ]);
      expect(extract(awsccSsoPermissionSetExtractor, pending)).to.deep.equal([source({ kind: 'unknown', detail: 'inline_policy is not known until apply' })]);
    });
  });
});
