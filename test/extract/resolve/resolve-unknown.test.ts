import { expect } from 'chai';
import type { PolicyValue } from '../../../lib/types.js';
import { extracted, instance, loadCorpusPlan, loadPlan, oneKey, resolve, unknown } from './load.js';
import { requireCorpus } from '../../support/shared.js';

const MAIN_KEY = oneKey('aws_kms_key.main.arn');

describe('resolve: policies not known until apply, from plan fixtures', () => {
  describe('documents deferred to apply', () => {
    const document = loadPlan('deferred-documents.plan.json');

    it('rebuilds kms:* on "*" beside a key created in the same plan (the finding of the original check)', () => {
      expect(resolve(document, 'aws_iam_policy.all_keys', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is rendered at apply by data.aws_iam_policy_document.all_keys; only KMS key ARNs are not known until apply: aws_kms_key.main.arn',
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: 'Allow', sid: 'AllKms', action: ['kms:*'], resource: ['*'] },
            { index: 1, pointer: '/Statement/1', effect: 'Allow', sid: 'MainKey', action: ['kms:Decrypt'], resource: [MAIN_KEY] },
          ],
        },
      } satisfies PolicyValue);
    });

    it('marks a resource that is the ARN of a key created in the same plan as one key', () => {
      expect(resolve(document, 'aws_iam_role_policy.main_key', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is rendered at apply by data.aws_iam_policy_document.main_key; only KMS key ARNs are not known until apply: aws_kms_key.main.arn',
        model: {
          statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt', 'kms:GenerateDataKey'], resource: [MAIN_KEY] }],
        },
      });
    });

    it('names any other unknown resource by the data source, statement, element and reference', () => {
      const detail = 'data.aws_iam_policy_document.bucket_key statement[0].resources[0] (aws_s3_bucket.logs.arn)';
      expect(resolve(document, 'aws_iam_user_policy.bucket_key', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by data.aws_iam_policy_document.bucket_key; not known until apply: ${detail}`,
        model: { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: [unknown(detail)] }] },
      });
    });

    it('reads unknown condition values, the Deny effect and NotResource', () => {
      const values = 'data.aws_iam_policy_document.conditional statement[0].condition[0].values[0] (aws_s3_bucket.logs.arn)';
      expect(resolve(document, 'aws_iam_policy.conditional', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by data.aws_iam_policy_document.conditional; not known until apply: ${values}`,
        model: {
          statements: [
            {
              index: 0,
              pointer: '/Statement/0',
              effect: 'Allow',
              action: ['kms:Decrypt'],
              resource: ['*'],
              condition: [{ operator: 'ArnLike', key: 'kms:EncryptionContext:aws:s3:arn', values: [unknown(values)] }],
            },
          ],
        },
      });
      expect(resolve(document, 'aws_iam_policy.deny_others', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is rendered at apply by data.aws_iam_policy_document.deny_others; only KMS key ARNs are not known until apply: aws_kms_key.main.arn',
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: 'Allow', sid: 'Use', action: ['kms:Decrypt'], resource: ['*'] },
            { index: 1, pointer: '/Statement/1', effect: 'Deny', sid: 'DenyOthers', action: ['kms:*'], notResource: [MAIN_KEY] },
          ],
        },
      });
    });

    it('reads an effect not known until apply', () => {
      const effect = 'data.aws_iam_policy_document.unknown_effect statement[0].effect (aws_ssm_parameter.mode.value)';
      expect(resolve(document, 'aws_iam_policy.unknown_effect', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by data.aws_iam_policy_document.unknown_effect; not known until apply: ${effect}`,
        model: { statements: [{ index: 0, pointer: '/Statement/0', effect: unknown(effect), action: ['kms:Decrypt'], resource: ['*'] }] },
      });
    });

    it('makes statement blocks not known until apply unknown statements', () => {
      const detail = 'data.aws_iam_policy_document.dynamic statement (its statement blocks are not known until apply)';
      expect(resolve(document, 'aws_iam_role_policy.dynamic', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by data.aws_iam_policy_document.dynamic; not known until apply: ${detail}`,
        model: { statements: [], unknownStatements: unknown(detail) },
      });
    });
  });

  describe('source and override documents', () => {
    const document = loadPlan('merged-documents.plan.json');

    it('merges a source read during planning and an override deferred to apply, the override replacing the same Sid', () => {
      expect(resolve(document, 'aws_iam_policy.merged', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is rendered at apply by data.aws_iam_policy_document.merged; only KMS key ARNs are not known until apply: aws_kms_key.main.arn',
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: 'Allow', sid: 'ReadLogs', action: ['logs:GetLogEvents'], resource: ['*'] },
            { index: 1, pointer: '/Statement/1', effect: 'Allow', sid: 'Decrypt', action: ['kms:Decrypt'], resource: [MAIN_KEY] },
            { index: 2, pointer: '/Statement/2', effect: 'Allow', sid: 'Own', action: ['s3:ListBucket'], resource: ['arn:aws:s3:::app-data'] },
          ],
        },
      });
    });

    it('matches unknown source documents to the deferred data sources referenced, in order', () => {
      expect(resolve(document, 'aws_iam_policy.with_sources', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is rendered at apply by data.aws_iam_policy_document.with_sources; only KMS key ARNs are not known until apply: aws_kms_key.main.arn',
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: 'Allow', sid: 'ReadLogs', action: ['logs:GetLogEvents'], resource: ['*'] },
            { index: 1, pointer: '/Statement/1', effect: 'Allow', sid: 'Decrypt', action: ['kms:Decrypt'], resource: ['*'] },
            { index: 2, pointer: '/Statement/2', effect: 'Allow', sid: 'Extra', action: ['kms:Encrypt'], resource: [MAIN_KEY] },
            { index: 3, pointer: '/Statement/3', effect: 'Allow', sid: 'Own', action: ['sqs:SendMessage'], resource: ['*'] },
          ],
        },
      });
    });

    it('lets an override that cannot be traced replace any statement with a Sid, and add statements', () => {
      const override = 'data.aws_iam_policy_document.unresolved override_policy_documents[0] (aws_ssm_parameter.extra.value)';
      const replaced = (sid: string) => unknown(`statement "${sid}" may be replaced by ${override}`);
      expect(resolve(document, 'aws_iam_role_policy.unresolved', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail:
          'policy is rendered at apply by data.aws_iam_policy_document.unresolved; not known until apply: ' +
          [replaced('ReadLogs').detail, replaced('Decrypt').detail, replaced('Own').detail, override].join('; '),
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: replaced('ReadLogs'), sid: 'ReadLogs', action: ['logs:GetLogEvents'], resource: ['*'] },
            { index: 1, pointer: '/Statement/1', effect: replaced('Decrypt'), sid: 'Decrypt', action: ['kms:Decrypt'], resource: ['*'] },
            { index: 2, pointer: '/Statement/2', effect: replaced('Own'), sid: 'Own', action: ['s3:ListBucket'], resource: ['arn:aws:s3:::app-data'] },
          ],
          unknownStatements: unknown(override),
        },
      });
    });
  });

  describe('module outputs and variables', () => {
    const document = loadPlan('module-chains.plan.json');

    it('follows variables up two calls and outputs down two modules to the key', () => {
      expect(resolve(document, 'module.app.module.policy.aws_iam_policy.this[0]', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail:
          'policy is rendered at apply by module.app.module.policy.data.aws_iam_policy_document.this[0]; only KMS key ARNs are not known until apply: var.key_arn',
        model: { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: [oneKey('var.key_arn')] }] },
      });
    });

    it('names a variable that carries anything else', () => {
      const detail = 'module.app.data.aws_iam_policy_document.bucket statement[0].resources[0] (var.bucket_arn)';
      expect(resolve(document, 'module.app.aws_iam_role_policy.bucket', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by module.app.data.aws_iam_policy_document.bucket; not known until apply: ${detail}`,
        model: { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: [unknown(detail)] }] },
      });
    });

    for (const team of ['a', 'b']) {
      it(`reads the data source of module.team["${team}"] in that module instance`, () => {
        expect(resolve(document, `module.team["${team}"].aws_iam_policy.this`, ['policy'])).to.deep.equal({
          kind: 'unknown',
          detail: `policy is rendered at apply by module.team["${team}"].data.aws_iam_policy_document.this; only KMS key ARNs are not known until apply: var.key_arn`,
          model: {
            statements: [
              { index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt', 'kms:Encrypt'], resource: [oneKey('var.key_arn')] },
              { index: 1, pointer: '/Statement/1', effect: 'Allow', action: ['kms:ListAliases'], resource: ['*'] },
            ],
          },
        });
      });
    }

    it("takes the data source instance with the resource's own count.index", () => {
      expect(resolve(document, 'module.team["b"].aws_iam_role_policy.per_env[1]', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail:
          'policy is rendered at apply by module.team["b"].data.aws_iam_policy_document.per_env[1]; only KMS key ARNs are not known until apply: var.key_arn',
        model: { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: [oneKey('var.key_arn')] }] },
      });
    });
  });

  describe('expressions that are not one document', () => {
    it('names the references of jsonencode() over values computed at apply, with no model', () => {
      const document = loadPlan('identity-types.plan.json');
      expect(resolve(document, 'aws_iam_policy.encoded', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is not known until apply (built from aws_kms_key.main.arn)',
      });
    });

    it('names the references of a module expression that mixes sources (a real plan)', function () {
      requireCorpus(this);
      const document = loadCorpusPlan('awssamples-eks-fargate-2.4MB.v1.2.plan.json');
      expect(resolve(document, 'module.eks.aws_iam_policy.cluster_encryption[0]', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'policy is not known until apply (built from var.create_kms_key, module.kms.key_arn, var.cluster_encryption_config.provider_key_arn)',
      });
    });
  });

  describe('role inline policies', () => {
    const document = loadPlan('role-inline-policies.plan.json');

    it('matches an inline_policy entry to its configured block by name (the set reorders them)', () => {
      expect(resolve(document, 'aws_iam_role.declared', ['inline_policy', 1, 'policy'])).to.deep.equal({
        kind: 'unknown',
        detail:
          'inline_policy[1].policy is rendered at apply by data.aws_iam_policy_document.role_kms; only KMS key ARNs are not known until apply: aws_kms_key.main.arn',
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: 'Allow', sid: 'Any', action: ['kms:Decrypt'], resource: ['*'] },
            { index: 1, pointer: '/Statement/1', effect: 'Allow', sid: 'Main', action: ['kms:Encrypt'], resource: [MAIN_KEY] },
          ],
        },
      });
    });

    it('reports no policy for a computed inline_policy (no block in the configuration)', () => {
      expect(instance(document, 'aws_iam_role.computed').afterUnknown).to.have.property('inline_policy', true);
      expect(extracted(document, 'aws_iam_role.computed')).to.deep.equal([]);
    });

    it('reads the only block when the entry has no known name', () => {
      expect(resolve(document, 'aws_iam_role.unnamed', ['inline_policy', 0, 'policy'])).to.deep.equal({
        kind: 'unknown',
        detail: 'inline_policy[0].policy is not known until apply (built from aws_kms_key.main.policy)',
      });
    });
  });

  describe('real plans', () => {
    before(function () {
      requireCorpus(this);
    });
    it('reads a Terraform 0.13 plan whose unknown set element is only in the mask', () => {
      const document = loadCorpusPlan('regula-unknown-policy-from-data.v0.1.plan.json');
      const detail = 'data.aws_iam_policy_document.example statement[0].resources[1] (aws_s3_bucket.example)';
      expect(resolve(document, 'aws_iam_policy.example', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by data.aws_iam_policy_document.example; not known until apply: ${detail}`,
        model: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['s3:*'], resource: ['arn:aws:s3:::some-example-bucket/*', unknown(detail)] },
          ],
        },
      });
    });

    it('describes statements of a dynamic block (left out of the configuration) by position only', () => {
      const document = loadCorpusPlan('awssamples-eks-fargate-2.4MB.v1.2.plan.json');
      const data = 'module.eks_blueprints_addons.data.aws_iam_policy_document.fargate_fluentbit[0]';
      const resources = [0, 1].map((j) => unknown(`${data} statement[0].resources[${j}]`));
      expect(resolve(document, 'module.eks_blueprints_addons.aws_iam_policy.fargate_fluentbit[0]', ['policy'])).to.deep.equal({
        kind: 'unknown',
        detail: `policy is rendered at apply by ${data}; not known until apply: ${resources.map((r) => r.detail).join('; ')}`,
        model: {
          statements: [
            {
              index: 0,
              pointer: '/Statement/0',
              effect: 'Allow',
              sid: 'PutLogEvents',
              action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
              resource: resources,
            },
          ],
        },
      });
    });

    it("leaves the fargate profile roles' computed inline_policy out", () => {
      const document = loadCorpusPlan('awssamples-eks-fargate-2.4MB.v1.2.plan.json');
      const role = 'module.eks.module.fargate_profile["kube_system"].aws_iam_role.this[0]';
      expect(instance(document, role).afterUnknown).to.have.property('inline_policy', true);
      expect(extracted(document, role)).to.deep.equal([]);
    });
  });
});
