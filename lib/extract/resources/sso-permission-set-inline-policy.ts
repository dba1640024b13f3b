/**
 * `aws_ssoadmin_permission_set_inline_policy.inline_policy`: the inline policy of an IAM Identity
 * Center permission set, an identity policy of every role the permission set provisions.
 */
import { policyAttributeExtractor } from '../policy-attribute.js';

export const ssoPermissionSetInlinePolicyExtractor = policyAttributeExtractor('aws_ssoadmin_permission_set_inline_policy', 'inline_policy');
