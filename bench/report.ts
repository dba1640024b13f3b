/**
 * The benchmark's options, statistics and table: pure functions, tested on their own.
 */

export interface BenchOptions {
  /** Plan sizes in MiB. */
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly startupRuns: number;
  readonly out: string;
  /** Also measure the plan piped into standard input. */
  readonly stdin: boolean;
  /** Check one report per size against what the generator planted. */
  readonly check: boolean;
}

export interface Measurement {
  readonly seconds: number;
  /** Peak resident set size, when /usr/bin/time could say. */
  readonly peakRssMiB: number | null;
  readonly exitCode: number | null;
  /** Why the command failed (exit codes 0 and 1 are kmsguard's verdicts, not failures). */
  readonly error?: string;
}

export interface SizeResult {
  readonly sizeMiB: number;
  readonly file: string;
  readonly resourceChanges: number;
  readonly plantedFindings: number;
  readonly kmsguard: Measurement;
  readonly baseline: Measurement;
  readonly stdin?: Measurement;
  readonly samples: Readonly<Record<string, readonly Measurement[]>>;
  readonly check?: string;
  readonly stdinCheck?: string;
}

export interface StartupResult {
  readonly planBytes: number;
  readonly node: Measurement;
  readonly kmsguard: Measurement;
  readonly samples: Readonly<Record<string, readonly Measurement[]>>;
}

export const STARTUP_TARGET = 1.6;
export const DEFAULT_SIZES: readonly number[] = [1, 100, 600];

function positive(value: string, what: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${what} must be a positive number, not "${value}"`);
  return number;
}

/** Command-line flags win over environment variables, which win over the defaults. */
export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, defaultOut: string): BenchOptions {
  let sizes = env['KMSGUARD_BENCH_SIZES'];
  let runs = env['KMSGUARD_BENCH_RUNS'];
  let startupRuns = env['KMSGUARD_BENCH_STARTUP_RUNS'];
  let out = env['KMSGUARD_BENCH_OUT'];
  let stdin = true;
  let check = true;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const given = inline ?? argv[++i];
      if (given === undefined) throw new Error(`${name} needs a value`);
      return given;
    };
    switch (name) {
      case '--sizes':
        sizes = value();
        break;
      case '--runs':
        runs = value();
        break;
      case '--startup-runs':
        startupRuns = value();
        break;
      case '--out':
        out = value();
        break;
      case '--no-stdin':
        stdin = false;
        break;
      case '--no-check':
        check = false;
        break;
      default:
        throw new Error(`unknown option ${flag} (see bench/run.ts)`);
    }
  }
  return {
    sizes: sizes === undefined ? DEFAULT_SIZES : sizes.split(',').map((s) => positive(s.trim(), '--sizes')),
    runs: runs === undefined ? 3 : Math.round(positive(runs, '--runs')),
    startupRuns: startupRuns === undefined ? 20 : Math.round(positive(startupRuns, '--startup-runs')),
    out: out ?? defaultOut,
    stdin,
    check,
  };
}

/**
 * The run with the median time (the lower middle one for an even count), with the highest
 * peak RSS of all runs, and the first error any run had.
 */
export function median(runs: readonly Measurement[]): Measurement {
  if (runs.length === 0) throw new Error('no runs to take the median of');
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const peaks = runs.map((r) => r.peakRssMiB).filter((p): p is number => p !== null);
  const error = runs.find((r) => r.error !== undefined)?.error;
  return {
    seconds: middle.seconds,
    peakRssMiB: peaks.length > 0 ? Math.max(...peaks) : null,
    exitCode: middle.exitCode,
    ...(error !== undefined ? { error } : {}),
  };
}

function seconds(m: Measurement): string {
  return `${m.seconds.toFixed(3)} s`;
}

function rate(sizeMiB: number, m: Measurement): string {
  return m.error !== undefined ? '-' : (sizeMiB / m.seconds).toFixed(1);
}

function rss(m: Measurement): string {
  return m.peakRssMiB === null ? '?' : `${Math.round(m.peakRssMiB)} MiB`;
}

/** kmsguard time / baseline time, or a dash when either failed. */
export function ratio(kmsguard: Measurement, baseline: Measurement): string {
  if (kmsguard.error !== undefined || baseline.error !== undefined) return '-';
  return (kmsguard.seconds / baseline.seconds).toFixed(2);
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
    .join('  ')
    .trimEnd();
}

export function renderTable(startup: StartupResult, sizes: readonly SizeResult[]): string {
  const lines: string[] = [];
  const startupRatio = startup.kmsguard.seconds / startup.node.seconds;
  lines.push(
    `start-up (plan of ${(startup.planBytes / 1024).toFixed(0)} KiB): kmsguard ${seconds(startup.kmsguard)}, node -e 0 ${seconds(startup.node)}, ` +
      `ratio ${startupRatio.toFixed(2)} (target <= ${STARTUP_TARGET}) ${startupRatio <= STARTUP_TARGET ? 'met' : 'NOT MET'}`,
  );
  lines.push('');
  const header = ['size', 'input', 'kmsguard', 'MiB/s', 'peak RSS', 'baseline', 'MiB/s', 'peak RSS', 'ratio', 'report'];
  const rows: string[][] = [];
  for (const size of sizes) {
    const baselineTime = size.baseline.error !== undefined ? `failed: ${size.baseline.error}` : seconds(size.baseline);
    const kmsguardTime = (m: Measurement): string => (m.error !== undefined ? `failed: ${m.error}` : seconds(m));
    rows.push([
      `${size.sizeMiB.toFixed(1)} MiB`,
      'file',
      kmsguardTime(size.kmsguard),
      rate(size.sizeMiB, size.kmsguard),
      rss(size.kmsguard),
      baselineTime,
      rate(size.sizeMiB, size.baseline),
      rss(size.baseline),
      ratio(size.kmsguard, size.baseline),
      size.check ?? '',
    ]);
    if (size.stdin !== undefined) {
      rows.push([
        '',
        'stdin',
        kmsguardTime(size.stdin),
        rate(size.sizeMiB, size.stdin),
        rss(size.stdin),
        '',
        '',
        '',
        ratio(size.stdin, size.baseline),
        size.stdinCheck ?? '',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  lines.push(pad(header, widths));
  lines.push(
    pad(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
  );
  for (const row of rows) lines.push(pad(row, widths));
  lines.push('');
  lines.push('kmsguard: node dist/bin/kmsguard.js --format json <file> > /dev/null (stdin: cat <file> | ... -)');
  lines.push(`baseline: node -e "JSON.parse(require('fs').readFileSync(f,'utf8'))" on the same file; ratio = kmsguard time / baseline time`);
  return lines.join('\n');
}
