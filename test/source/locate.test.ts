import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check, OptionsError } from '../../lib/check.js';
import type { Finding, Report } from '../../lib/types.js';
import { fixture, repoRoot } from '../support/paths.js';

const TREE = path.relative(repoRoot, fixture('source', 'tree'));
const plan = (dir: string): string => path.join(dir, 'plan.json');

/** `address` -> `file:startLine-endLine`, or `none`. */
function locations(report: Report): Record<string, string> {
  return Object.fromEntries(
    report.findings.map((f: Finding) => [f.address, f.location === undefined ? 'none' : `${f.location.file}:${f.location.startLine}-${f.location.endLine}`]),
  );
}

/** Runs `body` with the working directory set to `dir`. */
async function inDirectory<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await body();
  } finally {
    process.chdir(before);
  }
}

describe('source locations', () => {
  // Decided from the .tf files before the first run: the statement that grants the access.
  const EXPECTED: Readonly<Record<string, string>> = {
    // jsonencode, second statement object; both count instances share it
    'aws_iam_policy.inline[0]': 'main.tf:31-36',
    'aws_iam_policy.inline[1]': 'main.tf:31-36',
    // heredoc JSON, second statement object
    'aws_iam_role_policy.heredoc': 'main.tf:63-67',
    // a document whose grant comes from its source_policy_documents; both for_each instances
    'aws_iam_user_policy.from_doc["alice"]': 'main.tf:82-86',
    'aws_iam_user_policy.from_doc["bob"]': 'main.tf:82-86',
    // the static statement after a dynamic "statement" block
    'aws_iam_role_policy.dynamic': 'main.tf:114-117',
    // a registry module's output, through .terraform/modules/modules.json
    'aws_iam_policy.from_module': '.terraform/modules/iam/main.tf:10-14',
    // a local module with for_each, and a local module nested in it (a lone Statement object)
    'module.app["billing"].aws_iam_role_policy.this': 'modules/app/main.tf:19-22',
    'module.app["reports"].aws_iam_role_policy.this': 'modules/app/main.tf:19-22',
    'module.app["billing"].module.inner.aws_iam_policy.inner': 'modules/app/inner/main.tf:9-13',
    'module.app["reports"].module.inner.aws_iam_policy.inner': 'modules/app/inner/main.tf:9-13',
  };
  const underTree = (relative: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(relative).map(([address, where]) => [address, `${TREE}/${where}`]));

  it('locates every finding of the module tree with --source-root, paths relative to the working directory', async () => {
    const report = await inDirectory(repoRoot, () => check(plan(TREE), { sourceRoot: TREE }));
    expect(locations(report)).to.deep.equal(underTree(EXPECTED));
    expect(report.warnings).to.deep.equal([]);
  });

  it('gives columns for the statement object and the statement block', async () => {
    const report = await inDirectory(repoRoot, () => check(plan(TREE), { sourceRoot: TREE }));
    const inline = report.findings.find((f) => f.address === 'aws_iam_policy.inline[0]')!;
    expect(inline.location).to.deep.equal({ file: `${TREE}/main.tf`, startLine: 31, endLine: 36, startColumn: 7, endColumn: 8 });
    const dynamic = report.findings.find((f) => f.address === 'aws_iam_role_policy.dynamic')!;
    expect(dynamic.location).to.deep.equal({ file: `${TREE}/main.tf`, startLine: 114, endLine: 117, startColumn: 3, endColumn: 4 });
  });

  it("finds the working directory as the source root when it holds the plan's root module", async () => {
    const report = await inDirectory(fixture('source', 'tree'), () => check('plan.json', { findSourceRoot: true }));
    expect(locations(report)).to.deep.equal(EXPECTED);
  });

  it("gives no locations without a source root (the library default), even in the module's directory", async () => {
    const report = await inDirectory(fixture('source', 'tree'), () => check('plan.json'));
    expect(Object.values(locations(report))).to.have.length(11);
    expect(new Set(Object.values(locations(report)))).to.deep.equal(new Set(['none']));
  });

  it("does not take a working directory without the plan's blocks as the source root", async () => {
    const report = await inDirectory(fixture('source', 'ignores'), () => check(path.join('..', 'tree', 'plan.json'), { findSourceRoot: true }));
    expect(new Set(Object.values(locations(report)))).to.deep.equal(new Set(['none']));
    expect(report.warnings).to.deep.equal([]);
  });

  it('refuses a source root that is not a directory', async () => {
    let error: unknown;
    try {
      await check(plan(TREE), { sourceRoot: path.join(TREE, 'no-such-dir') });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(OptionsError);
    expect((error as Error).message).to.equal(`The source root "${TREE}/no-such-dir" is not a directory.`);
  });

  describe('on a copy of the tree', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-source-'));
      cpSync(fixture('source', 'tree'), dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps every fingerprint when only line numbers move', async () => {
      const before = await check(plan(dir), { sourceRoot: dir });
      const main = path.join(dir, 'main.tf');
      writeFileSync(main, `# three lines added above\n\n\n${readFileSync(main, 'utf8')}`);
      const after = await check(plan(dir), { sourceRoot: dir });
      expect(after.findings.map((f) => f.fingerprint)).to.deep.equal(before.findings.map((f) => f.fingerprint));
      const inline = (report: Report) => report.findings.find((f) => f.address === 'aws_iam_policy.inline[0]')!.location!.startLine;
      expect([inline(before), inline(after)]).to.deep.equal([31, 34]);
      const plain = await check(plan(dir));
      expect(plain.findings.map((f) => f.fingerprint)).to.deep.equal(before.findings.map((f) => f.fingerprint));
    });

    it('warns about a file that does not parse and locates nothing in it, without failing the check', async () => {
      const main = path.join(dir, 'main.tf');
      writeFileSync(main, readFileSync(main, 'utf8').replace('resource "aws_iam_role" "worker" {', 'resource "aws_iam_role" "worker" {{'));
      // The decrypt rule alone, so the count below is the tree's decrypt findings.
      const report = await inDirectory(dir, () => check('plan.json', { sourceRoot: '.', rules: ['kms-decrypt'] }));
      expect(report.errors).to.deep.equal([]);
      expect(report.warnings).to.deep.equal([{ source: 'main.tf', message: 'It does not parse as HCL (line 41); findings in it have no source location.' }]);
      const found = locations(report);
      expect(found['aws_iam_policy.inline[0]']).to.equal('none');
      expect(found['module.app["billing"].aws_iam_role_policy.this']).to.equal('modules/app/main.tf:19-22');
      expect(report.findings).to.have.length(11);
    });

    it('falls back to the policy attribute when the statement cannot be told apart', async () => {
      const main = path.join(dir, 'main.tf');
      // The dynamic block's content now might render the granting statement too.
      writeFileSync(
        main,
        readFileSync(main, 'utf8').replace(
          '      actions   = ["s3:PutObject"]\n',
          '      actions   = statement.value == "" ? ["kms:Decrypt"] : ["s3:PutObject"]\n',
        ),
      );
      const report = await inDirectory(dir, () => check('plan.json', { sourceRoot: '.' }));
      expect(locations(report)['aws_iam_role_policy.dynamic']).to.equal('main.tf:123-123');
    });

    it('follows override_policy_documents as it follows source_policy_documents', async () => {
      for (const file of ['main.tf', 'plan.json']) {
        const where = path.join(dir, file);
        writeFileSync(where, readFileSync(where, 'utf8').split('source_policy_documents').join('override_policy_documents'));
      }
      const report = await inDirectory(dir, () => check('plan.json', { sourceRoot: '.' }));
      expect(locations(report)['aws_iam_user_policy.from_doc["alice"]']).to.equal('main.tf:82-86');
    });

    it('uses local module sources when there is no modules.json (and cannot place the registry module)', async () => {
      rmSync(path.join(dir, '.terraform'), { recursive: true });
      const report = await inDirectory(dir, () => check('plan.json', { sourceRoot: '.' }));
      const found = locations(report);
      expect(found['module.app["billing"].module.inner.aws_iam_policy.inner']).to.equal('modules/app/inner/main.tf:9-13');
      // The policy attribute of the root resource: the module's source is not on disk.
      expect(found['aws_iam_policy.from_module']).to.equal('main.tf:139-139');
    });
  });
});
