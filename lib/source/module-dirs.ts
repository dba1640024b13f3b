/**
 * The directory of each module in a plan's configuration, by module call path (`a.b`; '' for
 * the root): `terraform init`'s .terraform/modules/modules.json when present (it lists registry,
 * git and local modules alike), else local sources (`./x`, `../x`) relative to the calling module.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isRecord } from '../json-record.js';

function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source.startsWith('.\\') || source.startsWith('..\\');
}

/** modules.json's `Key` -> directory; empty when the file is absent or not readable. */
function installedModules(rootDir: string): Map<string, string> {
  const dirs = new Map<string, string>();
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(rootDir, '.terraform', 'modules', 'modules.json'), 'utf8'));
  } catch {
    return dirs;
  }
  const modules = isRecord(manifest) && Array.isArray(manifest.Modules) ? manifest.Modules : [];
  for (const entry of modules) {
    if (isRecord(entry) && typeof entry.Key === 'string' && typeof entry.Dir === 'string') dirs.set(entry.Key, path.resolve(rootDir, entry.Dir));
  }
  return dirs;
}

function walk(module: unknown, key: string, dir: string, installed: ReadonlyMap<string, string>, into: Map<string, string>): void {
  into.set(key, dir);
  const calls = isRecord(module) && isRecord(module.module_calls) ? module.module_calls : {};
  for (const [name, call] of Object.entries(calls)) {
    if (!isRecord(call)) continue;
    const childKey = key === '' ? name : `${key}.${name}`;
    const source = typeof call.source === 'string' ? call.source : undefined;
    const childDir = installed.get(childKey) ?? (source !== undefined && isLocalSource(source) ? path.resolve(dir, source) : undefined);
    if (childDir !== undefined) walk(call.module, childKey, childDir, installed, into);
  }
}

/** Module call path -> absolute directory, for every module whose directory is known. */
export function moduleDirectories(configuration: unknown, rootDir: string): Map<string, string> {
  const into = new Map<string, string>();
  const root = isRecord(configuration) ? configuration.root_module : undefined;
  walk(root, '', path.resolve(rootDir), installedModules(rootDir), into);
  return into;
}
