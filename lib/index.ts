/**
 * kmsguard's library: `check()` returns the same report the JSON format prints.
 */
export { check, CHECK_WORK_LIMIT, DEFAULT_OPTIONS, OptionsError, resolveBlockedActions, WORK_PER_POLICY } from './check.js';
export type { CheckInput, CheckHooks } from './check.js';
export type { InputSpec } from './input/index.js';
export { exitCodeFor, findingFails } from './gate/summary.js';
export { RULE_REGISTRY, SCOPED_RULES } from './rules/registry.js';
export type { Rule, RuleDescription } from './rules/rule.js';
export { loadFormatter, formatNames } from './report/index.js';
export { parsePolicy, judgePolicy, WorkBudget, WORK_LIMIT, TooComplexError, PARTITIONS } from './iam/index.js';
export { VERSION } from './version.js';
export { ConfigError, loadConfig, resolveOptions, effectiveConfig } from './config/index.js';
export type { LoadedConfig, ResolvedOptions, EffectiveConfig } from './config/index.js';
export { baselineOf, formatBaseline } from './gate/baseline.js';
export type { Baseline, BaselineEntry } from './gate/baseline.js';
export type * from './types.js';
export type { Policy, Statement, Verdict, EvaluationOptions, UnknownValue } from './iam/types.js';
