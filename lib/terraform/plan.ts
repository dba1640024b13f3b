/**
 * A plan (`terraform show -json plan`) -> the resources that exist after apply, with their
 * change actions, `before`, `after` and `after_unknown`.
 *
 * `resource_changes` is the source. Resources that `planned_values` shows but `resource_changes`
 * does not are unchanged (`["no-op"]`, before = after = their values). When a change has no
 * `after` (old formats) but `planned_values` has the resource, those values are used.
 */
import { leavesState, NO_ACTIONS, readActions, UNCHANGED_ACTIONS } from './actions.js';
import { addressOf, readIdentity } from './identity.js';
import { makeInstance } from './instance.js';
import { forEachModuleResource } from './module-tree.js';
import { choosePartition, PartitionEvidence } from './partition.js';
import type { ResourceInstance, TerraformDocument } from './types.js';
import { isRecord } from '../json-record.js';
import { arrayOrEmpty, recordOrNull, stringOrUndefined, type JsonRecord } from './values.js';

/** A planned_values entry and the module holding it; its identity is read only when needed. */
interface PlannedResource {
  readonly entry: JsonRecord;
  readonly moduleAddress: string | undefined;
}

const EMPTY: JsonRecord = Object.freeze({});

export function readPlan(plan: JsonRecord): TerraformDocument {
  const planned = plannedResources(plan.planned_values);
  const resources: ResourceInstance[] = [];
  const evidence = new PartitionEvidence();

  for (const entry of arrayOrEmpty(plan.resource_changes)) {
    if (!isRecord(entry)) continue;
    const instance = changedInstance(entry, planned);
    if (instance === undefined) continue;
    resources.push(instance);
    evidence.addResource(instance);
  }
  // What is left in `planned` has no entry in resource_changes.
  for (const { entry, moduleAddress } of [...planned.byAddress.values(), ...planned.repeated]) {
    const identity = readIdentity(entry, moduleAddress);
    if (identity === undefined) continue;
    const values = recordOrNull(entry.values);
    const instance = makeInstance(identity, { actions: UNCHANGED_ACTIONS, after: values, before: values });
    resources.push(instance);
    evidence.addResource(instance);
  }

  const priorStateData = priorStateDataSources(plan.prior_state);
  for (const instance of priorStateData.values()) evidence.addResource(instance);
  const variables = rootVariables(plan.variables);
  evidence.addProviderConfigs(plan.configuration, variables);
  const partitions = evidence.partitions();
  const partition = choosePartition(partitions);
  const terraformVersion = stringOrUndefined(plan.terraform_version);

  return {
    kind: 'plan',
    formatVersion: stringOrUndefined(plan.format_version) ?? '',
    ...(terraformVersion !== undefined ? { terraformVersion } : {}),
    resources,
    priorStateData,
    ...(plan.configuration !== undefined ? { configuration: plan.configuration } : {}),
    ...(partition !== undefined ? { partition } : {}),
    partitions,
    variables,
  };
}

/**
 * planned_values resources: the first entry of each full address, and any later entry at an
 * address already seen. Terraform writes each address once; a plan that repeats one has every
 * entry judged, so none goes unjudged behind another.
 */
interface PlannedResources {
  readonly byAddress: Map<string, PlannedResource>;
  readonly repeated: PlannedResource[];
}

function plannedResources(plannedValues: unknown): PlannedResources {
  const planned: PlannedResources = { byAddress: new Map(), repeated: [] };
  if (!isRecord(plannedValues)) return planned;
  forEachModuleResource(plannedValues.root_module, (entry, moduleAddress) => {
    const address = addressOf(entry, moduleAddress) ?? readIdentity(entry, moduleAddress)?.address;
    if (address === undefined) return;
    if (planned.byAddress.has(address)) planned.repeated.push({ entry, moduleAddress });
    else planned.byAddress.set(address, { entry, moduleAddress });
  });
  return planned;
}

/**
 * One `resource_changes` entry. The first planned_values entry at its address, if any, is taken
 * out of `planned`. A deposed object (left by create_before_destroy) being destroyed is dropped: it is
 * not in the state after apply and shares its address with the current object.
 */
function changedInstance(entry: JsonRecord, planned: PlannedResources): ResourceInstance | undefined {
  const identity = readIdentity(entry, undefined);
  if (identity === undefined) return undefined;
  const change = isRecord(entry.change) ? entry.change : EMPTY;
  const actions = readActions(change.actions);
  const leaves = leavesState(actions);
  const deposed = stringOrUndefined(entry.deposed);
  if (deposed !== undefined && leaves) return undefined;

  let after = recordOrNull(change.after);
  if (deposed === undefined) {
    const plannedEntry = planned.byAddress.get(identity.address);
    if (plannedEntry !== undefined) {
      planned.byAddress.delete(identity.address);
      if (after === null && !leaves) after = recordOrNull(plannedEntry.entry.values);
    }
  }
  return makeInstance(identity, {
    actions,
    after: leaves ? null : after,
    afterUnknown: change.after_unknown,
    before: recordOrNull(change.before),
    ...(deposed !== undefined ? { deposed } : {}),
  });
}

/** Data sources of `prior_state` (read during planning), by address. */
function priorStateDataSources(priorState: unknown): Map<string, ResourceInstance> {
  const byAddress = new Map<string, ResourceInstance>();
  if (!isRecord(priorState) || !isRecord(priorState.values)) return byAddress;
  forEachModuleResource(priorState.values.root_module, (resource, moduleAddress) => {
    if (resource.mode !== 'data') return;
    const identity = readIdentity(resource, moduleAddress);
    if (identity === undefined) return;
    byAddress.set(identity.address, makeInstance(identity, { actions: NO_ACTIONS, after: recordOrNull(resource.values), before: null }));
  });
  return byAddress;
}

function rootVariables(variables: unknown): Map<string, unknown> {
  const byName = new Map<string, unknown>();
  if (!isRecord(variables)) return byName;
  for (const [name, variable] of Object.entries(variables)) {
    if (isRecord(variable) && 'value' in variable) byName.set(name, variable.value);
  }
  return byName;
}
