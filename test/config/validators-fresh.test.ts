import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VALIDATORS_MODULE, configValidatorsSource } from '../../scripts/build-config-validators.js';
import { repoRoot } from '../support/paths.js';

describe('config: precompiled validators', () => {
  it('match schemas/config.schema.json and schemas/baseline.schema.json (run npx tsx scripts/build-config-validators.ts)', () => {
    expect(readFileSync(path.join(repoRoot, CONFIG_VALIDATORS_MODULE), 'utf8')).to.equal(configValidatorsSource(repoRoot));
  });
});
