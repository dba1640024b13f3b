/**
 * Compiles the JSON Schemas into validator modules with ajv's standalone code, so that kmsguard
 * compiles no schema at start-up:
 *
 * - schemas/plan.schema.json and schemas/state.schema.json -> lib/input/generated/validators.ts
 *   (first error only: input documents are refused with one sentence);
 * - schemas/config.schema.json and schemas/baseline.schema.json -> lib/config/generated/validators.ts
 *   (every error, with the schema beside each, so messages can list the allowed keys).
 *
 * Run it after changing a schema (`npm run build:validators`). test/input/validators-fresh.test.ts
 * and test/config/validators-fresh.test.ts fail while a committed module is stale.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import standalone from 'ajv/dist/standalone/index.js';

// CommonJS modules: under NodeNext their default import is `module.exports`, which carries `.default`.
const standaloneCode = standalone.default;
const addFormat = addFormats.default;

export interface ValidatorsModule {
  /** Where the module is written, from the repository root. */
  readonly module: string;
  /** Export name -> schema file. */
  readonly schemas: Readonly<Record<string, string>>;
  readonly options: Options;
  /** ajv-formats formats the schemas use. */
  readonly formats?: readonly ('date' | 'date-time')[];
}

export const INPUT_VALIDATORS: ValidatorsModule = {
  module: 'lib/input/generated/validators.ts',
  schemas: { validatePlan: 'schemas/plan.schema.json', validateState: 'schemas/state.schema.json' },
  options: { allErrors: false, ownProperties: true, allowUnionTypes: true, strict: true },
};

export const CONFIG_VALIDATORS: ValidatorsModule = {
  module: 'lib/config/generated/validators.ts',
  schemas: { validateConfig: 'schemas/config.schema.json', validateBaseline: 'schemas/baseline.schema.json' },
  options: { allErrors: true, verbose: true, ownProperties: true, strict: true },
  formats: ['date'],
};

export const VALIDATOR_MODULES: readonly ValidatorsModule[] = [INPUT_VALIDATORS, CONFIG_VALIDATORS];

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

/** ajv's ESM output may still call require() for its runtime helpers and ajv-formats' formats. */
const REQUIRE_SHIM = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
`;

/** The TypeScript source of one validators module, for the schemas under `root`. */
export function validatorsSource(root: string, target: ValidatorsModule): string {
  const ajv = new Ajv({ ...target.options, code: { source: true, esm: true, lines: true } });
  if (target.formats !== undefined) addFormat(ajv, [...target.formats]);
  const references: Record<string, string> = {};
  for (const [exportName, file] of Object.entries(target.schemas)) {
    const schema = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    references[exportName] = schema.$id;
  }
  const header = `// @ts-nocheck
/*
 * Validators for ${Object.values(target.schemas).join(' and ')}, compiled ahead of time with
 * ajv's standalone code by scripts/build-validators.ts. Do not edit: change the schemas and
 * run \`npm run build:validators\`.
 */
`;
  const code = standaloneCode(ajv, references).replace(/^"use strict";\n?/, '');
  return `${header}${code.includes('require(') ? REQUIRE_SHIM : ''}${code}${code.endsWith('\n') ? '' : '\n'}`;
}

function main(): void {
  const root = findRepoRoot();
  for (const target of VALIDATOR_MODULES) {
    writeFileSync(path.join(root, target.module), validatorsSource(root, target));
    process.stdout.write(`Wrote ${target.module}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
