/** The shape of a red-team case: one fixture, the exit code, and what must become of every policy in it. */
import type { Scope, UnevaluatedReason } from '../../lib/types.js';

interface PolicyRow {
  readonly address: string;
  readonly policyPath: string;
  /** Set when kmsguard is known to get this row wrong: the test is skipped and says why. */
  readonly knownWrong?: string;
}

export interface FindingRow extends PolicyRow {
  readonly outcome: 'finding';
  /** In a case of every rule: the rule of this finding (default `kms-decrypt`). */
  readonly rule?: 'kms-decrypt' | 'kms-grant';
  readonly scope: Scope;
  readonly actions: readonly string[];
  /** Indexes of the responsible statements, in order. */
  readonly statements: readonly number[];
  /** Their Sids, when the row checks them (undefined for a statement without one). */
  readonly sids?: readonly (string | null)[];
  readonly conditionKeys: readonly string[];
  readonly introduced: boolean;
}

export interface CleanRow extends PolicyRow {
  readonly outcome: 'clean';
}

export interface UnevaluatedRow extends PolicyRow {
  readonly outcome: 'unevaluated';
  readonly reason: UnevaluatedReason;
  /** Text the detail must contain. */
  readonly detail?: string;
}

export interface SkippedRow extends PolicyRow {
  readonly outcome: 'skipped';
  /** Text the reason must contain. */
  readonly detail?: string;
}

export type ExpectedPolicy = FindingRow | CleanRow | UnevaluatedRow | SkippedRow;

export interface FixtureCase {
  /** File name under test/fixtures/redteam. */
  readonly file: string;
  readonly note?: string;
  /** Extra command-line arguments (before the file). */
  readonly args?: readonly string[];
  /**
   * The rule the case's verdicts are for (run with `--rule`); default `kms-decrypt`, the rule the
   * older cases were decided for. `all` runs every rule, each policy then having a row per rule.
   */
  readonly rule?: 'kms-decrypt' | 'kms-grant' | 'all';
  readonly exit: number;
  /** Exit code with `--strict` added, when the case checks it. */
  readonly strictExit?: number;
  /** Text the text report must contain (a warning), when the case checks it. */
  readonly warning?: string;
  /** Set when kmsguard's exit code for this fixture is known wrong. */
  readonly knownWrongExit?: string;
  /** Set when kmsguard's exit code with `--strict` is known wrong. */
  readonly knownWrongStrict?: string;
  /** Set when the text report's warning is known wrong. */
  readonly knownWrongWarning?: string;
  /** Set when the set of policies kmsguard meets in this fixture is known wrong. */
  readonly knownWrongSet?: string;
  /** Every policy kmsguard must meet in the fixture: nothing more, nothing less. */
  readonly policies: readonly ExpectedPolicy[];
}
