/**
 * fast-check run settings shared by the property suites. KMSGUARD_SEED replays a failing run
 * (fast-check prints the seed and path on failure); KMSGUARD_RUNS sets the number of cases of
 * the differential test and scales the others alike (down under mutation testing, up for a
 * soak); KMSGUARD_FAST_FAIL=1 stops at the first counterexample without shrinking it.
 */
import type { Parameters } from 'fast-check';

function envNumber(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
  return value;
}

/** Number of generated cases: `defaultRuns`, scaled by KMSGUARD_RUNS / 10000 when that is set. */
export function runs(defaultRuns: number): number {
  const override = envNumber('KMSGUARD_RUNS');
  return override === undefined ? defaultRuns : Math.max(1, Math.round((defaultRuns * override) / 10_000));
}

export function propertyParameters<T>(defaultRuns: number): Parameters<T> {
  const seed = envNumber('KMSGUARD_SEED');
  const fastFail = process.env.KMSGUARD_FAST_FAIL === '1';
  return { numRuns: runs(defaultRuns), ...(seed !== undefined ? { seed } : {}), ...(fastFail ? { endOnFailure: true } : {}) };
}
