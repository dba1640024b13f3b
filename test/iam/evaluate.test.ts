/**
 * evaluate.ts through judgePolicy: the key-ARN-shape shortcut that decides sets of patterns too
 * many for the exact search, which statements and values a finding names, actions grouped by the
 * exact set of statements that match them, and the order of the actions reported.
 */
import { expect } from 'chai';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { Verdict } from '../../lib/iam/types.js';

type Doc = Record<string, unknown>;

function judged(statements: Doc[], blockedActions = ['kms:Decrypt', 'kms:ReEncryptFrom']): Verdict {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return judgePolicy(parsed.policy, { blockedActions, partition: 'aws', conditions: 'ignore' });
}

const finding = (scope: string, actions: string[], statements: { index: number; action: string[]; resource: string[]; element?: string }[]) => ({
  kind: 'finding',
  scope,
  actions,
  statements: statements.map(({ index, action, resource, element }) => ({
    index,
    pointer: `/Statement/${index}`,
    matched: [
      { element: 'Action', values: action },
      { element: element ?? 'Resource', values: resource },
    ],
  })),
  conditionKeys: [],
});

describe('evaluate: patterns shaped like key ARNs are judged by their fields', () => {
  it('300 key-id patterns, each with two numbers in order (too many for the key search): every key, all named as responsible', () => {
    const patterns = Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*:*:key/*${i}*${i + 1}*`);
    expect(judged([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: patterns }])).to.deep.equal(
      finding('all-keys', ['kms:Decrypt'], [{ index: 0, action: ['kms:Decrypt'], resource: patterns }]),
    );
  });

  it('names only the patterns of the widest scope', () => {
    const region = 'arn:aws:kms:us-east-2:111122223333:key/ev-*';
    const account = 'arn:aws:kms:*:111122223333:key/ev-*';
    const every = 'arn:aws:kms:eu-west-3:*:key/ev-*';
    expect(judged([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: [region, every, account] }])).to.deep.equal(
      finding('all-keys', ['kms:Decrypt'], [{ index: 0, action: ['kms:Decrypt'], resource: [every] }]),
    );
  });
});

describe('evaluate: grants decided without a key search', () => {
  // Together with these, the Deny's 300 patterns are too many for the exact key search.
  const crowded = Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*${i}*:*${i}*:key/*${i}*`);

  it('300 named keys beside a Deny of everything outside 300 wildcard patterns: clean', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `arn:aws:kms:us-east-${i}:${100000000000 + i * 7919}:key/${i}-ev-${i * 31}`);
    expect(
      judged([
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: keys },
        { Effect: 'Deny', Action: 'kms:Decrypt', NotResource: crowded },
      ]),
    ).to.deep.equal({ kind: 'clean' });
  });

  const denials: [string, Doc][] = [
    ['a Deny of every resource', { Effect: 'Deny', Action: 'kms:*', Resource: '*' }],
    ['a Deny of every key ARN', { Effect: 'Deny', Action: 'kms:*', Resource: 'arn:aws:kms:*:*:key/*' }],
    ['a Deny of every key ARN beside an alias', { Effect: 'Deny', Action: 'kms:*', Resource: ['arn:aws:kms:*:*:alias/ev10', 'arn:aws:kms:*:*:key/*'] }],
    ['a Deny of every key ARN in any partition', { Effect: 'Deny', Action: 'kms:*', Resource: 'arn:*:kms:*:*:key/*' }],
  ];
  for (const [name, deny] of denials) {
    it(`300 wildcard patterns beside ${name}: clean`, () => {
      const others = Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*:*${i}:key/*`);
      const statements = [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: crowded }, deny, { Effect: 'Deny', Action: 's3:*', NotResource: others }];
      expect(judged(statements)).to.deep.equal({ kind: 'clean' });
    });
  }
});

describe('evaluate: statements a finding names after an exact key search', () => {
  it("of two Allows beside a Deny, only the one that grants at the finding's scope", () => {
    const verdict = judged([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/ev2-*' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/ev2-*' },
      { Effect: 'Deny', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:alias/ev2-*' },
    ]);
    expect(verdict).to.deep.equal(finding('all-keys', ['kms:Decrypt'], [{ index: 1, action: ['kms:Decrypt'], resource: ['arn:aws:kms:*:*:key/ev2-*'] }]));
  });

  it('a lone Allow beside a Deny, with each of its patterns that grants at that scope', () => {
    const verdict = judged([
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 's3:GetObject'],
        Resource: ['arn:aws:kms:*:*:key/ev3-*', 'arn:aws:kms:us-east-1:111122223333:key/ev3-*', 'arn:aws:kms:*:*:key/ev4-*'],
      },
      { Effect: 'Deny', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:alias/ev3-*' },
    ]);
    expect(verdict).to.deep.equal(
      finding('all-keys', ['kms:Decrypt'], [{ index: 0, action: ['kms:Decrypt'], resource: ['arn:aws:kms:*:*:key/ev3-*', 'arn:aws:kms:*:*:key/ev4-*'] }]),
    );
  });
});

describe('evaluate: actions judged apart when different statements match them', () => {
  const filler = (effect: string, n: number): Doc[] => Array.from({ length: n }, () => ({ Effect: effect, Action: 's3:GetObject', Resource: '*' }));

  it('Allows 1 and 2 (named keys only) for Decrypt, Allow 12 (every key) for ReEncryptFrom', () => {
    const statements = [
      ...filler('Allow', 1),
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/ev5' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/ev6' },
      ...filler('Allow', 9),
      { Effect: 'Allow', Action: 'kms:ReEncryptFrom', Resource: 'arn:aws:kms:*:*:key/*' },
    ];
    expect(judged(statements)).to.deep.equal(
      finding('all-keys', ['kms:ReEncryptFrom'], [{ index: 12, action: ['kms:ReEncryptFrom'], resource: ['arn:aws:kms:*:*:key/*'] }]),
    );
  });

  it('Denies 1 and 2 (aliases only) for Decrypt, Deny 12 (every key) for ReEncryptFrom', () => {
    const statements = [
      { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:*:key/*' },
      ...filler('Deny', 1),
      { Effect: 'Deny', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:alias/ev7' },
      { Effect: 'Deny', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:alias/ev8' },
      ...filler('Deny', 9),
      { Effect: 'Deny', Action: 'kms:ReEncryptFrom', Resource: 'arn:aws:kms:*:*:key/*' },
    ];
    expect(judged(statements)).to.deep.equal(finding('all-keys', ['kms:Decrypt'], [{ index: 0, action: ['kms:*'], resource: ['arn:aws:kms:*:*:key/*'] }]));
  });

  it('reports the actions sorted, whatever order they are blocked in', () => {
    expect(judged([{ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:*:key/ev9-*' }], ['kms:ReEncryptFrom', 'kms:Decrypt'])).to.deep.equal(
      finding('all-keys', ['kms:Decrypt', 'kms:ReEncryptFrom'], [{ index: 0, action: ['kms:*'], resource: ['arn:aws:kms:*:*:key/ev9-*'] }]),
    );
  });
});
