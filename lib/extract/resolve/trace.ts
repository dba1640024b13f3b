/**
 * Follows an expression's references back to where their values come from: through input
 * variables (the calling module's expression), module outputs (the child's output expression)
 * and `each.value` (the `for_each` expression), to any depth.
 */
import type { ConfigExpression } from '../../terraform/configuration.js';
import { groupReferences, relativeAddress } from '../../terraform/references.js';
import type { Reference, Step, Subject } from '../../terraform/references.js';
import type { LocatedInstance, ResolveIndex } from './index.js';

/** A module instance on a module path; `any` when the reference does not say which instance. */
export interface ModulePathStep {
  readonly name: string;
  readonly key?: string | number;
  readonly any?: true;
}

export type ModulePath = readonly ModulePathStep[];

type ResourceSubject = Extract<Subject, { kind: 'resource' }>;

/** Where a referenced value comes from. */
export type Leaf =
  /** An attribute of a resource or data source (`remaining` is the attribute path). */
  | {
      readonly kind: 'resource';
      readonly modulePath: ModulePath;
      readonly subject: ResourceSubject;
      readonly remaining: readonly Step[];
      readonly text: string;
    }
  /** Known when planning: `count.index`, `each.key`, `path.module`, root variables, variable defaults. */
  | { readonly kind: 'plan-known'; readonly text: string }
  /** Not traceable in the plan: local values, `self`, whole module objects, missing outputs. */
  | { readonly kind: 'opaque'; readonly text: string };

interface Traced {
  /** The references the expression itself makes, as written there. */
  readonly references: readonly Reference[];
  readonly leaves: readonly Leaf[];
}

/** A module instance path as a module path of references (the same array: `any` is never set). */
export function modulePathOf(module: readonly { readonly name: string; readonly key?: string | number }[]): ModulePath {
  return module;
}

function modulePathKey(modulePath: ModulePath): string {
  return modulePath.map((step) => `${step.name}[${step.any ? '*' : JSON.stringify(step.key ?? null)}]`).join('.');
}

const grouped = new WeakMap<readonly string[], readonly Reference[]>();

/** The references of an expression, parsed once per configuration expression (modules share them). */
export function referencesOf(expression: ConfigExpression | undefined): readonly Reference[] {
  const list = expression?.references;
  if (!Array.isArray(list)) return [];
  let references = grouped.get(list);
  if (!references) grouped.set(list, (references = groupReferences(list)));
  return references;
}

/** Traces every reference of `expression`, evaluated in `modulePath` (with `forEach` giving `each.value`). */
export function traceExpression(index: ResolveIndex, expression: ConfigExpression | undefined, modulePath: ModulePath, forEach?: ConfigExpression): Traced {
  const references = referencesOf(expression);
  const leaves: Leaf[] = [];
  const visited = new Set<string>();
  for (const reference of references) leaves.push(...traceReference(index, reference, modulePath, forEach, visited));
  return { references, leaves };
}

function traceAll(
  index: ResolveIndex,
  expression: ConfigExpression | undefined,
  modulePath: ModulePath,
  forEach: ConfigExpression | undefined,
  visited: Set<string>,
): Leaf[] {
  const leaves: Leaf[] = [];
  for (const reference of referencesOf(expression)) {
    leaves.push(...traceReference(index, reference, modulePath, forEach, visited));
  }
  return leaves;
}

function hasReferences(expression: unknown): expression is ConfigExpression {
  return (
    typeof expression === 'object' &&
    expression !== null &&
    Array.isArray((expression as ConfigExpression).references) &&
    (expression as ConfigExpression).references!.length > 0
  );
}

function traceReference(
  index: ResolveIndex,
  reference: Reference,
  modulePath: ModulePath,
  forEach: ConfigExpression | undefined,
  visited: Set<string>,
): Leaf[] {
  const seen = `${modulePathKey(modulePath)}|${reference.text}|${forEach ? 'e' : ''}`;
  if (visited.has(seen)) return [];
  visited.add(seen);
  const { subject, text } = reference;
  switch (subject.kind) {
    case 'resource':
      return [{ kind: 'resource', modulePath, subject, remaining: reference.remaining, text }];
    case 'module':
      return [{ kind: 'opaque', text }];
    case 'module-output': {
      const parent = index.configModule(modulePath.map((step) => step.name));
      const call = parent?.calls.get(subject.call);
      const output = call?.module.outputs.get(subject.output);
      if (!call || !output?.expression) return [{ kind: 'opaque', text }];
      // Without a key the reference may name any instance: the configuration leaves out a
      // count or for_each that references nothing (`for_each = toset(["a", "b"])`).
      const step: ModulePathStep = subject.key !== undefined ? { name: call.name, key: subject.key } : { name: call.name, any: true };
      return traceAll(index, output.expression, [...modulePath, step], undefined, visited);
    }
    case 'named':
      switch (subject.namespace) {
        case 'var': {
          const last = modulePath[modulePath.length - 1];
          if (last === undefined) return [{ kind: 'plan-known', text }];
          const parentPath = modulePath.slice(0, -1);
          const call = index.configModule(parentPath.map((step) => step.name))?.calls.get(last.name);
          if (!call) return [{ kind: 'opaque', text }];
          const given = call.expressions[subject.name];
          if (given === undefined) return [{ kind: 'plan-known', text }];
          if (!hasReferences(given)) return [{ kind: 'plan-known', text }];
          return traceAll(index, given, parentPath, call.forEachExpression, visited);
        }
        case 'each':
          if (subject.name === 'key') return [{ kind: 'plan-known', text }];
          if (subject.name === 'value' && forEach) return traceAll(index, forEach, modulePath, undefined, visited);
          return [{ kind: 'opaque', text }];
        case 'count':
        case 'path':
        case 'terraform':
          return [{ kind: 'plan-known', text }];
        default:
          return [{ kind: 'opaque', text }];
      }
  }
}

/**
 * KMS resources whose values, used as a Resource, can match at most one key: for each type, the
 * attributes that are that key's ARN, or an alias's own ARN (which authorises no Decrypt, so it
 * matches no key at all).
 */
const ONE_KEY_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  managed: {
    aws_kms_key: ['arn'],
    aws_kms_replica_key: ['arn'],
    aws_kms_external_key: ['arn'],
    aws_kms_replica_external_key: ['arn'],
    aws_kms_alias: ['target_key_arn', 'arn'],
  },
  data: {
    aws_kms_key: ['arn'],
    aws_kms_alias: ['target_key_arn', 'arn'],
  },
};

function attributeOf(leaf: Extract<Leaf, { kind: 'resource' }>): string | undefined {
  const [first, ...rest] = leaf.remaining;
  return first?.kind === 'name' && rest.length === 0 ? first.name : undefined;
}

/**
 * True when the leaf's value can match at most one KMS key, so it can never widen the scope: the
 * ARN of one key (`aws_kms_key.main.arn`, `aws_kms_alias.a.target_key_arn`), an alias's own ARN
 * (`aws_kms_alias.a.arn`: no key), or the whole object of one of these types
 * (`aws_kms_key.main`, `aws_kms_key.multi[0]`).
 *
 * The whole object is what Terraform 0.12 to 1.0 (plan formats 0.1 and 0.2) write for any
 * attribute of it, what later versions write after an index not known when planning
 * (`aws_kms_key.k[count.index].arn`), and what a variable given the object leaves once traced.
 * Its ARNs name one key and its ids and names match no key ARN. The references do not hold the
 * expression's shape, so a template around the value (`"${aws_kms_key.main.arn}*"`) reads the same.
 */
export function isKeyArnLeaf(leaf: Leaf): boolean {
  if (leaf.kind !== 'resource') return false;
  const attributes = ONE_KEY_ATTRIBUTES[leaf.subject.mode]?.[leaf.subject.type];
  if (attributes === undefined) return false;
  if (leaf.remaining.length === 0) return true;
  const attribute = attributeOf(leaf);
  return attribute !== undefined && attributes.includes(attribute);
}

/** True when the leaf is the rendered JSON of an `aws_iam_policy_document` data source. */
export function isPolicyDocumentLeaf(leaf: Leaf): leaf is Extract<Leaf, { kind: 'resource' }> {
  if (leaf.kind !== 'resource' || leaf.subject.mode !== 'data' || leaf.subject.type !== 'aws_iam_policy_document') return false;
  if (leaf.remaining.length === 0) return true;
  const attribute = attributeOf(leaf);
  return attribute === 'json' || attribute === 'minified_json';
}

/** The leaves whose values are not known when planning. */
export function unknownLeavesOf(leaves: readonly Leaf[]): Leaf[] {
  return leaves.filter((leaf) => leaf.kind !== 'plan-known');
}

/** The instances of a block within the module instances of `modulePath`. */
export function instancesInModulePath(index: ResolveIndex, modulePath: ModulePath, relative: string): readonly LocatedInstance[] {
  if (modulePath.every((step) => step.any !== true)) return index.instancesAt(modulePath, relative);
  return index
    .instancesOf(
      modulePath.map((step) => step.name),
      relative,
    )
    .filter((located) =>
      located.module.every((step, i) => {
        const wanted = modulePath[i]!;
        return wanted.any === true || step.key === wanted.key;
      }),
    );
}

/** The instances a resource leaf may name: the module instances of its module path, and its key when static. */
export function instancesOfLeaf(index: ResolveIndex, leaf: Extract<Leaf, { kind: 'resource' }>): LocatedInstance[] {
  const relative = relativeAddress(leaf.subject.mode, leaf.subject.type, leaf.subject.name);
  const key = leaf.subject.key;
  return instancesInModulePath(index, leaf.modulePath, relative).filter((located) => key === undefined || located.instance.index === key);
}

/** References to values always known when planning, which never make a value unknown. */
function isPlanKnown(reference: Reference): boolean {
  const subject = reference.subject;
  if (subject.kind !== 'named') return false;
  return (
    subject.namespace === 'count' ||
    subject.namespace === 'path' ||
    subject.namespace === 'terraform' ||
    (subject.namespace === 'each' && subject.name === 'key')
  );
}

/** The references' texts, each once, for messages; `count.index` and the like left out. */
export function describeReferences(references: readonly Reference[]): string {
  return [...new Set(references.filter((reference) => !isPlanKnown(reference)).map((reference) => reference.text))].join(', ');
}
