/**
 * Every output format shows a principal finding with its principal, the policies that grant and
 * how each applies; the JSON and SARIF reports stay valid against their schemas.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { check } from '../../lib/check.js';
import { formatNames, loadFormatter, type Formatter } from '../../lib/report/index.js';
import type { Report } from '../../lib/types.js';
import { fixture, schemasDir } from '../support/paths.js';
import { requireSarifSchema, sarifSchemaFile, sarifSchemaPresent } from '../support/shared.js';

const PLAN = fixture('principals', 'red-team.v1.2.plan.json');
const ADMIN_WHY = 'arn:aws:iam::aws:policy/AdministratorAccess via aws_iam_role_policy_attachment.admin: statement 0 (/Statement/0): Action "*", Resource "*"';
const GROUP_WHY = 'aws_iam_group_policy.wide (policy) via aws_iam_group.devs (inline): statement 0 "Everything" (/Statement/0): Action "*", Resource "*"';

describe('principals: report formats', () => {
  let report: Report;
  const context = { color: false };
  const FORMATTERS: Record<string, Formatter> = {};

  before(async () => {
    report = await check(PLAN, { rules: ['principal-decrypt'] });
    for (const name of formatNames) FORMATTERS[name] = await loadFormatter(name);
  });

  it('json: valid against the report schema, each principal finding with its principal', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')));
    const json = JSON.parse(FORMATTERS.json!(report, context));
    expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
    expect(json.findings.every((f: { principal?: unknown }) => f.principal !== undefined)).to.equal(true);
  });

  it('sarif: valid SARIF 2.1.0, the principal in the properties and the grants in the message', function () {
    requireSarifSchema(this);
    const validate = new Ajv({ strict: false, allErrors: true, logger: false }).compile(JSON.parse(readFileSync(sarifSchemaFile, 'utf8')));
    const sarif = JSON.parse(FORMATTERS.sarif!(report, context));
    expect(sarifSchemaPresent && validate(sarif), JSON.stringify(validate.errors)).to.equal(true);
    const result = sarif.runs[0].results[0];
    expect(result.ruleId).to.equal('principal-decrypt-all-keys');
    expect(result.properties.principal).to.deep.equal(report.findings[0]!.principal);
    expect(result.message.text).to.include(`Why: ${ADMIN_WHY}.`);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id).slice(-3)).to.deep.equal([
      'principal-decrypt-all-keys',
      'principal-decrypt-account-keys',
      'principal-decrypt-region-keys',
    ]);
  });

  it('text and junit: the principal line and one why line per granting statement', () => {
    for (const name of ['text', 'junit'] as const) {
      const out = FORMATTERS[name]!(report, context);
      expect(out, name).to.include('principal role "admin"');
      expect(out, name).to.include(`why: ${ADMIN_WHY}`);
      expect(out, name).to.include(`why: ${GROUP_WHY}`);
      expect(out, name).to.include('principal role "legacy-role", not managed by this plan: only the policies the plan attaches to it were judged');
    }
  });

  it('markdown: the principal, then each grant', () => {
    const out = FORMATTERS.markdown!(report, context);
    expect(out).to.include(
      '#### High: `aws_iam_role.admin` (`identity policies`)\n\nCan use `kms:Decrypt`, `kms:ReEncryptFrom` on KMS keys in accounts its policies do not name.',
    );
    expect(out).to.include(
      '- Principal role "admin"\n- Why: `arn:aws:iam::aws:policy/AdministratorAccess via aws_iam_role_policy_attachment.admin`, `statement 0 (/Statement/0)`: `Action "*"`, `Resource "*"`',
    );
  });

  it('github, gitlab and atlantis: the grants in each finding line', () => {
    expect(FORMATTERS.github!(report, context)).to.include(
      `aws_iam_role.admin (identity policies) can use kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts its policies do not name. Why: ${ADMIN_WHY}.`,
    );
    expect(FORMATTERS.gitlab!(report, context)).to.include(`Why: ${ADMIN_WHY.replaceAll('"', '\\"')}.`);
    expect(FORMATTERS.atlantis!(report, context)).to.include(
      'FAIL - ' +
        PLAN +
        ' - kmsguard - aws_iam_role.admin (identity policies) can use kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts its policies do not name [high; all-keys; principal-decrypt-all-keys; arn:aws:iam::aws:policy/AdministratorAccess via aws_iam_role_policy_attachment.admin statement 0 (/Statement/0)]',
    );
  });
});
