/**
 * Terraform's JSON output as kmsguard sees it: the resources that will exist after apply (plan)
 * or exist now (state), plus what the plan knows about values not known until apply.
 */
import type { Partition } from '../iam/types.js';

export type DocumentKind = 'plan' | 'state';

/** One resource instance (managed resource or data source). */
export interface ResourceInstance {
  /** Exactly as Terraform writes it: `module.team["a"].aws_iam_policy.p[0]`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** count / for_each key, when the resource has one. */
  readonly index?: number | string;
  /** `module.team["a"]`, absent at the root. */
  readonly moduleAddress?: string;
  readonly providerName?: string;
  /** Plan: the change actions (`["create"]`, `["delete","create"]`, `["no-op"]`, `["read"]`...). State: `[]`. */
  readonly actions: readonly string[];
  /** Values after apply (plan) or now (state); null when the plan deletes the resource. */
  readonly after: Readonly<Record<string, unknown>> | null;
  /** Terraform's `after_unknown` mask: `true` where a value is not known until apply. */
  readonly afterUnknown?: unknown;
  /** Values before this plan; null for a create and for states. */
  readonly before: Readonly<Record<string, unknown>> | null;
  /**
   * Set for a deposed object (left over by create_before_destroy) that the plan does not delete:
   * it shares its address with the current object, so this key tells them apart.
   */
  readonly deposed?: string;
}

export interface TerraformDocument {
  readonly kind: DocumentKind;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  /** Managed resources and data sources to consider (plan: state after apply, deleted ones included with after=null). */
  readonly resources: readonly ResourceInstance[];
  /** Data sources read during planning (`prior_state`), by address. Empty for states. */
  readonly priorStateData: ReadonlyMap<string, ResourceInstance>;
  /** The plan's `configuration` block, untouched (undefined for states and plans without one). */
  readonly configuration?: unknown;
  /**
   * Partition implied by the plan when it shows exactly one and that one is not `aws`
   * (`aws-cn`, `aws-iso`, ...). Undefined otherwise (no evidence, only `aws`, or several).
   */
  readonly partition?: Partition;
  /**
   * Every partition the document shows (provider regions, resource `region` values, resource
   * ARNs), sorted. With more than one, no single partition is safe: judge keys in each and keep
   * the widest verdict.
   */
  readonly partitions?: readonly Partition[];
  /** Root module input variable values of a plan (`variables.<name>.value`), by name. */
  readonly variables?: ReadonlyMap<string, unknown>;
}
