/**
 * Where the configuration uses a value: every expression of every module (resource attributes
 * and nested blocks, count/for_each, module call inputs, outputs), indexed by what it references
 * (`aws_iam_policy.b`, `var.arn`, `module.keys.key_arn`). Built once per document.
 */
import type { ConfigExpression, ConfigModule, ConfigResource, ConfigurationIndex } from '../terraform/configuration.js';
import { isExpression, modulePathKey } from '../terraform/configuration.js';
import { groupReferences, relativeAddress } from '../terraform/references.js';
import type { Reference } from '../terraform/references.js';

type UseSite =
  /** An attribute of a resource (`attribute` is the top-level attribute or block name). */
  | { readonly kind: 'attribute'; readonly resource: ConfigResource; readonly attribute: string }
  | { readonly kind: 'resource-repetition'; readonly resource: ConfigResource }
  | { readonly kind: 'module-input'; readonly call: string; readonly input: string }
  | { readonly kind: 'module-repetition'; readonly call: string }
  | { readonly kind: 'output'; readonly output: string };

export interface Use {
  readonly module: ConfigModule;
  readonly site: UseSite;
  readonly reference: Reference;
}

export interface UseIndex {
  /** Uses of a subject in one module: `aws_iam_policy.b`, `var.arn`, `module.keys.key_arn`. */
  usesOf(modulePath: readonly string[], subject: string): readonly Use[];
}

/** The key a reference is filed under: its subject without instance key. */
function subjectKey(reference: Reference): string | undefined {
  const subject = reference.subject;
  switch (subject.kind) {
    case 'resource':
      return relativeAddress(subject.mode, subject.type, subject.name);
    case 'module-output':
      return `module.${subject.call}.${subject.output}`;
    case 'named':
      return `${subject.namespace}.${subject.name}`;
    case 'module':
      return `module.${subject.call}`;
  }
}

export function buildUseIndex(configuration: ConfigurationIndex): UseIndex {
  const uses = new Map<string, Use[]>();
  const record = (module: ConfigModule, site: UseSite, expression: ConfigExpression | undefined) => {
    for (const reference of groupReferences(expression?.references ?? [])) {
      const subject = subjectKey(reference);
      if (subject === undefined) continue;
      const key = `${modulePathKey(module.path)}|${subject}`;
      let list = uses.get(key);
      if (!list) uses.set(key, (list = []));
      list.push({ module, site, reference });
    }
  };
  for (const module of configuration.modules.values()) {
    for (const resource of module.resources.values()) {
      for (const [attribute, value] of Object.entries(resource.expressions)) {
        forEachExpression(value, (expression) => record(module, { kind: 'attribute', resource, attribute }, expression));
      }
      record(module, { kind: 'resource-repetition', resource }, resource.countExpression);
      record(module, { kind: 'resource-repetition', resource }, resource.forEachExpression);
    }
    for (const call of module.calls.values()) {
      for (const [input, value] of Object.entries(call.expressions)) {
        forEachExpression(value, (expression) => record(module, { kind: 'module-input', call: call.name, input }, expression));
      }
      record(module, { kind: 'module-repetition', call: call.name }, call.countExpression);
      record(module, { kind: 'module-repetition', call: call.name }, call.forEachExpression);
    }
    for (const output of module.outputs.values()) record(module, { kind: 'output', output: output.name }, output.expression);
  }
  return { usesOf: (modulePath, subject) => uses.get(`${modulePathKey(modulePath)}|${subject}`) ?? [] };
}

/** Every expression in an attribute value: the expression itself, or those of nested blocks. */
function forEachExpression(value: unknown, visit: (expression: ConfigExpression) => void): void {
  // Without recursion (blocks may nest deep); in document order.
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (isExpression(item)) visit(item);
    else if (typeof item === 'object' && item !== null) {
      const children = Object.values(item);
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }
}
