import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outputTargets } from '../../bin/arguments.js';
import { PARTITIONS } from '../../lib/iam/types.js';
import type { Report } from '../../lib/types.js';
import { VERSION } from '../../lib/version.js';
import { repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const insecure = path.join(repoRoot, 'test', 'fixtures', 'cli', 'insecure.plan.json');
const secure = path.join(repoRoot, 'test', 'fixtures', 'cli', 'secure.plan.json');

describe('command line', () => {
  it('reports the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).to.equal(pkg.version);
    const result = runCli(['--version']);
    expect(result.status).to.equal(0);
    expect(result.stdout.trim()).to.equal(pkg.version);
  });

  it('prints help with exit 0', () => {
    const result = runCli(['--help']);
    expect(result.status).to.equal(0);
    expect(result.stdout).to.contain('Usage: kmsguard [check] [files..]');
    expect(result.stdout).to.contain('--fail-on');
  });

  it('offers --partition the partitions of PARTITIONS, no more, no fewer', () => {
    const help = runCli(['--help']).stdout.replace(/\s+/g, ' ');
    expect(help).to.contain(
      `Partition keys are judged in: ${PARTITIONS.join(', ')} [default: every partition the plan shows, else aws and each other partition the policies' ARN patterns name]`,
    );
    const refused = runCli(['--partition', 'aws-mars', insecure]);
    expect([refused.status, refused.stderr]).to.deep.equal([2, `kmsguard: --partition must be one of ${PARTITIONS.join(', ')}, but was given "aws-mars".\n`]);
  });

  const usageErrors: [string[], string][] = [
    [['--bogus', insecure], 'kmsguard: Unknown argument: bogus.\n'],
    [['--fail-on', 'critical', insecure], 'kmsguard: --fail-on must be one of high, medium, low, never, but was given "critical".\n'],
    [
      ['--partition', 'aws-mars', insecure],
      'kmsguard: --partition must be one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc, but was given "aws-mars".\n',
    ],
    [['--conditions', 'scope', '--conditions', 'ignore', insecure], 'kmsguard: --conditions was given more than once.\n'],
    [['--strict=yes', insecure], 'kmsguard: --strict is a switch and takes no value (or true/false), but was given "yes".\n'],
    [['--only-new=1', insecure], 'kmsguard: --only-new is a switch and takes no value (or true/false), but was given "1".\n'],
    [['--no-color=maybe', insecure], 'kmsguard: --color is a switch and takes no value (or true/false), but was given "maybe".\n'],
    [[insecure, '--fail-on', '--fail-on'], 'kmsguard: Not enough arguments following: fail-on.\n'],
    [['--format', 'yaml', insecure], 'kmsguard: Unknown format "yaml"; choose one of text, json, sarif, junit, markdown, github, atlantis, gitlab.\n'],
    [
      ['--format', 'json', '--format', 'text', insecure],
      'kmsguard: Only one format can go to standard output; give the others a file, e.g. --format text:report.out.\n',
    ],
    [['--format', 'json:', insecure], 'kmsguard: The format "json:" names no file.\n'],
    [['--rule', 'kms-decrypt-all-keys', insecure], 'kmsguard: Unknown rule "kms-decrypt-all-keys"; the rules are kms-decrypt, kms-grant, principal-decrypt.\n'],
    [['--skip-rule', 'grant', insecure], 'kmsguard: Unknown rule "grant"; the rules are kms-decrypt, kms-grant, principal-decrypt.\n'],
    [
      ['--skip-rule', 'kms-decrypt', '--skip-rule', 'kms-grant', insecure],
      'kmsguard: No rule is left to run: --skip-rule and rules leave none of kms-decrypt, kms-grant, principal-decrypt.\n',
    ],
    [[insecure, '--rule'], 'kmsguard: Not enough arguments following: rule.\n'],
    [['--baseline=', insecure], 'kmsguard: --baseline was given an empty name.\n'],
    [['-o', insecure, insecure], `kmsguard: The report file ${insecure} is also read by this run; write the report to another file.\n`],
    [['--format', `sarif:${insecure}`, '--', insecure], `kmsguard: The report file ${insecure} is also read by this run; write the report to another file.\n`],
    [
      ['--baseline', 'base.json', '--format', 'json:./base.json', insecure],
      'kmsguard: The report file ./base.json is also read by this run; write the report to another file.\n',
    ],
    [['-', '-', insecure], 'kmsguard: Standard input ("-") was given more than once; it can be read only once.\n'],
    [['-o', 'a.txt', '-o', 'b.txt', insecure], 'kmsguard: --output was given more than once.\n'],
    [['--config', 'a.json', '--config', 'a.json', insecure], 'kmsguard: --config was given more than once.\n'],
    [['--baseline', 'a.json', '--baseline', 'b.json', insecure], 'kmsguard: --baseline was given more than once.\n'],
    [['--source-root', '.', '--source-root', '.', insecure], 'kmsguard: --source-root was given more than once.\n'],
    [
      ['--format', 'text:r.out', '--format', 'json:./r.out', insecure],
      'kmsguard: Two formats would be written to ./r.out, the second over the first; give each its own file.\n',
    ],
    [
      ['--format', 'json:r.out', '--format', 'text', '-o', 'r.out', insecure],
      'kmsguard: Two formats would be written to r.out, the second over the first; give each its own file.\n',
    ],
  ];
  for (const [args, stderr] of usageErrors) {
    it(`exits 2 on a usage error: ${args.slice(0, -1).join(' ')}`, () => {
      const result = runCli(args);
      expect(result.stderr).to.equal(stderr);
      expect(result.status).to.equal(2);
      expect(result.stdout).to.equal('');
    });
  }

  it('judges a file: exit 1 on a finding, 0 on a clean plan', () => {
    expect(runCli([insecure]).status).to.equal(1);
    expect(runCli([secure]).status).to.equal(0);
    expect(runCli(['check', insecure]).status).to.equal(1);
  });

  it('reads standard input with no file and with "-"', () => {
    const input = readFileSync(insecure);
    for (const args of [
      ['--format', 'json'],
      ['--format', 'json', '-'],
      ['check', '-', '--format', 'json'],
    ]) {
      const result = runCli(args, { input });
      expect(result.status, args.join(' ')).to.equal(1);
      const report = JSON.parse(result.stdout) as { findings: { source: string }[] };
      // kms:* on *: one finding of each rule.
      expect(report.findings.map((f) => f.source)).to.deep.equal(['stdin', 'stdin']);
    }
  });

  it('judges several files in one run, each finding naming its file', () => {
    const result = runCli(['--format', 'json', insecure, secure, '-'], { input: readFileSync(insecure) });
    expect(result.status).to.equal(1);
    const report = JSON.parse(result.stdout) as { summary: { documents: number }; findings: { source: string }[] };
    expect(report.summary.documents).to.equal(3);
    expect(report.findings.map((f) => f.source)).to.deep.equal([insecure, insecure, 'stdin', 'stdin']);
  });

  describe('rule selection', () => {
    const ruleIds = (args: readonly string[]) =>
      (JSON.parse(runCli(['--format', 'json', ...args, insecure]).stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);

    it('runs every rule by default, only those --rule names, and not those --skip-rule names', () => {
      expect(ruleIds([])).to.deep.equal(['kms-decrypt-all-keys', 'kms-grant-all-keys']);
      expect(ruleIds(['--rule', 'kms-grant'])).to.deep.equal(['kms-grant-all-keys']);
      expect(ruleIds(['--rule', 'kms-grant', '--rule', 'kms-decrypt'])).to.deep.equal(['kms-decrypt-all-keys', 'kms-grant-all-keys']);
      expect(ruleIds(['--skip-rule', 'kms-grant'])).to.deep.equal(['kms-decrypt-all-keys']);
      expect(ruleIds(['--rule', 'kms-decrypt', '--rule', 'kms-grant', '--skip-rule', 'kms-decrypt'])).to.deep.equal(['kms-grant-all-keys']);
    });

    it('keeps --blocked-action to the decrypt rule', () => {
      const report = JSON.parse(runCli(['--format', 'json', '--blocked-action', 'kms:Encrypt', insecure]).stdout) as {
        findings: { ruleId: string; actions: string[] }[];
      };
      expect(report.findings.map((f) => [f.ruleId, f.actions])).to.deep.equal([
        ['kms-decrypt-all-keys', ['kms:Encrypt']],
        ['kms-grant-all-keys', ['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey']],
      ]);
    });
  });

  it('--fail-on decides which severities fail', () => {
    expect(runCli(['--fail-on', 'never', insecure]).status).to.equal(0);
    expect(runCli(['--fail-on', 'high', insecure]).status).to.equal(1);
    expect(runCli(['--fail-on', 'low', insecure]).status).to.equal(1);
  });

  it('writes NAME:FILE targets and --output', () => {
    const dir = path.join(repoRoot, 'dist', 'test-output');
    const target = path.join(dir, 'report.json');
    const result = runCli(['--format', `json:${target}`, '--format', 'text', insecure]);
    expect(result.status).to.equal(1);
    expect(result.stdout).to.contain('aws_iam_role_policy.test_policy');
    expect(JSON.parse(readFileSync(target, 'utf8')).summary.findings).to.equal(2);
    const second = path.join(dir, 'report2.json');
    expect(runCli(['--format', 'json', '--output', second, insecure]).stdout).to.equal('');
    expect(JSON.parse(readFileSync(second, 'utf8')).summary.findings).to.equal(2);
  });
});

describe('files after --', () => {
  it('are read, even when they start with -, and the options before still apply', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-dash-dash-'));
    try {
      copyFileSync(insecure, path.join(dir, '-plan.json'));
      // Before, they were left out and standard input (here a clean plan) was read in their place.
      const result = runCli(['--format', 'json', '--', '-plan.json'], { cwd: dir, input: readFileSync(secure) });
      expect(result.status).to.equal(1);
      const report = JSON.parse(result.stdout) as Report;
      expect([...new Set(report.findings.map((f) => f.source))]).to.deep.equal(['-plan.json']);
      expect(runCli(['config', '--', '-'], { cwd: dir })).to.deep.include({ status: 2, stderr: 'kmsguard: Unknown argument: -.\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a file named stdin', () => {
  it('is read as the file, not standard input', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-stdin-name-'));
    try {
      copyFileSync(insecure, path.join(dir, 'stdin'));
      const result = runCli(['--format', 'json', 'stdin'], { cwd: dir, input: readFileSync(secure) });
      expect(result.status).to.equal(1);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.findings.map((f) => [f.source, f.ruleId])).to.deep.equal([
        [`.${path.sep}stdin`, 'kms-decrypt-all-keys'],
        [`.${path.sep}stdin`, 'kms-grant-all-keys'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('outputTargets', () => {
  it('defaults to text on standard output', () => {
    expect(outputTargets([], undefined)).to.deep.equal([{ format: 'text' }]);
  });
  it('splits NAME:FILE at the first colon and applies --output to the first target without a file', () => {
    expect(outputTargets(['sarif:out/a:b.sarif', 'json'], 'r.json')).to.deep.equal([
      { format: 'sarif', file: 'out/a:b.sarif' },
      { format: 'json', file: 'r.json' },
    ]);
  });
});

describe('incomplete plans', () => {
  const clean = path.join(repoRoot, 'test', 'fixtures', 'cli', 'incomplete-clean.plan.json');

  it('a clean incomplete plan passes with a warning without --strict', () => {
    const result = runCli([clean]);
    expect(result.status).to.equal(0);
    expect(result.stdout).to.equal('kmsguard: 1 document, 1 policy judged, no findings: passed\n');
  });

  it('under --strict a clean incomplete plan fails the run, saying why in the summary of every format', () => {
    const warning = `The plan is incomplete ("complete": false), so its 1 deferred change could not be judged; with --strict this fails the run.`;
    const text = runCli(['--strict', clean]);
    expect(text.status).to.equal(1);
    expect(text.stdout).to.equal('kmsguard: 1 document, 1 policy judged, no findings: FAILED (1 incomplete plan under --strict)\n');
    expect(text.stderr).to.equal(`kmsguard: warning: ${clean}: ${warning}\n`);
    const json = runCli(['--strict', '--format', 'json', clean]);
    expect(json.status).to.equal(1);
    const report = JSON.parse(json.stdout) as { summary: { incomplete: number; passed: boolean }; warnings: { message: string }[] };
    expect([report.summary.incomplete, report.summary.passed, report.warnings.map((w) => w.message)]).to.deep.equal([1, false, [warning]]);
    const markdown = runCli(['--strict', '--format', 'markdown', clean]);
    expect(markdown.status).to.equal(1);
    expect(markdown.stdout).to.contain('**Failed**: 1 incomplete plan (`complete: false`) under --strict.\n');
    const sarif = runCli(['--strict', '--format', 'sarif', clean]);
    expect(sarif.status).to.equal(1);
    expect(sarif.stdout).to.contain(warning.replace(/"/g, '\\"'));
    const atlantis = runCli(['--strict', '--format', 'atlantis', '--fail-on', 'medium', clean]);
    expect(atlantis.status).to.equal(1);
    expect(atlantis.stdout).to.contain('FAIL - kmsguard - kmsguard - 1 incomplete plan ("complete": false) under --strict\n');
    const junit = runCli(['--strict', '--format', 'junit', clean]);
    expect(junit.status).to.equal(1);
    expect(junit.stdout).to.contain('<failure type="incomplete-plan" message="1 incomplete plan (&quot;complete&quot;: false) under --strict"/>');
  });

  it('judges what is there and warns that deferred changes were not judged', () => {
    const result = runCli([path.join(repoRoot, 'test', 'fixtures', 'cli', 'incomplete.plan.json')]);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      `kmsguard: warning: ${path.join(repoRoot, 'test', 'fixtures', 'cli', 'incomplete.plan.json')}: The plan is incomplete ("complete": false), so its 1 deferred change could not be judged; judge the next plan too.\n`,
    );
  });
});
