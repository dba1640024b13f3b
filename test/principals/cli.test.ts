import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const PLAN = fixture('principals', 'red-team.v1.2.plan.json');
const principalIds = (stdout: string) => (JSON.parse(stdout) as Report).findings.filter((f) => f.principal !== undefined).map((f) => f.ruleId);

describe('principals: command line and config file', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-principals-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('"principals": true in the config file turns the view on; --no-principals turns it off again', () => {
    const config = path.join(dir, 'on.json');
    writeFileSync(config, JSON.stringify({ principals: true }));
    expect(principalIds(runCli(['--config', config, '--format', 'json', PLAN]).stdout)).to.have.length(8);
    expect(principalIds(runCli(['--config', config, '--no-principals', '--format', 'json', PLAN]).stdout)).to.deep.equal([]);
  });

  it('a config "principals" that is not a boolean stops the run (exit 2) with one sentence', () => {
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ principals: 'yes' }));
    const result = runCli(['--config', config, PLAN]);
    expect(result.status).to.equal(2);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.equal(`kmsguard: ${config}: /principals must be true or false.\n`);
  });

  it('kmsguard config shows the principal rule in rules, from the command line', () => {
    const plain = runCli(['config', '--principals'], { cwd: dir });
    expect(plain.status, plain.stderr).to.equal(0);
    const effective = JSON.parse(plain.stdout) as { settings: { rules: string[] }; origins: { rules: string } };
    expect(effective.settings.rules).to.deep.equal(['kms-decrypt', 'kms-grant', 'principal-decrypt']);
    expect(effective.origins.rules).to.equal('command line');
  });
});
