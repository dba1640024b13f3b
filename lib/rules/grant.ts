/**
 * The grant rule: identity policies that allow, on keys they do not name, an action with which
 * the principal can obtain decryption itself. The decrypt rule alone is Security Hub's check;
 * this one goes beyond it: a policy that passes it while allowing these still lets its holder
 * decrypt with every key it reaches, one call away.
 *
 * From the KMS actions (data/kms-actions.json), those that reach an existing key and give
 * decryption with it:
 * - kms:CreateGrant: a grant naming the principal itself as grantee, for Decrypt or ReEncryptFrom.
 * - kms:PutKeyPolicy: a key policy that allows the principal (or anyone) kms:Decrypt.
 * - kms:ReplicateKey: a replica of a multi-Region key shares its key material, so it decrypts the
 *   primary's ciphertext, and the caller gives the replica a key policy of its own choosing
 *   (it also needs kms:CreateKey in the replica's region, which names no existing key).
 *
 * Left out, each for a reason:
 * - kms:CreateKey: makes a new key; it reaches no existing key or ciphertext.
 * - kms:ImportKeyMaterial: an existing key takes back only the material it was created with;
 *   the action changes no one's permissions and decrypts nothing.
 * - kms:ReEncryptTo, kms:GenerateDataKey*, kms:DeriveSharedSecret: encrypt or derive under the
 *   key; they reveal no existing ciphertext's plaintext (ReEncrypt needs ReEncryptFrom too).
 * - kms:RetireGrant, kms:RevokeGrant, kms:ListGrants, kms:GetKeyPolicy: remove or read grants and
 *   policies, never add a permission.
 * - kms:TagResource, kms:CreateAlias, kms:UpdateAlias: give no permission by themselves (where a
 *   policy allows Decrypt on tagged or aliased keys only, that Decrypt is judged by the decrypt
 *   rule).
 * - kms:UpdatePrimaryRegion, kms:SynchronizeMultiRegionKey: change which replica is primary or
 *   copy settings between replicas; key policies stay as they are.
 *
 * Under `conditions: 'scope'`, a `kms:GrantOperations` test that excludes Decrypt and
 * ReEncryptFrom, or `kms:GrantIsForAWSResource: true`, keeps CreateGrant from counting
 * (lib/iam/grant-conditions.ts).
 */
import { SCOPE_SEVERITY, type Rule } from './rule.js';

export const GRANT_ACTIONS: readonly string[] = ['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey'];

export const GRANT_RULE: Rule = {
  id: 'kms-grant',
  name: 'Actions that obtain decryption with keys the policy does not name',
  subject: 'policy',
  enabledByDefault: true,
  blockedActions: () => GRANT_ACTIONS,
  options: [],
  severity: SCOPE_SEVERITY,
  titles: {
    'all-keys': 'IAM policy lets a principal obtain KMS decryption with keys in accounts it does not name',
    'account-keys': 'IAM policy lets a principal obtain KMS decryption with keys in regions it does not name',
    'region-keys': 'IAM policy lets a principal obtain KMS decryption with keys it does not name',
  },
  description: (reach) =>
    `An IAM identity policy allows kms:CreateGrant, kms:PutKeyPolicy or kms:ReplicateKey on ${reach}. ` +
    'With them its holder can give itself decryption with every such key whose key policy lets the account in: a grant for Decrypt, a key policy that allows it, or a replica key under a policy of its own. ' +
    'This goes beyond AWS Security Hub KMS.1 and KMS.2, which check the decryption actions only.',
  consequence: 'With them a principal can give itself decryption with those keys (a grant, a key policy or a replica key).',
  remediation:
    'Allow kms:CreateGrant, kms:PutKeyPolicy and kms:ReplicateKey only on the ARNs of the keys the principal administers (for grants, limit kms:GrantOperations with ForAllValues:StringEquals, or require kms:GrantIsForAWSResource): remove them from statements on "*" or wildcard key ARNs and add a statement whose Resource lists the key ARNs.',
  fix: 'named-keys',
  compliance: () => [],
  parity: 'goes beyond it: no control checks these actions',
};
