/**
 * Compiles schemas/config.schema.json and schemas/baseline.schema.json into
 * lib/config/generated/validators.ts with ajv's standalone code, the way
 * scripts/build-validators.ts does for the input schemas. Run it after changing either schema:
 *
 *   npx tsx scripts/build-config-validators.ts
 *
 * test/config/validators-fresh.test.ts fails while the committed module is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { findRepoRoot } from './build-validators.js';

export const CONFIG_SCHEMA_FILES = { validateConfig: 'schemas/config.schema.json', validateBaseline: 'schemas/baseline.schema.json' } as const;
export const CONFIG_VALIDATORS_MODULE = 'lib/config/generated/validators.ts';

const HEADER = `// @ts-nocheck
/*
 * Validators for ${Object.values(CONFIG_SCHEMA_FILES).join(' and ')}, compiled ahead of time with
 * ajv's standalone code by scripts/build-config-validators.ts. Do not edit: change the schemas and
 * run \`npx tsx scripts/build-config-validators.ts\`.
 */
`;

/** ajv's ESM output calls require() for its runtime helpers and ajv-formats' formats. */
const REQUIRE_SHIM = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
`;

/** The TypeScript source of the config validators module for the schemas under `root`. */
export function configValidatorsSource(root: string): string {
  // Every problem at once, with the schema beside each error so messages can list allowed keys.
  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: true, verbose: true, ownProperties: true, strict: true });
  addFormats.default(ajv, ['date']);
  const references: Record<string, string> = {};
  for (const [exportName, file] of Object.entries(CONFIG_SCHEMA_FILES)) {
    const schema = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    references[exportName] = schema.$id;
  }
  const code = standaloneCode.default(ajv, references).replace(/^"use strict";\n?/, '');
  return `${HEADER}${code.includes('require(') ? REQUIRE_SHIM : ''}${code}${code.endsWith('\n') ? '' : '\n'}`;
}

function main(): void {
  const root = findRepoRoot();
  const target = path.join(root, CONFIG_VALIDATORS_MODULE);
  writeFileSync(target, configValidatorsSource(root));
  process.stdout.write(`Wrote ${path.relative(root, target)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
