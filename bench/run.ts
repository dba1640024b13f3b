/**
 * `npm run bench`: generates plans of about 1, 100 and 600 MiB (bench/out/, kept between runs),
 * then measures, for each size,
 *   - kmsguard end to end: `node dist/bin/kmsguard.js --format json <file>` to /dev/null, and
 *     the same plan piped into standard input;
 *   - the baseline `node -e "JSON.parse(require('fs').readFileSync(f,'utf8'))"` on the same file;
 * wall time (median of the runs, kmsguard and baseline alternating), MiB/s, the ratio
 * kmsguard / baseline and peak RSS (from /usr/bin/time); and start-up: kmsguard on a small
 * plan against `node -e 0`. One more kmsguard run per size checks the report against what the
 * generator planted. Prints a table and writes bench/out/results.json.
 *
 * Options (or environment variables): --sizes 1,100,600 (KMSGUARD_BENCH_SIZES, MiB, decimals
 * allowed), --runs 3 (KMSGUARD_BENCH_RUNS), --startup-runs 20, --out DIR, --no-stdin, --no-check.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePlan, type PlanExpectation, type PlanSpec } from './generate.js';
import { median, parseOptions, renderTable, type BenchOptions, type Measurement, type SizeResult, type StartupResult } from './report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtBin = path.join(repoRoot, 'dist', 'bin');
/** Files of the bundled command line (see scripts/bundle-cli.ts). */
const BUNDLE_FILES = ['kmsguard.js', 'kmsguard.bundle.cjs', 'kmsguard.bundle.cache', 'yargs-locales'];
let binPath = path.join(builtBin, 'kmsguard.js');
const TIME = '/usr/bin/time';
const MIB = 1024 * 1024;
/** Bump when the generator's output changes, so cached plans are made again. */
const GENERATOR_VERSION = 4;
const BASELINE_SCRIPT = "JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'))";

interface Plan {
  readonly file: string;
  readonly bytes: number;
  readonly expectation: PlanExpectation;
}

function planFor(out: string, spec: PlanSpec, name: string): Plan {
  const file = path.join(out, `${name}.json`);
  const expectationFile = path.join(out, `${name}.expect.json`);
  if (!existsSync(file) || !existsSync(expectationFile)) {
    const started = Date.now();
    process.stderr.write(`generating ${path.relative(repoRoot, file)} ...`);
    const partial = `${file}.partial`;
    const fd = openSync(partial, 'w');
    const expectation = writePlan({ write: (chunk) => void writeSync(fd, chunk) }, spec);
    closeSync(fd);
    renameSync(partial, file);
    writeFileSync(expectationFile, JSON.stringify(expectation));
    process.stderr.write(` ${(statSync(file).size / MIB).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return { file, bytes: statSync(file).size, expectation: JSON.parse(readFileSync(expectationFile, 'utf8')) as PlanExpectation };
}

const haveTime = existsSync(TIME);

/** Exit codes that are verdicts, not failures: kmsguard's 0 and 1, the baseline's 0. */
const KMSGUARD_VERDICTS: readonly number[] = [0, 1];
const BASELINE_SUCCESS: readonly number[] = [0];

/** Runs a command (through /usr/bin/time when present) and measures it. */
function measure(command: string, args: readonly string[], verdicts: readonly number[], stdinFile?: string): Measurement {
  const rssFile = path.join(tmpdir(), `kmsguard-bench-${process.pid}.rss`);
  const stdin = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  const argv = haveTime ? [TIME, '-f', '%M', '-o', rssFile, command, ...args] : [command, ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0]!, argv.slice(1), { stdio: [stdin, 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (typeof stdin === 'number') closeSync(stdin);
  let peakRssMiB: number | null = null;
  if (haveTime && existsSync(rssFile)) {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const kib = Number(lines.at(-1));
    if (Number.isFinite(kib)) peakRssMiB = kib / 1024;
    rmSync(rssFile, { force: true });
  }
  const stderr = result.stderr?.toString('utf8') ?? '';
  return { seconds, peakRssMiB, exitCode: result.status, error: describeFailure(result.status, stderr, verdicts) };
}

/** The same, with standard input a pipe fed by `cat` (not a file kmsguard could stat). */
function measurePiped(file: string, args: readonly string[]): Measurement {
  const rssFile = path.join(tmpdir(), `kmsguard-bench-${process.pid}.rss`);
  const timed = haveTime ? `${TIME} -f %M -o "$1"` : '';
  const script = `cat "$2" | ${timed} "$3" ${args.map((_, i) => `"$${i + 4}"`).join(' ')} > /dev/null`;
  const started = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', script, 'sh', rssFile, file, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let peakRssMiB: number | null = null;
  if (haveTime && existsSync(rssFile)) {
    const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kib)) peakRssMiB = kib / 1024;
    rmSync(rssFile, { force: true });
  }
  return { seconds, peakRssMiB, exitCode: result.status, error: describeFailure(result.status, result.stderr.toString('utf8'), KMSGUARD_VERDICTS) };
}

function describeFailure(status: number | null, stderr: string, verdicts: readonly number[]): string | undefined {
  if (status !== null && verdicts.includes(status)) return undefined;
  if (/ERR_STRING_TOO_LONG|Cannot create a string longer than/.test(stderr)) return 'ERR_STRING_TOO_LONG';
  const line = stderr.split('\n').find((l) => /Error|kmsguard:/.test(l)) ?? stderr.split('\n')[0] ?? '';
  return `exit ${status}: ${line.trim().slice(0, 120)}`;
}

interface ReportSummary {
  readonly findings: Record<string, string>;
  readonly judged: number;
  readonly unevaluated: number;
}

function runReport(args: readonly string[], stdinFile?: string): ReportSummary | string {
  const input = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  const result = spawnSync(process.execPath, [binPath, ...args], { stdio: [input, 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  if (typeof input === 'number') closeSync(input);
  if (result.status !== 0 && result.status !== 1) return `exit ${result.status}: ${result.stderr.toString('utf8').trim().slice(0, 200)}`;
  const report = JSON.parse(result.stdout.toString('utf8')) as {
    findings: { address: string; policyPath: string; scope: string }[];
    summary: { policies: number; unevaluated: number };
  };
  return {
    findings: Object.fromEntries(report.findings.map((f) => [`${f.address} ${f.policyPath}`, f.scope])),
    judged: report.summary.policies,
    unevaluated: report.summary.unevaluated,
  };
}

/** Whether kmsguard reported exactly what the generator planted. */
function checkReport(summary: ReportSummary | string, expectation: PlanExpectation): string {
  if (typeof summary === 'string') return `failed: ${summary}`;
  const expected = Object.entries(expectation.findings).sort();
  const actual = Object.entries(summary.findings).sort();
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    const missing = expected.filter(([key, scope]) => summary.findings[key] !== scope).length;
    const extra = actual.filter(([key, scope]) => expectation.findings[key] !== scope).length;
    return `MISMATCH: ${missing} findings missing or wrong, ${extra} unexpected`;
  }
  if (summary.judged + summary.unevaluated !== expectation.knownPolicies + expectation.unknownPolicies) {
    return `MISMATCH: ${summary.judged + summary.unevaluated} policies met, ${expectation.knownPolicies + expectation.unknownPolicies} planted`;
  }
  return `ok (${actual.length} findings, ${summary.judged} policies judged)`;
}

function benchSize(options: BenchOptions, sizeMiB: number): SizeResult {
  const plan = planFor(options.out, { targetBytes: Math.round(sizeMiB * MIB), seed: 1, edgePolicies: true }, `plan-${sizeMiB}MiB-v${GENERATOR_VERSION}`);
  process.stderr.write(`measuring ${(plan.bytes / MIB).toFixed(1)} MiB: `);
  const kmsguard: Measurement[] = [];
  const baseline: Measurement[] = [];
  const piped: Measurement[] = [];
  for (let run = 0; run < options.runs; run++) {
    kmsguard.push(measure(process.execPath, [binPath, '--format', 'json', plan.file], KMSGUARD_VERDICTS));
    baseline.push(measure(process.execPath, ['-e', BASELINE_SCRIPT, plan.file], BASELINE_SUCCESS));
    if (options.stdin) piped.push(measurePiped(plan.file, [binPath, '--format', 'json', '-']));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  let check: string | undefined;
  let stdinCheck: string | undefined;
  if (options.check) {
    check = checkReport(runReport(['--format', 'json', plan.file]), plan.expectation);
    if (options.stdin) stdinCheck = checkReport(runReport(['--format', 'json', '-'], plan.file), plan.expectation);
  }
  return {
    sizeMiB: plan.bytes / MIB,
    file: path.relative(repoRoot, plan.file),
    resourceChanges: plan.expectation.resourceChanges,
    plantedFindings: Object.keys(plan.expectation.findings).length,
    kmsguard: median(kmsguard),
    baseline: median(baseline),
    ...(options.stdin ? { stdin: median(piped) } : {}),
    samples: { kmsguard, baseline, ...(options.stdin ? { stdin: piped } : {}) },
    ...(check !== undefined ? { check } : {}),
    ...(stdinCheck !== undefined ? { stdinCheck } : {}),
  };
}

function benchStartup(options: BenchOptions): StartupResult {
  const plan = planFor(options.out, { targetBytes: 16 * 1024, seed: 1, edgePolicies: true }, `plan-small-v${GENERATOR_VERSION}`);
  process.stderr.write('measuring start-up');
  const node: Measurement[] = [];
  const kmsguard: Measurement[] = [];
  // One of each first, not counted: file caches warm.
  measure(process.execPath, ['-e', '0'], BASELINE_SUCCESS);
  measure(process.execPath, [binPath, '--format', 'json', plan.file], KMSGUARD_VERDICTS);
  for (let run = 0; run < options.startupRuns; run++) {
    node.push(measure(process.execPath, ['-e', '0'], BASELINE_SUCCESS));
    kmsguard.push(measure(process.execPath, [binPath, '--format', 'json', plan.file], KMSGUARD_VERDICTS));
    if (run % 5 === 4) process.stderr.write('.');
  }
  process.stderr.write('\n');
  return { planBytes: plan.bytes, node: median(node), kmsguard: median(kmsguard), samples: { node, kmsguard } };
}

/**
 * Runs a copy of the built command line, so that a rebuild during a long run (tsc rewrites
 * dist/bin/kmsguard.js) cannot change what is measured halfway.
 */
function snapshotCommandLine(out: string): void {
  if (!existsSync(binPath)) throw new Error(`${path.relative(repoRoot, binPath)} is missing: build first (npm run build).`);
  if (!BUNDLE_FILES.every((file) => existsSync(path.join(builtBin, file)))) {
    process.stderr.write('warning: dist/bin holds no bundled command line (npm run build makes it); measuring dist/bin/kmsguard.js as it is.\n');
    return;
  }
  const copy = path.join(out, 'cli', 'dist', 'bin');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const file of BUNDLE_FILES) cpSync(path.join(builtBin, file), path.join(copy, file), { recursive: true });
  binPath = path.join(copy, 'kmsguard.js');
}

function main(): void {
  const options = parseOptions(process.argv.slice(2), process.env, path.join(repoRoot, 'bench', 'out'));
  mkdirSync(options.out, { recursive: true });
  snapshotCommandLine(options.out);
  const loadBefore = loadavg();
  const startup = benchStartup(options);
  const sizes = options.sizes.map((size) => benchSize(options, size));
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    loadAverage: { before: loadBefore, after: loadavg() },
    runs: options.runs,
    startup,
    sizes,
  };
  const table = renderTable(startup, sizes);
  process.stdout.write(`${table}\n`);
  const resultsFile = path.join(options.out, 'results.json');
  writeFileSync(resultsFile, `${JSON.stringify({ ...results, table: table.split('\n') }, null, 2)}\n`);
  process.stdout.write(`\nwritten to ${path.relative(repoRoot, resultsFile)}\n`);
}

main();
