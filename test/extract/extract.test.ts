import { expect } from 'chai';
import { extractPolicies, judgedResourceTypes } from '../../lib/extract/index.js';
import { readTerraform } from '../../lib/terraform/index.js';
import type { PolicySource } from '../../lib/types.js';
import { loadDocument, PLAIN_CONTEXT } from './load.js';
import { compact, DECRYPT_ACCOUNT, DECRYPT_ALL, DECRYPT_ONE_KEY, pretty, S3_GET } from './policy-documents.js';

describe('extract: extractPolicies', () => {
  it('judges exactly the identity policy resource types', () => {
    expect(judgedResourceTypes()).to.deep.equal([
      'aws_iam_group_policy',
      'aws_iam_policy',
      'aws_iam_role',
      'aws_iam_role_policy',
      'aws_iam_user_policy',
      'aws_ssoadmin_permission_set_inline_policy',
      'awscc_iam_group',
      'awscc_iam_group_policy',
      'awscc_iam_managed_policy',
      'awscc_iam_role',
      'awscc_iam_role_policy',
      'awscc_iam_user',
      'awscc_iam_user_policy',
      'awscc_sso_permission_set',
    ]);
  });

  it('finds each identity policy type in modules at any depth, ignoring resource policies and data sources', () => {
    const policySources = extractPolicies(loadDocument('plan-policy-types.json', 'plan'), PLAIN_CONTEXT);
    const expected: PolicySource[] = [
      {
        address: 'aws_iam_policy.p[0]',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: { kind: 'text', text: compact([{ Sid: 'DecryptAll', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]) },
      },
      {
        address: 'aws_iam_role.app',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[0].policy',
        changeActions: ['create'],
        after: {
          kind: 'text',
          text: compact([{ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }]),
        },
      },
      {
        address: 'module.team["a"].aws_iam_user_policy.u',
        resourceType: 'aws_iam_user_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: {
          kind: 'text',
          text: pretty([{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:ReEncryptFrom'], Resource: 'arn:aws:kms:*:111122223333:key/*' }]),
        },
      },
      {
        address: 'module.team["a"].module.inner.aws_iam_group_policy.g["ops"]',
        resourceType: 'aws_iam_group_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: { kind: 'text', text: compact([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::ops-reports' }]) },
      },
      {
        address: 'module.team["b"].aws_iam_role_policy.r[1]',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: { kind: 'text', text: compact([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) },
      },
    ];
    expect(policySources).to.deep.equal(expected);
  });

  it('finds the awscc inline policies of users, groups and permission sets, and none the provider computes', () => {
    const decryptAll = { Sid: 'DecryptAll', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' };
    const expected: PolicySource[] = [
      {
        address: 'awscc_iam_group.ops',
        resourceType: 'awscc_iam_group',
        policyPath: 'policies[0].policy_document',
        changeActions: ['update'],
        after: { kind: 'object', value: { Version: '2012-10-17', Statement: [decryptAll] } },
        before: { kind: 'text', text: DECRYPT_ONE_KEY },
      },
      {
        address: 'awscc_iam_user.app',
        resourceType: 'awscc_iam_user',
        policyPath: 'policies[0].policy_document',
        changeActions: ['create'],
        after: { kind: 'text', text: compact([decryptAll]) },
      },
      {
        address: 'awscc_sso_permission_set.admin',
        resourceType: 'awscc_sso_permission_set',
        policyPath: 'inline_policy',
        changeActions: ['create'],
        after: { kind: 'text', text: compact([decryptAll]) },
      },
      {
        address: 'awscc_sso_permission_set.pending',
        resourceType: 'awscc_sso_permission_set',
        policyPath: 'inline_policy',
        changeActions: ['create'],
        after: { kind: 'unknown', detail: 'inline_policy is not known until apply (built from aws_kms_key.main.arn)' },
      },
    ];
    // awscc_iam_user.plain (policies) and awscc_sso_permission_set.viewer (inline_policy) leave the attribute to the provider.
    expect(extractPolicies(loadDocument('awscc-identity-types.plan.json', 'plan'))).to.deep.equal(expected);
  });

  it('judges plans on after, gives before for updates, replacements and no-ops, and skips deleted and forgotten resources', () => {
    const policySources = extractPolicies(loadDocument('plan-policy-changes.json', 'plan'), PLAIN_CONTEXT);
    const expected: PolicySource[] = [
      {
        address: 'aws_iam_group_policy.object',
        resourceType: 'aws_iam_group_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: { kind: 'object', value: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['*'] }] } },
      },
      {
        address: 'aws_iam_policy.future',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['archive'],
        after: { kind: 'text', text: DECRYPT_ALL },
        before: { kind: 'text', text: DECRYPT_ALL },
      },
      {
        address: 'aws_iam_policy.null_policy',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['update'],
        after: { kind: 'absent' },
        before: { kind: 'text', text: S3_GET },
      },
      {
        address: 'aws_iam_policy.replaced',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['delete', 'create'],
        after: { kind: 'text', text: DECRYPT_ALL },
        before: { kind: 'text', text: DECRYPT_ACCOUNT },
      },
      {
        address: 'aws_iam_policy.replaced_unknown',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['create', 'delete'],
        after: { kind: 'unknown', detail: 'policy is not known until apply' },
        before: { kind: 'text', text: S3_GET },
      },
      {
        address: 'aws_iam_policy.unchanged',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: DECRYPT_ACCOUNT },
        before: { kind: 'text', text: DECRYPT_ACCOUNT },
      },
      {
        address: 'aws_iam_policy.updated',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: ['update'],
        after: { kind: 'text', text: DECRYPT_ALL },
        before: { kind: 'text', text: S3_GET },
      },
      {
        address: 'aws_iam_role_policy.empty',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: { kind: 'text', text: '' },
      },
      {
        address: 'aws_iam_user_policy.unknown',
        resourceType: 'aws_iam_user_policy',
        policyPath: 'policy',
        changeActions: ['create'],
        after: { kind: 'unknown', detail: 'policy is not known until apply' },
      },
    ];
    expect(policySources).to.deep.equal(expected);
  });

  it('asks the context about unknown policies, with the resource and the attribute path', () => {
    const doc = loadDocument('plan-policy-changes.json', 'plan');
    const asked: [string, readonly (string | number)[]][] = [];
    const policySources = extractPolicies(doc, {
      resolveUnknownPolicy(resource, path) {
        asked.push([resource.address, path]);
        return { kind: 'text', text: DECRYPT_ALL };
      },
    });
    expect(asked).to.deep.equal([
      ['aws_iam_policy.replaced_unknown', ['policy']],
      ['aws_iam_user_policy.unknown', ['policy']],
    ]);
    expect(policySources.find((s) => s.address === 'aws_iam_user_policy.unknown')!.after).to.deep.equal({ kind: 'text', text: DECRYPT_ALL });
  });

  it('calls a resolver given as a method with its object as this', () => {
    const doc = loadDocument('plan-policy-changes.json', 'plan');
    const resolver = {
      detail: 'from the resolver',
      resolveUnknownPolicy(this: { detail: string }) {
        return { kind: 'unknown' as const, detail: this.detail };
      },
    };
    const policySource = extractPolicies(doc, resolver).find((s) => s.address === 'aws_iam_user_policy.unknown')!;
    expect(policySource.after).to.deep.equal({ kind: 'unknown', detail: 'from the resolver' });
  });

  it('judges a state as it is: no actions, no before; mirrored and placeholder role entries dropped', () => {
    const policySources = extractPolicies(loadDocument('state-policies.json', 'state'), PLAIN_CONTEXT);
    const expected: PolicySource[] = [
      {
        address: 'aws_iam_role.fn',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[0].policy',
        changeActions: [],
        after: { kind: 'text', text: pretty([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' }]) },
      },
      {
        address: 'aws_iam_role_policy.fn_logs',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: [],
        after: { kind: 'text', text: DECRYPT_ALL },
      },
      {
        address: 'module.shared[0].aws_iam_policy.decrypt["reports"]',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        changeActions: [],
        after: { kind: 'text', text: DECRYPT_ALL },
      },
    ];
    expect(policySources).to.deep.equal(expected);
  });

  it('sorts by address, then by policy path with positions in numeric order', () => {
    const inline = Array.from({ length: 12 }, (_, i) => ({ name: `p${i}`, policy: DECRYPT_ALL }));
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            { address: 'aws_iam_role.z', mode: 'managed', type: 'aws_iam_role', name: 'z', values: { name: 'z', inline_policy: inline } },
            { address: 'aws_iam_policy.b', mode: 'managed', type: 'aws_iam_policy', name: 'b', values: { policy: DECRYPT_ALL } },
            { address: 'aws_iam_policy.a', mode: 'managed', type: 'aws_iam_policy', name: 'a', values: { policy: DECRYPT_ALL } },
          ],
        },
      },
    };
    const policySources = extractPolicies(readTerraform(state, 'state'), PLAIN_CONTEXT);
    expect(policySources.map((s) => `${s.address} ${s.policyPath}`)).to.deep.equal([
      'aws_iam_policy.a policy',
      'aws_iam_policy.b policy',
      ...Array.from({ length: 12 }, (_, i) => `aws_iam_role.z inline_policy[${i}].policy`),
    ]);
  });
});
