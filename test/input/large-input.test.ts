import { expect } from 'chai';
import { constants } from 'node:buffer';
import { readBytes } from '../../lib/input/index.js';

describe('input larger than one string holds', function () {
  this.timeout(120_000);

  it('is read from the bytes: whitespace only is still whitespace only', () => {
    const bytes = Buffer.alloc(constants.MAX_STRING_LENGTH + 1, 0x20);
    expect(readBytes('huge.json', bytes)).to.deep.equal({
      documents: [],
      warnings: [],
      errors: [{ source: 'huge.json', message: 'The input contains only whitespace; run `terraform show -json <planfile>` and pass its output.' }],
    });
  });

  it('reads UTF-16 input as characters, not bytes', () => {
    const bytes = Buffer.alloc(2 * constants.MAX_STRING_LENGTH + 4, 0x20);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    expect(readBytes('huge.json', bytes).errors).to.deep.equal([
      {
        source: 'huge.json',
        message: `The input is not JSON (it starts with "${'\u2020'.repeat(40)}..."); run \`terraform show -json <planfile>\` and pass its output.`,
      },
    ]);
  });
});
