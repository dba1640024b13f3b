import fc from 'fast-check';
import jsonpatch, { type Operation } from 'fast-json-patch';
import { expect } from 'chai';
import { normalisePolicy, policyChange } from '../../lib/rules/policy-change.js';
import { policyDocument } from '../property/arbitraries.js';
import { propertyParameters } from '../property/settings.js';

const BEFORE = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:kms:us-east-1:111122223333:key/abc',
      Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } },
    },
  ],
};

/** The same policy spelled differently: text, key order, lone statement, bare strings vs lists, whitespace. */
const RESPELLED = `{
  "Statement": {
    "Condition": { "StringEquals": { "aws:ResourceTag/team": ["a"] } },
    "Resource": ["arn:aws:kms:us-east-1:111122223333:key/abc"],
    "Action": ["kms:Decrypt"],
    "Effect": "Allow",
    "Sid": "Read"
  },
  "Version": "2012-10-17"
}`;

describe('policyChange', () => {
  it('gives no operations when only the spelling changed', () => {
    expect(policyChange(BEFORE, BEFORE)).to.deep.equal([]);
    expect(policyChange(BEFORE, RESPELLED)).to.deep.equal([]);
    expect(policyChange(JSON.stringify(BEFORE), RESPELLED)).to.deep.equal([]);
  });

  const changes: [name: string, after: unknown, expected: Operation[]][] = [
    [
      'the edit that widened the resource',
      { ...BEFORE, Statement: [{ ...BEFORE.Statement[0], Resource: '*' }] },
      [{ op: 'replace', path: '/Statement/0/Resource', value: '*' }],
    ],
    [
      'an action added to a bare string',
      { ...BEFORE, Statement: [{ ...BEFORE.Statement[0], Action: ['kms:Decrypt', 'kms:ReEncryptFrom'] }] },
      [{ op: 'replace', path: '/Statement/0/Action', value: ['kms:Decrypt', 'kms:ReEncryptFrom'] }],
    ],
    [
      'a statement added',
      { ...BEFORE, Statement: [...BEFORE.Statement, { Effect: 'Allow', Action: 'kms:*', Resource: '*' }] },
      [{ op: 'add', path: '/Statement/1', value: { Effect: 'Allow', Action: 'kms:*', Resource: '*' } }],
    ],
    ['a condition removed', { ...BEFORE, Statement: [{ ...BEFORE.Statement[0], Condition: undefined }] }, [{ op: 'remove', path: '/Statement/0/Condition' }]],
    ['a document that is no longer an object', 'not json', [{ op: 'replace', path: '', value: 'not json' }]],
  ];
  for (const [name, after, expected] of changes) {
    it(`shows ${name}`, () => {
      const ops = policyChange(BEFORE, after);
      expect(ops).to.deep.equal(expected);
      const applied = jsonpatch.applyPatch(structuredClone(BEFORE), ops, true, false).newDocument;
      expect(applied).to.deep.equal(typeof after === 'string' ? after : JSON.parse(JSON.stringify(after)));
    });
  }

  it('applies to the document as written, even when it was JSON text', () => {
    const after = { Version: '2012-10-17', Statement: [{ Resource: '*', Action: ['kms:*'], Effect: 'Allow', Sid: 'All' }] };
    const ops = policyChange(RESPELLED, after);
    expect(jsonpatch.applyPatch(JSON.parse(RESPELLED), ops, true, false).newDocument).to.deep.equal(after);
  });

  it('gives no operations for unreadable text that did not change, and leaves its inputs alone', () => {
    expect(policyChange('{', '{')).to.deep.equal([]);
    const before = JSON.parse(JSON.stringify(BEFORE));
    policyChange(before, RESPELLED);
    expect(before).to.deep.equal(BEFORE);
  });

  it('gives a whole replacement between a document object and a list', () => {
    const before = { Version: '2012-10-17', Statement: [] };
    expect(policyChange(before, [before])).to.deep.equal([{ op: 'replace', path: '', value: [before] }]);
    expect(policyChange([before], before)).to.deep.equal([{ op: 'replace', path: '', value: before }]);
  });

  it('parses text only: a list is not read as the JSON text it would join to', () => {
    expect(normalisePolicy(['{"Version":"2012-10-17"}'])).to.deep.equal(['{"Version":"2012-10-17"}']);
    expect(policyChange([1], [2])).to.deep.equal([{ op: 'replace', path: '/0', value: 2 }]);
  });

  it('drops statement keys without a value, and spells as lists only the list elements and condition values', () => {
    const statement = {
      Effect: 'Allow',
      Action: undefined,
      Resource: undefined,
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    };
    expect(normalisePolicy({ Statement: statement })).to.deep.equal({
      Statement: [{ Condition: { Bool: { 'aws:SecureTransport': ['true'] } }, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' } }],
    });
    // An element IAM does not know is compared as written, even when shaped like a Condition.
    const before = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Unknown: { Bool: { 'aws:SecureTransport': 'true' } } }] };
    const after = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Unknown: { Bool: { 'aws:SecureTransport': ['true'] } } }] };
    expect(policyChange(before, after)).to.deep.equal([{ op: 'replace', path: '/Statement/0/Unknown/Bool/aws:SecureTransport', value: ['true'] }]);
  });

  it('turns any before into any after (generated policies) as written, and a respelling into nothing', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(policyDocument, policyDocument, (before, after) => {
        const ops = policyChange(before, after);
        const applied = jsonpatch.applyPatch(structuredClone(before), ops, true, false).newDocument;
        if (ops.length > 0) expect(applied).to.deep.equal(after);
        else expect(normalisePolicy(applied)).to.deep.equal(normalisePolicy(after));
        expect(policyChange(before, JSON.stringify(before, null, 3))).to.deep.equal([]);
        expect(policyChange(before, normalisePolicy(before))).to.deep.equal([]);
      }),
      propertyParameters(1_000),
    );
  });
});

/**
 * The one spelling policy changes are computed on, and the patch when the two sides are not
 * both documents: exact values for the cases lib/rules/policy-change.ts distinguishes.
 */
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
    [
      'a condition operator whose tests are not an object is kept as written',
      { Statement: [{ Condition: { Null: 'x' } }] },
      { Statement: [{ Condition: { Null: 'x' } }] },
    ],
    [
      'a Condition that is not an object is kept as written',
      { Statement: [{ Condition: 'x', NotAction: 'a' }] },
      { Statement: [{ Condition: 'x', NotAction: ['a'] }] },
    ],
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
