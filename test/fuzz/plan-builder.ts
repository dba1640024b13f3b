/**
 * Minimal `terraform show -json` plans around identity policies, for the fuzz suites: each
 * resource is created by the plan and appears in planned_values and resource_changes alike.
 */

export type IdentityType = 'aws_iam_policy' | 'aws_iam_role_policy' | 'aws_iam_user_policy' | 'aws_iam_group_policy' | 'aws_iam_role';

export const IDENTITY_TYPES: readonly IdentityType[] = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'];

/** The policy attribute as the plan shows it: text, any other JSON value, or unknown. */
export type PlannedPolicy = { readonly text: string } | { readonly value: unknown } | { readonly unknown: true };

export interface PlannedResource {
  readonly type: IdentityType;
  readonly name: string;
  readonly policy: PlannedPolicy;
}

/** Where kmsguard will report the policy of a planned resource. */
export function policyLocation(resource: PlannedResource): { address: string; policyPath: string } {
  return {
    address: `${resource.type}.${resource.name}`,
    policyPath: resource.type === 'aws_iam_role' ? 'inline_policy[0].policy' : 'policy',
  };
}

const ASSUME_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
});

function attributes(resource: PlannedResource): { after: Record<string, unknown>; afterUnknown: Record<string, unknown> } {
  const policy = resource.policy;
  const known = 'text' in policy ? { policy: policy.text } : 'value' in policy ? { policy: policy.value } : {};
  const unknown = 'unknown' in policy ? { policy: true } : {};
  switch (resource.type) {
    case 'aws_iam_role':
      return {
        after: { name: resource.name, assume_role_policy: ASSUME_ROLE, inline_policy: [{ name: `${resource.name}-inline`, ...known }] },
        afterUnknown: { arn: true, id: true, inline_policy: [unknown] },
      };
    case 'aws_iam_policy':
      return { after: { name: resource.name, path: '/', ...known }, afterUnknown: { arn: true, id: true, ...unknown } };
    default: {
      const owner = resource.type.replace('aws_iam_', '').replace('_policy', '');
      return { after: { name: resource.name, [owner]: `${owner}-${resource.name}`, ...known }, afterUnknown: { id: true, ...unknown } };
    }
  }
}

export function buildPlan(resources: readonly PlannedResource[]): Record<string, unknown> {
  const planned = [];
  const changes = [];
  for (const resource of resources) {
    const { after, afterUnknown } = attributes(resource);
    const common = {
      address: `${resource.type}.${resource.name}`,
      mode: 'managed',
      type: resource.type,
      name: resource.name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
    };
    planned.push({ ...common, schema_version: 0, values: after, sensitive_values: {} });
    changes.push({
      ...common,
      change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} },
    });
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
  };
}
