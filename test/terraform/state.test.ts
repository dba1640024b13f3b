import { expect } from 'chai';
import { readTerraform } from '../../lib/terraform/index.js';
import { loadFixture } from './load-fixture.js';

const AWS = 'registry.terraform.io/hashicorp/aws';

describe('terraform/state: readTerraform(state)', () => {
  it('reads every resource of the root and child modules at any depth, with no actions', () => {
    const raw = loadFixture('terraform', 'state-modules.json');
    const doc = readTerraform(raw, 'state');
    expect(doc.kind).to.equal('state');
    expect(doc.formatVersion).to.equal('1.0');
    expect(doc.terraformVersion).to.equal('1.6.6');
    expect(doc.priorStateData.size).to.equal(0);
    expect(doc).not.to.have.property('configuration');
    expect(doc.resources).to.deep.equal([
      {
        address: 'aws_iam_policy.root',
        mode: 'managed',
        type: 'aws_iam_policy',
        name: 'root',
        providerName: AWS,
        actions: [],
        after: { arn: 'arn:aws:iam::111122223333:policy/root', name: 'root' },
        before: null,
      },
      {
        address: 'data.aws_region.current',
        mode: 'data',
        type: 'aws_region',
        name: 'current',
        providerName: AWS,
        actions: [],
        after: { description: 'Europe (Ireland)', endpoint: 'ec2.eu-west-1.amazonaws.com', id: 'eu-west-1', name: 'eu-west-1' },
        before: null,
      },
      {
        address: 'module.app.aws_iam_role_policy.this[0]',
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'this',
        index: 0,
        moduleAddress: 'module.app',
        providerName: AWS,
        actions: [],
        after: { id: 'app:first', name: 'first', role: 'app' },
        before: null,
      },
      {
        address: 'module.app.aws_iam_role_policy.this[1]',
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'this',
        index: 1,
        moduleAddress: 'module.app',
        providerName: AWS,
        actions: [],
        after: { id: 'app:second', name: 'second', role: 'app' },
        before: null,
      },
      {
        address: 'module.app.module.users["bob"].aws_iam_user_policy.inline["read-only"]',
        mode: 'managed',
        type: 'aws_iam_user_policy',
        name: 'inline',
        index: 'read-only',
        moduleAddress: 'module.app.module.users["bob"]',
        providerName: AWS,
        actions: [],
        after: { id: 'bob:read-only', name: 'read-only', user: 'bob' },
        before: null,
      },
    ]);
    expect(doc.resources[0]!.after).to.equal(raw.values.root_module.resources[0].values);
    expect(doc.partitions).to.deep.equal(['aws']);
    expect(doc).not.to.have.property('partition');
  });

  it('restores the addresses Terraform 0.12.0 wrote without module prefix and instance key', () => {
    const doc = readTerraform(loadFixture('terraform', 'state-v012-addresses.json'), 'state');
    expect(doc.resources.map((r) => [r.address, r.moduleAddress, r.index, r.providerName])).to.deep.equal([
      ['aws_iam_policy.p[0]', undefined, 0, 'aws'],
      ['aws_iam_policy.p[1]', undefined, 1, 'aws'],
      ['module.ops.aws_iam_group_policy.g', 'module.ops', undefined, 'aws'],
    ]);
    expect(doc.partition).to.equal('aws-cn');
    expect(doc.partitions).to.deep.equal(['aws-cn']);
  });

  it('reads a state without resources', () => {
    const doc = readTerraform({ format_version: '1.0', terraform_version: '1.6.6' }, 'state');
    expect(doc.resources).to.deep.equal([]);
    expect(doc.partitions).to.deep.equal([]);
  });
});
