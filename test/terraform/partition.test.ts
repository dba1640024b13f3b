import { expect } from 'chai';
import { partitionOfArn, partitionOfRegion, readTerraform } from '../../lib/terraform/index.js';
import { REGION_PATTERNS } from '../../lib/terraform/partition.js';
import { PARTITIONS, type Partition } from '../../lib/iam/types.js';
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
      ['mx-central-1', 'aws'],
      ['us-iso-east-1', 'aws-iso'],
      ['us-iso-west-1', 'aws-iso'],
      ['us-isob-east-1', 'aws-iso-b'],
      ['eu-isoe-west-1', 'aws-iso-e'],
      ['us-isof-south-1', 'aws-iso-f'],
      ['us-isof-east-1', 'aws-iso-f'],
      ['eusc-de-east-1', 'aws-eusc'],
      // Prefixes no partition of the SDKs has: not evidence of any (the plan is then judged in
      // aws and every partition its policies name).
      ['eusc-fr-east-1', undefined],
      ['us-isoc-east-1', undefined],
      ['xx-east-1', undefined],
      ['us-east', undefined],
      ['US-EAST-1', undefined],
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
      ['arn:aws-iso:iam::111122223333:role/r', 'aws-iso'],
      ['arn:aws-iso-b:kms:us-isob-east-1:111122223333:key/k', 'aws-iso-b'],
      ['arn:aws-iso-e:iam::111122223333:role/r', 'aws-iso-e'],
      ['arn:aws-iso-f:iam::111122223333:role/r', 'aws-iso-f'],
      ['arn:aws-eusc:kms:eusc-de-east-1:111122223333:key/k', 'aws-eusc'],
      ['arn:aws-iso-c:iam::111122223333:role/r', undefined],
      ['arn:aws-*:iam::111122223333:role/r', undefined],
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
      ['plan-partition-iso.json', 'aws-iso', ['aws-iso']],
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

    it('every partition has a region pattern and a region of it is evidence of it alone', () => {
      const regions: Record<Partition, string> = {
        aws: 'us-east-1',
        'aws-cn': 'cn-north-1',
        'aws-us-gov': 'us-gov-west-1',
        'aws-iso': 'us-iso-east-1',
        'aws-iso-b': 'us-isob-east-1',
        'aws-iso-e': 'eu-isoe-west-1',
        'aws-iso-f': 'us-isof-south-1',
        'aws-eusc': 'eusc-de-east-1',
      };
      for (const partition of PARTITIONS) {
        const matching = PARTITIONS.filter((other) => REGION_PATTERNS[other].test(regions[partition]));
        expect(matching, regions[partition]).to.deep.equal([partition]);
      }
    });

    it('takes the partition of data.aws_partition, of any partition', () => {
      for (const partition of PARTITIONS) {
        const plan = {
          format_version: '1.2',
          prior_state: {
            values: {
              root_module: {
                resources: [{ address: 'data.aws_partition.current', mode: 'data', type: 'aws_partition', name: 'current', values: { partition } }],
              },
            },
          },
        };
        expect(readTerraform(plan, 'plan').partitions, partition).to.deep.equal([partition]);
      }
    });

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
