/**
 * A policy that is one of several documents, the plan not saying which (README, Policies not known until apply):
 * definite only when every document gives the same kind of verdict.
 */
import { expect } from 'chai';
import { parsePolicy } from '../../../lib/iam/index.js';
import type { EvaluationOptions, Policy } from '../../../lib/iam/types.js';
import { judgeAlternatives, judgePolicySource } from '../../../lib/rules/judge-policy-source.js';
import { decryptRuns } from '../../support/rule-runs.js';
import type { PolicySource } from '../../../lib/types.js';

const EVALUATIONS: readonly EvaluationOptions[] = [{ blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' }];
const REGION_KEYS = 'arn:aws:kms:eu-central-1:111122223333:key/*';
const ACCOUNT_KEYS = 'arn:aws:kms:*:111122223333:key/*';

function policy(statements: object[]): Policy {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.policy;
}

const allow = (action: string | string[], resource: string) => policy([{ Effect: 'Allow', Action: action, Resource: resource }]);
const S3 = allow('s3:GetObject', '*');
const ONE_KEY = allow('kms:Decrypt', 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
const DECRYPT_ALL = allow('kms:Decrypt', '*');
const BOTH_REGION = allow(['kms:Decrypt', 'kms:ReEncryptFrom'], REGION_KEYS);
const REENCRYPT_ACCOUNT = allow('kms:ReEncryptFrom', ACCOUNT_KEYS);
const UNKNOWN_RESOURCE: Policy = {
  statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: [{ unknown: true, detail: 'aws_s3_bucket.b.arn' }] }],
};

/** A verdict reduced to what the rule decides: kind, scope, actions, statements, mayWidenTo, detail. */
function summary(policies: readonly Policy[]): unknown {
  const verdict = judgeAlternatives(policies, 'one of a, b', EVALUATIONS);
  switch (verdict.kind) {
    case 'clean':
      return 'clean';
    case 'unknown':
    case 'too-complex':
      return `${verdict.kind}: ${verdict.detail}`;
    case 'finding':
      return {
        scope: verdict.scope,
        actions: verdict.actions,
        statements: verdict.statements.map((s) => s.index),
        ...(verdict.mayWidenTo ? { mayWidenTo: verdict.mayWidenTo } : {}),
      };
  }
}

describe('resolve: judging a policy that is one of several documents', () => {
  const cases: [string, Policy[], unknown][] = [
    ['every document clean: clean', [S3, ONE_KEY], 'clean'],
    [
      'one clean, one a finding: unknown, each verdict named in order',
      [ONE_KEY, DECRYPT_ALL],
      'unknown: one of a, b; each judged alone: clean, all-keys finding',
    ],
    ['a finding and an undecided document: unknown', [DECRYPT_ALL, UNKNOWN_RESOURCE], 'unknown: one of a, b; each judged alone: all-keys finding, unknown'],
    ['findings of one scope: that finding', [DECRYPT_ALL, DECRYPT_ALL], { scope: 'all-keys', actions: ['kms:Decrypt'], statements: [0] }],
    [
      'findings of different scopes: the narrowest, which the wider may widen',
      [DECRYPT_ALL, BOTH_REGION],
      { scope: 'region-keys', actions: ['kms:Decrypt'], statements: [0], mayWidenTo: 'all-keys' },
    ],
    [
      'the narrowest finding keeps only the actions every document allows',
      [BOTH_REGION, allow('kms:Decrypt', ACCOUNT_KEYS)],
      { scope: 'region-keys', actions: ['kms:Decrypt'], statements: [0], mayWidenTo: 'account-keys' },
    ],
    [
      "documents that share no action: the narrowest one's actions",
      [REENCRYPT_ACCOUNT, allow('kms:Decrypt', '*')],
      { scope: 'account-keys', actions: ['kms:ReEncryptFrom'], statements: [0], mayWidenTo: 'all-keys' },
    ],
    [
      'a tie on scope goes to the document with fewer actions',
      [
        allow(['kms:Decrypt', 'kms:ReEncryptFrom'], '*'),
        policy([
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        ]),
      ],
      { scope: 'all-keys', actions: ['kms:Decrypt'], statements: [1] },
    ],
  ];
  for (const [label, policies, expected] of cases) {
    it(label, () => expect(summary(policies)).to.deep.equal(expected));
  }

  it('reports the policy unevaluated (unknown), clean, or as a finding through judgePolicySource', () => {
    const policySource = (alternatives: Policy[]): PolicySource => ({
      address: 'aws_iam_policy.p[0]',
      resourceType: 'aws_iam_policy',
      policyPath: 'policy',
      changeActions: ['create'],
      after: { kind: 'unknown', detail: 'policy is one of a, b', alternatives },
    });
    const origin = { source: 'plan.json' };
    expect(judgePolicySource(policySource([S3, ONE_KEY]), origin, decryptRuns(EVALUATIONS))).to.deep.equal({ outcome: 'clean' });
    expect(judgePolicySource(policySource([ONE_KEY, DECRYPT_ALL]), origin, decryptRuns(EVALUATIONS))).to.deep.equal({
      outcome: 'unevaluated',
      unevaluated: {
        address: 'aws_iam_policy.p[0]',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        source: 'plan.json',
        reason: 'unknown',
        detail: 'policy is one of a, b; each judged alone: clean, all-keys finding',
      },
    });
    const judged = judgePolicySource(policySource([DECRYPT_ALL, BOTH_REGION]), origin, decryptRuns(EVALUATIONS));
    expect(judged.outcome).to.equal('finding');
    const finding = (judged as Extract<typeof judged, { outcome: 'finding' }>).findings[0]!;
    expect({
      scope: finding.scope,
      severity: finding.severity,
      actions: finding.actions,
      mayWidenTo: finding.mayWidenTo,
      introduced: finding.introduced,
    }).to.deep.equal({
      scope: 'region-keys',
      severity: 'low',
      actions: ['kms:Decrypt'],
      mayWidenTo: 'all-keys',
      introduced: true,
    });
    expect(finding.message).to.equal(
      'aws_iam_policy.p[0] (policy) allows kms:Decrypt on KMS keys the policy does not name (in the accounts and regions it names), through statement 0. Values not known until apply could widen this to all-keys.',
    );
  });
});
