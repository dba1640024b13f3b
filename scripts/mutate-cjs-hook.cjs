// Preloaded into Stryker's processes by scripts/mutate.mjs. @stryker-mutator/mocha-runner 10
// requires mocha's CLI helpers without an extension (`mocha/lib/cli/run-helpers`), but mocha 12
// ships them as `.cjs` files, which Node does not try by itself. Registering `.cjs` as a
// CommonJS extension makes those requires resolve; nothing else in the run changes.
'use strict';
const Module = require('node:module');

if (!Object.hasOwn(Module._extensions, '.cjs')) {
  Module._extensions['.cjs'] = Module._extensions['.js'];
}
