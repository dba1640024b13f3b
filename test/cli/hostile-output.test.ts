/**
 * Output through the real binary, with a plan and file names written to attack it: the bytes of
 * every format, standard error, failed writes to standard output, and report files.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printable } from '../../lib/report/printable.js';
import { jsonStrings, LONE_SURROGATE, RAW_HAZARD } from '../support/output-hazards.js';
import { binPath, fixture, repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const HOSTILE_PLAN = fixture('cli', 'hostile.plan.json');
const INSECURE = fixture('cli', 'insecure.plan.json');
const SECURE = fixture('cli', 'secure.plan.json');
const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'github', 'atlantis', 'gitlab'];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

interface RawResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** The built binary, with standard output kept as bytes. */
function runRaw(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdout?: number } = {}): RawResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: '',
    env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...options.env },
    stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? Buffer.alloc(0), stderr: result.stderr.toString('utf8') };
}

/** Reads the binary's standard output until `bytes` have come, then closes the pipe, as `| head -c` does. */
function runClosingPipe(args: readonly string[], bytes: number): Promise<{ status: number | null; stderr: string; received: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let received = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= bytes) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, received }));
  });
}

describe('hostile plans and file names through the command line', function () {
  this.timeout(120_000);
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'kmsguard-cli-output-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe('every format on a hostile plan', () => {
    for (const format of FORMATS) {
      it(`${format}: strict UTF-8, nothing a terminal or the runner acts on, the run's exit code`, () => {
        const result = runRaw(['--format', format, HOSTILE_PLAN]);
        expect(result.status).to.equal(format === 'atlantis' ? 0 : 1);
        const text = strictUtf8.decode(result.stdout);
        expect(text).to.not.match(RAW_HAZARD);
        expect(text).to.not.contain('##[');
        // Text formats spell a lone surrogate (\ud800); JSON formats write U+FFFD, tested below.
        if (!['json', 'sarif', 'gitlab'].includes(format)) expect(text).to.not.contain('\ufffd');
        for (const line of text.split('\n')) {
          if (format === 'github' && /^::(error|warning|notice) file=[^:]*::/.test(line)) continue;
          expect(line.trimStart().startsWith('::'), line).to.equal(false);
        }
        expect(result.stderr).to.equal('');
      });
    }

    for (const format of ['json', 'sarif', 'gitlab']) {
      it(`${format}: every string valid Unicode, a lone surrogate read back as U+FFFD`, () => {
        const result = runRaw(['--format', format, HOSTILE_PLAN]);
        const text = strictUtf8.decode(result.stdout);
        expect(text).to.not.match(/(?<!\\)(\\\\)*\\ud[89a-f]/i);
        const parsed = JSON.parse(text);
        for (const s of jsonStrings(parsed)) expect(s.match(LONE_SURROGATE), JSON.stringify(s)).to.equal(null);
        if (format === 'json') {
          const sid = parsed.findings[0].statements[0].sid as string;
          expect(sid).to.contain(' \ufffd \u202eevil\u202c\u2066 ');
          expect(sid.startsWith('x"\n::error file=a.tf,line=1,title=forged::forged\r\n##[error]old \u001b[2J')).to.equal(true);
        }
      });
    }
  });

  describe('standard error', () => {
    it('escapes control characters and breaks workflow commands in a file name', () => {
      const name = path.join(directory, 'plan\u001b[31m\n::error::x\u202e##[error]y.json');
      const result = runCli([name]);
      expect(result.status).to.equal(2);
      expect(result.stderr).to.equal(
        `kmsguard: ${printable(name)}: The file does not exist; pass the JSON file written from \`terraform show -json <planfile>\`.\n`,
      );
      expect(result.stderr).to.contain('plan\\u001b[31m\\u000a::error::x\\u202e#\u200b#[error]y.json');
    });

    it("breaks the runner's older command syntax in the trailing-text warning", () => {
      const file = path.join(directory, 'wrapped.json');
      writeFileSync(file, `${readFileSync(SECURE, 'utf8').trimEnd()}\n##[error]forged \u009b2J\n`);
      const result = runCli([file]);
      expect(result.status).to.equal(0);
      const warning = result.stderr.split('\n')[0]!;
      expect(warning).to.match(
        /^kmsguard: warning: .*wrapped\.json: Ignored the text after the JSON at line \d+, column 1 \("#\u200b#\[error\]forged \\u009B2J"\)/,
      );
      expect(result.stderr).to.not.contain('##[');
    });
  });

  describe('a failed write to standard output', () => {
    const many = (file: string, n: number) => Array.from({ length: n }, () => file);

    it("ends quietly with the run's exit code when the reader closes the pipe (| head -c 10)", async () => {
      const findings = await runClosingPipe(['--format', 'json', ...many(INSECURE, 150)], 10);
      expect(findings).to.deep.include({ status: 1, stderr: '' });
      const clean = await runClosingPipe(['--format', 'json', ...many(SECURE, 1500)], 10);
      expect(clean).to.deep.include({ status: 0, stderr: '' });
    });

    const full = '/dev/full';
    it('ends with one sentence and exit code 2 when the device is full (> /dev/full)', function () {
      if (!existsSync(full)) this.skip();
      for (const [file, args] of [
        [INSECURE, []],
        [SECURE, []],
        [SECURE, ['--format', 'json']],
      ] as const) {
        const out = openSync(full, 'w');
        try {
          const result = runRaw([...args, file], { stdout: out });
          expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
            status: 2,
            stderr: 'kmsguard: Could not write to standard output: no space left on the device (ENOSPC).\n',
          });
        } finally {
          closeSync(out);
        }
      }
    });
  });

  describe('report files', () => {
    it('writes none when an input could not be used, and says so', () => {
      const result = runCli(['--format', 'text', '--format', 'sarif:out/kmsguard.sarif', '-o', 'out/report.txt', INSECURE, 'missing.json'], { cwd: directory });
      expect(result.status).to.equal(2);
      expect(readdirSync(directory)).to.deep.equal([]);
      expect(result.stderr.split('\n').slice(-3)).to.deep.equal([
        'kmsguard: No report written to out/report.txt: an input could not be used.',
        'kmsguard: No report written to out/kmsguard.sarif: an input could not be used.',
        '',
      ]);
    });

    it('creates a missing directory of the report file, with its parents', () => {
      const result = runCli(['--format', 'json', '-o', 'out/nested/report.json', INSECURE], { cwd: directory });
      expect(result.status).to.equal(1);
      expect(readdirSync(path.join(directory, 'out', 'nested'))).to.deep.equal(['report.json']);
      expect(JSON.parse(readFileSync(path.join(directory, 'out', 'nested', 'report.json'), 'utf8')).summary.passed).to.equal(false);
    });

    it('replaces a file whole: a new file renamed over the old, no temporary file left', () => {
      const target = path.join(directory, 'report.json');
      writeFileSync(target, 'old');
      const before = statSync(target).ino;
      const result = runCli(['--format', 'json', '-o', target, INSECURE]);
      expect(result.status).to.equal(1);
      // The decrypt and the grant finding of its one policy.
      expect(JSON.parse(readFileSync(target, 'utf8')).summary.findings).to.equal(2);
      expect(statSync(target).ino).to.not.equal(before);
      expect(readdirSync(directory)).to.deep.equal(['report.json']);
    });

    it('leaves the old file as it was when the write fails part-way', () => {
      const target = path.join(directory, 'report.sarif');
      writeFileSync(target, 'old');
      // A file size limit of 4 blocks: the SARIF report is larger, so its write fails midway.
      const result = spawnSync('sh', ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, binPath, '--format', 'sarif', '-o', target, INSECURE], {
        encoding: 'utf8',
      });
      expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
        status: 2,
        stderr: `kmsguard: Could not write ${target}: the file is too large (EFBIG).\n`,
      });
      expect(readFileSync(target, 'utf8')).to.equal('old');
      expect(readdirSync(directory)).to.deep.equal(['report.sarif']);
    });

    it('refuses a symbolic link at the target, leaving what it points to untouched', () => {
      const elsewhere = path.join(directory, 'elsewhere');
      symlinkSync(elsewhere, path.join(directory, 'report.json'));
      const result = runCli(['--format', 'json:report.json', INSECURE], { cwd: directory });
      expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
        status: 2,
        stderr: 'kmsguard: Refusing to write report.json: it is a symbolic link; give a path without one.\n',
      });
      expect(existsSync(elsewhere)).to.equal(false);
    });

    it('refuses a symbolic link among the directories, relative or absolute', () => {
      mkdirSync(path.join(directory, 'real'));
      symlinkSync(path.join(directory, 'real'), path.join(directory, 'reports'));
      const relative = runCli(['-o', 'reports/sub/report.txt', INSECURE], { cwd: directory });
      expect({ status: relative.status, stderr: relative.stderr }).to.deep.equal({
        status: 2,
        stderr: 'kmsguard: Refusing to write reports/sub/report.txt: reports is a symbolic link; give a path without one.\n',
      });
      const absolute = path.join(directory, 'reports', 'report.txt');
      const result = runCli(['-o', absolute, INSECURE]);
      expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
        status: 2,
        stderr: `kmsguard: Refusing to write ${absolute}: ${path.join(directory, 'reports')} is a symbolic link; give a path without one.\n`,
      });
      expect(readdirSync(path.join(directory, 'real'))).to.deep.equal([]);
    });

    it('says a directory is not a file', () => {
      mkdirSync(path.join(directory, 'out'));
      const result = runCli(['-o', 'out', INSECURE], { cwd: directory });
      expect({ status: result.status, stderr: result.stderr }).to.deep.equal({ status: 2, stderr: 'kmsguard: Could not write out: it is a directory.\n' });
    });

    it('says a name that can only be a directory is not a file: ., .., a trailing slash', () => {
      for (const name of ['.', '..', 'out/']) {
        const result = runCli(['-o', name, INSECURE], { cwd: directory });
        expect({ status: result.status, stderr: result.stderr }).to.deep.equal({
          status: 2,
          stderr: `kmsguard: Could not write ${name}: it names a directory.\n`,
        });
      }
      expect(readdirSync(directory)).to.deep.equal([]);
    });

    it('writes into a named pipe or device as it is, never renaming a file over it (as root, -o /dev/null replaced /dev/null)', async () => {
      const fifo = path.join(directory, 'report.fifo');
      spawnSync('mkfifo', [fifo]);
      const reader = spawn('cat', [fifo]);
      let received = '';
      reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      const closed = new Promise((resolve) => reader.on('close', resolve));
      const result = spawn(process.execPath, [binPath, '--format', 'json', '-o', fifo, INSECURE], { stdio: 'ignore' });
      const status = await new Promise((resolve) => result.on('close', resolve));
      const stillFifo = statSync(fifo).isFIFO();
      // Renamed over, the pipe never gets a writer: end the reader rather than wait for ever.
      if (!stillFifo) reader.kill();
      await closed;
      expect(stillFifo).to.equal(true);
      expect(status).to.equal(1);
      expect(JSON.parse(received).summary.findings).to.equal(2);
      expect(readdirSync(directory)).to.deep.equal(['report.fifo']);
    });

    it('takes - as standard output, for --output and in --format NAME:-', () => {
      const expected = runCli(['--format', 'json', INSECURE]).stdout;
      for (const args of [
        ['--format', 'json', '-o', '-'],
        ['--format', 'json', '--output=-'],
        ['--format', 'json:-'],
        ['--format', 'sarif:r.sarif', '--format', 'json:-'],
      ]) {
        const result = runCli([...args, INSECURE], { cwd: directory });
        expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }, args.join(' ')).to.deep.equal({
          status: 1,
          stdout: expected,
          stderr: '',
        });
      }
      expect(readdirSync(directory)).to.deep.equal(['r.sarif']);
      const two = runCli(['--format', 'json:-', '--format', 'text', INSECURE], { cwd: directory });
      expect({ status: two.status, stderr: two.stderr }).to.deep.equal({
        status: 2,
        stderr: 'kmsguard: Only one format can go to standard output; give the others a file, e.g. --format text:report.out.\n',
      });
    });

    it('keeps the exit code when $GITHUB_STEP_SUMMARY cannot be appended to', () => {
      const result = runCli(['--format', 'github', INSECURE], { env: { GITHUB_STEP_SUMMARY: directory } });
      expect(result.status).to.equal(1);
      expect(result.stdout).to.match(/^::error file=/);
      expect(result.stderr).to.equal(`kmsguard: warning: could not append the summary to $GITHUB_STEP_SUMMARY (${directory}): it is a directory (EISDIR).\n`);
    });
  });
});
