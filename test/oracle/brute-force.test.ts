import { expect } from 'chai';
import fc from 'fast-check';
import { judgePolicy, parsePolicy, type ConditionMode, type Policy, type Scope } from '../../lib/iam/index.js';

/**
 * Cross-checks judgePolicy against brute force: every key whose region and key id are strings
 * of up to three characters over {a, b, z} (z appears in no pattern), or 1, 2 (which a `*` may
 * carry over from an account pattern), and whose account is a 12-digit account id over
 * {1, 2, 0, 9} (0 and 9 appear in no pattern) made of two digits, one digit eight times and two
 * digits, or up to two digits, zeros and up to two digits: enough to tell apart every account the
 * account segments below can tell apart (first and last digits, a 1 inside, eleven 1s first, the
 * accounts spelled out and their neighbours).
 *
 * Policy variables (README, Semantics in short) under Version 2012-10-17 only; otherwise `${...}` is literal text,
 * which no key holds. `${v}` may take any value in each request: `*` in an Allow's Resource and a
 * Deny's NotResource, and there its segment spells nothing; in an Allow's NotResource and a
 * Deny's Resource the item matches no key. `${aws:PrincipalAccount}` is one account P for the
 * whole policy, spelled out once read: the verdict is the widest over P, tried as one account of
 * each profile over what the account segments below ask of an account (PROFILE), which is enough
 * since accounts of one profile are interchangeable. In an Allow's aws:ResourceAccount test
 * (conditions: scope) `${v}` lifts the limit and P is its account. The tag test limits nothing when
 * kms:TagResource is allowed on a key the policy does not name (README, --conditions scope).
 */
const P = '${aws:PrincipalAccount}';
const LITERAL_SEGMENTS = ['a', 'b', 'ab', '${v}'];
const WILD_SEGMENTS = ['*', 'a*', '*b', '?', 'a?', '*a*'];
const LITERAL_ACCOUNTS = ['111111111111', '111111111112', '${v}', '1${v}', '${v}2', '1111', P];
const WILD_ACCOUNTS = ['*', '1*', '*2', '?', '11111111111?', '*1*', '????????????', '111111111111*'];
/** Segments a `*` or `?` lets run from the region into the account. */
const CROSSING_SEGMENTS = ['*', 'a*', '*2', 'a*1', 'a?111111111111', '*a*'];
const slotValues: string[] = ['1', '2'];
for (const length of [1, 2, 3]) {
  const build = (prefix: string): void => {
    if (prefix.length === length) slotValues.push(prefix);
    else for (const ch of 'abz') build(prefix + ch);
  };
  build('');
}
const accountSet = new Set<string>(['111111111119']);
const shortDigits = ['', '1', '2', '0', '11', '12', '10', '21', '22', '20', '01', '02', '00'];
for (const head of shortDigits) for (const tail of shortDigits) accountSet.add(head + '0'.repeat(12 - head.length - tail.length) + tail);
for (const head of ['11', '12', '10', '21', '22', '20', '01', '02', '00']) {
  for (const middle of '120') {
    for (const tail of ['11', '12', '10', '21', '22', '20', '01', '02', '00']) accountSet.add(head + middle.repeat(8) + tail);
  }
}
const accountValues = [...accountSet];
/** What the account segments (and the accounts spelled out) ask of an account. */
const PROFILE = [/^1/, /1$/, /2$/, /1/, /^1{11}/, /^111111111111$/, /^111111111112$/, /^111111111110$/];
const principalAccounts = [...new Map(accountValues.map((a) => [PROFILE.map((re) => (re.test(a) ? 1 : 0)).join(''), a])).values()];

const segment = fc.oneof({ arbitrary: fc.constantFrom(...LITERAL_SEGMENTS), weight: 3 }, { arbitrary: fc.constantFrom(...WILD_SEGMENTS), weight: 2 });
const account = fc.oneof({ arbitrary: fc.constantFrom(...LITERAL_ACCOUNTS), weight: 3 }, { arbitrary: fc.constantFrom(...WILD_ACCOUNTS), weight: 2 });
const resourcePattern = fc.oneof(
  fc.constant('*'),
  fc.tuple(segment, account, segment).map(([r, a, k]) => `arn:aws:kms:${r}:${a}:key/${k}`),
  fc.tuple(fc.constantFrom(...CROSSING_SEGMENTS), segment).map(([ra, k]) => `arn:aws:kms:${ra}:key/${k}`),
  fc.tuple(segment, account).map(([r, a]) => `arn:aws:kms:${r}:${a}:*`),
  fc.tuple(segment, account).map(([r, a]) => `arn:aws:kms:${r}:${a}*`),
  fc.tuple(segment, account).map(([r, a]) => `arn:aws:kms:${r}:${a}:alias/*`),
  fc.tuple(segment, segment).map(([r, k]) => `arn:aws:kms:${r}:111111111111:key/${k}`),
  segment.map((k) => `arn:aws:kms:b:111111111111:key/${k}`),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  actionKind: fc.constantFrom('Action', 'NotAction'),
  actions: fc.subarray(['kms:Decrypt', 'kms:*', 's3:GetObject', 'kms:TagResource'], { minLength: 1 }),
  resourceKind: fc.constantFrom('Resource', 'NotResource'),
  resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom('none', 'none', 'secure', 'account', 'tag'),
  accounts: fc.subarray(['111111111111', '111111111110', '${v}', '1111', P], { minLength: 1 }),
});

const CONDITIONS: Record<string, (accounts: string[]) => Record<string, unknown> | undefined> = {
  none: () => undefined,
  secure: () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
  account: (accounts) => ({ StringEquals: { 'aws:ResourceAccount': accounts } }),
  tag: () => ({ StringEquals: { 'aws:ResourceTag/team': 'x' } }),
};
const version = fc.constantFrom<string | undefined>('2012-10-17', '2012-10-17', '2012-10-17', '2008-10-17', undefined);
const document = fc.tuple(version, fc.array(statement, { minLength: 1, maxLength: 3 })).map(([Version, statements]) => ({
  ...(Version === undefined ? {} : { Version }),
  Statement: statements.map((s) => ({
    Effect: s.Effect,
    [s.actionKind]: s.actions,
    [s.resourceKind]: s.resources,
    ...(s.condition === 'none' ? {} : { Condition: CONDITIONS[s.condition]!(s.accounts) }),
  })),
}));

interface OracleStatement {
  allow: boolean;
  matchesDecrypt: boolean;
  negated: boolean;
  patterns: RegExp[];
  conditional: boolean;
  /** In scope mode: grants nothing it does not name (tag condition). */
  namedOnly: boolean;
  /** In scope mode: the accounts its keys are limited to. */
  accounts?: string[];
}

/** A pattern as a regular expression over keys (no key holds `$`, so literal `${...}` matches none). */
function patternRegExp(pattern: string, perSegment: boolean): RegExp {
  const chars = [...pattern];
  // Per segment (where matching less allows more): `?`, and a `*` with more of its segment after it, match no `:`.
  const star = (i: number) => (!perSegment || i === chars.length - 1 || chars[i + 1] === ':' ? '[^]*' : '[^:]*');
  const source = chars.map((ch, i) => (ch === '*' ? star(i) : ch === '?' ? (perSegment ? '[^:]' : '[^]') : ch.replace(/[\\^$.+()|[\]{}]/, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'u');
}

type Doc = { Version?: string; Statement: Record<string, unknown>[] };

type Action = 'kms:Decrypt' | 'kms:TagResource';

/**
 * The widest scope over the readings of P for `action`. In scope mode the tag condition limits
 * nothing when kms:TagResource is allowed on a key the policy does not name (the principal tags
 * any such key, then meets the condition).
 */
function oracleScope(doc: Doc, mode: ConditionMode, action: Action = 'kms:Decrypt', lifted?: boolean): Scope | undefined {
  if (lifted === undefined) lifted = mode === 'scope' && oracleScope(doc, mode, 'kms:TagResource', false) !== undefined;
  const live = doc.Version === '2012-10-17';
  const usesP = live && JSON.stringify(doc).includes(P);
  let best: Scope | undefined;
  const rank = { 'all-keys': 0, 'account-keys': 1, 'region-keys': 2 } as const;
  for (const principal of usesP ? principalAccounts : ['']) {
    const scope = readingScope(doc, mode, live, principal, action, lifted);
    if (scope !== undefined && (best === undefined || rank[scope] < rank[best])) best = scope;
  }
  return best;
}

function readingScope(doc: Doc, mode: ConditionMode, live: boolean, principal: string, action: Action, lifted: boolean): Scope | undefined {
  const spelled = new Set<string>();
  const spelledAccounts = new Set<string>();
  const read = (text: string) => (live ? text.replaceAll(P, principal) : text);
  const statements: OracleStatement[] = doc.Statement.map((s) => {
    const negatedAction = 'NotAction' in s;
    const actions = (s.Action ?? s.NotAction) as string[];
    const matchesDecrypt = actions.some((a) => a === action || a === 'kms:*') !== negatedAction;
    const negated = 'NotResource' in s;
    const allow = s.Effect === 'Allow';
    const widens = allow !== negated;
    const resources = ((s.Resource ?? s.NotResource) as string[]).map(read);
    for (const r of resources) {
      // A segment with ${v} spells nothing (read as `*`, or as a value naming nothing).
      for (const part of r.split(/[:/]/)) if (part !== '' && !/[*?]/.test(part) && !(live && part.includes('${v}'))) spelled.add(part);
      // 12 literal digits beside a wildcard write out an account (an account has 12 digits).
      for (const run of r.split(/[:/*?]/)) if (/^[0-9]{12}$/.test(run)) spelledAccounts.add(run);
    }
    const items = live ? resources.flatMap((r) => (!r.includes('${v}') ? [r] : widens ? [r.replaceAll('${v}', '*')] : [])) : resources;
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    const scoped = mode === 'scope' && allow && condition?.StringEquals !== undefined;
    let accounts = scoped ? (condition!.StringEquals!['aws:ResourceAccount'] as string[] | undefined)?.map(read) : undefined;
    // ${v} may be any key's account: the test limits nothing.
    if (live && accounts?.some((a) => a.includes('${v}'))) accounts = undefined;
    const namedOnly = scoped && !lifted && condition!.StringEquals!['aws:ResourceTag/team'] !== undefined;
    if (accounts) for (const a of accounts) spelledAccounts.add(a);
    return {
      allow,
      matchesDecrypt,
      negated,
      patterns: items.map((item) => patternRegExp(item, !widens)),
      conditional: condition !== undefined,
      namedOnly,
      ...(accounts ? { accounts } : {}),
    };
  });
  for (const value of spelled) spelledAccounts.add(value);
  const holds = (s: OracleStatement, key: string) => s.matchesDecrypt && s.patterns.some((p) => p.test(key)) !== s.negated;
  const grants = (s: OracleStatement, key: string, account: string) =>
    s.allow && !s.namedOnly && holds(s, key) && (!s.accounts || s.accounts.includes(account));
  let best: Scope | undefined;
  const rank = { 'all-keys': 0, 'account-keys': 1, 'region-keys': 2 } as const;
  for (const region of slotValues) {
    for (const account of accountValues) {
      const tier: Scope | undefined = !spelledAccounts.has(account) ? 'all-keys' : !spelled.has(region) ? 'account-keys' : undefined;
      for (const keyId of slotValues) {
        const scope = tier ?? (spelled.has(keyId) ? undefined : 'region-keys');
        if (scope === undefined || (best !== undefined && rank[best] <= rank[scope])) continue;
        const key = `arn:aws:kms:${region}:${account}:key/${keyId}`;
        const allowed = statements.some((s) => grants(s, key, account)) && !statements.some((s) => !s.allow && !s.conditional && holds(s, key));
        if (allowed) best = scope;
      }
    }
  }
  return best;
}

describe('iam: judgePolicy against brute force', () => {
  for (const mode of ['ignore', 'scope'] as const) {
    it(`gives the scope exhaustive enumeration of short keys gives, on random policies (conditions: ${mode})`, function () {
      this.timeout(120_000);
      fc.assert(
        fc.property(document, (doc) => {
          const parsed = parsePolicy(doc);
          if (!('policy' in parsed)) throw new Error(parsed.error.message);
          const verdict = judgePolicy(parsed.policy as Policy, { blockedActions: ['kms:Decrypt'], partition: 'aws', conditions: mode });
          const scope = verdict.kind === 'finding' ? verdict.scope : undefined;
          expect(scope, JSON.stringify(doc)).to.equal(oracleScope(doc, mode));
        }),
        { numRuns: 150, seed: 20240611 },
      );
    });
  }
});
