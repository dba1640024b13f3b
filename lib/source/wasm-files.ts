/**
 * Where the two WebAssembly files the HCL parser needs are found at run time: the tree-sitter
 * runtime (web-tree-sitter) and the HCL grammar (@tree-sitter-grammars/tree-sitter-hcl). Both
 * are resolved as package files from this module's location, which works from dist/lib and
 * from the bundled command line (dist/bin/kmsguard.bundle.cjs) alike. A build that embeds the
 * files elsewhere replaces this one function.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type WasmFile = 'tree-sitter.wasm' | 'tree-sitter-hcl.wasm';

const PACKAGE_FILES: Readonly<Record<WasmFile, string>> = {
  'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-hcl.wasm': '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
};

/** The bytes of one WebAssembly file; throws an Error naming the missing package. */
export function readWasmFile(name: WasmFile): Uint8Array {
  const specifier = PACKAGE_FILES[name];
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(specifier);
  } catch {
    throw new Error(`${name} was not found (${specifier}): is the package ${specifier.slice(0, specifier.lastIndexOf('/'))} installed?`);
  }
  return readFileSync(file);
}
