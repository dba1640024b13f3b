/**
 * `npm run bench:hostile`: runs the built command line on hostile plans (bench/hostile-plans.ts,
 * written to bench/out/hostile/) and prints, per case, wall time, peak RSS (from /usr/bin/time
 * when present), their ratios to a clean small plan measured in the same run (and `node -e 0`),
 * the exit code and what the report says. Each run is cut off after --timeout seconds (default
 * 120): a case that hits it, or exits other than 0/1 (2 where the input is meant to be refused),
 * is marked FAIL.
 *
 * It then judges every policy of the corpus (../shared/corpus), the examples, a generated 1 MiB
 * bench plan and the hostile plans in this process, and prints the most work any one policy took
 * without running out, against the work budget of a policy (WORK_LIMIT).
 *
 * Options: --timeout 120, --only NAME[,NAME] (cases whose name contains one of them), --no-work.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, CHECK_WORK_LIMIT, WORK_LIMIT, WORK_PER_POLICY } from '../lib/index.js';
import { writePlan } from './generate.js';
import {
  deeplyNestedPlanText,
  deeplyNestedPolicy,
  deferredWideGrantPlan,
  denyPatternsPolicy,
  longStringPolicy,
  manyStatementsPolicy,
  onePolicyPlanText,
  policiesPlan,
  policyText,
  questionMarkPatterns,
  starPatterns,
  principalAccountPolicy,
  variablesPolicy,
} from './hostile-plans.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binPath = path.join(repoRoot, 'dist', 'bin', 'kmsguard.js');
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

type JsonObject = { [key: string]: unknown };

interface Case {
  readonly name: string;
  readonly what: string;
  /** Writes the plan text (or texts, for standard input) into the file. */
  readonly write: (file: string) => void;
  readonly stdin?: boolean;
  /** Exit codes that are the right answer (default 0 and 1: verdicts). */
  readonly exits?: readonly number[];
}

interface Run {
  readonly seconds: number;
  readonly peakRssMiB: number | null;
  readonly exit: number | null;
  readonly timedOut: boolean;
  readonly says: string;
}

function example(): JsonObject {
  return JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'situations', 'deferred-wide-grant', 'plan.json'), 'utf8')) as JsonObject;
}

const text = (content: () => string) => (file: string) => writeFileSync(file, content());

function cases(): Case[] {
  const cleanPolicy = policyText([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/k' }]);
  return [
    { name: 'clean-small', what: 'baseline: one clean policy', write: text(() => JSON.stringify(policiesPlan([cleanPolicy]))) },
    {
      name: 'issue-20-plan',
      what: '20 Allows with unknown Resource + Deny of 13 star patterns',
      write: text(() => JSON.stringify(deferredWideGrantPlan(example(), 20, starPatterns(13, 1, [1, 1, 1])))),
    },
    {
      name: 'issue-20-dozens',
      what: '20 Allows with unknown Resource + Deny of 36 star patterns',
      write: text(() => JSON.stringify(deferredWideGrantPlan(example(), 20, starPatterns(36)))),
    },
    {
      name: 'expensive-policies-200',
      what: '200 policies, each Allow * + Deny of 13 star patterns (different patterns each)',
      write: text(() => JSON.stringify(policiesPlan(Array.from({ length: 200 }, (_, i) => denyPatternsPolicy(starPatterns(13, i + 1, [1, 1, 1])))))),
    },
    { name: 'star-patterns-2000', what: 'Allow * + Deny of 2,000 star patterns', write: text(() => onePolicyPlanText(denyPatternsPolicy(starPatterns(2000)))) },
    {
      name: 'literal-arns-50000',
      what: 'Allow * + Deny of 50,000 literal key ARNs',
      write: text(() => onePolicyPlanText(denyPatternsPolicy(Array.from({ length: 50_000 }, (_, i) => `arn:aws:kms:us-east-1:111122223333:key/${i}`)))),
    },
    {
      name: 'question-runs',
      what: 'Allow * + Deny of 20 patterns with ?-runs of 2,000+',
      write: text(() => onePolicyPlanText(denyPatternsPolicy(questionMarkPatterns(20, 2000)))),
    },
    {
      name: 'many-unknowns',
      what: '2,000 Allows with unknown Resource + Deny of 4 star patterns',
      write: text(() => JSON.stringify(deferredWideGrantPlan(example(), 2000, starPatterns(4, 1, [1, 1, 1])))),
    },
    { name: 'variables-500', what: '500 Allow and 500 Deny patterns of policy variables', write: text(() => onePolicyPlanText(variablesPolicy(500))) },
    {
      name: 'principal-account-100',
      what: '${aws:PrincipalAccount} and a Deny keeping 100 accounts',
      write: text(() => onePolicyPlanText(principalAccountPolicy(100))),
    },
    {
      name: 'principal-account-5000',
      what: '${aws:PrincipalAccount} and a Deny keeping 5,000 accounts',
      write: text(() => onePolicyPlanText(principalAccountPolicy(5000))),
    },
    { name: 'nested-policy-10000', what: 'policy JSON nested 10,000 deep', write: text(() => onePolicyPlanText(deeplyNestedPolicy(10_000))) },
    { name: 'nested-plan-10000', what: 'plan JSON nested 10,000 deep', write: text(() => deeplyNestedPlanText(10_000)) },
    { name: 'string-10MB', what: 'one Resource string of 10 MB (star pattern)', write: text(() => onePolicyPlanText(longStringPolicy(10_000_000))) },
    {
      name: 'statements-100000',
      what: '100,000 Allow statements on key patterns + a Deny',
      write: text(() => onePolicyPlanText(manyStatementsPolicy(100_000))),
    },
    {
      name: 'stdin-10000-documents',
      what: '10,000 plans (one policy each) on standard input',
      stdin: true,
      write: (file) => {
        const one = `${JSON.stringify(policiesPlan([cleanPolicy]))}\n`;
        const fd = openSync(file, 'w');
        for (let i = 0; i < 10_000; i++) writeSync(fd, one);
        closeSync(fd);
      },
    },
  ];
}

/** What the JSON report says, in a few words. */
function summarize(stdout: string): string {
  try {
    const report = JSON.parse(stdout) as {
      findings: unknown[];
      unevaluated: { reason: string; detail: string }[];
      errors: { message: string }[];
      summary: { documents: number };
    };
    const parts = [`${report.summary.documents} doc`, `${report.findings.length} finding`];
    const reasons = new Map<string, number>();
    for (const u of report.unevaluated) {
      const key = `${u.reason}: ${u.detail.replace(/ \(.*$/, '').slice(0, 40)}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    for (const [key, n] of reasons) parts.push(`${n} ${key}`);
    if (report.errors.length > 0) parts.push(`${report.errors.length} error`);
    return parts.join(', ');
  } catch {
    return stdout.trim().slice(0, 60);
  }
}

function measure(args: readonly string[], timeoutSeconds: number, stdinFile?: string): Run {
  const rssFile = path.join(tmpdir(), `kmsguard-hostile-${process.pid}.rss`);
  const command = [process.execPath, ...args];
  const argv = haveTime ? [TIME, '-f', '%M', '-o', rssFile, 'timeout', String(timeoutSeconds), ...command] : ['timeout', String(timeoutSeconds), ...command];
  const stdin = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0]!, argv.slice(1), { stdio: [stdin, 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (typeof stdin === 'number') closeSync(stdin);
  let peakRssMiB: number | null = null;
  if (haveTime && existsSync(rssFile)) {
    const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kib)) peakRssMiB = kib / 1024;
    rmSync(rssFile, { force: true });
  }
  const timedOut = result.status === 124;
  const stderr = result.stderr.toString('utf8').trim();
  const says = result.status === 0 || result.status === 1 ? summarize(result.stdout.toString('utf8')) : stderr.split('\n')[0]!.slice(0, 80);
  return { seconds, peakRssMiB, exit: result.status, timedOut, says };
}

function parseArgs(argv: readonly string[]): { timeout: number; only?: string[]; work: boolean } {
  let timeout = 120;
  let only: string[] | undefined;
  let work = true;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--timeout') timeout = Number(argv[++i]);
    else if (flag === '--only') only = (argv[++i] ?? '').split(',');
    else if (flag === '--no-work') work = false;
    else throw new Error(`unknown option ${flag} (see bench/hostile.ts)`);
  }
  if (!Number.isFinite(timeout) || timeout <= 0) throw new Error('--timeout must be a positive number of seconds');
  return { timeout, ...(only ? { only } : {}), work };
}

function pad(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

const mib = (m: number | null) => (m === null ? '?' : `${Math.round(m)} MiB`);

interface WorkSeen {
  /** The most steps a policy took without running out of its budget, and which policy. */
  readonly steps: number;
  readonly policy: string;
  readonly policies: number;
  /** Policies that ran out of their budget. */
  readonly ranOut: number;
}

/** The most work any one policy of these inputs took, and which. */
async function mostWork(files: readonly string[]): Promise<WorkSeen> {
  let most: WorkSeen = { steps: 0, policy: '-', policies: 0, ranOut: 0 };
  for (const file of files) {
    await check(
      file,
      {},
      {
        judged: (policy, steps) => {
          most = { ...most, policies: most.policies + 1 };
          if (steps > WORK_LIMIT) most = { ...most, ranOut: most.ranOut + 1 };
          else if (steps > most.steps) most = { ...most, steps, policy: `${path.relative(repoRoot, file)} ${policy.address}` };
        },
      },
    );
  }
  return most;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json') && !f.endsWith('EXPECTED.json') && !f.includes('node_modules'))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(binPath)) throw new Error('dist/bin/kmsguard.js is missing: build first (npm run build).');
  const out = path.join(repoRoot, 'bench', 'out', 'hostile');
  mkdirSync(out, { recursive: true });
  const all = cases();
  const selected = all.filter((c) => c.name === 'clean-small' || !options.only || options.only.some((o) => c.name.includes(o)));
  const files = new Map<string, string>();
  for (const c of selected) {
    const file = path.join(out, `${c.name}.json`);
    c.write(file);
    files.set(c.name, file);
  }
  process.stderr.write('measuring node -e 0');
  const node = measure(['-e', '0'], options.timeout);
  const runs = new Map<string, Run>();
  for (const c of selected) {
    process.stderr.write(`, ${c.name}`);
    const file = files.get(c.name)!;
    runs.set(
      c.name,
      c.stdin ? measure([binPath, '--format', 'json', '-'], options.timeout, file) : measure([binPath, '--format', 'json', file], options.timeout),
    );
  }
  process.stderr.write('\n');
  const base = runs.get('clean-small')!;
  const rows: string[][] = [['case', 'input', 'seconds', 'x clean', 'peak RSS', 'x clean', 'exit', 'result', 'report']];
  const line = (name: string, bytes: number | undefined, run: Run, expected: readonly number[]) => {
    const ok = !run.timedOut && run.exit !== null && expected.includes(run.exit);
    rows.push([
      name,
      bytes === undefined ? '-' : bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`,
      run.seconds.toFixed(2),
      (run.seconds / base.seconds).toFixed(1),
      mib(run.peakRssMiB),
      run.peakRssMiB !== null && base.peakRssMiB !== null ? (run.peakRssMiB / base.peakRssMiB).toFixed(1) : '?',
      String(run.exit),
      run.timedOut ? `FAIL (over ${options.timeout} s)` : ok ? 'ok' : 'FAIL',
      run.says,
    ]);
  };
  line('node -e 0', undefined, node, [0]);
  for (const c of selected) line(c.name, statSync(files.get(c.name)!).size, runs.get(c.name)!, c.exits ?? [0, 1]);
  const lines = pad(rows);
  lines.splice(1, 0, '-'.repeat(lines[0]!.length));
  process.stdout.write(
    `${lines.join('\n')}\n\nkmsguard: node dist/bin/kmsguard.js --format json <plan> (stdin: ... - < <plan>); x clean: ratio to clean-small, measured in the same run\n`,
  );
  if (!options.work) return;

  const bench = path.join(out, 'bench-1MiB.json');
  if (!existsSync(bench)) {
    const fd = openSync(bench, 'w');
    writePlan({ write: (chunk) => void writeSync(fd, chunk) }, { targetBytes: 1 << 20, seed: 1, edgePolicies: true });
    closeSync(fd);
  }
  const real = [...jsonFiles(path.join(repoRoot, '..', 'shared', 'corpus')), ...jsonFiles(path.join(repoRoot, 'examples')), bench];
  const realMost = await mostWork(real);
  const hostileFiles = selected.filter((c) => !c.stdin).map((c) => files.get(c.name)!);
  const hostileMost = await mostWork(hostileFiles);
  const share = (seen: WorkSeen) =>
    `${seen.policies} policies, ${seen.ranOut} ran out; the most any other took: ${seen.steps} steps (${((100 * seen.steps) / WORK_LIMIT).toPrecision(2)}% of the budget), ${seen.policy}`;
  process.stdout.write(
    `\nwork budget per policy: ${WORK_LIMIT} steps; per check: ${CHECK_WORK_LIMIT} + ${WORK_PER_POLICY} per policy\n` +
      `corpus, examples and the 1 MiB bench plan: ${share(realMost)}\n` +
      `hostile plans: ${share(hostileMost)}\n`,
  );
}

await main();
