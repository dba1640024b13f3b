/** Extractors for resource types whose identity policy is one top-level attribute. */
import type { PolicySource } from '../types.js';
import { afterPolicyValue, beforePolicyValue } from './policy-value.js';
import type { Extractor } from './types.js';

export function policyAttributeExtractor(resourceType: string, attribute: string): Extractor {
  const path = [attribute] as const;
  return {
    resourceTypes: [resourceType],
    extract(resource, context): PolicySource[] {
      const before = beforePolicyValue(resource, path);
      return [
        {
          address: resource.address,
          resourceType: resource.type,
          policyPath: attribute,
          actions: resource.actions,
          after: afterPolicyValue(resource, path, context),
          ...(before !== undefined ? { before } : {}),
        },
      ];
    },
  };
}
