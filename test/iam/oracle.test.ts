import { expect } from 'chai';
import fc from 'fast-check';
import { arnPatternTokens, literalTokens, tokensMatch, variableToken, type Token } from '../../lib/iam/glob.js';
import { judgePolicy, parsePolicy, type ConditionMode, type Policy, type Scope } from '../../lib/iam/index.js';

/**
 * Cross-checks judgePolicy against brute force: every key whose region, account and key id are
 * strings of up to three characters over {a, b, z} (z appears in no pattern) or the variable ${v}.
 */
const LITERAL_SEGMENTS = ['a', 'b', 'ab', '${v}'];
const WILD_SEGMENTS = ['*', 'a*', '*b', '?', 'a?', '*a*'];
const slotValues: Token[][] = [[variableToken('v')]];
for (const length of [1, 2, 3]) {
  const build = (prefix: string): void => {
    if (prefix.length === length) slotValues.push(literalTokens(prefix));
    else for (const ch of 'abz') build(prefix + ch);
  };
  build('');
}

const segment = fc.oneof({ arbitrary: fc.constantFrom(...LITERAL_SEGMENTS), weight: 3 }, { arbitrary: fc.constantFrom(...WILD_SEGMENTS), weight: 2 });
const resourcePattern = fc.oneof(
  fc.constant('*'),
  fc.tuple(segment, segment, segment).map(([r, a, k]) => `arn:aws:kms:${r}:${a}:key/${k}`),
  fc.tuple(segment, segment).map(([ra, k]) => `arn:aws:kms:${ra}:key/${k}`),
  fc.tuple(segment, segment).map(([r, a]) => `arn:aws:kms:${r}:${a}:*`),
  fc.tuple(segment, segment).map(([r, a]) => `arn:aws:kms:${r}:${a}:alias/*`),
  fc.tuple(segment, segment).map(([r, k]) => `arn:aws:kms:${r}:a:key/${k}`),
  segment.map((k) => `arn:aws:kms:b:a:key/${k}`),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  actionKind: fc.constantFrom('Action', 'NotAction'),
  actions: fc.subarray(['kms:Decrypt', 'kms:*', 's3:GetObject'], { minLength: 1 }),
  resourceKind: fc.constantFrom('Resource', 'NotResource'),
  resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom('none', 'none', 'secure', 'account', 'tag'),
  accounts: fc.subarray(['a', 'ab', '${v}'], { minLength: 1 }),
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
  patterns: Token[][];
  conditional: boolean;
  /** In scope mode: grants nothing it does not name (tag condition). */
  namedOnly: boolean;
  /** In scope mode: the accounts its keys are limited to. */
  accounts?: string[];
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
      for (const part of r.split(/[:/]/)) if (part !== '' && !/[*?]/.test(part)) spelled.add(arnPatternTokens(part).join(','));
    }
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    const allow = s.Effect === 'Allow';
    const scoped = mode === 'scope' && allow && condition?.StringEquals !== undefined;
    const accounts = scoped ? (condition!.StringEquals!['aws:ResourceAccount'] as string[] | undefined) : undefined;
    const namedOnly = scoped && condition!.StringEquals!['aws:ResourceTag/team'] !== undefined;
    if (accounts) for (const a of accounts) spelledAccounts.add(arnPatternTokens(a).join(','));
    return {
      allow,
      matchesDecrypt,
      negated: 'NotResource' in s,
      patterns: resources.map(arnPatternTokens),
      conditional: condition !== undefined,
      namedOnly,
      ...(accounts ? { accounts } : {}),
    };
  });
  for (const value of spelled) spelledAccounts.add(value);
  const holds = (s: OracleStatement, key: Token[]) => s.matchesDecrypt && s.patterns.some((p) => tokensMatch(p, key)) !== s.negated;
  const grants = (s: OracleStatement, key: Token[], account: Token[]) =>
    s.allow && !s.namedOnly && holds(s, key) && (!s.accounts || s.accounts.some((a) => arnPatternTokens(a).join(',') === account.join(',')));
  const isSpelled = (value: Token[]) => spelled.has(value.join(','));
  const isSpelledAccount = (value: Token[]) => spelledAccounts.has(value.join(','));
  let best: Scope | undefined;
  const rank = { 'all-keys': 0, 'account-keys': 1, 'region-keys': 2 } as const;
  for (const region of slotValues) {
    for (const account of slotValues) {
      const tier: Scope | undefined = !isSpelledAccount(account) ? 'all-keys' : !isSpelled(region) ? 'account-keys' : undefined;
      for (const keyId of slotValues) {
        const scope = tier ?? (isSpelled(keyId) ? undefined : 'region-keys');
        if (scope === undefined || (best !== undefined && rank[best] <= rank[scope])) continue;
        const key = [
          ...literalTokens('arn:aws:kms:'),
          ...region,
          ...literalTokens(':'),
          ...account,
          ...literalTokens(':key/'),
          ...keyId,
        ];
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
