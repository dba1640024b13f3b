/**
 * Customer managed policy references of IAM Identity Center permission sets: `{ name, path }`
 * objects (a block list in the aws provider, a list or one object in awscc) naming the policy of
 * that name in each account the set is provisioned to, and permissions boundaries that hold
 * either such a reference or an AWS managed policy ARN.
 */
import { formatAttributePath, isUnknownAt, valueAt, type AttributePath } from '../extract/attribute-path.js';
import type { ResourceInstance } from '../terraform/types.js';

export type PolicyReference =
  /** A policy named by path and name (`/team/` and `reader`). */
  | { readonly kind: 'named'; readonly path: string; readonly name: string }
  /** An AWS managed policy ARN (a boundary's `managed_policy_arn`). */
  | { readonly kind: 'arn'; readonly arn: string }
  /** Not known until apply, or not readable. */
  | { readonly kind: 'unknown'; readonly detail: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownAt(instance: ResourceInstance, path: AttributePath): PolicyReference {
  return { kind: 'unknown', detail: `${instance.address}.${formatAttributePath(path)} is not known until apply` };
}

/** One `{ name, path }` object at `path`; the path defaults to `/`. */
function referenceAt(instance: ResourceInstance, path: AttributePath): PolicyReference {
  if (isUnknownAt(instance.afterUnknown, path) || isUnknownAt(instance.afterUnknown, [...path, 'name'])) return unknownAt(instance, path);
  const value = valueAt(instance.after, path);
  const name = isObject(value) ? value.name : undefined;
  if (typeof name !== 'string' || name === '') {
    return { kind: 'unknown', detail: `${instance.address}.${formatAttributePath(path)} names no policy` };
  }
  if (isUnknownAt(instance.afterUnknown, [...path, 'path'])) return unknownAt(instance, [...path, 'path']);
  const policyPath = (value as Record<string, unknown>).path;
  return { kind: 'named', name, path: typeof policyPath === 'string' && policyPath !== '' ? policyPath : '/' };
}

/** The references of a list (or single object) attribute; `[]` when it holds none. */
export function referencesAt(instance: ResourceInstance, path: AttributePath): PolicyReference[] {
  if (isUnknownAt(instance.afterUnknown, path)) return [unknownAt(instance, path)];
  const value = valueAt(instance.after, path);
  if (Array.isArray(value)) return value.map((_, i) => referenceAt(instance, [...path, i]));
  return isObject(value) ? [referenceAt(instance, path)] : [];
}

/** A permissions boundary object (or one-block list): its AWS managed policy ARN or its customer managed policy reference; undefined when none is set. */
export function boundaryAt(instance: ResourceInstance, attribute: string): PolicyReference | undefined {
  if (isUnknownAt(instance.afterUnknown, [attribute])) return unknownAt(instance, [attribute]);
  const value = valueAt(instance.after, [attribute]);
  const path: AttributePath = Array.isArray(value) ? [attribute, 0] : [attribute];
  if (Array.isArray(value) && value.length > 1) return { kind: 'unknown', detail: `${instance.address}.${attribute} holds several boundaries` };
  if (isUnknownAt(instance.afterUnknown, path)) return unknownAt(instance, path);
  const boundary = valueAt(instance.after, path);
  if (!isObject(boundary)) return undefined;
  const arnPath = [...path, 'managed_policy_arn'];
  if (isUnknownAt(instance.afterUnknown, arnPath)) return unknownAt(instance, arnPath);
  if (typeof boundary.managed_policy_arn === 'string' && boundary.managed_policy_arn !== '') return { kind: 'arn', arn: boundary.managed_policy_arn };
  const references = referencesAt(instance, [...path, 'customer_managed_policy_reference']);
  if (references.length > 1) return { kind: 'unknown', detail: `${instance.address}.${attribute} names several policies` };
  return references[0];
}
