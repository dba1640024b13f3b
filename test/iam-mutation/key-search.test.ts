/**
 * The exact key search (key-search.ts over the search space of search-space.ts), reached through
 * judgePolicy: a Deny (even one of aliases only) or a ResourceAccount condition sends a group to
 * the search instead of the key-ARN shortcut. Each policy needs one part of the search to be
 * right: pattern-set membership on states with many patterns, the "other digit" of an account,
 * per-request variables in accounts and regions (read as `*`), Allows that name any one account,
 * and patterns told apart by their tokens.
 */
import { expect } from 'chai';
import { P, UNKNOWN, allow, deny, judged, type Doc, type Judged } from './judge-table.js';

/** A Deny that matches no key: it only sends the group to the exact search. */
const ALIASES = deny('kms:Decrypt', 'arn:aws:kms:*:*:alias/*');
const EIGHT = ['*', 'arn:*', 'arn:aws:*', 'arn:aws:kms:*', '*:kms:*', '*key*', '*/*', 'arn:*:kms:*:*:key/*'];
/** Ten accounts in eu-west-1, one per first digit: every digit continues a spelled account. */
const TEN_ACCOUNTS = Array.from({ length: 10 }, (_, n) => `arn:aws:kms:eu-west-1:${String(n).repeat(12)}:key/k`);
const OWN_ACCOUNT = { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } };
/** An account not known until apply: any one account, named by the plan (no limit pattern). */
const SOME_ACCOUNT = { StringEquals: { 'aws:ResourceAccount': UNKNOWN } };
/** Ten accounts, one per first digit, and one not known until apply. */
const TEN_OR_SOME = { StringEquals: { 'aws:ResourceAccount': [...Array.from({ length: 10 }, (_, n) => String(n).repeat(12)), UNKNOWN] } };
/** Token lists that join to the same digits without a separator: `a` `d` (97, 100) and tab, U+1BBC (9, 7100). */
const AD = 'arn:aws:kms:*:*:key/ad*';
const TAB_1BBC = `arn:aws:kms:*:*:key/\t${String.fromCodePoint(7100)}*`;

const cases: [string, Doc, Judged][] = [
  ['eight granted patterns, one Deny of one key', P(allow('kms:Decrypt', EIGHT), deny('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/abc')), { scope: 'all-keys', resources: [EIGHT] }],
  [
    'a Deny of accounts starting 0: other digits remain',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'), deny('kms:Decrypt', 'arn:aws:kms:*:0*:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:*:key/*']] },
  ],
  [
    'a Deny of accounts starting 0 to 8: 9 remains',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'), deny('kms:Decrypt', Array.from({ length: 9 }, (_, n) => `arn:aws:kms:*:${n}*:key/*`))),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:*:key/*']] },
  ],
  [
    'a Deny of every account by first digit',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'), deny('kms:Decrypt', Array.from({ length: 10 }, (_, n) => `arn:aws:kms:*:${n}*:key/*`))),
    { scope: 'none', resources: [] },
  ],
  ['every first digit continues a spelled account', P(allow('kms:Decrypt', '*'), deny('kms:Decrypt', TEN_ACCOUNTS)), { scope: 'all-keys', resources: [['*']] }],
  [
    'a per-request variable twice around a digit reads as *1*: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}1${aws:userid}:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}1${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable twice reads as **: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}${aws:userid}:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable three times around digits: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}1${aws:userid}2${aws:userid}3:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}1${aws:userid}2${aws:userid}3:key/*']] },
  ],
  [
    'two per-request variables, one of them twice: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}${aws:username}${aws:userid}1:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}${aws:username}${aws:userid}1:key/*']] },
  ],
  [
    'a per-request variable once, then another twice: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:username}${aws:userid}${aws:userid}:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:username}${aws:userid}${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable region of one account: any region',
    P(allow('kms:Decrypt', 'arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*'), ALIASES),
    { scope: 'account-keys', resources: [['arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*']] },
  ],
  [
    'a per-request variable key id in one account, any region',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/${aws:username}'), ALIASES),
    { scope: 'account-keys', resources: [['arn:aws:kms:*:111122223333:key/${aws:username}']] },
  ],
  [
    'patterns whose tokens join alike: the Deny removes only its own keys',
    P(allow('kms:Decrypt', AD), deny('kms:Decrypt', TAB_1BBC)),
    { scope: 'all-keys', resources: [[AD]] },
  ],
];

const scoped: [string, Doc, Judged][] = [
  [
    'the own account beside an unconditional grant',
    P(allow('kms:Decrypt', '*', { Condition: OWN_ACCOUNT }), allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:*:key/*']] },
  ],
  ['the own account alone', P(allow('kms:Decrypt', '*', { Condition: OWN_ACCOUNT })), { scope: 'account-keys', resources: [['*']] }],
  [
    // Most permissive: the grant's keys are in one account the plan names, which may be any; the
    // unknown Resource is `*`, so all-keys. Least: the account is one unknown value and the
    // unknown Resource matches nothing, so account-keys.
    'an account known after apply beside a Resource known after apply',
    P(allow('kms:Decrypt', '*', { Condition: SOME_ACCOUNT }), allow('kms:Decrypt', UNKNOWN)),
    { scope: 'account-keys', resources: [['*']], mayWidenTo: 'all-keys' },
  ],
  [
    // The condition spells ten accounts, one per first digit, with no pattern: every first digit
    // continues a spelled account, and the grant of `*` still reaches accounts none names.
    'ten named accounts and one known after apply, beside a Resource known after apply',
    P(allow('kms:Decrypt', '*', { Condition: TEN_OR_SOME }), allow('kms:Decrypt', UNKNOWN)),
    { scope: 'account-keys', resources: [['*']], mayWidenTo: 'all-keys' },
  ],
];

describe('exact key search through judgePolicy', () => {
  for (const [name, document, expected] of cases) {
    it(`${name}: ${expected.scope}`, () => {
      expect(judged(document)).to.deep.equal(expected);
    });
  }
  for (const [name, document, expected] of scoped) {
    it(`${name} (conditions scope): ${expected.scope}`, () => {
      expect(judged(document, 'scope')).to.deep.equal(expected);
    });
  }
});
