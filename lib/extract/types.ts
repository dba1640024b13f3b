/**
 * The contract between the Terraform layer and the per-resource-type extractors.
 */
import type { PolicySource, PolicyValue } from '../types.js';
import type { ResourceInstance, TerraformDocument } from '../terraform/types.js';

export interface ExtractContext {
  readonly document: TerraformDocument;
  /**
   * What the plan knows about a policy attribute that is not known until apply: a partial
   * policy model rebuilt from data sources and configuration, or just a detail naming what
   * is unknown. `attributePath` is the path inside the resource, e.g. ['inline_policy', 1, 'policy'].
   */
  resolveUnknownPolicy(resource: ResourceInstance, attributePath: readonly (string | number)[]): PolicyValue;
}

/** Finds the identity policies of one resource type. One extractor per resource type (or close family). */
export interface Extractor {
  readonly resourceTypes: readonly string[];
  extract(resource: ResourceInstance, context: ExtractContext): PolicySource[];
}
