/**
 * What `kmsguard config` prints: the settings in effect (written as a config file would hold
 * them), where each came from, and the KMS actions the blocked action patterns expand to.
 */
import type { ResolvedOptions, Setting } from './resolve-options.js';
import { SETTINGS } from './resolve-options.js';

export interface EffectiveConfig {
  /** The config file read, or null when there was none. */
  readonly configFile: string | null;
  /** Valid as a config file; `partition` and `baseline` are absent when not set. */
  readonly settings: Readonly<Partial<Record<Setting, unknown>>>;
  readonly origins: Readonly<Record<Setting, string>>;
  readonly blockedActionsExpanded: readonly string[];
  /** Each rule in effect with the KMS actions it blocks. */
  readonly rulesInEffect: readonly RuleInEffect[];
}

export interface RuleInEffect {
  readonly id: string;
  readonly blockedActions: readonly string[];
}

/** `rulesInEffect` also gives `settings.rules`: the rules that run, after `--skip-rule`. */
export function effectiveConfig(resolved: ResolvedOptions, blockedActionsExpanded: readonly string[], rulesInEffect: readonly RuleInEffect[]): EffectiveConfig {
  const settings: Partial<Record<Setting, unknown>> = {};
  for (const setting of SETTINGS) {
    const value = setting === 'rules' ? rulesInEffect.map((rule) => rule.id) : resolved.options[setting];
    if (value === undefined) continue;
    settings[setting] = setting === 'suppressions' ? resolved.options.suppressions!.map(({ source: _source, ...entry }) => entry) : value;
  }
  return {
    configFile: resolved.file ?? null,
    settings,
    origins: resolved.origins,
    blockedActionsExpanded: [...blockedActionsExpanded],
    rulesInEffect: rulesInEffect.map((rule) => ({ id: rule.id, blockedActions: [...rule.blockedActions] })),
  };
}
