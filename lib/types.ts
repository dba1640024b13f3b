/**
 * Types shared along the pipeline: input -> terraform -> extract -> rules -> report.
 */
import type { Operation } from 'fast-json-patch';
import type { Partition, Policy, Scope, ConditionMode, ResponsibleStatement } from './iam/types.js';

export type { Scope, Partition, ConditionMode } from './iam/types.js';

export type Severity = 'high' | 'medium' | 'low';
export type FailOn = Severity | 'never';

/** One JSON document read from an input: its source name and position within the stream. */
export interface InputDocument {
  /** File name as given, or `stdin`. */
  readonly source: string;
  /** 1-based position of the document in its stream when the stream holds several, else undefined. */
  readonly position?: number;
  readonly value: unknown;
}

/** A non-fatal remark about an input (e.g. trailing text after the JSON). */
export interface InputWarning {
  readonly source: string;
  /** 1-based position of the document concerned, set only when the stream holds several. */
  readonly position?: number;
  readonly message: string;
}

/** An input that could not be used at all. */
export interface InputError {
  readonly source: string;
  /** 1-based position of the document concerned, set only when the stream holds several. */
  readonly position?: number;
  readonly message: string;
}

/** A policy document as the plan or state gives it. */
export type PolicyValue =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'object'; readonly value: unknown }
  /**
   * Not known until apply; `model` is what the plan does know of it (possibly partial). When the
   * plan shows it is one of several documents without saying which (`data.x[count.index + 1]` and
   * `data.x[count.index]` leave the same references), `alternatives` holds each of them, and
   * `detail` names them in the same order: the verdict is definite only when they all agree.
   */
  | { readonly kind: 'unknown'; readonly detail: string; readonly model?: Policy; readonly alternatives?: readonly Policy[] }
  | { readonly kind: 'absent' };

/**
 * One identity policy to judge, found in a resource: the policy's site in the plan. Code names one
 * `policySource`; a bare `source` is always an input's name (file or `stdin`), as in a finding.
 */
export interface PolicySource {
  /** Terraform address, exactly as Terraform writes it: `module.a["x"].aws_iam_policy.p[0]`. */
  readonly address: string;
  readonly resourceType: string;
  /** Attribute path inside the resource: `policy`, `inline_policy[1].policy`. */
  readonly policyPath: string;
  /** The change action(s) of the resource in a plan (`["create"]`...), or `[]` in a state; a finding's `actions` are KMS actions. */
  readonly changeActions: readonly string[];
  /** The document after apply (plan) or now (state). */
  readonly after: PolicyValue;
  /** The document before this plan, for plans; absent for states and created resources. */
  readonly before?: PolicyValue;
  /** Set when the policy is deliberately not judged (e.g. only a permissions boundary). */
  readonly skip?: string;
}

export interface StatementRef extends ResponsibleStatement {}

/** A finding's fix as HCL, in the form the configuration writes the policy in. */
export interface HclFix {
  readonly form: 'aws_iam_policy_document' | 'jsonencode';
  /** What the text replaces: the data source (`data.aws_iam_policy_document.d`), or the attribute (`policy`). */
  readonly replaces: string;
  readonly text: string;
}

export interface Suppression {
  readonly reason: string;
  readonly expires?: string;
}

/** Where in the Terraform source a finding's policy is written (lines and columns 1-based). */
export interface SourceLocation {
  /** Relative to the working directory, `/` separated: `infra/prod/main.tf`. */
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** One policy through which a principal is granted a finding's actions. */
export interface PrincipalGrant {
  /** The policy: `aws_iam_policy.p (policy)`, an AWS managed policy's ARN, or what is known of it. */
  readonly policy: string;
  /** How the policy applies to the principal: `inline`, an attachment's address, or a group's address and its attachment. */
  readonly via: string;
  /** The policy's statements that grant, numbered as in that policy. */
  readonly statements: readonly StatementRef[];
}

/** The principal a finding of the principal view is about. */
export interface PrincipalOfFinding {
  readonly kind: 'role' | 'user' | 'group' | 'permission-set';
  /** Its name, when known. */
  readonly name?: string;
  /** Set when the plan does not manage the principal: only the policies the plan attaches to it were judged. */
  readonly outside?: true;
  readonly grants: readonly PrincipalGrant[];
  /** The permissions boundary the access was judged within, when one is set. */
  readonly boundary?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly address: string;
  readonly resourceType: string;
  readonly policyPath: string;
  readonly actions: readonly string[];
  readonly statements: readonly StatementRef[];
  readonly conditionKeys: readonly string[];
  /** True when the finding did not hold on `before` (always true for a state or a new policy). */
  readonly introduced: boolean;
  readonly fingerprint: string;
  readonly message: string;
  /** Compliance controls the finding answers to (`Security Hub KMS.1`); empty for a rule beyond them. */
  readonly compliance: readonly string[];
  readonly source: string;
  readonly position?: number;
  readonly mayWidenTo?: Scope;
  /** The reading of the policy's variables that gives this finding: `with ${aws:PrincipalAccount} = 111122223333`. */
  readonly reading?: string;
  /** RFC 6902 patch against the policy document that removes the finding. */
  readonly fix?: Operation[];
  /** The fixed document as HCL, when the configuration writes the policy with an aws_iam_policy_document or jsonencode. */
  readonly fixHcl?: HclFix;
  /** RFC 6902 patch from the document before this plan to the one after. */
  readonly policyChange?: Operation[];
  readonly suppressed?: Suppression;
  /** Set when the finding is in the baseline given with `--baseline`: reported, but never fails the run. */
  readonly baselined?: true;
  /** Where the policy is written, when a source root is in effect and the block was found. */
  readonly location?: SourceLocation;
  /** Findings of the principal view: the principal and the policies that grant it the actions. */
  readonly principal?: PrincipalOfFinding;
}

export type UnevaluatedReason = 'unknown' | 'invalid';

export interface Unevaluated {
  readonly address: string;
  readonly resourceType: string;
  readonly policyPath: string;
  readonly reason: UnevaluatedReason;
  readonly detail: string;
  readonly source: string;
  readonly position?: number;
}

export interface Skipped {
  readonly address: string;
  readonly resourceType: string;
  readonly policyPath: string;
  readonly reason: string;
  readonly source: string;
  readonly position?: number;
}

/** Every policy met, in report order, with what became of it (JUnit lists one testcase each). */
export interface PolicyOutcome {
  readonly address: string;
  readonly resourceType: string;
  readonly policyPath: string;
  readonly source: string;
  readonly position?: number;
  readonly outcome: 'finding' | 'clean' | 'unevaluated' | 'skipped';
}

export interface Summary {
  readonly documents: number;
  /** Policies judged (clean or finding). */
  readonly policies: number;
  readonly findings: number;
  readonly unevaluated: number;
  readonly skipped: number;
  readonly suppressed: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Findings that fail the run under the options used. */
  readonly failing: number;
  /** Plans with `complete: false` (deferred changes, -target): what they leave out was not judged; they fail the run under strict. */
  readonly incomplete: number;
  readonly passed: boolean;
  /** The options that decided `failing` and `passed`; every format reads them to say what fails the run. */
  readonly judgedWith: JudgedWith;
}

/** The options that decide which entries of a report fail the run. */
export type JudgedWith = Pick<Options, 'failOn' | 'onlyNew' | 'strict'>;

export interface Report {
  readonly tool: { readonly name: 'kmsguard'; readonly version: string };
  readonly summary: Summary;
  readonly findings: readonly Finding[];
  readonly policies: readonly PolicyOutcome[];
  readonly unevaluated: readonly Unevaluated[];
  readonly skipped: readonly Skipped[];
  readonly warnings: readonly InputWarning[];
  readonly errors: readonly InputError[];
}

/** Fully resolved options (config file + command line). */
export interface Options {
  /** The decrypt rule's blocked action patterns. */
  readonly blockedActions: readonly string[];
  /** Ids of the rules to run; undefined: every rule enabled by default. */
  readonly rules?: readonly string[];
  /** Ids of rules not to run (`--skip-rule`). */
  readonly skipRules?: readonly string[];
  /** Run the principal view (rule principal-decrypt) beside the rules `rules` selects (`--principals`). */
  readonly principals?: boolean;
  readonly failOn: FailOn;
  readonly conditions: ConditionMode;
  /** Undefined: from the plan's provider region, else `aws`. */
  readonly partition?: Partition;
  readonly strict: boolean;
  readonly onlyNew: boolean;
  /** Accepted findings (config file `suppressions`). */
  readonly suppressions?: readonly SuppressionRule[];
  /** Path of a baseline file: only findings not in it fail the run. */
  readonly baseline?: string;
  /** The date suppressions are judged on, `YYYY-MM-DD` (UTC); default: the current date. */
  readonly today?: string;
  /**
   * Steps of work judging one policy may take (library only; default WORK_LIMIT): past it the
   * policy is invalid, too complex to judge exactly. Counted in steps, not time, so a verdict
   * does not depend on the machine.
   */
  readonly workLimit?: number;
  /**
   * Steps of work the whole check may take (library only; default CHECK_WORK_LIMIT), plus
   * WORK_PER_POLICY for each policy judged: past it every policy left is invalid.
   */
  readonly checkWorkLimit?: number;
  /** The directory of the plan's root module: findings get source locations. */
  readonly sourceRoot?: string;
  /** Without `sourceRoot`: use the working directory when it holds the plan's root module. */
  readonly findSourceRoot?: boolean;
  /** `# kmsguard:ignore <reason>` comments above blocks suppress findings (default true). */
  readonly inlineIgnores?: boolean;
}

/** One entry of the config file's `suppressions` list. */
export interface SuppressionRule {
  /** Terraform address glob: `*` matches any characters (including `.`, `[` and `"`); all else is literal. */
  readonly address: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the suppression applies through that day (UTC). */
  readonly expires?: string;
  readonly resourceType?: string;
  readonly scope?: Scope;
  /** Glob over finding rule ids (`kms-grant-*`), `*` as in `address`. */
  readonly ruleId?: string;
  /** Where the entry was written (the config file name), for warnings. */
  readonly source?: string;
}
