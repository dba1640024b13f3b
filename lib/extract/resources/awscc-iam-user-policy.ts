/** `awscc_iam_user_policy.policy_document`: an inline policy of a user (Security Hub KMS.2). */
import { awsccDocumentExtractor } from './awscc-document.js';

export const awsccIamUserPolicyExtractor = awsccDocumentExtractor('awscc_iam_user_policy', 'policy_document');
