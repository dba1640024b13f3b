/** `aws_iam_group_policy.policy`: an inline policy of a group (Security Hub KMS.2). */
import { policyAttributeExtractor } from '../policy-attribute.js';

export const awsIamGroupPolicyExtractor = policyAttributeExtractor('aws_iam_group_policy', 'policy');
