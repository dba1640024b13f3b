/**
 * The oracle has to be right before it can judge anything: the README's semantics examples, hand-worked
 * cases, and a check that its candidate universe is complete for the vocabulary.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { propertyParameters } from '../property/settings.js';
import { globRegExp, resourceTokens, tokensToString, type GlobToken } from './glob.js';
import { oracle, type OracleScope } from './oracle.js';
import { atomsFor, spelledSegments, type Position } from './universe.js';
import { RESOURCE_PATTERNS } from './vocabulary.js';

type Doc = Record<string, unknown>;
const policy = (...statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
const TAG_CONDITION = { StringEquals: { 'aws:ResourceTag/team': 'payments' } };
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('oracle', function () {
  this.timeout(120_000);

  describe('verdicts', () => {
    const cases: [string, Doc, OracleScope][] = [
      ['kms:* on * (DESIGN)', policy(allow('kms:*', '*')), 'all-keys'],
      ['NotAction iam:* on * (DESIGN)', policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), 'all-keys'],
      ['any region of one account (DESIGN)', policy(allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*')), 'account-keys'],
      ['any account of one region (DESIGN)', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*:key/*')), 'all-keys'],
      ['an alias ARN (DESIGN)', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:alias/my-key')), 'none'],
      ['Allow on * minus Deny kms:* on * (DESIGN)', policy(allow('kms:Decrypt', '*'), deny('kms:*', '*')), 'none'],
      ['Allow with a condition (DESIGN)', policy(allow('kms:Decrypt', '*', { Condition: TAG_CONDITION })), 'all-keys'],
      ['a Deny with a condition removes nothing', policy(allow('kms:Decrypt', '*'), deny('kms:*', '*', { Condition: TAG_CONDITION })), 'all-keys'],
      ['every key id of one account and region', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*')), 'region-keys'],
      ['one key', policy(allow('kms:Decrypt', KEY)), 'none'],
      ['a non-blocked action', policy(allow('kms:Encrypt', '*')), 'none'],
      ['action case is ignored', policy(allow('KMS:dECRYPT', '*')), 'all-keys'],
      ['ARN case is not', policy(allow('kms:Decrypt', 'arn:aws:KMS:*:*:key/*')), 'none'],
      ['? stands for one character', policy(allow('kms:Decryp?', '*')), 'all-keys'],
      ['? does not match two', policy(allow('kms:Decry?', '*')), 'none'],
      ['one-character wildcard in the region', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-?:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')), 'account-keys'],
      ['one-character wildcard in the account', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:11112222333?:key/*')), 'all-keys'],
      ['the caller\'s own key is one key', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')), 'none'],
      ['a key id ending in the caller\'s name is not', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*${aws:username}')), 'region-keys'],
      ['${*} is a literal star', policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-${*}')), 'none'],
      ['NotResource of one key allows the rest', policy({ Effect: 'Allow', Action: 'kms:Decrypt', NotResource: KEY }), 'all-keys'],
      [
        'Deny NotResource keeps one account',
        policy(allow('kms:*', '*'), { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:kms:*:111122223333:*' }),
        'account-keys',
      ],
      [
        'Deny NotResource keeps one key',
        policy(allow('kms:*', '*'), { Effect: 'Deny', Action: '*', NotResource: KEY }),
        'none',
      ],
      [
        'Deny of the only blocked action left',
        policy(allow(['kms:Decrypt', 'kms:ReEncryptFrom'], '*'), deny('kms:ReEncrypt*', '*'), deny('kms:Decrypt', 'arn:aws:kms:*')),
        'none',
      ],
      [
        'Deny NotAction spares what it names',
        policy(allow('kms:*', '*'), { Effect: 'Deny', NotAction: 'kms:Decrypt', Resource: '*' }),
        'all-keys',
      ],
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
      ['ResourceAccount on every key', policy(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } } })), 'all-keys', 'account-keys'],
      ['a tag on every key', policy(allow('kms:Decrypt', '*', { Condition: TAG_CONDITION })), 'all-keys', 'none'],
      ['ForAllValues: on a tag', policy(allow('kms:Decrypt', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } } })), 'all-keys', 'all-keys'],
      ['IfExists on ResourceAccount', policy(allow('kms:Decrypt', '*', { Condition: { StringEqualsIfExists: { 'aws:ResourceAccount': '111122223333' } } })), 'all-keys', 'all-keys'],
      ['a negated operator', policy(allow('kms:Decrypt', '*', { Condition: { StringNotEquals: { 'aws:ResourceAccount': '111122223333' } } })), 'all-keys', 'all-keys'],
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

    const accountVariable: [string, string, string][] = [
      ['any region', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*', 'account-keys'],
      ['one region', 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*', 'region-keys'],
      ['twelve ?', 'arn:aws:kms:us-east-1:????????????:key/*', 'all-keys'],
    ];
    for (const [name, pattern, scope] of accountVariable) {
      it(`reads a variable written as a whole account as one account the policy names (${name}: ${scope})`, () => {
        expect(oracle().judge(policy(allow('kms:Decrypt', pattern))).scope).to.equal(scope);
      });
    }

    it('counts the account variable among the accounts a `?` per digit matches, and no literal digits', () => {
      const denyVariable = deny('kms:*', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*');
      expect(oracle().judge(policy(allow('kms:Decrypt', 'arn:aws:kms:*:????????????:key/*'), denyVariable)).scope).to.equal('all-keys');
      const onlyVariable = deny('kms:*', 'arn:aws:kms:*:111122223333:key/*');
      expect(oracle().judge(policy(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), onlyVariable)).scope).to.equal('account-keys');
    });

    it('refuses a variable inside an account, and one as a ResourceAccount value (not modelled)', () => {
      expect(() => oracle().judge(policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:1111${aws:PrincipalAccount}:key/*')))).to.throw(
        'statement 0: arn:aws:kms:us-east-1:1111${aws:PrincipalAccount}:key/* is outside the vocabulary',
      );
      const condition = { Condition: { ArnEquals: { 'aws:resourceaccount': '${aws:PrincipalAccount}' } } };
      expect(() => oracle().judge(policy(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*', condition)), 'scope')).to.throw(
        'statement 0: a policy variable as a ResourceAccount value',
      );
    });
  });

  describe('decomposition into segment atoms', () => {
    const atoms = (pattern: string) => {
      const out: Record<Position, Set<string>> = { R: new Set(), A: new Set(), I: new Set() };
      atomsFor(resourceTokens(pattern), (position, atom) => out[position].add(tokensToString(atom)));
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

    it('spelled-out segments are the wildcard-free ones, variables resolved', () => {
      expect(spelledSegments(resourceTokens('arn:aws:kms:us-east-?:${aws:PrincipalAccount}:key/team-${aws:username}'))).to.deep.equal([
        'arn',
        'aws',
        'kms',
        '\u24d0'.repeat(12),
        'key',
        'team-⟦aws.username⟧',
      ]);
    });
  });

  describe('universe', () => {
    const words = [...new Set(RESOURCE_PATTERNS.flatMap((p) => spelledSegments(resourceTokens(p))))].sort();
    const patterns = RESOURCE_PATTERNS.map((p) => globRegExp(resourceTokens(p), false));

    /** Everything the oracle can ask about a key: each pattern's match, each part's spelled value. */
    function signature(r: string, a: string, i: string, matches: (n: number) => boolean): string {
      const bits = patterns.map((_, n) => (matches(n) ? '1' : '0')).join('');
      return `${bits}|${words.indexOf(r)}|${words.indexOf(a)}|${words.indexOf(i)}`;
    }

    let known: Set<string>;
    before(() => {
      const judge = oracle();
      const bitsets = RESOURCE_PATTERNS.map((p) => judge.keysMatching(p));
      known = new Set(
        judge.universe.keys.map((k, n) => signature(k.r, k.a, k.i, (p) => (bitsets[p]![n >>> 5]! & (1 << (n & 31))) !== 0)),
      );
    });
    const behavesLikeACandidate = (r: string, a: string, i: string) => {
      const arn = `arn:aws:kms:${r}:${a}:key/${i}`;
      const sig = signature(r, a, i, (n) => patterns[n]!.test(arn));
      expect(known.has(sig), `no candidate behaves like ${arn}`).to.equal(true);
    };
    // The vocabulary's literal runs (between delimiters and wildcards), a character it never
    // uses, and a few single characters.
    const fragments = new Set<string>(['Z', 'é', '1', '-', '⟦', '⟧']);
    for (const p of RESOURCE_PATTERNS) {
      let run = '';
      for (const t of resourceTokens(p) as GlobToken[]) {
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
  });
});
