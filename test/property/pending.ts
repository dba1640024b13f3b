/**
 * Cases judgePolicy gets wrong today against issue 14 (policy variables), found by the
 * differential test. Each is named, with its smallest policy; the oracle's own tests
 * (test/oracle/oracle.test.ts) decide them. Remove a case once judgePolicy reads it so.
 */
import { patternTokens, readItem } from '../oracle/glob.js';
import { alternativesAt, SCOPE_ORDER, widerOf, type ConditionMode, type Oracle, type OracleScope, type OracleVerdict } from '../oracle/oracle.js';

type Statement = { Condition?: Record<string, Record<string, unknown>> };
const statementsOf = (document: unknown) => [(document as { Statement: unknown }).Statement].flat() as Statement[];
const isLive = (document: unknown) => (document as { Version?: unknown }).Version === '2012-10-17';

/** Each ResourceAccount test's key and values. */
function accountTests(document: unknown): { key: string; values: string[] }[] {
  return statementsOf(document).flatMap((s) =>
    Object.values(s.Condition ?? {}).flatMap((tests) =>
      Object.entries(tests)
        .filter(([key]) => key.toLowerCase() === 'aws:resourceaccount')
        .map(([key, values]) => ({ key, values: [values].flat() as string[] })),
    ),
  );
}

/**
 * PENDING (lib/iam, issue 14), judged rather than left out: an item that matches no key (a
 * per-request variable in an Allow's NotResource or a Deny's Resource; `${` under another
 * Version) still spells its other segments for the oracle, as the policy writes them; judgePolicy
 * drops the item with what it spells. Allow kms:Decrypt on `arn:aws:kms:us-east-1?111122223333:key/*`
 * with Deny kms:* on `arn:aws:kms:us-east-1:111122223333:key/${aws:username}` is region-keys for
 * the oracle (us-east-1 is spelled out), account-keys there. Where the two differ, judgePolicy
 * must give the oracle's verdict on the policy without those items.
 */
function withoutItemsMatchingNoKey(document: Record<string, unknown>): Record<string, unknown> {
  const live = isLive(document);
  const strip = (raw: Record<string, unknown>) => {
    const negated = 'NotResource' in raw;
    const widens = (raw.Effect === 'Allow') !== negated;
    const items = [raw[negated ? 'NotResource' : 'Resource']].flat() as string[];
    const kept = items.filter((item) => readItem(patternTokens(item, live), { account: '000000000000', widens }) !== undefined);
    return { ...raw, [negated ? 'NotResource' : 'Resource']: kept };
  };
  const statement = document.Statement;
  return { ...document, Statement: Array.isArray(statement) ? statement.map(strip) : strip(statement as Record<string, unknown>) };
}

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

/**
 * False alarms left out of the comparison (the policy is not tried):
 *
 * - escape: `${*}`, `${?}` and `${$}` are literal characters no key ARN holds, so an item with
 *   one matches no key (and under another Version an item with `${` matches none either).
 *   judgePolicy lets a key hold them: Allow kms:Decrypt on
 *   `arn:aws:kms:us-*:111122223333:key/1234abcd-${*}` is account-keys there, none for the oracle.
 * - literal account value: under Version 2008-10-17 (or none) `${aws:PrincipalAccount}` as an
 *   aws:ResourceAccount value is text no account equals, so under `conditions: scope` the Allow
 *   grants nothing. judgePolicy reads it as an account: Allow kms:Decrypt on `*` with
 *   StringEquals aws:ResourceAccount `${aws:PrincipalAccount}` is account-keys there.
 */
const LEFT_OUT: readonly { readonly name: string; readonly applies: (document: unknown, conditions: ConditionMode) => boolean }[] = [
  { name: 'escape', applies: (document) => /\$\{[*?$]\}/.test(JSON.stringify(document)) },
  {
    name: 'literal account value',
    applies: (document, conditions) => conditions === 'scope' && !isLive(document) && accountTests(document).some((t) => t.values.some((v) => v.includes('${'))),
  },
];

/** Whether a generated policy is one of the false alarms left out. */
export function leftOut(document: unknown, conditions: ConditionMode): boolean {
  return LEFT_OUT.some((c) => c.applies(document, conditions));
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
  const stripped = withoutItemsMatchingNoKey(document);
  const spelling = JSON.stringify(stripped) === JSON.stringify(document) ? undefined : judge.judge(stripped, conditions, blocked);
  return [principal, spelling].filter((v): v is OracleVerdict => v !== undefined);
}
