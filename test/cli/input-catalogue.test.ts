/**
 * The input catalogue through the real binary: standard input and files, exact exit codes and
 * exact standard error.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATALOGUE, PLAN_TEXT, type CatalogueCase } from '../input/catalogue.js';
import { binPath, fixture } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

function describeSource(source: string, position: number | undefined): string {
  return position === undefined ? source : `${source} (document ${position})`;
}

/** What kmsguard must print on standard error for a catalogue case read from `source`. */
function expectedStderr(entry: CatalogueCase, source: string): string {
  const warnings = entry.warnings.map((w) => `kmsguard: warning: ${describeSource(source, w.position)}: ${w.message}\n`);
  const errors = entry.errors.map((e) => `kmsguard: ${describeSource(source, e.position)}: ${e.message}\n`);
  return [...warnings, ...errors].join('');
}

function expectedStatus(entry: CatalogueCase): number {
  return entry.errors.length > 0 ? 2 : 0;
}

describe('input catalogue (command line)', function () {
  this.timeout(60_000);
  let directory: string;
  before(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'kmsguard-cli-input-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  for (const entry of CATALOGUE) {
    it(`${entry.name}: from standard input`, () => {
      const result = runCli([], { input: entry.bytes });
      expect({ status: result.status, stderr: result.stderr }).to.deep.equal({ status: expectedStatus(entry), stderr: expectedStderr(entry, 'stdin') });
    });

    it(`${entry.name}: from a file`, () => {
      writeFileSync(path.join(directory, 'input.json'), entry.bytes);
      const result = runCli(['input.json'], { cwd: directory });
      expect({ status: result.status, stderr: result.stderr }).to.deep.equal({ status: expectedStatus(entry), stderr: expectedStderr(entry, 'input.json') });
    });
  }

  it('reads "-" as standard input, next to files, and names each source', () => {
    writeFileSync(path.join(directory, 'plan.json'), PLAN_TEXT);
    const result = runCli(['plan.json', '-', 'missing.json'], { cwd: directory, input: `${PLAN_TEXT}\n::debug::exitcode: 0\n` });
    expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
      status: 2,
      stderr:
        'kmsguard: warning: stdin: Ignored the text after the JSON at line 2, column 1 ("::debug::exitcode: 0"); it comes from GitHub\'s setup-terraform wrapper, so set `terraform_wrapper: false` in the setup-terraform step.\n' +
        'kmsguard: missing.json: The file does not exist; pass the JSON file written from `terraform show -json <planfile>`.\n',
    });
  });

  it('refuses a directory and a missing file, with exit code 2', () => {
    const result = runCli([directory, 'nowhere/plan.json']);
    expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
      status: 2,
      stderr:
        `kmsguard: ${directory}: The path is a directory, not a file; pass the JSON file written from \`terraform show -json <planfile>\`.\n` +
        'kmsguard: nowhere/plan.json: The file does not exist; pass the JSON file written from `terraform show -json <planfile>`.\n',
    });
  });

  it('refuses a file it may not read, with exit code 2', function () {
    if (process.getuid?.() !== 0) this.skip();
    const result = runCli(['/proc/sys/vm/compact_memory']);
    expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
      status: 2,
      stderr: 'kmsguard: /proc/sys/vm/compact_memory: The file cannot be read: permission denied.\n',
    });
  });

  it('reads a plan from process substitution (a pipe given as a file)', () => {
    const plan = fixture('input', 'plan-small.json');
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${binPath}" <(cat "${plan}") && echo ok`], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr, ok: result.stdout.endsWith('ok\n') }).to.deep.equal({ status: 0, stderr: '', ok: true });
  });
});
