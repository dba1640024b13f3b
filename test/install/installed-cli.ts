/**
 * Checks shared by the ways kmsguard is installed (npm tarball, single executable): the command
 * judges the seed plans from a directory that holds nothing of the repository.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { examplesDir, repoRoot } from '../support/paths.js';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** An empty directory holding copies of the two seed plans, insecure.json and secure.json, and the insecure one's source in tf/. */
export function seedDirectory(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-installed-'));
  copyFileSync(path.join(examplesDir, 'seed', 'insecure', 'plan.json'), path.join(dir, 'insecure.json'));
  mkdirSync(path.join(dir, 'tf'));
  copyFileSync(path.join(examplesDir, 'seed', 'insecure', 'main.tf'), path.join(dir, 'tf', 'main.tf'));
  copyFileSync(path.join(examplesDir, 'seed', 'secure', 'plan.json'), path.join(dir, 'secure.json'));
  return dir;
}

export function runIn(dir: string, command: string, args: readonly string[], options: { input?: Buffer; env: NodeJS.ProcessEnv }): Run {
  const result = spawnSync(command, args, { cwd: dir, input: options.input ?? '', env: { NO_COLOR: '1', ...options.env } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
}

const FINDING = 'HIGH  aws_iam_role_policy.test_policy (policy)\n  allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name\n';

/** The `it`s every installed kmsguard must pass; `installed()` gives the command and its environment once built. */
export function behavesAsInstalled(installed: () => { command: string; env: NodeJS.ProcessEnv; dir: string }): void {
  const run = (args: readonly string[], input?: Buffer) => {
    const { command, env, dir } = installed();
    return runIn(dir, command, args, { env, ...(input ? { input } : {}) });
  };

  it('judges the insecure seed plan by path: the decrypt and the grant finding, exit 1', () => {
    const result = run(['insecure.json']);
    expect(result.stderr).to.equal('');
    expect(result.stdout.startsWith(FINDING), result.stdout).to.equal(true);
    expect(result.stdout).to.include('kmsguard: 1 document, 1 policy judged, 2 findings (2 high): FAILED (2 failing findings)\n');
    expect(result.status).to.equal(1);
  });

  it('locates the findings in the .tf source with the HCL parser it carries', () => {
    const result = run(['--source-root', 'tf', 'insecure.json']);
    expect(result.stderr).to.equal('');
    expect(result.stdout.split('\n').filter((line) => line.includes('written at'))).to.deep.equal(['  written at tf/main.tf:42', '  written at tf/main.tf:42']);
    expect(result.status).to.equal(1);
  });

  it('judges the secure seed plan from standard input: exit 0', () => {
    const result = run([], readFileSync(path.join(examplesDir, 'seed', 'secure', 'plan.json')));
    expect(result.stdout).to.equal('kmsguard: 1 document, 1 policy judged, no findings: passed\n');
    expect(result.status).to.equal(0);
  });

  it('prints the package version', () => {
    const result = run(['--version']);
    expect(result.stdout).to.equal(`${packageVersion}\n`);
    expect(result.status).to.equal(0);
  });

  it('expands blocked-action patterns against the KMS actions it carries', () => {
    const result = run(['--blocked-action', 'kms:ReEncrypt*', 'insecure.json']);
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stdout).to.include('  allows kms:ReEncryptFrom, kms:ReEncryptTo on KMS keys in accounts the policy does not name\n');
  });

  it('writes a SARIF file and a markdown report (formatters loaded on demand)', () => {
    const result = run(['--format', 'sarif:out/kmsguard.sarif', '--format', 'markdown', 'insecure.json']);
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stdout).to.match(/^## kmsguard\n/);
    const sarif = JSON.parse(readFileSync(path.join(installed().dir, 'out', 'kmsguard.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).to.equal('2.1.0');
    expect(sarif.runs[0]!.results).to.have.length(2);
  });

  it('says in one sentence that a missing file cannot be read: exit 2', () => {
    const result = run(['missing.json']);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.match(/^kmsguard: missing\.json: .*\.\n/);
    expect(result.stderr).to.not.match(/\n\s+at /);
  });
}
