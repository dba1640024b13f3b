import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INPUT_VALIDATORS, validatorsSource } from '../../scripts/build-validators.js';
import { repoRoot } from '../support/paths.js';

describe('precompiled schema validators', () => {
  const { module } = INPUT_VALIDATORS;

  it('match schemas/plan.schema.json and schemas/state.schema.json (else run `npm run build:validators`)', () => {
    const committed = readFileSync(path.join(repoRoot, module), 'utf8');
    expect(committed === validatorsSource(repoRoot, INPUT_VALIDATORS), `${module} is stale: run \`npm run build:validators\``).to.equal(true);
  });

  it('load without compiling anything at start-up (no ajv import)', () => {
    const committed = readFileSync(path.join(repoRoot, module), 'utf8');
    expect(committed).not.to.match(/from ['"]ajv['"]|require\(["']ajv["']\)/);
    expect(committed.startsWith('// @ts-nocheck\n')).to.equal(true);
  });
});
