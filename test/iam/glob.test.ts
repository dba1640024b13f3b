import { expect } from 'chai';
import fc from 'fast-check';
import { arnPatternTokens, literalTokens, tokensMatch } from '../../lib/iam/glob.js';
import { matchesAction, matchesArn } from '../../lib/iam/index.js';

describe('iam: matchesAction (case-insensitive; * any run, ? one character)', () => {
  const table: [string, string, boolean][] = [
    ['kms:Decrypt', 'kms:Decrypt', true],
    ['KMS:DECRYPT', 'kms:Decrypt', true],
    ['kms:decrypt', 'KMS:Decrypt', true],
    ['kms:*', 'kms:Decrypt', true],
    ['kms:*', 's3:GetObject', false],
    ['*', 'iam:PassRole', true],
    ['kms:De?rypt', 'kms:Decrypt', true],
    ['kms:De?rypt', 'kms:Deccrypt', false],
    ['kms:Decrypt?', 'kms:Decrypt', false],
    ['kms:Decrypt*', 'kms:Decrypt', true],
    ['kms:*crypt*', 'kms:ReEncryptFrom', true],
    ['kms:Decrypt', 'kms:DecryptX', false],
    ['kms:Decrypt', 'xkms:Decrypt', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['**', '', true],
    ['?', '', false],
    ['', 'kms:Decrypt', false],
    ['kms:${aws:username}', 'kms:${aws:username}', true],
  ];
  for (const [pattern, action, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(action)}`, () => {
      expect(matchesAction(pattern, action)).to.equal(expected);
    });
  }
});

describe('iam: matchesArn (case-sensitive; * crosses : and /; variables are opaque)', () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/abcd';
  const table: [string, string, boolean][] = [
    ['*', key, true],
    ['arn:aws:kms:*', key, true],
    ['arn:aws:kms:*:111122223333:key/*', key, true],
    ['arn:aws:kms:*:111122223333:KEY/*', key, false],
    ['arn:aws:kms:*:444455556666:key/*', key, false],
    ['arn:aws:kms:us-east-1:111122223333:key/????', key, true],
    ['arn:aws:kms:us-east-1:111122223333:key/???', key, false],
    ['arn:aws:kms:*1111:key/*', 'arn:aws:kms:us-east-1:xx1111:key/k', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', true],
    ['arn:aws:kms:*:111122223333:key/${aws:username}', 'arn:aws:kms:r:111122223333:key/${aws:username}', false],
    ['*${aws:username}*', 'anything at all', false],
    ['arn:aws:kms:*:1:key/${*}', 'arn:aws:kms:r:1:key/*', true],
    ['arn:aws:kms:*:1:key/${*}', 'arn:aws:kms:r:1:key/x', false],
    ['${?}', '?', true],
    ['${?}', 'x', false],
    ['${$}{x}', '${x}', true],
    ['a${b', 'a${b', true],
    ['a${b*', 'a${bcd', true],
  ];
  for (const [pattern, arn, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(arn)}`, () => {
      expect(matchesArn(pattern, arn)).to.equal(expected);
    });
  }

  it('agrees with a regular-expression reading of the same glob', () => {
    const toRegExp = (pattern: string) =>
      new RegExp(`^${pattern.replace(/[.+^$()|[\]\\{}]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    fc.assert(
      fc.property(fc.stringMatching(/^[ab:/*?]{0,8}$/), fc.stringMatching(/^[ab:/]{0,10}$/), (pattern, input) => {
        expect(matchesArn(pattern, input)).to.equal(toRegExp(pattern).test(input));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('stays fast on patterns with many stars (no exponential backtracking)', () => {
    const pattern = arnPatternTokens(`${'a*'.repeat(30)}b`);
    expect(tokensMatch(pattern, literalTokens('a'.repeat(5000)))).to.equal(false);
  });
});
