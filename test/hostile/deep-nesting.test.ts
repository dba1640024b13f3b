/**
 * Documents nested 10,000 deep (README, Security notes): the policy or value that holds the nesting is reported
 * as such, every other policy is still judged and reported, and check() does not throw.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check } from '../../lib/check.js';
import type { Report } from '../../lib/types.js';
import { runCli } from '../support/run-cli.js';

const DEPTH = 10_000;
const deepArray = `${'['.repeat(DEPTH)}"a"${']'.repeat(DEPTH)}`;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const TOO_DEEP = 'Policy document nests arrays and objects more than 64 levels deep, which no policy AWS accepts does; it cannot be judged.';
const WIDE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
/** A policy that reads as one (unknown keys are ignored) but nests 10,000 deep in a statement and at the top. */
const deepPolicy = (action: string) =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${action}","Resource":"*","Extra":${deepArray}}],"Top":${deepObject}}`;

const PLACEHOLDER = '"@@deep@@"';

function resource(address: string, type: string, values: Record<string, unknown>) {
  return {
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    provider_name: 'registry.terraform.io/hashicorp/aws',
    schema_version: 0,
    values,
    sensitive_values: {},
  };
}

function change(address: string, type: string, before: unknown, after: unknown, afterUnknown: Record<string, unknown> = {}) {
  return {
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: before === null ? ['create'] : ['update'], before, after, after_unknown: afterUnknown },
  };
}

/** A plan with aws_iam_policy.ok (kms:* on *) plus the given resources; PLACEHOLDER is replaced by `deep`. */
function plan(resources: unknown[], changes: unknown[], configuration: unknown, deep: string): string {
  const ok = { name: 'ok', policy: WIDE };
  const value = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    applyable: true,
    complete: true,
    errored: false,
    planned_values: { root_module: { resources: [resource('aws_iam_policy.ok', 'aws_iam_policy', ok), ...resources] } },
    resource_changes: [change('aws_iam_policy.ok', 'aws_iam_policy', null, ok), ...changes],
    configuration,
  };
  return JSON.stringify(value).split(PLACEHOLDER).join(deep);
}

const PLACE = JSON.parse(PLACEHOLDER) as string;

const cases: { name: string; text: string; findings: string[]; unevaluated: [string, string, string][] }[] = [
  {
    name: 'a policy document the plan updates, nested deep before and after',
    text: plan(
      [resource('aws_iam_policy.deep', 'aws_iam_policy', { name: 'd', policy: deepPolicy('kms:Decrypt') })],
      [change('aws_iam_policy.deep', 'aws_iam_policy', { name: 'd', policy: deepPolicy('s3:GetObject') }, { name: 'd', policy: deepPolicy('kms:Decrypt') })],
      { root_module: {} },
      '',
    ),
    findings: ['aws_iam_policy.ok'],
    unevaluated: [['aws_iam_policy.deep', 'invalid', TOO_DEEP]],
  },
  {
    name: 'a policy given as an object (awscc), nested deep',
    text: plan(
      [resource('awscc_iam_managed_policy.deep', 'awscc_iam_managed_policy', { policy_document: PLACE })],
      [change('awscc_iam_managed_policy.deep', 'awscc_iam_managed_policy', { policy_document: PLACE }, { policy_document: PLACE })],
      { root_module: {} },
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Extra":${deepArray}}]}`,
    ),
    findings: ['aws_iam_policy.ok'],
    unevaluated: [['awscc_iam_managed_policy.deep', 'invalid', TOO_DEEP]],
  },
  {
    name: 'a resource attribute beside the policy, nested deep',
    text: plan(
      [resource('aws_iam_policy.tagged', 'aws_iam_policy', { name: 't', policy: WIDE, tags: PLACE })],
      [change('aws_iam_policy.tagged', 'aws_iam_policy', { name: 't', policy: WIDE, tags: PLACE }, { name: 't', policy: WIDE, tags: PLACE })],
      { root_module: {} },
      deepObject,
    ),
    findings: ['aws_iam_policy.ok', 'aws_iam_policy.tagged'],
    unevaluated: [],
  },
  {
    name: 'a configuration expression of a policy not known until apply, nested deep',
    text: plan(
      [resource('aws_iam_policy.later', 'aws_iam_policy', { name: 'l' })],
      [change('aws_iam_policy.later', 'aws_iam_policy', null, { name: 'l' }, { policy: true })],
      {
        root_module: {
          resources: [
            {
              address: 'aws_iam_policy.later',
              mode: 'managed',
              type: 'aws_iam_policy',
              name: 'later',
              provider_config_key: 'aws',
              schema_version: 0,
              expressions: { policy: { references: ['data.x.y'], deep: PLACE }, tags: { constant_value: PLACE } },
            },
          ],
        },
      },
      deepArray,
    ),
    findings: ['aws_iam_policy.ok'],
    unevaluated: [['aws_iam_policy.later', 'unknown', 'policy is not known until apply']],
  },
];

describe('documents nested 10,000 deep', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kmsguard-deep-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  cases.forEach(({ name, text, findings, unevaluated }, index) => {
    it(`${name}: the rest is judged, the deep part reported, nothing thrown`, async () => {
      const file = path.join(dir, `case-${index}.json`);
      writeFileSync(file, text);
      // The decrypt rule alone: the cases are about the depth, not about which rules find.
      const report: Report = await check(file, { rules: ['kms-decrypt'] });
      expect(report.errors).to.deep.equal([]);
      expect(report.findings.map((f) => f.address).sort()).to.deep.equal(findings);
      expect(report.unevaluated.map((u) => [u.address, u.reason, u.detail])).to.deep.equal(unevaluated);
    });
  });

  it('the command line prints the report and exits 1, not "Internal error"', () => {
    const file = path.join(dir, 'cli.json');
    writeFileSync(file, cases[0]!.text);
    const result = runCli(['--rule', 'kms-decrypt', file]);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal('');
    expect(result.stdout).to.contain(`aws_iam_policy.deep (policy) in ${file}, aws_iam_policy: invalid (fails the run): ${TOO_DEEP}\n`);
    expect(result.stdout).to.contain(
      'kmsguard: 1 document, 1 policy judged, 1 finding (1 high), 1 not evaluated: FAILED (1 failing finding, 1 policy not evaluated)\n',
    );
  });
});
