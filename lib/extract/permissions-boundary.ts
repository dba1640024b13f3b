/**
 * Customer managed policies used only as permissions boundaries grant nothing (Security Hub
 * KMS.1 leaves them out). A policy is one when some role or user that exists after apply uses it
 * as `permissions_boundary`, and nothing may attach it.
 *
 * Used as a boundary: the configuration's `permissions_boundary` of an `aws_iam_role`,
 * `aws_iam_user`, `awscc_iam_role` or `awscc_iam_user` references the policy (directly, or through
 * module inputs and outputs), or its known value is the policy's ARN.
 *
 * Attached, or possibly attached (then the policy is judged as usual):
 * - the configuration uses the policy anywhere else than a boundary, a policy document, a
 *   description, tags, a data source or a root module output (e.g. an attachment's
 *   `policy_arn`, a `for_each`, a module input that the module uses so);
 * - an attachment in the plan (`aws_iam_*_policy_attachment`, `aws_iam_policy_attachment`,
 *   `aws_iam_role.managed_policy_arns`, `aws_iam_*_policy_attachments_exclusive`, the awscc
 *   `managed_policy_arns`, `aws_ssoadmin_customer_managed_policy_attachment`, the
 *   `customer_managed_policy_references` of an `awscc_sso_permission_set`) holds a known value
 *   that may be the policy's ARN (or name), or a value not known until apply whose configuration
 *   references the policy or anything that cannot be traced (a local value, a data source...);
 * - the policy's `attachment_count` is known and above zero; an `awscc_iam_managed_policy`
 *   lists (or may list) roles, users or groups.
 */
import { leavesState } from '../terraform/actions.js';
import { expressionAt, indexConfiguration } from '../terraform/configuration.js';
import { relativeAddress } from '../terraform/references.js';
import type { ResourceInstance, TerraformDocument } from '../terraform/types.js';
import type { PolicySource } from '../types.js';
import { isUnknownAt, valueAt, type AttributePath } from './attribute-path.js';
import { buildUseIndex, type UseIndex } from './permissions-boundary-uses.js';
import { resolveIndexOf, type ResolveIndex } from './resolve/index.js';
import { instancesInModulePath, instancesOfLeaf, modulePathOf, traceExpression, type ModulePath, type ModulePathStep } from './resolve/trace.js';

interface PolicyType {
  readonly arn: string;
  readonly name: string;
  readonly namePrefix?: string;
  readonly path: string;
  /** Attributes by which the policy attaches itself (awscc). */
  readonly attachesTo?: readonly string[];
}

const POLICY_TYPES: Readonly<Record<string, PolicyType>> = {
  aws_iam_policy: { arn: 'arn', name: 'name', namePrefix: 'name_prefix', path: 'path' },
  awscc_iam_managed_policy: { arn: 'policy_arn', name: 'managed_policy_name', path: 'path', attachesTo: ['roles', 'users', 'groups'] },
};

const BOUNDARY_USERS: ReadonlySet<string> = new Set(['aws_iam_role', 'aws_iam_user', 'awscc_iam_role', 'awscc_iam_user']);

/** Attributes whose value may carry the policy's ARN without attaching it. */
const NEUTRAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'policy',
  'assume_role_policy',
  'inline_policy',
  'policy_document',
  'assume_role_policy_document',
  'description',
  'tags',
  'tags_all',
]);

interface AttachmentAttribute {
  readonly path: AttributePath;
  /** Whether the value names a policy by ARN or by name. */
  readonly by: 'arn' | 'name';
  /** The value is a list of objects, each naming a policy in this attribute. */
  readonly item?: string;
  /** Optional and Computed: left out of the configuration, it only reflects other attachments. */
  readonly computed?: true;
}

const arn = (name: string): AttachmentAttribute => ({ path: [name], by: 'arn' });
const computedArns = (name: string): AttachmentAttribute => ({ path: [name], by: 'arn', computed: true });

const ATTACHMENTS: Readonly<Record<string, readonly AttachmentAttribute[]>> = {
  aws_iam_role_policy_attachment: [arn('policy_arn')],
  aws_iam_user_policy_attachment: [arn('policy_arn')],
  aws_iam_group_policy_attachment: [arn('policy_arn')],
  aws_iam_policy_attachment: [arn('policy_arn')],
  aws_iam_role: [computedArns('managed_policy_arns')],
  aws_iam_role_policy_attachments_exclusive: [arn('policy_arns')],
  aws_iam_user_policy_attachments_exclusive: [arn('policy_arns')],
  aws_iam_group_policy_attachments_exclusive: [arn('policy_arns')],
  awscc_iam_role: [computedArns('managed_policy_arns')],
  awscc_iam_user: [computedArns('managed_policy_arns')],
  awscc_iam_group: [computedArns('managed_policy_arns')],
  aws_ssoadmin_customer_managed_policy_attachment: [{ path: ['customer_managed_policy_reference', 0, 'name'], by: 'name' }],
  awscc_sso_permission_set: [{ path: ['customer_managed_policy_references'], by: 'name', item: 'name', computed: true }],
};

/** What the plan knows of a policy's identity. */
interface PolicyIdentity {
  readonly arn?: string;
  readonly name?: string;
  readonly namePrefix?: string;
  readonly path: string;
}

function existsAfter(instance: ResourceInstance): boolean {
  return instance.mode === 'managed' && instance.after !== null && !leavesState(instance.actions);
}

/** The attribute's value after apply when it is a known, non-empty string. */
export function knownString(instance: ResourceInstance, attribute: string): string | undefined {
  const value = instance.after?.[attribute];
  return typeof value === 'string' && value !== '' && !isUnknownAt(instance.afterUnknown, [attribute]) ? value : undefined;
}

function identityOf(instance: ResourceInstance, type: PolicyType): PolicyIdentity {
  const arnValue = knownString(instance, type.arn);
  const name = knownString(instance, type.name);
  const namePrefix = type.namePrefix ? knownString(instance, type.namePrefix) : undefined;
  return {
    ...(arnValue ? { arn: arnValue } : {}),
    ...(name ? { name } : {}),
    ...(namePrefix ? { namePrefix } : {}),
    path: knownString(instance, type.path) ?? '/',
  };
}

const CUSTOMER_POLICY_ARN = /^arn:[^:]+:iam::[^:]*:policy\//;

/** `/team/boundary` for `arn:aws:iam::111122223333:policy/team/boundary`: the path and name of a policy ARN. */
export function policyPart(arn: string): string | undefined {
  const at = arn.indexOf(':policy/');
  return at < 0 ? undefined : arn.slice(at + ':policy'.length);
}

/** Known policy ARNs or names, indexed for lookups by a policy's identity. */
class KnownNames {
  private readonly arns = new Set<string>();
  private readonly parts = new Set<string>();
  private readonly customerArns: string[] = [];
  private readonly names = new Set<string>();

  add(value: string, by: 'arn' | 'name'): void {
    if (by === 'name') {
      this.names.add(value);
      return;
    }
    this.arns.add(value);
    const part = policyPart(value);
    if (part !== undefined) this.parts.add(part);
    if (CUSTOMER_POLICY_ARN.test(value)) this.customerArns.push(value);
  }

  /** May one of these values name the policy? Without its ARN or name, any customer policy value may. */
  mayName(identity: PolicyIdentity): boolean {
    if (identity.arn) return this.arns.has(identity.arn) || (identity.name !== undefined && this.names.has(identity.name));
    if (identity.name) return this.parts.has(`${identity.path}${identity.name}`) || this.names.has(identity.name);
    const prefix = identity.namePrefix ?? '';
    if (this.customerArns.some((arn) => policyPart(arn)!.startsWith(`${identity.path}${prefix}`))) return true;
    return [...this.names].some((name) => name.startsWith(prefix));
  }
}

/** Everything the plan's attachments say, gathered once. */
interface Attachments {
  readonly known: KnownNames;
  /** Addresses of policy instances that an attachment's configuration references. */
  readonly referenced: ReadonlySet<string>;
  /** Set when some attachment's value is unknown and cannot be traced: it may attach any policy. */
  readonly untraceable?: string;
}

function gatherAttachments(index: ResolveIndex): Attachments {
  const known = new KnownNames();
  const referenced = new Set<string>();
  let untraceable: string | undefined;
  for (const instance of index.document.resources) {
    const attributes = ATTACHMENTS[instance.type];
    if (attributes === undefined || !existsAfter(instance)) continue;
    for (const attribute of attributes) {
      const value = valueAt(instance.after, attribute.path);
      const items: unknown[] = Array.isArray(value) ? value : [value];
      let unknown = isUnknownAt(instance.afterUnknown, attribute.path);
      items.forEach((entry, i) => {
        const item = attribute.item === undefined ? entry : valueAt(entry, [attribute.item]);
        const itemPath = attribute.item === undefined ? [...attribute.path, i] : [...attribute.path, i, attribute.item];
        if (typeof item === 'string') known.add(item, attribute.by);
        else if (Array.isArray(value) && (item === null || item === undefined || isUnknownAt(instance.afterUnknown, itemPath))) unknown = true;
      });
      if (!unknown) continue;
      const located = index.configOf(instance);
      if (located === undefined) {
        untraceable ??= `${instance.address} (no configuration)`;
        continue;
      }
      if (attribute.computed && located.resource.expressions[attribute.path[0] as string] === undefined) continue;
      const at = expressionAt(located.resource.expressions, attribute.path);
      if (at === undefined) {
        untraceable ??= instance.address;
        continue;
      }
      const traced = traceExpression(index, at.expression, modulePathOf(located.module), located.resource.forEachExpression);
      const leaves = traced.leaves.filter((leaf) => leaf.kind !== 'plan-known');
      if (leaves.length === 0) untraceable ??= instance.address;
      for (const leaf of leaves) {
        if (leaf.kind === 'resource' && leaf.subject.mode === 'managed' && POLICY_TYPES[leaf.subject.type] !== undefined) {
          for (const located of instancesOfLeaf(index, leaf)) referenced.add(located.instance.address);
        } else {
          untraceable ??= `${instance.address} (${leaf.text})`;
        }
      }
    }
  }
  return { known, referenced, ...(untraceable !== undefined ? { untraceable } : {}) };
}

/** Where the configuration takes the policy: roles and users using it as a boundary, and whether anything else may attach it. */
function forwardUses(index: ResolveIndex, uses: UseIndex, policy: ResourceInstance): { attached: boolean; boundaryOf: Set<string> } {
  const boundaryOf = new Set<string>();
  const module = index.moduleOf(policy);
  if (module === undefined) return { attached: true, boundaryOf };
  interface Visit {
    readonly path: readonly string[];
    readonly modulePath: ModulePath;
    readonly subject: string;
    readonly key?: string | number;
  }
  const start: Visit = {
    path: module.map((step) => step.name),
    modulePath: modulePathOf(module),
    subject: relativeAddress(policy.mode, policy.type, policy.name),
    ...(policy.index !== undefined ? { key: policy.index } : {}),
  };
  const queue: Visit[] = [start];
  const visited = new Set<string>();
  while (queue.length > 0) {
    const visit = queue.shift()!;
    const seen = `${visit.path.join('.')}|${visit.subject}`;
    if (visited.has(seen)) continue;
    visited.add(seen);
    for (const use of uses.usesOf(visit.path, visit.subject)) {
      const subject = use.reference.subject;
      if (visit.key !== undefined && subject.kind === 'resource' && subject.key !== undefined && subject.key !== visit.key) continue;
      const site = use.site;
      switch (site.kind) {
        case 'attribute': {
          if (site.resource.mode === 'data') break;
          if (BOUNDARY_USERS.has(site.resource.type) && site.attribute === 'permissions_boundary') {
            for (const user of instancesIn(index, visit.modulePath, site.resource.address)) boundaryOf.add(user.address);
            break;
          }
          if (NEUTRAL_ATTRIBUTES.has(site.attribute)) break;
          return { attached: true, boundaryOf };
        }
        case 'resource-repetition':
          if (site.resource.mode === 'data') break;
          return { attached: true, boundaryOf };
        case 'module-repetition':
          return { attached: true, boundaryOf };
        case 'module-input': {
          const step: ModulePathStep = { name: site.call, any: true };
          queue.push({ path: [...visit.path, site.call], modulePath: [...visit.modulePath, step], subject: `var.${site.input}` });
          break;
        }
        case 'output': {
          if (visit.path.length === 0) break;
          const last = visit.path[visit.path.length - 1]!;
          queue.push({ path: visit.path.slice(0, -1), modulePath: visit.modulePath.slice(0, -1), subject: `module.${last}.${site.output}` });
          break;
        }
      }
    }
  }
  return { attached: false, boundaryOf };
}

/** Instances of a configuration block that exist after apply, within the module instances of `modulePath`. */
function instancesIn(index: ResolveIndex, modulePath: ModulePath, relative: string): ResourceInstance[] {
  return instancesInModulePath(index, modulePath, relative)
    .map((located) => located.instance)
    .filter(existsAfter);
}

function selfAttached(policy: ResourceInstance, type: PolicyType): boolean {
  return (type.attachesTo ?? []).some((attribute) => {
    if (isUnknownAt(policy.afterUnknown, [attribute])) return true;
    const value = policy.after?.[attribute];
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
  });
}

const cache = new WeakMap<TerraformDocument, ReadonlyMap<string, string>>();

/**
 * Whether any role or user may use a permissions boundary: one that exists after apply has a
 * known or unknown `permissions_boundary`, or the configuration sets that attribute on one.
 * When none does, no policy is used as a boundary, and the analysis (which indexes the whole
 * plan) is not needed.
 */
function boundariesInUse(document: TerraformDocument): boolean {
  for (const user of document.resources) {
    if (!BOUNDARY_USERS.has(user.type) || !existsAfter(user)) continue;
    if (typeof user.after?.permissions_boundary === 'string' || isUnknownAt(user.afterUnknown, ['permissions_boundary'])) return true;
  }
  for (const module of indexConfiguration(document.configuration)?.modules.values() ?? []) {
    for (const resource of module.resources.values()) {
      if (BOUNDARY_USERS.has(resource.type) && resource.expressions.permissions_boundary !== undefined) return true;
    }
  }
  return false;
}

/**
 * Policies used only as permissions boundaries, by address, with the reason they are not judged
 * (`used only as a permissions boundary by aws_iam_role.app`).
 */
export function permissionsBoundaryOnly(document: TerraformDocument): ReadonlyMap<string, string> {
  const cached = cache.get(document);
  if (cached) return cached;
  const result = new Map<string, string>();
  cache.set(document, result);
  const policies = document.resources.filter((instance) => POLICY_TYPES[instance.type] !== undefined && existsAfter(instance));
  if (policies.length === 0 || !boundariesInUse(document)) return result;

  const index = resolveIndexOf(document);
  const attachments = gatherAttachments(index);
  if (attachments.untraceable !== undefined) return result;
  const uses = index.configuration ? buildUseIndex(index.configuration) : undefined;
  // Roles and users by the path and name of their known boundary ARN.
  const users = new Map<string, { readonly address: string; readonly boundary: string }[]>();
  for (const user of document.resources) {
    const boundary = user.after?.permissions_boundary;
    if (!BOUNDARY_USERS.has(user.type) || !existsAfter(user) || typeof boundary !== 'string') continue;
    const part = policyPart(boundary);
    if (part === undefined) continue;
    let list = users.get(part);
    if (!list) users.set(part, (list = []));
    list.push({ address: user.address, boundary });
  }

  for (const policy of policies) {
    const type = POLICY_TYPES[policy.type]!;
    const identity = identityOf(policy, type);
    if (attachments.referenced.has(policy.address)) continue;
    if (attachments.known.mayName(identity)) continue;
    const count = policy.after?.attachment_count;
    if (typeof count === 'number' && count > 0) continue;
    if (selfAttached(policy, type)) continue;
    const forward = uses ? forwardUses(index, uses, policy) : { attached: false, boundaryOf: new Set<string>() };
    if (forward.attached) continue;
    const part = identity.arn ? policyPart(identity.arn) : identity.name ? `${identity.path}${identity.name}` : undefined;
    for (const user of (part !== undefined && users.get(part)) || []) {
      if (identity.arn === undefined || user.boundary === identity.arn) forward.boundaryOf.add(user.address);
    }
    if (forward.boundaryOf.size === 0) continue;
    result.set(policy.address, `used only as a permissions boundary by ${[...forward.boundaryOf].sort().join(', ')}`);
  }
  return result;
}

/** The managed policy document attribute of each policy type, the one a boundary skip applies to. */
const DOCUMENT_PATH: Readonly<Record<string, string>> = { aws_iam_policy: 'policy', awscc_iam_managed_policy: 'policy_document' };

/** Sources of policies used only as permissions boundaries, marked `skip` with the reason. */
export function skipPermissionsBoundaries(document: TerraformDocument, policySources: readonly PolicySource[]): PolicySource[] {
  const boundaries = permissionsBoundaryOnly(document);
  if (boundaries.size === 0) return [...policySources];
  return policySources.map((policySource) => {
    const reason = boundaries.get(policySource.address);
    return reason !== undefined && DOCUMENT_PATH[policySource.resourceType] === policySource.policyPath && policySource.skip === undefined
      ? { ...policySource, skip: reason }
      : policySource;
  });
}
