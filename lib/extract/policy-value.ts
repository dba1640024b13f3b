/**
 * A policy attribute's value -> PolicyValue.
 *
 * - a string is the document's text, whatever it holds: `""` is text too, so that it is judged
 *   (and found invalid) instead of being mistaken for "no policy";
 * - an object (providers that give documents as objects) is the document itself;
 * - null or missing: not known until apply when `after_unknown` says so (the context is asked
 *   what the plan knows of it), otherwise absent.
 */
import type { PolicyValue } from '../types.js';
import type { ResourceInstance } from '../terraform/types.js';
import { isUnknownAt, valueAt, type AttributePath } from './attribute-path.js';
import type { ExtractContext } from './types.js';

const ABSENT: PolicyValue = Object.freeze({ kind: 'absent' });

/** A value Terraform knows (before this plan, or in a state). */
export function knownPolicyValue(value: unknown): PolicyValue {
  if (typeof value === 'string') return { kind: 'text', text: value };
  if (value === null || value === undefined) return ABSENT;
  return { kind: 'object', value };
}

/** The document at `path` after apply. */
export function afterPolicyValue(resource: ResourceInstance, path: AttributePath, context: ExtractContext): PolicyValue {
  const value = valueAt(resource.after, path);
  if ((value === null || value === undefined) && isUnknownAt(resource.afterUnknown, path)) {
    return context.resolveUnknownPolicy(resource, path);
  }
  return knownPolicyValue(value);
}

/** The document at `path` before this plan; undefined when the resource did not exist (create, state). */
export function beforePolicyValue(resource: ResourceInstance, path: AttributePath): PolicyValue | undefined {
  return resource.before === null ? undefined : knownPolicyValue(valueAt(resource.before, path));
}
