/**
 * The extractors kmsguard runs, by resource type. Only identity policies are registered: resource
 * policies (key policies, bucket policies, endpoint policies...) are never judged.
 */
import { awsIamGroupPolicyExtractor } from './resources/aws-iam-group-policy.js';
import { awsIamPolicyExtractor } from './resources/aws-iam-policy.js';
import { awsIamRoleExtractor } from './resources/aws-iam-role.js';
import { awsIamRolePolicyExtractor } from './resources/aws-iam-role-policy.js';
import { awsIamUserPolicyExtractor } from './resources/aws-iam-user-policy.js';
import { awsccIamGroupExtractor } from './resources/awscc-iam-group.js';
import { awsccIamGroupPolicyExtractor } from './resources/awscc-iam-group-policy.js';
import { awsccIamManagedPolicyExtractor } from './resources/awscc-iam-managed-policy.js';
import { awsccIamRoleExtractor } from './resources/awscc-iam-role.js';
import { awsccIamRolePolicyExtractor } from './resources/awscc-iam-role-policy.js';
import { awsccIamUserExtractor } from './resources/awscc-iam-user.js';
import { awsccIamUserPolicyExtractor } from './resources/awscc-iam-user-policy.js';
import { awsccSsoPermissionSetExtractor } from './resources/awscc-sso-permission-set.js';
import { ssoPermissionSetInlinePolicyExtractor } from './resources/sso-permission-set-inline-policy.js';
import type { Extractor } from './types.js';

const EXTRACTORS: readonly Extractor[] = [
  awsIamPolicyExtractor,
  awsIamRolePolicyExtractor,
  awsIamUserPolicyExtractor,
  awsIamGroupPolicyExtractor,
  awsIamRoleExtractor,
  ssoPermissionSetInlinePolicyExtractor,
  awsccIamManagedPolicyExtractor,
  awsccIamRolePolicyExtractor,
  awsccIamUserPolicyExtractor,
  awsccIamGroupPolicyExtractor,
  awsccIamRoleExtractor,
  awsccIamUserExtractor,
  awsccIamGroupExtractor,
  awsccSsoPermissionSetExtractor,
];

const byType = new Map<string, Extractor>();
for (const extractor of EXTRACTORS) {
  for (const type of extractor.resourceTypes) {
    if (byType.has(type)) throw new Error(`two extractors claim resource type ${type}`);
    byType.set(type, extractor);
  }
}

/** The extractor for a managed resource type, if kmsguard judges that type. */
export function extractorFor(resourceType: string): Extractor | undefined {
  return byType.get(resourceType);
}

/** Resource types kmsguard judges, sorted. */
export function judgedResourceTypes(): string[] {
  return [...byType.keys()].sort();
}
