/**
 * Report snapshots, to show that a change of code leaves every report byte for byte the same.
 *
 *   tsx scripts/report-snapshot.ts write <dir>        every format of every plan, into <dir>
 *   tsx scripts/report-snapshot.ts compare <a> <b> [--added summary.judgedWith ...]
 *                                                     exit 1 unless both hold the same files and bytes;
 *                                                     with --added, a JSON report of <b> may hold
 *                                                     these fields more, all else byte for byte the same
 *   npm run check:reports [-- --added ...]            writes a snapshot of the working tree into
 *                                                     .reports/current and compares it with
 *                                                     .reports/baseline (written first if missing)
 *
 * The plans: examples/ (with their Terraform sources where they have them), the corpus in
 * ../shared/corpus when it is there, the JSON fixtures under test/fixtures that read as plans,
 * and generated bench plans (bench/generate.ts, bench/hostile-plans.ts). Each is checked under
 * several option sets (fail-on levels, strict, only-new, the principal view, conditions) and
 * every format is written for each, plus text in colour; the exit code goes beside them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planText } from '../bench/generate.js';
import { deeplyNestedPlanText, denyPatternsPolicy, manyStatementsPolicy, onePolicyPlanText, starPatterns, variablesPolicy } from '../bench/hostile-plans.js';
import { check } from '../lib/check.js';
import { formatNames, loadFormatter } from '../lib/report/index.js';
import { jsonText } from '../lib/report/json-text.js';
import { exitCodeFor } from '../lib/gate/summary.js';
import type { InputSpec } from '../lib/input/index.js';
import type { Options } from '../lib/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TODAY = '2026-01-15';

interface Plan {
  readonly name: string;
  /** A file path, or the text of a generated plan. */
  readonly file?: string;
  readonly text?: string;
  readonly sourceRoot?: string;
}

interface OptionSet {
  readonly name: string;
  readonly options: Partial<Options>;
}

const OPTION_SETS: readonly OptionSet[] = [
  { name: 'default', options: {} },
  { name: 'low-strict', options: { failOn: 'low', strict: true } },
  { name: 'high-only-new', options: { failOn: 'high', onlyNew: true } },
  { name: 'never', options: { failOn: 'never' } },
  { name: 'high-principals-scope', options: { failOn: 'high', principals: true, conditions: 'scope' } },
];

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) {
      if (entry !== 'node_modules' && entry !== '.terraform') out.push(...walk(file, keep));
    } else if (keep(file)) out.push(file);
  }
  return out;
}

function looksLikePlan(file: string): boolean {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && ('resource_changes' in value || 'planned_values' in value || 'values' in value);
  } catch {
    return false;
  }
}

function plans(): Plan[] {
  const list: Plan[] = [];
  const relative = (file: string) => path.relative(repoRoot, file);
  for (const file of walk(path.join(repoRoot, 'examples'), (f) => f.endsWith('.json') && looksLikePlan(f))) {
    const dir = path.dirname(file);
    const hasSource = readdirSync(dir).some((entry) => entry.endsWith('.tf'));
    list.push({ name: relative(file), file, ...(hasSource ? { sourceRoot: dir } : {}) });
  }
  const corpus = path.resolve(repoRoot, '../shared/corpus');
  for (const file of walk(corpus, (f) => f.endsWith('.json') && path.basename(f) !== 'EXPECTED.json')) {
    list.push({ name: `corpus/${path.relative(corpus, file)}`, file });
  }
  for (const file of walk(path.join(repoRoot, 'test/fixtures'), (f) => f.endsWith('.json') && looksLikePlan(f))) {
    list.push({ name: relative(file), file });
  }
  list.push({ name: 'bench/plan-16KiB', text: planText({ targetBytes: 16 * 1024, seed: 1, edgePolicies: true }).text });
  list.push({ name: 'bench/plan-256KiB', text: planText({ targetBytes: 256 * 1024, seed: 2, order: 'changes-first', findingShare: 0.2 }).text });
  list.push({ name: 'bench/plan-64KiB-indented', text: planText({ targetBytes: 64 * 1024, seed: 3, order: 'changes-last', indent: 2 }).text });
  // Past SCAN_THRESHOLD_BYTES (8 MiB): read by the byte scanner, not JSON.parse.
  list.push({ name: 'bench/plan-9MiB-scanned', text: planText({ targetBytes: 9 * 1024 * 1024, seed: 4, findingShare: 0.1 }).text });
  list.push({ name: 'bench/hostile-deep', text: deeplyNestedPlanText(200) });
  list.push({ name: 'bench/hostile-stars', text: onePolicyPlanText(denyPatternsPolicy(starPatterns(12))) });
  list.push({ name: 'bench/hostile-variables', text: onePolicyPlanText(variablesPolicy(40)) });
  list.push({ name: 'bench/hostile-statements', text: onePolicyPlanText(manyStatementsPolicy(300)) });
  return list;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}

async function write(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const all = plans();
  let files = 0;
  for (const plan of all) {
    for (const set of OPTION_SETS) {
      const options: Partial<Options> = { ...set.options, today: TODAY, ...(plan.sourceRoot !== undefined ? { sourceRoot: plan.sourceRoot } : {}) };
      const input: InputSpec = plan.text !== undefined ? { source: plan.name, data: Buffer.from(plan.text) } : { source: plan.name, path: plan.file ?? '' };
      const report = await check(input, options);
      const dir = path.join(outDir, safeName(plan.name), set.name);
      mkdirSync(dir, { recursive: true });
      const context = { failOn: options.failOn, onlyNew: options.onlyNew, strict: options.strict };
      for (const format of formatNames) {
        const formatter = await loadFormatter(format);
        writeFileSync(path.join(dir, format), formatter(report, { ...context, color: false }));
        files++;
      }
      writeFileSync(path.join(dir, 'text-color'), (await loadFormatter('text'))(report, { ...context, color: true }));
      writeFileSync(path.join(dir, 'exit-code'), `${exitCodeFor(report)}\n`);
      files += 2;
    }
  }
  process.stdout.write(
    `wrote ${all.length} plans x ${OPTION_SETS.length} option sets x ${formatNames.length + 2} outputs (${formatNames.join(', ')}, text in colour, exit code) = ${files} files to ${path.relative(process.cwd(), outDir) || '.'}\n`,
  );
}

/** `text` without the fields at `paths` (dotted), written as the json format writes it; undefined when it is not such a report. */
function withoutAdded(text: string, paths: readonly string[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const dotted of paths) {
    const keys = dotted.split('.');
    let holder: unknown = value;
    for (const key of keys.slice(0, -1)) holder = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[key] : undefined;
    if (typeof holder === 'object' && holder !== null) delete (holder as Record<string, unknown>)[keys.at(-1) ?? ''];
  }
  return `${jsonText(value)}\n`;
}

function compare(a: string, b: string, added: readonly string[] = []): boolean {
  const filesA = walk(a, () => true).map((f) => path.relative(a, f));
  const filesB = walk(b, () => true).map((f) => path.relative(b, f));
  const setB = new Set(filesB);
  const differ: string[] = [];
  let addedOnly = 0;
  for (const file of filesA) {
    if (!setB.has(file)) {
      differ.push(`only in ${a}: ${file}`);
      continue;
    }
    const before = readFileSync(path.join(a, file));
    const after = readFileSync(path.join(b, file));
    if (before.equals(after)) continue;
    if (added.length > 0 && path.basename(file) === 'json' && withoutAdded(after.toString('utf8'), added) === before.toString('utf8')) addedOnly++;
    else differ.push(`differs: ${file}`);
  }
  const setA = new Set(filesA);
  for (const file of filesB) if (!setA.has(file)) differ.push(`only in ${b}: ${file}`);
  if (differ.length > 0) {
    process.stdout.write(`${differ.length} of ${Math.max(filesA.length, filesB.length)} files differ:\n${differ.slice(0, 50).join('\n')}\n`);
    return false;
  }
  const same = filesA.length - addedOnly;
  process.stdout.write(
    `${same} files identical byte for byte${addedOnly > 0 ? `; ${addedOnly} JSON reports identical byte for byte but for the added ${added.join(', ')}` : ''}\n`,
  );
  return true;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, first, second] = argv;
  const added = argv.flatMap((arg, i) => (argv[i - 1] === '--added' ? [arg] : []));
  if (command === 'write' && first !== undefined) {
    await write(path.resolve(first));
    return 0;
  }
  if (command === 'compare' && first !== undefined && second !== undefined) return compare(path.resolve(first), path.resolve(second), added) ? 0 : 1;
  if (command === 'check') {
    const baseline = path.join(repoRoot, '.reports/baseline');
    if (!existsSync(baseline)) await write(baseline);
    await write(path.join(repoRoot, '.reports/current'));
    return compare(baseline, path.join(repoRoot, '.reports/current'), added) ? 0 : 1;
  }
  process.stderr.write('Usage: report-snapshot write <dir> | compare <dir-a> <dir-b> | check\n');
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
