import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPolicies, judgedResourceTypes } from '../../lib/extract/index.js';
import { readTerraform } from '../../lib/terraform/index.js';
import type { PolicySource } from '../../lib/types.js';
import { corpusDir } from '../support/paths.js';
import { PLAIN_CONTEXT } from './load.js';
import { corpusExpectations, corpusFiles, requireCorpus } from '../support/shared.js';

interface Expectation {
  readonly exit: number;
  readonly findings: Readonly<Record<string, string>>;
}

const expected = corpusExpectations<Expectation>();
const files = corpusFiles();

/** The corpus file's JSON document; one file carries a CI wrapper's `::debug::` lines after it. */
function readCorpus(file: string): unknown {
  const text = readFileSync(path.join(corpusDir, file), 'utf8');
  return JSON.parse(text.split(/\n(?=::)/)[0]!);
}

function extract(file: string): PolicySource[] {
  return extractPolicies(readTerraform(readCorpus(file), file.includes('.state.') ? 'state' : 'plan'), PLAIN_CONTEXT);
}

const listed = (policySources: PolicySource[]) => policySources.map((s) => `${s.address} ${s.policyPath} ${s.after.kind}`);

describe('extract: corpus of real plans and states', () => {
  before(function () {
    requireCorpus(this);
  });

  it('covers every file of EXPECTED.json', () => {
    expect(files).to.deep.equal(Object.keys(expected).sort());
  });

  for (const file of files) {
    it(`${file}: reads, extracts identity policies only, finds the expected addresses`, () => {
      const policySources = extract(file);
      const judged = new Set(judgedResourceTypes());
      for (const policySource of policySources) {
        expect(judged.has(policySource.resourceType), policySource.address).to.equal(true);
        expect(policySource.address.split('.').includes('data'), policySource.address).to.equal(false);
      }
      const addresses = new Set(policySources.map((s) => s.address));
      for (const address of Object.keys(expected[file]!.findings)) expect(addresses.has(address), address).to.equal(true);
    });
  }

  it('regula-admin-policy-positive: every identity policy, none of the role', () => {
    expect(listed(extract('regula-admin-policy-positive.v0.1.plan.json'))).to.deep.equal([
      'aws_iam_group_policy.invalid_group_policy policy text',
      'aws_iam_group_policy.valid_group_policy policy text',
      'aws_iam_policy.invalid_policy policy text',
      'aws_iam_policy.valid_deny_policy policy text',
      'aws_iam_role_policy.invalid_role_policy policy text',
      'aws_iam_role_policy.valid_role_policy policy text',
      'aws_iam_user_policy.invalid_user_policy policy text',
      'aws_iam_user_policy.valid_user_policy policy text',
    ]);
  });

  it('tfcompliance-issue522: the empty role policy once, as text "", its mirror on the role dropped', () => {
    expect(extract('tfcompliance-issue522-sanitized.v0.1.plan.json')).to.deep.equal([
      {
        address: 'aws_iam_role_policy.lambda_execution_policy',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: '' },
        before: { kind: 'text', text: '' },
      },
    ]);
  });

  it('snykcli-destroy-iam: a destroy plan has nothing to judge', () => {
    expect(extract('snykcli-destroy-iam.v0.1.plan.json')).to.deep.equal([]);
  });

  it('resource-policy decoys: key and endpoint policies are not extracted', () => {
    expect(listed(extract('jondon09-ssm-endpoint-policy-decoy.v1.2.plan.json'))).to.deep.equal([]);
    expect(listed(extract('tfcompliance-filtering01-keypolicy.v0.1.plan.json'))).to.deep.equal([
      'module.aws-pinpoint-primary.module.iam-role.aws_iam_policy.default policy text',
      'module.aws-pinpoint-secondary.module.iam-role.aws_iam_policy.default policy text',
      'module.iam-role-cloudwatch-to-firehose.aws_iam_policy.default policy text',
      'module.iam-role-firehose-to-lambda.aws_iam_policy.default policy text',
      'module.iam-role-firehose-to-s3.aws_iam_policy.default policy text',
    ]);
  });

  it('unknown policies are reported as unknown, with the attribute named; computed role inline_policy lists not at all', () => {
    expect(listed(extract('regula-unknown-policy-from-data.v0.1.plan.json'))).to.deep.equal(['aws_iam_policy.example policy unknown']);
    expect(
      extract('awssamples-eks-fargate-2.4MB.v1.2.plan.json')
        .filter((s) => s.after.kind === 'unknown')
        .map((s) => `${s.address} ${s.after.kind === 'unknown' ? s.after.detail : ''}`),
    ).to.deep.equal([
      'module.eks.aws_iam_policy.cluster_encryption[0] policy is not known until apply',
      'module.eks_blueprints_addons.aws_iam_policy.fargate_fluentbit[0] policy is not known until apply',
    ]);
  });

  it('role inline policies in for_each modules keep their quoted keys', () => {
    expect(listed(extract('checkov-oidc-modules-foreach.v1.2.plan.json'))).to.deep.equal([
      'module.poc.aws_iam_role.r1["p1"] inline_policy[0].policy text',
      'module.poc.aws_iam_role.r1["p2"] inline_policy[0].policy text',
      'module.poc.aws_iam_role.r6["p1"] inline_policy[0].policy text',
      'module.poc.aws_iam_role.r6["p2"] inline_policy[0].policy text',
    ]);
  });
});
