/**
 * The KMS action list read for the first time. The test files read it while they are defined,
 * so this loads a fresh instance of the module (its own, still empty, cache) and reads it there.
 */
import { expect } from 'chai';

describe('kms actions: the first read of the list', () => {
  it('gives the 56 actions, and expands blocked-action patterns against them', async () => {
    const fresh = (await import(new URL('../../lib/iam/kms-actions.js?first-read', import.meta.url).href)) as typeof import('../../lib/iam/kms-actions.js');
    expect(fresh.kmsActions()).to.have.length(56);
    expect(fresh.expandBlockedActions(['kms:ReEncrypt*'])).to.deep.equal({ actions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'] });
  });
});
