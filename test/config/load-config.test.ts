import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, validateConfig } from '../../lib/config/index.js';
import { fixture, repoRoot } from '../support/paths.js';

const configDir = fixture('config');

/** The problems loadConfig reports for a file, or [] when it loads. */
async function problemsOf(file: string, cwd = configDir): Promise<readonly string[]> {
  try {
    await loadConfig({ cwd, file });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.file).to.equal(file);
    return error.problems;
  }
}

describe('config: loading', () => {
  const invalid: [file: string, problems: string[]][] = [
    ['fail-on-unknown.json', ['/failOn must be one of high, medium, low, never.']],
    [
      'unknown-key.json',
      [
        '/fialOn is not an allowed key; allowed keys are $schema, rules, principals, blockedActions, failOn, conditions, partition, strict, onlyNew, baseline, sourceRoot, inlineIgnores, suppressions.',
        '/strict must be true or false.',
      ],
    ],
    [
      'suppression-problems.json',
      [
        '/suppressions/0/reason is required.',
        '/suppressions/1/reason must not be blank.',
        '/suppressions/2/expires must be a date written YYYY-MM-DD.',
        '/suppressions/3/adress is not an allowed key; allowed keys are address, reason, expires, resourceType, scope, ruleId.',
        '/suppressions/3/expires must be a date written YYYY-MM-DD.',
        '/suppressions/3/scope must be one of all-keys, account-keys, region-keys.',
        '/suppressions/4/address must not be empty.',
        '/suppressions/4/resourceType must not be empty.',
      ],
    ],
    [
      'blocked-action-unknown.json',
      [
        '/blockedActions/1 ("kms:Nothing*") matches no KMS action; patterns are globs over KMS action names, e.g. kms:ReEncrypt*.',
        '/blockedActions/2 ("s3:GetObject") matches no KMS action; patterns are globs over KMS action names, e.g. kms:ReEncrypt*.',
      ],
    ],
    ['blocked-actions-empty.json', ['/blockedActions must not be empty.']],
    [
      'types.json',
      [
        '/blockedActions must be a list.',
        '/conditions must be one of ignore, scope.',
        '/partition must be one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc.',
        '/onlyNew must be true or false.',
        '/baseline must be a string.',
        '/suppressions must be a list.',
      ],
    ],
    ['not-json.json', ['The config file is not valid JSON at line 3, column 1 (Expected double-quoted property name).']],
    ['empty.json', ['The config file is empty.']],
    ['not-object.json', ['The file must be an object.']],
    ['utf16-odd.json', ['The config file is UTF-16 text with an odd number of bytes, so it is cut short.']],
    ['latin1.json', ['The config file is not UTF-8 text (nor UTF-16 with a byte order mark).']],
    ['missing.json', ['The config file does not exist.']],
    ['.', ['The config file is a directory, not a file.']],
  ];
  for (const [file, problems] of invalid) {
    it(`rejects ${file} with one sentence per problem`, async () => {
      expect(await problemsOf(file)).to.deep.equal(problems);
    });
  }

  it('names the file in the error message, one line per problem', async () => {
    const error = await loadConfig({ cwd: configDir, file: 'unknown-key.json' }).catch((e: unknown) => e);
    expect((error as Error).message).to.equal(
      'unknown-key.json: /fialOn is not an allowed key; allowed keys are $schema, rules, principals, blockedActions, failOn, conditions, partition, strict, onlyNew, baseline, sourceRoot, inlineIgnores, suppressions.\n' +
        'unknown-key.json: /strict must be true or false.',
    );
  });

  it('reads every setting of a valid file; suppressions remember the file', async () => {
    const loaded = await loadConfig({ cwd: repoRoot, file: path.join('test', 'fixtures', 'config', 'full.json') });
    const file = path.join('test', 'fixtures', 'config', 'full.json');
    expect(loaded).to.deep.equal({
      file,
      settings: {
        blockedActions: ['kms:Decrypt', 'kms:ReEncrypt*'],
        failOn: 'high',
        conditions: 'scope',
        partition: 'aws-us-gov',
        strict: true,
        onlyNew: true,
        baseline: path.join('test', 'fixtures', 'config', 'baselines', 'kmsguard-baseline.json'),
        suppressions: [
          {
            address: 'module.legacy.*',
            reason: 'Legacy batch jobs decrypt with any key until the migration (PLAT-412).',
            expires: '2026-12-31',
            resourceType: 'aws_iam_role_policy',
            scope: 'all-keys',
            source: file,
          },
          { address: 'aws_iam_policy.break_glass', reason: 'Break-glass role, reviewed quarterly.', source: file },
        ],
      },
    });
  });

  it('takes a relative baseline path from the config file directory when run from elsewhere', async () => {
    const loaded = await loadConfig({ cwd: configDir, file: 'full.json' });
    expect(loaded?.settings.baseline).to.equal(path.join(configDir, 'baselines', 'kmsguard-baseline.json'));
  });

  it('reads a file that starts with a byte order mark', async () => {
    expect(await loadConfig({ cwd: configDir, file: 'bom.json' })).to.deep.equal({ file: 'bom.json', settings: { failOn: 'low' } });
  });

  it('reads UTF-16 with a byte order mark, as Windows PowerShell writes it', async () => {
    expect(await loadConfig({ cwd: configDir, file: 'utf16le.json' })).to.deep.equal({ file: 'utf16le.json', settings: { failOn: 'high' } });
    expect(await loadConfig({ cwd: configDir, file: 'utf16be.json' })).to.deep.equal({ file: 'utf16be.json', settings: { failOn: 'low' } });
  });

  describe('the default .kmsguard.json', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-config-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is optional', async () => {
      expect(await loadConfig({ cwd: dir })).to.equal(undefined);
    });

    it('is read from the working directory when present', async () => {
      writeFileSync(path.join(dir, '.kmsguard.json'), '{"strict": true, "suppressions": [{"address": "*", "reason": "r"}]}');
      expect(await loadConfig({ cwd: dir })).to.deep.equal({
        file: '.kmsguard.json',
        settings: { strict: true, suppressions: [{ address: '*', reason: 'r', source: '.kmsguard.json' }] },
      });
    });

    it('is validated like any config file', async () => {
      writeFileSync(path.join(dir, '.kmsguard.json'), '{"failOn": "High"}');
      const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.equal('.kmsguard.json: /failOn must be one of high, medium, low, never.');
    });

    it('is not read when --config names another file', async () => {
      writeFileSync(path.join(dir, '.kmsguard.json'), '{"failOn": "low"}');
      writeFileSync(path.join(dir, 'ci.json'), '{"failOn": "high"}');
      expect(await loadConfig({ cwd: dir, file: 'ci.json' })).to.deep.equal({ file: 'ci.json', settings: { failOn: 'high' } });
    });
  });

  describe('validateConfig', () => {
    const cases: [value: unknown, problems: string[]][] = [
      [{}, []],
      [{ $schema: './schemas/config.schema.json', failOn: 'never' }, []],
      [{ blockedActions: ['kms:*'] }, []],
      [{ blockedActions: ['KMS:decrypt'] }, []],
      [{ blockedActions: ['kms:Decrypt', 3] }, ['/blockedActions/1 must be a string.']],
      [{ blockedActions: [''] }, ['/blockedActions/0 must not be empty.']],
      [{ suppressions: [] }, []],
      [{ suppressions: ['aws_iam_policy.p'] }, ['/suppressions/0 must be an object.']],
      [{ suppressions: [{ reason: 'r' }] }, ['/suppressions/0/address is required.']],
      [{ suppressions: [{ address: 'a', reason: '' }] }, ['/suppressions/0/reason must not be blank.']],
      [{ suppressions: [{ address: 'a', reason: 'r', expires: '2028-02-29' }] }, []],
      [{ suppressions: [{ address: 'a', reason: 'r', expires: '2027-02-29' }] }, ['/suppressions/0/expires must be a date written YYYY-MM-DD.']],
      [{ suppressions: [{ address: 'a', reason: 'r', expires: '2026-12-31T00:00:00Z' }] }, ['/suppressions/0/expires must be a date written YYYY-MM-DD.']],
      [{ suppressions: [{ address: 'a', reason: 'r', expires: 20261231 }] }, ['/suppressions/0/expires must be a string.']],
      [
        { 'a/b~c': 1 },
        [
          '/a~1b~0c is not an allowed key; allowed keys are $schema, rules, principals, blockedActions, failOn, conditions, partition, strict, onlyNew, baseline, sourceRoot, inlineIgnores, suppressions.',
        ],
      ],
      [
        { 'x\u001b[31m': 1 },
        [
          '/x\\u001B[31m is not an allowed key; allowed keys are $schema, rules, principals, blockedActions, failOn, conditions, partition, strict, onlyNew, baseline, sourceRoot, inlineIgnores, suppressions.',
        ],
      ],
      [null, ['The file must be an object.']],
    ];
    for (const [value, problems] of cases) {
      it(`${JSON.stringify(value)} -> ${problems.length === 0 ? 'valid' : problems.join(' ')}`, async () => {
        const result = await validateConfig(value, 'c.json').then(
          () => [],
          (error: unknown) => (error as ConfigError).problems,
        );
        expect(result).to.deep.equal(problems);
      });
    }
  });
});
