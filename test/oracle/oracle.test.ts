/**
 * The oracle has to be right before it can judge anything: the README's semantics examples (and
 * those of policy variables), hand-worked cases, and a check that its candidate universe is
 * complete for the vocabulary.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { propertyParameters } from '../property/settings.js';
import { globRegExp, patternTokens, readItem, spelledSegments, tokensToString, writtenAccounts, type GlobToken } from './glob.js';
import { oracle, type OracleScope } from './oracle.js';
import { atomsFor, markedGlob, PRINCIPAL, type Position } from './universe.js';
import { RESOURCE_PATTERNS } from './vocabulary.js';

type Doc = Record<string, unknown>;
const policy = (...statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements });
const withVersion = (version: string | undefined, document: Doc): Doc => {
  const { Version: _, ...rest } = document;
  return version === undefined ? rest : { Version: version, ...rest };
};
const allow = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
const deny = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});
const allowNot = (action: string, notResource: string): Doc => ({ Effect: 'Allow', Action: action, NotResource: notResource });
const denyNot = (action: string, notResource: string): Doc => ({ Effect: 'Deny', Action: action, NotResource: notResource });
/** The "own account only" guardrail (README, Semantics in short: policy variables). */
const GUARDRAIL = policy(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), denyNot('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*'));
const TAG_CONDITION = { StringEquals: { 'aws:ResourceTag/team': 'payments' } };
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('oracle', function () {
  this.timeout(120_000);

  describe('verdicts', () => {
    const cases: [string, Doc, OracleScope][] = [
      ['kms:* on * (README)', policy(allow('kms:*', '*')), 'all-keys'],
      ['NotAction iam:* on * (README)', policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), 'all-keys'],
      ['any region of one account (README)', policy(allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*')), 'account-keys'],
      ['any account of one region (README)', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*:key/*')), 'all-keys'],
      ['an alias ARN (README)', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:alias/my-key')), 'none'],
      ['Allow on * minus Deny kms:* on * (README)', policy(allow('kms:Decrypt', '*'), deny('kms:*', '*')), 'none'],
      ['Allow with a condition (README)', policy(allow('kms:Decrypt', '*', { Condition: TAG_CONDITION })), 'all-keys'],
      ['a Deny with a condition removes nothing', policy(allow('kms:Decrypt', '*'), deny('kms:*', '*', { Condition: TAG_CONDITION })), 'all-keys'],
      ['every key id of one account and region', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*')), 'region-keys'],
      ['one key', policy(allow('kms:Decrypt', KEY)), 'none'],
      ['a non-blocked action', policy(allow('kms:Encrypt', '*')), 'none'],
      ['action case is ignored', policy(allow('KMS:dECRYPT', '*')), 'all-keys'],
      ['ARN case is not', policy(allow('kms:Decrypt', 'arn:aws:KMS:*:*:key/*')), 'none'],
      ['? stands for one character', policy(allow('kms:Decryp?', '*')), 'all-keys'],
      ['? does not match two', policy(allow('kms:Decry?', '*')), 'none'],
      [
        'one-character wildcard in the region',
        policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-?:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')),
        'account-keys',
      ],
      ['one-character wildcard in the account', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:11112222333?:key/*')), 'all-keys'],
      // The policy variable rule replaces "a variable is one value the policy does not spell": the caller's name
      // differs per request, so the key id is every key id (this row said none before).
      [
        "a key id that is the caller's name is every key id",
        policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')),
        'region-keys',
      ],
      ["a key id ending in the caller's name is not", policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*${aws:username}')), 'region-keys'],
      ['${*} is a literal star, which no key holds', policy(allow('kms:Decrypt', 'arn:aws:kms:us-*:111122223333:key/1234abcd-${*}')), 'none'],
      ['NotResource of one key allows the rest', policy({ Effect: 'Allow', Action: 'kms:Decrypt', NotResource: KEY }), 'all-keys'],
      [
        'Deny NotResource keeps one account',
        policy(allow('kms:*', '*'), { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:kms:*:111122223333:*' }),
        'account-keys',
      ],
      ['Deny NotResource keeps one key', policy(allow('kms:*', '*'), { Effect: 'Deny', Action: '*', NotResource: KEY }), 'none'],
      [
        'Deny of the only blocked action left',
        policy(allow(['kms:Decrypt', 'kms:ReEncryptFrom'], '*'), deny('kms:ReEncrypt*', '*'), deny('kms:Decrypt', 'arn:aws:kms:*')),
        'none',
      ],
      ['Deny NotAction spares what it names', policy(allow('kms:*', '*'), { Effect: 'Deny', NotAction: 'kms:Decrypt', Resource: '*' }), 'all-keys'],
      ['a star spanning region and account', policy(allow('kms:Decrypt', 'arn:aws:kms:us-*:key/*')), 'all-keys'],
      // The account is written out (12 digits); the region is not a segment of its own, so not spelled out.
      ['a question mark over a delimiter', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1?111122223333:key/*')), 'account-keys'],
      ['a 12-digit account then a star that takes the rest', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333*')), 'region-keys'],
      ['a star then a 12-digit account', policy(allow('kms:Decrypt', 'arn:aws:kms:*:*111122223333:key/*')), 'account-keys'],
      ['12 digits a star may put in the key id', policy(allow('kms:Decrypt', '*111122223333*')), 'all-keys'],
      ['another partition', policy(allow('kms:Decrypt', 'arn:aws-cn:kms:*:*:key/*')), 'none'],
      ['Statement as an object', { Version: '2012-10-17', Statement: allow('kms:*', 'arn:aws:kms:*:111122223333:*') }, 'account-keys'],
    ];
    for (const [name, document, scope] of cases) {
      it(`${name}: ${scope}`, () => {
        expect(oracle().judge(document).scope).to.equal(scope);
      });
    }

    const scoped: [string, Doc, OracleScope, OracleScope][] = [
      [
        'ResourceAccount on every key',
        policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } })),
        'all-keys',
        'account-keys',
      ],
      ['a tag on every key', policy(allow('kms:Decrypt', '*', { Condition: TAG_CONDITION })), 'all-keys', 'none'],
      [
        'ForAllValues: on a tag',
        policy(allow('kms:Decrypt', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } } })),
        'all-keys',
        'all-keys',
      ],
      [
        'IfExists on ResourceAccount',
        policy(allow('kms:Decrypt', '*', { Condition: { StringEqualsIfExists: { 'aws:ResourceAccount': '111122223333' } } })),
        'all-keys',
        'all-keys',
      ],
      [
        'a negated operator',
        policy(allow('kms:Decrypt', '*', { Condition: { StringNotEquals: { 'aws:ResourceAccount': '111122223333' } } })),
        'all-keys',
        'all-keys',
      ],
      [
        'ResourceAccount outside the granted account',
        policy(allow('kms:Decrypt', 'arn:aws:kms:*:444455556666:key/*', { Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } })),
        'account-keys',
        'none',
      ],
      [
        'ArnEquals on ResourceAccount, one region',
        policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*', { Condition: { ArnEquals: { 'aws:resourceaccount': '444455556666' } } })),
        'all-keys',
        'region-keys',
      ],
      ['a Deny with a condition still removes nothing', policy(allow('kms:*', '*'), deny('kms:*', '*', { Condition: TAG_CONDITION })), 'all-keys', 'all-keys'],
      // The principal can tag (alias) any key it may tag (alias), then meet the condition there.
      [
        'a tag, and kms:TagResource on every key',
        policy(allow('kms:Decrypt', '*', { Condition: TAG_CONDITION }), allow('kms:TagResource', '*')),
        'all-keys',
        'all-keys',
      ],
      [
        'a tag, and kms:TagResource in one account',
        policy(
          allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*', { Condition: TAG_CONDITION }),
          allow('kms:TagResource', 'arn:aws:kms:*:111122223333:key/*'),
        ),
        'account-keys',
        'account-keys',
      ],
      [
        'a tag, and kms:TagResource only under the same tag',
        policy(allow('kms:Decrypt', '*', { Condition: TAG_CONDITION }), allow('kms:TagResource', '*', { Condition: TAG_CONDITION })),
        'all-keys',
        'none',
      ],
      [
        'an alias, and kms:UpdateAlias on every key',
        policy(allow('kms:Decrypt', '*', { Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app-*' } } }), allow('kms:UpdateAlias', '*')),
        'all-keys',
        'all-keys',
      ],
      [
        'an alias, and kms:TagResource on every key (tags do not make aliases)',
        policy(allow('kms:Decrypt', '*', { Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app-*' } } }), allow('kms:TagResource', '*')),
        'all-keys',
        'none',
      ],
    ];
    for (const [name, document, ignored, scoping] of scoped) {
      it(`${name}: ${ignored} with conditions ignored, ${scoping} when they scope`, () => {
        expect([oracle().judge(document, 'ignore').scope, oracle().judge(document, 'scope').scope]).to.deep.equal([ignored, scoping]);
      });
    }

    it('reports the blocked actions, responsible statements and their condition keys', () => {
      const verdict = oracle().judge(
        policy(
          allow('kms:ReEncrypt*', 'arn:aws:kms:*:111122223333:key/*', { Condition: TAG_CONDITION }),
          allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*'),
          allow('kms:Decrypt', 'arn:aws:kms:*:444455556666:key/*'),
        ),
      );
      expect(verdict).to.deep.include({
        scope: 'account-keys',
        byAction: { 'kms:Decrypt': 'account-keys', 'kms:ReEncryptFrom': 'account-keys' },
        actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        statements: [0, 2],
        conditionKeys: ['aws:ResourceTag/team'],
      });
    });

    it('refuses a pattern outside the vocabulary (its universe would not cover it)', () => {
      expect(() => oracle().judge(policy(allow('kms:Decrypt', 'arn:aws:kms:ap-south-1:*')))).to.throw('outside the vocabulary');
    });

    describe('policy variables, decided from the README rule before running', () => {
      const TAG_ACCOUNT = 'arn:aws:kms:*:${aws:PrincipalTag/acct}:key/*';
      const cases: [string, Doc, OracleScope][] = [
        // The README's examples.
        ['the "own account only" guardrail: every region of the principal\'s account', GUARDRAIL, 'account-keys'],
        ['a region from the request', policy(allow('kms:Decrypt', 'arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*')), 'account-keys'],
        ['an account from a principal tag', policy(allow('kms:Decrypt', TAG_ACCOUNT)), 'all-keys'],
        ['a key id from a principal tag', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/keyid}')), 'region-keys'],
        ['the guardrail under Version 2008-10-17: literal text, no key', withVersion('2008-10-17', GUARDRAIL), 'none'],
        [
          'a Deny of every non-empty region takes all, a variable elsewhere or not (the old false alarm)',
          policy(
            allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*'),
            deny('kms:Decrypt', 'arn:aws:kms:?*:111122223333:key/*'),
            allow('kms:Encrypt', 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/${aws:username}'),
          ),
          'none',
        ],
        // Only under 2012-10-17.
        ['a per-request account with no Version: literal text', withVersion(undefined, policy(allow('kms:Decrypt', TAG_ACCOUNT))), 'none'],
        ['a per-request account under 2008-10-17: literal text', withVersion('2008-10-17', policy(allow('kms:Decrypt', TAG_ACCOUNT))), 'none'],
        [
          'a Deny of literal text under 2008-10-17 takes nothing',
          withVersion('2008-10-17', policy(allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*'), deny('kms:*', '*:${aws:PrincipalAccount}:key/*'))),
          'account-keys',
        ],
        // The escapes: literal characters no key holds.
        ['${?} is a literal question mark', policy(allow('kms:Decrypt', 'arn:aws:kms:*:*:key/mrk-${?}')), 'none'],
        ['${$} is a literal dollar', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/${$}')), 'none'],
        ['a Deny NotResource of a literal ${?} leaves no key', policy(allow('kms:*', '*'), denyNot('kms:*', 'arn:aws:kms:*:*:key/mrk-${?}')), 'none'],
        // ${aws:PrincipalAccount}: one account for the whole policy, spelled out once read.
        ["the principal's account alone, any region", policy(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*')), 'account-keys'],
        ["the principal's account alone, one region", policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*')), 'region-keys'],
        ['twelve ? are every account', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:????????????:key/*')), 'all-keys'],
        [
          'one account in every statement: a Deny of it takes all',
          policy(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), deny('kms:*', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*')),
          'none',
        ],
        [
          'an account the policy does not spell: Denies of both spelled accounts leave it',
          policy(
            allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'),
            deny('kms:*', 'arn:aws:kms:*:111122223333:key/*'),
            deny('kms:*', 'arn:aws:kms:*:444455556666:key/*'),
          ),
          'account-keys',
        ],
        [
          "a Deny of the principal's account leaves the other accounts a `?` per digit matches",
          policy(allow('kms:Decrypt', 'arn:aws:kms:*:????????????:key/*'), deny('kms:*', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*')),
          'all-keys',
        ],
        ['its name in any case', policy(allow('kms:Decrypt', 'arn:aws:kms:*:${AWS:PrincipalAccount}:key/*')), 'account-keys'],
        [
          'its name with a default, the default ignored',
          policy(allow('kms:Decrypt', "arn:aws:kms:us-east-1:${aws:principalaccount, '111122223333'}:key/mrk-*")),
          'region-keys',
        ],
        // Per-request variables: `*` where matching more allows more, no key where it allows less.
        [
          "in a Deny's NotResource, read as *",
          policy(allow('kms:*', '*'), denyNot('kms:*', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')),
          'region-keys',
        ],
        ["in an Allow's NotResource, the item drops out", policy(allowNot('kms:Decrypt', 'arn:aws:kms:*:*:key/${aws:username}')), 'all-keys'],
        [
          "in a Deny's Resource, the item drops out",
          policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*'), deny('kms:*', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')),
          'region-keys',
        ],
        ['a value may hold `:` and `/`: a whole ARN', policy(allow('kms:Decrypt', '${aws:PrincipalTag/arn}')), 'all-keys'],
        ['inside an account, a run of anything', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:1111${aws:username}:key/*')), 'all-keys'],
        [
          'with a default, the default ignored',
          policy(allow('kms:Decrypt', "arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/team, 'x'}")),
          'region-keys',
        ],
        // What an item that matches no key still spells: us-east-1, as a segment of the Deny.
        [
          'an item that drops out still spells its other segments',
          policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1?111122223333:key/*'), deny('kms:*', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')),
          'region-keys',
        ],
      ];
      for (const [name, document, scope] of cases) {
        it(`${name}: ${scope}`, () => {
          expect(oracle().judge(document).scope).to.equal(scope);
        });
      }

      const scoped: [string, Doc, OracleScope, OracleScope][] = [
        [
          "ResourceAccount of the principal's account",
          policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } })),
          'all-keys',
          'account-keys',
        ],
        [
          'ResourceAccount with a per-request variable limits nothing',
          policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': ['${aws:PrincipalTag/acct}', '111122223333'] } } })),
          'all-keys',
          'all-keys',
        ],
        [
          "ResourceAccount of the principal's account, under 2008-10-17 literal text no account equals",
          withVersion('2008-10-17', policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } }))),
          'all-keys',
          'none',
        ],
        [
          'a tag test narrows to named keys whatever its values',
          policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:username}' } } })),
          'all-keys',
          'none',
        ],
        [
          'a Deny with a condition removes nothing, variables or not',
          policy(
            allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'),
            deny('kms:*', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } } }),
          ),
          'account-keys',
          'account-keys',
        ],
      ];
      for (const [name, document, ignored, scoping] of scoped) {
        it(`${name}: ${ignored} with conditions ignored, ${scoping} when they scope`, () => {
          expect([oracle().judge(document, 'ignore').scope, oracle().judge(document, 'scope').scope]).to.deep.equal([ignored, scoping]);
        });
      }

      it("gives the first widest reading's statements, and every widest reading's in alternatives", () => {
        // Only P = 111122223333 escapes the Deny: statement 0 grants every region of it. Statement 2
        // grants us-east-1 alone, which statement 2 spells: not at that scope.
        const one = oracle().judge(
          policy(
            allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'),
            allow('kms:ReEncryptFrom', 'arn:aws:kms:*:444455556666:key/*'),
            allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*'),
            denyNot('kms:*', 'arn:aws:kms:*:111122223333:key/*'),
          ),
        );
        expect(one).to.deep.include({ scope: 'account-keys', principalAccount: '111122223333', actions: ['kms:Decrypt'], statements: [0] });
        expect(one.alternatives).to.deep.equal([{ actions: ['kms:Decrypt'], statements: [0], conditionKeys: [] }]);
        // Every P gives account-keys; statement 1 escapes the Deny only when P = 444455556666.
        const two = oracle().judge(
          policy(
            allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'),
            allow('kms:ReEncryptFrom', 'arn:aws:kms:*:444455556666:key/*'),
            denyNot('kms:*', 'arn:aws:kms:*:${aws:PrincipalAccount}:*'),
          ),
        );
        expect(two.scope).to.equal('account-keys');
        expect(two.alternatives).to.have.deep.members([
          { actions: ['kms:Decrypt'], statements: [0], conditionKeys: [] },
          { actions: ['kms:Decrypt', 'kms:ReEncryptFrom'], statements: [0, 1], conditionKeys: [] },
        ]);
        expect(two.alternatives[0]).to.deep.equal({ actions: two.actions, statements: two.statements, conditionKeys: two.conditionKeys });
      });

      it('refuses ${aws:PrincipalAccount} inside an account (not modelled)', () => {
        expect(() => oracle().judge(policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:1111${aws:PrincipalAccount}:key/*')))).to.throw(
          'statement 0: arn:aws:kms:us-east-1:1111${aws:PrincipalAccount}:key/* is outside the vocabulary',
        );
      });
    });
  });

  describe('decomposition into segment atoms', () => {
    const text = (atom: readonly (GlobToken | typeof PRINCIPAL)[]) => (atom.includes(PRINCIPAL) ? 'P' : tokensToString(atom as GlobToken[]));
    const atoms = (pattern: string) => {
      const out: Record<Position, Set<string>> = { R: new Set(), A: new Set(), I: new Set() };
      atomsFor(markedGlob(patternTokens(pattern, true))!, (position, atom) => out[position].add(text(atom)));
      return { R: [...out.R].sort(), A: [...out.A].sort(), I: [...out.I].sort() };
    };

    it('a full key pattern puts one atom on each part', () => {
      expect(atoms('arn:aws:kms:us-*:1111*:key/mrk-*')).to.deep.equal({ R: ['us-*'], A: ['1111*'], I: ['mrk-*'] });
    });

    it('a star spanning parts leaves a prefix on the first and a suffix on the last', () => {
      expect(atoms('arn:aws:kms:us-*6666:key/*')).to.deep.equal({ R: ['us-*'], A: ['*6666'], I: ['*'] });
    });

    it('a question mark can swallow a delimiter', () => {
      expect(atoms('arn:aws:kms:us-east-1?111122223333:key/*')).to.deep.equal({ R: ['us-east-1'], A: ['111122223333'], I: ['*'] });
    });

    it('a pattern ending early may stop in the region or the account', () => {
      expect(atoms('arn:aws:kms:*-1:*')).to.deep.equal({ R: ['*', '*-1'], A: ['*', '*-1'], I: ['*'] });
    });

    it('a per-request variable is a star; ${aws:PrincipalAccount} falls on the account alone, even after a star', () => {
      expect(atoms('arn:aws:kms:${aws:RequestedRegion}:${aws:PrincipalAccount}:key/team-${aws:username}')).to.deep.equal({ R: ['*'], A: ['P'], I: ['team-*'] });
      expect(atoms('*:${aws:PrincipalAccount}:key/*')).to.deep.equal({ R: ['*'], A: ['P'], I: ['*'] });
    });

    it('an item with an escape, or with `${` under another Version, has no glob: it matches no key', () => {
      expect(markedGlob(patternTokens('arn:aws:kms:*:*:key/mrk-${?}', true))).to.equal(undefined);
      expect(markedGlob(patternTokens('arn:aws:kms:*:${aws:PrincipalTag/acct}:key/*', false))).to.equal(undefined);
      expect(readItem(patternTokens('arn:aws:kms:*:${aws:PrincipalTag/acct}:key/*', true), { widens: false })).to.equal(undefined);
    });

    it('spelled-out segments: wildcard-free, ${aws:PrincipalAccount} as its value, none with a per-request variable or an escape', () => {
      const tokens = patternTokens('arn:aws:kms:us-east-?:${aws:PrincipalAccount}:key/team-${aws:username}', true);
      expect(spelledSegments(tokens, '000000000000')).to.deep.equal(['arn', 'aws', 'kms', '000000000000', 'key']);
      expect(spelledSegments(tokens)).to.deep.equal(['arn', 'aws', 'kms', 'key']);
      expect(spelledSegments(patternTokens('arn:aws:kms:eu-west-1:444455556666:key/1234abcd-${*}', true))).to.deep.equal([
        'arn',
        'aws',
        'kms',
        'eu-west-1',
        '444455556666',
        'key',
      ]);
      // Literal text: the segments as written, those holding `$` (which no key holds) aside.
      expect(spelledSegments(patternTokens('arn:aws:kms:us-east-1:111122223333:key/${aws:username}', false))).to.deep.equal([
        'arn',
        'aws',
        'kms',
        'us-east-1',
        '111122223333',
        'key',
        'username}',
      ]);
      expect(writtenAccounts(patternTokens("arn:aws:kms:*:${aws:principalaccount, '111122223333'}*", true), '444455556666')).to.deep.equal(['444455556666']);
      expect(writtenAccounts(patternTokens('*111122223333${aws:username}', true))).to.deep.equal([]);
    });
  });

  describe('universe', () => {
    const universe = oracle().universe;
    const listed = [...new Set(RESOURCE_PATTERNS.flatMap((p) => spelledSegments(patternTokens(p, true))))].sort();
    const accountWords = [...listed, ...universe.principalAccounts];
    // Every glob an item of the vocabulary reads as, for every account P is judged as, with its
    // wildcards running across `:` (where matching more allows more) and read per segment.
    const globs = new Map<string, { glob: GlobToken[]; perSegment: boolean }>();
    for (const p of RESOURCE_PATTERNS) {
      for (const account of universe.principalAccounts) {
        for (const widens of [true, false]) {
          const glob = readItem(patternTokens(p, true), { account, widens });
          const perSegment = !widens;
          if (glob) globs.set(`${perSegment}\u0000${glob.map((t) => (typeof t === 'string' ? t : t.toString())).join('\u0000')}`, { glob, perSegment });
        }
      }
    }
    const globList = [...globs.values()];
    const patterns = globList.map(({ glob, perSegment }) => globRegExp(glob, false, perSegment));

    /** Everything the oracle can ask about a key: each glob's match, each part's spelled value. */
    function signature(r: string, a: string, i: string, matches: (n: number) => boolean): string {
      const bits = patterns.map((_, n) => (matches(n) ? '1' : '0')).join('');
      return `${bits}|${listed.indexOf(r)}|${accountWords.indexOf(a)}|${listed.indexOf(i)}`;
    }

    let known: Set<string>;
    before(() => {
      const judge = oracle();
      const bitsets = globList.map(({ glob, perSegment }) => judge.keysMatching(glob, perSegment));
      known = new Set(judge.universe.keys.map((k, n) => signature(k.r, k.a, k.i, (p) => (bitsets[p]![n >>> 5]! & (1 << (n & 31))) !== 0)));
    });
    const behavesLikeACandidate = (r: string, a: string, i: string) => {
      const arn = `arn:aws:kms:${r}:${a}:key/${i}`;
      const sig = signature(r, a, i, (n) => patterns[n]!.test(arn));
      expect(known.has(sig), `no candidate behaves like ${arn}`).to.equal(true);
    };
    // The globs' literal runs (between delimiters and wildcards), a character they never use,
    // and a few single characters.
    const fragments = new Set<string>(['Z', 'é', '1', '-', '{', '}']);
    for (const { glob } of globList) {
      let run = '';
      for (const t of glob) {
        if (typeof t === 'string' && t !== ':' && t !== '/') run += t;
        else {
          if (run) fragments.add(run);
          run = '';
        }
      }
      if (run) fragments.add(run);
    }
    const fragmentList = [...fragments];
    // Accounts are exactly 12 digits: the account part of a key is a fragment's digits, padded.
    const ACCOUNT = '000000000000';
    const accountsFrom = (text: string): string[] => {
      if (!/^[0-9]{1,12}$/.test(text)) return [];
      return [...new Set([text.padEnd(12, '0'), text.padStart(12, '7'), text.padStart(12, '1').padEnd(12, '1')])];
    };

    it('holds a key like any key whose one part is a fragment or two glued fragments', () => {
      const parts = new Set(fragmentList);
      for (const f of fragmentList) for (const g of fragmentList) parts.add(f + g);
      for (const part of parts) {
        behavesLikeACandidate(part, ACCOUNT, 'Z');
        for (const account of accountsFrom(part)) behavesLikeACandidate('Z', account, 'Z');
        behavesLikeACandidate('Z', ACCOUNT, part);
      }
    });

    it('holds a key like any key built from random pieces of fragments', () => {
      const piece = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...fragmentList) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...fragmentList), fc.nat(40), fc.nat(40))
            .map(([f, from, length]) => f.slice(from % f.length, (from % f.length) + 1 + length)),
        },
      );
      const part = fc.array(piece, { minLength: 1, maxLength: 3 }).map((pieces) => pieces.join(''));
      const digits = fc.array(fc.constantFrom(...'0123456789'), { maxLength: 12 }).map((d) => d.join(''));
      const account = fc.tuple(part, digits).map(([p, d]) => (p.replace(/[^0-9]/g, '') + d).slice(0, 12).padEnd(12, '0'));
      fc.assert(fc.property(part, account, part, behavesLikeACandidate), propertyParameters(2_000));
    });

    it('judges ${aws:PrincipalAccount} as one account of every profile, and holds a second account of each profile that has one', () => {
      expect(universe.principalAccounts).to.include.members(['111122223333', '444455556666']);
      const accounts = universe.positions.A.values;
      expect(new Set(accounts).size).to.equal(accounts.length);
      // Two accounts of one profile match the same account atoms and equal no word.
      const atoms = universe.positions.A.atoms.map((atom) => globRegExp(atom, false));
      const profile = (a: string) => atoms.map((re) => (re.test(a) ? '1' : '0')).join('') + (listed.includes(a) ? a : '');
      for (const p of universe.principalAccounts) {
        const others = accounts.filter((a) => a !== p && profile(a) === profile(p));
        expect(others.length, `a second account like ${p}`).to.equal(listed.includes(p) ? 0 : 1);
      }
    });
  });
});
