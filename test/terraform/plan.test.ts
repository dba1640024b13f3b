import { expect } from 'chai';
import { readTerraform } from '../../lib/terraform/index.js';
import type { ResourceInstance } from '../../lib/terraform/types.js';
import { loadFixture } from './load-fixture.js';

const AWS = 'registry.terraform.io/hashicorp/aws';

describe('terraform/plan: readTerraform(plan)', () => {
  const raw = loadFixture('terraform', 'plan-shapes.json');
  const doc = readTerraform(raw, 'plan');
  const byAddress = new Map(doc.resources.map((r) => [r.address, r]));

  it('reads the document header', () => {
    expect(doc.kind).to.equal('plan');
    expect(doc.formatVersion).to.equal('1.2');
    expect(doc.terraformVersion).to.equal('1.7.5');
    expect(doc.configuration).to.equal(raw.configuration);
    expect([...doc.variables!]).to.deep.equal([['env', 'prod']]);
  });

  it('lists resource_changes in order, then planned_values-only resources; drops deposed objects being destroyed', () => {
    expect(doc.resources.map((r) => [r.address, r.actions])).to.deep.equal([
      ['aws_iam_policy.created', ['create']],
      ['aws_iam_policy.updated', ['update']],
      ['aws_iam_policy.unchanged', ['no-op']],
      ['aws_iam_policy.deleted', ['delete']],
      ['aws_iam_policy.replaced', ['delete', 'create']],
      ['aws_iam_policy.replaced_cbd', ['create', 'delete']],
      ['aws_iam_policy.forgotten', ['forget']],
      ['aws_iam_policy.no_after', ['create']],
      ['aws_iam_policy.future', ['archive']],
      ['data.aws_iam_policy_document.deferred', ['read']],
      ['module.team["a"].aws_iam_user_policy.u[0]', ['create']],
      ['module.team["a"].module.inner.aws_iam_group_policy.g["ops.\\"x\\""]', ['create']],
      ['module.legacy[1].aws_iam_role.r["k"]', ['create']],
      ['module.team["a"].aws_iam_policy.extra', ['no-op']],
    ]);
  });

  const expected: ResourceInstance[] = [
    {
      address: 'aws_iam_policy.created',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'created',
      providerName: AWS,
      actions: ['create'],
      after: { name: 'created', path: '/' },
      afterUnknown: { arn: true, id: true, policy: true },
      before: null,
    },
    {
      address: 'aws_iam_policy.updated',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'updated',
      providerName: AWS,
      actions: ['update'],
      after: { arn: 'arn:aws:iam::111122223333:policy/updated', name: 'updated', path: '/' },
      afterUnknown: {},
      before: { arn: 'arn:aws:iam::111122223333:policy/updated', name: 'updated', path: '/old/' },
    },
    {
      address: 'aws_iam_policy.deleted',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'deleted',
      providerName: AWS,
      actions: ['delete'],
      after: null,
      afterUnknown: {},
      before: { arn: 'arn:aws:iam::111122223333:policy/deleted', name: 'deleted', path: '/' },
    },
    {
      address: 'aws_iam_policy.replaced',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'replaced',
      providerName: AWS,
      actions: ['delete', 'create'],
      after: { name: 'replaced-v2', path: '/' },
      afterUnknown: { arn: true, id: true },
      before: { arn: 'arn:aws:iam::111122223333:policy/replaced', name: 'replaced', path: '/' },
    },
    {
      address: 'aws_iam_policy.forgotten',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'forgotten',
      providerName: AWS,
      actions: ['forget'],
      after: null,
      afterUnknown: {},
      before: { arn: 'arn:aws:iam::111122223333:policy/forgotten', name: 'forgotten', path: '/' },
    },
    {
      address: 'aws_iam_policy.no_after',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'no_after',
      providerName: AWS,
      actions: ['create'],
      after: { name: 'no-after', path: '/' },
      afterUnknown: { arn: true, id: true },
      before: null,
    },
    {
      address: 'aws_iam_policy.future',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'future',
      providerName: AWS,
      actions: ['archive'],
      after: { name: 'future', path: '/' },
      afterUnknown: {},
      before: { name: 'future', path: '/' },
    },
    {
      address: 'data.aws_iam_policy_document.deferred',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'deferred',
      providerName: AWS,
      actions: ['read'],
      after: { version: '2012-10-17' },
      afterUnknown: { id: true, json: true },
      before: null,
    },
    {
      address: 'module.team["a"].aws_iam_user_policy.u[0]',
      mode: 'managed',
      type: 'aws_iam_user_policy',
      name: 'u',
      index: 0,
      moduleAddress: 'module.team["a"]',
      providerName: AWS,
      actions: ['create'],
      after: { name: 'team-a', user: 'alice' },
      afterUnknown: { id: true, policy: true },
      before: null,
    },
    {
      address: 'module.team["a"].module.inner.aws_iam_group_policy.g["ops.\\"x\\""]',
      mode: 'managed',
      type: 'aws_iam_group_policy',
      name: 'g',
      index: 'ops."x"',
      moduleAddress: 'module.team["a"].module.inner',
      providerName: AWS,
      actions: ['create'],
      after: { group: 'ops', name: 'ops' },
      afterUnknown: { id: true, policy: true },
      before: null,
    },
    {
      address: 'module.legacy[1].aws_iam_role.r["k"]',
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'r',
      index: 'k',
      moduleAddress: 'module.legacy[1]',
      actions: ['create'],
      after: { name: 'legacy-k' },
      afterUnknown: { arn: true, id: true, inline_policy: true },
      before: null,
    },
    {
      address: 'module.team["a"].aws_iam_policy.extra',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'extra',
      moduleAddress: 'module.team["a"]',
      providerName: AWS,
      actions: ['no-op'],
      after: { arn: 'arn:aws:iam::111122223333:policy/extra', name: 'extra', path: '/' },
      before: { arn: 'arn:aws:iam::111122223333:policy/extra', name: 'extra', path: '/' },
    },
  ];
  for (const instance of expected) {
    it(`reads ${instance.address} (${instance.actions.join(',')})`, () => {
      expect(byAddress.get(instance.address)).to.deep.equal(instance);
    });
  }

  it('keeps the document values themselves (no copies)', () => {
    expect(byAddress.get('aws_iam_policy.updated')!.after).to.equal(raw.resource_changes[1].change.after);
    expect(byAddress.get('aws_iam_policy.updated')!.afterUnknown).to.equal(raw.resource_changes[1].change.after_unknown);
    expect(byAddress.get('aws_iam_policy.no_after')!.after).to.equal(raw.planned_values.root_module.resources[5].values);
    const extra = byAddress.get('module.team["a"].aws_iam_policy.extra')!;
    expect(extra.after).to.equal(raw.planned_values.root_module.child_modules[0].resources[1].values);
    expect(extra.before).to.equal(extra.after);
  });

  it('puts prior_state data sources, and only those, in priorStateData', () => {
    expect([...doc.priorStateData.keys()]).to.deep.equal(['data.aws_caller_identity.current', 'module.team["a"].data.aws_iam_policy_document.read[1]']);
    expect(doc.priorStateData.get('module.team["a"].data.aws_iam_policy_document.read[1]')).to.deep.equal({
      address: 'module.team["a"].data.aws_iam_policy_document.read[1]',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'read',
      index: 1,
      moduleAddress: 'module.team["a"]',
      providerName: AWS,
      actions: [],
      after: { json: '{"Version":"2012-10-17","Statement":[]}' },
      before: null,
    });
  });

  it('shows the aws partition only (no partition chosen)', () => {
    expect(doc.partitions).to.deep.equal(['aws']);
    expect(doc).not.to.have.property('partition');
  });

  describe('plans without the optional parts', () => {
    it('reads a plan with planned_values only (no resource_changes) as unchanged resources', () => {
      const plan = {
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { name: 'p' } }],
          },
        },
      };
      const read = readTerraform(plan, 'plan');
      expect(read.resources).to.deep.equal([
        { address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', actions: ['no-op'], after: { name: 'p' }, before: { name: 'p' } },
      ]);
      expect(read.priorStateData.size).to.equal(0);
      expect(read.partitions).to.deep.equal([]);
      expect(read).not.to.have.property('configuration');
      expect(read).not.to.have.property('terraformVersion');
    });

    it('reads an empty plan', () => {
      const read = readTerraform({ format_version: '0.1' }, 'plan');
      expect(read.resources).to.deep.equal([]);
      expect(read.formatVersion).to.equal('0.1');
    });

    it('keeps a deposed object the plan does not destroy, marked with its key', () => {
      const plan = {
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_iam_policy.p',
            mode: 'managed',
            type: 'aws_iam_policy',
            name: 'p',
            change: { actions: ['no-op'], before: { name: 'new' }, after: { name: 'new' } },
          },
          {
            address: 'aws_iam_policy.p',
            mode: 'managed',
            type: 'aws_iam_policy',
            name: 'p',
            deposed: '0badf00d',
            change: { actions: ['no-op'], before: { name: 'old' }, after: { name: 'old' } },
          },
        ],
      };
      expect(readTerraform(plan, 'plan').resources.map((r) => [r.address, r.deposed, r.after])).to.deep.equal([
        ['aws_iam_policy.p', undefined, { name: 'new' }],
        ['aws_iam_policy.p', '0badf00d', { name: 'old' }],
      ]);
    });

    it('takes the module address and key from the address when the entry does not record them', () => {
      const plan = {
        format_version: '0.1',
        resource_changes: [
          {
            address: 'module.a["x"].aws_iam_policy.p[3]',
            mode: 'managed',
            type: 'aws_iam_policy',
            name: 'p',
            change: { actions: ['create'], before: null, after: {} },
          },
        ],
      };
      const [instance] = readTerraform(plan, 'plan').resources;
      expect([instance!.moduleAddress, instance!.index]).to.deep.equal(['module.a["x"]', 3]);
    });

    it('keeps every planned_values entry of an address Terraform would write once (none goes unjudged)', () => {
      const read = readTerraform(loadFixture('terraform', 'plan-repeated-addresses.json'), 'plan');
      expect(read.resources.map((r) => [r.address, r.actions, (r.after as { name: string }).name])).to.deep.equal([
        ['aws_iam_policy.q', ['create'], 'q-first'],
        ['aws_iam_policy.p', ['no-op'], 'p-first'],
        ['aws_iam_policy.p', ['no-op'], 'p-second'],
        ['aws_iam_policy.q', ['no-op'], 'q-second'],
      ]);
    });

    it('refuses a value that is not an object', () => {
      expect(() => readTerraform([], 'plan')).to.throw(TypeError, 'a Terraform plan must be a JSON object');
      expect(() => readTerraform('{}', 'state')).to.throw(TypeError, 'a Terraform state must be a JSON object');
    });
  });
});
