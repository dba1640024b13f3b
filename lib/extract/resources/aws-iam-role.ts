/**
 * `aws_iam_role.inline_policy[*].policy`: inline policies declared on the role itself
 * (Security Hub KMS.2). Policy paths are `inline_policy[<position in after>].policy`.
 *
 * - An entry whose name and policy are both empty or null (and not unknown) is AWS's
 *   placeholder for "no inline policy" (the provider shows `{name = "", policy = ""}` for a role
 *   without inline policies, and an empty `inline_policy {}` block declares exactly that): not
 *   judged. An entry with a name but an empty policy is judged (and found invalid).
 * - When the whole `inline_policy` list is not known until apply and the configuration writes no
 *   `inline_policy` block, the list is computed: nothing is reported. Otherwise the context is
 *   asked what the plan knows of `inline_policy` (`absent`: nothing is reported), and one source
 *   with policy path `inline_policy` is reported, without `before` (entries cannot be paired).
 * - A known list that the configuration does not write is not reported either (a computed `inline_policy`
 *   is not a policy the user wrote): the plan's configuration shows the role's
 *   block without an `inline_policy` block, and the plan keeps the list the role had (the provider
 *   fills an unset `inline_policy` with what it read from AWS). Without a configuration (a state)
 *   or when the role's block cannot be found, the list is judged.
 *
 *   Terraform leaves `dynamic` blocks out of the configuration JSON, so a `dynamic "inline_policy"`
 *   block reads as no block. A plan that creates the role with known entries or changes them can
 *   only have them from the configuration, so those are judged; an unchanged list written by a
 *   dynamic block cannot be told from a computed one and is not reported.
 * - An entry that only mirrors a separately managed `aws_iam_role_policy` is not reported
 *   (role-inline-mirror.ts): the role policy is.
 * - `before` pairs each entry with the entry of the same name before the plan (the list is a set:
 *   positions are not stable); an entry without a name pairs with an unnamed entry at the same
 *   position. No pair: absent (the policy is new).
 */
import type { PolicySource, PolicyValue } from '../../types.js';
import type { ResourceInstance } from '../../terraform/types.js';
import { isUnknownAt, valueAt } from '../attribute-path.js';
import { afterPolicyValue, knownPolicyValue } from '../policy-value.js';
import { inlinePolicyIsConfigured } from '../resolve/inline-policy.js';
import { rolePolicyIndexOf } from '../role-inline-mirror.js';
import { sameDocument } from '../same-document.js';
import type { ExtractContext, Extractor } from '../types.js';

const INLINE_POLICY = ['inline_policy'] as const;

export const awsIamRoleExtractor: Extractor = {
  resourceTypes: ['aws_iam_role'],
  extract(resource, context) {
    const entries = valueAt(resource.after, INLINE_POLICY);
    if (Array.isArray(entries)) return keptFromAws(resource, entries, context) ? [] : notMirrored(resource, entrySources(resource, entries, context), context);
    if (isUnknownAt(resource.afterUnknown, INLINE_POLICY)) return wholeListSource(resource, context);
    return [];
  },
};

function entrySources(resource: ResourceInstance, entries: readonly unknown[], context: ExtractContext): PolicySource[] {
  const before = resource.before === null ? undefined : new BeforeEntries(valueAt(resource.before, INLINE_POLICY));
  const policySources: PolicySource[] = [];
  for (let i = 0; i < entries.length; i++) {
    const path = ['inline_policy', i, 'policy'] as const;
    if (isPlaceholder(resource, entries[i], i)) continue;
    policySources.push({
      address: resource.address,
      resourceType: resource.type,
      policyPath: `inline_policy[${i}].policy`,
      changeActions: resource.actions,
      after: afterPolicyValue(resource, path, context),
      ...(before !== undefined ? { before: before.policyFor(entries[i], i) } : {}),
    });
  }
  return policySources;
}

/** True when the role's known entries are the computed value: not configured, and unchanged by the plan. */
function keptFromAws(resource: ResourceInstance, entries: readonly unknown[], context: ExtractContext): boolean {
  if (resource.before === null || inlinePolicyIsConfigured(context.document, resource)) return false;
  return sameDocument(valueAt(resource.before, INLINE_POLICY), entries);
}

/** The entries that do not mirror a managed aws_iam_role_policy of the same document. */
function notMirrored(resource: ResourceInstance, policySources: PolicySource[], context: ExtractContext): PolicySource[] {
  const rolePolicies = rolePolicyIndexOf(context.document);
  return rolePolicies.size === 0 ? policySources : policySources.filter((policySource) => !rolePolicies.mirrors(resource, policySource));
}

function wholeListSource(resource: ResourceInstance, context: ExtractContext): PolicySource[] {
  // A computed inline_policy as a whole: no policy the configuration wrote.
  if (!inlinePolicyIsConfigured(context.document, resource)) return [];
  const after = context.resolveUnknownPolicy(resource, INLINE_POLICY);
  if (after.kind === 'absent') return [];
  return [{ address: resource.address, resourceType: resource.type, policyPath: 'inline_policy', changeActions: resource.actions, after }];
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function isPlaceholder(resource: ResourceInstance, entry: unknown, position: number): boolean {
  if (isUnknownAt(resource.afterUnknown, ['inline_policy', position, 'name'])) return false;
  if (isUnknownAt(resource.afterUnknown, ['inline_policy', position, 'policy'])) return false;
  return isEmpty(valueAt(entry, ['name'])) && isEmpty(valueAt(entry, ['policy']));
}

function nameOf(entry: unknown): string | undefined {
  const name = valueAt(entry, ['name']);
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The role's inline policies before the plan, found by name (or, unnamed, by position). */
class BeforeEntries {
  private byName: Map<string, unknown> | undefined;
  private readonly entries: readonly unknown[];

  constructor(list: unknown) {
    this.entries = Array.isArray(list) ? list : [];
  }

  policyFor(afterEntry: unknown, position: number): PolicyValue {
    const name = nameOf(afterEntry);
    const entry = name === undefined ? this.unnamedAt(position) : this.named(name);
    return knownPolicyValue(valueAt(entry, ['policy']));
  }

  /** An unnamed entry at `position`, unless it is the empty placeholder. */
  private unnamedAt(position: number): unknown {
    const entry = this.entries[position];
    return nameOf(entry) === undefined && !isEmpty(valueAt(entry, ['policy'])) ? entry : undefined;
  }

  private named(name: string): unknown {
    if (this.byName === undefined) {
      this.byName = new Map();
      for (const entry of this.entries) {
        const entryName = nameOf(entry);
        if (entryName !== undefined && !this.byName.has(entryName)) this.byName.set(entryName, entry);
      }
    }
    return this.byName.get(name);
  }
}
