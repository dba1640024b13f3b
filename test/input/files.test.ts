import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readInput } from '../../lib/input/index.js';
import { fixture } from '../support/paths.js';
import { PLAN, STATE } from './catalogue.js';

const SHOW_FILE = 'pass the JSON file written from `terraform show -json <planfile>`';

/** A path that cannot be read: as root, a write-only sysctl (root reads any ordinary file). */
function unreadablePath(directory: string): string {
  if (process.getuid?.() === 0) return '/proc/sys/vm/compact_memory';
  const file = path.join(directory, 'unreadable.json');
  writeFileSync(file, '{}');
  chmodSync(file, 0o000);
  return file;
}

describe('input files', () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'kmsguard-input-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  const cases: ReadonlyArray<{ name: string; path: () => string; message: string }> = [
    { name: 'a missing file', path: () => path.join(directory, 'missing.json'), message: `The file does not exist; ${SHOW_FILE}.` },
    {
      name: 'a path through a file',
      path: () => path.join(fixture('input', 'plan-small.json'), 'x.json'),
      message: `The file does not exist (part of its path is not a directory); ${SHOW_FILE}.`,
    },
    { name: 'a directory', path: () => directory, message: `The path is a directory, not a file; ${SHOW_FILE}.` },
    { name: 'a file that may not be read', path: () => unreadablePath(directory), message: 'The file cannot be read: permission denied.' },
  ];
  for (const entry of cases) {
    it(`${entry.name}: one error naming the path as given`, async () => {
      const given = entry.path();
      expect(await readInput({ source: given, path: given })).to.deep.equal({
        documents: [],
        warnings: [],
        errors: [{ source: given, message: entry.message }],
      });
    });
  }

  it('names documents, warnings and errors after the source as given', async () => {
    const file = path.join(directory, 'run-all.json');
    const plan = JSON.stringify(PLAN);
    writeFileSync(file, `${plan}\n${JSON.stringify(STATE)}\n{"a":1}\n::debug::exitcode: 0\n`);
    const result = await readInput({ source: 'run-all.json', path: file });
    expect(result.documents).to.deep.equal([
      { source: 'run-all.json', position: 1, value: PLAN },
      { source: 'run-all.json', position: 2, value: STATE },
    ]);
    expect(result.errors.map((e) => [e.source, e.position])).to.deep.equal([['run-all.json', 3]]);
    expect(result.warnings.map((w) => [w.source, w.position])).to.deep.equal([['run-all.json', undefined]]);
  });

  it('reads a file through a symbolic link and a relative path', async () => {
    copyFileSync(fixture('input', 'state-small.json'), path.join(directory, 'state.json'));
    const result = await readInput({ source: 'state.json', path: path.relative(process.cwd(), path.join(directory, 'state.json')) });
    expect(result).to.deep.equal({ documents: [{ source: 'state.json', value: STATE }], warnings: [], errors: [] });
  });

  it('reads a named pipe (mkfifo) once, taking what its writer wrote', async function () {
    this.timeout(20_000);
    const fifo = path.join(directory, 'plan.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fixture('input', 'plan-small.json'), fifo], { stdio: 'ignore' });
    try {
      // Opened twice (to look at it, then to read it), the first open took the writer's data with it and the second waited for ever.
      const result = await Promise.race([
        readInput({ source: 'plan.fifo', path: fifo }),
        new Promise<string>((resolve) => setTimeout(resolve, 10_000, 'hung')),
      ]);
      expect(result).to.deep.equal({ documents: [{ source: 'plan.fifo', value: PLAN }], warnings: [], errors: [] });
    } finally {
      writer.kill();
    }
  });

  it('judges an already parsed value', async () => {
    expect(await readInput({ source: 'api', value: PLAN })).to.deep.equal({ documents: [{ source: 'api', value: PLAN }], warnings: [], errors: [] });
    expect(await readInput({ source: 'api', value: [PLAN] })).to.deep.equal({
      documents: [],
      warnings: [],
      errors: [
        {
          source: 'api',
          message: 'The input is a JSON array, not a plan or state object; pass each plan as its own document (for example one per line), not inside an array.',
        },
      ],
    });
  });
});
