/** `awscc_iam_managed_policy.policy_document`: a customer managed policy (Security Hub KMS.1). */
import { awsccDocumentExtractor } from './awscc-document.js';

export const awsccIamManagedPolicyExtractor = awsccDocumentExtractor('awscc_iam_managed_policy', 'policy_document');
