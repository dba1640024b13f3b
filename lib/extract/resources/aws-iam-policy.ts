/** `aws_iam_policy.policy`: a customer managed policy (Security Hub KMS.1). */
import { policyAttributeExtractor } from '../policy-attribute.js';

export const awsIamPolicyExtractor = policyAttributeExtractor('aws_iam_policy', 'policy');
