/** `awscc_iam_group_policy.policy_document`: an inline policy of a group (Security Hub KMS.2). */
import { awsccDocumentExtractor } from './awscc-document.js';

export const awsccIamGroupPolicyExtractor = awsccDocumentExtractor('awscc_iam_group_policy', 'policy_document');
