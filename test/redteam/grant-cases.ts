/**
 * Red-team cases of the grant rule (README, Rules) on grant-actions.v1.2.plan.json: kms:CreateGrant,
 * kms:PutKeyPolicy and kms:ReplicateKey on `*`, on account- and region-wide ARNs, through
 * `kms:*`, `kms:Create*` and NotAction, with Deny statements and the kms:GrantOperations and
 * kms:GrantIsForAWSResource condition forms. Verdicts decided from the issue before kmsguard was
 * run on the fixture: conditions narrow nothing by default; under `--conditions scope` only a
 * ForAllValues: test that leaves out Decrypt and ReEncryptFrom, or GrantIsForAWSResource true,
 * keeps CreateGrant (and only CreateGrant) from counting.
 */
import type { ExpectedPolicy, FindingRow, FixtureCase } from './case-types.js';

const FILE = 'grant-actions.v1.2.plan.json';
const GRANT = ['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey'];
const DECRYPT = ['kms:Decrypt', 'kms:ReEncryptFrom'];
const GRANT_OPERATIONS = ['kms:GrantOperations'];
const FOR_AWS_RESOURCE = ['kms:GrantIsForAWSResource'];

function finding(
  name: string,
  scope: FindingRow['scope'],
  actions: string[],
  statements: number[] = [0],
  conditionKeys: string[] = [],
  rule: FindingRow['rule'] = 'kms-grant',
): FindingRow {
  return { address: `aws_iam_policy.${name}`, policyPath: 'policy', outcome: 'finding', rule, scope, actions, statements, conditionKeys, introduced: true };
}

function clean(name: string): ExpectedPolicy {
  return { address: `aws_iam_policy.${name}`, policyPath: 'policy', outcome: 'clean' };
}

/** CreateGrant on `*` under a condition: a finding, whatever the condition, unless `narrowed`. */
const conditional = (name: string, keys: string[], narrowed: boolean) => (narrowed ? clean(name) : finding(name, 'all-keys', ['kms:CreateGrant'], [0], keys));

/** The grant rule's rows; `scope`: judged with --conditions scope. */
function grantRows(scope: boolean): ExpectedPolicy[] {
  return [
    finding('create_grant_star', 'all-keys', ['kms:CreateGrant']),
    finding('put_key_policy_star', 'all-keys', ['kms:PutKeyPolicy']),
    finding('replicate_key_star', 'all-keys', ['kms:ReplicateKey']),
    finding('create_grant_account', 'account-keys', ['kms:CreateGrant']),
    finding('put_key_policy_region', 'region-keys', ['kms:PutKeyPolicy']),
    finding('put_key_policy_account_any', 'account-keys', ['kms:PutKeyPolicy']),
    finding('kms_star', 'all-keys', GRANT),
    finding('kms_create_star', 'all-keys', ['kms:CreateGrant']),
    finding('notaction_iam', 'all-keys', GRANT),
    finding('notaction_grant', 'all-keys', ['kms:ReplicateKey']),
    clean('one_key'),
    finding('deny_create_grant', 'all-keys', ['kms:PutKeyPolicy', 'kms:ReplicateKey']),
    // A Deny with a Condition might not apply: it removes nothing.
    finding('deny_create_grant_conditional', 'all-keys', ['kms:CreateGrant']),
    conditional('grant_ops_forall_equals', GRANT_OPERATIONS, scope),
    // ForAnyValue: one operation in the list is enough: a grant for Encrypt and Decrypt passes.
    conditional('grant_ops_forany_equals', GRANT_OPERATIONS, false),
    conditional('grant_ops_plain_equals', GRANT_OPERATIONS, false),
    conditional('grant_ops_forall_not_equals_both', GRANT_OPERATIONS, scope),
    // ReEncryptFrom still allowed.
    conditional('grant_ops_forall_not_equals_decrypt', GRANT_OPERATIONS, false),
    conditional('grant_ops_forany_not_equals', GRANT_OPERATIONS, false),
    conditional('grant_ops_forall_includes_decrypt', GRANT_OPERATIONS, false),
    // Read without regard to case: never a pass on a spelling the service might accept.
    conditional('grant_ops_forall_lowercase_decrypt', GRANT_OPERATIONS, false),
    conditional('grant_ops_forall_like_re', GRANT_OPERATIONS, false),
    conditional('grant_ops_forall_if_exists', GRANT_OPERATIONS, false),
    // A policy variable may stand for Decrypt.
    conditional('grant_ops_variable', GRANT_OPERATIONS, false),
    conditional('grant_for_aws_resource', FOR_AWS_RESOURCE, scope),
    conditional('grant_for_aws_resource_json_bool', FOR_AWS_RESOURCE, scope),
    conditional('grant_for_aws_resource_false', FOR_AWS_RESOURCE, false),
    conditional('grant_for_aws_resource_if_exists', FOR_AWS_RESOURCE, false),
    // Tests of one Condition all hold: the GrantIsForAWSResource one alone narrows.
    conditional('grant_conditions_and', ['kms:GrantIsForAWSResource', 'kms:GrantOperations'], scope),
    // The GrantOperations test narrows CreateGrant only: PutKeyPolicy and ReplicateKey have no such key.
    finding('kms_star_grant_ops', 'all-keys', scope ? ['kms:PutKeyPolicy', 'kms:ReplicateKey'] : GRANT, [0], GRANT_OPERATIONS),
    clean('grant_on_alias'),
    clean('create_key_only'),
    clean('import_key_material'),
    finding('grant_and_decrypt', 'all-keys', ['kms:CreateGrant'], [1]),
    clean('deny_notaction_decrypt'),
  ];
}

/** The decrypt rule's findings on the same fixture (conditions ignored). */
const DECRYPT_ROWS: FindingRow[] = [
  finding('kms_star', 'all-keys', DECRYPT, [0], [], 'kms-decrypt'),
  finding('notaction_iam', 'all-keys', DECRYPT, [0], [], 'kms-decrypt'),
  finding('notaction_grant', 'all-keys', DECRYPT, [0], [], 'kms-decrypt'),
  finding('deny_create_grant', 'all-keys', DECRYPT, [0], [], 'kms-decrypt'),
  finding('kms_star_grant_ops', 'all-keys', DECRYPT, [0], GRANT_OPERATIONS, 'kms-decrypt'),
  finding('grant_and_decrypt', 'account-keys', ['kms:Decrypt'], [0], [], 'kms-decrypt'),
  finding('deny_notaction_decrypt', 'all-keys', ['kms:Decrypt'], [0], [], 'kms-decrypt'),
];

/** Both rules: a policy clean for one rule and not the other has only the other's row. */
function everyRule(): ExpectedPolicy[] {
  const decrypting = new Set(DECRYPT_ROWS.map((row) => row.address));
  const grant = grantRows(false).filter((row) => row.outcome === 'finding' || !decrypting.has(row.address));
  return [...grant, ...DECRYPT_ROWS];
}

export const GRANT_CASES: readonly FixtureCase[] = [
  { file: FILE, rule: 'kms-grant', note: 'the grant rule, conditions ignored', exit: 1, policies: grantRows(false) },
  { file: FILE, rule: 'kms-grant', note: 'the grant rule, conditions scoping', args: ['--conditions', 'scope'], exit: 1, policies: grantRows(true) },
  { file: FILE, rule: 'all', note: 'both rules: a policy that grants both gets both findings', exit: 1, policies: everyRule() },
];
