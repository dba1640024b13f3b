/**
 * What a rule is: the seam every check plugs into. A rule judges each identity policy for one
 * family of actions granted on keys the policy does not name; its findings carry one id per
 * scope (`<id>-<scope>`). The rules themselves live one per file (decrypt.ts, grant.ts) and are
 * listed in registry.ts: SARIF rule descriptors, the config schema's rule ids, `kmsguard config`
 * and the README's rule table are all read from that list.
 */
import { SCOPES } from '../iam/types.js';
import type { FailOn, Options, Scope, Severity } from '../types.js';

/** One scope of a rule: the id findings at that scope carry, their severity and title. */
export interface RuleDescription {
  readonly id: string;
  readonly scope: Scope;
  readonly severity: Severity;
  readonly title: string;
  /** Where the access reaches, as a phrase: "every KMS key in any account". */
  readonly reach: string;
}

/**
 * How a finding's `fix` is made. `named-keys`: the rule's actions (and those of every other
 * enabled rule) leave the statements that grant them widely and are granted again on
 * placeholder key ARNs (fix.ts). `none`: findings carry no patch (a principal's access comes
 * from several policies; which to change is a choice).
 */
type FixStrategy = 'named-keys' | 'none';

/**
 * What a rule judges: one policy at a time (`policy`), or a principal with every identity policy
 * that applies to it (`principal`, lib/principals).
 */
type RuleSubject = 'policy' | 'principal';

export interface Rule {
  /** The rule's id, as `--rule`, `--skip-rule` and the config file's `rules` name it: `kms-decrypt`. */
  readonly id: string;
  /** A short name for tables: "Decryption with keys the policy does not name". */
  readonly name: string;
  readonly subject: RuleSubject;
  /** Off-by-default (opt-in) rules run only when `rules` or `--rule` names them. */
  readonly enabledByDefault: boolean;
  /** The action patterns the rule blocks, under the options in effect (expanded against the KMS actions). */
  readonly blockedActions: (options: Pick<Options, 'blockedActions'>) => readonly string[];
  /** Options that belong to this rule alone (e.g. `blockedActions` for the decrypt rule). */
  readonly options: readonly string[];
  readonly severity: Readonly<Record<Scope, Severity>>;
  /** Finding titles per scope. */
  readonly titles: Readonly<Record<Scope, string>>;
  /** What the rule flags at one scope (`reach`, see REACH) and why it matters, in a few sentences (SARIF full description). */
  readonly description: (reach: string) => string;
  /** A sentence added to each finding's message: what the allowed actions let the principal do. */
  readonly consequence?: string;
  /** One sentence on how to fix a finding. */
  readonly remediation: string;
  readonly fix: FixStrategy;
  /** Compliance control ids a finding on a policy of this resource type answers to (may be none). */
  readonly compliance: (resourceType: string) => readonly string[];
  /** How the rule stands to AWS Security Hub, for the README's rule table. */
  readonly parity: string;
}

/** Where each scope reaches, as a phrase. */
export const REACH: Readonly<Record<Scope, string>> = {
  'all-keys': 'KMS keys in accounts the policy does not name',
  'account-keys': 'KMS keys in regions the policy does not name (in the accounts it names)',
  'region-keys': 'KMS keys the policy does not name (in the accounts and regions it names)',
};

/** Where a principal's access reaches: REACH's phrase for the principal's policies together. */
export function principalReach(reach: string): string {
  return reach.replace('the policy does not name', 'its policies do not name').replace('it names', 'they name');
}

/** The severity every rule of this version gives each scope. */
export const SCOPE_SEVERITY: Readonly<Record<Scope, Severity>> = { 'all-keys': 'high', 'account-keys': 'medium', 'region-keys': 'low' };

/** The id a finding of `rule` at `scope` carries: `kms-decrypt-all-keys`. */
export function scopedRuleId(rule: Pick<Rule, 'id'>, scope: Scope): string {
  return `${rule.id}-${scope}`;
}

/** A rule's scopes, widest first, as finding ids with severity, title and reach. */
export function describeScopes(rule: Rule): RuleDescription[] {
  return SCOPES.map((scope) => ({ id: scopedRuleId(rule, scope), scope, severity: rule.severity[scope], title: rule.titles[scope], reach: REACH[scope] }));
}

/** Every severity, most severe first: the one order of severities. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

/** Whether severity `a` is more severe than severity `b`. */
export function moreSevere(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) < SEVERITIES.indexOf(b);
}

/** Whether a finding of this severity fails the run under `failOn`. */
export function severityFails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && !moreSevere(failOn, severity);
}
