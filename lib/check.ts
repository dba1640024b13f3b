/**
 * The library entry point: inputs -> one report. Never prints, never exits.
 */
import { expandBlockedActions, WorkBudget, WORK_LIMIT } from './iam/index.js';
import type { EvaluationOptions } from './iam/types.js';
import { partitionsToJudge } from './partitions-to-judge.js';
import type { TerraformDocument } from './terraform/types.js';
import { extractPolicies } from './extract/index.js';
import { documentKind, readInput } from './input/index.js';
import type { ProgressListener } from './input/progress.js';
import type { InputSpec } from './input/index.js';
import { readBaselineFile } from './config/baseline-file.js';
import { judgePolicySource, readPolicyValue, type Judgement, type RuleRun, type InputOrigin } from './rules/judge-policy-source.js';
import { policyWriting } from './extract/policy-writing.js';
import { withHclFixes } from './rules/fix-hcl.js';
import { applyBaseline, type Baseline } from './gate/baseline.js';
import { applySuppressions, todayUtc } from './gate/suppressions.js';
import { DEFAULT_BLOCKED_ACTIONS } from './rules/decrypt.js';
import { RULE_REGISTRY, type RuleSelectionError, selectRules } from './rules/registry.js';
import { PRINCIPAL_DECRYPT_RULE } from './rules/principal-decrypt.js';
import type { Rule } from './rules/rule.js';
import { summarize } from './gate/summary.js';
import { readTerraform } from './terraform/index.js';
import { judgePrincipals } from './principals/index.js';
import { isDirectory, locateFindings, type SourceSettings } from './source/index.js';
import type { Finding, InputDocument, InputError, InputWarning, Options, PolicyOutcome, PolicySource, Report, Skipped, Unevaluated } from './types.js';
import { VERSION } from './version.js';

/**
 * The work a whole check may take: this many steps, and WORK_PER_POLICY more for each policy it
 * judges. Each policy has its own budget (WORK_LIMIT) too; this one bounds a plan of many
 * expensive policies, which would otherwise take as long as all of them together.
 */
export const CHECK_WORK_LIMIT = 25 * WORK_LIMIT;
/** Real policies take a few hundred steps at most (npm run bench:hostile measures it). */
export const WORK_PER_POLICY = 10_000;

/** A path, or an input spec naming its source. */
export type CheckInput = string | InputSpec;

export const DEFAULT_OPTIONS: Options = {
  blockedActions: DEFAULT_BLOCKED_ACTIONS,
  failOn: 'medium',
  conditions: 'ignore',
  strict: false,
  onlyNew: false,
};

/** Options that cannot be used: the message says which and why. */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

function toSpec(input: CheckInput): InputSpec {
  return typeof input === 'string' ? { source: input, path: input } : input;
}

interface Collected {
  findings: Finding[];
  unevaluated: Unevaluated[];
  skipped: Skipped[];
  policies: PolicyOutcome[];
  warnings: InputWarning[];
  errors: InputError[];
  documents: number;
  incomplete: number;
}

/**
 * A plan with `complete: false` (Terraform 1.10+ deferred changes, or -target) leaves
 * resources out; what is not in it cannot be judged, so say so.
 */
function incompletePlanWarning(document: InputDocument, strict: boolean): InputWarning | undefined {
  const value = document.value as { complete?: unknown; deferred_changes?: unknown };
  if (value.complete !== false) return undefined;
  const deferred = Array.isArray(value.deferred_changes) ? value.deferred_changes.length : 0;
  const what = deferred > 0 ? `its ${deferred} deferred change${deferred === 1 ? '' : 's'}` : 'what Terraform left out of it';
  return {
    source: document.source,
    ...(document.position !== undefined ? { position: document.position } : {}),
    message: `The plan is incomplete ("complete": false), so ${what} could not be judged; ${strict ? 'with --strict this fails the run' : 'judge the next plan too'}.`,
  };
}

/** judgePolicySource, with a policy that makes it throw listed as invalid (it fails the run) rather than lost. */
function judgeGuarded(policySource: PolicySource, origin: InputOrigin, runs: readonly RuleRun[], work: WorkBudget): Judgement {
  try {
    return judgePolicySource(policySource, origin, runs, work);
  } catch (error) {
    const detail = `The policy could not be judged: ${(error as Error).message}.`;
    return {
      outcome: 'unevaluated',
      unevaluated: {
        address: policySource.address,
        resourceType: policySource.resourceType,
        policyPath: policySource.policyPath,
        ...origin,
        reason: 'invalid',
        detail,
      },
    };
  }
}

/** A rule in effect and the KMS actions it blocks. */
interface RuleInEffect {
  readonly rule: Rule;
  readonly blockedActions: readonly string[];
}

/** What source locations need from a judged document. */
interface Judged {
  readonly terraform: TerraformDocument;
  readonly policySources: readonly PolicySource[];
  /** Index in `Collected.findings` of the document's first finding. */
  readonly firstFinding: number;
}

function judgeDocument(
  document: InputDocument,
  options: Options,
  rules: readonly RuleInEffect[],
  into: Collected,
  hooks: CheckHooks,
  checkWork: WorkBudget,
): Judged | undefined {
  const { progress } = hooks;
  const origin = { source: document.source, ...(document.position !== undefined ? { position: document.position } : {}) };
  let terraform: ReturnType<typeof readTerraform>;
  try {
    terraform = readTerraform(document.value, documentKind(document.value));
  } catch (error) {
    into.errors.push({ source: document.source, message: `The document could not be read as Terraform JSON: ${(error as Error).message}` });
    return undefined;
  }
  const firstFinding = into.findings.length;
  into.documents += 1;
  const incomplete = incompletePlanWarning(document, options.strict);
  if (incomplete) {
    into.warnings.push(incomplete);
    into.incomplete += 1;
  }
  let policySources: ReturnType<typeof extractPolicies>;
  try {
    policySources = extractPolicies(terraform);
  } catch (error) {
    // Every walk over input values is bounded; this keeps one document that still defeats one
    // from costing the report of every other input.
    into.errors.push({ ...origin, message: `The document's policies could not be found: ${(error as Error).message}` });
    return undefined;
  }
  const partitions = partitionsToJudge(options, terraform, policySources);
  const allRuns: RuleRun[] = rules.map(({ rule, blockedActions }) => ({
    rule,
    evaluations: partitions.map((partition): EvaluationOptions => ({ blockedActions, partition, conditions: options.conditions })),
  }));
  const runs = allRuns.filter((run) => run.rule.subject === 'policy');
  const principalRuns = allRuns.filter((run) => run.rule.subject === 'principal');
  const resources = terraform.resources.length;
  let judged = 0;
  for (const policySource of runs.length > 0 ? policySources : []) {
    progress?.({ phase: 'judge', source: document.source, resources, judged: judged++, policies: policySources.length });
    checkWork.widen(WORK_PER_POLICY);
    const work = new WorkBudget(options.workLimit, checkWork);
    const judgement = judgeGuarded(policySource, origin, runs, work);
    const outcome: PolicyOutcome = {
      address: policySource.address,
      resourceType: policySource.resourceType,
      policyPath: policySource.policyPath,
      ...origin,
      outcome: judgement.outcome,
    };
    into.policies.push(outcome);
    hooks.judged?.(outcome, work.used);
    if (judgement.outcome === 'finding') {
      const readable = readPolicyValue(policySource.after);
      const document = readable.kind === 'policy' ? readable.document : undefined;
      into.findings.push(...withHclFixes(judgement.findings, document, () => policyWriting(terraform, policySource)));
      if (judgement.unevaluated) into.unevaluated.push(judgement.unevaluated);
    } else if (judgement.outcome === 'unevaluated') into.unevaluated.push(judgement.unevaluated);
    else if (judgement.outcome === 'skipped') into.skipped.push(judgement.skipped);
  }
  if (principalRuns.length > 0) judgeDocumentPrincipals(terraform, policySources, principalRuns, origin, options, into, hooks, checkWork);
  return { terraform, policySources, firstFinding };
}

/** The principal view of a document (rules whose subject is a principal), each principal on its own work budget. */
function judgeDocumentPrincipals(
  terraform: TerraformDocument,
  policySources: readonly PolicySource[],
  runs: readonly RuleRun[],
  origin: InputOrigin,
  options: Options,
  into: Collected,
  hooks: CheckHooks,
  checkWork: WorkBudget,
): void {
  let results: ReturnType<typeof judgePrincipals>;
  try {
    results = judgePrincipals(terraform, policySources, runs, origin, {
      next: () => {
        checkWork.widen(WORK_PER_POLICY);
        return new WorkBudget(options.workLimit, checkWork);
      },
      ...(hooks.judged ? { judged: hooks.judged } : {}),
    });
  } catch (error) {
    into.errors.push({ ...origin, message: `The document's principals could not be judged: ${(error as Error).message}` });
    return;
  }
  into.findings.push(...results.findings);
  into.unevaluated.push(...results.unevaluated);
  into.policies.push(...results.outcomes);
}

/** Source locations settings, or undefined when no source root can be in effect. */
function sourceSettings(options: Options): SourceSettings | undefined {
  if (options.sourceRoot === undefined && options.findSourceRoot !== true) return undefined;
  if (options.sourceRoot !== undefined && !isDirectory(options.sourceRoot)) {
    throw new OptionsError(`The source root "${options.sourceRoot}" is not a directory.`);
  }
  return {
    ...(options.sourceRoot !== undefined ? { root: options.sourceRoot } : {}),
    find: options.findSourceRoot === true,
    inlineIgnores: options.inlineIgnores !== false,
    today: options.today ?? todayUtc(),
    cwd: process.cwd(),
  };
}

/** Gives the document's findings their source locations and applies inline ignores. */
async function locateDocument(judged: Judged, settings: SourceSettings, into: Collected): Promise<void> {
  const located = await locateFindings(into.findings.slice(judged.firstFinding), judged.terraform, judged.policySources, settings);
  into.findings.splice(judged.firstFinding, into.findings.length - judged.firstFinding, ...located.findings);
  into.warnings.push(...located.warnings);
}

/** Suppressions and the baseline mark findings that stay in the report but no longer fail the run. */
function markAccepted(collected: Collected, options: Options, baseline: Baseline | undefined): void {
  const suppressions = applySuppressions(collected.findings, options.suppressions ?? [], options.today ?? todayUtc());
  collected.findings = suppressions.findings;
  collected.warnings.push(...suppressions.warnings);
  if (baseline === undefined || options.baseline === undefined) return;
  const baselined = applyBaseline(collected.findings, baseline, options.baseline);
  collected.findings = baselined.findings;
  collected.warnings.push(...baselined.warnings);
}

/** Resolves blocked action patterns to concrete KMS actions, or throws OptionsError. */
export function resolveBlockedActions(patterns: readonly string[]): string[] {
  const expanded = expandBlockedActions([...patterns]);
  if ('error' in expanded) throw new OptionsError(expanded.error);
  return expanded.actions;
}

/**
 * The rules to run (`rules` less `skipRules`) with the KMS actions each blocks, or throws
 * OptionsError (an unknown rule id, no rule left, a blocked action pattern matching no action).
 */
export function resolveRules(options: Pick<Options, 'rules' | 'skipRules' | 'blockedActions' | 'principals'>): RuleInEffect[] {
  let rules: Rule[];
  try {
    rules = selectRules(withPrincipals(options.rules, options.principals === true), options.skipRules);
  } catch (error) {
    // selectRules throws only RuleSelectionError: a sentence about the selection.
    throw new OptionsError((error as RuleSelectionError).message);
  }
  return rules.map((rule) => ({ rule, blockedActions: resolveBlockedActions(rule.blockedActions(options)) }));
}

/** The rules `rules` names (undefined: those on by default), with the principal rule when `principals` is set. */
function withPrincipals(rules: readonly string[] | undefined, principals: boolean): readonly string[] | undefined {
  if (!principals) return rules;
  const named = rules ?? RULE_REGISTRY.filter((rule) => rule.enabledByDefault).map((rule) => rule.id);
  return named.includes(PRINCIPAL_DECRYPT_RULE.id) ? named : [...named, PRINCIPAL_DECRYPT_RULE.id];
}

/** What a caller may follow while a check runs. */
export interface CheckHooks {
  /** Told how reading and judging large inputs goes (for a progress line). */
  readonly progress?: ProgressListener;
  /** Told, after each policy, the steps of work judging it took (of `workLimit`). */
  readonly judged?: (policy: PolicyOutcome, work: number) => void;
}

/**
 * Judges every plan or state in `inputs` and returns the report. Inputs that cannot be used
 * are listed in `report.errors`; the rest are still judged.
 */
export async function check(inputs: CheckInput | readonly CheckInput[], options: Partial<Options> = {}, hooks: CheckHooks = {}): Promise<Report> {
  const resolved: Options = { ...DEFAULT_OPTIONS, ...options };
  const rules = resolveRules(resolved);
  const locating = sourceSettings(resolved);
  const baseline = resolved.baseline !== undefined ? await readBaselineFile(resolved.baseline) : undefined;
  const list = Array.isArray(inputs) ? inputs : [inputs as CheckInput];
  const collected: Collected = { findings: [], unevaluated: [], skipped: [], policies: [], warnings: [], errors: [], documents: 0, incomplete: 0 };
  const checkWork = new WorkBudget(resolved.checkWorkLimit ?? CHECK_WORK_LIMIT, undefined, 'judging the policies of this check');
  for (const input of list) {
    const result = await readInput(toSpec(input), hooks.progress !== undefined ? { progress: hooks.progress } : {});
    collected.warnings.push(...result.warnings);
    collected.errors.push(...result.errors);
    for (const document of result.documents) {
      const judged = judgeDocument(document, resolved, rules, collected, hooks, checkWork);
      if (judged !== undefined && locating !== undefined) await locateDocument(judged, locating, collected);
    }
  }
  markAccepted(collected, resolved, baseline);
  return {
    tool: { name: 'kmsguard', version: VERSION },
    summary: summarize(collected, resolved),
    findings: collected.findings,
    policies: collected.policies,
    unevaluated: collected.unevaluated,
    skipped: collected.skipped,
    warnings: collected.warnings,
    errors: collected.errors,
  };
}
