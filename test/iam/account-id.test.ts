/**
 * Account ids with policy variables: a variable stands for a run of one or more digits, so
 * eleven digits and a variable may still make the twelve of an account id, twelve and a variable
 * may not.
 */
import { expect } from 'chai';
import { mayBeAccountId } from '../../lib/iam/account-id.js';
import { literalTokens, variableToken } from '../../lib/iam/glob.js';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';

function scopeOf(statements: Record<string, unknown>[]): string {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if ('error' in parsed) throw new Error(parsed.error.message);
  const verdict = judgePolicy(parsed.policy, { blockedActions: ['kms:Decrypt'], partition: 'aws', conditions: 'ignore' });
  return verdict.kind === 'finding' ? verdict.scope : verdict.kind;
}

describe('account ids with variables', () => {
  const cases: [string, string, boolean][] = [
    ['eleven digits and a variable', '11111111111', true],
    ['twelve digits and a variable', '111111111111', false],
    ['ten digits and a variable', '1111111111', true],
  ];
  for (const [name, digits, expected] of cases) {
    it(`${name}: ${expected ? 'may be' : 'is not'} an account id`, () => {
      expect(mayBeAccountId([...literalTokens(digits), variableToken('aws:userid')])).to.equal(expected);
    });
  }

  it('eleven digits and a per-request variable as the account of a grant: the variable may be any text, so accounts the policy does not name', () => {
    expect(scopeOf([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:22222222222${aws:userid}:key/*' }])).to.equal('all-keys');
  });
});
