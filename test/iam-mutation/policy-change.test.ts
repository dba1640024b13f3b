/**
 * The one spelling policy changes are computed on, and the patch when the two sides are not
 * both documents: exact values for the cases lib/rules/policy-change.ts distinguishes.
 */
import { expect } from 'chai';
import { normalisePolicy, policyChange } from '../../lib/rules/policy-change.js';

describe('policy change, value by value', () => {
  const cases: [string, unknown, unknown][] = [
    [
      'a lone statement, string elements and condition values become lists; keys are sorted',
      '{"Version":"2012-10-17","Statement":{"Sid":"S","Effect":"Allow","Action":"kms:Decrypt","NotResource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"},"Bool":{"aws:SecureTransport":["true"]}}}}',
      {
        Statement: [
          {
            Action: ['kms:Decrypt'],
            Condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringEquals: { 'aws:ResourceTag/team': ['a'] } },
            Effect: 'Allow',
            NotResource: ['*'],
            Sid: 'S',
          },
        ],
        Version: '2012-10-17',
      },
    ],
    ['a condition operator whose tests are not an object is kept as written', { Statement: [{ Condition: { Null: 'x' } }] }, { Statement: [{ Condition: { Null: 'x' } }] }],
    ['a Condition that is not an object is kept as written', { Statement: [{ Condition: 'x', NotAction: 'a' }] }, { Statement: [{ Condition: 'x', NotAction: ['a'] }] }],
    ['statements that are not objects are kept as written', { Statement: ['x', 5, null] }, { Statement: ['x', 5, null] }],
    ['keys without a value are dropped', { Statement: [{ Effect: 'Allow', Sid: undefined }], Id: undefined }, { Statement: [{ Effect: 'Allow' }] }],
    ['a document without Statement gets none', '{"Version":"2012-10-17"}', { Version: '2012-10-17' }],
    ['text that is not JSON stays text', 'not json', 'not json'],
    ['a JSON value that is not an object stays as it is', '[1,{"b":2,"a":1}]', [1, { b: 2, a: 1 }]],
    ['a number stays a number', 42, 42],
  ];
  for (const [name, input, normal] of cases) {
    it(name, () => {
      const result = normalisePolicy(input);
      expect(result).to.deep.equal(normal);
      expect(JSON.stringify(result)).to.equal(JSON.stringify(normal));
    });
  }

  it('replaces the whole value when the two sides are not both objects or both arrays', () => {
    expect(policyChange('[1]', '{"a":1}')).to.deep.equal([{ op: 'replace', path: '', value: { a: 1 } }]);
    expect(policyChange('"x"', '"y"')).to.deep.equal([{ op: 'replace', path: '', value: 'y' }]);
    expect(policyChange('not json', '{"a":1}')).to.deep.equal([{ op: 'replace', path: '', value: { a: 1 } }]);
    expect(policyChange(null, '{"a":1}')).to.deep.equal([{ op: 'replace', path: '', value: { a: 1 } }]);
  });

  it('compares two arrays element by element', () => {
    expect(policyChange('[1,2]', '[1,3]')).to.deep.equal([{ op: 'replace', path: '/1', value: 3 }]);
  });
});
