/**
 * SearchSpace (search-space.ts) with findAllowedKey: the witness key it finds, written out. OTHER
 * (a character no pattern uses) must be written as a character that neither a pattern nor the
 * partition uses, or the written key would not be the key the search found.
 */
import { expect } from 'chai';
import type { ConcreteStatement } from '../../lib/iam/instantiate.js';
import { findAllowedKey } from '../../lib/iam/key-search.js';
import { SearchSpace, type Grant } from '../../lib/iam/search-space.js';
import { literalTokens, variableToken } from '../../lib/iam/glob.js';

const allowOn = (...resources: string[]): ConcreteStatement => ({
  effect: 'Allow',
  actionNegated: false,
  actions: [{ text: 'kms:Decrypt', pattern: 'kms:Decrypt', known: true }],
  resourceNegated: false,
  resources: resources.map((r) => ({ text: r, pattern: r, known: true })),
});

function witness(partition: string, ...resources: string[]) {
  const statement = allowOn(...resources);
  return found([statement], { statement }, partition);
}

function found(statements: ConcreteStatement[], grant: Grant, partition = 'aws') {
  const space = new SearchSpace(statements, [grant], partition);
  const key = findAllowedKey(space.search([grant], []));
  return key && { scope: key.scope, arn: key.arn };
}

describe('SearchSpace: the key found, written out', () => {
  const cases: [string, string, string[], { scope: string; arn: string }][] = [
    ['a region no pattern spells, written as x', 'aws', ['*:111122223333:key/k*'], { scope: 'account-keys', arn: 'arn:aws:kms:x:111122223333:key/k' }],
    [
      'x z q j v used by a pattern, w by the partition: 0',
      'aws',
      ['*:111122223333:key/xzqjv*'],
      { scope: 'account-keys', arn: 'arn:aws:kms:0:111122223333:key/xzqjv' },
    ],
    [
      'every readable candidate used, and U+4E00: U+4E01',
      'aws',
      ['*:111122223333:key/xzqjvw0456789\u4e00*'],
      { scope: 'account-keys', arn: 'arn:aws:kms:\u4e01:111122223333:key/xzqjvw0456789\u4e00' },
    ],
  ];
  for (const [name, partition, resources, expected] of cases) {
    it(name, () => {
      expect(witness(partition, ...resources)).to.deep.equal(expected);
    });
  }
});

describe('SearchSpace: characters of the accounts a condition names', () => {
  it('are not written for OTHER either, though no pattern spells them', () => {
    // The caller's account or 111122223333: any one named account, so no limit pattern is added.
    const statement = allowOn('*:key/xzqjvw0*');
    const grant: Grant = { statement, accounts: [literalTokens('111122223333'), [variableToken('aws:PrincipalAccount')]], anyNamedAccount: true };
    expect(found([statement], grant)).to.deep.equal({ scope: 'account-keys', arn: 'arn:aws:kms:4:${aws:PrincipalAccount}:key/xzqjvw0' });
  });
});
