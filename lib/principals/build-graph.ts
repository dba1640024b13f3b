/**
 * A plan's principals and the identity policies that apply to each after apply: inline policies
 * (the extracted policy sources), attached managed policies (for a permission set, also customer
 * managed policies referenced by path and name), a user's groups, and the permissions boundary.
 * Only what the plan shows: policies attached outside it are not seen.
 */
import type { ResolveIndex } from '../extract/resolve/index.js';
import { resolveIndexOf } from '../extract/resolve/index.js';
import { isUnknownAt } from '../extract/attribute-path.js';
import { knownString } from '../extract/permissions-boundary.js';
import type { ResourceInstance, TerraformDocument } from '../terraform/types.js';
import type { PolicySource } from '../types.js';
import { attributeItems, existsAfter, type AttributeItem } from './attribute-items.js';
import { boundaryAt, referencesAt, type PolicyReference } from './policy-references.js';
import { PolicyResolver, type ResolvedPolicy } from './resolve-policy.js';
import {
  ATTACHMENT_TYPES,
  BOUNDARY_ATTACHMENT_TYPES,
  EXCLUSIVE_INLINE_TYPES,
  INLINE_POLICY_TYPES,
  MANAGED_POLICY_TYPES,
  MEMBERSHIP_TYPES,
  PRINCIPAL_TYPES,
  REFERENCE_ATTACHMENT_TYPES,
  type PrincipalAttribute,
} from './resource-types.js';
import type { AppliedPolicy, OutsidePrincipal, PrincipalEntry, PrincipalGraph, PrincipalKind } from './types.js';

/** Where an attribute naming principals leads: principals of the plan, or names outside it. */
interface Targets {
  readonly entries: readonly PrincipalEntry[];
  /** Names (or ARNs) of principals not in the plan; undefined for one not known until apply. */
  readonly outside: readonly (string | undefined)[];
  /** False when the attribute may name other principals than these (several candidates for one value). */
  readonly certain: boolean;
}

/** The name in a principal ARN (`arn:aws:iam::1:role/path/name` -> `name`), or the value itself. */
function principalName(value: string): string {
  return value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

class GraphBuilder {
  readonly principals = new Map<string, PrincipalEntry>();
  private readonly byName = new Map<string, PrincipalEntry[]>();
  /** Principals named by ARN rather than by name (permission sets), by kind and known ARN. */
  private readonly byArn = new Map<string, PrincipalEntry[]>();
  private readonly outside = new Map<string, OutsidePrincipal>();
  private readonly index: ResolveIndex;
  private readonly policies: PolicyResolver;

  constructor(
    private readonly document: TerraformDocument,
    policySources: readonly PolicySource[],
  ) {
    this.index = resolveIndexOf(document);
    this.policies = new PolicyResolver(document, policySources);
    for (const instance of document.resources) {
      const type = PRINCIPAL_TYPES[instance.type];
      if (type === undefined || !existsAfter(instance) || this.principals.has(instance.address)) continue;
      const name = knownString(instance, type.name);
      const entry: PrincipalEntry = {
        principal: { address: instance.address, resourceType: instance.type, kind: type.kind, ...(name !== undefined ? { name } : {}) },
        policies: [],
        groups: [],
      };
      this.principals.set(instance.address, entry);
      if (name !== undefined) {
        const key = `${type.kind}|${name}`;
        this.byName.set(key, [...(this.byName.get(key) ?? []), entry]);
      }
      const arn = type.arn === undefined ? undefined : knownString(instance, type.arn);
      if (arn !== undefined) {
        const key = `${type.kind}|${arn}`;
        this.byArn.set(key, [...(this.byArn.get(key) ?? []), entry]);
      }
    }
  }

  /** The principals of the plan a known value names: by ARN for the kinds named so, else by name. */
  private named(kind: PrincipalKind, value: string): PrincipalEntry[] | undefined {
    return kind === 'permission-set' ? this.byArn.get(`${kind}|${value}`) : this.byName.get(`${kind}|${principalName(value)}`);
  }

  /** The principals an attribute of `instance` names. */
  targets(instance: ResourceInstance, attribute: PrincipalAttribute): Targets {
    const items = attributeItems(this.index, instance, attribute.attribute, (type) => PRINCIPAL_TYPES[type]?.kind === attribute.kind, { list: attribute.list });
    const entries: PrincipalEntry[] = [];
    const outside: (string | undefined)[] = [];
    let certain = attribute.list || items.length <= 1;
    for (const item of items) {
      if (item.kind === 'known') {
        const found = this.named(attribute.kind, item.value);
        if (found === undefined) outside.push(item.value);
        else {
          entries.push(...found);
          if (found.length > 1) certain = false;
        }
      } else if (item.kind === 'traced') {
        entries.push(...item.instances.map((i) => this.principals.get(i.address)).filter((e): e is PrincipalEntry => e !== undefined));
        if (item.instances.length > 1) certain = false;
      } else outside.push(undefined);
    }
    return { entries, outside, certain };
  }

  private outsideEntry(kind: PrincipalKind, name: string | undefined, via: string): OutsidePrincipal {
    const key = `${kind}|${name ?? `?${via}`}`;
    let entry = this.outside.get(key);
    if (!entry) this.outside.set(key, (entry = { kind, ...(name !== undefined ? { name } : {}), attachments: [], policies: [] }));
    if (!entry.attachments.includes(via)) entry.attachments.push(via);
    return entry;
  }

  /** Gives each target the policies (Allows only when either side is uncertain); `attachment` is what a principal outside the plan is found by. */
  apply(targets: Targets, kind: PrincipalKind, resolved: readonly ResolvedPolicy[], via: string, attachment = via): void {
    for (const policy of resolved) {
      const certain = targets.certain && policy.certain;
      for (const document of policy.documents) {
        const applied: AppliedPolicy = { document, via, ...(certain ? {} : { allowsOnly: true as const }) };
        for (const entry of targets.entries) entry.policies.push(applied);
        for (const name of targets.outside) this.outsideEntry(kind, name, attachment).policies.push(applied);
      }
    }
  }

  /** The policies a policy attribute of `instance` names. */
  policyItems(instance: ResourceInstance, attribute: string, list: boolean, computed = false): ResolvedPolicy[] {
    const items: AttributeItem[] = attributeItems(this.index, instance, attribute, PolicyResolver.wanted, { list, computed });
    const resolved = items.map((item) => this.policies.resolve(item));
    // One value that may be any of several: none of them is certain.
    return !list && resolved.length > 1 ? resolved.map((r) => ({ ...r, certain: false })) : resolved;
  }

  inline(policySource: PolicySource): void {
    const own = this.principals.get(policySource.address);
    if (PRINCIPAL_TYPES[policySource.resourceType] !== undefined) {
      own?.policies.push({ document: { kind: 'plan', policySource }, via: 'inline' });
      return;
    }
    const type = INLINE_POLICY_TYPES[policySource.resourceType];
    const instance = type && this.index.readInstance(policySource.address);
    if (type === undefined || instance === undefined) return;
    const targets = this.targets(instance, { kind: type.kind, attribute: type.principal, list: false });
    // A principal outside the plan is found by its inline policy resource.
    this.apply(targets, type.kind, [{ documents: [{ kind: 'plan', policySource }], certain: true }], 'inline', policySource.address);
  }

  attachments(): void {
    for (const instance of this.document.resources) {
      if (!existsAfter(instance)) continue;
      const attachment = ATTACHMENT_TYPES[instance.type];
      if (attachment !== undefined) {
        const policies = this.policyItems(instance, attachment.policies.attribute, attachment.policies.list);
        for (const attribute of attachment.principals) this.apply(this.targets(instance, attribute), attribute.kind, policies, instance.address);
        continue;
      }
      const references = REFERENCE_ATTACHMENT_TYPES[instance.type];
      if (references !== undefined) {
        const policies = this.referencedPolicies(referencesAt(instance, [references.references]), instance.address);
        this.apply(this.targets(instance, references.principal), references.principal.kind, policies, instance.address);
        continue;
      }
      const principal = PRINCIPAL_TYPES[instance.type];
      if (principal !== undefined) {
        const entry = this.principals.get(instance.address);
        if (entry === undefined) continue;
        if (principal.managedPolicies !== undefined) {
          const policies = this.policyItems(instance, principal.managedPolicies, true, true);
          this.apply(this.own(instance, principal.managedPolicies, entry), principal.kind, policies, `${instance.address}.${principal.managedPolicies}`);
        }
        if (principal.policyReferences !== undefined) {
          const via = `${instance.address}.${principal.policyReferences}`;
          // Optional and computed: not known until apply and left out of the configuration, it holds nothing of its own.
          const unset = isUnknownAt(instance.afterUnknown, [principal.policyReferences]) && !this.configures(instance, principal.policyReferences);
          const policies = unset ? [] : this.referencedPolicies(referencesAt(instance, [principal.policyReferences]), via);
          this.apply(this.own(instance, principal.policyReferences, entry), principal.kind, policies, via);
        }
        continue;
      }
      if (MANAGED_POLICY_TYPES[instance.type] !== undefined && instance.type === 'awscc_iam_managed_policy') {
        const self = this.policies.resolve({ kind: 'traced', instances: [instance], text: instance.address });
        for (const [kind, attribute] of [
          ['role', 'roles'],
          ['user', 'users'],
          ['group', 'groups'],
        ] as const) {
          this.apply(this.targets(instance, { kind, attribute, list: true }), kind, [self], `${instance.address}.${attribute}`);
        }
      }
    }
  }

  private configures(instance: ResourceInstance, attribute: string): boolean {
    return this.index.configOf(instance)?.resource.expressions[attribute] !== undefined;
  }

  /**
   * A principal's own attribute attaching policies. Left out of the configuration, it only reflects
   * attachments made elsewhere, possibly ones this plan removes: then its policies count only for their Allows.
   */
  private own(instance: ResourceInstance, attribute: string, entry: PrincipalEntry): Targets {
    return { entries: [entry], outside: [], certain: this.configures(instance, attribute) };
  }

  private referencedPolicies(references: readonly PolicyReference[], via: string): ResolvedPolicy[] {
    return references.map((reference) => this.policies.reference(reference, via));
  }

  /** Exclusive attachments and inline lists: what else a principal has may be removed at apply, so only its Allows count. */
  exclusives(): void {
    for (const instance of this.document.resources) {
      const exclusive = ATTACHMENT_TYPES[instance.type]?.exclusive === true || REFERENCE_ATTACHMENT_TYPES[instance.type]?.exclusive === true;
      if (!exclusive && EXCLUSIVE_INLINE_TYPES[instance.type] === undefined) continue;
      if (!existsAfter(instance)) continue;
      const principal = ATTACHMENT_TYPES[instance.type]?.principals[0] ?? REFERENCE_ATTACHMENT_TYPES[instance.type]?.principal;
      if (exclusive && principal !== undefined) {
        // A permission set's exclusive list removes only attachments of its own form (AWS or customer managed); counting
        // the others for their Allows alone may only widen the verdict.
        for (const entry of this.targets(instance, principal).entries) {
          entry.policies.forEach((applied, i) => {
            if (applied.via !== 'inline' && applied.via !== instance.address) {
              entry.policies[i] = { ...applied, allowsOnly: true };
            }
          });
        }
      }
      const inline = EXCLUSIVE_INLINE_TYPES[instance.type];
      if (inline !== undefined) {
        const kept = new Set(
          attributeItems(this.index, instance, inline.names, () => false, { list: true }).flatMap((item) => (item.kind === 'known' ? [item.value] : [])),
        );
        for (const entry of this.targets(instance, inline.principal).entries) {
          entry.policies.forEach((applied, i) => {
            const policy =
              applied.document.kind === 'plan' && applied.via === 'inline' ? this.index.readInstance(applied.document.policySource.address) : undefined;
            const type = policy && INLINE_POLICY_TYPES[policy.type];
            if (policy && type && !kept.has((type.name !== undefined ? knownString(policy, type.name) : undefined) ?? '')) {
              entry.policies[i] = { ...applied, allowsOnly: true };
            }
          });
        }
      }
    }
  }

  memberships(): void {
    for (const instance of this.document.resources) {
      if (!existsAfter(instance)) continue;
      const membership = MEMBERSHIP_TYPES[instance.type];
      let users: Targets;
      let groups: Targets;
      if (membership !== undefined) {
        users = this.targets(instance, membership.users);
        groups = this.targets(instance, membership.groups);
      } else if (instance.type === 'awscc_iam_user' && this.principals.has(instance.address)) {
        users = { entries: [this.principals.get(instance.address)!], outside: [], certain: true };
        groups = this.targets(instance, { kind: 'group', attribute: 'groups', list: true });
      } else continue;
      for (const group of groups.entries) {
        const certain = users.certain && groups.certain;
        for (const user of users.entries) user.groups.push({ address: group.principal.address, certain });
        for (const name of users.outside) this.outsideEntry('user', name, instance.address).policies.push(...this.groupPolicies(group, certain));
      }
    }
  }

  /** A group's policies as they apply to its members (only their Allows when the membership is not certain). */
  groupPolicies(group: PrincipalEntry, certain: boolean): AppliedPolicy[] {
    return group.policies.map((applied) => ({
      ...applied,
      via: `${group.principal.address} (${applied.via})`,
      ...(certain ? {} : { allowsOnly: true as const }),
    }));
  }

  boundaries(): void {
    for (const entry of this.principals.values()) {
      const boundary = PRINCIPAL_TYPES[entry.principal.resourceType]?.boundary;
      if (boundary === undefined) continue;
      const instance = this.index.readInstance(entry.principal.address);
      if (instance === undefined) continue;
      let resolved: ResolvedPolicy[];
      if (boundary.shape === 'arn') resolved = this.policyItems(instance, boundary.attribute, false);
      else if (isUnknownAt(instance.afterUnknown, [boundary.attribute]) && !this.configures(instance, boundary.attribute)) {
        // Optional and computed, left out of the configuration: no boundary of the plan's (one set elsewhere only narrows).
        resolved = [];
      } else {
        const reference = boundaryAt(instance, boundary.attribute);
        resolved = reference === undefined ? [] : [this.policies.reference(reference, `${instance.address}.${boundary.attribute}`)];
      }
      this.setBoundary(entry, resolved, `${entry.principal.address}.${boundary.attribute}`);
    }
    for (const instance of this.document.resources) {
      const attachment = BOUNDARY_ATTACHMENT_TYPES[instance.type];
      if (attachment === undefined || !existsAfter(instance)) continue;
      const targets = this.targets(instance, attachment.principal);
      // A boundary that may belong to another principal may not bound this one: it is left out (a wider verdict, never a narrower one).
      if (!targets.certain) continue;
      const reference = boundaryAt(instance, attachment.boundary);
      if (reference === undefined) continue;
      const resolved = [this.policies.reference(reference, instance.address)];
      for (const entry of targets.entries) this.setBoundary(entry, resolved, instance.address);
    }
  }

  /** Sets the boundary; one that may be any of several policies, or set twice, is unknown. */
  private setBoundary(entry: PrincipalEntry, resolved: readonly ResolvedPolicy[], via: string): void {
    if (resolved.length === 0) return;
    const documents = resolved.flatMap((r) => r.documents);
    const certain = entry.boundary === undefined && resolved.length === 1 && resolved[0]!.certain && documents.length === 1;
    entry.boundary = certain
      ? { document: documents[0]!, via }
      : {
          document: {
            kind: 'unknown',
            label: 'one of several policies',
            detail: `${entry.boundary === undefined ? via : `${entry.boundary.via} and ${via}`} may be any of several policies`,
          },
          via,
        };
  }

  /** Users get their groups' policies, after every group's policies are known. */
  expandGroups(): void {
    for (const entry of this.principals.values()) {
      const seen = new Set<string>();
      for (const { address, certain } of entry.groups) {
        const group = this.principals.get(address);
        if (group === undefined || seen.has(address)) continue;
        seen.add(address);
        entry.policies.push(...this.groupPolicies(group, certain));
      }
    }
  }

  outsidePrincipals(): OutsidePrincipal[] {
    return [...this.outside.values()].map((o) => ({ ...o, attachments: [...o.attachments].sort() }));
  }
}

/** The principal graph of a document after apply, from its resources and the identity policy sources extracted from it. */
export function buildPrincipalGraph(document: TerraformDocument, policySources: readonly PolicySource[]): PrincipalGraph {
  const builder = new GraphBuilder(document, policySources);
  const attaches = (type: string): boolean =>
    ATTACHMENT_TYPES[type] !== undefined || MEMBERSHIP_TYPES[type] !== undefined || REFERENCE_ATTACHMENT_TYPES[type] !== undefined;
  if (builder.principals.size === 0 && !document.resources.some((r) => attaches(r.type))) {
    return { principals: builder.principals, outside: [] };
  }
  for (const policySource of policySources) builder.inline(policySource);
  builder.attachments();
  builder.exclusives();
  builder.boundaries();
  builder.memberships();
  builder.expandGroups();
  return { principals: builder.principals, outside: builder.outsidePrincipals() };
}
