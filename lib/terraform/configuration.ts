/**
 * The plan's `configuration` block, indexed once: modules by path (call names from the root),
 * and within each module its resources, module calls and outputs, by name.
 */
import { isRecord } from '../json-record.js';

/** A configuration expression: a constant, or the references it makes (or neither, e.g. `timestamp()`). */
export interface ConfigExpression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

export interface ConfigResource {
  /** Module-relative: `aws_iam_policy.p`, `data.aws_iam_policy_document.d`. */
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  /** Attribute expressions and nested blocks (arrays of objects, or objects), as Terraform writes them. */
  readonly expressions: Readonly<Record<string, unknown>>;
  readonly countExpression?: ConfigExpression;
  readonly forEachExpression?: ConfigExpression;
}

interface ConfigModuleCall {
  readonly name: string;
  /** Input variable expressions given by the call. */
  readonly expressions: Readonly<Record<string, unknown>>;
  readonly countExpression?: ConfigExpression;
  readonly forEachExpression?: ConfigExpression;
  readonly module: ConfigModule;
}

interface ConfigOutput {
  readonly name: string;
  readonly expression?: ConfigExpression;
}

export interface ConfigModule {
  /** Module call names from the root; [] for the root module. */
  readonly path: readonly string[];
  readonly resources: ReadonlyMap<string, ConfigResource>;
  readonly calls: ReadonlyMap<string, ConfigModuleCall>;
  readonly outputs: ReadonlyMap<string, ConfigOutput>;
}

export interface ConfigurationIndex {
  readonly root: ConfigModule;
  /** By path joined with '.'; '' for the root. */
  readonly modules: ReadonlyMap<string, ConfigModule>;
}

function expressionOf(value: unknown): ConfigExpression | undefined {
  return isRecord(value) ? (value as ConfigExpression) : undefined;
}

export function modulePathKey(path: readonly string[]): string {
  return path.join('.');
}

function indexModule(raw: unknown, path: readonly string[], modules: Map<string, ConfigModule>): ConfigModule {
  const body = isRecord(raw) ? raw : {};
  const resources = new Map<string, ConfigResource>();
  for (const item of Array.isArray(body.resources) ? body.resources : []) {
    if (!isRecord(item) || typeof item.type !== 'string' || typeof item.name !== 'string') continue;
    const mode = typeof item.mode === 'string' ? item.mode : 'managed';
    const address = typeof item.address === 'string' ? item.address : mode === 'data' ? `data.${item.type}.${item.name}` : `${item.type}.${item.name}`;
    const countExpression = expressionOf(item.count_expression);
    const forEachExpression = expressionOf(item.for_each_expression);
    resources.set(address, {
      address,
      mode,
      type: item.type,
      name: item.name,
      expressions: isRecord(item.expressions) ? item.expressions : {},
      ...(countExpression ? { countExpression } : {}),
      ...(forEachExpression ? { forEachExpression } : {}),
    });
  }
  const outputs = new Map<string, ConfigOutput>();
  if (isRecord(body.outputs)) {
    for (const [name, output] of Object.entries(body.outputs)) {
      const expression = isRecord(output) ? expressionOf(output.expression) : undefined;
      outputs.set(name, expression ? { name, expression } : { name });
    }
  }
  const calls = new Map<string, ConfigModuleCall>();
  const module: ConfigModule = { path, resources, calls, outputs };
  modules.set(modulePathKey(path), module);
  if (isRecord(body.module_calls)) {
    for (const [name, call] of Object.entries(body.module_calls)) {
      if (!isRecord(call)) continue;
      const child = indexModule(call.module, [...path, name], modules);
      const countExpression = expressionOf(call.count_expression);
      const forEachExpression = expressionOf(call.for_each_expression);
      calls.set(name, {
        name,
        expressions: isRecord(call.expressions) ? call.expressions : {},
        ...(countExpression ? { countExpression } : {}),
        ...(forEachExpression ? { forEachExpression } : {}),
        module: child,
      });
    }
  }
  return module;
}

/** Indexes a plan's `configuration` value; undefined when it has no root module. */
export function indexConfiguration(configuration: unknown): ConfigurationIndex | undefined {
  if (!isRecord(configuration) || !isRecord(configuration.root_module)) return undefined;
  const modules = new Map<string, ConfigModule>();
  const root = indexModule(configuration.root_module, [], modules);
  return { root, modules };
}

/** True for an expression object (`{references}`, `{constant_value}` or `{}`), false for a nested block. */
export function isExpression(value: unknown): value is ConfigExpression {
  if (!isRecord(value)) return false;
  return Object.keys(value).every((key) => key === 'references' || key === 'constant_value');
}

/**
 * The expression for an attribute path inside a resource's expressions. Nested blocks are
 * followed (`['inline_policy', 1, 'policy']`); when the path reaches an expression before its
 * end (an attribute holding a whole list or object), that expression is returned, with
 * `whole: true`. Undefined when the configuration does not hold the path (e.g. dynamic blocks,
 * which Terraform leaves out of the configuration).
 */
export function expressionAt(
  expressions: Readonly<Record<string, unknown>>,
  path: readonly (string | number)[],
): { expression: ConfigExpression; whole: boolean } | undefined {
  let current: unknown = expressions;
  for (let i = 0; i < path.length; i += 1) {
    const step = path[i]!;
    if (i > 0 && isExpression(current)) return { expression: current, whole: true };
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (Array.isArray(current)) {
        // A nesting-single block written as a one-element list.
        if (current.length !== 1) return undefined;
        current = current[0];
      }
      if (!isRecord(current)) return undefined;
      current = current[step];
    }
  }
  return isExpression(current) ? { expression: current, whole: false } : undefined;
}
