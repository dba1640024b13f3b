/**
 * PARTITIONS (lib/iam/types.ts) is the one list of AWS partitions: the config schema must name the
 * same, and a key ARN of each is judged in that partition only (aws-iso is a prefix of aws-iso-b).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { judgePolicy, parsePolicy, PARTITIONS, type Partition, type Policy } from '../../lib/iam/index.js';
import { schemasDir } from '../support/paths.js';

function policy(resource: string): Policy {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource }] });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.policy;
}

function scopeIn(resource: string, partition: Partition): string {
  const verdict = judgePolicy(policy(resource), { blockedActions: ['kms:Decrypt'], partition, conditions: 'ignore' });
  return verdict.kind === 'finding' ? verdict.scope : verdict.kind;
}

describe('iam/partitions', () => {
  it('lists every AWS partition of the SDKs, aws first', () => {
    expect(PARTITIONS).to.deep.equal(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
  });

  it('is the partition enum of schemas/config.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(schemasDir, 'config.schema.json'), 'utf8')) as { properties: { partition: { enum: string[] } } };
    expect(schema.properties.partition.enum).to.deep.equal([...PARTITIONS]);
  });

  for (const partition of PARTITIONS) {
    it(`arn:${partition}:kms:*:*:key/* grants every key of ${partition} and of no other partition`, () => {
      const scopes = PARTITIONS.map((judgedIn) => [judgedIn, scopeIn(`arn:${partition}:kms:*:*:key/*`, judgedIn)]);
      expect(scopes).to.deep.equal(PARTITIONS.map((judgedIn) => [judgedIn, judgedIn === partition ? 'all-keys' : 'clean']));
    });
  }

  it('arn:aws-iso*: grants every key of the four ISO partitions', () => {
    expect(PARTITIONS.filter((partition) => scopeIn('arn:aws-iso*:kms:*:*:key/*', partition) === 'all-keys')).to.deep.equal([
      'aws-iso',
      'aws-iso-b',
      'aws-iso-e',
      'aws-iso-f',
    ]);
  });

  it('a key of one account is judged the same in each partition', () => {
    for (const partition of PARTITIONS) expect(scopeIn(`arn:${partition}:kms:*:111122223333:key/*`, partition), partition).to.equal('account-keys');
  });
});
