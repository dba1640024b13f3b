/**
 * Where the two WebAssembly files the HCL parser needs are found at run time: the tree-sitter
 * runtime, from the web-tree-sitter package, and the HCL grammar, shipped in data/ (copied from
 * @tree-sitter-grammars/tree-sitter-hcl by `npm run update:hcl-grammar`: that package's native
 * build step is not needed, so it is only a development dependency). Both are found from this
 * module's location, which works from dist/lib and from the bundled command line alike. The
 * single executable carries both (scripts/build-binary.ts) and reads its own copies first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { embeddedBytes } from '../embedded-assets.js';
import { packageFile } from '../package-file.js';

export type WasmFile = 'tree-sitter.wasm' | 'tree-sitter-hcl.wasm';

/** The bytes of one WebAssembly file; throws an Error saying which file is missing. */
export function readWasmFile(name: WasmFile): Uint8Array {
  const embedded = embeddedBytes(name === 'tree-sitter.wasm' ? 'node_modules/web-tree-sitter/tree-sitter.wasm' : 'data/tree-sitter-hcl.wasm');
  if (embedded !== undefined) return embedded;
  let file: string;
  try {
    file = name === 'tree-sitter.wasm' ? createRequire(import.meta.url).resolve('web-tree-sitter/tree-sitter.wasm') : packageFile('data/tree-sitter-hcl.wasm');
    return readFileSync(file);
  } catch {
    const where = name === 'tree-sitter.wasm' ? 'the web-tree-sitter package' : "kmsguard's data/ directory";
    throw new Error(`${name} was not found in ${where}; reinstall kmsguard.`);
  }
}
