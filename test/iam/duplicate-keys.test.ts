import { expect } from 'chai';
import { firstRepeatedKey } from '../../lib/iam/duplicate-keys.js';
import { parsePolicy } from '../../lib/iam/index.js';

describe('repeated keys in policy text', () => {
  const cases: [text: string, expected: { key: string; pointer: string } | undefined][] = [
    ['{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}', undefined],
    ['{"Statement":[{"Effect":"Allow","Effect":"Deny","Action":"kms:*","Resource":"*"}]}', { key: 'Effect', pointer: '/Statement/0' }],
    ['{"Statement":[{"Effect":"Deny"},{"Effect":"Allow","Action":"a","Action":"b"}]}', { key: 'Action', pointer: '/Statement/1' }],
    ['{"Statement":[],"Statement":[{"Effect":"Allow"}]}', { key: 'Statement', pointer: '' }],
    // The same key once escaped: JSON.parse reads both as "Effect".
    ['{"Statement":{"Effect":"Deny","Eff\\u0065ct":"Allow"}}', { key: 'Effect', pointer: '/Statement' }],
    ['{"Statement":{"Condition":{"StringEquals":{"a":"1"},"StringEquals":{}}}}', { key: 'StringEquals', pointer: '/Statement/Condition' }],
    // Equal keys in different objects, and key-like strings as values, are not repeats.
    ['{"Statement":[{"Sid":"Sid"},{"Sid":"Sid"}],"Sid":"x"}', undefined],
    ['{"a":["a","a",{"a":1}],"b":"a"}', undefined],
    ['{"a\\"b":1,"a\\"c":2,"k/~":{"x":1,"x":2}}', { key: 'x', pointer: '/k~1~0' }],
    ['{"a":"\\\\","a":1}', { key: 'a', pointer: '' }],
  ];
  for (const [text, expected] of cases) {
    it(`${text} -> ${expected === undefined ? 'no repeat' : `${expected.key} at "${expected.pointer}"`}`, () => {
      expect(firstRepeatedKey(text)).to.deep.equal(expected);
    });
  }

  it('reads a document nested 10,000 deep', () => {
    const deep = `{"Statement":${'['.repeat(10_000)}{"x":1,"x":2}${']'.repeat(10_000)}}`;
    expect(firstRepeatedKey(deep)).to.deep.equal({ key: 'x', pointer: `/Statement${'/0'.repeat(10_000)}` });
  });

  it('parsePolicy makes a policy that repeats Effect invalid, naming the key', () => {
    expect(parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Effect":"Deny"}]}')).to.deep.equal({
      error: {
        message: 'Policy document repeats the key "Effect" in /Statement/0; readers disagree on which value counts, so it cannot be judged.',
        pointer: '/Statement/0',
      },
    });
  });
});
