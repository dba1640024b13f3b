import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths.js';
import { behavesAsInstalled, packageVersion, runIn, seedDirectory } from './installed-cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function npmRun(args: readonly string[], cwd: string): string {
  const result = spawnSync(npm, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  expect(result.status, `npm ${args.join(' ')}: ${result.stderr}`).to.equal(0);
  return result.stdout;
}

function filesUnder(dir: string, prefix: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' }).map((file) => `${prefix}/${file.split(path.sep).join('/')}`);
}

describe('install: the npm package (npm pack, then npm install --global)', function () {
  this.timeout(300_000);
  let work: string;
  let packed: string[];
  let prefix: string;
  let dir: string;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'kmsguard-pack-'));
    // dist/ is already built by `npm test`; prepare would build it again.
    const [pack] = JSON.parse(npmRun(['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot)) as {
      filename: string;
      files: { path: string }[];
    }[];
    packed = pack!.files.map((file) => file.path).sort();
    prefix = path.join(work, 'prefix');
    npmRun(['install', '--global', '--prefix', prefix, path.join(work, pack!.filename), '--no-audit', '--no-fund', '--prefer-offline'], work);
    dir = seedDirectory();
  });
  after(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds exactly what runs: the CLI bundle, the compiled library with its types, data, schemas, licence', () => {
    const library = filesUnder('dist/lib', 'dist/lib').filter((file) => file.endsWith('.js') || file.endsWith('.d.ts'));
    const expected = [
      'LICENSE',
      'README.md',
      'package.json',
      ...filesUnder('data', 'data'),
      ...filesUnder('schemas', 'schemas'),
      'dist/bin/kmsguard.js',
      'dist/bin/kmsguard.bundle.cjs',
      'dist/bin/kmsguard.bundle.cache',
      ...filesUnder('dist/bin/yargs-locales', 'dist/bin/yargs-locales'),
      ...library,
    ].sort();
    expect(packed).to.deep.equal(expected);
    expect(packed.filter((file) => file.endsWith('.map') || file.startsWith('dist/test/') || /(?<!\.d)\.ts$/.test(file))).to.deep.equal([]);
  });

  it('carries the MIT licence that package.json names', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { license: string; scripts: Record<string, string> };
    expect(pkg.license).to.equal('MIT');
    expect(readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8')).to.match(/^MIT License\n/);
    // npm runs prepare when it installs from git or a directory: dist/ is built there.
    expect(pkg.scripts.prepare).to.equal('npm run build');
  });

  describe('the kmsguard command it installs, run from another directory', () => {
    behavesAsInstalled(() => ({ command: path.join(prefix, 'bin', 'kmsguard'), env: { PATH: process.env.PATH ?? '' }, dir }));
  });

  it('the library it installs: import { check, VERSION } from "kmsguard"', () => {
    const script =
      "const { check, VERSION } = await import('kmsguard'); const report = await check('" +
      path.join(dir, 'insecure.json').replaceAll('\\', '/') +
      "'); console.log(VERSION, report.summary.findings, report.summary.passed);";
    const result = runIn(path.join(prefix, 'lib'), process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '' } });
    expect(result.stderr).to.equal('');
    expect(result.stdout).to.equal(`${packageVersion} 2 false\n`);
  });

  // The recipes' command: npm clones the repository, installs the dev dependencies, runs prepare
  // (which builds dist/) and packs. It packs the committed HEAD, as CI's clone has it.
  it('npm pack --silent git+file://<repository> builds dist/ and prints only the tarball name', function () {
    if (spawnSync('git', ['-C', repoRoot, 'rev-parse', 'HEAD']).status !== 0) this.skip();
    const target = mkdtempSync(path.join(work, 'git-'));
    const printed = npmRun(['pack', '--silent', '--prefer-offline', `git+file://${repoRoot}`], target);
    expect(printed).to.equal(`kmsguard-${packageVersion}.tgz\n`);
    const listing = spawnSync('tar', ['-tzf', path.join(target, printed.trim())], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    expect(listing.map((file) => file.replace(/^package\//, '')).sort()).to.deep.equal(packed);
  });
});
