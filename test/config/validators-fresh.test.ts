import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VALIDATORS, validatorsSource } from '../../scripts/build-validators.js';
import { repoRoot } from '../support/paths.js';

describe('config: precompiled validators', () => {
  it('match schemas/config.schema.json and schemas/baseline.schema.json (else run `npm run build:validators`)', () => {
    const committed = readFileSync(path.join(repoRoot, CONFIG_VALIDATORS.module), 'utf8');
    expect(committed === validatorsSource(repoRoot, CONFIG_VALIDATORS), `${CONFIG_VALIDATORS.module} is stale: run \`npm run build:validators\``).to.equal(
      true,
    );
  });
});
