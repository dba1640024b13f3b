/**
 * The key-ARN shortcut (key-pattern.ts) decides a group when every granted pattern is shaped like
 * a key ARN, and a Deny of every key skips a group: these policies reach it with shapes it must
 * not misread (an empty field, the right number of delimiters in the wrong order, an empty
 * pattern, an account that repeats a per-request variable, read as `*`). Each expected verdict is what the exact search
 * says of the same keys.
 */
import { expect } from 'chai';
import { P, allow, deny, judged, type Doc, type Judged } from './judge-table.js';

const ONE_REGION_IDS = 'arn:aws:kms:us-east-1:111122223333:key/x?';

const cases: [string, Doc, Judged][] = [
  ['an empty region matches no key', P(allow('kms:Decrypt', 'arn:aws:kms::111122223333:key/*')), { scope: 'none', resources: [] }],
  [
    'an empty region beside a pattern of one region',
    P(allow('kms:Decrypt', ['arn:aws:kms::111122223333:key/*', ONE_REGION_IDS])),
    { scope: 'region-keys', resources: [[ONE_REGION_IDS]] },
  ],
  [
    'an empty key id beside a pattern of one region',
    P(allow('kms:Decrypt', ['arn:aws:kms:us-east-1:111122223333:key/', ONE_REGION_IDS])),
    { scope: 'region-keys', resources: [[ONE_REGION_IDS]] },
  ],
  ['six delimiters, a / before a :', P(allow('kms:Decrypt', 'arn:aws:kms:*:*/*:*')), { scope: 'none', resources: [] }],
  ['six delimiters, five / and a :', P(allow('kms:Decrypt', 'arn/aws/kms/*/*/key:*')), { scope: 'none', resources: [] }],
  ['an empty Resource beside a pattern of no key', P(allow('kms:Decrypt', ['', 'arn:aws:kms::111122223333:key/*'])), { scope: 'none', resources: [] }],
  ['a Deny of an empty Resource denies no key', P(allow('kms:Decrypt', '*'), deny('kms:Decrypt', '')), { scope: 'all-keys', resources: [['*']] }],
  [
    'a Deny of every key',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*'), deny('kms:Decrypt', 'arn:aws:kms:*:*:key/*')),
    { scope: 'none', resources: [] },
  ],
  [
    'a per-request variable twice around a digit reads as *1*: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}1${aws:userid}:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}1${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable twice reads as **: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}${aws:userid}:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}${aws:userid}:key/*']] },
  ],
  [
    'two per-request variables around a digit: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}1${aws:username}:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}1${aws:username}:key/*']] },
  ],
];

describe('key-ARN shortcut: shapes it must not misread', () => {
  for (const [name, document, expected] of cases) {
    it(`${name}: ${expected.scope}`, () => {
      expect(judged(document)).to.deep.equal(expected);
    });
  }
});
