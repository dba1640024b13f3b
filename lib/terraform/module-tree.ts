import { isRecord } from '../json-record.js';
import { arrayOrEmpty, stringOrUndefined, type JsonRecord } from './values.js';

/**
 * Visits every resource of a `root_module` (planned_values, values, prior_state.values) and of its
 * child modules at any depth, in document order, with the address of the module holding it.
 */
export function forEachModuleResource(rootModule: unknown, visit: (resource: JsonRecord, moduleAddress: string | undefined) => void): void {
  if (isRecord(rootModule)) visitModule(rootModule, undefined, visit);
}

function visitModule(module: JsonRecord, moduleAddress: string | undefined, visit: (resource: JsonRecord, moduleAddress: string | undefined) => void): void {
  for (const resource of arrayOrEmpty(module.resources)) {
    if (isRecord(resource)) visit(resource, moduleAddress);
  }
  for (const child of arrayOrEmpty(module.child_modules)) {
    if (isRecord(child)) visitModule(child, stringOrUndefined(child.address) ?? moduleAddress, visit);
  }
}
