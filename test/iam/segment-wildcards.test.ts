import { expect } from 'chai';
import fc from 'fast-check';
import { QMARK, STAR, arnPatternTokens, literalTokens, tokensMatch, type Token } from '../../lib/iam/glob.js';
import { segmentReadings } from '../../lib/iam/segment-wildcards.js';

const text = (tokens: readonly Token[]) => tokens.map((t) => (t === STAR ? '*' : t === QMARK ? '?' : String.fromCodePoint(t))).join('');
const readings = (pattern: string) => segmentReadings(arnPatternTokens(pattern)).map(text);

/** The per-segment reading as AWS documents it, as a regular expression (written apart from the lib). */
function perSegment(pattern: string): RegExp {
  const chars = [...pattern];
  const star = (i: number) => (i === chars.length - 1 || chars[i + 1] === ':' ? '[^]*' : '[^:]*');
  const source = chars.map((ch, i) => (ch === '*' ? star(i) : ch === '?' ? '[^:]' : ch.replace(/[\\^$.+()|[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'u');
}

describe('iam: segmentReadings (ARN wildcards read per segment, on key ARNs)', () => {
  const table: [string, string[]][] = [
    ['*', ['*']],
    ['arn:aws:kms:*', ['arn:aws:kms:*']],
    ['arn:aws:kms:us-*:key/*', ['arn:aws:kms:us-*:key/*']],
    ['arn:aws:kms:*:111122223333:key/1234?', ['arn:aws:kms:*:111122223333:key/1234?']],
    ['arn:aws:kms:*3:key/*', ['arn:aws:kms:*3:key/*:*']],
    ['arn:aws:kms:us-east-1?111122223333?key/*', ['arn:aws:kms:us-east-1?111122223333?key/*:*:*']],
    ['*-1234567890ab', []],
    ['arn:*?:key/*', ['arn:*?:key/*:*:*:*']],
    ['arn:*:key/?*', ['arn:*:key/?*:*:*:*', 'arn:*:*:key/?*:*:*', 'arn:*:*:*:key/?*:*', 'arn:*:*:*:*:key/?*']],
  ];
  for (const [pattern, expected] of table) {
    it(`${pattern} reads as ${expected.length === 0 ? 'nothing' : expected.join(' | ')}`, () => {
      expect(readings(pattern)).to.deep.equal(expected);
    });
  }

  it('matches on key ARNs exactly what the per-segment reading matches', () => {
    const piece = fc.constantFrom('arn', 'aws', 'kms', 'key/', 'us-east-1', '111122223333', '3', '-', 'a', '*', '?', ':', '/');
    const region = fc.constantFrom('us-east-1', 'a', 'eu-west-3');
    const account = fc.constantFrom('111122223333', '444455556663');
    const id = fc.constantFrom('1234abcd', 'a', 'mrk-3', '3');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), region, account, id, (pieces, r, a, k) => {
        const pattern = pieces.join('');
        const arn = `arn:aws:kms:${r}:${a}:key/${k}`;
        const lib = segmentReadings(arnPatternTokens(pattern)).some((tokens) => tokensMatch(tokens, literalTokens(arn)));
        expect(lib, `${pattern} on ${arn}`).to.equal(perSegment(pattern).test(arn));
      }),
      { numRuns: 3000 },
    );
  });
});
