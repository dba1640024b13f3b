/**
 * Conditions that keep an Allow of `kms:CreateGrant` from creating a grant that decrypts, in
 * `conditions: 'scope'` mode. Only two forms count, read conservatively (a test that might let a
 * grant for Decrypt or ReEncryptFrom through narrows nothing):
 *
 * - `kms:GrantOperations` (the operations the grant would allow; CreateGrant always sends at
 *   least one) under `ForAllValues:` with a positive operator (`StringEquals`,
 *   `StringEqualsIgnoreCase`, `StringLike`) whose values match neither operation, compared
 *   without regard to case: every operation of the grant must be one of the values, so neither
 *   can be. Or under `ForAllValues:` with a negated operator (`StringNotEquals`,
 *   `StringNotEqualsIgnoreCase`, `StringNotLike`) whose values exclude both: no operation of the
 *   grant may be either. `ForAnyValue:` forms only require one operation to match (a grant for
 *   Encrypt and Decrypt passes), and an operator without a set prefix on this many-valued key
 *   is not read as excluding anything either.
 * - `kms:GrantIsForAWSResource` under `Bool` with every value `true`: only an AWS service
 *   integrated with KMS can create the grant, for its own use, never the principal directly.
 *
 * `...IfExists` operators, values known only after apply and values holding a policy variable
 * (which may stand for `Decrypt`) narrow nothing. The condition narrows CreateGrant only: on any
 * other action these keys are absent, and a `ForAllValues:` test on an absent key is true.
 */
import type { ConditionTest } from './types.js';

/** The grant operations through which a grantee decrypts. */
const DECRYPTING_OPERATIONS = ['Decrypt', 'ReEncryptFrom'] as const;

const CREATE_GRANT = 'kms:CreateGrant';

const POSITIVE = new Set(['ForAllValues:StringEquals', 'ForAllValues:StringEqualsIgnoreCase', 'ForAllValues:StringLike']);
const NEGATED = new Set(['ForAllValues:StringNotEquals', 'ForAllValues:StringNotEqualsIgnoreCase', 'ForAllValues:StringNotLike']);

/** Values that are literal text, or undefined when one is unknown or holds a policy variable. */
function literalValues(test: ConditionTest): string[] | undefined {
  const values: string[] = [];
  for (const value of test.values) {
    if (typeof value !== 'string' || value.includes('${')) return undefined;
    values.push(value);
  }
  return values;
}

function globRegExp(pattern: string, flags: string): RegExp {
  const body = pattern
    .replace(/[\\^$.+()[\]{}|/-]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`, flags);
}

/** Whether a value of the operator compares equal to `operation` (`ignoreCase` forces case-insensitive). */
function valueMatches(operator: string, value: string, operation: string, ignoreCase: boolean): boolean {
  const flags = ignoreCase || operator.endsWith('IgnoreCase') ? 'i' : '';
  if (operator.endsWith('Like')) return globRegExp(value, flags).test(operation);
  return flags === 'i' ? value.toLowerCase() === operation.toLowerCase() : value === operation;
}

function excludesDecryptingOperations(test: ConditionTest): boolean {
  if (test.key.toLowerCase() !== 'kms:grantoperations') return false;
  const values = literalValues(test);
  if (values === undefined) return false;
  if (POSITIVE.has(test.operator)) {
    // Compared without regard to case even where AWS compares with it: a value that differs only
    // in case could pass where the service accepts that spelling.
    return !values.some((value) => DECRYPTING_OPERATIONS.some((operation) => valueMatches(test.operator, value, operation, true)));
  }
  if (NEGATED.has(test.operator)) {
    return DECRYPTING_OPERATIONS.every((operation) => values.some((value) => valueMatches(test.operator, value, operation, false)));
  }
  return false;
}

function onlyForAwsResources(test: ConditionTest): boolean {
  if (test.operator !== 'Bool' || test.key.toLowerCase() !== 'kms:grantisforawsresource') return false;
  const values = literalValues(test);
  return values !== undefined && values.length > 0 && values.every((value) => value.toLowerCase() === 'true');
}

/** The actions a condition's tests keep an Allow from granting in a way that leads to decryption. */
export function actionsConditionExcludes(tests: readonly ConditionTest[]): readonly string[] {
  return tests.some((test) => excludesDecryptingOperations(test) || onlyForAwsResources(test)) ? [CREATE_GRANT] : [];
}
