/**
 * Red-team command-line cases: input as users really pipe it and options that change the
 * exit code (README, Usage and Exit codes). Each row gives the exact exit code and text the output must contain.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const PLAN = fixture('redteam', 'versions-tf1.12.v1.2.plan.json');
const UNKNOWN_ONLY = fixture('redteam', 'key-arn-chains.v1.1.plan.json');
const planText = () => readFileSync(PLAN, 'utf8');
const planValue = () => JSON.parse(planText()) as Record<string, unknown>;

/** Files written into a fresh directory before the cases run: name -> content. */
function inputs(): Record<string, string | Buffer> {
  const text = planText();
  const minified = JSON.stringify(planValue());
  return {
    'errored.json': JSON.stringify({ ...planValue(), errored: true }),
    'format-2.json': JSON.stringify({ ...planValue(), format_version: '2.0' }),
    'format-1.9.json': JSON.stringify({ ...planValue(), format_version: '1.9' }),
    'no-format.json': JSON.stringify({ ...planValue(), format_version: undefined }),
    'raw-state.json': JSON.stringify({ version: 4, terraform_version: '1.5.7', serial: 3, lineage: 'a1b2', outputs: {}, resources: [] }),
    'no-state.json': '{"format_version":"1.0"}\n',
    'plan.tfplan': Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]),
    'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = "{}"\n}\n',
    'empty.json': '',
    'blank.json': '  \n\t\n',
    'array.json': '[1, 2]',
    'string.json': '"plan"',
    'other.json': '{"hello": "world"}',
    'truncated.json': text.slice(0, 5000),
    'wrapper.json': `${text}\n::debug::Terraform exited with code 0.\n::debug::stderr:\n`,
    'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    'utf16le.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'utf16be.json': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    'concatenated.json': text + text,
    'lines.json': `${minified}\n${minified}\n`,
  };
}

interface CliCase {
  readonly name: string;
  /** Arguments; `@name` is a file written by inputs(), `%plan` the plan fixture, `%unknown` the unknown-only fixture. */
  readonly args: readonly string[];
  readonly stdin?: 'plan';
  readonly exit: number;
  readonly stderr?: readonly string[];
  /** Expected summary.documents and findings' positions, read from the json report. */
  readonly documents?: number;
  readonly positions?: readonly (number | undefined)[];
  readonly source?: string;
  /** Stderr must be exactly one line. */
  readonly oneLine?: boolean;
  readonly knownWrong?: string;
}

const FINDINGS_POSITIONS_TWO = [1, 1, 1, 2, 2, 2];

const CASES: readonly CliCase[] = [
  { name: 'an errored plan', args: ['@errored.json'], exit: 2, stderr: ['errored'] },
  { name: 'format_version 2.0', args: ['@format-2.json'], exit: 2, stderr: ['format_version', '2.0'] },
  { name: 'format_version 1.9 (a newer minor) is read', args: ['--format', 'json', '@format-1.9.json'], exit: 1, documents: 1 },
  { name: 'no format_version', args: ['@no-format.json'], exit: 2, stderr: ['format_version'] },
  { name: 'a raw state file', args: ['@raw-state.json'], exit: 2, stderr: ['terraform show -json'] },
  { name: '`terraform show -json` with no state', args: ['--format', 'json', '@no-state.json'], exit: 0, documents: 1 },
  { name: 'a binary plan file', args: ['@plan.tfplan'], exit: 2, stderr: ['terraform show -json <planfile>'] },
  { name: 'HCL', args: ['@main.tf'], exit: 2, stderr: ['HCL'] },
  { name: 'an empty file', args: ['@empty.json'], exit: 2, stderr: ['empty'] },
  { name: 'whitespace only', args: ['@blank.json'], exit: 2, stderr: ['whitespace'] },
  { name: 'a JSON array', args: ['@array.json'], exit: 2, stderr: ['array'] },
  { name: 'a JSON string', args: ['@string.json'], exit: 2, stderr: ['string'] },
  { name: 'an object that is neither plan nor state', args: ['@other.json'], exit: 2, stderr: ['neither'] },
  { name: 'truncated JSON says where', args: ['@truncated.json'], exit: 2, stderr: ['line', 'column'] },
  { name: 'a missing file', args: ['@missing.json'], exit: 2, stderr: ['does not exist'] },
  { name: 'a directory', args: ['@dir'], exit: 2, stderr: ['directory'] },
  {
    name: 'a readable plan next to a missing file: exit 2, the plan still judged',
    args: ['--format', 'json', '%plan', '@missing.json'],
    exit: 2,
    documents: 1,
  },
  {
    name: 'setup-terraform wrapper lines after the plan',
    args: ['--format', 'json', '@wrapper.json'],
    exit: 1,
    stderr: ['terraform_wrapper: false'],
    documents: 1,
  },
  {
    name: 'UTF-8 with BOM',
    args: ['--format', 'json', '--rule', 'kms-decrypt', '@bom.json'],
    exit: 1,
    documents: 1,
    positions: [undefined, undefined, undefined],
  },
  {
    name: 'UTF-16LE with BOM',
    args: ['--format', 'json', '--rule', 'kms-decrypt', '@utf16le.json'],
    exit: 1,
    documents: 1,
    positions: [undefined, undefined, undefined],
  },
  {
    name: 'UTF-16BE with BOM',
    args: ['--format', 'json', '--rule', 'kms-decrypt', '@utf16be.json'],
    exit: 1,
    documents: 1,
    positions: [undefined, undefined, undefined],
  },
  {
    name: 'two plans concatenated',
    args: ['--format', 'json', '--rule', 'kms-decrypt', '@concatenated.json'],
    exit: 1,
    documents: 2,
    positions: FINDINGS_POSITIONS_TWO,
  },
  {
    name: 'one plan per line (terragrunt run-all show -json)',
    args: ['--format', 'json', '--rule', 'kms-decrypt', '@lines.json'],
    exit: 1,
    documents: 2,
    positions: FINDINGS_POSITIONS_TWO,
  },
  { name: 'stdin with -', args: ['--format', 'json', '-'], stdin: 'plan', exit: 1, documents: 1, source: 'stdin' },
  { name: 'stdin with no file', args: ['--format', 'json'], stdin: 'plan', exit: 1, documents: 1, source: 'stdin' },
  { name: 'empty stdin', args: [], exit: 2, stderr: ['stdin', 'empty'] },
  { name: 'an unknown option', args: ['--bogus', '%plan'], exit: 2, stderr: ['bogus'] },
  { name: 'an invalid --fail-on', args: ['--fail-on', 'bogus', '%plan'], exit: 2, stderr: ['fail-on'] },
  { name: 'an unknown format', args: ['--format', 'yaml', '%plan'], exit: 2, stderr: ['yaml'] },
  { name: 'a blocked action that is no KMS action', args: ['--blocked-action', 's3:GetObject', '%plan'], exit: 2, stderr: ['s3:GetObject'] },
  { name: 'unknown policies only: a warning, exit 0', args: ['%unknown'], exit: 0 },
  { name: '--strict: unknown policies fail', args: ['--strict', '%unknown'], exit: 1 },
  { name: '--strict=true', args: ['--strict=true', '%unknown'], exit: 1 },
  { name: '--strict=1 must not silently switch strictness off', args: ['--strict=1', '%unknown'], exit: 2, oneLine: true, stderr: ['--strict'] },
  { name: '--strict=yes must not silently switch strictness off', args: ['--strict=yes', '%unknown'], exit: 2, oneLine: true, stderr: ['--strict'] },
  { name: 'an invalid option value gets one sentence on stderr', args: ['--fail-on', 'bogus', '%plan'], exit: 2, oneLine: true },
  { name: 'an invalid --partition gets one sentence on stderr', args: ['--partition', 'aws-mars', '%plan'], exit: 2, oneLine: true },
];

describe('red team: the command line on inputs as users pipe them', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kmsguard-redteam-'));
    for (const [name, content] of Object.entries(inputs())) writeFileSync(path.join(dir, name), content);
    mkdirSync(path.join(dir, 'dir'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const resolve = (arg: string) => (arg.startsWith('@') ? path.join(dir, arg.slice(1)) : arg === '%plan' ? PLAN : arg === '%unknown' ? UNKNOWN_ONLY : arg);

  for (const c of CASES) {
    const test = c.knownWrong ? it.skip : it;
    test(`${c.name}: exit ${c.exit}`, () => {
      const result = runCli(c.args.map(resolve), c.stdin === 'plan' ? { input: planText() } : {});
      expect(result.stderr, 'no stack trace').to.not.match(/\n\s+at /);
      expect(result.status, result.stderr).to.equal(c.exit);
      for (const text of c.stderr ?? []) expect(result.stderr).to.include(text);
      if (c.oneLine) expect(result.stderr.trim().split('\n')).to.have.length(1);
      if (c.documents !== undefined) {
        const report = JSON.parse(result.stdout) as Report;
        expect(report.summary.documents).to.equal(c.documents);
        if (c.positions !== undefined) expect(report.findings.map((f) => f.position)).to.deep.equal(c.positions);
        if (c.source !== undefined) expect([...new Set(report.findings.map((f) => f.source))]).to.deep.equal([c.source]);
      }
    });
  }
});
