import { expect } from 'chai';
import { constants } from 'node:buffer';
import { readBytes } from '../../lib/input/index.js';

describe('input larger than one string holds', function () {
  this.timeout(60_000);

  it('is refused with one sentence, not a crash', () => {
    const bytes = Buffer.alloc(constants.MAX_STRING_LENGTH + 1, 0x20);
    expect(readBytes('huge.json', bytes)).to.deep.equal({
      documents: [],
      warnings: [],
      errors: [{ source: 'huge.json', message: 'The input (512.0 MiB) is too large for kmsguard to read yet (the limit is about 512 MiB of text), so it was not judged.' }],
    });
  });

  it('counts UTF-16 input in characters, not bytes', () => {
    const bytes = Buffer.alloc(2 * constants.MAX_STRING_LENGTH + 4, 0x20);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    expect(readBytes('huge.json', bytes).errors).to.deep.equal([
      { source: 'huge.json', message: 'The input (1024.0 MiB) is too large for kmsguard to read yet (the limit is about 512 MiB of text), so it was not judged.' },
    ]);
  });
});
