import { expect } from 'chai';
import { median, parseOptions, ratio, renderTable, type Measurement } from '../../bench/report.js';

const run = (seconds: number, peakRssMiB: number | null = 100, error?: string): Measurement => ({
  seconds,
  peakRssMiB,
  exitCode: error === undefined ? 1 : 7,
  ...(error !== undefined ? { error } : {}),
});

describe('benchmark options', () => {
  it('default to 1, 100 and 600 MiB, 3 runs, stdin and checks on', () => {
    expect(parseOptions([], {}, '/out')).to.deep.equal({ sizes: [1, 100, 600], runs: 3, startupRuns: 20, out: '/out', stdin: true, check: true });
  });

  it('take the environment, and flags over the environment', () => {
    const env = { KMSGUARD_BENCH_SIZES: '0.5, 2', KMSGUARD_BENCH_RUNS: '5', KMSGUARD_BENCH_OUT: '/env' };
    expect(parseOptions([], env, '/out')).to.deep.include({ sizes: [0.5, 2], runs: 5, out: '/env' });
    expect(parseOptions(['--sizes=3', '--runs', '1', '--no-stdin', '--no-check', '--startup-runs', '4'], env, '/out')).to.deep.equal({
      sizes: [3],
      runs: 1,
      startupRuns: 4,
      out: '/env',
      stdin: false,
      check: false,
    });
  });

  for (const [argv, message] of [
    [['--sizes', '1,x'], '--sizes must be a positive number, not "x"'],
    [['--runs', '0'], '--runs must be a positive number, not "0"'],
    [['--runs'], '--runs needs a value'],
    [['--fast'], 'unknown option --fast (see bench/run.ts)'],
  ] as const) {
    it(`refuse ${argv.join(' ')}`, () => {
      expect(() => parseOptions(argv, {}, '/out')).to.throw(message);
    });
  }
});

describe('benchmark statistics', () => {
  it('take the median time, the highest peak RSS and the first error', () => {
    expect(median([run(3, 50), run(1, 300), run(2, 70)])).to.deep.equal({ seconds: 2, peakRssMiB: 300, exitCode: 1 });
    expect(median([run(4), run(1)])).to.deep.equal({ seconds: 1, peakRssMiB: 100, exitCode: 1 });
    expect(median([run(1, null), run(2, null, 'ERR_STRING_TOO_LONG')])).to.deep.equal({
      seconds: 1,
      peakRssMiB: null,
      exitCode: 1,
      error: 'ERR_STRING_TOO_LONG',
    });
    expect(() => median([])).to.throw('no runs');
  });

  it('compare kmsguard to the baseline as a time ratio, or not at all when either failed', () => {
    expect(ratio(run(1.5), run(2))).to.equal('0.75');
    expect(ratio(run(1.5), run(2, 1, 'ERR_STRING_TOO_LONG'))).to.equal('-');
  });
});

describe('benchmark table', () => {
  const table = renderTable({ planBytes: 24 * 1024, node: run(0.05), kmsguard: run(0.07), samples: {} }, [
    {
      sizeMiB: 100,
      file: 'p',
      resourceChanges: 1,
      plantedFindings: 1,
      kmsguard: run(1),
      baseline: run(2, 500),
      stdin: run(1.2),
      samples: {},
      check: 'ok (1 findings)',
      stdinCheck: 'ok (1 findings)',
    },
    {
      sizeMiB: 600,
      file: 'q',
      resourceChanges: 1,
      plantedFindings: 1,
      kmsguard: run(6, 1200),
      baseline: run(0.4, 700, 'ERR_STRING_TOO_LONG'),
      samples: {},
      check: 'ok (9 findings)',
    },
  ]);
  const lines = table.split('\n');

  it('says whether start-up met its target', () => {
    expect(lines[0]).to.equal('start-up (plan of 24 KiB): kmsguard 0.070 s, node -e 0 0.050 s, ratio 1.40 (target <= 1.6) met');
  });

  it('has a row per size and input, with rates, peaks, ratio and the check', () => {
    expect(lines[2]).to.match(/^size\s+input\s+kmsguard\s+MiB\/s\s+peak RSS\s+baseline\s+MiB\/s\s+peak RSS\s+ratio\s+report$/);
    expect(lines[4]).to.match(/^100\.0 MiB\s+file\s+1\.000 s\s+100\.0\s+100 MiB\s+2\.000 s\s+50\.0\s+500 MiB\s+0\.50\s+ok \(1 findings\)$/);
    expect(lines[5]).to.match(/^\s+stdin\s+1\.200 s\s+83\.3\s+100 MiB\s+0\.60\s+ok \(1 findings\)$/);
    expect(lines[6]).to.match(/^600\.0 MiB\s+file\s+6\.000 s\s+100\.0\s+1200 MiB\s+failed: ERR_STRING_TOO_LONG\s+-\s+700 MiB\s+-\s+ok \(9 findings\)$/);
  });
});
