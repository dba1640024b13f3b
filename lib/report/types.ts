/**
 * The formatter contract: one report in, the bytes of one format out.
 */
import type { FailOn, Report } from '../types.js';

/** What a formatter needs besides the report. Only the CLI knows these (TTY, options). */
export interface FormatContext {
  /** ANSI colour in the text format (the CLI decides from TTY, NO_COLOR and --no-color). */
  readonly color: boolean;
  /** Lowest severity that fails the run; decides FAIL vs WARN, error vs warning. Default `medium`. */
  readonly failOn?: FailOn;
  /** Only findings this plan introduces fail the run. Default false. */
  readonly onlyNew?: boolean;
  /** Policies not known until apply fail the run. Default false. */
  readonly strict?: boolean;
  /** Upper bound on the markdown output, in UTF-16 code units. Default 65,000. */
  readonly markdownMaxLength?: number;
}

/**
 * A pure function: the same report and context give the same string, with no dates, no
 * environment and no paths other than those in the report.
 */
export type Formatter = (report: Report, context: FormatContext) => string;
