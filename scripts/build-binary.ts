/**
 * `npm run build:binary`: kmsguard as one executable file that needs no Node.js installed
 * (Node.js single executable applications). Run after `npm run build`.
 *
 * 1. Node.js turns the CLI bundle (dist/bin/kmsguard.bundle.cjs) and the data files listed in
 *    ASSETS into a preparation blob (`node --experimental-sea-config`).
 * 2. postject injects the blob into a copy of the Node.js binary that runs this script.
 *
 * The result, dist/kmsguard-<platform>-<arch> (kmsguard-linux-x64 on Linux x64), is for the
 * platform and architecture of that Node.js binary: build on each platform you ship for.
 * The version is compiled into the bundle (lib/version.ts); the data files are read at run time
 * through lib/embedded-assets.ts, keyed by their path in the package.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'postject';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleFile = path.join(root, 'dist', 'bin', 'kmsguard.bundle.cjs');

/** Package files the executable carries, by their path in the package (one line per file). */
export const ASSETS: readonly string[] = [
  'data/kms-actions.json',
  'data/aws-managed-policies.json',
  'data/tree-sitter-hcl.wasm',
  'data/tree-sitter-hcl.LICENSE',
  'node_modules/web-tree-sitter/tree-sitter.wasm',
];

/** The fuse Node.js looks for to know a blob was injected (fixed by Node.js). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export function binaryName(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  return `kmsguard-${platform}-${arch}${platform === 'win32' ? '.exe' : ''}`;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.toString('utf8').trim()}`);
}

async function main(): Promise<void> {
  if (!existsSync(bundleFile)) throw new Error(`${path.relative(root, bundleFile)} is missing: run npm run build first.`);
  const output = path.join(root, 'dist', binaryName());
  const work = mkdtempSync(path.join(tmpdir(), 'kmsguard-sea-'));
  try {
    const blob = path.join(work, 'kmsguard.blob');
    const config = path.join(work, 'sea-config.json');
    const assets = Object.fromEntries(ASSETS.map((name) => [name, path.join(root, name)]));
    writeFileSync(config, JSON.stringify({ main: bundleFile, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, assets }, null, 2));
    run(process.execPath, ['--experimental-sea-config', config]);

    rmSync(output, { force: true });
    copyFileSync(process.execPath, output);
    chmodSync(output, 0o755);
    // macOS refuses a signed binary whose contents changed: unsign, inject, sign ad hoc.
    if (process.platform === 'darwin') run('codesign', ['--remove-signature', output]);
    await inject(output, 'NODE_SEA_BLOB', readFileSync(blob), {
      sentinelFuse: SEA_FUSE,
      ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
    });
    if (process.platform === 'darwin') run('codesign', ['--sign', '-', output]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`built ${path.relative(root, output)} (Node.js ${process.version}, ${ASSETS.length} embedded files)\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`build-binary: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
