/**
 * Validates config and baseline files against schemas/config.schema.json and
 * schemas/baseline.schema.json, with validators compiled ahead of time (see
 * scripts/build-validators.ts). The validators module is loaded only when a file is
 * actually validated, so runs without a config file pay nothing for it.
 */
import type { ErrorObject } from 'ajv';
import { describeValidationError } from './validation-messages.js';

type SchemaName = 'config' | 'baseline';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

interface ValidatorsModule {
  readonly validateConfig: CompiledValidator;
  readonly validateBaseline: CompiledValidator;
}

let validators: Promise<ValidatorsModule> | undefined;

function load(): Promise<ValidatorsModule> {
  validators ??= import('./generated/validators.js') as Promise<unknown> as Promise<ValidatorsModule>;
  return validators;
}

/** The problems with `value` under the schema, one sentence each; empty when it is valid. */
export async function schemaProblems(name: SchemaName, value: unknown): Promise<string[]> {
  const module = await load();
  const validate = name === 'config' ? module.validateConfig : module.validateBaseline;
  if (validate(value)) return [];
  return (validate.errors ?? []).map(describeValidationError);
}
