/**
 * The byte scanner against the text path: for any input, the same documents, warnings and
 * errors (word for word, locations included) as decoding the bytes and splitting the text.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { decodeText } from '../../lib/input/decode-text.js';
import { readBytes } from '../../lib/input/read-input.js';
import { byteLineColumn, scanDocuments } from '../../lib/input/scan-documents.js';
import { splitDocuments, type ParsedStream } from '../../lib/input/split-documents.js';
import { lineColumn } from '../../lib/input/text-location.js';
import { corpusDir } from '../support/paths.js';
import { CATALOGUE } from './catalogue.js';
import { jsonDifference } from './scan-same-value.js';

/** What a stream says besides its values. */
function said(stream: ParsedStream): { count: number; error?: unknown; warning?: string } {
  return {
    count: stream.values.length,
    ...(stream.error !== undefined ? { error: stream.error } : {}),
    ...(stream.warning !== undefined ? { warning: stream.warning } : {}),
  };
}

/** The text path, for bytes the scanner is given (UTF-8 without a leading byte order mark). */
function textPath(bytes: Buffer): ParsedStream {
  const decoded = decodeText(bytes);
  if (decoded.kind !== 'text') throw new Error(`not text: ${decoded.kind}`);
  return splitDocuments(decoded.text);
}

function expectSameStream(bytes: Buffer): void {
  const scanned = scanDocuments(bytes);
  const text = textPath(bytes);
  expect(said(scanned)).to.deep.equal(said(text));
  scanned.values.forEach((value, i) => expect(jsonDifference(value, text.values[i])).to.equal(undefined));
}

const PAD = 'x'.repeat(600);
const big = (value: unknown): string => JSON.stringify({ pad: PAD, value });

/** Hand-made inputs where a reader of bytes could go wrong. Containers over 512 bytes are lazy. */
const CRAFTED: Record<string, string> = {
  'escaped quotes, backslashes, braces and brackets in strings': JSON.stringify({
    a: 'say "hi" {to} [all] \\ \\" }]{[',
    'k"e{y}': ['"', '\\', '{', '}', '[', ']', '\\\\"', PAD],
    nested: { s: '}}}]]]"', pad: PAD, t: '\\' },
  }),
  'unicode escapes, surrogate pairs and raw UTF-8': `{"u":"\\u00e9\\u65e5\\ud83d\\udd11\\u2028\\u0000\\u001f\\/","raw":"café 日本 🔑","k\\u00e9y":${big('é')},"\\u0061":${big(1)},"pad":"${PAD}"}`,
  'a name spelled with an escape equals the plain name': `{"change":${big(1)},"ch\\u0061nge":${big(2)},"x":"${PAD}"}`,
  'repeated names: the last value wins, at the first position': `{"a":${big(1)},"b":2,"a":${big(3)},"c":${big(4)},"c":5,"d":6,"d":${big(7)},"pad":"${PAD}"}`,
  'repeated names inside array elements': `[{"k":${big(1)},"k":0,"change":${big(2)},"change":${JSON.stringify({ after: { pad: PAD } })}},{"change":{"after":${big(3)},"after":null,"before":${big(4)}},"pad":"${PAD}"}]`,
  'a repeated name whose last value looks like a placeholder': `[{"k":${big(1)},"k":"\\u0000"},{"k":${big(2)},"k":0},"${PAD}"]`,
  '__proto__ names stay own properties': `{"__proto__":${big({ polluted: true })},"x":{"__proto__":{"p":1},"pad":"${PAD}"},"y":[{"__proto__":${big(2)}}],"constructor":${big(3)}}`,
  'names that look like array indices come first, ascending': `{"b":${big(1)},"2":${big(2)},"a":3,"1":${big(4)},"10":5,"01":6,"pad":"${PAD}"}`,
  'numbers JSON.parse reads in its own way': `{"n":[0,-0,1e400,-1e400,1e-400,123456789012345678901234567890,1.5E+3,2.5e-3,-12.0,9007199254740993],"big":${big([-0, 1e308, 5e-324])}}`,
  'whitespace of every kind between tokens': `{\r\n\t"a" :\t[ 1 ,\n 2 ] ,\r\n "b"\n:\n${JSON.stringify({ pad: PAD }, null, '\t')} , "c" : { } , "d" : [ ] }\r\n`,
  'arrays of large arrays and of empty containers': JSON.stringify({ deep: [[[PAD], [PAD, [PAD]]], [], [{}], [[[]]]], empties: new Array(300).fill({}), lists: new Array(50).fill([]) }),
  'a large object with many members': JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`member_${i}`, i % 3 === 0 ? { pad: PAD } : i]))),
  'deep nesting': `${'['.repeat(1000)}"${PAD}"${']'.repeat(1000)}`,
  'deep object nesting': `${'{"a":'.repeat(1000)}"${PAD}"${'}'.repeat(1000)}`,
  'several documents, one per line': `${big(1)}\n${big(2)}\n{"small":true}\n`,
  'several documents back to back': `${big(1)}${big(2)}[${big(3)}]`,
  'documents separated by byte order marks': `${big(1)}\uFEFF${big(2)}\uFEFF\n`,
  'a document followed by wrapper lines': `${big(1)}\n::debug::exitcode: 0\n::set-output name=stdout::\n`,
  'a document followed by other text': `${big(1)}\nDone in 3.2s {"not": "json"}`,
  'a document followed by a number': `${big(1)} 42`,
  'a lone string': JSON.stringify(PAD),
  'a lone number with whitespace': '  \n 42.5e1 \n',
  'a lone literal': 'true',
  'a byte order mark before a lone value': '\uFEFF\uFEFF42',
  'a number followed by text': '42 is the answer',
  'text that starts like a literal': 'nullable: yes',
  'wrapper lines before the JSON': `[command]/usr/bin/terraform show -json plan\n${big(1)}`,
  'only whitespace and byte order marks': ' \n\uFEFF\t',
  'truncated inside a string': `{"a":"${PAD}`,
  'truncated after a comma': `[${big(1)},`,
  'truncated inside an escape': '{"a":"\\u00',
  'a bad escape': '{"a":"\\x41"}',
  'a raw control character in a long string': `{"a":"${PAD}\u0001"}`,
  'a raw tab in a name': '{"a\tb":1}',
  'a trailing comma in an object': `{"a":${big(1)},}`,
  'a trailing comma in an array': '[1,2,]',
  'a missing colon': '{"a" 1}',
  'a missing value': '{"a":}',
  'a number with a leading zero': '{"a":012}',
  'a number without digits after the point': '{"a":1.}',
  'a number without exponent digits': '[1e+]',
  'a misspelled literal': '[tru]',
  'a literal cut short at the end': '[nul',
  'single quotes': "{'a':1}",
  'an unclosed array inside an object': `{"a":[1,2}`,
  'a second document that is malformed': `${big(1)}\n{"b":tru}`,
  'non-ASCII names and values': `{"na\u00efve":${big('\u00ff')}}`,
};

describe('byte scanner: the same documents, warnings and errors as the text path', () => {
  for (const [name, text] of Object.entries(CRAFTED)) {
    it(name, () => expectSameStream(Buffer.from(text, 'utf8')));
  }

  describe('the input catalogue', () => {
    for (const entry of CATALOGUE) {
      it(entry.name, () => {
        const decoded = decodeText(entry.bytes);
        if (decoded.kind !== 'text' || decoded.encoding !== 'utf-8') {
          // Not UTF-8 text: the scanner leaves it to the text path, which must still say the same.
          expect(readBytes('stdin', entry.bytes, { threshold: 0 })).to.deep.equal(readBytes('stdin', entry.bytes));
          return;
        }
        const body = entry.bytes.subarray(entry.bytes[0] === 0xef ? 3 : 0);
        expectSameStream(body);
        const viaScanner = readBytes('stdin', entry.bytes, { threshold: 0 });
        const viaText = readBytes('stdin', entry.bytes);
        expect(viaScanner.errors).to.deep.equal(viaText.errors);
        expect(viaScanner.warnings).to.deep.equal(viaText.warnings);
        expect(viaScanner.documents.length).to.equal(viaText.documents.length);
        viaScanner.documents.forEach((document, i) => expect(jsonDifference(document, viaText.documents[i])).to.equal(undefined));
      });
    }
  });

  describe('the corpus', () => {
    const files = readdirSync(corpusDir).filter((f) => f.endsWith('.json') && f !== 'EXPECTED.json');
    it('has files to read', () => expect(files.length).to.be.at.least(20));
    for (const file of files) {
      it(file, () => expectSameStream(readFileSync(path.join(corpusDir, file))));
    }
  });

  describe('broken copies of a plan', () => {
    const plan = Buffer.from(readFileSync(path.join(corpusDir, 'tipv-identity-policies.v1.2.plan.json'), 'utf8').replace('"Version"', '"V\\u0065rsion"'));
    const pretty = Buffer.from(`${JSON.stringify(JSON.parse(plan.toString()), null, 2)}\n`);
    const noise = [0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x5c, 0x20, 0x0a, 0x01, 0x30, 0x2d, 0x65, 0x74, 0x6e, 0x66];

    const sources = [plan, pretty];

    it('cut anywhere', () => {
      fc.assert(
        fc.property(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }), (which, at) => {
          const cut = sources[which]!.subarray(0, Math.floor(at * sources[which]!.length));
          if (cut.length > 0) expectSameStream(cut);
        }),
        { seed: 8, numRuns: 150 },
      );
    });

    it('with a byte changed, added or removed anywhere', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(0, 1),
          fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
          fc.constantFrom(...noise),
          fc.constantFrom('replace', 'insert', 'delete'),
          (which, at, byte, edit) => {
            const source = sources[which]!;
            const offset = Math.floor(at * source.length);
            const before = source.subarray(0, offset);
            const after = source.subarray(edit === 'insert' ? offset : offset + 1);
            const broken = Buffer.concat([before, edit === 'delete' ? Buffer.alloc(0) : Buffer.from([byte]), after]);
            if (!isUtf8(broken) || broken.length === 0) return;
            expectSameStream(broken);
          },
        ),
        { seed: 13, numRuns: 300 },
      );
    });
  });
});

describe('byte locations', () => {
  it('give the line and the column in UTF-16 code units, as the text path counts them', () => {
    const text = 'ab\ncé日🔑x\n\n\u2028y\r\nz';
    const bytes = Buffer.from(text);
    for (let index = 0, offset = 0; index <= text.length; ) {
      expect(byteLineColumn(bytes, offset), `at ${index}`).to.deep.equal(lineColumn(text, index));
      if (index === text.length) break;
      const codePoint = text.codePointAt(index)!;
      const character = String.fromCodePoint(codePoint);
      index += character.length;
      offset += Buffer.byteLength(character);
    }
  });
});
