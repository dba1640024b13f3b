/**
 * AWS Security Hub controls for KMS decryption in identity policies: KMS.1 checks customer
 * managed policies, KMS.2 inline policies (of users, groups and roles; an SSO permission set's
 * inline policy becomes one on the roles it provisions).
 */

const MANAGED_POLICY_TYPES: ReadonlySet<string> = new Set(['aws_iam_policy', 'awscc_iam_managed_policy']);

const SECURITY_HUB_MANAGED = 'Security Hub KMS.1';
const SECURITY_HUB_INLINE = 'Security Hub KMS.2';

/** The Security Hub control a finding on a policy of this resource type answers to. */
export function securityHubControl(resourceType: string): string {
  return MANAGED_POLICY_TYPES.has(resourceType) ? SECURITY_HUB_MANAGED : SECURITY_HUB_INLINE;
}
