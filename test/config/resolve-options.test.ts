import { expect } from 'chai';
import { effectiveConfig, resolveOptions } from '../../lib/config/index.js';
import type { LoadedConfig } from '../../lib/config/index.js';
import type { Options } from '../../lib/types.js';

const defaults: Options = {
  blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
  failOn: 'medium',
  conditions: 'ignore',
  strict: false,
  onlyNew: false,
};

const fromFile: LoadedConfig = {
  file: '.kmsguard.json',
  settings: {
    blockedActions: ['kms:ReEncrypt*'],
    failOn: 'low',
    strict: true,
    suppressions: [{ address: 'aws_iam_policy.a', reason: 'accepted', expires: '2026-12-31', source: '.kmsguard.json' }],
    baseline: 'base.json',
  },
};

describe('config: resolving options', () => {
  it('uses the defaults without a file or flags', () => {
    expect(resolveOptions(defaults, undefined, {})).to.deep.equal({
      options: defaults,
      origins: {
        rules: 'default',
        blockedActions: 'default',
        failOn: 'default',
        conditions: 'default',
        partition: 'default',
        strict: 'default',
        onlyNew: 'default',
        baseline: 'default',
        suppressions: 'default',
        sourceRoot: 'default',
        inlineIgnores: 'default',
      },
    });
  });

  it('lets the file override defaults and flags override the file', () => {
    const resolved = resolveOptions(defaults, fromFile, { failOn: 'high', strict: false, partition: 'aws-cn', baseline: 'other.json' });
    expect(resolved).to.deep.equal({
      file: '.kmsguard.json',
      options: {
        blockedActions: ['kms:ReEncrypt*'],
        failOn: 'high',
        conditions: 'ignore',
        partition: 'aws-cn',
        strict: false,
        onlyNew: false,
        suppressions: [{ address: 'aws_iam_policy.a', reason: 'accepted', expires: '2026-12-31', source: '.kmsguard.json' }],
        baseline: 'other.json',
      },
      origins: {
        rules: 'default',
        blockedActions: '.kmsguard.json',
        failOn: 'command line',
        conditions: 'default',
        partition: 'command line',
        strict: 'command line',
        onlyNew: 'default',
        baseline: 'command line',
        suppressions: '.kmsguard.json',
        sourceRoot: 'default',
        inlineIgnores: 'default',
      },
    });
  });

  it('ignores flags that were not given', () => {
    const resolved = resolveOptions(defaults, fromFile, { failOn: undefined } as Partial<Options>);
    expect(resolved.options.failOn).to.equal('low');
    expect(resolved.origins.failOn).to.equal('.kmsguard.json');
  });

  describe('kmsguard config output', () => {
    it('shows the settings as a config file would hold them, their origins and the expanded actions', () => {
      const resolved = resolveOptions(defaults, fromFile, { onlyNew: true });
      const rules = [{ id: 'kms-decrypt', blockedActions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'] }];
      expect(effectiveConfig(resolved, ['kms:ReEncryptFrom', 'kms:ReEncryptTo'], rules)).to.deep.equal({
        configFile: '.kmsguard.json',
        settings: {
          rules: ['kms-decrypt'],
          blockedActions: ['kms:ReEncrypt*'],
          failOn: 'low',
          conditions: 'ignore',
          strict: true,
          onlyNew: true,
          baseline: 'base.json',
          suppressions: [{ address: 'aws_iam_policy.a', reason: 'accepted', expires: '2026-12-31' }],
        },
        origins: {
          rules: 'default',
          blockedActions: '.kmsguard.json',
          failOn: '.kmsguard.json',
          conditions: 'default',
          partition: 'default',
          strict: '.kmsguard.json',
          onlyNew: 'command line',
          baseline: '.kmsguard.json',
          suppressions: '.kmsguard.json',
          sourceRoot: 'default',
          inlineIgnores: 'default',
        },
        blockedActionsExpanded: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
        rulesInEffect: rules,
      });
    });

    it('says when there is no config file', () => {
      const shown = effectiveConfig(resolveOptions(defaults, undefined, {}), ['kms:Decrypt', 'kms:ReEncryptFrom'], []);
      expect(shown.configFile).to.equal(null);
      expect(Object.keys(shown.settings)).to.deep.equal(['rules', 'blockedActions', 'failOn', 'conditions', 'strict', 'onlyNew']);
    });
  });
});
