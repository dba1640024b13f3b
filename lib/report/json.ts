/**
 * The stable JSON report (schemas/report.schema.json): the report object itself.
 */
import { jsonText } from './json-text.js';
import type { Formatter } from './types.js';

export const formatJson: Formatter = (report) => `${jsonText(report)}\n`;
