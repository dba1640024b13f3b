/**
 * `awscc_sso_permission_set.inline_policy`: the inline policy of an IAM Identity Center permission
 * set, an identity policy of every role the permission set provisions (JSON text or object).
 *
 * The attribute is optional: null when the permission set has none (nothing is reported), and not
 * known until apply when the configuration leaves it out (computed by the provider, nothing is
 * reported either).
 */
import type { PolicySource } from '../../types.js';
import { isUnknownAt, valueAt } from '../attribute-path.js';
import { beforePolicyValue } from '../policy-value.js';
import type { Extractor } from '../types.js';
import { awsccDocumentAfter, configuresAttribute } from './awscc-document.js';

const INLINE_POLICY = ['inline_policy'] as const;

export const awsccSsoPermissionSetExtractor: Extractor = {
  resourceTypes: ['awscc_sso_permission_set'],
  extract(resource, context): PolicySource[] {
    const value = valueAt(resource.after, INLINE_POLICY);
    if (value === null || value === undefined) {
      if (!isUnknownAt(resource.afterUnknown, INLINE_POLICY) || !configuresAttribute(context, resource, 'inline_policy')) return [];
    }
    const before = beforePolicyValue(resource, INLINE_POLICY);
    return [
      {
        address: resource.address,
        resourceType: resource.type,
        policyPath: 'inline_policy',
        changeActions: resource.actions,
        after: awsccDocumentAfter(resource, INLINE_POLICY, context),
        ...(before !== undefined ? { before } : {}),
      },
    ];
  },
};
