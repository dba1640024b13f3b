/**
 * Differential test: judgePolicy's scope must equal the brute-force oracle's on every generated
 * policy. A failure prints the policy, both answers and a key the oracle found at its scope;
 * fast-check prints the seed (replay with KMSGUARD_SEED=<seed>).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { EvaluationOptions, Verdict } from '../../lib/iam/types.js';
import { oracle, type OracleScope } from '../oracle/oracle.js';
import { BLOCKED_ACTIONS } from '../oracle/vocabulary.js';
import { policyDocument } from './arbitraries.js';
import { propertyParameters } from './settings.js';

const OPTIONS: EvaluationOptions = { blockedActions: [...BLOCKED_ACTIONS], partition: 'aws', conditions: 'ignore' };

export function kmsguardVerdict(document: unknown, asText: boolean): Verdict {
  const parsed = parsePolicy(asText ? JSON.stringify(document) : document);
  if ('error' in parsed) throw new Error(`parsePolicy rejected a valid policy: ${parsed.error.message} at ${parsed.error.pointer}`);
  return judgePolicy(parsed.policy, OPTIONS);
}

export function scopeOf(verdict: Verdict): OracleScope | 'unknown' {
  return verdict.kind === 'finding' ? verdict.scope : verdict.kind === 'clean' ? 'none' : 'unknown';
}

describe('differential: judgePolicy against the brute-force oracle', function () {
  this.timeout(600_000);

  it('gives the oracle\'s scope on every generated policy', () => {
    const judge = oracle();
    fc.assert(
      fc.property(policyDocument, fc.boolean(), (document, asText) => {
        const expected = judge.judge(document);
        const actual = scopeOf(kmsguardVerdict(document, asText));
        expect(
          actual,
          `policy ${JSON.stringify(document)}\n  kmsguard: ${actual}\n  oracle:   ${expected.scope}` +
            (expected.witness ? ` (e.g. ${expected.witness})` : ''),
        ).to.equal(expected.scope);
      }),
      propertyParameters(10_000),
    );
  });
});
