import fc from 'fast-check';
import { expect } from 'chai';
import { judgePolicy, parsePolicy, type ConditionMode, type Scope, type UnknownValue, type Verdict } from '../../lib/iam/index.js';
import type { Policy } from '../../lib/iam/types.js';

/**
 * Checks the three-valued verdict against every way the unknown parts of a policy can turn out.
 * A random policy gets up to three unknown parts ("holes"); it is judged as it is, then once for
 * every combination of values of its holes, each hole taking each value of a small domain that
 * holds its most and its least permissive value. Then:
 *
 * - clean: every combination is clean;
 * - a finding: every combination is a finding, no narrower than the finding's scope and no wider
 *   than its mayWidenTo (or its scope); both bounds are reached;
 * - unknown: some combination is clean and some is a finding at the scope the detail names.
 *
 * One exception, a known limit of the least permissive reading: an unknown aws:ResourceAccount
 * value is taken, at its least, as one account no pattern spells out (like a policy variable), not
 * as the account a Deny removes; so with such a hole only the clean verdict and the widest scope
 * reached are checked (the wrong-pass side), not that the narrowest is reached.
 */

type Json = unknown;

/** Every literal segment the domains and the known statements use, so no value spells a new one. */
const SPELLER = {
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: ['arn:aws:s3:::b', 'arn:aws:kms:us-east-1:111122223333:key', 'arn:aws:kms:us-east-1:444455556666:key'],
};
const RESOURCES = ['*', 'arn:aws:kms:*:111122223333:key/*', 'arn:aws:kms:us-east-1:*:key/*', 'arn:aws:kms:us-east-1:111122223333:key/*', 'arn:aws:s3:::b'];
const ACTIONS = ['*', 'kms:Decrypt', 'kms:*', 's3:GetObject'];

const ACTION_DOMAIN = ['*', 'kms:Decrypt', 's3:GetObject'];
const RESOURCE_DOMAIN = ['*', 'arn:aws:kms:*:111122223333:key/*', 'arn:aws:s3:::b'];
const CONDITION_DOMAIN: Json[] = [undefined, { Bool: { 'aws:SecureTransport': 'true' } }, { StringEquals: { 'aws:ResourceTag/team': 'x' } }];
const STATEMENT_DOMAIN: Json[] = [
  { Effect: 'Allow', Action: '*', Resource: '*' },
  { Effect: 'Deny', Action: '*', Resource: '*' },
  { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' },
  { Effect: 'Deny', Action: 'kms:*', NotResource: 'arn:aws:kms:*:111122223333:key/*' },
];
const ACCOUNT_DOMAIN = ['${aws:PrincipalAccount}', '111122223333', '444455556666'];

interface Hole {
  readonly domain: readonly Json[];
  readonly account: boolean;
}

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  actionKind: fc.constantFrom('Action', 'NotAction'),
  actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
  resourceKind: fc.constantFrom('Resource', 'NotResource', 'Resource'),
  resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom<Json>(undefined, undefined, { Bool: { 'aws:SecureTransport': 'true' } }),
});

type HoleKind = 'statement' | 'effect' | 'actions' | 'action item' | 'resources' | 'resource item' | 'condition' | 'account' | 'account pattern';
const holeKind = fc.constantFrom<HoleKind>(
  'statement',
  'effect',
  'actions',
  'action item',
  'resources',
  'resource item',
  'condition',
  'account',
  'account pattern',
);

/** A policy with {$hole: n} markers, and each hole's domain. */
interface Template {
  readonly document: { Statement: Json[] };
  readonly holes: readonly Hole[];
}

const template = fc
  .tuple(fc.array(statement, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(holeKind, fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }))
  .map(([specs, holeSpecs]): Template => {
    const statements = specs.map(
      (s): Record<string, Json> => ({
        Effect: s.Effect,
        [s.actionKind]: [...s.actions],
        [s.resourceKind]: [...s.resources],
        ...(s.condition === undefined ? {} : { Condition: s.condition }),
      }),
    );
    const holes: Hole[] = [];
    const hole = (domain: readonly Json[], account = false) => {
      holes.push({ domain, account });
      return { $hole: holes.length - 1 };
    };
    const added: Json[] = [];
    for (const [kind, which, at] of holeSpecs) {
      const s = statements[which % statements.length]!;
      const actionKey = 'Action' in s ? 'Action' : 'NotAction';
      const resourceKey = 'Resource' in s ? 'Resource' : 'NotResource';
      if (kind === 'statement') added.push(hole(STATEMENT_DOMAIN));
      else if (kind === 'effect') s.Effect = hole(['Allow', 'Deny']);
      else if (kind === 'actions') s[actionKey] = hole(ACTION_DOMAIN);
      else if (kind === 'resources') s[resourceKey] = hole(RESOURCE_DOMAIN);
      else if (kind === 'condition') s.Condition = hole(CONDITION_DOMAIN);
      else if (kind === 'action item' && Array.isArray(s[actionKey])) (s[actionKey] as Json[]).splice(at % 3, 0, hole(ACTION_DOMAIN));
      else if (kind === 'resource item' && Array.isArray(s[resourceKey])) (s[resourceKey] as Json[]).splice(at % 3, 0, hole(RESOURCE_DOMAIN));
      else if (kind === 'account' || kind === 'account pattern') {
        const like = kind === 'account pattern';
        const value = hole(like ? [...ACCOUNT_DOMAIN, '*'] : ACCOUNT_DOMAIN, true);
        s.Condition = { [like ? 'StringLike' : 'StringEquals']: { 'aws:ResourceAccount': [value] } };
      }
    }
    return { document: { Statement: [SPELLER, ...statements, ...added] }, holes };
  });

const isHole = (value: Json): value is { $hole: number } => typeof value === 'object' && value !== null && Object.hasOwn(value, '$hole');

/** The document with hole n replaced by values[n]; an undefined value removes the member. */
function fill(value: Json, values: readonly Json[]): Json {
  if (isHole(value)) return fill(values[value.$hole], values);
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, Json> = {};
  for (const [key, member] of Object.entries(value)) {
    const filled = fill(member, values);
    if (filled !== undefined) out[key] = filled;
  }
  return out;
}

function* combinations(holes: readonly Hole[]): Generator<Json[]> {
  if (holes.length === 0) return yield [];
  for (const rest of combinations(holes.slice(1))) for (const value of holes[0]!.domain) yield [value, ...rest];
}

const WIDTH: Record<Scope | 'none', number> = { none: 0, 'region-keys': 1, 'account-keys': 2, 'all-keys': 3 };

function judge(document: Json, mode: ConditionMode, unknown?: (value: unknown) => UnknownValue | undefined): Verdict {
  const parsed = parsePolicy(document, unknown ? { unknown } : {});
  if ('error' in parsed) throw new Error(`${parsed.error.message} in ${JSON.stringify(document)}`);
  return judgePolicy(parsed.policy, { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: mode });
}

const widthOf = (verdict: Verdict): number => {
  if (verdict.kind === 'unknown' || verdict.kind === 'too-complex') throw new Error(`a policy without unknown parts judged ${verdict.kind}: ${verdict.detail}`);
  return verdict.kind === 'clean' ? 0 : WIDTH[verdict.scope];
};

describe('iam: three-valued verdicts against every way the unknown parts turn out', () => {
  for (const mode of ['ignore', 'scope'] as const) {
    it(`is clean, a finding or unknown exactly as the filled-in policies are (conditions: ${mode})`, function () {
      this.timeout(120_000);
      const seen = { clean: 0, finding: 0, unknown: 0, 'too-complex': 0 };
      fc.assert(
        fc.property(template, ({ document, holes }) => {
          const verdict = judge(document, mode, (value) => (isHole(value) ? { unknown: true, detail: `hole ${value.$hole}` } : undefined));
          seen[verdict.kind]++;
          const widths = [...combinations(holes)].map((values) => widthOf(judge(fill(document, values), mode)));
          const narrowest = Math.min(...widths);
          const widest = Math.max(...widths);
          const exactLeast = !holes.some((h) => h.account);
          const context = `${JSON.stringify(document)} judged ${JSON.stringify(verdict)}; filled in: ${widths.join(',')}`;
          if (verdict.kind === 'clean') expect(widest, context).to.equal(0);
          else if (verdict.kind === 'finding') {
            expect(widest, context).to.equal(WIDTH[verdict.mayWidenTo ?? verdict.scope]);
            if (exactLeast) expect(narrowest, context).to.equal(WIDTH[verdict.scope]);
          } else {
            const scope = /\((all-keys|account-keys|region-keys)\)/.exec(verdict.detail)![1] as Scope;
            expect(widest, context).to.equal(WIDTH[scope]);
            if (exactLeast) expect(narrowest, context).to.equal(0);
          }
        }),
        { numRuns: 300, seed: 4242 },
      );
      // The generator must reach every verdict, or the check proves little.
      const { 'too-complex': tooComplex, ...verdicts } = seen;
      expect(tooComplex, 'policies judged too complex').to.equal(0);
      for (const [kind, count] of Object.entries(verdicts)) expect(count, `policies judged ${kind}`).to.be.greaterThan(20);
    });
  }
});

/**
 * Policies with parts known only after apply, through parsePolicy's `unknown` option and
 * judgePolicy: unknown statements, an unknown Action that the input marks as one key's ARN, and
 * errors that are not about complexity.
 */
type Doc = Record<string, unknown>;
const OPTIONS = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' } as const;

function judged(statements: Doc[], unknownAt: Record<string, UnknownValue>): Verdict {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements }, { unknown: (_, pointer) => unknownAt[pointer] });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return judgePolicy(parsed.policy, OPTIONS);
}

describe('unknowns: judged at their most and least permissive', () => {
  it('an unknown statement beside a grant of named keys: it may be an Allow of everything or a Deny of everything', () => {
    const verdict = judged([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/un1' }, {}], {
      '/Statement/1': { unknown: true, detail: 'dynamic.statement' },
    });
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: dynamic.statement.',
    });
  });

  it('an unknown statement beside a grant of every key: unknown too (at its least it is a Deny of everything, which removes the grant)', () => {
    const verdict = judged([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/un2-*' }, {}], {
      '/Statement/1': { unknown: true, detail: 'dynamic.statement' },
    });
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: dynamic.statement.',
    });
  });

  it("an Action known only after apply that the input marks as one key's ARN is still any action", () => {
    const verdict = judged([{ Effect: 'Allow', Action: 'x', Resource: 'arn:aws:kms:*:*:key/un3-*' }], {
      '/Statement/0/Action': { unknown: true, oneKey: true, detail: 'aws_kms_key.main.arn' },
    });
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: aws_kms_key.main.arn.',
    });
  });
});

describe('unknowns: judgePolicy turns only complexity into a verdict', () => {
  it('a statement with neither Action nor NotAction (not a parsed policy) is an error, not a verdict', () => {
    const policy = { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', resource: ['*'] }] } as unknown as Policy;
    expect(() => judgePolicy(policy, OPTIONS)).to.throw(TypeError);
  });
});
