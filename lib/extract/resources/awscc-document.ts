/**
 * awscc policy documents: the provider gives them as JSON strings or as objects. An object may
 * hold values not known until apply (null in `after`, `true` in `after_unknown` at that place):
 * the known parts are read and each unknown one becomes an UnknownValue, described by the
 * references of the attribute's configuration expression.
 */
import { parsePolicy } from '../../iam/index.js';
import type { UnknownValue } from '../../iam/types.js';
import { expressionAt } from '../../terraform/configuration.js';
import type { ResourceInstance } from '../../terraform/types.js';
import type { PolicyValue } from '../../types.js';
import { formatAttributePath, valueAt, type AttributePath } from '../attribute-path.js';
import { afterPolicyValue } from '../policy-value.js';
import { policyAttributeExtractor } from '../policy-attribute.js';
import { resolveIndexOf } from '../resolve/index.js';
import { describeReferences, isKeyArnLeaf, modulePathOf, traceExpression, unknownLeavesOf } from '../resolve/trace.js';
import type { ExtractContext, Extractor } from '../types.js';

function maskAt(mask: unknown, path: readonly (string | number)[]): unknown {
  let node = mask;
  for (const step of path) {
    if (node === true) return true;
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/** Whether an unknown mask marks anything unknown; without recursion, as the mask nests as deep as the value. */
function containsUnknown(mask: unknown): boolean {
  const pending = [mask];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === true) return true;
    if (typeof node === 'object' && node !== null) for (const child of Object.values(node)) pending.push(child);
  }
  return false;
}

/** `/Statement/0/Condition/a~1b` -> ['Statement', 0, 'Condition', 'a/b'] (numbers where the mask holds a list). */
function pointerSteps(pointer: string, mask: unknown): (string | number)[] {
  const steps: (string | number)[] = [];
  let node = mask;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) && /^\d+$/.test(token) ? Number(token) : token;
    steps.push(step);
    node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return steps;
}

/** The document at `path` after apply, reading object documents with unknown parts. */
export function awsccDocumentAfter(resource: ResourceInstance, path: AttributePath, context: ExtractContext): PolicyValue {
  const value = valueAt(resource.after, path);
  const mask = maskAt(resource.afterUnknown, path);
  if (typeof value !== 'object' || value === null || !containsUnknown(mask)) return afterPolicyValue(resource, path, context);

  const label = formatAttributePath(path);
  const described = describeExpression(context, resource, path);
  const parsed = parsePolicy(value, {
    unknown: (_, pointer): UnknownValue | undefined => {
      if (maskAt(mask, pointerSteps(pointer, mask)) !== true) return undefined;
      const isResource = /\/(Not)?Resource(\/|$)/.test(pointer);
      if (isResource && described.keyArns) return { unknown: true, oneKey: true, detail: described.references };
      const detail = `${label} ${pointer}${described.references === '' ? '' : ` (${described.references})`}`;
      return { unknown: true, detail };
    },
  });
  if ('error' in parsed) return { kind: 'unknown', detail: `${label} is partly not known until apply, and not readable: ${parsed.error.message}` };
  return { kind: 'unknown', detail: `${label} is partly not known until apply`, model: parsed.policy };
}

/** The references of the attribute's expression, and whether all its unknown sources are KMS key ARNs. */
function describeExpression(context: ExtractContext, resource: ResourceInstance, path: AttributePath): { references: string; keyArns: boolean } {
  const index = resolveIndexOf(context.document);
  const located = index.configOf(resource);
  const at = located && expressionAt(located.resource.expressions, path);
  if (!located || !at) return { references: '', keyArns: false };
  const traced = traceExpression(index, at.expression, modulePathOf(located.module), located.resource.forEachExpression);
  const unknownLeaves = unknownLeavesOf(traced.leaves);
  return { references: describeReferences(traced.references), keyArns: unknownLeaves.length > 0 && unknownLeaves.every(isKeyArnLeaf) };
}

/** A whole attribute not known until apply, named with the references of its expression. */
export function unknownAttribute(context: ExtractContext, resource: ResourceInstance, path: AttributePath): PolicyValue {
  const { references } = describeExpression(context, resource, path);
  const label = formatAttributePath(path);
  return { kind: 'unknown', detail: `${label} is not known until apply${references === '' ? '' : ` (built from ${references})`}` };
}

/**
 * False only when the plan's configuration shows the resource and it does not set `attribute`:
 * an optional awscc attribute left out is computed by the provider, not written by the user.
 */
export function configuresAttribute(context: ExtractContext, resource: ResourceInstance, attribute: string): boolean {
  const index = resolveIndexOf(context.document);
  if (index.configuration === undefined) return true;
  const located = index.configOf(resource);
  return located === undefined || located.resource.expressions[attribute] !== undefined;
}

/** An extractor for awscc resource types whose identity policy is one top-level document attribute. */
export function awsccDocumentExtractor(resourceType: string, attribute: string): Extractor {
  return policyAttributeExtractor(resourceType, attribute, awsccDocumentAfter);
}
