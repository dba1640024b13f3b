import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fixture } from '../support/paths.js';
import { judgePolicy, judgeWithin, parsePolicy, type EvaluationOptions, type Policy, type UnknownValue, type Verdict } from '../../lib/iam/index.js';

interface WithinCase {
  readonly name: string;
  readonly policy: unknown[];
  /** Statements, or `{"$unknownStatements": "<detail>"}` for a bound not known until apply. */
  readonly bound: unknown[] | { readonly $unknownStatements: string };
  readonly options?: Partial<EvaluationOptions>;
  readonly verdict: Verdict;
}

const DEFAULTS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };

function unknownMarker(value: unknown): UnknownValue | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, '$unknown')) return undefined;
  return { unknown: true, detail: (value as { $unknown: string }).$unknown };
}

function policyOf(statements: unknown[] | { readonly $unknownStatements: string }): Policy {
  if (!Array.isArray(statements)) return { statements: [], unknownStatements: { unknown: true, detail: statements.$unknownStatements } };
  const result = parsePolicy({ Version: '2012-10-17', Statement: statements }, { unknown: unknownMarker });
  if ('error' in result) throw new Error(result.error.message);
  return result.policy;
}

const cases = JSON.parse(readFileSync(fixture('iam', 'within.json'), 'utf8')) as WithinCase[];

describe('iam: judgeWithin (a policy within a bound)', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(judgeWithin(policyOf(c.policy), policyOf(c.bound), { ...DEFAULTS, ...c.options })).to.deep.equal(c.verdict);
    });
  }

  it('without a bound judges as judgePolicy does', () => {
    for (const c of cases) {
      const policy = policyOf(c.policy);
      expect(judgeWithin(policy, undefined, { ...DEFAULTS, ...c.options }), c.name).to.deep.equal(judgePolicy(policy, { ...DEFAULTS, ...c.options }));
    }
  });

  it('never finds wider than the policy alone', () => {
    const rank = { 'all-keys': 3, 'account-keys': 2, 'region-keys': 1 } as const;
    for (const c of cases) {
      const alone = judgePolicy(policyOf(c.policy), { ...DEFAULTS, ...c.options });
      const within = judgeWithin(policyOf(c.policy), policyOf(c.bound), { ...DEFAULTS, ...c.options });
      if (within.kind !== 'finding') continue;
      expect(alone.kind, c.name).to.equal('finding');
      if (alone.kind === 'finding') expect(rank[within.scope], c.name).to.be.at.most(rank[alone.scope]);
    }
  });
});
