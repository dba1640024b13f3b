// Build step of mutation testing, run inside Stryker's sandbox: compile with tsc into dist/.
// tsc still emits when some file elsewhere in the tree has a type error (mutated files carry
// `// @ts-nocheck`), so its diagnostics are shown but do not stop the run; a build that emits
// nothing fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The sandbox gets its node_modules link only after this step: find tsc from this file, which
// resolves through the project's own node_modules above the sandbox.
const require = createRequire(import.meta.url);
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', '.'], { stdio: 'inherit' });
if (result.error) throw result.error;
if (!existsSync(path.join('dist', 'lib', 'iam', 'index.js'))) {
  process.stderr.write('mutate-build: tsc emitted no dist/lib/iam/index.js\n');
  process.exit(1);
}
