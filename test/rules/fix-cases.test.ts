/**
 * suggestFix, patch by patch: the exact RFC 6902 operations for each way a statement can grant
 * the blocked actions, with a short list of KMS actions so the expansions are easy to read.
 */
import { expect } from 'chai';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { EvaluationOptions } from '../../lib/iam/types.js';
import { suggestFix } from '../../lib/rules/fix.js';

const KMS = ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:DescribeKey'];
const AWS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };
const ARN = 'arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID';
const P = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const scoped = (actions: string[], arn = ARN, sid = 'KmsguardScopedDecrypt') => ({ Sid: sid, Effect: 'Allow', Action: actions, Resource: [arn] });
const denyOthers = (actions: string[], sid = 'KmsguardDenyDecryptOnOtherKeys') => ({ Sid: sid, Effect: 'Deny', Action: actions, NotResource: [ARN] });
const BOTH = ['kms:Decrypt', 'kms:ReEncryptFrom'];

function fix(document: unknown, evaluations: EvaluationOptions[] = [AWS]) {
  const parsed = parsePolicy(document);
  if ('error' in parsed) throw new Error(parsed.error.message);
  const verdict = judgePolicy(parsed.policy, evaluations[0]!);
  if (verdict.kind !== 'finding') throw new Error(`expected a finding, got ${verdict.kind}`);
  return suggestFix(document, verdict, { evaluations, kmsActions: KMS });
}

describe('suggestFix, patch by patch', () => {
  const cases: [string, unknown, unknown[]][] = [
    [
      'kms:* keeps the other KMS actions',
      P({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/Action', value: ['kms:Encrypt', 'kms:ReEncryptTo', 'kms:DescribeKey'] },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      'a statement granting only Decrypt goes',
      P({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      [
        { op: 'remove', path: '/Statement/0' },
        { op: 'add', path: '/Statement/0', value: scoped(['kms:Decrypt']) },
      ],
    ],
    [
      'other services stay in the list',
      P({ Effect: 'Allow', Action: ['kms:Decrypt', 's3:GetObject'], Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/Action', value: ['s3:GetObject'] },
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt']) },
      ],
    ],
    [
      'a string Action left with one action stays a string',
      P({ Effect: 'Allow', Action: 'kms:De*', Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/Action', value: 'kms:DescribeKey' },
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt']) },
      ],
    ],
    [
      '* becomes NotAction of the blocked actions',
      P({ Effect: 'Allow', Action: ['*'], Resource: '*' }),
      [
        { op: 'remove', path: '/Statement/0/Action' },
        { op: 'add', path: '/Statement/0/NotAction', value: BOTH },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      '**:*** does too',
      P({ Effect: 'Allow', Action: '**:***', Resource: '*' }),
      [
        { op: 'remove', path: '/Statement/0/Action' },
        { op: 'add', path: '/Statement/0/NotAction', value: BOTH },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      'NotAction gains the blocked actions',
      P({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/NotAction', value: ['iam:*', 'kms:Decrypt', 'kms:ReEncryptFrom'] },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      'NotAction gains only the blocked actions it lacks',
      P({ Effect: 'Allow', NotAction: 'kms:Decrypt', Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/NotAction', value: ['kms:Decrypt', 'kms:ReEncryptFrom'] },
        { op: 'add', path: '/Statement/1', value: scoped(['kms:ReEncryptFrom']) },
      ],
    ],
    [
      'a pattern across services stays, and a Deny takes the action back',
      P({ Effect: 'Allow', Action: '*:Decrypt', Resource: '*' }),
      [
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt']) },
        { op: 'add', path: '/Statement/2', value: denyOthers(['kms:Decrypt']) },
      ],
    ],
    [
      'the Deny gets a Sid of its own when its name is taken',
      P({ Sid: 'KmsguardDenyDecryptOnOtherKeys', Effect: 'Allow', Action: '*:Decrypt', Resource: '*' }),
      [
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt']) },
        { op: 'add', path: '/Statement/2', value: denyOthers(['kms:Decrypt'], 'KmsguardDenyDecryptOnOtherKeys2') },
      ],
    ],
    [
      'the scoped statement gets a Sid of its own when its name is taken',
      P({ Sid: 'KmsguardScopedDecrypt', Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      [
        { op: 'remove', path: '/Statement/1' },
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt'], ARN, 'KmsguardScopedDecrypt2') },
      ],
    ],
    [
      'a lone Statement object is replaced by a list',
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:*', Resource: '*' } },
      [
        {
          op: 'replace',
          path: '/Statement',
          value: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:ReEncryptTo', 'kms:DescribeKey'], Resource: '*' }, scoped(BOTH)],
        },
      ],
    ],
    [
      'actions already listed are not listed twice, whatever their case',
      P({ Effect: 'Allow', Action: ['KMS:ENCRYPT', 'kms:*', 'kms:encrypt'], Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/Action', value: ['KMS:ENCRYPT', 'kms:ReEncryptTo', 'kms:DescribeKey'] },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      'a narrower grant found in a later round goes too, removed from the end backwards',
      P(
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        { Effect: 'Allow', Action: 'kms:ReEncryptFrom', Resource: 'arn:aws:kms:*:111122223333:key/*' },
      ),
      [
        { op: 'remove', path: '/Statement/1' },
        { op: 'remove', path: '/Statement/0' },
        { op: 'add', path: '/Statement/0', value: scoped(BOTH) },
      ],
    ],
    [
      'a Deny statement is left alone',
      P({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }, { Effect: 'Deny', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:444455556666:*' }),
      [
        { op: 'remove', path: '/Statement/0' },
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt']) },
      ],
    ],
    [
      'NotAction gains what another statement adds to the blocked actions',
      P({ Effect: 'Allow', NotAction: ['iam:*', 'kms:Decrypt'], Resource: '*' }, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      [
        { op: 'replace', path: '/Statement/0/NotAction', value: ['iam:*', 'kms:Decrypt', 'kms:ReEncryptFrom'] },
        { op: 'remove', path: '/Statement/1' },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      '** means every action',
      P({ Effect: 'Allow', Action: '**', Resource: '*' }),
      [
        { op: 'remove', path: '/Statement/0/Action' },
        { op: 'add', path: '/Statement/0/NotAction', value: BOTH },
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
      ],
    ],
    [
      'k*:* is not every action: it stays, and a Deny takes the blocked actions back',
      P({ Effect: 'Allow', Action: 'k*:*', Resource: '*' }),
      [
        { op: 'add', path: '/Statement/1', value: scoped(BOTH) },
        { op: 'add', path: '/Statement/2', value: denyOthers(BOTH) },
      ],
    ],
    [
      '*:*Decrypt is not every action either',
      P({ Effect: 'Allow', Action: '*:*Decrypt', Resource: '*' }),
      [
        { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt']) },
        { op: 'add', path: '/Statement/2', value: denyOthers(['kms:Decrypt']) },
      ],
    ],
    [
      'three rounds, one scope each, and no Deny needed',
      P(
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/*' },
      ),
      [
        { op: 'remove', path: '/Statement/2' },
        { op: 'remove', path: '/Statement/1' },
        { op: 'remove', path: '/Statement/0' },
        { op: 'add', path: '/Statement/0', value: scoped(['kms:Decrypt']) },
      ],
    ],
    [
      'an action a later round finds joins the scoped statement, in order',
      P(
        { Effect: 'Allow', Action: 'kms:ReEncryptFrom', Resource: '*' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' },
      ),
      [
        { op: 'remove', path: '/Statement/1' },
        { op: 'remove', path: '/Statement/0' },
        { op: 'add', path: '/Statement/0', value: scoped(BOTH) },
      ],
    ],
  ];
  for (const [name, document, patch] of cases) {
    it(name, () => {
      expect(fix(document)).to.deep.equal(patch);
    });
  }

  it('names the placeholder key in the partition judged first', () => {
    const document = P({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws-cn:kms:*:*:key/*' });
    expect(fix(document, [{ ...AWS, partition: 'aws-cn' }])).to.deep.equal([
      { op: 'remove', path: '/Statement/0' },
      { op: 'add', path: '/Statement/0', value: scoped(['kms:Decrypt'], 'arn:aws-cn:kms:REGION:ACCOUNT_ID:key/KEY_ID') },
    ]);
  });

  it('adds the scoped statement to a document without statements', () => {
    expect(suggestFix({ Version: '2012-10-17' }, { actions: ['kms:Decrypt'], statements: [], scope: 'all-keys' }, { kmsActions: KMS })).to.deep.equal([
      { op: 'replace', path: '/Statement', value: [scoped(['kms:Decrypt'])] },
    ]);
  });

  it('names the placeholder key in the aws partition when given no options to judge with', () => {
    const document = P({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' });
    const parsed = parsePolicy(document);
    if ('error' in parsed) throw new Error(parsed.error.message);
    const verdict = judgePolicy(parsed.policy, AWS);
    if (verdict.kind !== 'finding') throw new Error(verdict.kind);
    expect(suggestFix(document, verdict, { evaluations: [], kmsActions: KMS })).to.deep.equal([
      { op: 'remove', path: '/Statement/0' },
      { op: 'add', path: '/Statement/0', value: scoped(['kms:Decrypt']) },
    ]);
  });

  it('gives nothing for a document that is not an object, or a finding without actions', () => {
    expect(suggestFix([], { actions: ['kms:Decrypt'], statements: [], scope: 'all-keys' })).to.deep.equal([]);
    expect(suggestFix(P({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }), { actions: [], statements: [], scope: 'all-keys' })).to.deep.equal([]);
  });
});
