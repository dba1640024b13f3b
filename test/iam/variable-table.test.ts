import { expect } from 'chai';
import { judgePolicy, parsePolicy, type EvaluationOptions } from '../../lib/iam/index.js';
import { variableToken } from '../../lib/iam/glob.js';

const OPTIONS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };

function judge(resource: string | string[]) {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource }] });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return judgePolicy(parsed.policy, OPTIONS);
}

describe('iam: the table of policy variable tokens is bounded', () => {
  it('forgets the variable names met once it holds 10,000, at the start of the next evaluation', () => {
    let last = 0;
    for (let i = 0; i < 10_000; i++) last = variableToken(`filler-${i}-${Date.now()}`);
    expect(variableToken('before the evaluation')).to.be.lessThan(last);
    judge('arn:aws:kms:us-east-1:111122223333:key/${aws:username}');
    // Numbered again from the first variable token: not below the tokens given out before.
    expect(variableToken('after the evaluation')).to.be.greaterThan(last);
  });

  it('judges alike before and after the table is forgotten', () => {
    const policies: (string | string[])[] = [
      'arn:aws:kms:us-east-1:111122223333:key/${aws:username}',
      'arn:aws:kms:*:${aws:PrincipalAccount}:key/*',
      ['arn:aws:kms:us-east-1:111122223333:key/${aws:username}', 'arn:aws:kms:us-east-1:111122223333:key/${aws:userid}'],
    ];
    const before = policies.map(judge);
    for (let i = 0; i < 10_000; i++) variableToken(`filler-again-${i}`);
    expect(policies.map(judge)).to.deep.equal(before);
  });
});
