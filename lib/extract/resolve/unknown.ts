/**
 * A policy attribute not known until apply -> what the plan knows of it.
 *
 * The attribute's configuration expression says where the value comes from. When its only
 * source (through variables and module outputs) is one `aws_iam_policy_document` data source,
 * the document is that data source's: known text when it was read during planning, else a
 * partial model rebuilt from its planned statements. Anything else (`jsonencode(...)` over
 * values computed at apply, local values, several sources) is unknown, with a detail naming
 * the references; the plan does not hold the expression's shape, only what it references.
 *
 * A reference without a static key (`data.x[count.index].json`) may name several instances of the
 * data source. The value is then one of their documents, and each is given as an alternative to
 * judge: the verdict is definite only when they all agree.
 */
import type { PolicyValue } from '../../types.js';
import { parsePolicy } from '../../iam/index.js';
import type { Policy, UnknownValue } from '../../iam/types.js';
import { leavesState } from '../../terraform/actions.js';
import { expressionAt, isExpression } from '../../terraform/configuration.js';
import { relativeAddress } from '../../terraform/references.js';
import type { ResourceInstance } from '../../terraform/types.js';
import { formatAttributePath, type AttributePath } from '../attribute-path.js';
import { documentOf, type DocumentKnowledge } from './document.js';
import type { LocatedInstance, ResolveIndex } from './index.js';
import {
  describeReferences,
  instancesOfLeaf,
  isPolicyDocumentLeaf,
  modulePathOf,
  traceExpression,
  unknownLeavesOf,
  type Leaf,
  type ModulePath,
} from './trace.js';

export function resolveUnknownPolicy(index: ResolveIndex, resource: ResourceInstance, attributePath: AttributePath): PolicyValue {
  const label = formatAttributePath(attributePath);
  const located = index.configOf(resource);
  const configPath = located && configuredPath(resource, located.resource.expressions, attributePath);
  const at = located && configPath && expressionAt(located.resource.expressions, configPath);
  if (!located || !at) return { kind: 'unknown', detail: `${label} is not known until apply` };

  const modulePath = modulePathOf(located.module);
  const traced = traceExpression(index, at.expression, modulePath, located.resource.forEachExpression);
  const references = describeReferences(traced.references);
  const unknownBecause = `${label} is not known until apply (built from ${references === '' ? 'values computed at apply' : references})`;
  const unknownLeaves = unknownLeavesOf(traced.leaves);
  const leaf = unknownLeaves.length === 1 ? unknownLeaves[0]! : undefined;
  if (leaf === undefined || !isPolicyDocumentLeaf(leaf)) return { kind: 'unknown', detail: unknownBecause };

  const candidates = documentCandidates(index, leaf, traced.leaves, resource, modulePath);
  if (candidates.length === 0) return { kind: 'unknown', detail: `${unknownBecause}: no instance of it in the plan` };
  if (candidates.length > 1) return alternativesOf(index, candidates, unknownBecause);
  const data = candidates[0]!;
  const knowledge = knowledgeOf(index, data);
  switch (knowledge.kind) {
    case 'known':
      return { kind: 'text', text: knowledge.text };
    case 'unknown':
      return { kind: 'unknown', detail: `${label} is not known until apply: ${knowledge.detail}` };
    case 'partial':
      return { kind: 'unknown', detail: describePartial(label, data.instance.address, knowledge.policy), model: knowledge.policy };
  }
}

/**
 * The path of the configuration block that holds an attribute of the resource's values. Nested
 * blocks in `after` may be sets, whose order is not the configuration's: a block is matched by
 * being the only one, or by its constant `name` (`inline_policy[1]` is the block whose name is
 * that entry's name). Undefined when no block matches for certain.
 */
export function configuredPath(
  resource: ResourceInstance,
  expressions: Readonly<Record<string, unknown>>,
  attributePath: AttributePath,
): AttributePath | undefined {
  const out: (string | number)[] = [];
  let config: unknown = expressions;
  let value: unknown = resource.after;
  for (const step of attributePath) {
    if (typeof step === 'number' && Array.isArray(config) && !isExpression(config)) {
      const values: unknown = value;
      const entry = Array.isArray(values) ? values[step] : undefined;
      const position = matchingBlock(config, entry, Array.isArray(values) ? values.length : undefined);
      if (position === undefined) return undefined;
      out.push(position);
      config = config[position];
    } else {
      out.push(step);
      config = isExpression(config) ? config : typeof config === 'object' && config !== null ? (config as Record<string | number, unknown>)[step] : undefined;
    }
    value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  return out;
}

function matchingBlock(blocks: readonly unknown[], entry: unknown, count: number | undefined): number | undefined {
  if (blocks.length === 1 && count === 1) return 0;
  const name = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).name : undefined;
  if (typeof name !== 'string') return undefined;
  const matches = blocks.flatMap((block, i) => {
    const expression = typeof block === 'object' && block !== null ? (block as Record<string, unknown>).name : undefined;
    return isExpression(expression) && expression.constant_value === name ? [i] : [];
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The data source instances a reference may name. Without a static key in the reference, every
 * instance in the module instance(s) it names is a candidate: `data.x[count.index + 1].json` and
 * `data.x["${each.key}-b"].json` leave the same references as `data.x[count.index].json`.
 *
 * One case is taken as the usual one-document-per-instance pattern: the expression indexes by
 * `count.index` or `each.key` in the resource's own module instance, and the data source has
 * exactly the resource's instance keys. The instance with the resource's own key is then the one
 * (an expression that pairs them otherwise, such as `(count.index + 1) % 2`, reads the same).
 */
function documentCandidates(
  index: ResolveIndex,
  leaf: Extract<Leaf, { kind: 'resource' }>,
  leaves: readonly Leaf[],
  resource: ResourceInstance,
  modulePath: ModulePath,
): LocatedInstance[] {
  const candidates = [...instancesOfLeaf(index, leaf)].sort(byInstance);
  if (candidates.length <= 1 || leaf.subject.key !== undefined || resource.index === undefined) return candidates;
  const indexedByOwnKey = leaves.some((other) => other.kind === 'plan-known' && (other.text === 'count.index' || other.text === 'each.key'));
  const sameModule =
    leaf.modulePath.length === modulePath.length &&
    leaf.modulePath.every((step, i) => step.any !== true && step.key === modulePath[i]!.key && step.name === modulePath[i]!.name);
  if (!indexedByOwnKey || !sameModule) return candidates;
  const own = candidates.filter((candidate) => candidate.instance.index === resource.index);
  if (own.length !== 1 || !sameKeys(candidates, siblingsOf(index, resource))) return candidates;
  return own;
}

/** Module instance, then instance key (numbers in order), as Terraform lists instances. */
function byInstance(a: LocatedInstance, b: LocatedInstance): number {
  const left = a.instance.moduleAddress ?? '';
  const right = b.instance.moduleAddress ?? '';
  if (left !== right) return left < right ? -1 : 1;
  const x = a.instance.index;
  const y = b.instance.index;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/** The instances of the resource's block in its module instance that exist after apply. */
function siblingsOf(index: ResolveIndex, resource: ResourceInstance): readonly LocatedInstance[] {
  const module = index.moduleOf(resource);
  if (module === undefined) return [];
  return index.instancesAt(module, relativeAddress(resource.mode, resource.type, resource.name)).filter((located) => !leavesState(located.instance.actions));
}

function sameKeys(a: readonly LocatedInstance[], b: readonly LocatedInstance[]): boolean {
  const left = new Set(a.map((located) => located.instance.index));
  const right = new Set(b.map((located) => located.instance.index));
  return left.size === right.size && [...left].every((key) => right.has(key));
}

/** Documents are rendered once per data source instance: many resources may name the same ones. */
const knowledgeCache = new WeakMap<LocatedInstance, DocumentKnowledge>();

function knowledgeOf(index: ResolveIndex, located: LocatedInstance): DocumentKnowledge {
  let knowledge = knowledgeCache.get(located);
  if (knowledge === undefined) knowledgeCache.set(located, (knowledge = documentOf(index, located)));
  return knowledge;
}

const policyCache = new WeakMap<LocatedInstance, Policy | string>();

/** The policy an instance's document is, or why it cannot be judged. */
function candidatePolicy(index: ResolveIndex, located: LocatedInstance): Policy | string {
  let policy = policyCache.get(located);
  if (policy !== undefined) return policy;
  const knowledge = knowledgeOf(index, located);
  if (knowledge.kind === 'partial') policy = knowledge.policy;
  else if (knowledge.kind === 'unknown') policy = knowledge.detail;
  else {
    const parsed = parsePolicy(knowledge.text);
    policy = 'error' in parsed ? `${located.instance.address} is not a readable policy: ${parsed.error.message}` : parsed.policy;
  }
  policyCache.set(located, policy);
  return policy;
}

/**
 * A value that is one of several instances' documents: each is an alternative to judge. When one
 * of them cannot be judged at all, neither can the value.
 */
function alternativesOf(index: ResolveIndex, candidates: readonly LocatedInstance[], unknownBecause: string): PolicyValue {
  const names = candidates.map((candidate) => candidate.instance.address).join(', ');
  const detail = `${unknownBecause}: one of ${names}, and the plan does not say which`;
  const alternatives: Policy[] = [];
  for (const candidate of candidates) {
    const policy = candidatePolicy(index, candidate);
    if (typeof policy === 'string') return { kind: 'unknown', detail: `${detail}; ${policy}` };
    alternatives.push(policy);
  }
  return { kind: 'unknown', detail, alternatives };
}

/** Every unknown part of a policy model, in document order. */
function unknownParts(policy: Policy): UnknownValue[] {
  const parts: UnknownValue[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'object' && value !== null && (value as UnknownValue).unknown === true) parts.push(value as UnknownValue);
    else if (Array.isArray(value)) for (const item of value) add(item);
  };
  for (const statement of policy.statements) {
    add(statement.effect);
    add(statement.action ?? statement.notAction);
    add(statement.resource ?? statement.notResource);
    if (statement.condition !== undefined) {
      if (!Array.isArray(statement.condition)) add(statement.condition);
      else for (const test of statement.condition) add(test.values);
    }
  }
  if (policy.unknownStatements) parts.push(policy.unknownStatements);
  return parts;
}

function describePartial(label: string, address: string, policy: Policy): string {
  const parts = unknownParts(policy);
  const open = [...new Set(parts.filter((part) => !part.oneKey).map((part) => part.detail))];
  const keys = [...new Set(parts.filter((part) => part.oneKey).map((part) => part.detail))];
  const built = `${label} is rendered at apply by ${address}`;
  if (open.length > 0) return `${built}; not known until apply: ${open.join('; ')}`;
  if (keys.length > 0) return `${built}; only KMS key ARNs are not known until apply: ${keys.join('; ')}`;
  return built;
}
