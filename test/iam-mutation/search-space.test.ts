/**
 * SearchSpace (search-space.ts) with findAllowedKey: the witness key it finds, written out. OTHER
 * (a character no pattern uses) must be written as a character that neither a pattern nor the
 * partition uses, or the written key would not be the key the search found.
 */
import { expect } from 'chai';
import type { ConcreteStatement } from '../../lib/iam/instantiate.js';
import { findAllowedKey } from '../../lib/iam/key-search.js';
import { SearchSpace } from '../../lib/iam/search-space.js';

const allowOn = (...resources: string[]): ConcreteStatement => ({
  effect: 'Allow',
  actionNegated: false,
  actions: [{ text: 'kms:Decrypt', pattern: 'kms:Decrypt', known: true }],
  resourceNegated: false,
  resources: resources.map((r) => ({ text: r, pattern: r, known: true })),
});

function witness(partition: string, ...resources: string[]) {
  const statement = allowOn(...resources);
  const space = new SearchSpace([statement], [{ statement }], partition);
  const found = findAllowedKey(space.search([{ statement }], []));
  return found && { scope: found.scope, arn: found.arn };
}

describe('SearchSpace: the key found, written out', () => {
  const cases: [string, string, string[], { scope: string; arn: string }][] = [
    ['a region no pattern spells, written as x', 'aws', ['*:111122223333:key/k*'], { scope: 'account-keys', arn: 'arn:aws:kms:x:111122223333:key/k' }],
    ['x z q j v used by a pattern, w by the partition: 0', 'aws', ['*:111122223333:key/xzqjv*'], { scope: 'account-keys', arn: 'arn:aws:kms:0:111122223333:key/xzqjv' }],
  ];
  for (const [name, partition, resources, expected] of cases) {
    it(name, () => {
      expect(witness(partition, ...resources)).to.deep.equal(expected);
    });
  }
});
