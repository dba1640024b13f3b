/** `awscc_iam_role.policies[*].policy_document`: inline policies declared on the role (Security Hub KMS.2). */
import { awsccPoliciesListExtractor } from './awscc-policies-list.js';

export const awsccIamRoleExtractor = awsccPoliciesListExtractor('awscc_iam_role');
