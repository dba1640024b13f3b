/**
 * What a plan changes in a policy, as an RFC 6902 patch a reviewer can read: which edit widened
 * the access. Reformatting alone gives no operations.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { isRecord } from '../json-record.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Elements whose value may be one string or a list of strings, meaning the same. */
const LIST_ELEMENTS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

const isObject = isRecord<{ [key: string]: Json }>;

/** JSON text is parsed (a plan may carry the policy either way); anything unparsable stays as it is. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Objects rebuilt with sorted keys, so the operations come in the same order however the keys were written. */
function sortedKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = sortedKeys(value[key]);
  return out;
}

function listed(value: Json): Json {
  return Array.isArray(value) ? value : [value];
}

function normalStatement(statement: Json): Json {
  if (!isObject(statement)) return statement;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(statement)) {
    if (value === undefined) continue;
    if (LIST_ELEMENTS.has(key)) out[key] = listed(value);
    else if (key === 'Condition' && isObject(value)) {
      const condition: { [key: string]: Json } = {};
      for (const [operator, tests] of Object.entries(value)) {
        if (!isObject(tests)) condition[operator] = tests;
        else condition[operator] = Object.fromEntries(Object.entries(tests).map(([k, v]) => [k, listed(v)]));
      }
      out[key] = condition;
    } else out[key] = value;
  }
  return out;
}

/**
 * The policy document in one spelling: JSON text parsed, `Statement` always a list, Action /
 * NotAction / Resource / NotResource and condition values always lists, keys sorted, keys with
 * no value (undefined) dropped. Order within lists is kept: it is what the author wrote.
 */
export function normalisePolicy(document: unknown): unknown {
  const value = parsed(document);
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = { ...value };
  if (Object.hasOwn(value, 'Statement')) {
    const statements = value.Statement!;
    out.Statement = (Array.isArray(statements) ? statements : [statements]).map(normalStatement);
  }
  return sortedKeys(out);
}

/**
 * The patch from `before` to `after` (parsed documents or JSON text). It applies to the
 * parsed `before` document as written, so a reviewer can replay it; it is empty when the two
 * say the same in a different spelling (reformatting, key order, a string for a one-item list).
 */
export function policyChange(before: unknown, after: unknown): Operation[] {
  const from = normalisePolicy(before);
  const to = normalisePolicy(after);
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  const rawFrom = parsed(before);
  const rawTo = parsed(after);
  const container = (v: unknown): v is object => typeof v === 'object' && v !== null;
  if (container(rawFrom) && container(rawTo) && Array.isArray(rawFrom) === Array.isArray(rawTo)) return jsonpatch.compare(rawFrom, rawTo);
  return [{ op: 'replace', path: '', value: rawTo as Json }];
}
