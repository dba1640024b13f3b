/**
 * The byte scanner against the text path: for any input, the same documents, warnings and
 * errors (word for word, locations included) as decoding the bytes and splitting the text.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { decodeText } from '../../../lib/input/decode-text.js';
import { readBytes } from '../../../lib/input/read-input.js';
import { byteLineColumn, scanDocuments } from '../../../lib/input/scanner/scan-documents.js';
import { splitDocuments, type ParsedStream } from '../../../lib/input/split-documents.js';
import { lineColumn } from '../../../lib/input/text-location.js';
import { corpusDir } from '../../support/paths.js';
import { CATALOGUE } from '../catalogue.js';
import { CRAFTED } from './scan-cases.js';
import { jsonDifference } from './scan-same-value.js';
import { corpusFiles, corpusPresent, requireCorpus } from '../../support/shared.js';

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
  for (const [i, value] of scanned.values.entries()) expect(jsonDifference(value, text.values[i])).to.equal(undefined);
}

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
        for (const [i, document] of viaScanner.documents.entries()) expect(jsonDifference(document, viaText.documents[i])).to.equal(undefined);
      });
    }
  });

  describe('the corpus', () => {
    const files = corpusFiles();
    before(function () {
      requireCorpus(this);
    });
    it('has files to read', () => expect(files.length).to.be.at.least(20));
    for (const file of files) {
      it(file, () => expectSameStream(readFileSync(path.join(corpusDir, file))));
    }
  });

  describe('broken copies of a plan', () => {
    before(function () {
      requireCorpus(this);
    });
    const plan = corpusPresent
      ? Buffer.from(readFileSync(path.join(corpusDir, 'tipv-identity-policies.v1.2.plan.json'), 'utf8').replace('"Version"', '"V\\u0065rsion"'))
      : Buffer.from('{}');
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
