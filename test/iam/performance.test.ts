import { expect } from 'chai';
import { judgePolicy, parsePolicy, type EvaluationOptions } from '../../lib/iam/index.js';

const OPTIONS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };

/** Policies of the kinds plans are full of: each distinct (account, key id, bucket vary). */
function typicalPolicy(i: number): unknown {
  const account = String(100000000000 + (i % 997));
  const key = `arn:aws:kms:us-east-1:${account}:key/${(Math.imul(i, 2654435761) >>> 0).toString(16)}-aaaa-bbbb-cccc-${i}`;
  const statements: Record<number, unknown[]> = {
    0: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::bucket-${i}/*` }],
    1: [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: key }],
    2: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }],
    3: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:*:${account}:key/*` }],
    4: [
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: '*' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: [key, `${key}2`] },
    ],
    5: [
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
      { Effect: 'Deny', Action: 'kms:*', NotResource: `arn:aws:kms:us-east-1:${account}:key/*` },
    ],
    6: [
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: 'kms:ReEncrypt*', Resource: '*' },
    ],
    7: [
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: `arn:aws:kms:us-east-1:${account}:key/*` },
      { Effect: 'Allow', Action: 'sqs:*', Resource: `arn:aws:sqs:us-east-1:${account}:q${i}` },
    ],
  };
  return { Version: '2012-10-17', Statement: statements[i % 8] };
}

describe('iam: performance sanity', () => {
  it('judges 10,000 typical policies (parse + judge), with the verdicts expected', function () {
    this.timeout(120_000);
    const texts = Array.from({ length: 10_000 }, (_, i) => JSON.stringify(typicalPolicy(i)));
    const counts: Record<string, number> = {};
    const started = process.hrtime.bigint();
    for (const text of texts) {
      const parsed = parsePolicy(text);
      if (!('policy' in parsed)) throw new Error(parsed.error.message);
      const verdict = judgePolicy(parsed.policy, OPTIONS);
      const key = verdict.kind === 'finding' ? verdict.scope : verdict.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`      10,000 policies judged in ${ms.toFixed(0)} ms`);
    expect(counts).to.deep.equal({ clean: 3750, 'all-keys': 2500, 'account-keys': 1250, 'region-keys': 2500 });
  });
});
