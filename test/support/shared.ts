/**
 * Files kept beside the repository in ../shared, not in it (CI has them): the real plans of
 * ../shared/corpus and the SARIF 2.1.0 schema. On a clone without them, the tests that read them
 * are skipped and one line on standard error says so, instead of mocha failing while it loads
 * the test files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { corpusDir, repoRoot } from './paths.js';

export const corpusPresent = existsSync(path.join(corpusDir, 'EXPECTED.json'));
export const sarifSchemaFile = path.resolve(repoRoot, '..', 'shared', 'schemas', 'sarif-2.1.0.json');
export const sarifSchemaPresent = existsSync(sarifSchemaFile);

if (!corpusPresent) process.stderr.write(`Corpus tests skipped: ${corpusDir} (real plans with expected verdicts) is missing.\n`);
if (!sarifSchemaPresent) process.stderr.write(`SARIF schema validation skipped: ${sarifSchemaFile} is missing.\n`);

/** Skips the calling test, or every test of the suite from a before hook, when the corpus is missing. */
export function requireCorpus(context: Mocha.Context): void {
  if (!corpusPresent) context.skip();
}

/** Skips the calling test when the SARIF schema is missing. */
export function requireSarifSchema(context: Mocha.Context): void {
  if (!sarifSchemaPresent) context.skip();
}

/** The corpus's plan and state files, sorted (none when the corpus is missing). */
export function corpusFiles(): string[] {
  return corpusPresent
    ? readdirSync(corpusDir)
        .filter((file) => file.endsWith('.json') && file !== 'EXPECTED.json')
        .sort()
    : [];
}

/** EXPECTED.json: each corpus file's exit status and findings (empty when the corpus is missing). */
export function corpusExpectations<T>(): Record<string, T> {
  return corpusPresent ? (JSON.parse(readFileSync(path.join(corpusDir, 'EXPECTED.json'), 'utf8')) as Record<string, T>) : {};
}
