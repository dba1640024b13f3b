/**
 * Build step after `tsc`: makes `dist/bin/kmsguard.js` start fast.
 *
 * A run of the command line used to load ~150 ES modules (kmsguard's and yargs') one file at a
 * time, then evaluate yargs' help renderer (`cliui`, `string-width`: an Intl.Segmenter and
 * Unicode-property regular expressions, ~25 ms) on every start. Here:
 *
 * 1. esbuild bundles bin/kmsguard.ts and everything it imports into one CommonJS file,
 *    dist/bin/kmsguard.bundle.cjs. Formatters stay lazily evaluated (dynamic imports).
 * 2. In yargs' platform shim, `cliui` and `string-width` are required when yargs first calls
 *    them (rendering help or usage) instead of when yargs is imported. The shim's paths are
 *    kept pointing where they pointed: yargs' locales (copied next to the bundle) and the
 *    package root. Each rewrite checks that the text it replaces is there, so an update of
 *    yargs fails this build instead of changing behaviour.
 * 3. dist/bin/kmsguard.js becomes a small loader that compiles the bundle with V8's code cache
 *    (dist/bin/kmsguard.bundle.cache, written by a warm-up run here; a cache made by another
 *    Node.js version is rejected by V8 and the bundle is compiled as usual).
 *
 * Library users import dist/lib/, which stays as tsc wrote it.
 */
import { build, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'dist', 'bin');
const bundleFile = path.join(binDir, 'kmsguard.bundle.cjs');
const cacheFile = path.join(binDir, 'kmsguard.bundle.cache');
const loaderFile = path.join(binDir, 'kmsguard.js');
const localesDir = path.join(binDir, 'yargs-locales');
/** Set to a path, the loader writes V8's code cache for the bundle there when the run ends. */
export const CACHE_OUT_VARIABLE = 'KMSGUARD_BUILD_CODE_CACHE';

/** Exact replacements in one dependency file; each `from` must occur exactly once. */
interface Rewrite {
  readonly file: RegExp;
  readonly edits: readonly { readonly from: string; readonly to: string }[];
}

const YARGS_SHIM: Rewrite = {
  file: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/,
  edits: [
    { from: "import cliui from 'cliui'\n", to: '' },
    { from: "import stringWidth from 'string-width';\n", to: '' },
    { from: '  cliui,\n', to: "  cliui: (...args) => require('cliui').default(...args),\n" },
    { from: '  stringWidth,\n', to: "  stringWidth: (...args) => require('string-width').default(...args),\n" },
    // The shim finds yargs' locales and the application's root from its own location.
    { from: "directory: resolve(__dirname, '../../../locales'),", to: "directory: resolve(__dirname, '../yargs-locales')," },
    {
      from: "const mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));",
      to: "const mainFilename = resolve(__dirname, '../../..') + '/';",
    },
    { from: 'const require = createRequire(import.meta.url);', to: '' },
  ],
};

/**
 * web-tree-sitter's ES module build imports Node built-ins with `import()`, which the loader's
 * vm.Script cannot run: the bundle takes its CommonJS build instead. (The parser's two .wasm
 * files are read from their packages at run time: lib/source/wasm-files.ts.)
 */
const TREE_SITTER_CJS: Plugin = {
  name: 'web-tree-sitter-cjs',
  setup(context) {
    context.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.cjs') }));
  },
};

function rewritePlugin(rewrite: Rewrite): Plugin {
  return {
    name: 'rewrite-dependency',
    setup(context) {
      context.onLoad({ filter: rewrite.file }, (args) => {
        let source = readFileSync(args.path, 'utf8');
        for (const { from, to } of rewrite.edits) {
          const count = source.split(from).length - 1;
          if (count !== 1)
            throw new Error(`${args.path}: expected "${from.trim()}" once, found it ${count} times; check this build step against the new version.`);
          source = source.replace(from, () => to);
        }
        return { contents: source, loader: 'js' };
      });
    },
  };
}

const LOADER = `#!/usr/bin/env node
// kmsguard's command line, bundled by scripts/bundle-cli.ts: compiles the bundle with V8's code cache.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// The HCL parser (for --source-root) is WebAssembly: V8 compiles it quickly (Liftoff), then
// again on background threads (TurboFan), and the process waits for those before it exits.
// Set before the bundle is compiled, so that the code cache (made under the same flag) is used.
setFlagsFromString('--liftoff-only');
const dir = dirname(fileURLToPath(import.meta.url));
const file = join(dir, 'kmsguard.bundle.cjs');
let cachedData;
try {
  cachedData = readFileSync(join(dir, 'kmsguard.bundle.cache'));
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const cacheOut = process.env.${CACHE_OUT_VARIABLE};
if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
const module = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
`;

async function main(): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'bin', 'kmsguard.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundleFile,
    tsconfig: path.join(root, 'tsconfig.json'),
    // ES modules read their own location; in the bundle that is the bundle's.
    banner: { js: "const __kmsguardModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__kmsguardModuleUrl' },
    plugins: [rewritePlugin(YARGS_SHIM), TREE_SITTER_CJS],
    logLevel: 'warning',
    legalComments: 'none',
  });
  const bundled = readFileSync(bundleFile, 'utf8');
  // The entry's shebang line is the loader's job.
  if (bundled.startsWith('#!')) writeFileSync(bundleFile, bundled.slice(bundled.indexOf('\n') + 1));
  rmSync(localesDir, { recursive: true, force: true });
  cpSync(path.join(root, 'node_modules', 'yargs', 'locales'), localesDir, { recursive: true });
  writeFileSync(loaderFile, LOADER);
  // tsc wrote this file first (mode 644); the loader is run directly, as a command.
  chmodSync(loaderFile, 0o755);

  // Warm-up run on a small plan: the functions it compiles go into the code cache.
  rmSync(cacheFile, { force: true });
  const sample = path.join(root, 'scripts', 'bundle-warm-up.json');
  if (!existsSync(sample)) throw new Error(`${sample} is missing`);
  const warmUp = spawnSync(process.execPath, [loaderFile, '--format', 'json', sample], {
    env: { ...process.env, [CACHE_OUT_VARIABLE]: cacheFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (warmUp.status !== 1 || !existsSync(cacheFile)) {
    throw new Error(`warm-up run failed (exit ${warmUp.status}): ${warmUp.stderr.toString('utf8').trim()}`);
  }
  // On standard error: `npm pack --silent git+...` (the install recipes) prints only the tarball name.
  process.stderr.write(`bundled ${path.relative(root, bundleFile)} (${(bundled.length / 1024).toFixed(0)} KiB) with its code cache\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle-cli: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
