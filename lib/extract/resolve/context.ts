/**
 * The extract context of one Terraform document: answers what the plan knows of policy
 * attributes that are not known until apply.
 */
import type { TerraformDocument } from '../../terraform/types.js';
import type { ExtractContext } from '../types.js';
import { resolveIndexOf } from './index.js';
import { resolveUnknownPolicy } from './unknown.js';

export function createExtractContext(document: TerraformDocument): ExtractContext {
  return {
    document,
    resolveUnknownPolicy(resource, attributePath) {
      // The index (built once per document) costs a pass over every resource: only when a policy is unknown.
      return resolveUnknownPolicy(resolveIndexOf(document), resource, attributePath);
    },
  };
}
