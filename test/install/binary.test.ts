import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ASSETS, binaryName } from '../../scripts/build-binary.js';
import { repoRoot } from '../support/paths.js';
import { behavesAsInstalled, seedDirectory } from './installed-cli.js';

/** Built once per test run (a copy of the Node.js binary, ~95 MiB, takes seconds to write). */
const binary = path.join(repoRoot, 'dist', binaryName());

describe('install: the single executable (npm run build:binary)', function () {
  this.timeout(300_000);
  let dir: string;

  before(() => {
    rmSync(binary, { force: true });
    const build = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/build-binary.ts'], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.status, build.stderr).to.equal(0);
    expect(build.stdout).to.match(/^built dist\/kmsguard-\S+ \(Node\.js v\d+\.\d+\.\d+, \d+ embedded files\)\n$/);
    dir = seedDirectory();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`is named for the platform it runs on (${binaryName()})`, () => {
    expect(binaryName('linux', 'x64')).to.equal('kmsguard-linux-x64');
    expect(binaryName('darwin', 'arm64')).to.equal('kmsguard-darwin-arm64');
    expect(binaryName('win32', 'x64')).to.equal('kmsguard-win32-x64.exe');
    expect(existsSync(binary)).to.equal(true);
  });

  it('carries every data file of the package', () => {
    const dataFiles = readdirSync(path.join(repoRoot, 'data')).map((file) => `data/${file}`);
    expect(ASSETS).to.include.members(dataFiles);
  });

  // No Node.js on PATH, and a working directory with no package.json above it.
  describe('run in an empty directory with nothing on PATH', () => {
    behavesAsInstalled(() => ({ command: binary, env: { PATH: '/nonexistent' }, dir }));
  });
});
