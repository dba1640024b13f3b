import { expect } from 'chai';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, repoRoot, schemasDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const TREE = 'test/fixtures/source/tree';
const IGNORES = 'test/fixtures/source/ignores';
const MAIN = `${TREE}/main.tf`;

const sarifAjv = new Ajv({ strict: false, allErrors: true });
addFormats.default(sarifAjv);
const validateSarif = sarifAjv.compile(JSON.parse(readFileSync(path.resolve(repoRoot, '..', 'shared', 'schemas', 'sarif-2.1.0.json'), 'utf8')));
const validateReport = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')));

const run = (...args: string[]) => runCli(['--source-root', TREE, ...args, `${TREE}/plan.json`]);

describe('source locations on the command line', () => {
  it('json: each finding carries its location, valid against the report schema', () => {
    const result = run('-f', 'json');
    expect(result.status).to.equal(1);
    const report = JSON.parse(result.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).to.equal(true);
    const inline = report.findings.find((f: { address: string }) => f.address === 'aws_iam_policy.inline[0]');
    expect(inline.location).to.deep.equal({ file: MAIN, startLine: 31, endLine: 36, startColumn: 7, endColumn: 8 });
  });

  it('sarif: the physical location is the source, with its region; the plan is a related location', () => {
    const result = run('-f', 'sarif');
    const sarif = JSON.parse(result.stdout);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).to.equal(true);
    const first = sarif.runs[0].results.find(
      (r: { locations: { logicalLocations: { name: string }[] }[] }) => r.locations[0]!.logicalLocations[0]!.name === 'aws_iam_role_policy.heredoc',
    );
    expect(first.locations[0].physicalLocation).to.deep.equal({
      artifactLocation: { uri: MAIN },
      region: { startLine: 63, endLine: 67, startColumn: 9, endColumn: 10 },
    });
    expect(first.relatedLocations[0].physicalLocation.artifactLocation).to.deep.equal({ uri: `${TREE}/plan.json` });
  });

  it('github: annotations name the .tf file and its lines, so they land on the diff', () => {
    const lines = run('-f', 'github').stdout.split('\n');
    const heredoc = lines.find((line) => line.includes('aws_iam_role_policy.heredoc (policy)'))!;
    expect(heredoc.startsWith(`::error file=${MAIN},line=63,endLine=67,title=`)).to.equal(true);
    const nested = lines.find((line) => line.includes('module.app["billing"].module.inner'))!;
    expect(nested.startsWith(`::error file=${TREE}/modules/app/inner/main.tf,line=9,endLine=13,title=`)).to.equal(true);
  });

  it('gitlab: location.path and lines.begin are the source', () => {
    const issues = JSON.parse(run('-f', 'gitlab').stdout);
    const issue = issues.find((i: { description: string }) => i.description.startsWith('aws_iam_policy.from_module (policy)'));
    expect(issue.location).to.deep.equal({ path: `${TREE}/.terraform/modules/iam/main.tf`, lines: { begin: 10 } });
  });

  it('text and markdown: file:line', () => {
    expect(run().stdout).to.include(`  written at ${MAIN}:114\n`);
    expect(run('-f', 'markdown').stdout).to.include(`, written at \`${MAIN}:114\``);
  });

  it('junit: the testcase names its file', () => {
    const xml = run('-f', 'junit').stdout;
    expect(xml).to.include(`<testcase name="aws_iam_role_policy.dynamic (policy)" classname="kmsguard.aws_iam_role_policy" file="${MAIN}">`);
  });

  it("takes the working directory as the source root when it holds the plan's root module", () => {
    const result = runCli(['-f', 'github', 'plan.json'], { cwd: fixture('source', 'tree') });
    expect(result.stdout).to.include('::error file=main.tf,line=31,endLine=36,title=');
    expect(result.stderr).to.equal('');
  });

  it('keeps the plan file as the location without a source root', () => {
    const result = runCli(['-f', 'github', `${TREE}/plan.json`]);
    expect(result.stdout).to.include(`::error file=${TREE}/plan.json,line=1,title=`);
    expect(result.stdout).to.not.include('main.tf');
  });

  it('refuses a source root that is not a directory: exit 2, one sentence', () => {
    const result = runCli(['--source-root', 'no/such/dir', `${TREE}/plan.json`]);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.equal('kmsguard: The source root "no/such/dir" is not a directory.\n');
    expect(result.stdout).to.equal('');
  });

  describe('inline ignores', () => {
    it('are honoured and reported on standard error', () => {
      const result = runCli(['--source-root', IGNORES, '-f', 'json', `${IGNORES}/plan.json`]);
      const report = JSON.parse(result.stdout);
      expect(report.summary.suppressed).to.equal(2);
      expect(result.stderr).to.include(
        `kmsguard: warning: ${IGNORES}/main.tf: The kmsguard:ignore at line 55 matched no finding; remove it if it is no longer needed.\n`,
      );
    });

    it('--no-inline-ignores turns them off', () => {
      const result = runCli(['--source-root', IGNORES, '--no-inline-ignores', '-f', 'json', `${IGNORES}/plan.json`]);
      expect(JSON.parse(result.stdout).summary.suppressed).to.equal(0);
      expect(result.stderr).to.equal('');
    });

    it('the config file sets the source root (relative to it) and can turn ignores off', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-config-'));
      try {
        const config = path.join(dir, 'kmsguard.json');
        writeFileSync(config, JSON.stringify({ sourceRoot: path.relative(dir, fixture('source', 'ignores')), inlineIgnores: false }));
        const result = runCli(['--config', config, '-f', 'json', `${IGNORES}/plan.json`]);
        const report = JSON.parse(result.stdout);
        expect(report.summary.suppressed).to.equal(0);
        expect(report.findings.map((f: { location?: { file: string } }) => f.location?.file)).to.deep.equal(new Array(4).fill(`${IGNORES}/main.tf`));
        const shown = JSON.parse(runCli(['--config', config, 'config']).stdout);
        expect(shown.settings.inlineIgnores).to.equal(false);
        expect(shown.origins.sourceRoot).to.equal(config);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
