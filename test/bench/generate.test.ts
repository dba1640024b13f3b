import { expect } from 'chai';
import { planText, TRICKY_STRINGS, writePlan } from '../../bench/generate.js';

interface Change {
  address: string;
  type: string;
  change: { actions: string[]; after: Record<string, unknown> | null };
}

describe('plan generator', () => {
  it('writes the same bytes for the same spec, and other bytes for another seed', () => {
    const a = planText({ targetBytes: 2e5, seed: 1 }).text;
    expect(planText({ targetBytes: 2e5, seed: 1 }).text).to.equal(a);
    expect(planText({ targetBytes: 2e5, seed: 2 }).text).to.not.equal(a);
  });

  for (const target of [3e5, 2e6]) {
    it(`comes within 10% of the size asked for (${target} bytes)`, () => {
      let bytes = 0;
      const result = writePlan({ write: (chunk) => (bytes += Buffer.byteLength(chunk)) }, { targetBytes: target, seed: 3 });
      expect(result.bytes).to.equal(bytes);
      expect(Math.abs(bytes - target) / target).to.be.below(0.1);
    });
  }

  it('writes a plan Terraform could have written: modules with for_each, prior_state, configuration', () => {
    const { text, expectation } = planText({ targetBytes: 5e5, seed: 4 });
    const plan = JSON.parse(text) as Record<string, unknown> & { resource_changes: Change[] };
    expect(Object.keys(plan)).to.deep.equal([
      'format_version',
      'terraform_version',
      'variables',
      'planned_values',
      'resource_changes',
      'output_changes',
      'prior_state',
      'configuration',
      'relevant_attributes',
      'timestamp',
      'applyable',
      'complete',
      'errored',
    ]);
    expect(plan.resource_changes.length).to.equal(expectation.resourceChanges);
    expect(plan.resource_changes.some((c) => /^module\.team_\d+\["team-\d+"\]\.module\.svc\["batch \\"nightly\\" \{v2\}"\]\./.test(c.address))).to.equal(true);
    const actions = new Set(plan.resource_changes.map((c) => c.change.actions.join(',')));
    expect([...actions].sort()).to.include.members(['create', 'delete', 'delete,create', 'no-op', 'read', 'update']);
  });

  it('writes nested blocks in the configuration as Terraform does (a role writes its inline policies)', () => {
    const { text } = planText({ targetBytes: 1e5, seed: 4 });
    type Module = { resources: { type: string; expressions: Record<string, unknown> }[] };
    const plan = JSON.parse(text) as { configuration: { root_module: { module_calls: Record<string, { module: Module }> } } };
    const team = Object.values(plan.configuration.root_module.module_calls)[0]!.module;
    const role = team.resources.find((r) => r.type === 'aws_iam_role')!;
    const inline = role.expressions['inline_policy'] as { name: unknown; policy: unknown }[];
    expect(Array.isArray(inline)).to.equal(true);
    for (const block of inline) {
      expect(block.name).to.have.property('constant_value');
      expect(block.policy).to.deep.equal({ references: ['local.policy_app'] });
    }
    expect(role.expressions).to.not.have.property('permissions_boundary');
  });

  it('plants the findings it expects, and none on deleted resources', () => {
    const { text, expectation } = planText({ targetBytes: 1e6, seed: 5, findingShare: 0.3 });
    const plan = JSON.parse(text) as { resource_changes: Change[] };
    const deleted = new Set(plan.resource_changes.filter((c) => c.change.actions.join() === 'delete').map((c) => c.address));
    const findingAddresses = Object.keys(expectation.findings).map((key) => key.split(' ')[0]!);
    expect(findingAddresses.length).to.be.above(10);
    expect(findingAddresses.filter((address) => deleted.has(address))).to.deep.equal([]);
    expect(new Set(Object.values(expectation.findings))).to.deep.equal(new Set(['all-keys', 'account-keys', 'region-keys']));
  });

  it('puts quotes, braces, brackets and unicode escapes inside strings', () => {
    const { text } = planText({ targetBytes: 3e5, seed: 6, edgePolicies: true });
    for (const tricky of TRICKY_STRINGS) expect(text).to.include(JSON.stringify(tricky).slice(1, -1));
    expect(text).to.include('\\u0000');
    expect(text).to.include('\\\\\\"');
  });
});
