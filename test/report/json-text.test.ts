import { expect } from 'chai';
import { jsonText } from '../../lib/report/json-text.js';

describe('jsonText (json, sarif, gitlab, baselines)', () => {
  it('is JSON.stringify when there is nothing to neutralise', () => {
    const value = { a: ['x', 1, null, true], 'k"ey': 'tab\tquote"back\\slash', emoji: '\ud83d\ude00', text: 'a::b #[ #' };
    expect(jsonText(value)).to.equal(JSON.stringify(value, null, 2));
    expect(jsonText(value, 0)).to.equal(JSON.stringify(value));
  });

  const table: [string, string, string][] = [
    ['\ud800', '"\ufffd"', 'a lone high surrogate'],
    ['\udc00x', '"\ufffdx"', 'a lone low surrogate'],
    ['\udc00\ud800', '"\ufffd\ufffd"', 'a reversed pair'],
    ['\ud83d\ude00', '"\ud83d\ude00"', 'a pair, kept'],
    ['\\ud800', '"\\\\ud800"', 'a backslash before "ud800" text, kept'],
    ['\\\ud800', '"\\\\\ufffd"', 'a backslash, then a lone surrogate'],
    ['##[error]x', '"\\u0023#[error]x"', "the runner's older command syntax"],
    ['\\##[', '"\\\\\\u0023#["', 'after a backslash'],
    ['\u009b\u0085\u2028\u2029', '"\\u009b\\u0085\\u2028\\u2029"', 'C1 controls and separators'],
    ['\u202ex\u2066', '"\\u202ex\\u2066"', 'bidi controls'],
  ];
  for (const [input, expected, what] of table) {
    it(`${what}: ${JSON.stringify(input)}`, () => {
      expect(jsonText(input)).to.equal(expected);
      expect(JSON.parse(jsonText(input))).to.equal(JSON.parse(expected));
    });
  }

  it('neutralises keys as well as values, and reads back as the same well-formed value', () => {
    const value = { '\ud800##[k': ['\u202e', { '\u0085': '\udfff' }] };
    const text = jsonText(value);
    expect(text).to.not.match(/\\ud[89a-f]|##\[|[\u0085\u202e]/);
    expect(JSON.parse(text)).to.deep.equal({ '\ufffd##[k': ['\u202e', { '\u0085': '\ufffd' }] });
    expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'utf8'))).to.equal(text);
  });
});
