/**
 * What an attribute naming principals or policies holds after apply: known strings, and for what
 * is not known until apply, the resources the configuration takes it from.
 */
import { isUnknownAt, valueAt } from '../extract/attribute-path.js';
import type { ResolveIndex } from '../extract/resolve/index.js';
import { instancesOfLeaf, modulePathOf, traceExpression } from '../extract/resolve/trace.js';
import { leavesState } from '../terraform/actions.js';
import { expressionAt } from '../terraform/configuration.js';
import type { ResourceInstance } from '../terraform/types.js';

export type AttributeItem =
  | { readonly kind: 'known'; readonly value: string }
  /** Taken from one of these managed resources (the configuration references them). */
  | { readonly kind: 'traced'; readonly instances: readonly ResourceInstance[]; readonly text: string }
  /** Not known until apply, and not traced to a resource of the wanted types. */
  | { readonly kind: 'untraced'; readonly detail: string };

export function existsAfter(instance: ResourceInstance): boolean {
  return instance.mode === 'managed' && instance.after !== null && !leavesState(instance.actions);
}

/**
 * The items of `attribute` (one value, or a list when `list`). The unknown part of it is traced
 * through the configuration once, to resources whose type `wanted` accepts; `computed` says the
 * provider fills the attribute when the configuration leaves it out (then an unknown value the
 * configuration does not set holds nothing of its own).
 */
export function attributeItems(
  index: ResolveIndex,
  instance: ResourceInstance,
  attribute: string,
  wanted: (type: string) => boolean,
  options: { readonly list: boolean; readonly computed?: boolean },
): AttributeItem[] {
  const value = valueAt(instance.after, [attribute]);
  const items: AttributeItem[] = [];
  let unknown = isUnknownAt(instance.afterUnknown, [attribute]);
  if (options.list && Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string' && !isUnknownAt(instance.afterUnknown, [attribute, i])) items.push({ kind: 'known', value: item });
      else if (item === null || isUnknownAt(instance.afterUnknown, [attribute, i])) unknown = true;
    });
  } else if (typeof value === 'string' && !unknown) items.push({ kind: 'known', value });
  if (unknown) items.push(...traceAttribute(index, instance, attribute, wanted, options.computed === true));
  return items;
}

function traceAttribute(
  index: ResolveIndex,
  instance: ResourceInstance,
  attribute: string,
  wanted: (type: string) => boolean,
  computed: boolean,
): AttributeItem[] {
  const what = `${instance.address}.${attribute} is not known until apply`;
  const located = index.configOf(instance);
  if (located === undefined) return [{ kind: 'untraced', detail: `${what} (the plan has no configuration for it)` }];
  if (computed && located.resource.expressions[attribute] === undefined) return [];
  const at = expressionAt(located.resource.expressions, [attribute]);
  if (at === undefined) return [{ kind: 'untraced', detail: what }];
  const traced = traceExpression(index, at.expression, modulePathOf(located.module), located.resource.forEachExpression);
  const leaves = traced.leaves.filter((leaf) => leaf.kind !== 'plan-known');
  if (leaves.length === 0) return [{ kind: 'untraced', detail: what }];
  return leaves.map((leaf): AttributeItem => {
    if (leaf.kind !== 'resource' || leaf.subject.mode !== 'managed' || !wanted(leaf.subject.type)) {
      return { kind: 'untraced', detail: `${what} (from ${leaf.text})` };
    }
    const instances = instancesOfLeaf(index, leaf)
      .map((located) => located.instance)
      .filter(existsAfter);
    return instances.length === 0
      ? { kind: 'untraced', detail: `${what} (from ${leaf.text}, which is not in the plan)` }
      : { kind: 'traced', instances, text: leaf.text };
  });
}
