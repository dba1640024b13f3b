/**
 * The formatter contract: one report in, the bytes of one format out.
 */
import type { Report } from '../types.js';

/**
 * What a formatter needs besides the report. Only the CLI knows these (TTY, limits); what fails
 * the run the report says itself (`summary.judgedWith`).
 */
export interface FormatContext {
  /** ANSI colour in the text format (the CLI decides from TTY, NO_COLOR and --no-color). */
  readonly color: boolean;
  /** Upper bound on the markdown output, in UTF-16 code units. Default 65,000. */
  readonly markdownMaxLength?: number;
}

/**
 * A pure function: the same report and context give the same string, with no dates, no
 * environment and no paths other than those in the report.
 */
export type Formatter = (report: Report, context: FormatContext) => string;
