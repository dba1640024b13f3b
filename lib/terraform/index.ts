/**
 * Terraform JSON (plan or state, already validated by the input layer) -> TerraformDocument.
 */
import { readPlan } from './plan.js';
import { readState } from './state.js';
import type { DocumentKind, TerraformDocument } from './types.js';
import { isRecord } from '../json-record.js';

export type { DocumentKind, ResourceInstance, TerraformDocument } from './types.js';
export { leavesState } from './actions.js';
export { formatAddress, formatInstanceKey, parseAddress, type AddressParts } from './address.js';
export { partitionOfArn, partitionOfRegion } from './partition.js';

export function readTerraform(value: unknown, kind: DocumentKind): TerraformDocument {
  if (!isRecord(value)) throw new TypeError(`a Terraform ${kind} must be a JSON object`);
  return kind === 'plan' ? readPlan(value) : readState(value);
}
