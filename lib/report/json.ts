/**
 * The stable JSON report (schemas/report.schema.json): the report object itself.
 */
import type { Formatter } from './types.js';

export const formatJson: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
