import { expect } from 'chai';
import fc from 'fast-check';
import { judgePolicy, parsePolicy, type ConditionMode, type Policy, type Scope } from '../../lib/iam/index.js';

/**
 * Cross-checks judgePolicy against brute force: every key whose region and key id are strings
 * of up to three characters over {a, b, z} (z appears in no pattern), 1, 2 (which a `*` may carry
 * over from an account pattern) or the variable ${v}, and whose account is a 12-digit account id
 * over {1, 2, 0} (0 appears in no pattern) made of two digits, one digit eight times and two
 * digits, or ${v} standing for the digits left between up to two digits before and after it:
 * enough to tell apart every account the account segments below can tell apart (first and last
 * digits, a 1 inside, the accounts spelled out and their neighbours).
 *
 * In an account ${v} stands for a run of digits no pattern spells (RUN: `?` and `*` match each,
 * no literal does); elsewhere it is one opaque character (OPAQUE: only `*` matches it). `${v}` in
 * a pattern takes a whole run, or the opaque character.
 */
const LITERAL_SEGMENTS = ['a', 'b', 'ab', '${v}'];
const WILD_SEGMENTS = ['*', 'a*', '*b', '?', 'a?', '*a*'];
const LITERAL_ACCOUNTS = ['111111111111', '111111111112', '${v}', '1${v}', '${v}2', '1111'];
const WILD_ACCOUNTS = ['*', '1*', '*2', '?', '11111111111?', '*1*', '????????????', '111111111111*'];
/** Segments a `*` or `?` lets run from the region into the account. */
const CROSSING_SEGMENTS = ['*', 'a*', '*2', 'a*1', 'a?111111111111', '*a*'];
const OPAQUE = '\u0001';
const RUN = '\u0002';
const slotValues: string[] = [OPAQUE, '1', '2'];
for (const length of [1, 2, 3]) {
  const build = (prefix: string): void => {
    if (prefix.length === length) slotValues.push(prefix);
    else for (const ch of 'abz') build(prefix + ch);
  };
  build('');
}
const accountValues: string[] = [];
const shortDigits = ['', '1', '2', '0', '11', '12', '10', '21', '22', '20', '01', '02', '00'];
for (const head of shortDigits) for (const tail of shortDigits) accountValues.push(head + RUN.repeat(12 - head.length - tail.length) + tail);
for (const head of ['11', '12', '10', '21', '22', '20', '01', '02', '00']) {
  for (const middle of '120') {
    for (const tail of ['11', '12', '10', '21', '22', '20', '01', '02', '00']) accountValues.push(head + middle.repeat(8) + tail);
  }
}

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
  actions: fc.subarray(['kms:Decrypt', 'kms:*', 's3:GetObject'], { minLength: 1 }),
  resourceKind: fc.constantFrom('Resource', 'NotResource'),
  resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom('none', 'none', 'secure', 'account', 'tag'),
  accounts: fc.subarray(['111111111111', '111111111110', '${v}', '1111'], { minLength: 1 }),
});

const CONDITIONS: Record<string, (accounts: string[]) => Record<string, unknown> | undefined> = {
  none: () => undefined,
  secure: () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
  account: (accounts) => ({ StringEquals: { 'aws:ResourceAccount': accounts } }),
  tag: () => ({ StringEquals: { 'aws:ResourceTag/team': 'x' } }),
};
const document = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements) => ({
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

/** Text as the policy spells it, ${v} (a run or the opaque character) written as `$`. */
const spelledForm = (text: string) => text.replaceAll('${v}', '$').replace(new RegExp(`${RUN}+|${OPAQUE}`, 'g'), '$');

/** The pattern as a regular expression over keys written with RUN and OPAQUE for ${v}. */
function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split('${v}')
    .map((part) => [...part].map((ch) => (ch === '*' ? '[^]*' : ch === '?' ? `[^${OPAQUE}]` : ch.replace(/[\\^$.+()|[\]{}]/, '\\$&'))).join(''))
    .join(`(?:(?<!${RUN})${RUN}+(?!${RUN})|${OPAQUE})`);
  return new RegExp(`^${source}$`, 'u');
}

function oracleScope(doc: { Statement: Record<string, unknown>[] }, mode: ConditionMode): Scope | undefined {
  const spelled = new Set<string>();
  const spelledAccounts = new Set<string>();
  const statements: OracleStatement[] = doc.Statement.map((s) => {
    const negatedAction = 'NotAction' in s;
    const actions = (s.Action ?? s.NotAction) as string[];
    const matchesDecrypt = actions.some((a) => a === 'kms:Decrypt' || a === 'kms:*') !== negatedAction;
    const resources = (s.Resource ?? s.NotResource) as string[];
    for (const r of resources) {
      for (const part of r.split(/[:/]/)) if (part !== '' && !/[*?]/.test(part)) spelled.add(spelledForm(part));
      // 12 literal digits beside a wildcard write out an account (an account has 12 digits).
      for (const run of r.split(/[:/*?]|\$\{v\}/)) if (/^[0-9]{12}$/.test(run)) spelledAccounts.add(run);
    }
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    const allow = s.Effect === 'Allow';
    const scoped = mode === 'scope' && allow && condition?.StringEquals !== undefined;
    const accounts = scoped ? (condition!.StringEquals!['aws:ResourceAccount'] as string[] | undefined)?.map(spelledForm) : undefined;
    const namedOnly = scoped && condition!.StringEquals!['aws:ResourceTag/team'] !== undefined;
    if (accounts) for (const a of accounts) spelledAccounts.add(a);
    return {
      allow,
      matchesDecrypt,
      negated: 'NotResource' in s,
      patterns: resources.map(patternRegExp),
      conditional: condition !== undefined,
      namedOnly,
      ...(accounts ? { accounts } : {}),
    };
  });
  for (const value of spelled) spelledAccounts.add(value);
  const holds = (s: OracleStatement, key: string) => s.matchesDecrypt && s.patterns.some((p) => p.test(key)) !== s.negated;
  const grants = (s: OracleStatement, key: string, account: string) =>
    s.allow && !s.namedOnly && holds(s, key) && (!s.accounts || s.accounts.includes(spelledForm(account)));
  let best: Scope | undefined;
  const rank = { 'all-keys': 0, 'account-keys': 1, 'region-keys': 2 } as const;
  for (const region of slotValues) {
    for (const account of accountValues) {
      const tier: Scope | undefined = !spelledAccounts.has(spelledForm(account)) ? 'all-keys' : !spelled.has(spelledForm(region)) ? 'account-keys' : undefined;
      for (const keyId of slotValues) {
        const scope = tier ?? (spelled.has(spelledForm(keyId)) ? undefined : 'region-keys');
        if (scope === undefined || (best !== undefined && rank[best] <= rank[scope])) continue;
        const key = `arn:aws:kms:${region}:${account}:key/${keyId}`;
        const allowed =
          statements.some((s) => grants(s, key, account)) && !statements.some((s) => !s.allow && !s.conditional && holds(s, key));
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
