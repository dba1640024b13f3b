import { completeAddress, formatAddress, parseAddress } from './address.js';
import { stringOrUndefined, type JsonRecord } from './values.js';

/** Who a resource instance is: its address and what the address is made of. */
export interface InstanceIdentity {
  readonly address: string;
  /** `module.team["a"]`, undefined at the root. */
  readonly moduleAddress?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly providerName?: string;
}

/**
 * The full address of a resource entry, from its recorded address, the module holding it and its
 * instance key; undefined when the entry records no address.
 */
export function addressOf(entry: JsonRecord, enclosingModule: string | undefined): string | undefined {
  const given = entry.address;
  if (typeof given !== 'string') return undefined;
  return completeAddress(given, enclosingModule ?? stringOrUndefined(entry.module_address), instanceKey(entry.index));
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

  const identity: { -readonly [K in keyof InstanceIdentity]: InstanceIdentity[K] } = {
    address: given !== undefined ? completeAddress(given, moduleAddress, index) : formatAddress({ moduleAddress, mode, type, name, index }),
    mode,
    type,
    name,
  };
  if (moduleAddress !== undefined) identity.moduleAddress = moduleAddress;
  if (index !== undefined) identity.index = index;
  const providerName = stringOrUndefined(entry.provider_name);
  if (providerName !== undefined) identity.providerName = providerName;
  return identity;
}

function instanceKey(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}
