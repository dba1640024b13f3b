import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readWasmFile } from '../../lib/source/wasm-files.js';
import { repoRoot } from '../support/paths.js';

const GRAMMAR = path.join(repoRoot, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl');

describe("the parser's WebAssembly files", () => {
  it("data/tree-sitter-hcl.wasm and its licence are the pinned grammar package's (npm run update:hcl-grammar)", () => {
    expect(
      Buffer.compare(readFileSync(path.join(repoRoot, 'data', 'tree-sitter-hcl.wasm')), readFileSync(path.join(GRAMMAR, 'tree-sitter-hcl.wasm'))),
    ).to.equal(0);
    expect(readFileSync(path.join(repoRoot, 'data', 'tree-sitter-hcl.LICENSE'), 'utf8')).to.equal(readFileSync(path.join(GRAMMAR, 'LICENSE'), 'utf8'));
  });

  it('reads both files as WebAssembly modules', () => {
    for (const name of ['tree-sitter.wasm', 'tree-sitter-hcl.wasm'] as const) {
      expect(Buffer.from(readWasmFile(name).subarray(0, 4)).toString('hex'), name).to.equal('0061736d');
    }
  });
});
