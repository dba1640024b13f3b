import { expect } from 'chai';
import { partitionOfArn, partitionOfRegion, readTerraform } from '../../lib/terraform/index.js';
import type { Partition } from '../../lib/iam/types.js';
import { loadFixture } from './load-fixture.js';

describe('terraform/partition', () => {
  describe('partitionOfRegion', () => {
    const cases: [string, Partition | undefined][] = [
      ['us-east-1', 'aws'],
      ['eu-west-1', 'aws'],
      ['ap-southeast-5', 'aws'],
      ['il-central-1', 'aws'],
      ['cn-north-1', 'aws-cn'],
      ['cn-northwest-1', 'aws-cn'],
      ['us-gov-west-1', 'aws-us-gov'],
      ['us-gov-east-1', 'aws-us-gov'],
      ['us-iso-east-1', undefined],
      ['us-isob-east-1', undefined],
      ['eu-isoe-west-1', undefined],
      ['', undefined],
      ['global', undefined],
      ['${var.region}', undefined],
    ];
    for (const [region, partition] of cases) {
      it(`${JSON.stringify(region)} -> ${String(partition)}`, () => {
        expect(partitionOfRegion(region)).to.equal(partition);
      });
    }
  });

  describe('partitionOfArn', () => {
    const cases: [string, Partition | undefined][] = [
      ['arn:aws:iam::111122223333:policy/p', 'aws'],
      ['arn:aws-cn:kms:cn-north-1:111122223333:key/k', 'aws-cn'],
      ['arn:aws-us-gov:iam::111122223333:role/r', 'aws-us-gov'],
      ['arn:aws-iso:iam::111122223333:role/r', undefined],
      ['arn:aws', undefined],
      ['aws:iam::1:role/r', undefined],
    ];
    for (const [arn, partition] of cases) {
      it(`${arn} -> ${String(partition)}`, () => {
        expect(partitionOfArn(arn)).to.equal(partition);
      });
    }
  });

  describe('partition of a plan', () => {
    const cases: [string, Partition | undefined, Partition[]][] = [
      ['plan-partition-cn.json', 'aws-cn', ['aws-cn']],
      ['plan-partition-govcloud-var.json', 'aws-us-gov', ['aws-us-gov']],
      ['plan-partition-mixed.json', undefined, ['aws', 'aws-cn']],
      ['plan-partition-values.json', 'aws-cn', ['aws-cn']],
      ['plan-partition-module-var.json', undefined, []],
      ['plan-shapes.json', undefined, ['aws']],
    ];
    for (const [file, partition, partitions] of cases) {
      it(`${file}: partition ${String(partition)}, partitions [${partitions.join(', ')}]`, () => {
        const doc = readTerraform(loadFixture('terraform', file), 'plan');
        expect(doc.partition).to.equal(partition);
        expect(doc.partitions).to.deep.equal(partitions);
      });
    }

    it('chooses no partition when the plan shows two that are not aws', () => {
      const provider = (region: string) => ({
        name: 'aws',
        full_name: 'registry.terraform.io/hashicorp/aws',
        expressions: { region: { constant_value: region } },
      });
      const plan = { format_version: '1.2', configuration: { provider_config: { 'aws.gov': provider('us-gov-west-1'), 'aws.cn': provider('cn-north-1') } } };
      const doc = readTerraform(plan, 'plan');
      expect(doc.partitions).to.deep.equal(['aws-cn', 'aws-us-gov']);
      expect(doc).not.to.have.property('partition');
    });

    it('takes the partition of a data.aws_region read during planning', () => {
      const plan = {
        format_version: '1.2',
        prior_state: {
          values: {
            root_module: {
              resources: [{ address: 'data.aws_region.current', mode: 'data', type: 'aws_region', name: 'current', values: { name: 'us-gov-east-1' } }],
            },
          },
        },
      };
      expect(readTerraform(plan, 'plan').partition).to.equal('aws-us-gov');
    });

    it('does not take the region of a resource of another provider', () => {
      const plan = {
        format_version: '1.2',
        resource_changes: [
          {
            address: 'google_kms_key_ring.r',
            mode: 'managed',
            type: 'google_kms_key_ring',
            name: 'r',
            change: { actions: ['create'], before: null, after: { region: 'cn-north-1' } },
          },
        ],
      };
      expect(readTerraform(plan, 'plan').partitions).to.deep.equal([]);
    });
  });
});
