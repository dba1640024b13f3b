/** Extractors for resource types whose identity policy is one top-level attribute. */
import type { ResourceInstance } from '../terraform/types.js';
import type { PolicySource, PolicyValue } from '../types.js';
import type { AttributePath } from './attribute-path.js';
import { afterPolicyValue, beforePolicyValue } from './policy-value.js';
import type { ExtractContext, Extractor } from './types.js';

/** How the document after apply is read (awscc documents may be objects with unknown parts). */
type AfterReader = (resource: ResourceInstance, path: AttributePath, context: ExtractContext) => PolicyValue;

export function policyAttributeExtractor(resourceType: string, attribute: string, readAfter: AfterReader = afterPolicyValue): Extractor {
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
          changeActions: resource.actions,
          after: readAfter(resource, path, context),
          ...(before !== undefined ? { before } : {}),
        },
      ];
    },
  };
}
