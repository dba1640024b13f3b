import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corpusDir, fixture } from '../support/paths.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { requireCorpus } from '../support/shared.js';

const regula = path.join(corpusDir, 'regula-admin-policy-positive.v0.1.plan.json');
const unknownPolicy = fixture('config', 'unknown-policy.plan.json');
const settingsPlan = fixture('config', 'settings.plan.json');

const REGULA_ADDRESSES = [
  'aws_iam_group_policy.invalid_group_policy',
  'aws_iam_policy.invalid_policy',
  'aws_iam_role_policy.invalid_role_policy',
  'aws_iam_user_policy.invalid_user_policy',
];
/** Each admin policy (`*` on `*`) has a finding of each rule: the address of every finding, in order. */
const REGULA_FINDINGS = REGULA_ADDRESSES.flatMap((a) => [a, a]);

interface ReportFinding {
  address: string;
  scope: string;
  actions: string[];
  suppressed?: { reason: string; expires?: string };
  baselined?: boolean;
}

interface JsonReport {
  summary: { findings: number; failing: number; suppressed: number; passed: boolean };
  findings: ReportFinding[];
  warnings: { source: string; message: string }[];
}

function reportOf(result: CliResult): JsonReport {
  return JSON.parse(result.stdout) as JsonReport;
}

/** address -> scope, for every finding. */
function scopes(result: CliResult): Record<string, string> {
  return Object.fromEntries(reportOf(result).findings.map((f) => [f.address, f.scope]));
}

describe('command line: config files, suppressions and baselines', function () {
  this.timeout(60000);
  let cwd: string;
  const write = (name: string, value: unknown): void => {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  };
  const run = (args: readonly string[], input?: string): CliResult => runCli(args, { cwd, ...(input !== undefined ? { input } : {}) });

  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'kmsguard-cli-config-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  describe('unusable config', () => {
    before(function () {
      requireCorpus(this);
    });
    const cases: [title: string, files: Record<string, unknown>, args: string[], stderr: string][] = [
      [
        'a bad value in .kmsguard.json',
        { '.kmsguard.json': { failOn: 'critical' } },
        [regula],
        'kmsguard: .kmsguard.json: /failOn must be one of high, medium, low, never.\n',
      ],
      [
        'several problems, one line each',
        { '.kmsguard.json': { suppressions: [{ address: 'aws_iam_policy.p' }], stric: true } },
        [regula],
        'kmsguard: .kmsguard.json: /stric is not an allowed key; allowed keys are $schema, rules, principals, blockedActions, failOn, conditions, partition, strict, onlyNew, baseline, sourceRoot, inlineIgnores, suppressions.\n' +
          'kmsguard: .kmsguard.json: /suppressions/0/reason is required.\n',
      ],
      ['a --config file that does not exist', {}, ['--config', 'ci/kmsguard.json', regula], 'kmsguard: ci/kmsguard.json: The config file does not exist.\n'],
      [
        'a --config file that is not JSON',
        { 'ci.json': '{"failOn": high}' },
        ['--config', 'ci.json', regula],
        'kmsguard: ci.json: The config file is not valid JSON (Unexpected token \'h\', "{"failOn": high}" is not valid JSON).\n',
      ],
      [
        'a blocked action pattern that matches no KMS action',
        { 'ci.json': { blockedActions: ['kms:Decrypt', 'kms:Decrypt*From'] } },
        ['--config', 'ci.json', regula],
        'kmsguard: ci.json: /blockedActions/1 ("kms:Decrypt*From") matches no KMS action; patterns are globs over KMS action names, e.g. kms:ReEncrypt*.\n',
      ],
      [
        'a baseline file that does not exist',
        { '.kmsguard.json': { baseline: 'missing-baseline.json' } },
        [regula],
        'kmsguard: missing-baseline.json: The baseline file does not exist.\n',
      ],
    ];
    for (const [title, files, args, stderr] of cases) {
      it(`exits 2 on ${title}`, () => {
        for (const [name, value] of Object.entries(files)) write(name, value);
        const result = run(args);
        expect(result.stderr).to.equal(stderr);
        expect(result.stdout).to.equal('');
        expect(result.status).to.equal(2);
      });
    }

    it('exits 2 when `kmsguard config` meets a bad config', () => {
      write('.kmsguard.json', { conditions: 'always' });
      const result = run(['config']);
      expect(result.stderr).to.equal('kmsguard: .kmsguard.json: /conditions must be one of ignore, scope.\n');
      expect(result.stdout).to.equal('');
      expect(result.status).to.equal(2);
    });
  });

  describe('kmsguard config', () => {
    it('prints the defaults when there is no config file', () => {
      const result = run(['config']);
      expect(result.status).to.equal(0);
      expect(result.stderr).to.equal('');
      expect(JSON.parse(result.stdout)).to.deep.equal({
        configFile: null,
        settings: {
          rules: ['kms-decrypt', 'kms-grant'],
          blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
          failOn: 'medium',
          conditions: 'ignore',
          strict: false,
          onlyNew: false,
        },
        origins: {
          rules: 'default',
          blockedActions: 'default',
          failOn: 'default',
          conditions: 'default',
          partition: 'default',
          strict: 'default',
          onlyNew: 'default',
          baseline: 'default',
          suppressions: 'default',
          sourceRoot: 'default',
          inlineIgnores: 'default',
        },
        blockedActionsExpanded: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        rulesInEffect: [
          { id: 'kms-decrypt', blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'] },
          { id: 'kms-grant', blockedActions: ['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey'] },
        ],
      });
    });

    it('merges .kmsguard.json and flags, flags winning, and says where each value came from', () => {
      write('.kmsguard.json', {
        blockedActions: ['kms:ReEncrypt*'],
        failOn: 'low',
        strict: true,
        suppressions: [{ address: 'module.legacy.*', reason: 'PLAT-412', expires: '2027-03-31', scope: 'account-keys' }],
      });
      const result = run(['config', '--fail-on', 'high', '--no-strict', '--partition', 'aws-us-gov']);
      expect(result.status).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal({
        configFile: '.kmsguard.json',
        settings: {
          rules: ['kms-decrypt', 'kms-grant'],
          blockedActions: ['kms:ReEncrypt*'],
          failOn: 'high',
          conditions: 'ignore',
          partition: 'aws-us-gov',
          strict: false,
          onlyNew: false,
          suppressions: [{ address: 'module.legacy.*', reason: 'PLAT-412', expires: '2027-03-31', scope: 'account-keys' }],
        },
        origins: {
          rules: 'default',
          blockedActions: '.kmsguard.json',
          failOn: 'command line',
          conditions: 'default',
          partition: 'command line',
          strict: 'command line',
          onlyNew: 'default',
          baseline: 'default',
          suppressions: '.kmsguard.json',
          sourceRoot: 'default',
          inlineIgnores: 'default',
        },
        blockedActionsExpanded: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
        rulesInEffect: [
          { id: 'kms-decrypt', blockedActions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'] },
          { id: 'kms-grant', blockedActions: ['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey'] },
        ],
      });
    });

    it('reads --config instead of .kmsguard.json, with its baseline relative to it', () => {
      write('.kmsguard.json', { failOn: 'low' });
      write('ci/kmsguard.json', { onlyNew: true, baseline: 'baseline.json' });
      write('ci/baseline.json', { version: 1, findings: [] });
      const shown = JSON.parse(run(['config', '--config', 'ci/kmsguard.json']).stdout) as { configFile: string; settings: Record<string, unknown> };
      expect(shown.configFile).to.equal('ci/kmsguard.json');
      expect(shown.settings).to.deep.equal({
        rules: ['kms-decrypt', 'kms-grant'],
        blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        failOn: 'medium',
        conditions: 'ignore',
        strict: false,
        onlyNew: true,
        baseline: path.join('ci', 'baseline.json'),
      });
    });

    it('shows the rules in effect: from the config file, less --skip-rule', () => {
      write('.kmsguard.json', { rules: ['kms-grant'] });
      const fromFile = JSON.parse(run(['config']).stdout) as { settings: { rules: string[] }; origins: { rules: string }; rulesInEffect: { id: string }[] };
      expect([fromFile.settings.rules, fromFile.origins.rules, fromFile.rulesInEffect.map((r) => r.id)]).to.deep.equal([
        ['kms-grant'],
        '.kmsguard.json',
        ['kms-grant'],
      ]);
      write('.kmsguard.json', {});
      const skipped = JSON.parse(run(['config', '--skip-rule', 'kms-grant']).stdout) as { settings: { rules: string[] }; origins: { rules: string } };
      expect([skipped.settings.rules, skipped.origins.rules]).to.deep.equal([['kms-decrypt'], 'command line']);
    });

    it('judges with the rules the config file names', () => {
      write('.kmsguard.json', { rules: ['kms-grant'] });
      const report = reportOf(run([regula, '--format', 'json']));
      expect(report.findings.map((f) => f.address)).to.deep.equal(REGULA_ADDRESSES);
      expect(report.summary).to.include({ findings: 4 });
    });

    it('exits 2 on an unknown rule, in the config file or on the command line', () => {
      write('.kmsguard.json', { rules: ['kms-decrypt', 'kms-encrypt'] });
      const result = run(['config']);
      expect(result.stderr).to.equal('kmsguard: .kmsguard.json: /rules/1 must be one of kms-decrypt, kms-grant, principal-decrypt.\n');
      expect(result.status).to.equal(2);
      write('.kmsguard.json', {});
      const flag = run(['config', '--rule', 'kms-encrypt']);
      expect(flag.stderr).to.equal('kmsguard: Unknown rule "kms-encrypt"; the rules are kms-decrypt, kms-grant, principal-decrypt.\n');
      expect(flag.status).to.equal(2);
    });

    it('prints settings that are themselves a valid config file', () => {
      write('.kmsguard.json', { failOn: 'never', suppressions: [{ address: '*', reason: 'all accepted' }] });
      const settings = (JSON.parse(run(['config']).stdout) as { settings: unknown }).settings;
      write('copy.json', settings);
      const again = run(['config', '--config', 'copy.json']);
      expect(again.status).to.equal(0);
      expect((JSON.parse(again.stdout) as { settings: unknown }).settings).to.deep.equal(settings);
    });
  });

  describe('settings change the verdict', () => {
    const base = {
      'aws_iam_policy.account_tagged': 'all-keys',
      'aws_iam_policy.aws_partition_keys': 'all-keys',
      'aws_iam_role_policy.existing': 'all-keys',
    };
    const cases: [title: string, config: object | undefined, flags: string[], findings: Record<string, string>, status: number][] = [
      ['defaults', undefined, [], base, 1],
      ['blockedActions', { blockedActions: ['kms:Encrypt*'] }, [], { 'aws_iam_policy.encrypt_only': 'all-keys' }, 1],
      [
        'blockedActions with the defaults and more',
        { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:Encrypt'] },
        [],
        { 'aws_iam_policy.encrypt_only': 'all-keys', ...base },
        1,
      ],
      ['blockedActions overridden by --blocked-action', { blockedActions: ['kms:Encrypt'] }, ['--blocked-action', 'kms:Decrypt'], base, 1],
      ['conditions: scope', { conditions: 'scope' }, [], { ...base, 'aws_iam_policy.account_tagged': 'account-keys' }, 1],
      ['partition: aws-cn', { partition: 'aws-cn' }, [], { 'aws_iam_policy.account_tagged': 'all-keys', 'aws_iam_role_policy.existing': 'all-keys' }, 1],
      ['failOn: never', { failOn: 'never' }, [], base, 0],
      ['failOn: never overridden by --fail-on high', { failOn: 'never' }, ['--fail-on', 'high'], base, 1],
      ['onlyNew with only pre-existing findings failing', { onlyNew: true, suppressions: [{ address: 'aws_iam_policy.*', reason: 'r' }] }, [], base, 0],
      ['onlyNew overridden by --no-only-new', { onlyNew: true, suppressions: [{ address: 'aws_iam_policy.*', reason: 'r' }] }, ['--no-only-new'], base, 1],
    ];
    for (const [title, config, flags, findings, status] of cases) {
      it(`${title}: exit ${status}`, () => {
        if (config) write('.kmsguard.json', config);
        const result = run([settingsPlan, ...flags, '--format', 'json']);
        expect(scopes(result)).to.deep.equal(findings);
        expect(result.status).to.equal(status);
      });
    }

    it('strict: a policy not known until apply fails the run', () => {
      expect(run([unknownPolicy]).status).to.equal(0);
      write('.kmsguard.json', { strict: true });
      expect(run([unknownPolicy]).status).to.equal(1);
      expect(run(['--no-strict', unknownPolicy]).status).to.equal(0);
    });
  });

  describe('suppressions', () => {
    before(function () {
      requireCorpus(this);
    });
    it('suppresses every finding a glob matches: still reported, with the reason, not failing', () => {
      write('.kmsguard.json', { suppressions: [{ address: 'aws_iam_*policy.invalid_*', reason: 'Test fixtures, SEC-1.', expires: '2999-12-31' }] });
      const result = run([regula, '--format', 'json']);
      const report = reportOf(result);
      expect(report.findings.map((f) => [f.address, f.suppressed])).to.deep.equal(
        REGULA_FINDINGS.map((a) => [a, { reason: 'Test fixtures, SEC-1.', expires: '2999-12-31' }]),
      );
      expect(report.summary).to.include({ findings: 8, suppressed: 8, failing: 0, passed: true });
      expect(report.warnings).to.deep.equal([]);
      expect(result.stderr).to.equal('');
      expect(result.status).to.equal(0);
    });

    it('leaves findings it does not match failing, without a suppressed field', () => {
      write('.kmsguard.json', { suppressions: [{ address: '*', reason: 'Managed policies are reviewed separately.', resourceType: 'aws_iam_policy' }] });
      const result = run([regula, '--format', 'json']);
      const report = reportOf(result);
      expect(report.findings.map((f) => [f.address, 'suppressed' in f])).to.deep.equal(REGULA_FINDINGS.map((a) => [a, a.startsWith('aws_iam_policy.')]));
      expect(report.summary).to.include({ suppressed: 2, failing: 6 });
      expect(result.status).to.equal(1);
    });

    it('does not apply a scope filter to findings of another scope, and reports it unused', () => {
      write('.kmsguard.json', { suppressions: [{ address: '*', reason: 'Account-wide grants accepted.', scope: 'account-keys' }] });
      const result = run([regula, '--format', 'json']);
      const warning = 'Suppression /suppressions/0 (address "*") matched no finding; remove it if it is no longer needed.';
      expect(reportOf(result).summary).to.include({ suppressed: 0, failing: 8 });
      expect(reportOf(result).warnings).to.deep.equal([{ source: '.kmsguard.json', message: warning }]);
      expect(result.stderr).to.equal(`kmsguard: warning: .kmsguard.json: ${warning}\n`);
      expect(result.status).to.equal(1);
    });

    it('stops applying after its expiry date and warns, naming the --config file', () => {
      write('kmsguard.ci.json', { suppressions: [{ address: 'aws_iam_user_policy.*', reason: 'Until the user is deleted.', expires: '2020-06-30' }] });
      const result = run(['--config', 'kmsguard.ci.json', regula, '--format', 'json']);
      const warning = 'Suppression /suppressions/0 (address "aws_iam_user_policy.*") expired on 2020-06-30 and no longer applies; it would match 2 findings.';
      expect(reportOf(result).summary).to.include({ suppressed: 0, failing: 8 });
      expect(reportOf(result).warnings).to.deep.equal([{ source: 'kmsguard.ci.json', message: warning }]);
      expect(result.stderr).to.equal(`kmsguard: warning: kmsguard.ci.json: ${warning}\n`);
      expect(result.status).to.equal(1);
    });
  });

  describe('baselines', () => {
    before(function () {
      requireCorpus(this);
    });
    it('round trip: record the findings, then nothing fails; a new or changed finding does', () => {
      const recorded = run(['baseline', regula]);
      expect(recorded.status).to.equal(0);
      expect(recorded.stderr).to.equal('');
      const baseline = JSON.parse(recorded.stdout) as {
        version: number;
        findings: { fingerprint: string; ruleId: string; address: string; policyPath: string }[];
      };
      expect(baseline.version).to.equal(2);
      expect(baseline.findings.map((e) => [e.address, e.ruleId, e.policyPath])).to.deep.equal(
        REGULA_ADDRESSES.flatMap((a) => [
          [a, 'kms-decrypt-all-keys', 'policy'],
          [a, 'kms-grant-all-keys', 'policy'],
        ]),
      );
      expect(baseline.findings.every((e) => /^[0-9a-f]+$/.test(e.fingerprint))).to.equal(true);
      write('.kmsguard-baseline.json', recorded.stdout);

      const checked = run(['--baseline', '.kmsguard-baseline.json', regula, '--format', 'json']);
      expect(reportOf(checked).findings.map((f) => [f.address, f.baselined])).to.deep.equal(REGULA_FINDINGS.map((a) => [a, true]));
      expect(reportOf(checked).summary).to.include({ findings: 8, failing: 0, passed: true });
      expect(checked.stderr).to.equal('');
      expect(checked.status).to.equal(0);

      const partial = { ...baseline, findings: baseline.findings.filter((e) => !e.address.startsWith('aws_iam_policy.')) };
      write('.kmsguard-baseline.json', partial);
      const withNew = run(['--baseline', '.kmsguard-baseline.json', regula, '--format', 'json']);
      expect(reportOf(withNew).findings.map((f) => [f.address, 'baselined' in f])).to.deep.equal(
        REGULA_FINDINGS.map((a) => [a, !a.startsWith('aws_iam_policy.')]),
      );
      expect(reportOf(withNew).summary).to.include({ failing: 2 });
      expect(withNew.status).to.equal(1);
    });

    it('is the same from standard input and for the same plan twice', () => {
      const fromFile = run(['baseline', regula]).stdout;
      const fromStdin = run(['baseline', '-'], readFileSync(regula, 'utf8')).stdout;
      const relative = path.relative(realpathSync(cwd), regula).split(path.sep).join('/');
      expect(fromStdin.replaceAll('"source": "stdin"', `"source": ${JSON.stringify(relative)}`)).to.equal(fromFile);
      expect(fromStdin).to.contain('"source": "stdin"');
      expect(run(['baseline', regula, regula]).stdout).to.equal(fromFile);
    });

    it('lists baseline entries that no longer occur', () => {
      const baseline = JSON.parse(run(['baseline', regula]).stdout) as { version: number; findings: object[] };
      const gone = {
        fingerprint: 'ffffffffffffffffffffffffffffffff',
        source: 'plan.json',
        ruleId: 'kms-decrypt-all-keys',
        address: 'aws_iam_policy.deleted',
        policyPath: 'policy',
      };
      write('ci/baseline.json', { version: 2, findings: [...baseline.findings, gone] });
      write('.kmsguard.json', { baseline: 'ci/baseline.json' });
      const result = run([regula, '--format', 'json']);
      const source = path.join('ci', 'baseline.json');
      const warning = 'Baseline entry aws_iam_policy.deleted (policy, kms-decrypt-all-keys) in plan.json no longer occurs; regenerate the baseline to drop it.';
      expect(reportOf(result).warnings).to.deep.equal([{ source, message: warning }]);
      expect(result.stderr).to.equal(`kmsguard: warning: ${source}: ${warning}\n`);
      expect(result.status).to.equal(0);
    });

    it('rejects a file that is not a baseline', () => {
      write('report.json', run([regula, '--format', 'json']).stdout);
      const result = run(['--baseline', 'report.json', regula]);
      expect(result.stderr.split('\n')[0]).to.equal('kmsguard: report.json: /version is required.');
      expect(result.stdout).to.equal('');
      expect(result.status).to.equal(2);
    });

    it('writes nothing and exits 2 when an input cannot be read', () => {
      const result = run(['baseline', 'missing.plan.json']);
      expect(result.stdout).to.equal('');
      expect(result.status).to.equal(2);
    });

    it('records a baseline of an empty plan as no findings', () => {
      const result = run(['baseline', settingsPlan, '--blocked-action', 'kms:CreateKey', '--partition', 'aws-cn']);
      expect(result.status).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal({ version: 2, findings: [] });
    });
  });
});
