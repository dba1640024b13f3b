/**
 * The accounts `${aws:PrincipalAccount}` is read as (lib/iam/principal-account.ts): the accounts
 * a policy writes, one written nowhere, and one inside each digit pattern and each two together.
 */
import { expect } from 'chai';
import { principalAccounts } from '../../lib/iam/principal-account.js';

describe('iam: the accounts ${aws:PrincipalAccount} is read as', () => {
  const cases: [string, string[], string[], string[]][] = [
    ['no account written: one written nowhere', ['arn:aws:kms:*:${aws:PrincipalAccount}:key/*'], [], ['000000000000']],
    [
      'written accounts, sorted, then one written nowhere',
      ['arn:aws:kms:*:444455556666:key/*', 'arn:aws:kms:*:111122223333:key/*', 'arn:aws:kms:*:111122223333*'],
      ['111122223333', '444455556666'],
      ['111122223333', '444455556666', '000000000000'],
    ],
    ['the one written nowhere is not a written account', ['arn:aws:kms:*:000000000000:key/*'], ['000000000000'], ['000000000000', '111111111111']],
    ['an account segment with wildcards', ['arn:aws:kms:*:1111*:key/*'], [], ['000000000000', '111100000000']],
    ['digits a * carries across the region into the account', ['arn:aws:kms:*6666:key/*'], [], ['000000000000', '000000006666']],
    ['a ? stands for any digit', ['arn:aws:kms:*:11112222333?:key/*'], [], ['000000000000', '111122223330']],
    [
      'two digit patterns together',
      ['arn:aws:kms:*:1111*:key/*', 'arn:aws:kms:*6666:key/*'],
      [],
      ['000000000000', '111100000000', '000000006666', '111100006666'],
    ],
    ['digits no account can hold (thirteen) give none', ['arn:aws:kms:*:1111222233334*:key/*'], [], ['000000000000']],
    ['letters are no account', ['arn:aws:kms:*:ab*:key/*'], [], ['000000000000']],
  ];
  for (const [name, patterns, named, all] of cases) {
    it(name, () => {
      expect(principalAccounts(patterns)).to.deep.equal({ named, all });
    });
  }
});
