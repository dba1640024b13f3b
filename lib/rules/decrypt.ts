/**
 * The decrypt rule: identity policies that allow kms:Decrypt / kms:ReEncryptFrom (or the
 * configured `blockedActions`) on keys they do not name. tfsec AWS097, Security Hub KMS.1/KMS.2.
 */
import { securityHubControl } from './compliance.js';
import { SCOPE_SEVERITY, type Rule } from './rule.js';

export const DEFAULT_BLOCKED_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:ReEncryptFrom'];

export const DECRYPT_RULE: Rule = {
  id: 'kms-decrypt',
  name: 'Decryption with keys the policy does not name',
  subject: 'policy',
  enabledByDefault: true,
  blockedActions: (options) => options.blockedActions,
  options: ['blockedActions'],
  severity: SCOPE_SEVERITY,
  titles: {
    'all-keys': 'IAM policy allows KMS decryption with keys in accounts it does not name',
    'account-keys': 'IAM policy allows KMS decryption with keys in regions it does not name',
    'region-keys': 'IAM policy allows KMS decryption with keys it does not name',
  },
  description: (reach) =>
    `An IAM identity policy allows KMS decryption actions (by default kms:Decrypt and kms:ReEncryptFrom) on ${reach}. ` +
    'Whoever holds the policy can decrypt data under every such key whose key policy lets the account in. ' +
    'AWS Security Hub KMS.1 (customer managed policies) and KMS.2 (inline policies); tfsec AWS097.',
  remediation:
    'Grant the blocked actions only on the ARNs of the keys the principal needs: remove them from statements on "*" or wildcard key ARNs and add a statement whose Resource lists the key ARNs.',
  fix: 'named-keys',
  compliance: (resourceType) => [securityHubControl(resourceType)],
  parity: 'parity: KMS.1 (customer managed policies) and KMS.2 (inline policies); also tfsec AWS097',
};
