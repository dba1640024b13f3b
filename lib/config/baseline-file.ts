/**
 * Reads and validates a baseline file (schemas/baseline.schema.json).
 */
import type { Baseline } from '../gate/baseline.js';
import { ConfigError } from './errors.js';
import { readJsonFile } from './read-json-file.js';
import { schemaProblems } from './schema-validator.js';

/** From version 2 on every entry names its input; the schema cannot say so for one version only. */
function missingSources(baseline: Baseline): string[] {
  if (baseline.version === 1) return [];
  return baseline.findings.flatMap((entry, index) => (entry.source === undefined ? [`/findings/${index}/source is required.`] : []));
}

/** The baseline in `file`; throws ConfigError when it is missing, not JSON or not a baseline. */
export async function readBaselineFile(file: string): Promise<Baseline> {
  const value = await readJsonFile(file, 'baseline file');
  const problems = await schemaProblems('baseline', value);
  if (problems.length === 0) problems.push(...missingSources(value as Baseline));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return value as Baseline;
}
