/**
 * Differential test: judgePolicy's scope must equal the brute-force oracle's on every generated
 * policy. A failure prints the policy, both answers and a key the oracle found at its scope;
 * fast-check prints the seed (replay with KMSGUARD_SEED=<seed>).
 *
 * With `${aws:PrincipalAccount}` several readings may reach the widest scope with different
 * actions or statements. judgePolicy names every action, statement and condition key of those of
 * its own readings that reach it (it stops once they reach what any reading could), so they must
 * be those of some of the oracle's widest readings together.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { EvaluationOptions, Verdict } from '../../lib/iam/types.js';
import { isDeepStrictEqual } from 'node:util';
import { oracle, type ConditionMode, type OracleDetails, type OracleScope, type OracleVerdict } from '../oracle/oracle.js';
import { BLOCKED_ACTIONS, GRANT_ACTIONS } from '../oracle/vocabulary.js';
import { policyDocument } from './arbitraries.js';
import { propertyParameters } from './settings.js';

function options(conditions: ConditionMode, blocked: readonly string[]): EvaluationOptions {
  return { blockedActions: [...blocked], partition: 'aws', conditions };
}

function kmsguardVerdict(document: unknown, asText: boolean, conditions: ConditionMode = 'ignore', blocked: readonly string[] = BLOCKED_ACTIONS): Verdict {
  const parsed = parsePolicy(asText ? JSON.stringify(document) : document);
  if ('error' in parsed) throw new Error(`parsePolicy rejected a valid policy: ${parsed.error.message} at ${parsed.error.pointer}`);
  return judgePolicy(parsed.policy, options(conditions, blocked));
}

/** Every action, statement and condition key some of `alternatives` name: one result per non-empty subset. */
function unionsOf(alternatives: readonly OracleDetails[]): OracleDetails[] {
  const out = new Map<string, OracleDetails>();
  for (let mask = 1; mask < 1 << alternatives.length; mask++) {
    const chosen = alternatives.filter((_, n) => (mask & (1 << n)) !== 0);
    const union = (pick: (d: OracleDetails) => readonly (string | number)[]) => [...new Set(chosen.flatMap(pick))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const details = { actions: union((d) => d.actions), statements: union((d) => d.statements), conditionKeys: union((d) => d.conditionKeys) } as OracleDetails;
    out.set(JSON.stringify(details), details);
  }
  return [...out.values()];
}

function scopeOf(verdict: Verdict): OracleScope | 'unknown' {
  return verdict.kind === 'finding' ? verdict.scope : verdict.kind === 'clean' ? 'none' : 'unknown';
}

describe('differential: judgePolicy against the brute-force oracle', function () {
  this.timeout(600_000);

  it("gives the oracle's scope, blocked actions, responsible statements and condition keys on every generated policy, conditions ignored or scoping, for each rule's actions", () => {
    const judge = oracle();
    const seen: Record<string, number> = { 'all-keys': 0, 'account-keys': 0, 'region-keys': 0, none: 0 };
    const parameters = propertyParameters<[Record<string, unknown>, boolean, ConditionMode, readonly string[]]>(10_000);
    const mode = fc.constantFrom<ConditionMode>('ignore', 'scope');
    const rule = fc.constantFrom<readonly string[]>(BLOCKED_ACTIONS, GRANT_ACTIONS);
    fc.assert(
      fc.property(policyDocument, fc.boolean(), mode, rule, (document, asText, conditions, blocked) => {
        const judged = judge.judge(document, conditions, blocked);
        seen[judged.scope]! += 1;
        const verdict = kmsguardVerdict(document, asText, conditions, blocked);
        const actual = scopeOf(verdict);
        const details =
          verdict.kind === 'finding'
            ? { actions: verdict.actions, statements: verdict.statements.map((s) => s.index), conditionKeys: verdict.conditionKeys }
            : undefined;
        const agrees = (expected: OracleVerdict) =>
          expected.scope === actual && (details === undefined || unionsOf(expected.alternatives).some((d) => isDeepStrictEqual(d, details)));
        if (agrees(judged)) return;
        const policy = `policy ${JSON.stringify(document)} (conditions: ${conditions}; blocked: ${blocked.join(', ')})`;
        expect(actual, `${policy}\n  kmsguard: ${actual}\n  oracle:   ${judged.scope}` + (judged.witness ? ` (e.g. ${judged.witness})` : '')).to.equal(
          judged.scope,
        );
        expect(unionsOf(judged.alternatives), `${policy}\n  kmsguard: ${JSON.stringify(details)}`).to.deep.include(details);
      }),
      parameters,
    );
    // The generator must keep reaching every verdict, or the comparison proves little.
    if (parameters.numRuns! >= 1000) {
      for (const [scope, count] of Object.entries(seen)) {
        expect(count / parameters.numRuns!, `share of generated policies judged ${scope}`).to.be.at.least(0.02);
      }
    }
  });
});
