/** A state (`terraform show -json` of a state) -> the resources that exist now. */
import { NO_ACTIONS } from './actions.js';
import { readIdentity } from './identity.js';
import { makeInstance } from './instance.js';
import { forEachModuleResource } from './module-tree.js';
import { choosePartition, PartitionEvidence } from './partition.js';
import type { ResourceInstance, TerraformDocument } from './types.js';
import { isRecord } from '../json-record.js';
import { recordOrNull, stringOrUndefined, type JsonRecord } from './values.js';

const NO_PRIOR_STATE_DATA: ReadonlyMap<string, ResourceInstance> = new Map();

export function readState(state: JsonRecord): TerraformDocument {
  const resources: ResourceInstance[] = [];
  const evidence = new PartitionEvidence();
  if (isRecord(state.values)) {
    forEachModuleResource(state.values.root_module, (resource, moduleAddress) => {
      const identity = readIdentity(resource, moduleAddress);
      if (identity === undefined) return;
      const instance = makeInstance(identity, { actions: NO_ACTIONS, after: recordOrNull(resource.values), before: null });
      resources.push(instance);
      evidence.addResource(instance);
    });
  }
  const partitions = evidence.partitions();
  const partition = choosePartition(partitions);
  const terraformVersion = stringOrUndefined(state.terraform_version);
  return {
    kind: 'state',
    formatVersion: stringOrUndefined(state.format_version) ?? '',
    ...(terraformVersion !== undefined ? { terraformVersion } : {}),
    resources,
    priorStateData: NO_PRIOR_STATE_DATA,
    ...(partition !== undefined ? { partition } : {}),
    partitions,
  };
}
