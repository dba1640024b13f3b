/**
 * How the configuration writes a policy, read from the plan's configuration expressions: a
 * reference to one aws_iam_policy_document (through modules too), jsonencode (an expression with
 * neither constant nor references), or neither (a literal string, an expression mixing a
 * document with other values, an attribute written as a whole list).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPolicies } from '../../lib/extract/index.js';
import { parseAttributePath } from '../../lib/extract/attribute-path.js';
import { policyWriting } from '../../lib/extract/policy-writing.js';
import { documentKind } from '../../lib/input/index.js';
import { readTerraform } from '../../lib/terraform/index.js';
import { examplesDir, fixture } from '../support/paths.js';

function writings(file: string): Record<string, unknown> {
  const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const terraform = readTerraform(value, documentKind(value));
  return Object.fromEntries(
    extractPolicies(terraform).map((policySource) => [`${policySource.address} ${policySource.policyPath}`, policyWriting(terraform, policySource) ?? null]),
  );
}

describe('extract: how a policy is written', () => {
  it('parses attribute paths back', () => {
    expect(parseAttributePath('policy')).to.deep.equal(['policy']);
    expect(parseAttributePath('inline_policy[12].policy')).to.deep.equal(['inline_policy', 12, 'policy']);
    expect(parseAttributePath('policies[0].policy_document')).to.deep.equal(['policies', 0, 'policy_document']);
  });

  it('finds the data source, jsonencode, or nothing for a literal string', () => {
    const example = (dir: string) => writings(path.join(examplesDir, dir, 'plan.json'));
    expect(example('seed/insecure')).to.deep.equal({
      'aws_iam_role_policy.test_policy policy': { form: 'aws_iam_policy_document', block: 'data.aws_iam_policy_document.kms_policy' },
    });
    expect(example('resources/aws-iam-role-inline-policy')).to.deep.equal({
      'aws_iam_role.worker inline_policy[0].policy': { form: 'jsonencode', attribute: 'policy' },
      'aws_iam_role.worker inline_policy[1].policy': { form: 'jsonencode', attribute: 'policy' },
    });
    // A heredoc: the plan holds it as a constant; the JSON Patch is the fix.
    expect(example('resources/aws-iam-role-policy')).to.deep.equal({ 'aws_iam_role_policy.ingest_decrypt policy': null });
    // jsonencode with a reference (var.key_arn) in it: not told apart from other expressions, so no HCL.
    expect(example('situations/module-for-each')).to.deep.equal({
      'module.service["billing"].aws_iam_role_policy.decrypt policy': null,
      'module.service["reports"].aws_iam_role_policy.decrypt policy': null,
    });
    // A policy written inside a whole `policies` list expression names no one attribute.
    expect(example('resources/awscc-iam')['awscc_iam_role.app policies[0].policy_document']).to.equal(null);
    expect(example('resources/awscc-iam')['awscc_iam_managed_policy.deploy policy_document']).to.deep.equal({
      form: 'jsonencode',
      attribute: 'policy_document',
    });
  });

  it('follows module variables and outputs to the data source, naming it by its configuration address', () => {
    const found = writings(fixture('extract/resolve', 'module-chains.plan.json'));
    expect(found['module.app.module.policy.aws_iam_policy.this[0] policy']).to.deep.equal({
      form: 'aws_iam_policy_document',
      block: 'module.app.module.policy.data.aws_iam_policy_document.this',
    });
    expect(found['module.team["b"].aws_iam_policy.this policy']).to.deep.equal({
      form: 'aws_iam_policy_document',
      block: 'module.team.data.aws_iam_policy_document.this',
    });
  });
});
