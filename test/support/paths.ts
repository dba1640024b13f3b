import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (tests run from dist/test/..., sources live in test/...). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const examplesDir = path.join(repoRoot, 'examples');
export const schemasDir = path.join(repoRoot, 'schemas');
/** Real plans with expected verdicts, kept beside the repository. */
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');
export const binPath = path.join(repoRoot, 'dist', 'bin', 'kmsguard.js');

export function fixture(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}
