/**
 * The check itself: rule ids, severities and wording per scope.
 */
import type { FailOn, Scope, Severity } from '../types.js';

export interface RuleDescription {
  readonly id: string;
  readonly scope: Scope;
  readonly severity: Severity;
  readonly title: string;
  /** Where the access reaches, as a phrase: "every KMS key in any account". */
  readonly reach: string;
}

export const RULES: Readonly<Record<Scope, RuleDescription>> = {
  'all-keys': {
    id: 'kms-decrypt-all-keys',
    scope: 'all-keys',
    severity: 'high',
    title: 'IAM policy allows KMS decryption with keys in accounts it does not name',
    reach: 'KMS keys in accounts the policy does not name',
  },
  'account-keys': {
    id: 'kms-decrypt-account-keys',
    scope: 'account-keys',
    severity: 'medium',
    title: 'IAM policy allows KMS decryption with keys in regions it does not name',
    reach: 'KMS keys in regions the policy does not name (in the accounts it names)',
  },
  'region-keys': {
    id: 'kms-decrypt-region-keys',
    scope: 'region-keys',
    severity: 'low',
    title: 'IAM policy allows KMS decryption with keys it does not name',
    reach: 'KMS keys the policy does not name (in the accounts and regions it names)',
  },
};

export const DEFAULT_BLOCKED_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:ReEncryptFrom'];

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 1, medium: 2, high: 3 };
const SCOPE_RANK: Readonly<Record<Scope, number>> = { 'region-keys': 1, 'account-keys': 2, 'all-keys': 3 };

/** Whether a finding of this severity fails the run under `failOn`. */
export function severityFails(severity: Severity, failOn: FailOn): boolean {
  // Stryker disable next-line StringLiteral: 'never' has no rank, so the comparison after it is false for 'never' anyway
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** True when scope `a` reaches at least as wide as scope `b`. */
export function scopeAtLeast(a: Scope, b: Scope): boolean {
  return SCOPE_RANK[a] >= SCOPE_RANK[b];
}
