import { expect } from 'chai';
import { Readable } from 'node:stream';
import { readStdin } from '../../lib/input/index.js';

describe('readStdin', () => {
  it('joins every chunk of the stream', async () => {
    const chunks = [Buffer.from('{"format'), Buffer.from('_version":'), Buffer.from('"1.0"}')];
    expect((await readStdin(Readable.from(chunks))).toString('utf8')).to.equal('{"format_version":"1.0"}');
  });

  it('returns the only chunk as it is', async () => {
    const chunk = Buffer.from('{}');
    expect(await readStdin(Readable.from([chunk]))).to.equal(chunk);
  });

  it('reads string chunks as UTF-8', async () => {
    expect((await readStdin(Readable.from(['é', '{}'], { objectMode: true }))).equals(Buffer.from('é{}', 'utf8'))).to.equal(true);
  });

  it('gives an empty buffer for an empty stream', async () => {
    expect((await readStdin(Readable.from([]))).length).to.equal(0);
  });

  it('rejects with one sentence when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('boom'), { code: 'EIO' }));
      },
    });
    let message = '';
    await readStdin(failing).catch((error: Error) => {
      message = error.message;
    });
    expect(message).to.equal('Standard input cannot be read (EIO).');
  });
});
