/**
 * How the configuration writes a policy attribute, for a fix given as HCL: a reference to one
 * `aws_iam_policy_document` data source (also through module variables and outputs), or an
 * expression that is neither a constant nor a reference (in practice `jsonencode(...)`: the
 * plan records no more of a function call). Undefined for a literal string and anything else.
 */
import type { PolicySource } from '../types.js';
import { expressionAt } from '../terraform/configuration.js';
import type { TerraformDocument } from '../terraform/types.js';
import { parseAttributePath } from './attribute-path.js';
import { resolveIndexOf } from './resolve/index.js';
import { isPolicyDocumentLeaf, referencesOf, modulePathOf, traceExpression } from './resolve/trace.js';
import { configuredPath } from './resolve/unknown.js';

export type PolicyWriting =
  /** `block`: the data source's configuration address, `module.app.data.aws_iam_policy_document.d`. */
  | { readonly form: 'aws_iam_policy_document'; readonly block: string }
  /** `attribute`: the attribute the expression is written to, `policy`. */
  | { readonly form: 'jsonencode'; readonly attribute: string };

export function policyWriting(document: TerraformDocument, policySource: Pick<PolicySource, 'address' | 'policyPath'>): PolicyWriting | undefined {
  const index = resolveIndexOf(document);
  const instance = index.readInstance(policySource.address);
  const located = instance && index.configOf(instance);
  if (!instance || !located) return undefined;
  const path = parseAttributePath(policySource.policyPath);
  const configPath = configuredPath(instance, located.resource.expressions, path);
  const at = configPath && expressionAt(located.resource.expressions, configPath);
  if (!at || at.whole || at.expression.constant_value !== undefined) return undefined;
  if (referencesOf(at.expression).length === 0) {
    const attribute = [...path].reverse().find((step): step is string => typeof step === 'string');
    return attribute === undefined ? undefined : { form: 'jsonencode', attribute };
  }
  const { leaves } = traceExpression(index, at.expression, modulePathOf(located.module), located.resource.forEachExpression);
  const documents = leaves.filter(isPolicyDocumentLeaf);
  const others = leaves.filter((leaf) => !isPolicyDocumentLeaf(leaf) && leaf.kind !== 'plan-known');
  const blocks = [
    ...new Set(
      documents.map((leaf) => [...leaf.modulePath.map((step) => `module.${step.name}`), `data.aws_iam_policy_document.${leaf.subject.name}`].join('.')),
    ),
  ];
  return blocks.length === 1 && others.length === 0 ? { form: 'aws_iam_policy_document', block: blocks[0]! } : undefined;
}
