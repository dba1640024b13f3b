/** `aws_iam_user_policy.policy`: an inline policy of a user (Security Hub KMS.2). */
import { policyAttributeExtractor } from '../policy-attribute.js';

export const awsIamUserPolicyExtractor = policyAttributeExtractor('aws_iam_user_policy', 'policy');
