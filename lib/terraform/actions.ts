/**
 * Change actions as Terraform writes them in `resource_changes[*].change.actions`:
 * `["create"]`, `["update"]`, `["no-op"]`, `["read"]`, `["delete"]`, `["forget"]`,
 * replacements `["delete","create"]`, `["create","delete"]`, `["create","forget"]`.
 */

/** A state lists no actions. */
export const NO_ACTIONS: readonly string[] = Object.freeze([]);

const NO_OP: readonly string[] = Object.freeze(['no-op']);

/** The actions of a resource shown in `planned_values` but missing from `resource_changes`. */
export const UNCHANGED_ACTIONS = NO_OP;

/**
 * True when the object is not in the state after apply: deleted (`["delete"]`) or removed from
 * the state without being destroyed (`["forget"]`). Replacements keep a new object; actions not
 * known here are judged on `after`, the safe side.
 */
export function leavesState(actions: readonly string[]): boolean {
  return actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget');
}

/** The action strings of a change, ignoring anything that is not a string. */
export function readActions(value: unknown): readonly string[] {
  if (!Array.isArray(value)) return NO_ACTIONS;
  return value.every((action) => typeof action === 'string') ? (value as string[]) : value.filter((action) => typeof action === 'string');
}
