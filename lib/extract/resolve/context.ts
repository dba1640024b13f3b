/**
 * The extract context of one Terraform document: answers what the plan knows of policy
 * attributes that are not known until apply.
 */
import type { PolicyValue } from '../../types.js';
import type { TerraformDocument } from '../../terraform/types.js';
import type { ExtractContext } from '../types.js';
import { inlinePolicyIsConfigured } from './inline-policy.js';
import { resolveIndexOf } from './index.js';
import { resolveUnknownPolicy } from './unknown.js';

const ABSENT: PolicyValue = Object.freeze({ kind: 'absent' });

export function createExtractContext(document: TerraformDocument): ExtractContext {
  return {
    document,
    resolveUnknownPolicy(resource, attributePath) {
      // A computed inline_policy as a whole: no policy the configuration wrote.
      if (
        resource.type === 'aws_iam_role' &&
        attributePath.length === 1 &&
        attributePath[0] === 'inline_policy' &&
        !inlinePolicyIsConfigured(document, resource)
      ) {
        return ABSENT;
      }
      // The index (built once per document) costs a pass over every resource: only when a policy is unknown.
      return resolveUnknownPolicy(resolveIndexOf(document), resource, attributePath);
    },
  };
}
