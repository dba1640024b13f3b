/**
 * The KMS action list read afresh by a process that has not read it yet (the test files load
 * it while they are defined, so only a new process shows the first read).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/paths.js';

describe('kms actions: the first read in a new process', () => {
  it('gives the 56 actions, and expands blocked-action patterns against them', function () {
    this.timeout(20_000);
    const module = pathToFileURL(path.join(repoRoot, 'dist', 'lib', 'iam', 'kms-actions.js')).href;
    const script = `const m = await import(${JSON.stringify(module)}); console.log(JSON.stringify([m.kmsActions().length, m.expandBlockedActions(['kms:ReEncrypt*'])]));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).to.deep.equal([56, { actions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'] }]);
  });
});
