import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { check } from '../../lib/check.js';
import { FINGERPRINT_KEY, formatSarif } from '../../lib/report/sarif.js';
import type { FormatContext } from '../../lib/report/types.js';
import { SCOPED_RULES } from '../../lib/rules/registry.js';
import { principalReach } from '../../lib/rules/rule.js';
import type { FailOn, Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { hostileReport } from './hostile-report.js';
import { cleanReport, hugeReport, severalReport, warningsOnlyReport, judged } from './sample-reports.js';
import { requireSarifSchema, sarifSchemaFile, sarifSchemaPresent } from '../support/shared.js';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = sarifSchemaPresent ? ajv.compile(JSON.parse(readFileSync(sarifSchemaFile, 'utf8'))) : () => false;

const PLAIN: FormatContext = { color: false };

function sarif(report: Report, context: FormatContext = PLAIN): any {
  return JSON.parse(formatSarif(report, context));
}

describe('sarif format', () => {
  const samples: Record<string, Report> = {
    several: severalReport,
    'warnings-only': warningsOnlyReport,
    clean: cleanReport,
    huge: hugeReport(10),
    hostile: hostileReport(),
  };
  for (const [name, report] of Object.entries(samples)) {
    it(`is valid SARIF 2.1.0 for the ${name} report`, function () {
      requireSarifSchema(this);
      const log = sarif(report);
      expect(validate(log), JSON.stringify((validate as { errors?: unknown[] | null }).errors?.slice(0, 5))).to.equal(true);
    });
  }

  it('is valid SARIF for a report check() makes from a real plan', async function () {
    requireSarifSchema(this);
    const report = await check(fixture('cli', 'insecure.plan.json'));
    expect(report.findings.length).to.be.greaterThan(0);
    const log = sarif(report);
    expect(validate(log), JSON.stringify((validate as { errors?: unknown[] | null }).errors?.slice(0, 5))).to.equal(true);
    expect(log.runs[0].results).to.have.length(report.findings.length);
  });

  it('lists every rule of this version, with descriptions, remediation help and security-severity', () => {
    const rules = sarif(cleanReport).runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).to.deep.equal([
      'kms-decrypt-all-keys',
      'kms-decrypt-account-keys',
      'kms-decrypt-region-keys',
      'kms-grant-all-keys',
      'kms-grant-account-keys',
      'kms-grant-region-keys',
      'principal-decrypt-all-keys',
      'principal-decrypt-account-keys',
      'principal-decrypt-region-keys',
    ]);
    expect(rules.map((r: any) => r.properties['security-severity'])).to.deep.equal(['8.0', '5.5', '3.0', '8.0', '5.5', '3.0', '8.0', '5.5', '3.0']);
    expect(rules.map((r: any) => r.defaultConfiguration.level)).to.deep.equal([
      'error',
      'warning',
      'note',
      'error',
      'warning',
      'note',
      'error',
      'warning',
      'note',
    ]);
    // Security Hub's controls tag the decrypt rule only: the grant and principal rules go beyond them.
    expect(rules.map((r: any) => r.properties.tags.filter((t: string) => t.startsWith('Security Hub')))).to.deep.equal([
      ...Array(3).fill(['Security Hub KMS.1', 'Security Hub KMS.2']),
      ...Array(6).fill([]),
    ]);
    for (const rule of rules) {
      const described = SCOPED_RULES.find((r) => r.id === rule.id)!;
      const principal = rule.id.startsWith('principal-');
      expect(rule.shortDescription.text).to.equal(described.title);
      expect(rule.fullDescription.text).to.contain(principal ? principalReach(described.reach) : described.reach);
      // Principal findings carry no patch: the help says none.
      expect(rule.help.text.includes('JSON Patch'), rule.id).to.equal(!principal);
      expect(rule.properties.tags).to.include('security');
    }
  });

  it('gives one result per finding: rule, level, message, file and address locations, fingerprint', () => {
    const results = sarif(severalReport).runs[0].results;
    expect(results.map((r: any) => [r.ruleId, r.ruleIndex, r.level])).to.deep.equal([
      ['kms-decrypt-all-keys', 0, 'error'],
      ['kms-decrypt-account-keys', 1, 'error'],
      ['kms-decrypt-region-keys', 2, 'warning'],
      ['kms-decrypt-all-keys', 0, 'warning'],
    ]);
    const [admin] = results;
    expect(admin.message.text).to.equal(
      'aws_iam_policy.admin (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name (scope all-keys). ' +
        'Why: statement 0 "AllowKms" (/Statement/0): Action "kms:*", Resource "*". Introduced by this plan.',
    );
    expect(admin.locations).to.deep.equal([
      {
        physicalLocation: { artifactLocation: { uri: 'plan.json' }, region: { startLine: 1 } },
        logicalLocations: [{ name: 'aws_iam_policy.admin', fullyQualifiedName: 'aws_iam_policy.admin', kind: 'resource' }],
      },
    ]);
    expect(admin.partialFingerprints).to.deep.equal({ [FINGERPRINT_KEY]: '0f5a2c4e9b7d13a8c6e2f4b1d3a5c7e9' });
    expect(admin.properties.fix).to.deep.equal(severalReport.findings[0]!.fix);
    expect(admin.properties.policyChange).to.deep.equal(severalReport.findings[0]!.policyChange);
    expect(results[3].locations[0].physicalLocation.artifactLocation.uri).to.equal('stacks/legacy%20plan.json');
  });

  it('marks suppressed findings with SARIF suppressions, and only those', () => {
    const results = sarif(severalReport).runs[0].results;
    expect(results.map((r: any) => r.suppressions)).to.deep.equal([
      undefined,
      undefined,
      undefined,
      [{ kind: 'external', status: 'accepted', justification: 'Break-glass user, reviewed by security (SEC-142) (until 2027-01-31)' }],
    ]);
  });

  it('follows the fail threshold: what fails is an error, the rest warnings', () => {
    const levels = (failOn: FailOn) => sarif(judged(severalReport, { failOn }), PLAIN).runs[0].results.map((r: any) => r.level);
    expect(levels('high')).to.deep.equal(['error', 'warning', 'warning', 'warning']);
    expect(levels('low')).to.deep.equal(['error', 'error', 'error', 'warning']);
    expect(levels('never')).to.deep.equal(['warning', 'warning', 'warning', 'warning']);
    const onlyNew = sarif(judged(severalReport, { failOn: 'low', onlyNew: true }), PLAIN).runs[0].results.map((r: any) => r.level);
    expect(onlyNew).to.deep.equal(['error', 'warning', 'error', 'warning']);
  });

  it('reports unevaluated and skipped policies and input messages as tool notifications', () => {
    const invocation = sarif(severalReport).runs[0].invocations[0];
    expect(invocation.executionSuccessful).to.equal(true);
    expect(invocation.toolExecutionNotifications.map((n: any) => [n.descriptor.id, n.level])).to.deep.equal([
      ['unevaluated-unknown', 'warning'],
      ['unevaluated-invalid', 'error'],
      ['skipped', 'note'],
      ['input-warning', 'warning'],
    ]);
    const strict = sarif(judged(severalReport, { strict: true }), PLAIN).runs[0].invocations[0];
    expect(strict.toolExecutionNotifications[0].level).to.equal('error');
    expect(sarif(cleanReport).runs[0].invocations).to.deep.equal([{ executionSuccessful: true }]);
    expect(sarif(hostileReport()).runs[0].invocations[0].executionSuccessful).to.equal(false);
  });

  it('keeps a rule for a rule id this version does not describe, at its highest severity', () => {
    const other = { ...severalReport.findings[2]!, ruleId: 'custom-rule', severity: 'low' as const };
    const higher = { ...other, severity: 'medium' as const };
    const log = sarif({ ...cleanReport, findings: [other, higher] });
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).to.deep.equal([
      'kms-decrypt-all-keys',
      'kms-decrypt-account-keys',
      'kms-decrypt-region-keys',
      'kms-grant-all-keys',
      'kms-grant-account-keys',
      'kms-grant-region-keys',
      'principal-decrypt-all-keys',
      'principal-decrypt-account-keys',
      'principal-decrypt-region-keys',
      'custom-rule',
    ]);
    expect(rules[9].properties['security-severity']).to.equal('5.5');
    expect(rules[9].properties.tags).to.deep.equal(['security', 'terraform', 'aws', 'iam', 'kms']);
    expect(log.runs[0].results.map((r: any) => r.ruleIndex)).to.deep.equal([9, 9]);
  });
});
