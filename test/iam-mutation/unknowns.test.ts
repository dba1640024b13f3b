/**
 * Policies with parts known only after apply, through parsePolicy's `unknown` option and
 * judgePolicy: unknown statements, an unknown Action that the input marks as one key's ARN, and
 * errors that are not about complexity.
 */
import { expect } from 'chai';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { Policy, UnknownValue, Verdict } from '../../lib/iam/types.js';

type Doc = Record<string, unknown>;
const OPTIONS = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' } as const;

function judged(statements: Doc[], unknownAt: Record<string, UnknownValue>): Verdict {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements }, { unknown: (_, pointer) => unknownAt[pointer] });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return judgePolicy(parsed.policy, OPTIONS);
}

describe('unknowns: judged at their most and least permissive', () => {
  it('an unknown statement beside a grant of named keys: it may be an Allow of everything or a Deny of everything', () => {
    const verdict = judged([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/un1' }, {}], {
      '/Statement/1': { unknown: true, detail: 'dynamic.statement' },
    });
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: dynamic.statement.',
    });
  });

  it('an unknown statement beside a grant of every key: unknown too (at its least it is a Deny of everything, which removes the grant)', () => {
    const verdict = judged([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/un2-*' }, {}], {
      '/Statement/1': { unknown: true, detail: 'dynamic.statement' },
    });
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: dynamic.statement.',
    });
  });

  it('an Action known only after apply that the input marks as one key\'s ARN is still any action', () => {
    const verdict = judged([{ Effect: 'Allow', Action: 'x', Resource: 'arn:aws:kms:*:*:key/un3-*' }], {
      '/Statement/0/Action': { unknown: true, oneKey: true, detail: 'aws_kms_key.main.arn' },
    });
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: aws_kms_key.main.arn.',
    });
  });
});

describe('unknowns: judgePolicy turns only complexity into a verdict', () => {
  it('a statement with neither Action nor NotAction (not a parsed policy) is an error, not a verdict', () => {
    const policy = { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', resource: ['*'] }] } as unknown as Policy;
    expect(() => judgePolicy(policy, OPTIONS)).to.throw(TypeError);
  });
});
