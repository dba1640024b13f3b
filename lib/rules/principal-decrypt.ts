/**
 * The principal rule: roles, users, groups and permission sets that, after this apply, may use the decrypt rule's
 * actions (by default kms:Decrypt and kms:ReEncryptFrom) on keys their policies do not name,
 * through the union of their identity policies (inline, attached customer and AWS managed
 * policies, a user's groups'), less their Denies, within their permissions boundary
 * (lib/principals). Off by default: on with `--principals` or `rules`.
 */
import { principalReach, SCOPE_SEVERITY, type Rule } from './rule.js';

export const PRINCIPAL_DECRYPT_RULE: Rule = {
  id: 'principal-decrypt',
  name: 'Principals that can decrypt with keys their policies do not name',
  subject: 'principal',
  enabledByDefault: false,
  blockedActions: (options) => options.blockedActions,
  options: ['blockedActions'],
  severity: SCOPE_SEVERITY,
  titles: {
    'all-keys': 'IAM principal can use KMS decryption with keys in accounts its policies do not name',
    'account-keys': 'IAM principal can use KMS decryption with keys in regions its policies do not name',
    'region-keys': 'IAM principal can use KMS decryption with keys its policies do not name',
  },
  description: (reach) =>
    `After this apply, an IAM role, user or group, or an IAM Identity Center permission set, may use KMS decryption actions (by default kms:Decrypt and kms:ReEncryptFrom) on ${principalReach(reach)}, ` +
    'through the identity policies that apply to it together: inline policies, attached customer and AWS managed policies (AdministratorAccess, PowerUserAccess...), ' +
    "and for a user its groups' policies, less their Denies, within its permissions boundary. " +
    'Per-policy checks such as AWS Security Hub KMS.1 and KMS.2 do not see access granted by attaching an AWS managed policy.',
  remediation:
    'Attach a narrower policy than the ones named, grant the actions only on the key ARNs the principal needs, or set a permissions boundary that allows them only on those keys.',
  fix: 'none',
  compliance: () => [],
  parity: 'goes beyond it: Security Hub judges one policy at a time',
};
