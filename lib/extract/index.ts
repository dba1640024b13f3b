/**
 * Resources -> the identity policies to judge.
 *
 * Only managed resources that exist after apply are looked at: data sources never (an
 * `aws_iam_policy_document` is judged where an identity resource uses it), deleted and forgotten
 * resources never (they are not in the state after apply).
 */
import type { PolicySource } from '../types.js';
import { leavesState } from '../terraform/actions.js';
import type { TerraformDocument } from '../terraform/types.js';
import { extractorFor } from './registry.js';
import { skipPermissionsBoundaries } from './permissions-boundary.js';
import { createExtractContext } from './resolve/context.js';
import type { ExtractContext } from './types.js';

export type { ExtractContext, Extractor } from './types.js';
export { extractorFor, judgedResourceTypes } from './registry.js';
export { formatAttributePath, isUnknownAt, valueAt, type AttributePath } from './attribute-path.js';
export { afterPolicyValue, beforePolicyValue, knownPolicyValue } from './policy-value.js';
export { policyAttributeExtractor } from './policy-attribute.js';

export function extractPolicies(document: TerraformDocument, context: Partial<ExtractContext> = {}): PolicySource[] {
  const resolve = context.resolveUnknownPolicy;
  const fullContext: ExtractContext = {
    document,
    resolveUnknownPolicy: resolve === undefined ? createExtractContext(document).resolveUnknownPolicy : resolve.bind(context),
  };
  const policySources: PolicySource[] = [];
  for (const resource of document.resources) {
    if (resource.mode !== 'managed' || leavesState(resource.actions)) continue;
    const extractor = extractorFor(resource.type);
    if (extractor !== undefined) policySources.push(...extractor.extract(resource, fullContext));
  }
  return skipPermissionsBoundaries(document, policySources).sort(bySourceOrder);
}

/** Address, then policy path with list positions compared as numbers. */
function bySourceOrder(a: PolicySource, b: PolicySource): number {
  if (a.address !== b.address) return a.address < b.address ? -1 : 1;
  return comparePaths(a.policyPath, b.policyPath);
}

const PATH_PARTS = /(\d+)/;

function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  const left = a.split(PATH_PARTS);
  const right = b.split(PATH_PARTS);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] === right[i]) continue;
    // Odd positions hold the digit runs.
    const difference = i % 2 === 1 ? Number(left[i]) - Number(right[i]) : 0;
    if (difference !== 0) return difference;
    return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}
