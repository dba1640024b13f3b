/**
 * `policies[*].policy_document` of an `awscc_iam_role`, `awscc_iam_user` or `awscc_iam_group`:
 * inline policies declared on the principal (Security Hub KMS.2). Policy paths are
 * `policies[<position in after>].policy_document`; `before` pairs entries by `policy_name`.
 *
 * When the whole `policies` list is not known until apply: if the configuration does not set
 * `policies`, the value is computed by the provider and is not a policy the configuration wrote
 * (nothing is reported); otherwise one unknown source with policy path `policies`.
 */
import type { PolicySource, PolicyValue } from '../../types.js';
import type { ResourceInstance } from '../../terraform/types.js';
import { isUnknownAt, valueAt } from '../attribute-path.js';
import { awsccDocumentAfter, configuresAttribute, unknownAttribute } from './awscc-document.js';
import { knownPolicyValue } from '../policy-value.js';
import type { ExtractContext, Extractor } from '../types.js';

const POLICIES = ['policies'] as const;

export function awsccPoliciesListExtractor(resourceType: string): Extractor {
  return { resourceTypes: [resourceType], extract };
}

function extract(resource: ResourceInstance, context: ExtractContext): PolicySource[] {
  const entries = valueAt(resource.after, POLICIES);
  if (Array.isArray(entries)) return entries.map((entry, i) => entrySource(resource, entry, i, context));
  if (!isUnknownAt(resource.afterUnknown, POLICIES) || !configuresAttribute(context, resource, 'policies')) return [];
  return [
    {
      address: resource.address,
      resourceType: resource.type,
      policyPath: 'policies',
      changeActions: resource.actions,
      after: unknownAttribute(context, resource, POLICIES),
    },
  ];
}

function entrySource(resource: ResourceInstance, entry: unknown, i: number, context: ExtractContext): PolicySource {
  const before = resource.before === null ? undefined : beforeEntry(resource.before.policies, entry);
  return {
    address: resource.address,
    resourceType: resource.type,
    policyPath: `policies[${i}].policy_document`,
    changeActions: resource.actions,
    after: awsccDocumentAfter(resource, ['policies', i, 'policy_document'], context),
    ...(before !== undefined ? { before } : {}),
  };
}

function nameOf(entry: unknown): string | undefined {
  const name = valueAt(entry, ['policy_name']);
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The document of the entry with the same policy name before the plan; absent when there was none. */
function beforeEntry(list: unknown, afterEntry: unknown): PolicyValue {
  const name = nameOf(afterEntry);
  const match = name !== undefined && Array.isArray(list) ? list.find((entry) => nameOf(entry) === name) : undefined;
  return knownPolicyValue(valueAt(match, ['policy_document']));
}
