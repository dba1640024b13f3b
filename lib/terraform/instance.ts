import type { ResourceInstance } from './types.js';
import type { InstanceIdentity } from './identity.js';
import type { JsonRecord } from './values.js';

interface InstanceState {
  readonly actions: readonly string[];
  readonly after: JsonRecord | null;
  readonly afterUnknown?: unknown;
  readonly before: JsonRecord | null;
  readonly deposed?: string;
}

/** Builds a resource instance without copying values; optional fields are left out when unset. */
export function makeInstance(identity: InstanceIdentity, state: InstanceState): ResourceInstance {
  const instance: { -readonly [K in keyof ResourceInstance]: ResourceInstance[K] } = {
    address: identity.address,
    mode: identity.mode,
    type: identity.type,
    name: identity.name,
    actions: state.actions,
    after: state.after,
    before: state.before,
  };
  if (identity.index !== undefined) instance.index = identity.index;
  if (identity.moduleAddress !== undefined) instance.moduleAddress = identity.moduleAddress;
  if (identity.providerName !== undefined) instance.providerName = identity.providerName;
  if (state.afterUnknown !== undefined) instance.afterUnknown = state.afterUnknown;
  if (state.deposed !== undefined) instance.deposed = state.deposed;
  return instance;
}
