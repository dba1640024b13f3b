/**
 * Finds the kmsguard command lines written in the examples: `run:`/`script:` strings of YAML
 * recipes, shell scripts, and fenced code blocks of markdown files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

export interface CommandLine {
  /** File, relative to the examples directory. */
  readonly file: string;
  /** The logical line (continuations joined), as written. */
  readonly text: string;
}

/** Lines with backslash continuations joined into one. */
export function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (raw.endsWith('\\')) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    lines.push((pending + raw).trim());
    pending = '';
  }
  if (pending !== '') lines.push(pending.trim());
  return lines.filter((line) => line !== '');
}

const SEGMENT_SEPARATOR = /\|\||&&|[|;]|\$\(/;
const LEADING_NOISE = /^(?:(?:!|if|then|else|do|exec|time)\s+|[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*/;

/** Whether the shell line runs kmsguard as a command (not as an argument or a file name). */
export function runsKmsguard(line: string): boolean {
  if (line.startsWith('#')) return false;
  return line
    .split(SEGMENT_SEPARATOR)
    .map((segment) => segment.trim().replace(LEADING_NOISE, ''))
    .some((segment) => /^kmsguard(\s|$)/.test(segment));
}

/** Keys whose values are shell commands: GitHub Actions and Atlantis `run`, GitLab CI scripts. */
const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script']);

function stringsIn(node: unknown, into: string[]): string[] {
  if (typeof node === 'string') into.push(node);
  else if (Array.isArray(node)) for (const item of node) stringsIn(item, into);
  return into;
}

function commandStrings(node: unknown, into: string[]): string[] {
  if (Array.isArray(node)) for (const item of node) commandStrings(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (COMMAND_KEYS.has(key)) stringsIn(value, into);
      else commandStrings(value, into);
    }
  }
  return into;
}

/** The shell commands of a YAML recipe; throws when the YAML does not parse cleanly. */
export function yamlCommands(source: string): string[] {
  const document = parseDocument(source);
  if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join('; '));
  return commandStrings(document.toJS(), []);
}

/** The contents of fenced code blocks, with the info string of each. */
export function markdownCodeBlocks(source: string): { info: string; body: string }[] {
  const blocks: { info: string; body: string }[] = [];
  const fence = /^```(.*)\n([\s\S]*?)^```\s*$/gm;
  for (const match of source.matchAll(fence)) blocks.push({ info: match[1]!.trim(), body: match[2]! });
  return blocks;
}

function commandsIn(text: string): string[] {
  return logicalLines(text).filter(runsKmsguard);
}

export function listFiles(dir: string, base = dir): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(full, base));
    else files.push(path.relative(base, full));
  }
  return files;
}

export type RecipeKind = 'yaml' | 'shell' | 'markdown';

export function recipeKind(file: string): RecipeKind | undefined {
  if (/\.ya?ml$/.test(file)) return 'yaml';
  if (file.endsWith('.sh')) return 'shell';
  if (file.endsWith('.md')) return 'markdown';
  return undefined;
}

/** Every kmsguard command line in the examples directory, by file. */
export function kmsguardCommands(examplesDir: string): CommandLine[] {
  const found: CommandLine[] = [];
  for (const file of listFiles(examplesDir)) {
    const kind = recipeKind(file);
    if (kind === undefined) continue;
    const source = readFileSync(path.join(examplesDir, file), 'utf8');
    const texts = kind === 'yaml' ? yamlCommands(source) : kind === 'shell' ? [source] : markdownCodeBlocks(source).map((block) => block.body);
    for (const text of texts) for (const command of commandsIn(text)) found.push({ file, text: command });
  }
  return found;
}

/** `# exit N` at the end of a markdown command line, or undefined. */
export function annotatedExit(line: string): number | undefined {
  const match = /#\s*exit\s+(\d+)\s*$/.exec(line);
  return match ? Number(match[1]) : undefined;
}
