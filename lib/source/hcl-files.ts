/**
 * The .tf files of a module directory, parsed once per run, and the top-level blocks in them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InputWarning } from '../types.js';
import { parseHcl, type HclNode } from './hcl-parser.js';

/** One parsed .tf file: `display` is its path relative to the working directory (`/` separated). */
export interface HclFile {
  readonly display: string;
  readonly text: string;
  readonly root: HclNode;
}

/** A block: its type (`resource`), labels (`["aws_iam_policy", "p"]`) and node. */
export interface HclBlock {
  readonly file: HclFile;
  readonly type: string;
  readonly labels: readonly string[];
  readonly node: HclNode;
}

export function textOf(file: HclFile, node: HclNode): string {
  return file.text.slice(node.startIndex, node.endIndex);
}

/** A string literal's text without its quotes (no interpolation), else undefined. */
export function literalString(file: HclFile, node: HclNode | undefined): string | undefined {
  let current = node;
  while (current !== undefined && (current.type === 'expression' || current.type === 'literal_value') && current.children.length === 1)
    current = current.children[0];
  if (current?.type !== 'string_lit') return undefined;
  const parts = current.children.filter((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  if (parts.length === 0) return '';
  if (parts.length !== 1 || parts[0]!.type !== 'template_literal') return undefined;
  return textOf(file, parts[0]!);
}

/** The `body` of a block (or of the file). */
export function bodyOf(node: HclNode): HclNode | undefined {
  return node.children.find((child) => child.type === 'body');
}

/** Blocks directly in a body. */
export function blocksIn(file: HclFile, body: HclNode | undefined): HclBlock[] {
  const blocks: HclBlock[] = [];
  for (const node of body?.children ?? []) {
    if (node.type !== 'block' || node.children[0]?.type !== 'identifier') continue;
    const labels: string[] = [];
    for (const child of node.children.slice(1)) {
      if (child.type === 'string_lit') labels.push(literalString(file, child) ?? textOf(file, child));
      else if (child.type === 'identifier') labels.push(textOf(file, child));
    }
    blocks.push({ file, type: textOf(file, node.children[0]), labels, node });
  }
  return blocks;
}

/** The expression of an attribute directly in a body. */
export function attributeIn(file: HclFile, body: HclNode | undefined, name: string): { node: HclNode; expression: HclNode } | undefined {
  for (const node of body?.children ?? []) {
    if (node.type !== 'attribute' || node.children[0]?.type !== 'identifier' || textOf(file, node.children[0]) !== name) continue;
    const expression = node.children[1];
    if (expression !== undefined) return { node, expression };
  }
  return undefined;
}

/** Reads and parses .tf files, each directory once; files that do not parse become warnings. */
export class HclFiles {
  private readonly byDir = new Map<string, Promise<HclFile[]>>();
  readonly warnings: InputWarning[] = [];

  constructor(private readonly cwd: string) {}

  files(dir: string): Promise<HclFile[]> {
    let files = this.byDir.get(dir);
    if (!files) this.byDir.set(dir, (files = this.read(dir)));
    return files;
  }

  private readonly blocksByDir = new Map<string, Promise<HclBlock[]>>();

  /** The top-level blocks of a directory's files, in file order. */
  blocks(dir: string): Promise<HclBlock[]> {
    let blocks = this.blocksByDir.get(dir);
    if (!blocks) this.blocksByDir.set(dir, (blocks = this.files(dir).then((files) => files.flatMap((file) => blocksIn(file, bodyOf(file.root))))));
    return blocks;
  }

  private async read(dir: string): Promise<HclFile[]> {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((name) => name.endsWith('.tf'))
        .sort();
    } catch {
      return [];
    }
    const files: HclFile[] = [];
    for (const name of names) {
      const absolute = path.join(dir, name);
      const display = path.relative(this.cwd, absolute).split(path.sep).join('/');
      let text: string;
      try {
        text = readFileSync(absolute, 'utf8');
      } catch (error) {
        this.warnings.push({
          source: display,
          message: `It could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); findings in it have no source location.`,
        });
        continue;
      }
      const parsed = await parseHcl(text);
      if ('error' in parsed) {
        this.warnings.push({ source: display, message: `${capital(parsed.error)}; findings in it have no source location.` });
        continue;
      }
      files.push({ display, text, root: parsed.root });
    }
    return files;
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
