/** `awscc_iam_group.policies[*].policy_document`: inline policies declared on the group (Security Hub KMS.2). */
import { awsccPoliciesListExtractor } from './awscc-policies-list.js';

export const awsccIamGroupExtractor = awsccPoliciesListExtractor('awscc_iam_group');
