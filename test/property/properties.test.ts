/**
 * Laws judgePolicy must obey whatever the policy: monotonic in Allow and Deny, blind to action
 * case, statement order and how an action list is split, and silent on policies that only name
 * keys.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { EvaluationOptions, Verdict } from '../../lib/iam/types.js';
import { SCOPE_ORDER, type OracleScope } from '../oracle/oracle.js';
import { BLOCKED_ACTIONS, SPELLED_KEY_ARNS } from '../oracle/vocabulary.js';
import { policyJson, policySpec, statementSpec, type PolicySpec, type StatementSpec } from './arbitraries.js';
import { propertyParameters } from './settings.js';

const OPTIONS: EvaluationOptions = { blockedActions: [...BLOCKED_ACTIONS], partition: 'aws', conditions: 'ignore' };
const RUNS = 400;

function judge(spec: PolicySpec): Verdict {
  const parsed = parsePolicy(policyJson(spec));
  if ('error' in parsed) throw new Error(`parsePolicy rejected a valid policy: ${parsed.error.message}`);
  return judgePolicy(parsed.policy, OPTIONS);
}

function scopeOf(verdict: Verdict): OracleScope | 'unknown' {
  return verdict.kind === 'finding' ? verdict.scope : verdict.kind === 'clean' ? 'none' : 'unknown';
}

/** The parts of a verdict that do not depend on how statements are numbered or spelled. */
function gist(verdict: Verdict) {
  return verdict.kind === 'finding' ? { scope: verdict.scope, actions: verdict.actions, conditionKeys: verdict.conditionKeys } : { scope: scopeOf(verdict) };
}

const rank = (scope: OracleScope | 'unknown') => SCOPE_ORDER.indexOf(scope as OracleScope);
const show = (spec: PolicySpec) => JSON.stringify(policyJson(spec));

const base = policySpec(statementSpec(), 4);
const withEffect = (effect: 'Allow' | 'Deny') => statementSpec().map((s): StatementSpec => ({ ...s, effect }));

/** Re-cases text: character n is upper-cased when bit n of the mask (cycled) is set. */
/**
 * Changes the case of ASCII letters only: a letter outside ASCII that some comparisons take for an
 * ASCII one (the long s) would become that ASCII letter, which is another pattern (README).
 */
function recase(text: string, mask: readonly boolean[]): string {
  return [...text].map((ch, n) => (!/^[A-Za-z]$/.test(ch) ? ch : mask[n % mask.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

/**
 * Values a Resource pattern may spell out, over-counted so the law below is only tested where it
 * must hold: its wildcard-free segments read both ways a Version allows, as text and with policy
 * variables (a `${...}` taken whole, as the one value ${aws:PrincipalAccount} stands for; a
 * per-request one spells nothing, but counting it changes only which cases are tried).
 */
function spelledValues(pattern: string): string[] {
  const variables: string[] = [];
  const masked = pattern.replace(/\$\{[^}]*\}/g, (v) => `\u0000${variables.push(v) - 1}\u0000`);
  const segments = masked
    .split(/[:/]/)
    .filter((segment) => segment !== '' && !/[*?]/.test(segment))
    .map((segment) => segment.replace(/\u0000(\d+)\u0000/g, (_, n: string) => variables[Number(n)]!));
  const literal = pattern.split(/[:/]/).filter((segment) => segment !== '' && !/[*?]/.test(segment));
  // An account written as 12 digits beside a wildcard is spelled out too.
  const accounts = masked.split(/[:/*?\u0000]/).filter((run) => /^[0-9]{12}$/.test(run));
  return [...segments, ...literal, ...accounts];
}

describe('properties of judgePolicy', function () {
  this.timeout(600_000);

  it('adding a Deny never widens the scope', () => {
    fc.assert(
      fc.property(base, withEffect('Deny'), fc.nat(), (spec, extra, at) => {
        const statements = [...spec.statements];
        statements.splice(at % (statements.length + 1), 0, extra);
        const before = scopeOf(judge(spec));
        const after = scopeOf(judge({ ...spec, statements }));
        expect(rank(after), `${before} -> ${after} adding ${JSON.stringify(extra)} to ${show(spec)}`).to.be.at.most(rank(before));
      }),
      propertyParameters(RUNS),
    );
  });

  // Scopes are measured against the values a policy spells out, so an added Allow that spells
  // out a new account, region or key id can rightly narrow: `arn:aws:kms:*:11112222333?:key/*`
  // alone reaches ten accounts nothing names (all-keys); Allows naming all ten make it
  // account-keys. The law holds for Allows that spell out nothing new.
  it('adding an Allow that spells out nothing new never narrows the scope', () => {
    fc.assert(
      fc.property(base, withEffect('Allow'), fc.nat(), (spec, extra, at) => {
        const known = new Set(spec.statements.flatMap((s) => s.resources.flatMap(spelledValues)));
        fc.pre(extra.resources.flatMap(spelledValues).every((value) => known.has(value)));
        const statements = [...spec.statements];
        statements.splice(at % (statements.length + 1), 0, extra);
        const before = scopeOf(judge(spec));
        const after = scopeOf(judge({ ...spec, statements }));
        expect(rank(after), `${before} -> ${after} adding ${JSON.stringify(extra)} to ${show(spec)}`).to.be.at.least(rank(before));
      }),
      propertyParameters(RUNS),
    );
  });

  it('changing the case of actions changes nothing', () => {
    fc.assert(
      fc.property(base, fc.array(fc.boolean(), { minLength: 1, maxLength: 17 }), (spec, mask) => {
        const recased: PolicySpec = {
          ...spec,
          statements: spec.statements.map((s, n) => ({ ...s, actions: s.actions.map((a, m) => recase(a, [...mask.slice(n + m), ...mask])) })),
        };
        const original = judge(spec);
        const changed = judge(recased);
        expect(gist(changed), `${show(recased)} vs ${show(spec)}`).to.deep.equal(gist(original));
        if (original.kind === 'finding' && changed.kind === 'finding') {
          expect(changed.statements.map((s) => s.index)).to.deep.equal(original.statements.map((s) => s.index));
        }
      }),
      propertyParameters(RUNS),
    );
  });

  it('statement order changes nothing', () => {
    const specAndOrder = base.chain((spec) =>
      fc
        .shuffledSubarray(
          spec.statements.map((_, n) => n),
          { minLength: spec.statements.length, maxLength: spec.statements.length },
        )
        .map((order) => ({ spec, order })),
    );
    fc.assert(
      fc.property(specAndOrder, ({ spec, order }) => {
        const shuffled: PolicySpec = { ...spec, statements: order.map((n) => spec.statements[n]!) };
        const original = judge(spec);
        const changed = judge(shuffled);
        expect(gist(changed), `order ${order} of ${show(spec)}`).to.deep.equal(gist(original));
        if (original.kind === 'finding' && changed.kind === 'finding') {
          const responsible = changed.statements.map((s) => order[s.index]!).sort((a, b) => a - b);
          expect(responsible, 'the same statements are responsible').to.deep.equal(original.statements.map((s) => s.index));
        }
      }),
      propertyParameters(RUNS),
    );
  });

  it('a policy whose resources are all spelled-out key ARNs is never flagged', () => {
    const spelled = fc.constantFrom(...SPELLED_KEY_ARNS);
    // Allow statements name keys; a Deny may also use NotResource (it can only take away).
    const statement = statementSpec(spelled).map((s): StatementSpec => (s.effect === 'Allow' ? { ...s, notResource: false } : s));
    fc.assert(
      fc.property(policySpec(statement), (spec) => {
        expect(scopeOf(judge(spec)), show(spec)).to.equal('none');
      }),
      propertyParameters(RUNS),
    );
  });

  it("splitting a statement's action list into two statements changes nothing", () => {
    const splittable = statementSpec().filter((s) => !s.notAction && s.actions.length >= 2);
    const input = fc.tuple(base, splittable, fc.nat(), fc.nat());
    fc.assert(
      fc.property(input, ([spec, statement, at, cut]) => {
        const position = at % (spec.statements.length + 1);
        const k = 1 + (cut % (statement.actions.length - 1));
        const whole = [...spec.statements];
        whole.splice(position, 0, statement);
        const split = [...spec.statements];
        split.splice(position, 0, { ...statement, actions: statement.actions.slice(0, k) }, { ...statement, actions: statement.actions.slice(k) });
        const original: PolicySpec = { ...spec, statements: whole };
        const divided: PolicySpec = { ...spec, statements: split };
        expect(gist(judge(divided)), `${show(divided)} vs ${show(original)}`).to.deep.equal(gist(judge(original)));
      }),
      propertyParameters(RUNS),
    );
  });
});
