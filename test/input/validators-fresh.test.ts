import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VALIDATORS_MODULE, validatorsSource } from '../../scripts/build-validators.js';
import { repoRoot } from '../support/paths.js';

describe('precompiled schema validators', () => {
  it('match schemas/plan.schema.json and schemas/state.schema.json (else run `npx tsx scripts/build-validators.ts`)', () => {
    const committed = readFileSync(path.join(repoRoot, VALIDATORS_MODULE), 'utf8');
    expect(committed === validatorsSource(repoRoot), `${VALIDATORS_MODULE} is stale: run \`npx tsx scripts/build-validators.ts\``).to.equal(true);
  });

  it('load without compiling anything at start-up (no ajv import)', () => {
    const committed = readFileSync(path.join(repoRoot, VALIDATORS_MODULE), 'utf8');
    expect(committed).not.to.match(/from ['"]ajv['"]|require\(["']ajv["']\)/);
    expect(committed.startsWith('// @ts-nocheck\n')).to.equal(true);
  });
});
