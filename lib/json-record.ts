/**
 * The one test for a JSON object: not null, not an array.
 */

export type JsonRecord = Readonly<Record<string, unknown>>;

/** Whether `value` is a JSON object; `R` names what the caller reads it as (default: values unknown). */
export function isRecord<R extends object = JsonRecord>(value: unknown): value is R {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
