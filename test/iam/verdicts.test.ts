/**
 * judgePolicy on a fixed table of policies that each exercise one corner of the semantics
 * (variables, wildcards across delimiters, NotResource, Deny that narrows, per-action Deny,
 * conditions that scope): the exact scope and blocked actions. The generated suites cover the
 * same ground at random; this table does it in a few milliseconds, first, for every mutant.
 */
import { expect } from 'chai';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { ConditionMode } from '../../lib/iam/types.js';

type Doc = Record<string, unknown>;
const P = (...statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
const allowNot = (action: string | string[], notResource: string | string[]): Doc => ({ Effect: 'Allow', Action: action, NotResource: notResource });
const deny = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});
const denyNot = (action: string | string[], notResource: string | string[]): Doc => ({ Effect: 'Deny', Action: action, NotResource: notResource });
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ACCOUNT_111 = { StringEquals: { 'aws:ResourceAccount': '111122223333' } };
const TAG = { StringEquals: { 'aws:ResourceTag/team': 'payments' } };

const D = ['kms:Decrypt'];
const R = ['kms:ReEncryptFrom'];
const BOTH = ['kms:Decrypt', 'kms:ReEncryptFrom'];
const NONE: string[] = [];

const cases: [string, Doc, ConditionMode, string, string[]][] = [
  ['key ids ending in the user name', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/*${aws:username}')), 'ignore', 'region-keys', D],
  ['one character, then the user name', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/?${aws:username}')), 'ignore', 'region-keys', D],
  [
    'a key id that is the user name, which may be any text per request',
    P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')),
    'ignore',
    'region-keys',
    D,
  ],
  ['a prefix and the user name', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/team-${aws:username}')), 'ignore', 'region-keys', D],
  ["the caller's account, any region", P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*')), 'ignore', 'account-keys', D],
  ["the caller's account, one region", P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*')), 'ignore', 'region-keys', D],
  [
    "everything denied but the user's key, which may be any key id of that account and region",
    P(allow('kms:*', '*'), denyNot('*', 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}')),
    'ignore',
    'region-keys',
    BOTH,
  ],
  [
    'everything denied but ids ending in the user name',
    P(allow('kms:*', 'arn:aws:kms:us-east-1:111122223333:*'), denyNot('*', 'arn:aws:kms:*:key/*${aws:username}')),
    'ignore',
    'region-keys',
    BOTH,
  ],
  // The account is written out as its 12 digits; the region is not a segment of its own.
  ['a ? standing for the colon between region and account', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1?111122223333:key/*')), 'ignore', 'account-keys', D],
  ['a * spanning region and account', P(allow('kms:Decrypt', 'arn:aws:kms:*:key/1234abcd-*')), 'ignore', 'all-keys', D],
  ['one key id in every account', P(allow('kms:Decrypt', 'arn:aws:kms:*:key/1234abcd-12ab-34cd-56ef-1234567890ab')), 'ignore', 'all-keys', D],
  ['a leading * up to the key id', P(allow('kms:Decrypt', '*:key/mrk-0a1b2c3d4e5f')), 'ignore', 'all-keys', D],
  ['accounts ending in 6666', P(allow('kms:Decrypt', 'arn:aws:kms:*6666:key/*')), 'ignore', 'all-keys', D],
  ['any twelve-character account', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:????????????:key/*')), 'ignore', 'all-keys', D],
  ['accounts starting 1111', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:1111*:key/*')), 'ignore', 'all-keys', D],
  ['regions us-east-?', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-?:111122223333:key/*')), 'ignore', 'account-keys', D],
  ['regions ending -1', P(allow('kms:Decrypt', 'arn:aws:kms:*-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')), 'ignore', 'account-keys', D],
  ['a pattern ending after the account', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:*')), 'ignore', 'region-keys', D],
  ['a pattern ending after the region', P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*')), 'ignore', 'all-keys', D],
  ['NotResource of one key', P(allowNot('kms:Decrypt', KEY)), 'ignore', 'all-keys', D],
  ['NotResource of every KMS ARN', P(allowNot('kms:Decrypt', 'arn:aws:kms:*')), 'ignore', 'none', NONE],
  ['NotResource of aliases', P(allowNot('kms:Decrypt', 'arn:aws:kms:*:*:alias/*')), 'ignore', 'all-keys', D],
  ['NotAction of IAM', P({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), 'ignore', 'all-keys', BOTH],
  ['NotAction of both blocked actions', P({ Effect: 'Allow', NotAction: ['kms:Decrypt', 'kms:ReEncrypt*'], Resource: '*' }), 'ignore', 'none', NONE],
  ['Deny NotResource keeping one account', P(allow('kms:*', '*'), denyNot('kms:*', 'arn:aws:kms:*:111122223333:*')), 'ignore', 'account-keys', BOTH],
  ['Deny NotResource keeping one region', P(allow('kms:*', '*'), denyNot('kms:*', 'arn:aws:kms:us-east-1:111122223333:*')), 'ignore', 'region-keys', BOTH],
  ['Deny NotResource keeping one key', P(allow('kms:*', '*'), denyNot('kms:*', KEY)), 'ignore', 'none', NONE],
  [
    'Deny NotResource keeping two places',
    P(allow('kms:*', '*'), denyNot('kms:*', ['arn:aws:kms:*:111122223333:*', 'arn:aws:kms:eu-west-1:444455556666:*'])),
    'ignore',
    'account-keys',
    BOTH,
  ],
  ['Deny of Decrypt only', P(allow('kms:*', '*'), deny('kms:Decrypt', '*')), 'ignore', 'all-keys', R],
  ['Deny of ReEncrypt only', P(allow('kms:*', '*'), deny('kms:ReEncrypt*', '*')), 'ignore', 'all-keys', D],
  ['Deny of each, in two statements', P(allow('kms:*', '*'), deny('kms:ReEncrypt*', '*'), deny('kms:Decrypt', '*')), 'ignore', 'none', NONE],
  [
    'a Deny with a Condition',
    P(allow('kms:*', '*'), deny('kms:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } })),
    'ignore',
    'all-keys',
    BOTH,
  ],
  ['Deny NotAction of Decrypt', P(allow('kms:*', '*'), { Effect: 'Deny', NotAction: 'kms:Decrypt', Resource: '*' }), 'ignore', 'all-keys', D],
  ['a Deny of another account', P(allow('kms:*', 'arn:aws:kms:*:111122223333:*'), deny('*', 'arn:aws:kms:*:444455556666:*')), 'ignore', 'account-keys', BOTH],
  ['a Deny of one region', P(allow('kms:*', 'arn:aws:kms:*:111122223333:*'), deny('*', 'arn:aws:kms:us-east-1:*')), 'ignore', 'account-keys', BOTH],
  ['aliases only', P(allow('kms:*', 'arn:aws:kms:*:*:alias/*')), 'ignore', 'none', NONE],
  ['another partition', P(allow('kms:*', 'arn:aws-cn:kms:*:*:key/*')), 'ignore', 'none', NONE],
  ['the service name in capitals', P(allow('kms:*', 'arn:aws:KMS:*:*:key/*')), 'ignore', 'none', NONE],
  ['an action in mixed case', P(allow('KmS:rEeNcRyPtFrOm', '*')), 'ignore', 'all-keys', R],
  ['a ? standing for the colon of an action', P(allow('kms?Decrypt', '*')), 'ignore', 'all-keys', D],
  ['*:*', P(allow('*:*', '*')), 'ignore', 'all-keys', BOTH],
  ['kms:ReEncrypt?rom', P(allow('kms:ReEncrypt?rom', 'arn:aws:kms:*:111122223333:key/*')), 'ignore', 'account-keys', R],
  ['no blocked action', P(allow(['kms:Encrypt', 'kms:ReEncryptTo', 'kms:GenerateDataKey*'], '*')), 'ignore', 'none', NONE],
  ['the widest of two statements', P(allow('kms:Decrypt', KEY), allow('kms:ReEncryptFrom', 'arn:aws:kms:*:111122223333:key/*')), 'ignore', 'account-keys', R],
  ['ResourceAccount, conditions ignored', P(allow('kms:Decrypt', '*', { Condition: ACCOUNT_111 })), 'ignore', 'all-keys', D],
  ['ResourceAccount scoping every key', P(allow('kms:Decrypt', '*', { Condition: ACCOUNT_111 })), 'scope', 'account-keys', D],
  [
    'two ResourceAccount values, one region',
    P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*', { Condition: { StringEquals: { 'aws:ResourceAccount': ['111122223333', '444455556666'] } } })),
    'scope',
    'region-keys',
    D,
  ],
  ['a tag', P(allow('kms:Decrypt', '*', { Condition: TAG })), 'scope', 'none', NONE],
  ['an alias', P(allow('kms:Decrypt', '*', { Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app-*' } } })), 'scope', 'none', NONE],
  [
    'ForAllValues: on a tag',
    P(allow('kms:Decrypt', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } } })),
    'scope',
    'all-keys',
    D,
  ],
  [
    'IfExists on ResourceAccount',
    P(allow('kms:Decrypt', '*', { Condition: { StringEqualsIfExists: { 'aws:ResourceAccount': '111122223333' } } })),
    'scope',
    'all-keys',
    D,
  ],
  [
    'a negated operator on ResourceAccount',
    P(allow('kms:Decrypt', '*', { Condition: { StringNotEquals: { 'aws:ResourceAccount': '111122223333' } } })),
    'scope',
    'all-keys',
    D,
  ],
  [
    'ResourceAccount spelled in capitals',
    P(allow('kms:Decrypt', '*', { Condition: { StringLike: { 'AWS:ResourceAccount': '444455556666' } } })),
    'scope',
    'account-keys',
    D,
  ],
  [
    'a wildcard ResourceAccount value narrows nothing',
    P(allow('kms:Decrypt', '*', { Condition: { StringLike: { 'aws:ResourceAccount': '1111*' } } })),
    'scope',
    'all-keys',
    D,
  ],
  [
    "the caller's account as ResourceAccount, one region",
    P(allow('kms:Decrypt', 'arn:aws:kms:us-east-1:*', { Condition: { ArnEquals: { 'aws:resourceaccount': '${aws:PrincipalAccount}' } } })),
    'scope',
    'region-keys',
    D,
  ],
  [
    'ResourceAccount outside the granted account',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:444455556666:key/*', { Condition: ACCOUNT_111 })),
    'scope',
    'none',
    NONE,
  ],
  [
    'a tagged grant beside a plain one',
    P(allow('kms:Decrypt', '*', { Condition: TAG }), allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*')),
    'scope',
    'account-keys',
    D,
  ],
  [
    'a tag and ResourceAccount together',
    P(allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments', 'aws:ResourceAccount': '111122223333' } } })),
    'scope',
    'none',
    NONE,
  ],
];

describe('judgePolicy on a table of corner cases', () => {
  for (const [name, document, conditions, scope, actions] of cases) {
    it(`${name} (conditions ${conditions}): ${scope}`, () => {
      const parsed = parsePolicy(document);
      if ('error' in parsed) throw new Error(parsed.error.message);
      const verdict = judgePolicy(parsed.policy, { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions });
      const got =
        verdict.kind === 'finding'
          ? { scope: verdict.scope, actions: verdict.actions }
          : { scope: verdict.kind === 'clean' ? 'none' : verdict.kind, actions: [] };
      expect(got).to.deep.equal({ scope, actions });
    });
  }
});
