import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, readBaselineFile } from '../../lib/config/index.js';
import { fixture } from '../support/paths.js';

async function problemsOf(name: string): Promise<readonly string[]> {
  const file = fixture('config', 'baselines', name);
  try {
    await readBaselineFile(file);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.file).to.equal(file);
    return error.problems;
  }
}

describe('config: baseline files', () => {
  it('reads a valid baseline', async () => {
    expect(await readBaselineFile(fixture('config', 'baselines', 'kmsguard-baseline.json'))).to.deep.equal({
      version: 1,
      findings: [
        { fingerprint: '0123456789abcdef0123456789abcdef', ruleId: 'kms-decrypt-all-keys', address: 'aws_iam_policy.a', policyPath: 'policy' },
        { fingerprint: 'fedcba9876543210fedcba9876543210' },
      ],
    });
  });

  it('reads a baseline in UTF-16 with a byte order mark (`kmsguard baseline plan.json > file` in Windows PowerShell)', async () => {
    const utf8 = await readBaselineFile(fixture('config', 'baselines', 'kmsguard-baseline.json'));
    expect(await readBaselineFile(fixture('config', 'baselines', 'utf16le.json'))).to.deep.equal(utf8);
  });

  const invalid: [file: string, problems: string[]][] = [
    ['missing.json', ['The baseline file does not exist.']],
    ['wrong-version.json', ['/version must be one of 1, 2.']],
    ['no-source.json', ['/findings/1/source is required.']],
    ['no-findings.json', ['/findings is required.']],
    [
      'bad-entries.json',
      [
        '/findings/0/fingerprint is required.',
        '/findings/0/note is not an allowed key; allowed keys are fingerprint, source, position, ruleId, address, policyPath.',
        '/findings/1/fingerprint must be a string.',
        '/findings/2 must be an object.',
      ],
    ],
    ['report.json', ['/version is required.', '/findings is required.', '/tool is not an allowed key; allowed keys are version, findings.']],
  ];
  for (const [file, problems] of invalid) {
    it(`rejects ${file}`, async () => {
      expect(await problemsOf(file)).to.deep.equal(problems);
    });
  }

  it('names the file as given', async () => {
    const error = await readBaselineFile(path.join('no', 'such.json')).catch((e: unknown) => e);
    expect((error as Error).message).to.equal(`${path.join('no', 'such.json')}: The baseline file does not exist.`);
  });
});
