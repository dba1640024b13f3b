import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { examplesDir, repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { listFiles } from './command-lines.js';

interface Verdict {
  /** Policies judged (clean or finding). */
  readonly policies: number;
  /** `address (policyPath) rule` -> `scope severity`. */
  readonly findings: Readonly<Record<string, string>>;
  /** `address (policyPath)` of policies not known until apply. */
  readonly unevaluated: readonly string[];
  readonly exit: number;
  /** Which findings this plan introduces (the rest were there before it). */
  readonly introduced?: readonly string[];
}

/** What each example must give, independent of the wording of the text report. */
const VERDICTS: Readonly<Record<string, Verdict>> = {
  'seed/insecure': {
    policies: 1,
    // kms:* on *: both rules.
    findings: {
      'aws_iam_role_policy.test_policy (policy) kms-decrypt': 'all-keys high',
      'aws_iam_role_policy.test_policy (policy) kms-grant': 'all-keys high',
    },
    unevaluated: [],
    exit: 1,
  },
  'seed/secure': { policies: 1, findings: {}, unevaluated: [], exit: 0 },
  'resources/aws-iam-policy': {
    policies: 1,
    findings: { 'aws_iam_policy.reports_read (policy) kms-decrypt': 'account-keys medium' },
    unevaluated: [],
    exit: 1,
  },
  'resources/aws-iam-role-policy': {
    policies: 1,
    findings: { 'aws_iam_role_policy.ingest_decrypt (policy) kms-decrypt': 'region-keys low' },
    unevaluated: [],
    exit: 0,
  },
  'resources/aws-iam-user-policy': {
    policies: 1,
    findings: { 'aws_iam_user_policy.backup_reencrypt (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'resources/aws-iam-group-policy': {
    policies: 1,
    findings: { 'aws_iam_group_policy.analysts_decrypt (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'resources/aws-iam-role-inline-policy': {
    policies: 2,
    findings: { 'aws_iam_role.worker (inline_policy[0].policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'resources/aws-ssoadmin-permission-set-inline-policy': {
    policies: 1,
    findings: { 'aws_ssoadmin_permission_set_inline_policy.data_engineer (inline_policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'resources/awscc-iam': {
    policies: 8,
    findings: {
      'awscc_iam_group.auditors (policies[0].policy_document) kms-decrypt': 'all-keys high',
      'awscc_iam_managed_policy.deploy (policy_document) kms-decrypt': 'account-keys medium',
      'awscc_iam_role.app (policies[0].policy_document) kms-decrypt': 'all-keys high',
      'awscc_iam_user_policy.ops (policy_document) kms-decrypt': 'region-keys low',
    },
    unevaluated: [],
    exit: 1,
  },
  'situations/module-for-each': {
    policies: 2,
    findings: { 'module.service["reports"].aws_iam_role_policy.decrypt (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'situations/update-widens-policy': {
    policies: 2,
    findings: { 'aws_iam_policy.exports (policy) kms-decrypt': 'all-keys high', 'aws_iam_user_policy.legacy_batch (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
    introduced: ['aws_iam_policy.exports (policy) kms-decrypt'],
  },
  'situations/unknown-until-apply': { policies: 0, findings: {}, unevaluated: ['aws_iam_role_policy.workload_decrypt (policy)'], exit: 0 },
  'situations/deferred-wide-grant': {
    policies: 1,
    findings: { 'aws_iam_role_policy.exporter (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'situations/abac-tag-condition': {
    policies: 1,
    findings: { 'aws_iam_role_policy.team_keys (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'situations/notaction-admin': {
    policies: 1,
    // NotAction of other services on *: every KMS action, so both rules.
    findings: { 'aws_iam_policy.power_user (policy) kms-decrypt': 'all-keys high', 'aws_iam_policy.power_user (policy) kms-grant': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
  'situations/key-policy-not-flagged': { policies: 1, findings: {}, unevaluated: [], exit: 0 },
  terragrunt: {
    policies: 3,
    findings: { 'module.service["reports"].aws_iam_role_policy.decrypt (policy) kms-decrypt': 'all-keys high' },
    unevaluated: [],
    exit: 1,
  },
};

interface ReportEntry {
  address: string;
  policyPath: string;
}

interface JsonReport {
  summary: { policies: number };
  findings: (ReportEntry & { ruleId: string; scope: string; severity: string; introduced: boolean; policyChange?: unknown[] })[];
  unevaluated: ReportEntry[];
}

const label = (entry: ReportEntry): string => `${entry.address} (${entry.policyPath})`;
/** `address (policyPath) rule`: the finding's rule without its scope. */
const findingLabel = (finding: JsonReport['findings'][number]): string => `${label(finding)} ${finding.ruleId.replace(`-${finding.scope}`, '')}`;

/** Example directories: those with stored output. */
function exampleDirs(): string[] {
  return listFiles(examplesDir)
    .filter((file) => path.basename(file) === 'expected.txt')
    .map((file) => path.dirname(file))
    .sort();
}

/**
 * Where each finding of an example with a main.tf is written (`file:startLine-endLine`, under the
 * example's directory): the statement that grants the access, read off the .tf files.
 */
const LOCATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'seed/insecure': { 'aws_iam_role_policy.test_policy (policy)': 'main.tf:42-45' },
  'resources/aws-iam-policy': { 'aws_iam_policy.reports_read (policy)': 'main.tf:29-34' },
  'resources/aws-iam-role-policy': { 'aws_iam_role_policy.ingest_decrypt (policy)': 'main.tf:39-44' },
  'resources/aws-iam-user-policy': { 'aws_iam_user_policy.backup_reencrypt (policy)': 'main.tf:28-32' },
  'resources/aws-iam-group-policy': { 'aws_iam_group_policy.analysts_decrypt (policy)': 'main.tf:28-32' },
  'resources/aws-iam-role-inline-policy': { 'aws_iam_role.worker (inline_policy[0].policy)': 'main.tf:49-53' },
  'resources/aws-ssoadmin-permission-set-inline-policy': { 'aws_ssoadmin_permission_set_inline_policy.data_engineer (inline_policy)': 'main.tf:38-42' },
  'resources/awscc-iam': {
    'awscc_iam_group.auditors (policies[0].policy_document)': 'main.tf:133-137',
    'awscc_iam_managed_policy.deploy (policy_document)': 'main.tf:23-27',
    'awscc_iam_role.app (policies[0].policy_document)': 'main.tf:50-54',
    'awscc_iam_user_policy.ops (policy_document)': 'main.tf:82-86',
  },
  'situations/module-for-each': { 'module.service["reports"].aws_iam_role_policy.decrypt (policy)': 'modules/service/main.tf:31-35' },
  'situations/update-widens-policy': { 'aws_iam_policy.exports (policy)': 'main.tf:23-28', 'aws_iam_user_policy.legacy_batch (policy)': 'main.tf:43-47' },
  'situations/deferred-wide-grant': { 'aws_iam_role_policy.exporter (policy)': 'main.tf:43-47' },
  'situations/abac-tag-condition': { 'aws_iam_role_policy.team_keys (policy)': 'main.tf:41-51' },
  'situations/notaction-admin': { 'aws_iam_policy.power_user (policy)': 'main.tf:23-28' },
};

/** `--source-root examples/DIR` for an example with Terraform source, as its README runs it. */
function sourceRootArgs(dir: string): string[] {
  return existsSync(path.join(examplesDir, dir, 'main.tf')) ? ['--source-root', path.posix.join('examples', dir)] : [];
}

function inputOf(dir: string): string {
  const input = ['plan.json', 'run-all-show.json'].find((name) => existsSync(path.join(examplesDir, dir, name)));
  if (input === undefined) throw new Error(`${dir} has expected.txt but no plan.json or run-all-show.json`);
  return path.posix.join('examples', dir, input);
}

describe('example plans', () => {
  it('has a verdict for every example directory, and a directory for every verdict', () => {
    expect(exampleDirs()).to.deep.equal(Object.keys(VERDICTS).sort());
  });

  for (const dir of Object.keys(VERDICTS).sort()) {
    describe(dir, () => {
      const verdict = VERDICTS[dir]!;
      const input = (): string => inputOf(dir);
      const stored = (name: string): string => readFileSync(path.join(examplesDir, dir, name), 'utf8');

      it('gives exactly the stored text output, exit status and no diagnostics', () => {
        const result = runCli([...sourceRootArgs(dir), input()]);
        expect(result.stdout).to.equal(stored('expected.txt'));
        expect(result.stderr).to.equal('');
        expect(result.status).to.equal(Number(stored('expected-exit-code').trim()));
      });

      it('gives the documented verdict', () => {
        const result = runCli(['--format', 'json', input()]);
        expect(result.status).to.equal(verdict.exit);
        const report = JSON.parse(result.stdout) as JsonReport;
        expect(report.summary.policies).to.equal(verdict.policies);
        expect(Object.fromEntries(report.findings.map((f) => [findingLabel(f), `${f.scope} ${f.severity}`]))).to.deep.equal(verdict.findings);
        expect(report.unevaluated.map(label)).to.deep.equal(verdict.unevaluated);
        const introduced = verdict.introduced ?? Object.keys(verdict.findings);
        expect(
          report.findings
            .filter((f) => f.introduced)
            .map(findingLabel)
            .sort(),
        ).to.deep.equal([...introduced].sort());
      });

      it("locates each finding in the example's Terraform source", () => {
        const result = runCli([...sourceRootArgs(dir), '--format', 'json', input()]);
        const report = JSON.parse(result.stdout) as { findings: (ReportEntry & { location?: { file: string; startLine: number; endLine: number } })[] };
        const base = `${path.posix.join('examples', dir)}/`;
        const found = Object.fromEntries(
          report.findings.map((f) => [
            label(f),
            f.location === undefined ? 'none' : `${f.location.file.replace(base, '')}:${f.location.startLine}-${f.location.endLine}`,
          ]),
        );
        // VERDICTS names a finding `address (policyPath) rule`; a location belongs to `address (policyPath)`.
        const unlocated = Object.keys(verdict.findings).map((key) => [key.slice(0, key.lastIndexOf(' ')), 'none']);
        expect(found).to.deep.equal(LOCATIONS[dir] ?? Object.fromEntries(unlocated));
      });

      it('stores the exit status the verdict documents', () => {
        expect(stored('expected-exit-code')).to.equal(`${verdict.exit}\n`);
      });

      it('is listed in examples/README.md with its exit status', () => {
        const index = readFileSync(path.join(examplesDir, 'README.md'), 'utf8');
        const row = index.split('\n').find((line) => line.startsWith(`| [${dir}](${dir}) |`));
        expect(row, `no row for ${dir}`).to.be.a('string');
        expect(row!.trimEnd().endsWith(`| ${verdict.exit} |`), row).to.equal(true);
      });

      it('says beside its input that the input is hand-made', () => {
        const readme = stored('README.md');
        expect(readme).to.match(/hand-made/);
      });
    });
  }

  describe('plans in the shape terraform show -json prints', () => {
    const planDirs = Object.keys(VERDICTS).filter((dir) => existsSync(path.join(examplesDir, dir, 'plan.json')));

    for (const dir of planDirs) {
      it(`${dir}: format 1.2 plan with the configuration it came from`, () => {
        const plan = JSON.parse(readFileSync(path.join(examplesDir, dir, 'plan.json'), 'utf8')) as Record<string, unknown>;
        expect(plan.format_version).to.equal('1.2');
        expect(Object.keys(plan)).to.include.members(['terraform_version', 'planned_values', 'resource_changes', 'configuration']);
        expect(existsSync(path.join(examplesDir, dir, 'main.tf')), 'main.tf').to.equal(true);
      });
    }

    it('the secure seed defers its document to apply and leaves the policy unknown, as Terraform does', () => {
      const plan = JSON.parse(readFileSync(path.join(examplesDir, 'seed', 'secure', 'plan.json'), 'utf8')) as {
        resource_changes: { address: string; change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[];
      };
      const byAddress = new Map(plan.resource_changes.map((change) => [change.address, change.change]));
      expect(byAddress.get('data.aws_iam_policy_document.kms_policy')?.actions).to.deep.equal(['read']);
      expect(byAddress.get('data.aws_iam_policy_document.kms_policy')?.after_unknown.json).to.equal(true);
      const rolePolicy = byAddress.get('aws_iam_role_policy.test_policy');
      expect(rolePolicy?.after).to.not.have.property('policy');
      expect(rolePolicy?.after_unknown.policy).to.equal(true);
    });
  });

  it('the widened policy carries the change that widened it', () => {
    const result = runCli(['--format', 'json', 'examples/situations/update-widens-policy/plan.json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    const widened = report.findings.find((f) => f.address === 'aws_iam_policy.exports');
    const legacy = report.findings.find((f) => f.address === 'aws_iam_user_policy.legacy_batch');
    expect(widened?.policyChange).to.have.length(1);
    expect(widened?.policyChange?.[0]).to.include({ op: 'replace', value: '*' });
    expect(legacy).to.not.have.property('policyChange');
  });

  it('the README opening command judges the insecure seed: a high finding of each rule, exit 1', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).to.include('node dist/bin/kmsguard.js examples/seed/insecure/plan.json');
    const result = runCli(['--format', 'json', 'examples/seed/insecure/plan.json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.ruleId, f.severity])).to.deep.equal([
      ['kms-decrypt-all-keys', 'high'],
      ['kms-grant-all-keys', 'high'],
    ]);
    expect(result.status).to.equal(1);
  });
});
