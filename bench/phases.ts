/**
 * `npm run bench:phases -- [options] [plan.json ...]`: where the time of one check goes.
 *
 * For each plan (default: the 100 MiB plan `npm run bench` generates), fresh processes time the
 * library's phases as `check()` runs them: reading the file, input (scan, acceptance and schema
 * validation), the Terraform model, extraction and judging; and, in the same run, the baseline's
 * `JSON.parse(readFileSync(f, 'utf8'))` inside a process. Prints the medians and the ratio of
 * the library's total to the baseline (process start-up is in neither; `npm run bench` measures
 * whole processes).
 *
 * Options: --runs 3, --judged-only (also measure a copy of each plan holding only the resources
 * extraction reads: `aws_iam_*`, `awscc_iam_*` and `aws_ssoadmin_*`, written beside it as
 * `<name>.judged-only.json`; it shows what judging those alone costs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(here), '..', '..');
const DEFAULT_PLAN = path.join(repoRoot, 'bench', 'out', 'plan-100MiB-v4.json');
const PHASES = ['read', 'input', 'terraform', 'extract', 'judge'] as const;
type Phase = (typeof PHASES)[number];
type Timings = Record<Phase, number> & { total: number; policies: number; findings: number };

/** One check of `file`, timed phase by phase (run in a child process). */
async function timeCheck(file: string): Promise<Timings> {
  const { readBytes, documentKind } = await import('../lib/input/index.js');
  const { readTerraform } = await import('../lib/terraform/index.js');
  const { extractPolicies } = await import('../lib/extract/index.js');
  const { judgePolicySource } = await import('../lib/rules/judge-policy-source.js');
  const { resolveRules, DEFAULT_OPTIONS } = await import('../lib/check.js');
  // Every rule on by default, as check() judges.
  const runs = resolveRules(DEFAULT_OPTIONS).map(({ rule, blockedActions }) => ({
    rule,
    evaluations: [{ blockedActions, partition: 'aws' as const, conditions: 'ignore' as const }],
  }));
  const marks = [performance.now()];
  const bytes = readFileSync(file);
  marks.push(performance.now());
  const input = readBytes(file, bytes);
  marks.push(performance.now());
  const document = input.documents[0];
  if (document === undefined) throw new Error(`${file}: ${input.errors[0]?.message ?? 'no document'}`);
  const terraform = readTerraform(document.value, documentKind(document.value));
  marks.push(performance.now());
  const sources = extractPolicies(terraform);
  marks.push(performance.now());
  let findings = 0;
  for (const source of sources) if (judgePolicySource(source, { source: file }, runs).outcome === 'finding') findings += 1;
  marks.push(performance.now());
  const timings = { total: marks[marks.length - 1]! - marks[0]!, policies: sources.length, findings } as Timings;
  PHASES.forEach((phase, i) => {
    timings[phase] = marks[i + 1]! - marks[i]!;
  });
  return timings;
}

function timeBaseline(file: string): number {
  const started = performance.now();
  JSON.parse(readFileSync(file, 'utf8'));
  return performance.now() - started;
}

function child(args: readonly string[]): unknown {
  const result = spawnSync(process.execPath, [here, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`measuring ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

const JUDGED_PREFIXES = ['aws_iam_', 'awscc_iam_', 'aws_ssoadmin_'];

/** A copy of `file` with only the resources extraction reads, in every section; its path. */
function judgedOnlyCopy(file: string): string {
  const copy = file.replace(/\.json$/, '.judged-only.json');
  if (existsSync(copy) && statSync(copy).mtimeMs >= statSync(file).mtimeMs) return copy;
  const keep = ({ type }: { type?: unknown }) => typeof type === 'string' && JUDGED_PREFIXES.some((prefix) => type.startsWith(prefix));
  type Module = { resources?: Array<{ type?: unknown }>; child_modules?: Module[] };
  const strip = (module: Module | undefined): Module | undefined =>
    module === undefined
      ? undefined
      : {
          ...module,
          ...(module.resources ? { resources: module.resources.filter(keep) } : {}),
          ...(module.child_modules ? { child_modules: module.child_modules.map((m) => strip(m)!) } : {}),
        };
  const plan = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  if (Array.isArray(plan['resource_changes'])) plan['resource_changes'] = plan['resource_changes'].filter(keep);
  if (plan['planned_values']?.root_module) plan['planned_values'].root_module = strip(plan['planned_values'].root_module);
  if (plan['prior_state']?.values?.root_module) plan['prior_state'].values.root_module = strip(plan['prior_state'].values.root_module);
  writeFileSync(copy, JSON.stringify(plan));
  return copy;
}

function measure(file: string, runs: number): string {
  const checks: Timings[] = [];
  const baselines: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    checks.push(child(['--child-check', file]) as Timings);
    baselines.push(child(['--child-baseline', file]) as number);
  }
  const mib = statSync(file).size / (1024 * 1024);
  const of = (key: keyof Timings) => median(checks.map((timing) => timing[key]));
  const baseline = median(baselines);
  const total = of('total');
  const columns = PHASES.map((phase) => `${phase} ${of(phase).toFixed(0)}`).join(', ');
  return [
    `${path.relative(process.cwd(), file)} (${mib.toFixed(1)} MiB, ${checks[0]!.policies} policies, ${checks[0]!.findings} findings)`,
    `  library ${total.toFixed(0)} ms: ${columns}`,
    `  baseline JSON.parse ${baseline.toFixed(0)} ms; library / baseline ${(total / baseline).toFixed(2)}x`,
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--child-check') return void process.stdout.write(JSON.stringify(await timeCheck(argv[1]!)));
  if (argv[0] === '--child-baseline') return void process.stdout.write(JSON.stringify(timeBaseline(argv[1]!)));
  let runs = 3;
  let judgedOnly = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--runs') runs = Math.max(1, Number.parseInt(argv[++i] ?? '', 10) || 1);
    else if (arg === '--judged-only') judgedOnly = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (see bench/phases.ts)`);
    else files.push(path.resolve(arg));
  }
  if (files.length === 0) files.push(DEFAULT_PLAN);
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`${file} does not exist (npm run bench generates the default plan)`);
    process.stdout.write(`${measure(file, runs)}\n`);
    if (judgedOnly) process.stdout.write(`${measure(judgedOnlyCopy(file), runs)}\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
});
