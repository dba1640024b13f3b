import { expect } from 'chai';
import { printable, quoted } from '../../lib/report/printable.js';

describe('printable (terminals and CI logs)', () => {
  const table: [string, string, string][] = [
    ['plain text', 'plain text', 'kept'],
    ['a\nb\rc\u0085d\u2028e\u2029f', 'a\\u000ab\\u000dc\\u0085d\\u2028e\\u2029f', 'line breaks of every kind'],
    ['\u001b[31mred\u001b[0m\u0007\b\u007f', '\\u001b[31mred\\u001b[0m\\u0007\\u0008\\u007f', 'C0 controls and DEL'],
    ['\u009b31m\u009d0;t\u009c\u0080\u009f', '\\u009b31m\\u009d0;t\\u009c\\u0080\\u009f', 'C1 controls'],
    [
      '\u202aa\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c',
      '\\u202aa\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
      'bidi controls',
    ],
    ['\ud800 \udfff x\udc00\ud800 \ud83d\ude00', '\\ud800 \\udfff x\\udc00\\ud800 \ud83d\ude00', 'lone surrogates spelled, pairs kept'],
    ['##[error]x', '#\u200b#[error]x', "the runner's older command syntax"],
    ['###[group] a##[b ##', '##\u200b#[group] a#\u200b#[b ##', 'every ##[ and only those'],
    ['::error::x', ':\u200b:error::x', 'a workflow command at the start'],
    ['  \u2003::warning::x', '  \u2003:\u200b:warning::x', 'after white space of any kind'],
    ['a::b ::c', 'a::b ::c', 'not at the start'],
    ['\t::x', '\\u0009::x', 'a tab is escaped first, so nothing leads'],
  ];
  for (const [input, expected, what] of table) {
    it(`${what}: ${JSON.stringify(input)}`, () => {
      expect(printable(input)).to.equal(expected);
      expect(printable(printable(input)), 'idempotent').to.equal(expected);
    });
  }

  it('quoted is a printable JSON string literal', () => {
    expect(quoted('a"##[x]\u202e')).to.equal('"a\\"#\u200b#[x]\\u202e"');
  });
});
