import { expect } from 'chai';
import { extractPolicies } from '../../lib/extract/index.js';
import { sameDocument } from '../../lib/extract/same-document.js';
import { readTerraform } from '../../lib/terraform/index.js';
import type { PolicySource } from '../../lib/types.js';
import { loadFixture } from '../terraform/load-fixture.js';
import { loadDocument, PLAIN_CONTEXT } from './load.js';
import { compact, DECRYPT_ONE_KEY } from './policy-documents.js';

describe('extract: role inline policies mirroring aws_iam_role_policy', () => {
  it('keeps the role policy and drops the inline entries that mirror it (same role, name, document)', () => {
    const kmsAll = compact([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }]);
    const expected: PolicySource[] = [
      {
        address: 'aws_iam_role.app',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[2].policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: kmsAll },
        before: { kind: 'text', text: kmsAll },
      },
      {
        address: 'aws_iam_role.app',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[3].policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: kmsAll },
        before: { kind: 'text', text: kmsAll },
      },
      {
        address: 'aws_iam_role_policy.drift',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: compact([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) },
        before: { kind: 'text', text: compact([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) },
      },
      {
        address: 'aws_iam_role_policy.kms',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['update'],
        after: { kind: 'text', text: DECRYPT_ONE_KEY },
        before: { kind: 'text', text: compact([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]) },
      },
      {
        address: 'aws_iam_role_policy.logs',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: compact([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]) },
        before: { kind: 'text', text: compact([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]) },
      },
      {
        address: 'module.other.aws_iam_role.this',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[0].policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: compact([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]) },
        before: { kind: 'text', text: compact([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }]) },
      },
    ];
    expect(extractPolicies(loadDocument('plan-role-mirror.json', 'plan'), PLAIN_CONTEXT)).to.deep.equal(expected);
  });

  /** The mirror fixture with one change applied to it, then the inline policy paths kept for aws_iam_role.app. */
  function keptAppEntries(change: (plan: Record<string, any>) => void): string[] {
    const plan = loadFixture('extract', 'plan-role-mirror.json');
    change(plan);
    return extractPolicies(readTerraform(plan, 'plan'), PLAIN_CONTEXT)
      .filter((s) => s.address === 'aws_iam_role.app')
      .map((s) => s.policyPath);
  }

  const rolePolicy = (plan: Record<string, any>, address: string) => plan.resource_changes.find((r: { address: string }) => r.address === address).change;

  it('matches the role policy by the role it names', () => {
    const moveLogs = (plan: Record<string, any>) => {
      const change = rolePolicy(plan, 'aws_iam_role_policy.logs');
      change.before.role = 'someone-else';
      change.after.role = 'someone-else';
    };
    expect(keptAppEntries(moveLogs)).to.deep.equal(['inline_policy[0].policy', 'inline_policy[2].policy', 'inline_policy[3].policy']);
  });

  it('matches the role by its id as well as its name', () => {
    expect(
      keptAppEntries((plan) => {
        const role = rolePolicy(plan, 'aws_iam_role.app').after;
        role.name = 'app-renamed-in-after';
      }),
    ).to.deep.equal(['inline_policy[2].policy', 'inline_policy[3].policy']);
    expect(
      keptAppEntries((plan) => {
        const role = rolePolicy(plan, 'aws_iam_role.app').after;
        role.name = 'app-renamed-in-after';
        role.id = 'also-renamed';
      }),
    ).to.deep.equal(['inline_policy[0].policy', 'inline_policy[1].policy', 'inline_policy[2].policy', 'inline_policy[3].policy', 'inline_policy[4].policy']);
  });

  it('matches by policy name, pairing name and document of the same side of the plan', () => {
    // Renamed by this plan: the entry still mirrors the role policy as it was before.
    expect(keptAppEntries((plan) => (rolePolicy(plan, 'aws_iam_role_policy.kms').after.name = 'renamed'))).to.deep.equal([
      'inline_policy[2].policy',
      'inline_policy[3].policy',
    ]);
    // Named differently before: the entry's document is not the role policy's document after.
    expect(keptAppEntries((plan) => (rolePolicy(plan, 'aws_iam_role_policy.kms').before.name = 'renamed'))).to.deep.equal([
      'inline_policy[1].policy',
      'inline_policy[2].policy',
      'inline_policy[3].policy',
    ]);
    expect(keptAppEntries((plan) => (rolePolicy(plan, 'aws_iam_role.app').after.inline_policy[0].name = 'app-logs-2'))).to.deep.equal([
      'inline_policy[0].policy',
      'inline_policy[2].policy',
      'inline_policy[3].policy',
    ]);
  });

  it('does not drop an entry whose document differs from the role policy before and after', () => {
    expect(keptAppEntries((plan) => (rolePolicy(plan, 'aws_iam_role_policy.kms').before.policy = DECRYPT_ONE_KEY))).to.deep.equal([
      'inline_policy[1].policy',
      'inline_policy[2].policy',
      'inline_policy[3].policy',
    ]);
  });

  it('does not drop an entry whose name is not known', () => {
    expect(
      keptAppEntries((plan) => {
        const change = rolePolicy(plan, 'aws_iam_role.app');
        delete change.after.inline_policy[0].name;
        change.after_unknown = { inline_policy: [{ name: true }] };
      }),
    ).to.deep.equal(['inline_policy[0].policy', 'inline_policy[2].policy', 'inline_policy[3].policy']);
  });

  it('reports the issue522 shape once: an empty role policy and its empty mirror', () => {
    const plan = {
      format_version: '0.1',
      resource_changes: [
        {
          address: 'aws_iam_role.r',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'r',
          change: {
            actions: ['no-op'],
            before: { name: 'role-1', inline_policy: [{ name: 'p-1', policy: '' }] },
            after: { name: 'role-1', inline_policy: [{ name: 'p-1', policy: '' }] },
          },
        },
        {
          address: 'aws_iam_role_policy.p',
          mode: 'managed',
          type: 'aws_iam_role_policy',
          name: 'p',
          change: { actions: ['no-op'], before: { name: 'p-1', role: 'role-1', policy: '' }, after: { name: 'p-1', role: 'role-1', policy: '' } },
        },
      ],
    };
    expect(extractPolicies(readTerraform(plan, 'plan'), PLAIN_CONTEXT)).to.deep.equal([
      {
        address: 'aws_iam_role_policy.p',
        resourceType: 'aws_iam_role_policy',
        policyPath: 'policy',
        changeActions: ['no-op'],
        after: { kind: 'text', text: '' },
        before: { kind: 'text', text: '' },
      },
    ]);
  });

  describe('sameDocument', () => {
    const cases: [unknown, unknown, boolean][] = [
      ['{"a":1,"b":[1,2]}', '{\n  "b": [1, 2],\n  "a": 1\n}', true],
      ['{"a":1,"b":[1,2]}', '{"a":1,"b":[2,1]}', false],
      ['{"a":{"y":1,"x":2}}', { a: { x: 2, y: 1 } }, true],
      ['{"a":1.0}', '{"a":1}', true],
      ['{"a":"1"}', '{"a":1}', false],
      ['', '', true],
      ['', '{}', false],
      ['not json', 'not json', true],
      ['not json', 'not  json', false],
      ['{}', undefined, false],
      [undefined, undefined, true],
      [null, '{}', false],
    ];
    for (const [a, b, same] of cases) {
      it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${same}`, () => {
        expect(sameDocument(a, b)).to.equal(same);
        expect(sameDocument(b, a)).to.equal(same);
      });
    }
  });
});
