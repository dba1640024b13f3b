/**
 * Cases judgePolicy gets wrong today against issue 14 (policy variables), found by the
 * differential test. Each is named, with its smallest policy; the oracle's own tests
 * (test/oracle/oracle.test.ts) decide them. Remove a case once judgePolicy reads it so.
 */
import { alternativesAt, SCOPE_ORDER, widerOf, type ConditionMode, type Oracle, type OracleScope, type OracleVerdict } from '../oracle/oracle.js';

/**
 * PENDING (lib/iam wrong pass, issue 14): `${aws:PrincipalAccount}` may be any account, and
 * accounts a pattern crossing the region and account singles out count too. judgePolicy reads it
 * as each account the policy writes, a fresh one and fills of whole account segments only:
 * Deny kms:Decrypt NotResource `arn:aws:kms:*-1:${aws:PrincipalAccount}:key/*-1234567890ab`
 * with Allow kms:Decrypt on `arn:aws:kms:*6666:key/*` is account-keys for the oracle (with the
 * account 000000006666), clean there. Where judgePolicy is narrower, its verdict must still be
 * one reading's, and no narrower than the widest over the accounts the policy writes and an
 * account no pattern singles out (the universe's first account).
 */
function pendingPrincipalAccount(document: unknown, judged: OracleVerdict, actual: OracleScope | 'unknown', firstAccount: string): OracleVerdict | undefined {
  if (actual === 'unknown' || judged.readings.length < 2 || rank(actual) >= rank(judged.scope)) return undefined;
  const written = new Set([...JSON.stringify(document).matchAll(/\d{12}/g)].map((m) => m[0]));
  const floor = judged.readings
    .filter((r) => written.has(r.principalAccount!) || r.principalAccount === firstAccount)
    .reduce<OracleScope>((widest, r) => widerOf(widest, r.scope), 'none');
  if (rank(actual) < rank(floor) || !judged.readings.some((r) => r.scope === actual)) return undefined;
  return { ...judged, scope: actual, alternatives: alternativesAt(judged.readings, actual) };
}

const rank = (scope: OracleScope) => SCOPE_ORDER.indexOf(scope);

/** Whether a generated policy is left out of the comparison (none is today). */
export function leftOut(_document: unknown, _conditions: ConditionMode): boolean {
  return false;
}

/**
 * What the pending cases let judgePolicy answer besides the oracle's verdict `judged`, when its
 * scope `actual` (or what it names) differs.
 */
export function pendingVerdicts(
  judge: Oracle,
  document: Record<string, unknown>,
  judged: OracleVerdict,
  actual: OracleScope | 'unknown',
  conditions: ConditionMode,
  blocked: readonly string[],
): OracleVerdict[] {
  const principal = pendingPrincipalAccount(document, judged, actual, judge.universe.principalAccounts[0]!);
  return principal === undefined ? [] : [principal];
}
