import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { examplesDir } from '../support/paths.js';
import { logicalLines, runsKmsguard } from './command-lines.js';

function load<T>(...parts: string[]): T {
  return parse(readFileSync(path.join(examplesDir, ...parts), 'utf8')) as T;
}

/** The file a command writes for `--format NAME:FILE`. */
function outputFor(command: string, format: string): string | undefined {
  return new RegExp(`--format\\s+${format}:(\\S+)`).exec(command)?.[1];
}

interface GithubStep {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('recipes fit together', () => {
  describe('GitHub Actions workflow', () => {
    const workflow = load<{
      on: { push?: { branches?: string[] }; pull_request?: unknown };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: GithubStep[] }>;
    }>('github-actions', 'kmsguard.yml');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const kmsguardStep = steps.find((step) => step.run !== undefined && logicalLines(step.run).some(runsKmsguard));
    const command = logicalLines(kmsguardStep?.run ?? '').find(runsKmsguard) ?? '';

    it('sets up Terraform without its wrapper', () => {
      const setup = steps.find((step) => step.uses?.startsWith('hashicorp/setup-terraform@'));
      expect(setup?.with?.terraform_wrapper).to.equal(false);
    });

    it('judges the JSON that terraform show writes', () => {
      const show = steps.find((step) => step.run?.includes('terraform show -json'));
      const written = /terraform show -json \S+ > (\S+)/.exec(show?.run ?? '')?.[1];
      expect(written).to.be.a('string');
      expect(command.endsWith(` ${written}`)).to.equal(true);
    });

    it('uploads the SARIF file kmsguard writes, also when kmsguard fails the job', () => {
      const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
      expect(upload?.with?.sarif_file).to.equal(outputFor(command, 'sarif'));
      expect(upload?.if).to.include('!cancelled()');
      expect(upload?.uses).to.equal('github/codeql-action/upload-sarif@v4');
      expect(workflow.permissions['security-events']).to.equal('write');
      // Private repositories: upload-sarif reads the workflow run.
      expect(workflow.permissions.actions).to.equal('read');
    });

    it('also runs on pushes to the default branch, the base code scanning compares pull requests with', () => {
      expect(workflow.on.pull_request).to.not.equal(undefined);
      expect(workflow.on.push?.branches).to.deep.equal(['main']);
    });

    it('installs kmsguard from a tarball npm packs from the git tag, before running it', () => {
      const install = steps.findIndex((step) => step.run?.startsWith('npm install --global "$(npm pack --silent git+https://'));
      expect(install).to.be.greaterThan(-1);
      expect(install).to.be.lessThan(steps.indexOf(kmsguardStep!));
    });

    it('prints the github format, which writes the job summary', () => {
      expect(command).to.match(/--format github(\s|$)/);
    });
  });

  describe('GitLab CI', () => {
    interface Job {
      image?: string | { name: string };
      script?: string[];
      needs?: string[];
      artifacts?: { paths?: string[]; when?: string; expire_in?: string; reports?: Record<string, string> };
    }
    const pipeline = load<Record<string, Job>>('gitlab-ci', '.gitlab-ci.yml');
    const workflowRules = load<{ workflow?: { rules: { if: string }[] } }>('gitlab-ci', '.gitlab-ci.yml').workflow?.rules;
    const [name, job] = Object.entries(pipeline).find(([, value]) => value.script?.some(runsKmsguard)) ?? [];
    const command = job?.script?.find(runsKmsguard) ?? '';

    it('declares the Code Quality and JUnit reports kmsguard writes, kept when the job fails', () => {
      expect(name).to.equal('kmsguard');
      expect(job?.artifacts?.reports?.codequality).to.equal(outputFor(command, 'gitlab'));
      expect(job?.artifacts?.reports?.junit).to.equal(outputFor(command, 'junit'));
      expect(job?.artifacts?.when).to.equal('always');
    });

    it('judges the plan JSON the plan job passes on', () => {
      const planJob = pipeline[job?.needs?.[0] ?? ''];
      const planFile = planJob?.artifacts?.paths?.[0];
      expect(planJob?.script?.join('\n')).to.include(`terraform show -json plan.tfplan > ${planFile}`);
      expect(command.endsWith(` ${planFile}`)).to.equal(true);
    });

    it('runs in merge requests and on the default branch, which the Code Quality widget compares with', () => {
      expect(workflowRules?.map((rule) => rule.if)).to.deep.equal(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
    });

    it('keeps the plan JSON (it holds secrets) for an hour only', () => {
      expect(pipeline[job?.needs?.[0] ?? '']?.artifacts?.expire_in).to.equal('1 hour');
    });

    it('installs kmsguard from git in an image that has git', () => {
      expect(job?.image).to.equal('node:22');
      expect(job?.script?.[0]).to.match(/^npm install --global "\$\(npm pack --silent git\+https:\/\/\S+\.git#v\d+\.\d+\.\d+\)"$/);
    });
  });

  describe('Atlantis', () => {
    type Step = string | { run: string };
    interface Server {
      repos: { policy_check?: boolean; custom_policy_check?: boolean; workflow?: string; allowed_overrides?: string[]; allowed_workflows?: string[] }[];
      workflows: Record<string, { plan: { steps: Step[] }; policy_check: { steps: Step[] } }>;
      policies: { owners: { teams?: string[] }; policy_sets: { name: string; path: string; source: string }[] };
    }
    const server = load<Server>('atlantis', 'repos.yaml');
    const repo = load<{ version: number; projects: { workflow: string }[] }>('atlantis', 'atlantis.yaml');
    const runs = (steps: Step[]): string[] => steps.flatMap((step) => (typeof step === 'string' ? [] : [step.run]));

    it('turns on custom policy checks with a workflow that exists', () => {
      const entry = server.repos[0]!;
      expect(entry.policy_check).to.equal(true);
      expect(entry.custom_policy_check).to.equal(true);
      expect(Object.keys(server.workflows)).to.include(entry.workflow);
      expect(Object.keys(server.workflows)).to.include.members(entry.allowed_workflows ?? []);
    });

    for (const [name, workflow] of Object.entries(server.workflows)) {
      it(`${name}: gates the plan and writes the atlantis format in the policy check, after show`, () => {
        const gate = runs(workflow.plan.steps).filter(runsKmsguard);
        const check = runs(workflow.policy_check.steps).filter(runsKmsguard);
        expect(gate).to.have.length(1);
        expect(gate[0]).to.not.include('--format atlantis');
        expect(gate[0]).to.include('--fail-on');
        expect(check).to.have.length(1);
        expect(check[0]).to.include('--format atlantis');
        expect(check[0]).to.not.include('--fail-on');
        for (const steps of [workflow.plan.steps, workflow.policy_check.steps]) {
          expect(steps.indexOf('show')).to.be.greaterThan(-1);
          expect(steps.indexOf('show')).to.be.lessThan(steps.findIndex((step) => typeof step !== 'string'));
        }
        for (const command of [...gate, ...check]) expect(command).to.include('--config /etc/atlantis/kmsguard.json');
      });
    }

    it('lets only the security team approve', () => {
      expect(server.policies.owners.teams).to.deep.equal(['security']);
      expect(server.policies.policy_sets.map((set) => set.name)).to.deep.equal(['kmsguard']);
    });

    it('the repo-level config picks only workflows the server allows', () => {
      const entry = server.repos[0]!;
      expect(repo.version).to.equal(3);
      expect(entry.allowed_overrides).to.include('workflow');
      for (const project of repo.projects) expect(entry.allowed_workflows).to.include(project.workflow);
    });
  });
});
