/** Small readers for JSON values of unknown shape. They never copy what they read. */

import { isRecord, type JsonRecord } from '../json-record.js';

export type { JsonRecord };

export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function recordOrNull(value: unknown): JsonRecord | null {
  return isRecord(value) ? value : null;
}

export function arrayOrEmpty(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
