/**
 * A plan piped in past the spool size is copied to a temporary file; the copy holds the plan's
 * sensitive values, so it must go when the run is stopped, even while it is still being read.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SPOOL_FROM_BYTES } from '../../lib/input/collect-input.js';
import { binPath, repoRoot } from '../support/paths.js';

const CHUNK = Buffer.alloc(1024 * 1024, 0x20);

function spoolFile(tmp: string): string | undefined {
  for (const entry of readdirSync(tmp)) {
    const file = path.join(tmp, entry, 'stdin.json');
    if (entry.startsWith('kmsguard-') && existsSync(file)) return file;
  }
  return undefined;
}

/** Pipes whitespace past the spool size, keeps standard input open, sends `signal` once the copy exists. */
async function stopWhileSpooling(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; spooled: string; left: string[] }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kmsguard-spool-test-'));
  try {
    const child = spawn(process.execPath, [binPath], {
      cwd: repoRoot,
      env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.on('error', () => {});
    let written = 0;
    while (written <= SPOOL_FROM_BYTES + CHUNK.length) {
      if (!child.stdin.write(CHUNK)) await new Promise((resolve) => child.stdin.once('drain', resolve));
      written += CHUNK.length;
    }
    let spooled: string | undefined;
    while ((spooled = spoolFile(tmp)) === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill(signal);
    const code = await exited;
    return { code, spooled, left: readdirSync(tmp) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('a spooled copy of standard input', function () {
  this.timeout(600_000);

  it('is removed on SIGINT, and the run exits 130', async () => {
    const result = await stopWhileSpooling('SIGINT');
    expect(path.basename(result.spooled)).to.equal('stdin.json');
    expect([result.code, result.left]).to.deep.equal([130, []]);
  });

  it('is removed on SIGTERM, and the run exits 143', async () => {
    const result = await stopWhileSpooling('SIGTERM');
    expect([result.code, result.left]).to.deep.equal([143, []]);
  });
});
