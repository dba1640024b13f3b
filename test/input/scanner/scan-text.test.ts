import { expect } from 'chai';
import fc from 'fast-check';
import { TextScanner } from '../../../lib/input/scanner/scan-text.js';

const scanJsonValue = (text: string, start: number) => new TextScanner(text).scanValue(start);

describe('TextScanner: one JSON value in a text', () => {
  const valid: ReadonlyArray<[string, number]> = [
    ['{}', 2],
    ['[]', 2],
    ['{} {}', 2],
    ['[1,2] x', 5],
    ['"a\\"b\\\\"', 8],
    ['"\\u00e9\\/"', 10],
    ['0', 1],
    ['-0.5e+10,', 8],
    ['1E3', 3],
    ['true', 4],
    ['false}', 5],
    ['null', 4],
    [' { "a" : [ 1 , { } ] } ', 22],
    ['{"__proto__":{"constructor":1}}', 31],
  ];
  for (const [text, end] of valid) {
    it(`finds the end of ${JSON.stringify(text)}`, () => {
      const start = text.length - text.trimStart().length;
      expect(scanJsonValue(text, start)).to.deep.equal({ ok: true, end });
    });
  }

  const invalid: ReadonlyArray<[string, number, string]> = [
    ['{', 1, "a property name in double quotes or '}'"],
    ['[', 1, "a JSON value or ']'"],
    ['[1', 2, "',' or ']' after the array element"],
    ['{"a"', 4, "':' after the property name"],
    ['{"a":1,', 7, 'a property name in double quotes'],
    ['{"a":1,}', 7, 'a property name in double quotes'],
    ['[1,]', 3, 'a JSON value'],
    ['[01]', 2, "',' or ']' after the array element"],
    ['-', 1, 'a digit'],
    ['-a', 1, 'a digit'],
    ['1.', 2, 'a digit'],
    ['1.e3', 2, 'a digit'],
    ['1e', 2, 'a digit'],
    ['tru', 3, "'true'"],
    ['trUe', 0, 'a JSON value'],
    ['nul!', 0, 'a JSON value'],
    ['"abc', 4, "'\"' to close the string"],
    ['"a\\', 3, 'an escape sequence'],
    ['"\\x"', 2, 'a valid escape sequence (one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)'],
    ['"\\u12G4"', 5, 'four hexadecimal digits after \\u'],
    ['"\\u12', 5, 'four hexadecimal digits after \\u'],
    ['"a\nb"', 2, 'an escaped character (control characters must be escaped inside a string)'],
    ['{"a" 1}', 5, "':' after the property name"],
    ['{1:2}', 1, "a property name in double quotes or '}'"],
    ['[}', 1, "a JSON value or ']'"],
    ['{"a":1]', 6, "',' or '}' after the property value"],
  ];
  for (const [text, offset, expected] of invalid) {
    it(`locates the error in ${JSON.stringify(text)}`, () => {
      expect(scanJsonValue(text, 0)).to.deep.equal({ ok: false, offset, expected });
    });
  }

  const unicode: ReadonlyArray<[string, string, number, string]> = [
    ['a two-byte character', '{"é":1,}', 7, 'a property name in double quotes'],
    ['a character outside the BMP (two code units)', '["😀",]', 6, 'a JSON value'],
    ['a lone surrogate', '["\ud800" x', 5, "',' or ']' after the array element"],
    ['a character outside a string', '[é]', 1, "a JSON value or ']'"],
  ];
  for (const [what, text, offset, expected] of unicode) {
    it(`gives the error offset in UTF-16 code units after ${what}`, () => {
      expect(scanJsonValue(text, 0)).to.deep.equal({ ok: false, offset, expected });
    });
  }

  it('scans value after value of one text, in code units, and again from an earlier start', () => {
    const scanner = new TextScanner('{"é":1} ["😀"] {');
    expect(scanner.scanValue(0)).to.deep.equal({ ok: true, end: 7 });
    expect(scanner.scanValue(8)).to.deep.equal({ ok: true, end: 14 });
    expect(scanner.scanValue(15)).to.deep.equal({ ok: false, offset: 16, expected: "a property name in double quotes or '}'" });
    expect(scanner.scanValue(8)).to.deep.equal({ ok: true, end: 14 });
    expect(scanner.scanValue(0)).to.deep.equal({ ok: true, end: 7 });
  });

  it('accepts exactly what JSON.parse accepts (any JSON, whole)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(scanJsonValue(text, 0)).to.deep.equal({ ok: true, end: text.length });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on damaged JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', '\\', '\u0001', 'x', '0', '-', '.', 'e', ' '), (text, at, insert) => {
        const cut = at % (text.length + 1);
        const damaged = text.slice(0, cut) + insert + text.slice(cut + (insert === '' ? 1 : 0));
        let parses = true;
        try {
          JSON.parse(damaged);
        } catch {
          parses = false;
        }
        const start = damaged.length - damaged.trimStart().length;
        const scanned = start < damaged.length ? scanJsonValue(damaged, start) : { ok: false as const };
        const wholeValue = scanned.ok && damaged.slice(scanned.end).trim() === '';
        expect(wholeValue).to.equal(parses);
      }),
      { numRuns: 2000 },
    );
  });
});
