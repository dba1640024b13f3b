/**
 * A role's `inline_policy` that only mirrors a separately managed `aws_iam_role_policy`.
 *
 * When a role does not declare `inline_policy`, the AWS provider still reads every inline policy
 * of the role into it, including those managed by `aws_iam_role_policy` resources. Judging both
 * would report one AWS policy twice, so the role's entry is dropped and the role policy kept.
 *
 * The rule, exactly: the entry at `inline_policy[i]` of an `aws_iam_role` R is a mirror when some
 * managed `aws_iam_role_policy` P in the same document has
 *   1. `P.role` equal to R's `name` or `id` (an `aws_iam_role`'s id is its name),
 *   2. `P.name` equal to the entry's `name` (a non-empty string), and
 *   3. the entry's `policy` equal to P's `policy` after apply or before the plan (the mirror may
 *      show the value P is about to replace, or P is being deleted), as text or modulo JSON
 *      formatting: whitespace and object key order.
 * P's role, name and policy after apply are paired together, and so are those before the plan.
 * An entry whose policy or name is not known is never a mirror. When the documents differ in
 * substance both are reported: the role and the role policy then disagree about one AWS policy,
 * and either may win.
 */
import type { PolicySource } from '../types.js';
import type { ResourceInstance, TerraformDocument } from '../terraform/types.js';
import { sameDocument } from './same-document.js';

const INLINE_POLICY_PATH = /^inline_policy\[(\d+)\]\.policy$/;

const indexes = new WeakMap<TerraformDocument, RolePolicyIndex>();

/** The managed aws_iam_role_policy resources of `document` (those that leave the state too), indexed once. */
export function rolePolicyIndexOf(document: TerraformDocument): RolePolicyIndex {
  let index = indexes.get(document);
  if (index === undefined) {
    index = new RolePolicyIndex();
    for (const resource of document.resources) index.add(resource);
    indexes.set(document, index);
  }
  return index;
}

class RolePolicyIndex {
  /** `${role}\0${policy name}` -> the role policies' documents (after and before). */
  private readonly documents = new Map<string, unknown[]>();

  /** Records a managed `aws_iam_role_policy`; other resources are ignored. */
  add(resource: ResourceInstance): void {
    if (resource.mode !== 'managed' || resource.type !== 'aws_iam_role_policy') return;
    if (resource.after !== null) this.record(resource.after);
    if (resource.before !== null) this.record(resource.before);
  }

  private record(values: Readonly<Record<string, unknown>>): void {
    const { role, name } = values;
    if (typeof role !== 'string' || typeof name !== 'string' || name === '') return;
    const key = `${role}\u0000${name}`;
    const documents = this.documents.get(key);
    if (documents === undefined) this.documents.set(key, [values.policy]);
    else documents.push(values.policy);
  }

  get size(): number {
    return this.documents.size;
  }

  /** True when `policySource` (from `role`) is a role inline policy mirroring a recorded role policy. */
  mirrors(role: ResourceInstance, policySource: PolicySource): boolean {
    if (role.type !== 'aws_iam_role' || role.after === null) return false;
    const match = INLINE_POLICY_PATH.exec(policySource.policyPath);
    if (match === null) return false;
    const entries = role.after.inline_policy;
    const entry: unknown = Array.isArray(entries) ? entries[Number(match[1])] : undefined;
    if (typeof entry !== 'object' || entry === null) return false;
    const { name, policy } = entry as { name?: unknown; policy?: unknown };
    if (typeof name !== 'string' || name === '' || (typeof policy !== 'string' && (typeof policy !== 'object' || policy === null))) {
      return false;
    }
    for (const roleKey of new Set([role.after.name, role.after.id])) {
      if (typeof roleKey !== 'string' || roleKey === '') continue;
      const documents = this.documents.get(`${roleKey}\u0000${name}`);
      if (documents?.some((document) => sameDocument(policy, document))) return true;
    }
    return false;
  }
}
