/**
 * An `aws_iam_role`'s `inline_policy` is Optional and Computed: without an `inline_policy` block
 * in the configuration, the provider fills it from AWS (unknown until apply for a new role).
 * Such a value is not a policy the configuration wrote.
 *
 * Terraform leaves `dynamic` blocks out of the configuration JSON, so "no block in the
 * configuration" cannot tell a computed value from a dynamic block whose `for_each` is not known
 * until apply; both read as not configured.
 */
import type { ResourceInstance, TerraformDocument } from '../../terraform/types.js';
import { resolveIndexOf } from './index.js';

/**
 * False only when the plan's configuration shows the role's block and it declares no
 * `inline_policy`; true when it declares one, or when there is no configuration to tell (a state).
 */
export function inlinePolicyIsConfigured(document: TerraformDocument, resource: ResourceInstance): boolean {
  const index = resolveIndexOf(document);
  if (index.configuration === undefined) return true;
  const located = index.configOf(resource);
  if (located === undefined) return true;
  return located.resource.expressions.inline_policy !== undefined;
}
