/**
 * Compiles schemas/plan.schema.json and schemas/state.schema.json into
 * lib/input/generated/validators.ts with ajv's standalone code, so that kmsguard does not
 * compile schemas at start-up. Run it after changing either schema:
 *
 *   npx tsx scripts/build-validators.ts
 *
 * test/input/validators-fresh.test.ts fails while the committed module is stale.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';

// A CommonJS module: under NodeNext its default import is `module.exports`, which carries `.default`.
const standaloneCode = standalone.default;

export const SCHEMA_FILES = { validatePlan: 'schemas/plan.schema.json', validateState: 'schemas/state.schema.json' } as const;
export const VALIDATORS_MODULE = 'lib/input/generated/validators.ts';

/** The repository root: the nearest directory above this script holding package.json. */
export function findRepoRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let directory = from;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${from}`);
    directory = parent;
  }
  return directory;
}

const HEADER = `// @ts-nocheck
/*
 * Validators for ${Object.values(SCHEMA_FILES).join(' and ')}, compiled ahead of time with
 * ajv's standalone code by scripts/build-validators.ts. Do not edit: change the schemas and
 * run \`npx tsx scripts/build-validators.ts\`.
 */
`;

/** ajv's ESM output may still call require() for its runtime helpers. */
const REQUIRE_SHIM = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
`;

/** The TypeScript source of the validators module for the schemas under `root`. */
export function validatorsSource(root: string): string {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: true },
    allErrors: false,
    ownProperties: true,
    allowUnionTypes: true,
    strict: true,
  });
  const references: Record<string, string> = {};
  for (const [exportName, file] of Object.entries(SCHEMA_FILES)) {
    const schema = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    references[exportName] = schema.$id;
  }
  const code = standaloneCode(ajv, references).replace(/^"use strict";\n?/, '');
  return `${HEADER}${code.includes('require(') ? REQUIRE_SHIM : ''}${code}${code.endsWith('\n') ? '' : '\n'}`;
}

function main(): void {
  const root = findRepoRoot();
  const target = path.join(root, VALIDATORS_MODULE);
  writeFileSync(target, validatorsSource(root));
  process.stdout.write(`Wrote ${path.relative(root, target)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
