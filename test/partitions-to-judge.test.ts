/**
 * The partitions keys are judged in (lib/partitions-to-judge.ts): the option, else what the plan
 * shows, else `aws` and every partition the policies' own ARN patterns can name.
 */
import { expect } from 'chai';
import { check } from '../lib/index.js';
import { namedPartitions, partitionsToJudge } from '../lib/partitions-to-judge.js';
import type { TerraformDocument } from '../lib/terraform/types.js';
import type { PolicySource, PolicyValue } from '../lib/types.js';
import { fixture } from './support/paths.js';
import { runCli } from './support/run-cli.js';

const plan = fixture('cli', 'other-partitions.plan.json');

function sourceOf(after: PolicyValue, before?: PolicyValue): PolicySource {
  return { address: 'aws_iam_policy.p', resourceType: 'aws_iam_policy', policyPath: 'policy', changeActions: ['create'], after, ...(before ? { before } : {}) };
}
const text = (resource: string): PolicyValue => ({
  kind: 'text',
  text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource }] }),
});
const document = (partitions: TerraformDocument['partitions'], partition?: TerraformDocument['partition']): TerraformDocument =>
  ({ kind: 'plan', formatVersion: '1.2', resources: [], priorStateData: new Map(), partitions, ...(partition ? { partition } : {}) }) as TerraformDocument;

describe('partitionsToJudge', () => {
  const gov = [sourceOf(text('arn:aws-us-gov:kms:*:*:key/*'))];
  it('takes the option first, then the partitions the plan shows, whatever the policies name', () => {
    expect(partitionsToJudge({ partition: 'aws' }, document([]), gov)).to.deep.equal(['aws']);
    expect(partitionsToJudge({}, document(['aws']), gov)).to.deep.equal(['aws']);
    expect(partitionsToJudge({}, document(['aws-cn']), gov)).to.deep.equal(['aws-cn']);
    expect(partitionsToJudge({}, document(['aws', 'aws-cn']), gov)).to.deep.equal(['aws', 'aws-cn']);
  });
  it('with a plan that shows none: aws, and the partitions the policies name', () => {
    expect(partitionsToJudge({}, document([]), gov)).to.deep.equal(['aws', 'aws-us-gov']);
    expect(partitionsToJudge({}, document(undefined), [])).to.deep.equal(['aws']);
  });
});

describe('namedPartitions', () => {
  const cases: [string, PolicyValue[], string[]][] = [
    ['aws only', [text('arn:aws:kms:*:*:key/*')], []],
    ['GovCloud', [text('arn:aws-us-gov:kms:*:*:key/*')], ['aws-us-gov']],
    ['China, written with a JSON escape', [{ kind: 'text', text: '{"Statement":[{"Resource":"arn:\\u0061ws-cn:kms:*:*:key/*"}]}' }], ['aws-cn']],
    [
      'a wildcard partition names each it can match',
      [text('arn:aws-*:kms:*:*:key/*')],
      ['aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'],
    ],
    ['arn:*: names every partition', [text('arn:*:kms:*:*:key/*')], ['aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']],
    ['a ? names partitions of that length only', [text('arn:aws-c?:kms:*:*:key/*')], ['aws-cn']],
    [
      'a policy variable in the partition may be any',
      [text('arn:${aws:PrincipalTag/p}:kms:*:*:key/*')],
      ['aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'],
    ],
    ['an ISO partition names itself, not another it is a prefix of', [text('arn:aws-iso:kms:*:*:key/*')], ['aws-iso']],
    ['aws-iso-b', [text('arn:aws-iso-b:kms:*:*:key/*')], ['aws-iso-b']],
    ['aws-iso-e', [text('arn:aws-iso-e:kms:*:*:key/*')], ['aws-iso-e']],
    ['aws-iso-f', [text('arn:aws-iso-f:kms:*:*:key/*')], ['aws-iso-f']],
    ['the European Sovereign Cloud', [text('arn:aws-eusc:kms:*:*:key/*')], ['aws-eusc']],
    ['arn:aws-iso*: names the four ISO partitions', [text('arn:aws-iso*:kms:*:*:key/*')], ['aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f']],
    ['arn:aws-iso-?: names the three lettered ISO partitions', [text('arn:aws-iso-?:kms:*:*:key/*')], ['aws-iso-b', 'aws-iso-e', 'aws-iso-f']],
    ['a partition AWS does not have names none', [text('arn:aws-mars:kms:*:*:key/*')], []],
    ['a document given as an object', [{ kind: 'object', value: { Statement: [{ Resource: 'arn:aws-cn:kms:*:*:key/*' }] } }], ['aws-cn']],
    ['the document before the plan counts too', [text('arn:aws:kms:*:*:key/*'), text('arn:aws-us-gov:kms:*:*:key/*')], ['aws-us-gov']],
    ['text that is not JSON is read as it is', [{ kind: 'text', text: '{"Resource": "arn:aws-cn:kms:*:*:key/*"' }], ['aws-cn']],
    ['an absent document names none', [{ kind: 'absent' }], []],
  ];
  for (const [name, [after, before], expected] of cases) {
    it(name, () => {
      expect(namedPartitions([sourceOf(after!, before)])).to.deep.equal(expected);
    });
  }
  it('reads the model of a policy not known until apply', () => {
    const unknown: PolicyValue = {
      kind: 'unknown',
      detail: 'x',
      model: { statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: ['arn:aws-us-gov:kms:*:*:key/*'] }] },
    } as PolicyValue;
    expect(namedPartitions([sourceOf(unknown)])).to.deep.equal(['aws-us-gov']);
  });
});

const isoPlan = fixture('cli', 'iso-partition.plan.json');
const euscPlan = fixture('cli', 'eusc-partition.plan.json');

describe('check: a plan in an ISO partition or the European Sovereign Cloud', () => {
  it('judges keys in the partition of the provider region', async () => {
    expect((await check(isoPlan)).findings.map((f) => [f.address, f.scope])).to.deep.equal([['aws_iam_policy.iso_every_key', 'all-keys']]);
    expect((await check(euscPlan)).findings.map((f) => [f.address, f.scope])).to.deep.equal([['aws_iam_policy.eusc_every_key', 'all-keys']]);
  });
  it('fails the run from the command line, the fix naming keys of that partition', () => {
    const result = runCli(['--format', 'json', isoPlan]);
    expect(result.status).to.equal(1);
    const findings = (
      JSON.parse(result.stdout) as { findings: { address: string; scope: string; severity: string; fix?: { value?: { Resource?: unknown } }[] }[] }
    ).findings;
    expect(findings.map((f) => `${f.address} ${f.scope} ${f.severity}`)).to.deep.equal(['aws_iam_policy.iso_every_key all-keys high']);
    expect(JSON.stringify(findings[0]!.fix)).to.contain('"arn:aws-iso:kms:REGION:ACCOUNT_ID:key/KEY_ID"');
  });
  it('judges in the partition given: --partition aws-eusc', () => {
    const result = runCli(['--partition', 'aws-eusc', '--format', 'json', euscPlan]);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(1);
    const findings = (JSON.parse(result.stdout) as { findings: { address: string }[] }).findings;
    expect(findings.map((f) => f.address)).to.deep.equal(['aws_iam_policy.eusc_every_key']);
    const elsewhere = runCli(['--partition', 'aws-iso-b', euscPlan]);
    expect([elsewhere.status, elsewhere.stderr]).to.deep.equal([0, '']);
  });
});

describe('check: a plan that shows no partition', () => {
  it('judges a policy written for GovCloud or China in the partition it names', async () => {
    const report = await check(plan);
    expect(report.findings.map((f) => [f.address, f.scope])).to.deep.equal([
      ['aws_iam_policy.china_escaped', 'account-keys'],
      ['aws_iam_policy.commercial_account', 'account-keys'],
      ['aws_iam_policy.gov_every_key', 'all-keys'],
      ['aws_iam_policy.wildcard_partition_one_region', 'region-keys'],
    ]);
  });
  it('judges in the partition given when one is given', async () => {
    const report = await check(plan, { partition: 'aws' });
    expect(report.findings.map((f) => [f.address, f.scope])).to.deep.equal([['aws_iam_policy.commercial_account', 'account-keys']]);
  });
  it('fails the run from the command line', () => {
    const result = runCli(['--format', 'json', plan]);
    expect(result.status).to.equal(1);
    const findings = (JSON.parse(result.stdout) as { findings: { address: string; severity: string }[] }).findings;
    expect(findings.map((f) => `${f.address} ${f.severity}`)).to.deep.equal([
      'aws_iam_policy.china_escaped medium',
      'aws_iam_policy.commercial_account medium',
      'aws_iam_policy.gov_every_key high',
      'aws_iam_policy.wildcard_partition_one_region low',
    ]);
  });
});
