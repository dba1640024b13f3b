/**
 * ajv errors -> one sentence each, naming the bad key (as a JSON pointer) and what is allowed.
 */
import type { ErrorObject } from 'ajv';

const TYPE_PHRASES: Readonly<Record<string, string>> = {
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  number: 'a number',
  integer: 'a whole number',
  null: 'null',
};

const PATTERN_PHRASES: Readonly<Record<string, string>> = {
  '\\S': 'must not be blank',
};

const FORMAT_PHRASES: Readonly<Record<string, string>> = {
  date: 'must be a date written YYYY-MM-DD',
};

/** A key as a JSON pointer token, with characters that could drive a terminal escaped. */
function pointerToken(key: unknown): string {
  return String(key)
    .replace(/~/g, '~0')
    .replace(/\//g, '~1')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

function subject(pointer: string): string {
  return pointer === '' ? 'The file' : pointer;
}

function typePhrase(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_PHRASES[String(t)] ?? String(t)).join(' or ');
}

function allowedKeys(error: ErrorObject): string {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(properties).join(', ');
}

function itemCount(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}

/** One sentence for one ajv error (compiled with `verbose: true`, so `parentSchema` is set). */
export function describeValidationError(error: ErrorObject): string {
  const at = subject(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${error.instancePath}/${pointerToken(params.additionalProperty)} is not an allowed key; allowed keys are ${allowedKeys(error)}.`;
    case 'required':
      return `${error.instancePath}/${pointerToken(params.missingProperty)} is required.`;
    case 'enum':
      return `${at} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}.`;
    case 'const':
      return `${at} must be ${JSON.stringify(params.allowedValue)}.`;
    case 'type':
      return `${at} must be ${typePhrase(params.type)}.`;
    case 'minItems':
      return params.limit === 1 ? `${at} must not be empty.` : `${at} must have at least ${itemCount(params.limit as number)}.`;
    case 'minLength':
      return params.limit === 1 ? `${at} must not be empty.` : `${at} must be at least ${String(params.limit)} characters long.`;
    case 'pattern': {
      const pattern = String(params.pattern);
      return `${at} ${PATTERN_PHRASES[pattern] ?? `must match the pattern ${pattern}`}.`;
    }
    case 'format': {
      const format = String(params.format);
      return `${at} ${FORMAT_PHRASES[format] ?? `must be a valid ${format}`}.`;
    }
    default:
      return `${at} ${error.message ?? 'is not valid'}.`;
  }
}
