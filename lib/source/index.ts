/**
 * Source locations for one judged document: decides the source root, finds each finding's
 * block in the .tf files of the root and its modules, and applies inline ignores.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveIndexOf } from '../extract/resolve/index.js';
import type { TerraformDocument } from '../terraform/types.js';
import type { Finding, InputWarning, PolicySource } from '../types.js';
import { HclFiles, type HclBlock } from './hcl-files.js';
import { applyInlineIgnores } from './inline-ignores.js';
import { locateFinding, type Located } from './locate.js';
import { moduleDirectories } from './module-dirs.js';

export { readWasmFile, type WasmFile } from './wasm-files.js';

/** True when `dir` is a directory (a source root must be one). */
export function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function holdsTerraform(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.tf'));
  } catch {
    return false;
  }
}

function blockKey(block: HclBlock): string {
  if (block.type === 'module') return `module|${block.labels[0]}`;
  return `${block.type === 'data' ? 'data' : block.type === 'resource' ? 'managed' : block.type}|${block.labels[0]}|${block.labels[1]}`;
}

/** The working directory, when it holds a block of the plan's root module: a resource, data source or module call. */
async function foundRoot(cwd: string, document: TerraformDocument, files: HclFiles): Promise<string | undefined> {
  if (!holdsTerraform(cwd)) return undefined;
  const names = new Set(document.resources.filter((r) => r.moduleAddress === undefined).map((r) => `${r.mode}|${r.type}|${r.name}`));
  const root = (document.configuration as { root_module?: { module_calls?: unknown } } | undefined)?.root_module?.module_calls;
  for (const call of Object.keys(typeof root === 'object' && root !== null ? root : {})) names.add(`module|${call}`);
  if (names.size === 0) return undefined;
  const blocks = await files.blocks(cwd);
  return blocks.some((b) => names.has(blockKey(b))) ? cwd : undefined;
}

function renderedStatement(policySource: PolicySource | undefined, index: number | undefined): Readonly<Record<string, unknown>> | undefined {
  if (policySource === undefined || index === undefined) return undefined;
  let value: unknown;
  if (policySource.after.kind === 'object') value = policySource.after.value;
  else if (policySource.after.kind === 'text') {
    try {
      value = JSON.parse(policySource.after.text);
    } catch {
      return undefined;
    }
  }
  const statements = (value as { Statement?: unknown } | undefined)?.Statement;
  const statement = Array.isArray(statements) ? statements[index] : index === 0 ? statements : undefined;
  return typeof statement === 'object' && statement !== null ? (statement as Record<string, unknown>) : undefined;
}

export interface SourceSettings {
  /** Explicit source root (already checked to be a directory). */
  readonly root?: string;
  /** Without `root`: try the working directory. */
  readonly find: boolean;
  readonly inlineIgnores: boolean;
  readonly today: string;
  readonly cwd: string;
}

/**
 * The document's findings with locations (and inline ignores applied), plus warnings. When the
 * parser itself cannot be loaded, the findings are returned as they are, with a warning.
 */
export async function locateFindings(
  findings: readonly Finding[],
  document: TerraformDocument,
  policySources: readonly PolicySource[],
  settings: SourceSettings,
): Promise<{ findings: Finding[]; warnings: InputWarning[] }> {
  try {
    return await locateAll(findings, document, policySources, settings);
  } catch (error) {
    const message = `Findings have no source locations and inline ignores were not read: ${(error as Error).message}`;
    return { findings: [...findings], warnings: [{ source: settings.root ?? '.', message }] };
  }
}

async function locateAll(
  findings: readonly Finding[],
  document: TerraformDocument,
  policySources: readonly PolicySource[],
  settings: SourceSettings,
): Promise<{ findings: Finding[]; warnings: InputWarning[] }> {
  const files = new HclFiles(settings.cwd);
  const root =
    settings.root !== undefined ? path.resolve(settings.cwd, settings.root) : settings.find ? await foundRoot(settings.cwd, document, files) : undefined;
  if (root === undefined) return { findings: [...findings], warnings: [] };
  const dirs = moduleDirectories(document.configuration, root);
  const context = { files, dirs, index: resolveIndexOf(document) };
  const byPolicy = new Map(policySources.map((policySource) => [`${policySource.address}\u0000${policySource.policyPath}`, policySource]));
  const located = new Map<Finding, Located>();
  const withLocations: Finding[] = [];
  for (const finding of findings) {
    const statement = renderedStatement(byPolicy.get(`${finding.address}\u0000${finding.policyPath}`), finding.statements[0]?.index);
    const place = await locateFinding(context, finding, statement);
    const result = place === undefined ? finding : { ...finding, location: place.location };
    if (place !== undefined) located.set(result, place);
    withLocations.push(result);
  }
  if (!settings.inlineIgnores) return { findings: withLocations, warnings: files.warnings };
  // Every module's files are read, so that ignores which match nothing are reported too.
  const all = [];
  for (const dir of new Set(dirs.values())) all.push(...(await files.files(dir)));
  const ignored = applyInlineIgnores(withLocations, (finding) => located.get(finding)?.blocks, all, settings.today);
  return { findings: ignored.findings, warnings: [...files.warnings, ...ignored.warnings] };
}
