import { completeAddress, formatAddress, parseAddress, type AddressParts } from './address.js';
import { stringOrUndefined, type JsonRecord } from './values.js';

/** Who a resource instance is: its address and what the address is made of. */
export interface InstanceIdentity extends AddressParts {
  readonly address: string;
  readonly providerName?: string;
}

/**
 * Reads the identity of a resource entry (`resource_changes[*]` or a module's `resources[*]`).
 * The recorded fields (`mode`, `type`, `name`, `index`, `module_address` or the enclosing module)
 * win; the address fills whatever is not recorded. Undefined when neither says what the entry is.
 */
export function readIdentity(entry: JsonRecord, enclosingModule: string | undefined): InstanceIdentity | undefined {
  const given = stringOrUndefined(entry.address);
  let moduleAddress = enclosingModule ?? stringOrUndefined(entry.module_address);
  let mode: 'managed' | 'data' | undefined = entry.mode === 'managed' || entry.mode === 'data' ? entry.mode : undefined;
  let type = stringOrUndefined(entry.type);
  let name = stringOrUndefined(entry.name);
  let index = instanceKey(entry.index);

  const incomplete =
    mode === undefined ||
    type === undefined ||
    name === undefined ||
    (index === undefined && given?.endsWith(']') === true) ||
    (moduleAddress === undefined && given?.startsWith('module.') === true);
  if (incomplete && given !== undefined) {
    const parsed = parseAddress(given);
    if (parsed !== undefined) {
      moduleAddress ??= parsed.moduleAddress;
      mode ??= parsed.mode;
      type ??= parsed.type;
      name ??= parsed.name;
      index ??= parsed.index;
    }
  }
  if (type === undefined || name === undefined) return undefined;
  mode ??= 'managed';

  const parts: AddressParts = {
    ...(moduleAddress !== undefined ? { moduleAddress } : {}),
    mode,
    type,
    name,
    ...(index !== undefined ? { index } : {}),
  };
  const address = given !== undefined ? completeAddress(given, moduleAddress, index) : formatAddress(parts);
  const providerName = stringOrUndefined(entry.provider_name);
  return { address, ...parts, ...(providerName !== undefined ? { providerName } : {}) };
}

function instanceKey(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}
