/**
 * HCL parsing with tree-sitter's HCL grammar (WebAssembly: no native build). The runtime and
 * the grammar are loaded on first use only, so runs without a source root never pay for them.
 * Parsed trees are copied into plain objects (HclNode) and the tree-sitter tree freed at once.
 */
import { readWasmFile } from './wasm-files.js';

/** A named syntax node: its grammar type, position (lines and columns 1-based) and named children. */
export interface HclNode {
  readonly type: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Offsets into the file's text. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly HclNode[];
}

export type ParseResult = { readonly root: HclNode } | { readonly error: string };

/** The subset of web-tree-sitter's node this module reads. */
interface TreeNode {
  readonly type: string;
  readonly isNamed: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: { row: number; column: number };
  readonly endPosition: { row: number; column: number };
  readonly namedChildren: readonly (TreeNode | null)[];
  descendantsOfType(type: string): readonly (TreeNode | null)[];
}

interface LoadedParser {
  parse(text: string): { readonly rootNode: TreeNode; delete(): void } | null;
}

let loading: Promise<LoadedParser> | undefined;

async function load(): Promise<LoadedParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init({ wasmBinary: readWasmFile('tree-sitter.wasm') } as object);
  const language = await Language.load(readWasmFile('tree-sitter-hcl.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser as unknown as LoadedParser;
}

function copy(node: TreeNode): HclNode {
  return {
    type: node.type,
    startLine: node.startPosition.row + 1,
    startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
    children: node.namedChildren.filter((child): child is TreeNode => child !== null).map(copy),
  };
}

function firstErrorLine(root: TreeNode): number {
  const errors = [...root.descendantsOfType('ERROR'), ...root.descendantsOfType('MISSING')].filter((n): n is TreeNode => n !== null);
  const rows = errors.map((n) => n.startPosition.row + 1);
  return rows.length > 0 ? Math.min(...rows) : 1;
}

/** Parses HCL text; a syntax error gives `{error}` naming its first line, never a throw. */
export async function parseHcl(text: string): Promise<ParseResult> {
  loading ??= load();
  const parser = await loading;
  const tree = parser.parse(text);
  if (tree === null) return { error: 'the HCL parser gave no tree' };
  try {
    if (tree.rootNode.hasError) return { error: `it does not parse as HCL (line ${firstErrorLine(tree.rootNode)})` };
    return { root: copy(tree.rootNode) };
  } finally {
    tree.delete();
  }
}
