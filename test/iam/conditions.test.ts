/**
 * What a ResourceAccount condition does to an Allow in `conditions: 'scope'` mode, through
 * judgePolicy: which values limit the accounts (twelve characters with no wildcard or
 * delimiter) and which do not, other tests beside it, and values known only after apply.
 */
import { expect } from 'chai';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { UnknownValue, Verdict } from '../../lib/iam/types.js';

type Doc = Record<string, unknown>;

function judged(statements: Doc[], unknownAt: Record<string, string> = {}): Verdict {
  const parsed = parsePolicy(
    { Version: '2012-10-17', Statement: statements },
    { unknown: (_, pointer): UnknownValue | undefined => (pointer in unknownAt ? { unknown: true, detail: unknownAt[pointer]! } : undefined) },
  );
  if ('error' in parsed) throw new Error(parsed.error.message);
  return judgePolicy(parsed.policy, { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'scope' });
}

const scopeOf = (verdict: Verdict) => (verdict.kind === 'finding' ? verdict.scope : verdict.kind === 'clean' ? 'none' : verdict.kind);
const allowIn = (resource: string, condition: Doc): Doc => ({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource, Condition: condition });

describe('conditions: ResourceAccount values that do not limit the accounts', () => {
  const cases: [string, Doc, string][] = [
    ['an empty value', { StringEquals: { 'aws:ResourceAccount': '' } }, 'all-keys'],
    ['a value with a colon', { StringEquals: { 'aws:ResourceAccount': '1111:22223333' } }, 'all-keys'],
    ['a value with a slash', { StringEquals: { 'aws:ResourceAccount': '1111/22223333' } }, 'all-keys'],
    ['an account and a *', { StringLike: { 'aws:ResourceAccount': '111122223333*' } }, 'all-keys'],
    ['an account with its last digit a ?', { StringLike: { 'aws:ResourceAccount': '11112222333?' } }, 'all-keys'],
    [
      'one account, beside a test of another key',
      { StringEquals: { 'aws:ResourceAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
      'account-keys',
    ],
    [
      'one account, under a second positive operator with a service',
      { StringEquals: { 'aws:ResourceAccount': '111122223333' }, StringLike: { 'kms:ViaService': 'ec2.*' } },
      'account-keys',
    ],
    ['one account', { StringEquals: { 'aws:ResourceAccount': '111122223333' } }, 'account-keys'],
    [
      'one account, then a second ResourceAccount test with a wildcard',
      { StringEquals: { 'aws:ResourceAccount': '111122223333' }, StringLike: { 'aws:ResourceAccount': '1111*' } },
      'account-keys',
    ],
  ];
  for (const [name, condition, scope] of cases) {
    it(`${name}: ${scope}`, () => {
      expect(scopeOf(judged([allowIn('arn:aws:kms:*:*:key/cd1-*', condition)]))).to.equal(scope);
    });
  }
});

describe('conditions: a ResourceAccount value with a wildcard does not limit a grant of another account', () => {
  const cases: [string, string][] = [
    ['a *', '4444*'],
    ['a ?', '44445555666?'],
  ];
  for (const [name, value] of cases) {
    it(`${name}: the granted account's keys, any region`, () => {
      expect(scopeOf(judged([allowIn('arn:aws:kms:*:111122223333:key/cd4-*', { StringLike: { 'aws:ResourceAccount': value } })]))).to.equal('account-keys');
    });
  }
});

describe('conditions: ResourceAccount values known only after apply', () => {
  const pointer = '/Statement/0/Condition/StringEquals/aws:ResourceAccount';

  it("whether an account known after apply is the principal's own is known after apply", () => {
    const verdict = judged(
      [
        allowIn('arn:aws:kms:*:*:key/cd2-*', { StringEquals: { 'aws:ResourceAccount': 'x' } }),
        { Effect: 'Deny', Action: 'kms:*', NotResource: 'arn:aws:kms:*:${aws:PrincipalAccount}:*' },
      ],
      { [pointer]: 'data.aws_caller_identity.other.account_id' },
    );
    expect(verdict).to.deep.equal({
      kind: 'unknown',
      detail: 'Could allow kms:Decrypt (account-keys) depending on values known only after apply: data.aws_caller_identity.other.account_id.',
    });
  });

  it('an unknown value beside a known one under StringLike: the known account at least, any account at most', () => {
    const verdict = judged([allowIn('arn:aws:kms:*:*:key/cd3-*', { StringLike: { 'aws:ResourceAccount': ['111122223333', 'x'] } })], {
      '/Statement/0/Condition/StringLike/aws:ResourceAccount/1': 'var.account',
    });
    expect(verdict).to.deep.include({ kind: 'finding', scope: 'account-keys', mayWidenTo: 'all-keys' });
  });
});
