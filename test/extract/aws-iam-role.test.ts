import { expect } from 'chai';
import { extractPolicies } from '../../lib/extract/index.js';
import { readTerraform } from '../../lib/terraform/index.js';
import type { PolicySource, PolicyValue } from '../../lib/types.js';
import { loadFixture } from '../terraform/load-fixture.js';
import { loadDocument, PLAIN_CONTEXT } from './load.js';
import { compact, DECRYPT_ALL, DECRYPT_ONE_KEY } from './policy-documents.js';

const LOGS = compact([{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }]);

describe('extract: aws_iam_role inline_policy', () => {
  const doc = loadDocument('plan-role-inline.json', 'plan');

  it('judges each entry, pairs before by name, and skips placeholders, empty lists and deleted roles', () => {
    const expected: PolicySource[] = [
      {
        address: 'aws_iam_role.computed',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy',
        changeActions: ['create'],
        after: { kind: 'unknown', detail: 'inline_policy is not known until apply' },
      },
      {
        address: 'aws_iam_role.multi',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[0].policy',
        changeActions: ['update'],
        after: { kind: 'text', text: DECRYPT_ALL },
        before: { kind: 'text', text: DECRYPT_ONE_KEY },
      },
      {
        address: 'aws_iam_role.multi',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[1].policy',
        changeActions: ['update'],
        after: { kind: 'unknown', detail: 'inline_policy[1].policy is not known until apply' },
        before: { kind: 'absent' },
      },
      {
        address: 'aws_iam_role.multi',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[2].policy',
        changeActions: ['update'],
        after: { kind: 'text', text: LOGS },
        before: { kind: 'text', text: LOGS },
      },
      {
        address: 'aws_iam_role.named_empty',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[0].policy',
        changeActions: ['create'],
        after: { kind: 'text', text: '' },
      },
      {
        address: 'aws_iam_role.whole_entry_unknown',
        resourceType: 'aws_iam_role',
        policyPath: 'inline_policy[0].policy',
        changeActions: ['create'],
        after: { kind: 'unknown', detail: 'inline_policy[0].policy is not known until apply' },
      },
    ];
    expect(extractPolicies(doc, PLAIN_CONTEXT)).to.deep.equal(expected);
  });

  it('reports nothing for a computed inline_policy the context says is absent (none configured)', () => {
    const asked: string[] = [];
    const policySources = extractPolicies(doc, {
      resolveUnknownPolicy(resource, path): PolicyValue {
        asked.push(`${resource.address} ${path.join('/')}`);
        return path.length === 1 ? { kind: 'absent' } : { kind: 'unknown', detail: 'x' };
      },
    });
    expect(asked).to.deep.equal([
      'aws_iam_role.computed inline_policy',
      'aws_iam_role.multi inline_policy/1/policy',
      'aws_iam_role.whole_entry_unknown inline_policy/0/policy',
    ]);
    expect(policySources.map((s) => `${s.address} ${s.policyPath}`)).to.deep.equal([
      'aws_iam_role.multi inline_policy[0].policy',
      'aws_iam_role.multi inline_policy[1].policy',
      'aws_iam_role.multi inline_policy[2].policy',
      'aws_iam_role.named_empty inline_policy[0].policy',
      'aws_iam_role.whole_entry_unknown inline_policy[0].policy',
    ]);
  });

  describe('an inline_policy the configuration does not write (computed, not judged)', () => {
    const plan = readTerraform(loadFixture('extract/resolve', 'role-computed-inline.plan.json'), 'plan');
    const judged = (document: typeof plan) => extractPolicies(document).map((s) => `${s.address} ${s.policyPath} ${s.changeActions.join(',')}`);

    it('leaves out the list an existing role keeps from AWS; judges declared blocks, entries a plan creates or changes, and roles whose block is not found', () => {
      expect(judged(plan)).to.deep.equal([
        'aws_iam_role.declared inline_policy[0].policy no-op',
        'aws_iam_role.dynamic_changed inline_policy[0].policy update',
        'aws_iam_role.dynamic_created inline_policy[0].policy create',
        // The configuration has aws_iam_role.this only in module.svc.
        'aws_iam_role.this inline_policy[0].policy no-op',
      ]);
    });

    it('judges every list when the plan has no configuration to tell', () => {
      const { configuration: _, ...withoutConfiguration } = plan;
      expect(judged(withoutConfiguration)).to.deep.equal([
        'aws_iam_role.computed inline_policy[0].policy no-op',
        'aws_iam_role.computed_update inline_policy[0].policy update',
        'aws_iam_role.declared inline_policy[0].policy no-op',
        'aws_iam_role.dynamic_changed inline_policy[0].policy update',
        'aws_iam_role.dynamic_created inline_policy[0].policy create',
        'aws_iam_role.new_computed inline_policy create',
        'aws_iam_role.this inline_policy[0].policy no-op',
        'module.svc.aws_iam_role.this inline_policy[0].policy no-op',
      ]);
    });
  });

  describe('before of an entry without a name', () => {
    const roleUpdate = (before: unknown[], after: unknown[]) => ({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_iam_role.r',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'r',
          change: { actions: ['update'], before: { name: 'r', inline_policy: before }, after: { name: 'r', inline_policy: after }, after_unknown: {} },
        },
      ],
    });
    const befores = (plan: unknown) => extractPolicies(readTerraform(plan, 'plan'), PLAIN_CONTEXT).map((s) => s.before);

    it('is the unnamed entry at the same position', () => {
      expect(befores(roleUpdate([{ name: '', policy: LOGS }], [{ name: '', policy: DECRYPT_ALL }]))).to.deep.equal([{ kind: 'text', text: LOGS }]);
    });
    it('is absent when that entry has a name', () => {
      expect(befores(roleUpdate([{ name: 'a', policy: LOGS }], [{ name: '', policy: DECRYPT_ALL }]))).to.deep.equal([{ kind: 'absent' }]);
    });
    it('is absent when that entry is the empty placeholder', () => {
      expect(befores(roleUpdate([{ name: '', policy: '' }], [{ name: '', policy: DECRYPT_ALL }]))).to.deep.equal([{ kind: 'absent' }]);
    });
    it('is absent when the role had no inline_policy list', () => {
      expect(
        befores({
          ...roleUpdate([], [{ name: 'a', policy: DECRYPT_ALL }]),
          resource_changes: [
            {
              ...roleUpdate([], [])['resource_changes'][0],
              change: { actions: ['update'], before: { name: 'r' }, after: { name: 'r', inline_policy: [{ name: 'a', policy: DECRYPT_ALL }] } },
            },
          ],
        }),
      ).to.deep.equal([{ kind: 'absent' }]);
    });
  });

  describe('placeholder entries', () => {
    const cases: [string, unknown, unknown, boolean][] = [
      ['name and policy empty strings', { name: '', policy: '' }, undefined, false],
      ['name and policy null', { name: null, policy: null }, undefined, false],
      ['empty object', {}, undefined, false],
      ['null entry', null, undefined, false],
      ['name set, policy empty', { name: 'x', policy: '' }, undefined, true],
      ['name empty, policy set', { name: '', policy: DECRYPT_ALL }, undefined, true],
      ['both empty but policy unknown', { name: '' }, [{ policy: true }], true],
      ['both empty but name unknown', { policy: '' }, [{ name: true }], true],
      ['entry unknown', null, [true], true],
    ];
    for (const [label, entry, unknownMask, judged] of cases) {
      it(`${label}: ${judged ? 'judged' : 'not judged'}`, () => {
        const plan = {
          format_version: '1.2',
          resource_changes: [
            {
              address: 'aws_iam_role.r',
              mode: 'managed',
              type: 'aws_iam_role',
              name: 'r',
              change: {
                actions: ['create'],
                before: null,
                after: { name: 'r', inline_policy: [entry] },
                after_unknown: unknownMask === undefined ? {} : { inline_policy: unknownMask },
              },
            },
          ],
        };
        expect(extractPolicies(readTerraform(plan, 'plan'), PLAIN_CONTEXT).length).to.equal(judged ? 1 : 0);
      });
    }
  });
});
