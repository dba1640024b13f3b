/**
 * Large files are scanned from the file itself, piece by piece, and standard input past a size
 * is spooled to a temporary file: the same documents, warnings and errors as the text path,
 * with pieces cut anywhere (a few bytes each, so that tokens are cut everywhere).
 */
import { expect } from 'chai';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { decodeText } from '../../../lib/input/decode-text.js';
import { readInput } from '../../../lib/input/read-input.js';
import { scanDocuments } from '../../../lib/input/scanner/scan-documents.js';
import { scanFile } from '../../../lib/input/scanner/scan-file.js';
import { collectInput } from '../../../lib/input/collect-input.js';
import { FileSource } from '../../../lib/input/scanner/byte-source.js';
import { splitDocuments, type ParsedStream } from '../../../lib/input/split-documents.js';
import { planText } from '../../../bench/generate.js';
import { corpusDir } from '../../support/paths.js';
import { CRAFTED } from './scan-cases.js';
import { jsonDifference } from './scan-same-value.js';
import { corpusFiles } from '../../support/shared.js';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-scan-file-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function written(name: string, bytes: Buffer): string {
  const file = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
  writeFileSync(file, bytes);
  return file;
}

function textPath(bytes: Buffer): ParsedStream {
  const decoded = decodeText(bytes);
  if (decoded.kind !== 'text') throw new Error(`not text: ${decoded.kind}`);
  return splitDocuments(decoded.text);
}

function said(stream: ParsedStream): object {
  return { count: stream.values.length, error: stream.error, warning: stream.warning };
}

/** The file scanned in pieces of `pieceBytes` says what the text path says. */
function expectSameFromFile(name: string, bytes: Buffer, pieceBytes: number): void {
  const file = written(name, bytes);
  const fd = openSync(file, 'r');
  const source = new FileSource(fd, bytes.length);
  try {
    const scanned = scanDocuments(source, { pieceBytes });
    const text = textPath(bytes);
    expect(said(scanned)).to.deep.equal(said(text));
    for (const [i, value] of scanned.values.entries()) expect(jsonDifference(value, text.values[i])).to.equal(undefined);
  } finally {
    source.close();
  }
}

describe('scanning a file piece by piece', function () {
  this.timeout(60_000);

  for (const [name, text] of Object.entries(CRAFTED)) {
    it(`${name} (pieces of 5 bytes)`, () => expectSameFromFile(name, Buffer.from(text), 5));
  }

  for (const file of corpusFiles()) {
    it(`${file} (pieces of 1 KiB)`, () => expectSameFromFile(file, readFileSync(path.join(corpusDir, file)), 1024));
  }

  it('a generated plan with edge policies, pieces of 3 bytes', () => {
    expectSameFromFile('generated', Buffer.from(planText({ targetBytes: 3e5, seed: 11, edgePolicies: true, order: 'changes-last', indent: 1 }).text), 3);
  });

  it('skips a byte order mark and reads the documents after it', async () => {
    const { text } = planText({ targetBytes: 1e5, seed: 12, edgePolicies: true });
    const file = written('bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const stream = scanFile('plan.json', file, { from: 0, pieceBytes: 64 });
    expect(stream?.error).to.equal(undefined);
    expect(jsonDifference(stream!.values[0], JSON.parse(text))).to.equal(undefined);
  });

  it('leaves small files, broken files and files that are not UTF-8 JSON to the text path', () => {
    const plan = Buffer.from(planText({ targetBytes: 2e4, seed: 13 }).text);
    expect(scanFile('x', written('small', plan))).to.equal(undefined);
    expect(scanFile('x', written('broken', plan.subarray(0, plan.length - 10)), { from: 0 })).to.equal(undefined);
    expect(scanFile('x', written('latin1', Buffer.concat([plan.subarray(0, 100), Buffer.from([0xe9]), plan.subarray(100)])), { from: 0 })).to.equal(undefined);
    expect(scanFile('x', written('utf16', Buffer.from(`\uFEFF${plan.toString()}`, 'utf16le')), { from: 0 })).to.equal(undefined);
    expect(scanFile('x', path.join(dir, 'missing'), { from: 0 })).to.equal(undefined);
    expect(scanFile('x', dir, { from: 0 })).to.equal(undefined);
  });

  it('gives readInput the same documents as reading the file whole', async () => {
    const { text } = planText({ targetBytes: 2e5, seed: 14, edgePolicies: true });
    const file = written('whole', Buffer.from(text));
    const whole = await readInput({ source: 'plan.json', path: file });
    const pieces = scanFile('plan.json', file, { from: 0, pieceBytes: 4096 });
    expect(whole.documents.length).to.equal(1);
    expect(jsonDifference(pieces!.values[0], whole.documents[0]!.value)).to.equal(undefined);
  });
});

describe('spooling standard input', () => {
  it('keeps a small input in memory', async () => {
    const input = await collectInput(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), undefined, 100);
    expect('data' in input && input.data.toString()).to.equal('{"a":1}');
  });

  it('writes a large input to a temporary file, in order, and removes it on request', async () => {
    const chunks = [Buffer.from('{"format'), Buffer.from('_version":'), Buffer.from('"1.0"'), Buffer.from('}')];
    const seen: number[] = [];
    const input = await collectInput(Readable.from(chunks), (bytes) => seen.push(bytes), 12);
    if (!('path' in input)) throw new Error('expected a spooled input');
    expect(readFileSync(input.path, 'utf8')).to.equal('{"format_version":"1.0"}');
    expect(seen).to.deep.equal([8, 18, 23, 24]);
    input.remove();
    expect(existsSync(input.path)).to.equal(false);
    expect(existsSync(path.dirname(input.path))).to.equal(false);
  });

  it('removes the temporary file when the stream fails', async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('kmsguard-') && !f.startsWith('kmsguard-scan-')).length;
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(20, 0x20));
        this.destroy(Object.assign(new Error('boom'), { code: 'EIO' }));
      },
    });
    const failure = await collectInput(failing, undefined, 10).catch((error: unknown) => error);
    expect((failure as Error).message).to.equal('boom');
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('kmsguard-') && !f.startsWith('kmsguard-scan-')).length).to.be.at.most(before);
  });
});

describe('a file source', () => {
  it('reads ranges, and says when the file ended early', () => {
    const file = written('source', Buffer.from('0123456789'));
    const fd = openSync(file, 'r');
    const source = new FileSource(fd, 8, 2);
    try {
      expect(source.read(0, 3).toString()).to.equal('234');
      expect(source.read(6, 20).toString()).to.equal('89');
      const longer = new FileSource(openSync(file, 'r'), 12);
      expect(() => longer.read(8, 12)).to.throw('The file ended at byte 10 while kmsguard was reading it (was it changed?).');
      longer.close();
    } finally {
      source.close();
    }
    expect(() => closeSync(fd)).to.throw();
  });
});
