import { expect } from 'chai';
import { documentKind, readInput } from '../../lib/input/index.js';
import type { InputResult } from '../../lib/input/index.js';
import { CATALOGUE, type CatalogueCase } from './catalogue.js';

function withPosition<T extends { position?: number }>(item: T, rest: object): object {
  return { ...(item.position === undefined ? {} : { position: item.position }), ...rest };
}

function expectResult(result: InputResult, entry: CatalogueCase, source: string): void {
  expect(result.errors).to.deep.equal(entry.errors.map((e) => ({ source, ...withPosition(e, { message: e.message }) })));
  expect(result.warnings).to.deep.equal(entry.warnings.map((w) => ({ source, ...withPosition(w, { message: w.message }) })));
  expect(result.documents.map((d) => withPosition(d, { source: d.source, kind: documentKind(d.value) }))).to.deep.equal(
    entry.documents.map((d) => withPosition(d, { source, kind: d.kind })),
  );
  entry.documents.forEach((expected, index) => {
    if (expected.value !== undefined) expect(result.documents[index]!.value).to.deep.equal(expected.value);
  });
}

describe('input catalogue (library)', () => {
  it('holds at least 30 bad or odd inputs, each named once', () => {
    expect(CATALOGUE.length).to.be.at.least(30);
    expect(new Set(CATALOGUE.map((c) => c.name)).size).to.equal(CATALOGUE.length);
  });

  for (const entry of CATALOGUE) {
    it(`${entry.name}`, async () => {
      expectResult(await readInput({ source: 'stdin', data: entry.bytes }), entry, 'stdin');
    });
  }

  it('reads a Uint8Array that is a view into a larger buffer', async () => {
    const entry = CATALOGUE.find((c) => c.name === 'a plan in UTF-8')!;
    const backing = new Uint8Array(entry.bytes.length + 10);
    backing.set(entry.bytes, 5);
    expectResult(await readInput({ source: 'stdin', data: backing.subarray(5, 5 + entry.bytes.length) }), entry, 'stdin');
  });

  it('does not change the prototype of plain objects', async () => {
    const entry = CATALOGUE.find((c) => c.name === '__proto__ and constructor keys')!;
    const result = await readInput({ source: 'stdin', data: entry.bytes });
    expect(result.documents).to.have.length(1);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    const value = result.documents[0]!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value)).to.deep.equal(['format_version', '__proto__', 'constructor', 'planned_values']);
  });

  it("leaves the caller's buffer unchanged when decoding UTF-16BE", async () => {
    const entry = CATALOGUE.find((c) => c.name === 'a plan in UTF-16BE with a byte order mark')!;
    const copy = Buffer.from(entry.bytes);
    await readInput({ source: 'stdin', data: entry.bytes });
    expect(entry.bytes.equals(copy)).to.equal(true);
  });
});
