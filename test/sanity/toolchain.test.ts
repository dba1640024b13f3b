import { expect } from 'chai';
import { repoRoot } from '../support/paths.js';
import { existsSync } from 'node:fs';
import path from 'node:path';

describe('toolchain', () => {
  it('resolves the repository root from compiled tests', () => {
    expect(existsSync(path.join(repoRoot, 'package.json'))).to.equal(true);
  });
});
