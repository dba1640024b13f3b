import { expect } from 'chai';
import { describeCharacter, lineColumn, quoteExcerpt } from '../../lib/input/text-location.js';

describe('text locations', () => {
  const text = 'ab\ncd\r\n\nef';
  const positions: ReadonlyArray<[number, number, number]> = [
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [5, 2, 3],
    [7, 3, 1],
    [8, 4, 1],
    [10, 4, 3],
  ];
  for (const [offset, line, column] of positions) {
    it(`offset ${offset} is line ${line}, column ${column}`, () => {
      expect(lineColumn(text, offset)).to.deep.equal({ line, column });
    });
  }

  it('quotes the first line only, without its carriage return', () => {
    expect(quoteExcerpt('::debug::a\r\n::debug::b')).to.equal('"::debug::a"');
    expect(quoteExcerpt('xx::debug::a\nb', 2)).to.equal('"::debug::a"');
  });

  it('cuts a long line after 40 characters, counting astral characters once', () => {
    expect(quoteExcerpt('😀'.repeat(41))).to.equal(`"${'😀'.repeat(40)}..."`);
    expect(quoteExcerpt('a'.repeat(40))).to.equal(`"${'a'.repeat(40)}"`);
    expect(quoteExcerpt('a'.repeat(10_000_000))).to.equal(`"${'a'.repeat(40)}..."`);
  });

  it('escapes quotes, backslashes and characters that could drive a terminal', () => {
    expect(quoteExcerpt('"\\\u001b[2J\u202e\u2028\u0000')).to.equal('"\\"\\\\\\u001B[2J\\u202E\\u2028\\u0000"');
    expect(quoteExcerpt('a\u2029b\u200bc')).to.equal('"a\\u2029b\\u200Bc"');
  });

  it('names one character', () => {
    expect(describeCharacter('a}', 1)).to.equal("'}'");
    expect(describeCharacter('a', 1)).to.equal('the end of the input');
    expect(describeCharacter(' ', 0)).to.equal('U+0020');
    expect(describeCharacter('\u00a0', 0)).to.equal('U+00A0');
    expect(describeCharacter('\u001b', 0)).to.equal('U+001B');
    expect(describeCharacter('😀', 0)).to.equal("'😀'");
  });
});
