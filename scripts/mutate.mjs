// Runs mutation testing through Stryker's API with stryker.config.mjs and prints the score
// (killed + timed out, over all mutants that compiled and ran). The `stryker` command refuses
// Node.js below 22 before it starts; the engine itself runs on the Node.js this project supports
// (>= 20.19), so this entry point skips that check. Options: --dryRunOnly, --mutate=<globs>,
// --concurrency=<n>.
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// mocha-runner 10 and mocha 12 disagree on file extensions: see mutate-cjs-hook.cjs. Load the
// hook here and in every process Stryker starts.
const hook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mutate-cjs-hook.cjs');
createRequire(import.meta.url)(hook);
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(hook)}`.trim();

// StrykerJS lives in tools/mutation (installed by `npm run mutate`): it declares Node.js 22, and
// in the project's own dependencies it made every `npm ci` warn on the Node.js 20 kmsguard supports.
// The package's entry module runs the Node.js version check on import; the engine module does not.
const { Stryker } = await import('../tools/mutation/node_modules/@stryker-mutator/core/dist/src/stryker.js');

// Tests find the corpus beside the repository (../shared/corpus from the repository root); the
// sandboxes live in .stryker-tmp/, so give them a copy of it there (a copy, not a link: Stryker
// deletes that directory when it is done).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusCopy = path.join(root, '.stryker-tmp', 'shared', 'corpus');
if (!existsSync(corpusCopy)) cpSync(path.resolve(root, '..', 'shared', 'corpus'), corpusCopy, { recursive: true });

const overrides = {};
for (const arg of process.argv.slice(2)) {
  if (arg === '--dryRunOnly') overrides.dryRunOnly = true;
  else if (arg.startsWith('--mutate=')) overrides.mutate = arg.slice('--mutate='.length).split(',');
  else if (arg.startsWith('--concurrency=')) overrides.concurrency = Number(arg.slice('--concurrency='.length));
  else {
    process.stderr.write(`mutate: unknown option ${arg} (known: --dryRunOnly, --mutate=<globs>, --concurrency=<n>)\n`);
    process.exit(2);
  }
}

process.chdir(root);
const results = await new Stryker({ configFile: 'stryker.config.mjs', ...overrides }).runMutationTest();
const counted = results.filter((r) => !['CompileError', 'RuntimeError', 'Ignored'].includes(r.status));
const detected = counted.filter((r) => r.status === 'Killed' || r.status === 'Timeout').length;
if (counted.length > 0) process.stdout.write(`mutation score: ${((100 * detected) / counted.length).toFixed(2)}% (${detected}/${counted.length})\n`);
