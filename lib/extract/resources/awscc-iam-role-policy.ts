/** `awscc_iam_role_policy.policy_document`: an inline policy of a role (Security Hub KMS.2). */
import { awsccDocumentExtractor } from './awscc-document.js';

export const awsccIamRolePolicyExtractor = awsccDocumentExtractor('awscc_iam_role_policy', 'policy_document');
