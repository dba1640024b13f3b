/**
 * Checks the structure kmsguard relies on against schemas/plan.schema.json and
 * schemas/state.schema.json, with validators compiled ahead of time (see
 * scripts/build-validators.ts). Errors cite the JSON pointer of the offending value.
 */
import * as compiled from './generated/validators.js';
import type { DocumentKind } from '../terraform/types.js';

interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaError[] | null;
}

const VALIDATORS: Readonly<Record<DocumentKind, CompiledValidator>> = {
  plan: compiled.validatePlan as unknown as CompiledValidator,
  state: compiled.validateState as unknown as CompiledValidator,
};

const ARTICLES: Readonly<Record<string, string>> = {
  array: 'an array',
  object: 'an object',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/** Input text inside a pointer, with characters that could drive a terminal escaped. */
function printablePointer(pointer: string): string {
  return pointer.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describeError(error: SchemaError): string {
  const pointer = error.instancePath === '' ? '/' : error.instancePath;
  switch (error.keyword) {
    case 'required':
      return `${printablePointer(`${error.instancePath}/${escapePointerToken(String(error.params['missingProperty']))}`)} is missing`;
    case 'type': {
      const types = ([] as unknown[]).concat(error.params['type']).map((t) => ARTICLES[String(t)] ?? String(t));
      return `${printablePointer(pointer)} must be ${types.join(' or ')}`;
    }
    case 'minItems':
      return `${printablePointer(pointer)} must not be empty`;
    default:
      return `${printablePointer(pointer)} ${error.message ?? 'is not valid'}`;
  }
}

/** Undefined when the document has the structure of its kind, else one sentence. */
export function validateDocument(value: unknown, kind: DocumentKind): string | undefined {
  const validator = VALIDATORS[kind];
  let valid: boolean;
  try {
    valid = validator(value);
  } catch (failure) {
    if (failure instanceof RangeError) return 'The document is nested too deeply to check.';
    throw failure;
  }
  if (valid) return undefined;
  const [first] = validator.errors ?? [];
  const detail = first === undefined ? 'it does not match the schema' : describeError(first);
  return `The ${kind} does not have the structure of \`terraform show -json\` output: ${detail}.`;
}
