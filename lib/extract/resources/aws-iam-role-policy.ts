/** `aws_iam_role_policy.policy`: an inline policy of a role (Security Hub KMS.2). */
import { policyAttributeExtractor } from '../policy-attribute.js';

export const awsIamRolePolicyExtractor = policyAttributeExtractor('aws_iam_role_policy', 'policy');
