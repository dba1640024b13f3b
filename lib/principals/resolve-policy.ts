/**
 * A policy ARN of an attachment (or a permissions boundary) -> the policy's document: a customer
 * managed policy of the plan (by its ARN or path and name, or by the configuration's reference
 * when the ARN is known only after apply), an AWS managed policy of the data file, or unknown.
 * A permission set's reference by path and name -> the plan's customer managed policies of that
 * path and name, or unknown.
 */
import { knownString, policyPart } from '../extract/permissions-boundary.js';
import type { TerraformDocument } from '../terraform/types.js';
import type { PolicySource } from '../types.js';
import type { AttributeItem } from './attribute-items.js';
import { existsAfter } from './attribute-items.js';
import { isAwsManagedArn, managedPolicy } from './managed-policies.js';
import type { PolicyReference } from './policy-references.js';
import { MANAGED_POLICY_TYPES } from './resource-types.js';
import type { PolicyDocument } from './types.js';

/** A resolved policy item: its possible documents, and whether it is certainly the one (a single, definite document). */
export interface ResolvedPolicy {
  readonly documents: readonly PolicyDocument[];
  readonly certain: boolean;
}

export class PolicyResolver {
  private readonly byArn = new Map<string, string>();
  /** Policies whose ARN is not known, by path and name. */
  private readonly byPart = new Map<string, string[]>();
  /** Every policy whose name is known, by path and name. */
  private readonly byName = new Map<string, string[]>();
  private readonly documents = new Map<string, PolicySource>();

  constructor(document: TerraformDocument, policySources: readonly PolicySource[]) {
    for (const policySource of policySources) {
      const type = MANAGED_POLICY_TYPES[policySource.resourceType];
      if (type !== undefined && policySource.policyPath === type.document) this.documents.set(policySource.address, policySource);
    }
    for (const instance of document.resources) {
      const type = MANAGED_POLICY_TYPES[instance.type];
      if (type === undefined || !existsAfter(instance)) continue;
      const arn = knownString(instance, type.arn);
      const name = knownString(instance, type.name);
      const part = name === undefined ? undefined : `${knownString(instance, type.path) ?? '/'}${name}`;
      if (part !== undefined) this.byName.set(part, [...(this.byName.get(part) ?? []), instance.address]);
      if (arn !== undefined) {
        this.byArn.set(arn, instance.address);
        continue;
      }
      if (part === undefined) continue;
      const list = this.byPart.get(part) ?? [];
      list.push(instance.address);
      this.byPart.set(part, list);
    }
  }

  /** Is this a managed policy resource type of the plan? */
  static wanted(type: string): boolean {
    return MANAGED_POLICY_TYPES[type] !== undefined;
  }

  private ofAddress(address: string): PolicyDocument {
    const policySource = this.documents.get(address);
    return policySource !== undefined
      ? { kind: 'plan', policySource }
      : { kind: 'unknown', label: address, detail: `the document of ${address} was not found` };
  }

  private ofArn(arn: string): ResolvedPolicy {
    if (isAwsManagedArn(arn)) {
      const found = managedPolicy(arn);
      return {
        documents: [found.kind === 'known' ? { kind: 'managed', arn, policy: found.policy } : { kind: 'unknown', label: arn, detail: found.detail }],
        certain: true,
      };
    }
    const address = this.byArn.get(arn);
    if (address !== undefined) return { documents: [this.ofAddress(address)], certain: true };
    const part = policyPart(arn);
    const named = part === undefined ? undefined : this.byPart.get(part);
    if (named !== undefined) return { documents: named.map((a) => this.ofAddress(a)), certain: named.length === 1 };
    return { documents: [{ kind: 'unknown', label: arn, detail: `${arn} is not a policy of this plan, nor an AWS managed policy` }], certain: true };
  }

  /** The documents a permission set's policy reference may be (an AWS managed policy ARN, or a customer managed policy by path and name). */
  reference(reference: PolicyReference, via: string): ResolvedPolicy {
    switch (reference.kind) {
      case 'arn':
        return this.ofArn(reference.arn);
      case 'unknown':
        return { documents: [{ kind: 'unknown', label: 'a policy known only after apply', detail: reference.detail }], certain: true };
      case 'named': {
        const part = `${reference.path}${reference.name}`;
        const named = this.byName.get(part);
        if (named !== undefined) return { documents: named.map((a) => this.ofAddress(a)), certain: named.length === 1 };
        const label = `customer managed policy ${part}`;
        const detail = `${via} names ${part}, not a policy of this plan: the policy of that name in each account the permission set is provisioned to`;
        return { documents: [{ kind: 'unknown', label, detail }], certain: true };
      }
    }
  }

  /** The documents one item of a policy attribute may be. */
  resolve(item: AttributeItem): ResolvedPolicy {
    switch (item.kind) {
      case 'known':
        return this.ofArn(item.value);
      case 'traced':
        return { documents: item.instances.map((instance) => this.ofAddress(instance.address)), certain: item.instances.length === 1 };
      case 'untraced':
        return { documents: [{ kind: 'unknown', label: 'a policy known only after apply', detail: item.detail }], certain: true };
    }
  }
}
