/**
 * Broken input through the built command line (`--format json`, file or stdin): the exit code is
 * always 0, 1 or 2, stderr never shows a crash, stdout is the JSON report whenever the exit code
 * is 0 or 1, the command line agrees with check() on the same bytes, and an unreadable policy
 * is listed as invalid and fails the run.
 *
 * Spawning is slow, so the cases are drawn up front (seeded) and run a few at a time:
 * KMSGUARD_FUZZ_SPAWNS sets how many (default 120), KMSGUARD_SEED replays a run.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../../lib/index.js';
import type { Report } from '../../lib/types.js';
import { binPath, corpusDir } from '../support/paths.js';
import { expectConsistentReport, expectListedInvalid, expectNoCrash, impliedExit } from './invariants.js';
import { applyByteEdit, applyStructureEdit, byteEdit, encode, encoding, structureEdit, unreadable } from './mutations.js';
import { buildPlan, policyLocation } from './plan-builder.js';
import { plannedResources } from './planned-cases.js';
import { requireCorpus } from '../support/shared.js';

const SPAWNS = Number(process.env.KMSGUARD_FUZZ_SPAWNS ?? 120);
const SEED = process.env.KMSGUARD_SEED !== undefined ? Number(process.env.KMSGUARD_SEED) : Date.now() % 2 ** 31;
const PARALLEL = Math.max(1, Math.min(4, os.cpus().length));

interface Case {
  readonly label: string;
  readonly bytes: Buffer;
  readonly viaStdin: boolean;
  /** Policies known to be unreadable: they must be listed as invalid. */
  readonly unreadable: readonly { readonly address: string; readonly policyPath: string }[];
}

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], input: Buffer | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => undefined); // the process may exit before reading everything
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

function corpusFiles(): { name: string; text: string }[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json') && f !== 'EXPECTED.json')
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(corpusDir, name), 'utf8') }));
}

function caseArbitrary(corpus: readonly { name: string; text: string }[]): fc.Arbitrary<Case> {
  const small = corpus.filter((f) => f.text.length < 600_000);
  const damagedCorpus = fc.tuple(fc.constantFrom(...small), encoding, fc.array(byteEdit, { minLength: 1, maxLength: 3 }), fc.boolean()).map(
    ([file, as, edits, viaStdin]): Case => ({
      label: `${file.name} as ${as} with ${JSON.stringify(edits)}`,
      bytes: edits.reduce(applyByteEdit, encode(file.text, as)),
      viaStdin,
      unreadable: [],
    }),
  );
  const restructuredCorpus = fc
    .tuple(fc.constantFrom(...small), fc.array(structureEdit, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([file, edits, viaStdin]): Case => {
      let document: unknown;
      try {
        document = JSON.parse(file.text);
      } catch {
        return { label: `${file.name} as is`, bytes: Buffer.from(file.text), viaStdin, unreadable: [] };
      }
      const changes = edits.map((edit) => applyStructureEdit(document, edit));
      return { label: `${file.name} with ${changes.join('; ')}`, bytes: Buffer.from(JSON.stringify(document)), viaStdin, unreadable: [] };
    });
  const generated = fc.tuple(plannedResources, encoding, fc.boolean()).map(([items, as, viaStdin]): Case => {
    const plan = buildPlan(items.map((i) => i.resource));
    const broken = items.filter(({ c }) => c.kind === 'not-text' || ('text' in c.policy && unreadable(c.policy.text)));
    return {
      label: `generated plan as ${as}: ${JSON.stringify(plan)}`,
      // Without a byte order mark, UTF-16 cannot be told from other text: keep those for the corpus cases.
      bytes: encode(JSON.stringify(plan), as === 'utf16le' || as === 'latin1' ? 'utf8' : as),
      viaStdin,
      unreadable: broken.map(({ resource }) => policyLocation(resource)),
    };
  });
  return fc.oneof(damagedCorpus, restructuredCorpus, generated);
}

/** Runs one case; on failure keeps its input in the temporary directory and names it. */
async function judgeCase(c: Case, dir: string, n: number): Promise<void> {
  try {
    await checkCase(c, dir, n);
  } catch (error) {
    const kept = path.join(os.tmpdir(), `kmsguard-fuzz-seed${SEED}-case${n}.json`);
    writeFileSync(kept, c.bytes);
    (error as Error).message = `${(error as Error).message}\n(input kept in ${kept}, given via ${c.viaStdin ? 'stdin' : 'a file'})`;
    throw error;
  }
}

async function checkCase(c: Case, dir: string, n: number): Promise<void> {
  const context = `case ${n} (KMSGUARD_SEED=${SEED}): ${c.label.slice(0, 2000)}`;
  const file = path.join(dir, `case-${n}.json`);
  if (!c.viaStdin) writeFileSync(file, c.bytes);
  const run = await runCli(['--format', 'json', c.viaStdin ? '-' : file], c.viaStdin ? c.bytes : undefined);
  expect(run.signal, `${context}: killed by a signal`).to.equal(null);
  expect([0, 1, 2], `${context}: exit code ${run.status}; stderr ${run.stderr}`).to.include(run.status);
  expectNoCrash(run.stderr, context);
  const library: Report = await check({ source: c.viaStdin ? 'stdin' : file, data: c.bytes });
  expect(
    run.status,
    `${context}: the command line and check() disagree; stderr ${run.stderr}; stdout ${run.stdout.slice(0, 1500)}; check() summary ${JSON.stringify(library.summary)}`,
  ).to.equal(impliedExit(library));
  if (run.status === 2) {
    expect(run.stderr.trim(), `${context}: exit 2 says why`).not.to.equal('');
    return;
  }
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    expect.fail(`${context}: stdout is not the JSON report: ${run.stdout.slice(0, 500)}`);
  }
  expectConsistentReport(report, context);
  expect(impliedExit(report), `${context}: exit code and report disagree`).to.equal(run.status);
  expect(
    report.findings.map((f) => [f.address, f.policyPath, f.scope]),
    context,
  ).to.deep.equal(library.findings.map((f) => [f.address, f.policyPath, f.scope]));
  for (const where of c.unreadable) expectListedInvalid(report, where.address, where.policyPath, context);
}

describe('fuzz: broken input through the command line', function () {
  this.timeout(900_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kmsguard-fuzz-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(`exits 0, 1 or 2 without a crash, agrees with check() and never passes an unreadable policy (${SPAWNS} runs)`, async function () {
    requireCorpus(this);
    const cases = fc.sample(caseArbitrary(corpusFiles()), { numRuns: SPAWNS, seed: SEED });
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const n = next++;
        await judgeCase(cases[n]!, dir, n);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  });
});
