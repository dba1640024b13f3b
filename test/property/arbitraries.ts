/**
 * Generated IAM policy documents, written only in the oracle's vocabulary
 * (test/oracle/vocabulary.ts) so the oracle's candidate universe covers them.
 */
import fc from 'fast-check';
import {
  ACCOUNTS,
  ACTION_PATTERNS,
  CONDITIONS,
  crossingPatterns,
  KEY_IDS,
  NON_KEY_PATTERNS,
  REGIONS,
  SCOPE_CONDITIONS,
  SIDS,
  SPELLED_KEY_ARNS,
  spellsOneValue,
} from '../oracle/vocabulary.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A statement as generated, before it is written out as JSON. */
export interface StatementSpec {
  readonly effect: 'Allow' | 'Deny';
  readonly sid?: string;
  readonly notAction: boolean;
  readonly actions: readonly string[];
  readonly notResource: boolean;
  readonly resources: readonly string[];
  readonly condition?: Record<string, Record<string, string | string[]>>;
  /** Write a one-element list as a bare string. */
  readonly bareStrings: boolean;
}

/** Policy variables are live only under 2012-10-17; otherwise (2008-10-17, none) literal text. */
export type PolicyVersion = '2012-10-17' | '2008-10-17' | undefined;

export interface PolicySpec {
  readonly version: PolicyVersion;
  readonly statements: readonly StatementSpec[];
  /** Write a lone statement as an object instead of a list. */
  readonly bareStatement: boolean;
}

const weighted = <T>(...pairs: [number, fc.Arbitrary<T>][]) => fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** An action pattern from the vocabulary, its letters' case changed at random. */
export const actionPattern: fc.Arbitrary<string> = fc.mixedCase(fc.constantFrom(...ACTION_PATTERNS));

/**
 * A segment value: spelled out about half the time, so narrow scopes come up often. A
 * per-request variable counts as a wildcard (it reads as `*` in an Allow), ${aws:PrincipalAccount}
 * as spelled out.
 */
function segment(values: readonly string[]): fc.Arbitrary<string> {
  const spelled = values.filter(spellsOneValue);
  const wild = values.filter((v) => !spellsOneValue(v));
  return weighted([1, fc.constantFrom(...spelled)], [1, fc.constantFrom(...wild)]);
}

function spelledOnly(values: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...values.filter(spellsOneValue));
}

export const keyArnPattern: fc.Arbitrary<string> = fc
  .tuple(segment(REGIONS), segment(ACCOUNTS), segment(KEY_IDS))
  .map(([r, a, i]) => `arn:aws:kms:${r}:${a}:key/${i}`);

export const resourcePattern: fc.Arbitrary<string> = weighted(
  [6, keyArnPattern],
  [3, fc.constantFrom(...SPELLED_KEY_ARNS)],
  [3, fc.constantFrom(...crossingPatterns())],
  [2, fc.constantFrom(...NON_KEY_PATTERNS)],
);

/**
 * Resources that mostly stay inside spelled-out accounts and regions, so that policies whose
 * widest grant is account-keys or region-keys (and the Deny statements that narrow them) come up
 * as often as all-keys ones.
 */
export const narrowResourcePattern: fc.Arbitrary<string> = weighted(
  [6, fc.tuple(spelledOnly(REGIONS), spelledOnly(ACCOUNTS), fc.constantFrom(...KEY_IDS)).map(([r, a, i]) => `arn:aws:kms:${r}:${a}:key/${i}`)],
  [2, fc.tuple(fc.constantFrom(...REGIONS), spelledOnly(ACCOUNTS)).map(([r, a]) => `arn:aws:kms:${r}:${a}:*`)],
  [2, fc.constantFrom(...SPELLED_KEY_ARNS)],
  [1, resourcePattern],
);

const conditionBlock = fc.constantFrom(...CONDITIONS, ...SCOPE_CONDITIONS);

export function statementSpec(resources: fc.Arbitrary<string> = resourcePattern): fc.Arbitrary<StatementSpec> {
  return fc.record(
    {
      effect: weighted<'Allow' | 'Deny'>([3, fc.constant('Allow')], [2, fc.constant('Deny')]),
      sid: fc.constantFrom(...SIDS),
      notAction: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
      actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
      notResource: weighted([4, fc.constant(false)], [1, fc.constant(true)]),
      resources: fc.array(resources, { minLength: 1, maxLength: 3 }),
      condition: weighted<StatementSpec['condition']>([3, fc.constant(undefined)], [1, conditionBlock]),
      bareStrings: fc.boolean(),
    },
    { requiredKeys: ['effect', 'notAction', 'actions', 'notResource', 'resources', 'condition', 'bareStrings'] },
  );
}

const version = weighted<PolicyVersion>([6, fc.constant('2012-10-17')], [1, fc.constant('2008-10-17')], [1, fc.constant(undefined)]);

export function policySpec(statement: fc.Arbitrary<StatementSpec> = statementSpec(), maxStatements = 5): fc.Arbitrary<PolicySpec> {
  return fc.record({
    version,
    statements: fc.array(statement, { minLength: 1, maxLength: maxStatements }),
    bareStatement: fc.boolean(),
  });
}

function list(values: readonly string[], bare: boolean): Json {
  return bare && values.length === 1 ? values[0]! : [...values];
}

export function statementJson(s: StatementSpec): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  if (s.sid !== undefined) out.Sid = s.sid;
  out.Effect = s.effect;
  out[s.notAction ? 'NotAction' : 'Action'] = list(s.actions, s.bareStrings);
  out[s.notResource ? 'NotResource' : 'Resource'] = list(s.resources, s.bareStrings);
  if (s.condition !== undefined) out.Condition = s.condition as Json;
  return out;
}

export function policyJson(p: PolicySpec): { [key: string]: Json } {
  const statements = p.statements.map(statementJson);
  const statement = p.bareStatement && statements.length === 1 ? statements[0]! : statements;
  return p.version === undefined ? { Statement: statement } : { Version: p.version, Statement: statement };
}

/** A generated policy document (the JSON value, not its text). */
export const policyDocument: fc.Arbitrary<{ [key: string]: Json }> = weighted([2, policySpec()], [1, policySpec(statementSpec(narrowResourcePattern))]).map(
  policyJson,
);
