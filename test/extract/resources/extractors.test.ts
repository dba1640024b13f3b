import { expect } from 'chai';
import { awsccIamGroupPolicyExtractor } from '../../../lib/extract/resources/awscc-iam-group-policy.js';
import { awsccIamManagedPolicyExtractor } from '../../../lib/extract/resources/awscc-iam-managed-policy.js';
import { awsccIamRoleExtractor } from '../../../lib/extract/resources/awscc-iam-role.js';
import { awsccIamRolePolicyExtractor } from '../../../lib/extract/resources/awscc-iam-role-policy.js';
import { awsccIamUserPolicyExtractor } from '../../../lib/extract/resources/awscc-iam-user-policy.js';
import { createExtractContext } from '../../../lib/extract/resolve/context.js';
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

  describe('awscc_iam_role', () => {
    it('is the registered extractor of its type', () => expect(extractorFor('awscc_iam_role')).to.equal(awsccIamRoleExtractor));

    it('reads each policies entry, pairing it with the entry of the same name before the plan', () => {
      const instance = resource(
        'awscc_iam_role',
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
      expect(extract(awsccIamRoleExtractor, instance)).to.deep.equal([
        {
          address: 'awscc_iam_role.r',
          resourceType: 'awscc_iam_role',
          policyPath: 'policies[0].policy_document',
          changeActions: ['update'],
          after: { kind: 'text', text: TEXT },
          before: { kind: 'text', text: '{"b":1}' },
        },
        {
          address: 'awscc_iam_role.r',
          resourceType: 'awscc_iam_role',
          policyPath: 'policies[1].policy_document',
          changeActions: ['update'],
          after: { kind: 'object', value: OBJECT },
          before: { kind: 'absent' },
        },
      ]);
    });

    it('reports nothing when the role has no policies or they are computed and not configured', () => {
      expect(extract(awsccIamRoleExtractor, resource('awscc_iam_role', { policies: null }))).to.deep.equal([]);
      const computed = resource('awscc_iam_role', {}, { afterUnknown: { policies: true } });
      const configured = (expressions: Record<string, unknown>) => ({
        root_module: { resources: [{ address: 'awscc_iam_role.r', mode: 'managed', type: 'awscc_iam_role', name: 'r', expressions }] },
      });
      expect(extract(awsccIamRoleExtractor, computed, configured({ role_name: { constant_value: 'r' } }))).to.deep.equal([]);
      expect(extract(awsccIamRoleExtractor, computed, configured({ policies: { references: ['local.policies'] } }))).to.deep.equal([
        {
          address: 'awscc_iam_role.r',
          resourceType: 'awscc_iam_role',
          policyPath: 'policies',
          changeActions: ['create'],
          after: { kind: 'unknown', detail: 'policies is not known until apply (built from local.policies)' },
        },
      ]);
      // Without a configuration to tell, unknown policies are reported.
      expect(extract(awsccIamRoleExtractor, computed)).to.deep.equal([
        {
          address: 'awscc_iam_role.r',
          resourceType: 'awscc_iam_role',
          policyPath: 'policies',
          changeActions: ['create'],
          after: { kind: 'unknown', detail: 'policies is not known until apply' },
        },
      ]);
    });
  });
});
