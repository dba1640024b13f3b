/**
 * The rules of this version, in report order. A new rule is a file beside decrypt.ts and an
 * entry here (and its id in schemas/config.schema.json, which a test compares with this list).
 */
import { DECRYPT_RULE } from './decrypt.js';
import { GRANT_RULE } from './grant.js';
import { PRINCIPAL_DECRYPT_RULE } from './principal-decrypt.js';
import { SCOPES } from '../iam/types.js';
import { describeScopes, scopedRuleId, type Rule, type RuleDescription } from './rule.js';

export const RULE_REGISTRY: readonly Rule[] = [DECRYPT_RULE, GRANT_RULE, PRINCIPAL_DECRYPT_RULE];

export const RULE_IDS: readonly string[] = RULE_REGISTRY.map((rule) => rule.id);

/** Every finding id of every rule, with its scope, severity, title and reach. */
export const SCOPED_RULES: readonly RuleDescription[] = RULE_REGISTRY.flatMap(describeScopes);

/** The rule a finding's id (`kms-grant-all-keys`) belongs to. */
export function ruleOfFinding(findingRuleId: string): Rule | undefined {
  return RULE_REGISTRY.find((rule) => SCOPES.some((scope) => scopedRuleId(rule, scope) === findingRuleId));
}

/** What a rule selection could not use: one sentence. */
export class RuleSelectionError extends Error {
  override readonly name = 'RuleSelectionError';
}

/**
 * The rules to run: those `rules` names (default: every rule enabled by default), less those
 * `skip` names, in registry order. An unknown id, or a selection that leaves no rule, is an error.
 */
export function selectRules(rules: readonly string[] | undefined, skip: readonly string[] = [], registry: readonly Rule[] = RULE_REGISTRY): Rule[] {
  const ids = registry.map((rule) => rule.id).join(', ');
  for (const id of [...(rules ?? []), ...skip]) {
    if (!registry.some((rule) => rule.id === id)) throw new RuleSelectionError(`Unknown rule "${id}"; the rules are ${ids}.`);
  }
  const wanted = rules ?? registry.filter((rule) => rule.enabledByDefault).map((rule) => rule.id);
  const selected = registry.filter((rule) => wanted.includes(rule.id) && !skip.includes(rule.id));
  if (selected.length === 0) throw new RuleSelectionError(`No rule is left to run: --skip-rule and rules leave none of ${ids}.`);
  return selected;
}
