/**
 * The whole pipeline (`check()`) on the plan fixtures of policies not known until apply,
 * permissions boundaries and the awscc/SSO policy types: every policy's outcome, exactly.
 */
import { expect } from 'chai';
import { check } from '../../../lib/index.js';
import type { Report } from '../../../lib/types.js';
import { fixture } from '../../support/paths.js';

interface Expected {
  /** Every policy met, `address policyPath outcome`, in report order. */
  readonly policies: readonly string[];
  /** `address policyPath scope actions statements conditionKeys` of each finding. */
  readonly findings: readonly string[];
  /** `address policyPath: detail` of each unevaluated policy (all `unknown` here). */
  readonly unevaluated: readonly string[];
  /** `address policyPath: reason` of each skipped policy. */
  readonly skipped: readonly string[];
}

function observed(report: Report): Expected {
  return {
    policies: report.policies.map((p) => `${p.address} ${p.policyPath} ${p.outcome}`),
    findings: report.findings.map(
      (f) =>
        `${f.address} ${f.policyPath} ${f.scope} ${f.actions.join(',')} ` +
        `[${f.statements.map((s) => (s.sid ? `${s.index} ${s.sid}` : `${s.index}`)).join(', ')}] [${f.conditionKeys.join(',')}]`,
    ),
    unevaluated: report.unevaluated.map((u) => `${u.address} ${u.policyPath} ${u.reason}: ${u.detail}`),
    skipped: report.skipped.map((s) => `${s.address} ${s.policyPath}: ${s.reason}`),
  };
}

const couldAllow = (actions: string, parts: string) => `Could allow ${actions} (all-keys) depending on values known only after apply: ${parts}.`;

const CASES: Record<string, Expected> = {
  'deferred-documents.plan.json': {
    policies: [
      'aws_iam_group_policy.logs_only policy clean',
      'aws_iam_policy.all_keys policy finding',
      'aws_iam_policy.conditional policy finding',
      'aws_iam_policy.deny_others policy clean',
      'aws_iam_policy.unknown_effect policy unevaluated',
      'aws_iam_role_policy.dynamic policy unevaluated',
      'aws_iam_role_policy.main_key policy clean',
      'aws_iam_user_policy.bucket_key policy unevaluated',
    ],
    findings: [
      'aws_iam_policy.all_keys policy all-keys kms:Decrypt,kms:ReEncryptFrom [0 AllKms] []',
      'aws_iam_policy.all_keys policy all-keys kms:CreateGrant,kms:PutKeyPolicy,kms:ReplicateKey [0 AllKms] []',
      'aws_iam_policy.conditional policy all-keys kms:Decrypt [0] [kms:EncryptionContext:aws:s3:arn]',
    ],
    unevaluated: [
      'aws_iam_policy.unknown_effect policy unknown: ' +
        couldAllow('kms:Decrypt', 'data.aws_iam_policy_document.unknown_effect statement[0].effect (aws_ssm_parameter.mode.value)'),
      'aws_iam_role_policy.dynamic policy unknown: ' +
        // Each rule that cannot decide says so.
        couldAllow('kms:Decrypt, kms:ReEncryptFrom', 'data.aws_iam_policy_document.dynamic statement (its statement blocks are not known until apply)') +
        ' ' +
        couldAllow(
          'kms:CreateGrant, kms:PutKeyPolicy, kms:ReplicateKey',
          'data.aws_iam_policy_document.dynamic statement (its statement blocks are not known until apply)',
        ),
      'aws_iam_user_policy.bucket_key policy unknown: ' +
        couldAllow('kms:Decrypt', 'data.aws_iam_policy_document.bucket_key statement[0].resources[0] (aws_s3_bucket.logs.arn)'),
    ],
    skipped: [],
  },
  'merged-documents.plan.json': {
    policies: ['aws_iam_policy.merged policy clean', 'aws_iam_policy.with_sources policy finding', 'aws_iam_role_policy.unresolved policy unevaluated'],
    findings: ['aws_iam_policy.with_sources policy all-keys kms:Decrypt [1 Decrypt] []'],
    unevaluated: [
      'aws_iam_role_policy.unresolved policy unknown: ' +
        couldAllow('kms:Decrypt, kms:ReEncryptFrom', 'data.aws_iam_policy_document.unresolved override_policy_documents[0] (aws_ssm_parameter.extra.value)') +
        ' ' +
        couldAllow(
          'kms:CreateGrant, kms:PutKeyPolicy, kms:ReplicateKey',
          'data.aws_iam_policy_document.unresolved override_policy_documents[0] (aws_ssm_parameter.extra.value)',
        ),
    ],
    skipped: [],
  },
  'module-chains.plan.json': {
    policies: [
      'module.app.aws_iam_role_policy.bucket policy unevaluated',
      'module.app.module.policy.aws_iam_policy.this[0] policy clean',
      'module.team["a"].aws_iam_policy.this policy clean',
      'module.team["a"].aws_iam_role_policy.per_env[0] policy finding',
      'module.team["a"].aws_iam_role_policy.per_env[1] policy clean',
      'module.team["b"].aws_iam_policy.this policy clean',
      'module.team["b"].aws_iam_role_policy.per_env[0] policy finding',
      'module.team["b"].aws_iam_role_policy.per_env[1] policy clean',
    ],
    findings: [
      'module.team["a"].aws_iam_role_policy.per_env[0] policy all-keys kms:Decrypt [0] []',
      'module.team["b"].aws_iam_role_policy.per_env[0] policy all-keys kms:Decrypt [0] []',
    ],
    unevaluated: [
      'module.app.aws_iam_role_policy.bucket policy unknown: ' +
        couldAllow('kms:Decrypt', 'module.app.data.aws_iam_policy_document.bucket statement[0].resources[0] (var.bucket_arn)'),
    ],
    skipped: [],
  },
  'identity-types.plan.json': {
    policies: [
      'aws_iam_policy.encoded policy unevaluated',
      'aws_ssoadmin_permission_set_inline_policy.admin inline_policy finding',
      'aws_ssoadmin_permission_set_inline_policy.deferred inline_policy clean',
      'awscc_iam_group_policy.logs policy_document clean',
      'awscc_iam_managed_policy.object_doc policy_document finding',
      'awscc_iam_managed_policy.string_doc policy_document finding',
      'awscc_iam_role.app policies[0].policy_document finding',
      'awscc_iam_role.app policies[1].policy_document clean',
      'awscc_iam_role_policy.key_hole policy_document clean',
      'awscc_iam_user_policy.bucket_hole policy_document unevaluated',
    ],
    findings: [
      'aws_ssoadmin_permission_set_inline_policy.admin inline_policy all-keys kms:Decrypt [0] []',
      'awscc_iam_managed_policy.object_doc policy_document all-keys kms:Decrypt [0] []',
      'awscc_iam_managed_policy.string_doc policy_document account-keys kms:Decrypt [0] []',
      'awscc_iam_role.app policies[0].policy_document all-keys kms:ReEncryptFrom [0 ReEncrypt] []',
    ],
    unevaluated: [
      'aws_iam_policy.encoded policy unknown: policy is not known until apply (built from aws_kms_key.main.arn)',
      'awscc_iam_user_policy.bucket_hole policy_document unknown: ' +
        couldAllow('kms:Decrypt', 'policy_document /Statement/0/Resource (aws_s3_bucket.logs.arn)'),
    ],
    skipped: [],
  },
  'permissions-boundary.plan.json': {
    policies: [
      'aws_iam_policy.boundary policy skipped',
      'aws_iam_policy.counted policy finding',
      'aws_iam_policy.exclusive policy finding',
      'aws_iam_policy.existing policy skipped',
      'aws_iam_policy.guard policy clean',
      'aws_iam_policy.module_boundary policy skipped',
      'aws_iam_policy.output_only policy skipped',
      'aws_iam_policy.shared policy finding',
    ],
    findings: [
      'aws_iam_policy.counted policy all-keys kms:Decrypt [0] []',
      'aws_iam_policy.exclusive policy all-keys kms:Decrypt [0] []',
      'aws_iam_policy.shared policy all-keys kms:Decrypt [0] []',
    ],
    unevaluated: [],
    skipped: [
      'aws_iam_policy.boundary policy: used only as a permissions boundary by aws_iam_role.app',
      'aws_iam_policy.existing policy: used only as a permissions boundary by aws_iam_role.legacy',
      'aws_iam_policy.module_boundary policy: used only as a permissions boundary by module.svc.aws_iam_role.this',
      'aws_iam_policy.output_only policy: used only as a permissions boundary by aws_iam_role.reporter',
    ],
  },
  'permissions-boundary-local.plan.json': {
    policies: ['aws_iam_policy.boundary policy finding'],
    findings: [
      'aws_iam_policy.boundary policy all-keys kms:Decrypt,kms:ReEncryptFrom [0] []',
      'aws_iam_policy.boundary policy all-keys kms:CreateGrant,kms:PutKeyPolicy,kms:ReplicateKey [0] []',
    ],
    unevaluated: [],
    skipped: [],
  },
  'role-inline-policies.plan.json': {
    policies: [
      'aws_iam_role.declared inline_policy[0].policy clean',
      'aws_iam_role.declared inline_policy[1].policy finding',
      'aws_iam_role.unnamed inline_policy[0].policy unevaluated',
    ],
    findings: ['aws_iam_role.declared inline_policy[1].policy all-keys kms:Decrypt [0 Any] []'],
    unevaluated: [
      'aws_iam_role.unnamed inline_policy[0].policy unknown: inline_policy[0].policy is not known until apply (built from aws_kms_key.main.policy)',
    ],
    skipped: [],
  },
  // Terraform 0.12 to 1.0 write only the referenced object: `aws_kms_key.main`, never `aws_kms_key.main.arn`.
  'object-references.v0.2.plan.json': {
    policies: [
      'aws_iam_policy.bucket policy unevaluated',
      'aws_iam_policy.deny_one_key policy finding',
      'aws_iam_policy.key_or_bucket policy unevaluated',
      'aws_iam_policy.not_one_key policy finding',
      'aws_iam_policy.via_alias policy clean',
      'aws_iam_policy.via_data_key policy clean',
      'aws_iam_policy.via_output policy clean',
      'aws_iam_role_policy.indexed_key policy clean',
      'aws_iam_role_policy.main_key policy clean',
      'module.app.aws_iam_role_policy.this policy clean',
    ],
    findings: ['aws_iam_policy.deny_one_key policy all-keys kms:Decrypt [0] []', 'aws_iam_policy.not_one_key policy all-keys kms:Decrypt [0] []'],
    unevaluated: [
      'aws_iam_policy.bucket policy unknown: ' +
        couldAllow('kms:Decrypt', 'data.aws_iam_policy_document.bucket statement[0].resources[0] (aws_s3_bucket.logs)'),
      'aws_iam_policy.key_or_bucket policy unknown: ' +
        couldAllow('kms:Decrypt', 'data.aws_iam_policy_document.key_or_bucket statement[0].resources[0] (aws_kms_key.main, aws_s3_bucket.logs)'),
    ],
    skipped: [],
  },
  // An alias's own ARN authorises no Decrypt: it matches no key, in Resource, NotResource and Deny alike.
  'alias-arns.plan.json': {
    policies: [
      'aws_iam_policy.alias_arn policy clean',
      'aws_iam_policy.alias_arn_via_output policy clean',
      'aws_iam_policy.alias_target_key_id policy unevaluated',
      'aws_iam_policy.deny_alias_arn policy finding',
      'aws_iam_policy.not_alias_arn policy finding',
    ],
    findings: ['aws_iam_policy.deny_alias_arn policy all-keys kms:Decrypt [0] []', 'aws_iam_policy.not_alias_arn policy all-keys kms:Decrypt [0] []'],
    unevaluated: [
      'aws_iam_policy.alias_target_key_id policy unknown: ' +
        couldAllow('kms:Decrypt', 'data.aws_iam_policy_document.alias_target_key_id statement[0].resources[0] (aws_kms_alias.main.target_key_id)'),
    ],
    skipped: [],
  },
  // An inline_policy without a block in the configuration is AWS's copy, not a policy the user wrote.
  'role-computed-inline.plan.json': {
    policies: [
      'aws_iam_role.declared inline_policy[0].policy finding',
      'aws_iam_role.dynamic_changed inline_policy[0].policy finding',
      'aws_iam_role.dynamic_created inline_policy[0].policy finding',
      'aws_iam_role.this inline_policy[0].policy finding',
    ],
    findings: [
      'aws_iam_role.declared inline_policy[0].policy all-keys kms:Decrypt,kms:ReEncryptFrom [0] []',
      'aws_iam_role.declared inline_policy[0].policy all-keys kms:CreateGrant,kms:PutKeyPolicy,kms:ReplicateKey [0] []',
      'aws_iam_role.dynamic_changed inline_policy[0].policy all-keys kms:Decrypt [0] []',
      'aws_iam_role.dynamic_created inline_policy[0].policy all-keys kms:Decrypt [0] []',
      'aws_iam_role.this inline_policy[0].policy all-keys kms:Decrypt [0] []',
    ],
    unevaluated: [],
    skipped: [],
  },
  // `data.x[count.index]` and `data.x[count.index + 1]` leave the same references: a policy is
  // one of the documents it may name, and definite only when they all agree.
  'document-instances.plan.json': {
    policies: [
      'aws_iam_policy.per_env[0] policy clean',
      'aws_iam_policy.per_env[1] policy finding',
      'aws_iam_policy.shifted[0] policy unevaluated',
      'aws_iam_role_policy.agree_clean[0] policy clean',
      'aws_iam_role_policy.agree_finding["a"] policy finding',
    ],
    findings: ['aws_iam_policy.per_env[1] policy all-keys kms:Decrypt [0] []', 'aws_iam_role_policy.agree_finding["a"] policy region-keys kms:Decrypt [0] []'],
    unevaluated: [
      'aws_iam_policy.shifted[0] policy unknown: policy is not known until apply (built from data.aws_iam_policy_document.shifted): ' +
        'one of data.aws_iam_policy_document.shifted[0], data.aws_iam_policy_document.shifted[1], and the plan does not say which; ' +
        'each judged alone: clean, all-keys finding',
    ],
    skipped: [],
  },
};

describe('resolve: verdicts of the whole pipeline', () => {
  for (const [file, expected] of Object.entries(CASES)) {
    it(file, async () => {
      const report = await check(fixture('extract/resolve', file));
      expect(report.errors).to.deep.equal([]);
      expect(observed(report)).to.deep.equal(expected);
    });
  }

  it('says how far the documents a policy may be could widen its finding', async () => {
    const report = await check(fixture('extract/resolve', 'document-instances.plan.json'));
    expect(report.findings.map((f) => `${f.address} ${f.mayWidenTo ?? '-'}`)).to.deep.equal([
      'aws_iam_policy.per_env[1] -',
      'aws_iam_role_policy.agree_finding["a"] all-keys',
    ]);
  });
});
