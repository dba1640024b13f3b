import { expect } from 'chai';
import {
  describeProgress,
  isLargeInput,
  PROGRESS_FROM_BYTES,
  PROGRESS_INTERVAL_MS,
  ProgressLine,
  progressWanted,
  type ProgressEvent,
} from '../../lib/input/progress.js';

const MIB = 1024 * 1024;

describe('progress: when it is shown', () => {
  const cases: Array<[string, boolean, Record<string, string | undefined>, boolean]> = [
    ['a terminal', true, {}, true],
    ['not a terminal (a log, a pipe)', false, {}, false],
    ['a CI job with a pseudo-terminal', true, { CI: 'true' }, false],
    ['CI=1', true, { CI: '1' }, false],
    ['CI set to false', true, { CI: 'false' }, true],
    ['CI=0', true, { CI: '0' }, true],
    ['CI empty', true, { CI: '' }, true],
    ['a dumb terminal', true, { TERM: 'dumb' }, false],
    ['an ordinary terminal type', true, { TERM: 'xterm-256color' }, true],
  ];
  for (const [name, stderrIsTTY, env, expected] of cases) {
    it(`${expected ? 'on' : 'not on'} ${name}`, () => expect(progressWanted({ stderrIsTTY, env })).to.equal(expected));
  }

  it('only for inputs of 8 MiB and more', () => {
    expect(PROGRESS_FROM_BYTES).to.equal(8 * MIB);
    expect(isLargeInput({ phase: 'read', source: 'stdin', bytes: 8 * MIB - 1 })).to.equal(false);
    expect(isLargeInput({ phase: 'read', source: 'stdin', bytes: 8 * MIB })).to.equal(true);
    expect(isLargeInput({ phase: 'scan', source: 'p', bytes: 0, total: 8 * MIB })).to.equal(true);
    expect(isLargeInput({ phase: 'scan', source: 'p', bytes: 7 * MIB, total: 7 * MIB })).to.equal(false);
    expect(isLargeInput({ phase: 'judge', source: 'p', resources: 1e6, judged: 0, policies: 1e5 })).to.equal(false);
  });
});

describe('progress: what it says', () => {
  it('bytes read, bytes of the total, resources and policies', () => {
    expect(describeProgress({ phase: 'read', source: 'stdin', bytes: 12.34 * MIB })).to.equal('kmsguard: stdin: 12.3 MiB read');
    expect(describeProgress({ phase: 'scan', source: 'plan.json', bytes: 16 * MIB, total: 600 * MIB })).to.equal(
      'kmsguard: plan.json: 16.0 MiB of 600.0 MiB read',
    );
    expect(describeProgress({ phase: 'judge', source: 'plan.json', resources: 150123, judged: 1200, policies: 27434 })).to.equal(
      'kmsguard: plan.json: 150,123 resources, 1,200 of 27,434 policies judged',
    );
  });

  it('escapes control characters and workflow commands in a file name', () => {
    expect(describeProgress({ phase: 'read', source: 'a\u001b[2J\r\u202e##[x].json', bytes: MIB })).to.equal(
      'kmsguard: a\\u001b[2J\\u000d\\u202e#\u200b#[x].json: 1.0 MiB read',
    );
  });
});

describe('progress: the line', () => {
  function line(): { written: string[]; clock: { now: number }; progress: ProgressLine } {
    const written: string[] = [];
    const clock = { now: 0 };
    return {
      written,
      clock,
      progress: new ProgressLine(
        (text) => written.push(text),
        () => clock.now,
      ),
    };
  }
  const scan = (bytes: number, total = 100 * MIB): ProgressEvent => ({ phase: 'scan', source: 'p', bytes, total });

  it('draws nothing, not even when finished, for a small input', () => {
    const { written, progress } = line();
    progress.update({ phase: 'read', source: 'stdin', bytes: MIB });
    progress.update(scan(MIB, 2 * MIB));
    progress.update({ phase: 'judge', source: 'p', resources: 10, judged: 1, policies: 2 });
    progress.finish();
    expect(written).to.deep.equal([]);
  });

  it('redraws the line in place, at most every 100 ms within a phase, and erases it at the end', () => {
    const { written, clock, progress } = line();
    progress.update(scan(0));
    clock.now = PROGRESS_INTERVAL_MS - 1;
    progress.update(scan(16 * MIB));
    clock.now = PROGRESS_INTERVAL_MS;
    progress.update(scan(32 * MIB));
    progress.update({ phase: 'judge', source: 'p', resources: 5, judged: 0, policies: 3 });
    progress.finish();
    expect(written).to.deep.equal([
      '\r\u001b[2Kkmsguard: p: 0.0 MiB of 100.0 MiB read',
      '\r\u001b[2Kkmsguard: p: 32.0 MiB of 100.0 MiB read',
      '\r\u001b[2Kkmsguard: p: 5 resources, 0 of 3 policies judged',
      '\r\u001b[2K',
    ]);
  });

  it('starts once standard input has brought 8 MiB', () => {
    const { written, progress } = line();
    progress.update({ phase: 'read', source: 'stdin', bytes: 4 * MIB });
    progress.update({ phase: 'read', source: 'stdin', bytes: 8 * MIB });
    expect(written).to.deep.equal(['\r\u001b[2Kkmsguard: stdin: 8.0 MiB read']);
  });
});
