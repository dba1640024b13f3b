import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { binPath, examplesDir, repoRoot } from '../support/paths.js';

const runScript = path.join(repoRoot, 'action', 'run.sh');

interface Action {
  runs: { using: string; steps: { id?: string; uses?: string; run?: string; env?: Record<string, string>; 'working-directory'?: string }[] };
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
}

interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly workspace: string;
}

/** Runs action/run.sh as the composite step does: inputs as INPUT_*, GitHub's files in a temporary runner. */
function runAction(inputs: Record<string, string>, kmsguard = binPath): ActionRun {
  const runner = mkdtempSync(path.join(tmpdir(), 'kmsguard-action-'));
  const workspace = path.join(runner, 'workspace');
  const temp = path.join(runner, 'temp');
  for (const dir of [workspace, temp]) spawnSync('mkdir', ['-p', dir]);
  copyFileSync(path.join(examplesDir, 'seed', 'insecure', 'plan.json'), path.join(workspace, 'insecure.json'));
  copyFileSync(path.join(examplesDir, 'seed', 'secure', 'plan.json'), path.join(workspace, 'secure.json'));
  spawnSync('mkdir', ['-p', path.join(workspace, 'infra')]);
  copyFileSync(path.join(examplesDir, 'seed', 'insecure', 'plan.json'), path.join(workspace, 'infra', 'plan.json'));
  const githubOutput = path.join(runner, 'output');
  const summary = path.join(runner, 'summary.md');
  writeFileSync(githubOutput, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: githubOutput,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: temp,
    KMSGUARD: kmsguard,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase().replaceAll('-', '_')}`, value])),
  };
  // The step runs in the workspace, which is not where the action is.
  const result = spawnSync('bash', [runScript], { cwd: runner, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(githubOutput, 'utf8')
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, summary: readFileSync(summary, 'utf8'), workspace };
}

describe('GitHub Action (action.yml, action/run.sh)', function () {
  this.timeout(60_000);
  const runs: ActionRun[] = [];
  const run = (inputs: Record<string, string>, kmsguard?: string): ActionRun => {
    const result = runAction(inputs, kmsguard);
    runs.push(result);
    return result;
  };
  after(() => {
    for (const result of runs) rmSync(path.dirname(result.workspace), { recursive: true, force: true });
  });

  describe('action.yml', () => {
    const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Action;
    const step = action.runs.steps.find((s) => s.id === 'kmsguard');

    it('is a composite action that installs kmsguard from its own checkout, then runs action/run.sh', () => {
      expect(action.runs.using).to.equal('composite');
      const install = action.runs.steps.find((s) => s.run?.startsWith('npm ci'));
      expect(install?.['working-directory']).to.equal('${{ github.action_path }}');
      expect(step?.run).to.equal('bash "${{ github.action_path }}/action/run.sh"');
      expect(step?.env?.KMSGUARD).to.equal('${{ github.action_path }}/dist/bin/kmsguard.js');
    });

    it('takes plan, formats, fail-on, config and source-root, and passes every input to the script', () => {
      expect(Object.keys(action.inputs)).to.deep.equal(['plan', 'formats', 'fail-on', 'config', 'source-root', 'sarif-file', 'working-directory']);
      expect(action.inputs.plan?.required).to.equal(true);
      const script = readFileSync(runScript, 'utf8');
      for (const name of Object.keys(action.inputs)) {
        const variable = `INPUT_${name.toUpperCase().replaceAll('-', '_')}`;
        expect(step?.env?.[variable], variable).to.equal(`\${{ inputs.${name} }}`);
        expect(script, variable).to.include(variable);
      }
    });

    it('sets the outputs the script writes', () => {
      expect(Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, output.value]))).to.deep.equal({
        findings: '${{ steps.kmsguard.outputs.findings }}',
        passed: '${{ steps.kmsguard.outputs.passed }}',
        'exit-code': '${{ steps.kmsguard.outputs.exit-code }}',
        'sarif-file': '${{ steps.kmsguard.outputs.sarif-file }}',
      });
    });
  });

  it('on findings: annotations, SARIF, job summary, outputs findings=2 (decrypt and grant) passed=false, exit 1', () => {
    const result = run({ plan: 'insecure.json' });
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stdout).to.match(/^::error file=insecure\.json,line=1,title=kmsguard high \(all-keys\)/m);
    expect(result.outputs).to.deep.equal({ findings: '2', passed: 'false', 'exit-code': '1', 'sarif-file': 'kmsguard.sarif' });
    expect(result.summary).to.match(/^## kmsguard\n\n\*\*Failed\*\*: 2 findings at or above medium\./);
    const sarif = JSON.parse(readFileSync(path.join(result.workspace, 'kmsguard.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).to.equal('2.1.0');
    expect(sarif.runs[0]!.results).to.have.length(2);
  });

  it('on a clean plan: outputs findings=0 passed=true, exit 0', () => {
    const result = run({ plan: 'secure.json', 'sarif-file': 'reports/kmsguard.sarif' });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.outputs).to.deep.equal({ findings: '0', passed: 'true', 'exit-code': '0', 'sarif-file': 'reports/kmsguard.sarif' });
    expect(existsSync(path.join(result.workspace, 'reports', 'kmsguard.sarif'))).to.equal(true);
    expect(result.summary).to.match(/^## kmsguard\n/);
  });

  it('judges several plans, writes the further formats, and follows fail-on', () => {
    const result = run({ plan: 'insecure.json\nsecure.json', formats: 'junit:kmsguard-junit.xml, json:report.json', 'fail-on': 'never' });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.outputs).to.include({ findings: '2', passed: 'true' });
    expect(readFileSync(path.join(result.workspace, 'kmsguard-junit.xml'), 'utf8')).to.match(/^<\?xml/);
    const report = JSON.parse(readFileSync(path.join(result.workspace, 'report.json'), 'utf8')) as { summary: { documents: number } };
    expect(report.summary.documents).to.equal(2);
  });

  it('reads the config file it is given', () => {
    const runner = run({ plan: 'insecure.json', config: 'missing.json' });
    expect(runner.status).to.equal(2);
    expect(runner.stderr).to.equal('kmsguard: missing.json: The config file does not exist.\n');
    expect(runner.outputs).to.deep.equal({ findings: '', passed: 'false', 'exit-code': '2' });
  });

  it('runs in the working directory it is given, relative to the workspace', () => {
    const result = run({ plan: 'plan.json', 'working-directory': 'infra' });
    expect(result.status, result.stderr).to.equal(1);
    expect(existsSync(path.join(result.workspace, 'infra', 'kmsguard.sarif'))).to.equal(true);
    const missing = run({ plan: 'plan.json', 'working-directory': 'nowhere' });
    expect(missing.status).to.equal(2);
    expect(missing.stderr).to.match(/\nkmsguard action: The working directory nowhere does not exist in the workspace\.\n$/);
  });

  it('refuses an empty plan input in one sentence: exit 2', () => {
    const result = run({ plan: ' \n' });
    expect(result.status).to.equal(2);
    expect(result.stderr).to.equal('kmsguard action: The plan input is empty: give one or more files written by terraform show -json.\n');
  });

  it('passes source-root as --source-root when kmsguard has it, else says which version it needs', () => {
    const help = spawnSync(process.execPath, [binPath, '--help'], { encoding: 'utf8' }).stdout;
    const result = run({ plan: 'secure.json', 'source-root': '.' });
    if (help.includes('--source-root')) {
      expect(result.status, result.stderr).to.equal(0);
    } else {
      expect(result.status).to.equal(2);
      expect(result.stderr).to.equal('kmsguard action: The source-root input needs a kmsguard version with --source-root; this one has none.\n');
    }
  });
});
