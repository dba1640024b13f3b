/**
 * Which Conditions keep an Allow of kms:CreateGrant from creating a grant that decrypts
 * (conditions: scope): each form the issue names, the look-alikes that must not narrow, and the
 * forms that stay conservative (case, policy variables, values known only after apply).
 */
import { expect } from 'chai';
import { actionsConditionExcludes } from '../../lib/iam/grant-conditions.js';
import type { ConditionTest } from '../../lib/iam/types.js';

const ops = (operator: string, ...values: (string | { unknown: true; detail: string })[]): ConditionTest => ({ operator, key: 'kms:GrantOperations', values });
const forAws = (operator: string, ...values: string[]): ConditionTest => ({ operator, key: 'kms:GrantIsForAWSResource', values });

describe('grant conditions', () => {
  const narrowing: [string, ConditionTest[]][] = [
    ['ForAllValues:StringEquals without Decrypt and ReEncryptFrom', [ops('ForAllValues:StringEquals', 'Encrypt', 'GenerateDataKey')]],
    ['ForAllValues:StringEqualsIgnoreCase without them', [ops('ForAllValues:StringEqualsIgnoreCase', 'encrypt')]],
    ['ForAllValues:StringLike whose patterns match neither', [ops('ForAllValues:StringLike', 'Generate*', 'Encrypt', 'Re?ncryptTo')]],
    ['ForAllValues:StringEquals with no value at all (no grant can satisfy it)', [ops('ForAllValues:StringEquals')]],
    ['ForAllValues:StringNotEquals of both', [ops('ForAllValues:StringNotEquals', 'Decrypt', 'ReEncryptFrom')]],
    ['ForAllValues:StringNotEqualsIgnoreCase of both, in any case', [ops('ForAllValues:StringNotEqualsIgnoreCase', 'DECRYPT', 'reencryptfrom')]],
    ['ForAllValues:StringNotLike with a pattern for each', [ops('ForAllValues:StringNotLike', 'Decrypt', 'ReEncrypt*')]],
    ['the condition key in another case', [{ operator: 'ForAllValues:StringEquals', key: 'KMS:grantoperations', values: ['Encrypt'] }]],
    ['Bool kms:GrantIsForAWSResource true', [forAws('Bool', 'true')]],
    ['Bool kms:GrantIsForAWSResource TRUE', [forAws('Bool', 'TRUE')]],
    ['one narrowing test among others (tests of a Condition all hold)', [ops('ForAnyValue:StringEquals', 'Encrypt'), forAws('Bool', 'true')]],
  ];
  for (const [what, tests] of narrowing) {
    it(`narrows CreateGrant: ${what}`, () => {
      expect(actionsConditionExcludes(tests)).to.deep.equal(['kms:CreateGrant']);
    });
  }

  const notNarrowing: [string, ConditionTest[]][] = [
    ['ForAnyValue:StringEquals (one listed operation is enough)', [ops('ForAnyValue:StringEquals', 'Encrypt')]],
    ['StringEquals without a set operator', [ops('StringEquals', 'Encrypt')]],
    ['ForAllValues:StringEquals listing Decrypt', [ops('ForAllValues:StringEquals', 'Encrypt', 'Decrypt')]],
    ['ForAllValues:StringEquals listing ReEncryptFrom', [ops('ForAllValues:StringEquals', 'ReEncryptFrom')]],
    ['ForAllValues:StringEquals listing decrypt in another case', [ops('ForAllValues:StringEquals', 'decrypt')]],
    ['ForAllValues:StringLike with a pattern matching ReEncryptFrom', [ops('ForAllValues:StringLike', 'Re*')]],
    ['ForAllValues:StringLike with *', [ops('ForAllValues:StringLike', '*')]],
    ['ForAllValues:StringEqualsIfExists', [ops('ForAllValues:StringEqualsIfExists', 'Encrypt')]],
    ['a policy variable among the values', [ops('ForAllValues:StringEquals', '${aws:PrincipalTag/ops}')]],
    ['a value known only after apply', [ops('ForAllValues:StringEquals', { unknown: true, detail: 'var.ops' })]],
    ['ForAllValues:StringNotEquals of Decrypt only', [ops('ForAllValues:StringNotEquals', 'Decrypt')]],
    ['ForAllValues:StringNotEquals of decrypt and reencryptfrom (case-sensitive)', [ops('ForAllValues:StringNotEquals', 'decrypt', 'reencryptfrom')]],
    ['ForAnyValue:StringNotEquals of both', [ops('ForAnyValue:StringNotEquals', 'Decrypt', 'ReEncryptFrom')]],
    ['StringNotEquals of both without a set operator', [ops('StringNotEquals', 'Decrypt', 'ReEncryptFrom')]],
    ['ForAllValues:StringNotLike with patterns missing ReEncryptFrom', [ops('ForAllValues:StringNotLike', 'De*', 'ReEncryptTo')]],
    ['Bool kms:GrantIsForAWSResource false', [forAws('Bool', 'false')]],
    ['Bool kms:GrantIsForAWSResource true or false', [forAws('Bool', 'true', 'false')]],
    ['Bool kms:GrantIsForAWSResource with no value', [forAws('Bool')]],
    ['BoolIfExists kms:GrantIsForAWSResource true', [forAws('BoolIfExists', 'true')]],
    ['StringEquals kms:GrantIsForAWSResource true', [forAws('StringEquals', 'true')]],
    ['another key', [{ operator: 'ForAllValues:StringEquals', key: 'kms:EncryptionContextKeys', values: ['tenant'] }]],
    ['no test', []],
  ];
  for (const [what, tests] of notNarrowing) {
    it(`does not narrow: ${what}`, () => {
      expect(actionsConditionExcludes(tests)).to.deep.equal([]);
    });
  }
});
