import { expect } from 'chai';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { examplesDir } from '../support/paths.js';
import { createSandboxRoot, runInSandbox } from './sandbox.js';

const preApply = path.join(examplesDir, 'pre-apply', 'pre-apply.sh');
const checkRunAll = path.join(examplesDir, 'terragrunt', 'check-run-all.sh');
const insecurePlan = path.join(examplesDir, 'seed', 'insecure', 'plan.json');
const securePlan = path.join(examplesDir, 'seed', 'secure', 'plan.json');
const stream = path.join(examplesDir, 'terragrunt', 'run-all-show.json');

describe('example scripts, run with stand-ins for terraform and terragrunt', () => {
  let sandbox: { root: string; bin: string };
  let humanPlan: string;

  before(() => {
    sandbox = createSandboxRoot();
    humanPlan = path.join(sandbox.root, 'human-plan.txt');
    writeFileSync(humanPlan, 'Terraform will perform the following actions:\n\n  # aws_iam_role.test_role will be created\n');
  });
  after(() => rmSync(sandbox.root, { recursive: true, force: true }));

  describe('pre-apply.sh', () => {
    it('applies the saved plan when kmsguard passes', () => {
      const run = runInSandbox('', { ...sandbox, plan: securePlan, scriptFile: preApply, args: ['-var-file=prod.tfvars'] });
      expect(run.status, run.stderr).to.equal(0);
      expect(run.kmsguardExits).to.deep.equal([0]);
      expect(run.toolCalls).to.deep.equal([
        'terraform plan -input=false -out=plan.tfplan -var-file=prod.tfvars',
        'terraform show -json plan.tfplan',
        'terraform apply -input=false plan.tfplan',
      ]);
      expect(existsSync(path.join(run.dir, 'plan.json')), 'plan.json removed').to.equal(false);
    });

    it('stops with exit 1 and does not apply when kmsguard finds a failing finding', () => {
      const run = runInSandbox('', { ...sandbox, plan: insecurePlan, scriptFile: preApply });
      expect(run.status).to.equal(1);
      expect(run.kmsguardExits).to.deep.equal([1]);
      expect(run.toolCalls.some((call) => call.startsWith('terraform apply'))).to.equal(false);
      expect(existsSync(path.join(run.dir, 'plan.json')), 'plan.json removed').to.equal(false);
      expect(run.stdout).to.include('HIGH  aws_iam_role_policy.test_policy (policy)');
      expect(run.stderr).to.equal('pre-apply: not applying: kmsguard found IAM policies that may decrypt with KMS keys they do not name (see above).\n');
    });

    it('stops with exit 2 and a different message when kmsguard cannot judge the plan', () => {
      const run = runInSandbox('', { ...sandbox, plan: humanPlan, scriptFile: preApply });
      expect(run.status).to.equal(2);
      expect(run.kmsguardExits).to.deep.equal([2]);
      expect(run.toolCalls.some((call) => call.startsWith('terraform apply'))).to.equal(false);
      expect(run.stderr.trimEnd().split('\n').at(-1)).to.equal('pre-apply: not applying: kmsguard could not judge the plan (exit status 2).');
      expect(existsSync(path.join(run.dir, 'plan.json')), 'plan.json removed').to.equal(false);
    });
  });

  describe('check-run-all.sh', () => {
    it("plans every unit, judges the stream of plans and exits with kmsguard's status", () => {
      const run = runInSandbox('', { ...sandbox, plan: stream, scriptFile: checkRunAll });
      expect(run.status, run.stderr).to.equal(1);
      expect(run.kmsguardExits).to.deep.equal([1]);
      expect(run.toolCalls).to.have.length(2);
      expect(run.toolCalls[0]).to.match(/^terragrunt run --all .*-- plan -input=false -out=plan\.tfplan$/);
      expect(run.toolCalls[1]).to.match(/^terragrunt run --all .*--tf-forward-stdout .*-- show -json plan\.tfplan$/);
      expect(run.stdout).to.include('in run-all-show.json (document 2), aws_iam_role_policy');
      const report = JSON.parse(readFileSync(path.join(run.dir, 'kmsguard-report.json'), 'utf8')) as { summary: { documents: number; findings: number } };
      expect(report.summary).to.include({ documents: 2, findings: 1 });
    });
  });
});
