/** `awscc_iam_user.policies[*].policy_document`: inline policies declared on the user (Security Hub KMS.2). */
import { awsccPoliciesListExtractor } from './awscc-policies-list.js';

export const awsccIamUserExtractor = awsccPoliciesListExtractor('awscc_iam_user');
