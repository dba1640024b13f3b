/**
 * The exact sentences parsePolicy gives for documents it cannot read: JSON errors rephrased with
 * line and column, the type of a value that is not a document, and long values shortened.
 */
import { expect } from 'chai';
import { parsePolicy } from '../../lib/iam/index.js';

function errorOf(input: unknown): string {
  const parsed = parsePolicy(input);
  if (!('error' in parsed)) throw new Error(`expected an error for ${JSON.stringify(input)}`);
  return parsed.error.message;
}

const effect = (value: unknown) => JSON.stringify({ Statement: [{ Effect: value, Action: '*', Resource: '*' }] });

describe('parsePolicy messages, value by value', () => {
  const cases: [string, unknown, string][] = [
    ['text that stops early', '{"a":', 'Policy document is not valid JSON at line 1, column 6: the text ends before the JSON value does.'],
    ['text that stops early on a later line', '{\n"a":\n', 'Policy document is not valid JSON at line 3, column 1: the text ends before the JSON value does.'],
    ['an unexpected printable character', '{"a":x}', "Policy document is not valid JSON: unexpected character 'x'."],
    ['an unexpected control character', '{"a":\u0001}', 'Policy document is not valid JSON: unexpected character U+0001.'],
    ['an unexpected space that is not JSON whitespace', '\u00a0{}', 'Policy document is not valid JSON: unexpected character U+00A0.'],
    ['an unexpected letter outside ASCII', '{"a":é}', 'Policy document is not valid JSON: unexpected character U+00E9.'],
    ['text after the document', '{} x', 'Policy document is not valid JSON at line 1, column 4: unexpected text after the JSON value.'],
    ['text after the document on a later line', '{\n}\n x', 'Policy document is not valid JSON at line 3, column 2: unexpected text after the JSON value.'],
    ['a missing colon', '{"a" 1}', "Policy document is not valid JSON at line 1, column 6: expected ':' after property name."],
    ['a boolean', true, 'Policy document is a boolean, not a JSON object.'],
    ['a number', 5, 'Policy document is a number, not a JSON object.'],
    ['a string', '"x"', 'Policy document is a string, not a JSON object.'],
    ['an array', [], 'Policy document is an array, not a JSON object.'],
    ['null', null, 'Policy document is null, not a JSON object.'],
    ['a Statement that is a number', { Statement: 7 }, 'Statement (/Statement) is a number, not an object or a list of statements.'],
    ['a Statement that is a boolean', { Statement: false }, 'Statement (/Statement) is a boolean, not an object or a list of statements.'],
    [
      'an Effect of exactly 40 characters of JSON, shown whole',
      effect('A'.repeat(38)),
      `Statement 0 (/Statement/0/Effect) has Effect "${'A'.repeat(38)}"; it must be exactly "Allow" or "Deny".`,
    ],
    [
      'an Effect of 41 characters of JSON, shortened',
      effect('A'.repeat(39)),
      `Statement 0 (/Statement/0/Effect) has Effect "${'A'.repeat(36)}...; it must be exactly "Allow" or "Deny".`,
    ],
    ['an Effect that is a number', effect(1), 'Statement 0 (/Statement/0/Effect) has Effect 1; it must be exactly "Allow" or "Deny".'],
  ];
  for (const [name, input, message] of cases) {
    it(name, () => {
      expect(errorOf(input)).to.equal(message);
    });
  }
});

describe('parsePolicy on values that JSON text cannot hold, and on the unknown option', () => {
  it('an undefined document is named as such', () => {
    expect(errorOf(undefined)).to.equal('Policy document is undefined, not a JSON object.');
  });

  it('an Effect JSON cannot write is shown as its string form', () => {
    expect(errorOf({ Statement: [{ Effect: 10n, Action: '*', Resource: '*' }] })).to.equal(
      'Statement 0 (/Statement/0/Effect) has Effect 10; it must be exactly "Allow" or "Deny".',
    );
  });

  it('a key present with the value undefined counts as absent', () => {
    expect(parsePolicy({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', NotResource: undefined }] })).to.deep.equal({
      policy: { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: ['*'] }] },
    });
  });

  it('the line and column of an error come from the text before it, not after', () => {
    expect(errorOf('{"a" 1}\n\n\n')).to.equal("Policy document is not valid JSON at line 1, column 6: expected ':' after property name.");
  });

  it('a condition value unknown as a whole is one unknown value, even when it is a list', () => {
    const unknown = { unknown: true as const, detail: 'var.teams' };
    const parsed = parsePolicy(
      { Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': ['a', 'b'] } } } },
      { unknown: (_, pointer) => (pointer === '/Statement/Condition/StringEquals/aws:ResourceTag~1team' ? unknown : undefined) },
    );
    expect(parsed).to.deep.equal({
      policy: {
        statements: [
          {
            index: 0,
            pointer: '/Statement',
            effect: 'Allow',
            action: ['*'],
            resource: ['*'],
            condition: [{ operator: 'StringEquals', key: 'aws:ResourceTag/team', values: [unknown] }],
          },
        ],
      },
    });
  });

  it('one unknown statement is kept as the option gave it', () => {
    const unknown = { unknown: true as const, oneKey: true, detail: 'dynamic.statement' };
    const parsed = parsePolicy(
      { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }, 'later'] },
      { unknown: (_, pointer) => (pointer === '/Statement/1' ? unknown : undefined) },
    );
    expect('policy' in parsed && parsed.policy.unknownStatements).to.equal(unknown);
  });

  it('an error thrown by the unknown option is not a parse error', () => {
    expect(() =>
      parsePolicy('{"Statement": []}', {
        unknown: () => {
          throw new RangeError('option failed');
        },
      }),
    ).to.throw(RangeError, 'option failed');
  });
});
