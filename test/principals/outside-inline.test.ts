/**
 * A role the plan does not manage that gets an inline policy resource (aws_iam_role_policy naming
 * it by name): its principal finding goes by that resource, as one found by an attachment goes by
 * the attachment, never by a word shared by every such role.
 */
import { expect } from 'chai';
import { check } from '../../lib/index.js';
import { fixture } from '../support/paths.js';

describe('principals: a principal outside the plan found by its inline policy', () => {
  it('has the inline policy resource as its address and resource type', async () => {
    const report = await check(fixture('redteam', 'role-inline-mirror.v1.2.plan.json'), { rules: ['principal-decrypt'] });
    const outside = report.findings.filter((f) => f.principal?.outside === true);
    expect(outside.map((f) => [f.address, f.resourceType, f.principal?.kind, f.principal?.name])).to.deep.equal([
      ['aws_iam_role_policy.m5_other', 'aws_iam_role_policy', 'role', 'someone-else'],
    ]);
  });
});
