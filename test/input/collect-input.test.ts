import { expect } from 'chai';
import { Readable } from 'node:stream';
import { collectBytes, InputTooLargeError } from '../../lib/input/collect-input.js';

describe('collecting a stream into one buffer', () => {
  it('keeps every byte in order across chunks, whatever their sizes', async () => {
    const chunks = [Buffer.alloc(3, 1), Buffer.alloc(17 * 1024 * 1024, 2), Buffer.from('é'), Buffer.alloc(5, 3)];
    const bytes = await collectBytes(Readable.from(chunks));
    expect(bytes.equals(Buffer.concat(chunks))).to.equal(true);
  });

  it('reports the bytes read so far after each chunk', async () => {
    const seen: number[] = [];
    await collectBytes(Readable.from([Buffer.alloc(10), Buffer.alloc(5), Buffer.alloc(1)]), (bytes) => seen.push(bytes));
    expect(seen).to.deep.equal([10, 15, 16]);
  });

  it('returns a lone chunk without copying it', async () => {
    const chunk = Buffer.from('{"a":1}');
    expect(await collectBytes(Readable.from([chunk]))).to.equal(chunk);
  });

  it('refuses more bytes than allowed', async () => {
    const failure = await collectBytes(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), undefined, 10).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(InputTooLargeError);
    expect((failure as Error).message).to.equal('The input is larger than 10 bytes.');
  });
});
