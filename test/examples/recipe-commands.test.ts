import { expect } from 'chai';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { examplesDir, repoRoot } from '../support/paths.js';
import { annotatedExit, kmsguardCommands, listFiles, recipeKind, yamlCommands, type CommandLine } from './command-lines.js';
import { createSandboxRoot, runInSandbox } from './sandbox.js';

const insecurePlan = path.join(examplesDir, 'seed', 'insecure', 'plan.json');
const securePlan = path.join(examplesDir, 'seed', 'secure', 'plan.json');

/** Paths the recipes name on the machine they run on, and the example files that stand for them here. */
const HOST_PATHS: Readonly<Record<string, string>> = {
  '/etc/atlantis/kmsguard.json': path.join(examplesDir, 'atlantis', 'kmsguard.json'),
};

function substituted(command: string): string {
  return Object.entries(HOST_PATHS).reduce((text, [host, local]) => text.split(host).join(local), command);
}

interface Expectation {
  /** kmsguard's exit status on the insecure seed plan, and on the secure one. */
  readonly insecure: number;
  readonly secure: number;
}

/**
 * Every kmsguard command line in the YAML recipes and shell scripts, with its exit status on
 * each seed plan. A recipe edit that adds, removes or changes a command must change this table.
 */
const RECIPE_COMMANDS: Readonly<Record<string, Readonly<Record<string, Expectation>>>> = {
  'atlantis/repos.yaml': {
    'kmsguard --config /etc/atlantis/kmsguard.json --fail-on high "$SHOWFILE"': { insecure: 1, secure: 0 },
    'kmsguard --config /etc/atlantis/kmsguard.json --format atlantis "$SHOWFILE"': { insecure: 0, secure: 0 },
    'kmsguard --config /etc/atlantis/kmsguard.json --fail-on medium --strict "$SHOWFILE"': { insecure: 1, secure: 0 },
    'kmsguard --config /etc/atlantis/kmsguard.json --format atlantis --strict "$SHOWFILE"': { insecure: 0, secure: 0 },
  },
  'github-actions/kmsguard.yml': {
    'kmsguard --source-root . --format github --format sarif:kmsguard.sarif plan.json': { insecure: 1, secure: 0 },
  },
  'gitlab-ci/.gitlab-ci.yml': {
    'kmsguard --source-root . --format text --format gitlab:gl-code-quality-report.json --format junit:kmsguard-junit.xml plan.json': {
      insecure: 1,
      secure: 0,
    },
  },
  'pre-apply/pre-apply.sh': {
    'kmsguard plan.json || status=$?': { insecure: 1, secure: 0 },
  },
  'terragrunt/check-run-all.sh': {
    'kmsguard --format text --format json:kmsguard-report.json run-all-show.json': { insecure: 1, secure: 0 },
  },
};

/** The files a command writes with `--format NAME:FILE`. */
function outputFiles(command: string): { format: string; file: string }[] {
  return [...command.matchAll(/--format\s+([a-z]+):(\S+)/g)].map((match) => ({ format: match[1]!, file: match[2]! }));
}

function checkOutputFile(format: string, text: string): void {
  if (format === 'sarif') expect((JSON.parse(text) as { version: string }).version).to.equal('2.1.0');
  else if (format === 'gitlab') expect(JSON.parse(text)).to.be.an('array');
  else if (format === 'json') expect(JSON.parse(text)).to.have.property('findings');
  else if (format === 'junit') expect(text.startsWith('<?xml')).to.equal(true);
  else expect(text).to.not.equal('');
}

const byFile = (commands: readonly CommandLine[]): Record<string, string[]> => {
  const grouped: Record<string, string[]> = {};
  for (const { file, text } of commands) (grouped[file] ??= []).push(text);
  return grouped;
};

describe('kmsguard command lines in the examples', () => {
  let sandbox: { root: string; bin: string };
  const commands = kmsguardCommands(examplesDir);
  const recipeCommands = commands.filter((c) => recipeKind(c.file) !== 'markdown');
  const markdownCommands = commands.filter((c) => recipeKind(c.file) === 'markdown');

  before(() => {
    sandbox = createSandboxRoot();
  });
  after(() => rmSync(sandbox.root, { recursive: true, force: true }));

  it('every YAML recipe parses', () => {
    const yamlFiles = listFiles(examplesDir).filter((file) => recipeKind(file) === 'yaml');
    expect(yamlFiles).to.deep.equal(['atlantis/atlantis.yaml', 'atlantis/repos.yaml', 'github-actions/kmsguard.yml', 'gitlab-ci/.gitlab-ci.yml']);
    for (const file of yamlFiles) expect(() => yamlCommands(readFileSync(path.join(examplesDir, file), 'utf8')), file).to.not.throw();
  });

  it('finds exactly the recipe commands this test knows', () => {
    const known = Object.fromEntries(Object.entries(RECIPE_COMMANDS).map(([file, table]) => [file, Object.keys(table)]));
    expect(byFile(recipeCommands)).to.deep.equal(known);
  });

  for (const [file, table] of Object.entries(RECIPE_COMMANDS)) {
    for (const [command, expected] of Object.entries(table)) {
      for (const seed of ['insecure', 'secure'] as const) {
        it(`${file}: ${command} (${seed} seed plan)`, () => {
          const run = runInSandbox(substituted(command), { ...sandbox, plan: seed === 'insecure' ? insecurePlan : securePlan });
          expect(run.kmsguardExits, run.stderr).to.deep.equal([expected[seed]]);
          expect(run.stderr).to.not.match(/Unknown argument|Invalid values|Not enough arguments/);
          for (const { format, file: output } of outputFiles(command)) {
            const written = path.join(run.dir, output);
            expect(existsSync(written), `${output} written`).to.equal(true);
            checkOutputFile(format, readFileSync(written, 'utf8'));
          }
          if (command.includes('--format atlantis')) {
            if (seed === 'insecure') expect(run.stdout).to.match(/^FAIL - /m);
            else expect(run.stdout).to.not.match(/fail/i);
            expect(run.stdout.trimEnd().split('\n').at(-1)).to.match(/^\d+ tests, \d+ passed, \d+ warnings, /);
          }
          if (command.includes('--format github')) {
            expect(readFileSync(path.join(run.dir, 'logs', 'step-summary.md'), 'utf8')).to.match(/^## kmsguard$/m);
          }
        });
      }
    }
  }

  it('every command in the markdown code blocks says its exit status', () => {
    expect(markdownCommands.length).to.be.greaterThan(20);
    const unannotated = markdownCommands.filter((c) => annotatedExit(c.text) === undefined);
    expect(unannotated, 'add "# exit N" to these lines').to.deep.equal([]);
  });

  for (const { file, text } of markdownCommands) {
    it(`${file}: ${text}`, () => {
      const run = runInSandbox(text, { ...sandbox, plan: insecurePlan, cwd: repoRoot });
      expect(run.kmsguardExits, run.stderr).to.deep.equal([annotatedExit(text)]);
      expect(run.status).to.equal(annotatedExit(text));
    });
  }

  it('recipes install the version of kmsguard this repository builds, from its git tag', () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const pins = listFiles(examplesDir)
      .filter((file) => recipeKind(file) !== undefined)
      .flatMap((file) => [...readFileSync(path.join(examplesDir, file), 'utf8').matchAll(/kmsguard\.git#v([^\s")]+)/g)].map((match) => `${file}: ${match[1]}`));
    expect(pins).to.deep.equal([`github-actions/kmsguard.yml: ${version}`, `gitlab-ci/.gitlab-ci.yml: ${version}`]);
  });

  it('no recipe or example README installs kmsguard by a registry name (it is not published)', () => {
    const registryInstall = /npm (?:install|i|add)\b[^\n]*?\skmsguard(?:@\S*)?(?:\s|$)/;
    const offenders = listFiles(examplesDir)
      .filter((file) => recipeKind(file) !== undefined || file.endsWith('.md'))
      .filter((file) => registryInstall.test(readFileSync(path.join(examplesDir, file), 'utf8')));
    expect(offenders).to.deep.equal([]);
    expect(registryInstall.test('npm install --global kmsguard@0.1.0')).to.equal(true);
  });
});
