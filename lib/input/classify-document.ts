/**
 * A parsed JSON value -> a Terraform plan, a Terraform state, or a sentence saying what it is
 * instead and what to run.
 *
 * A plan has `format_version` and at least one of `planned_values`, `resource_changes`,
 * `prior_state`, `configuration` (and no `values`). A state has `format_version` and `values`.
 * `terraform show -json` on an empty state prints only `format_version` (and maybe
 * `terraform_version`): that is a state with no resources.
 */
import type { DocumentKind } from '../terraform/types.js';
import { isRecord } from '../json-record.js';

export type { DocumentKind };

export type Classification =
  | { readonly ok: true; readonly kind: DocumentKind }
  | { readonly ok: false; readonly reason: ClassificationFailure; readonly message: string };

export type ClassificationFailure =
  | 'not-object'
  | 'raw-state'
  | 'ui-log'
  | 'other-command'
  | 'no-format-version'
  | 'bad-format-version'
  | 'unsupported-format-version'
  | 'plan-and-state'
  | 'neither';

const SHOW_JSON = 'run `terraform show -json <planfile>` and pass its output';
const PLAN_KEYS = ['planned_values', 'resource_changes', 'prior_state', 'configuration'] as const;
const EMPTY_STATE_KEYS = new Set(['format_version', 'terraform_version']);
const SUPPORTED_MAJOR_VERSIONS = new Set(['0', '1']);
const VERSION_PATTERN = /^(\d+)\.\d+$/;
const MAX_QUOTED_VERSION = 20;

type JsonObject = Readonly<Record<string, unknown>>;

function has(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key);
}

const isObject = isRecord<JsonObject>;

function fail(reason: ClassificationFailure, message: string): Classification {
  return { ok: false, reason, message };
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a JSON array';
  switch (typeof value) {
    case 'string':
      return 'a JSON string';
    case 'number':
      return 'a JSON number';
    case 'boolean':
      return `JSON ${String(value)}`;
    default:
      return 'a JSON value';
  }
}

function quoteVersion(version: string): string {
  const shown = version.length > MAX_QUOTED_VERSION ? `${version.slice(0, MAX_QUOTED_VERSION)}...` : version;
  return JSON.stringify(shown).replace(/[\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Objects that other Terraform commands print, recognised to name the right command. */
function otherCommand(object: JsonObject): string | undefined {
  if (has(object, 'provider_schemas')) return '`terraform providers schema -json`';
  if (has(object, 'diagnostics') && has(object, 'valid')) return '`terraform validate -json`';
  if (has(object, 'function_signatures')) return '`terraform metadata functions -json`';
  if (has(object, 'terraform_version') && has(object, 'platform') && !has(object, 'format_version')) return '`terraform version -json`';
  return undefined;
}

function isRawState(object: JsonObject): boolean {
  const version = object['version'];
  return (version === 3 || version === 4) && !has(object, 'format_version') && (Array.isArray(object['resources']) || Array.isArray(object['modules']));
}

/** One line of the log `terraform plan -json` / `apply -json` stream. */
function isUiLogLine(object: JsonObject): boolean {
  return typeof object['@level'] === 'string' && typeof object['@message'] === 'string';
}

function checkFormatVersion(version: unknown): Classification | undefined {
  if (typeof version !== 'string') {
    return fail('bad-format-version', 'The document\'s `format_version` is not a string such as "1.2", so it is not `terraform show -json` output.');
  }
  const match = VERSION_PATTERN.exec(version);
  if (match === null) {
    return fail(
      'bad-format-version',
      `The document's \`format_version\` ${quoteVersion(version)} is not a version such as "1.2", so it is not \`terraform show -json\` output.`,
    );
  }
  if (!SUPPORTED_MAJOR_VERSIONS.has(match[1]!)) {
    return fail(
      'unsupported-format-version',
      `The document has \`format_version\` ${quoteVersion(version)}, and kmsguard reads only major versions 0 and 1; use a kmsguard release that supports it.`,
    );
  }
  return undefined;
}

export function classifyDocument(value: unknown): Classification {
  if (!isObject(value)) {
    const what = describeJsonType(value);
    if (Array.isArray(value)) {
      return fail(
        'not-object',
        `The input is ${what}, not a plan or state object; pass each plan as its own document (for example one per line), not inside an array.`,
      );
    }
    return fail('not-object', `The input is ${what}, not a plan or state object; ${SHOW_JSON}.`);
  }
  if (isRawState(value)) {
    return fail(
      'raw-state',
      `The input is a raw Terraform state file (state version ${String(value['version'])}), not \`terraform show -json\` output; run \`terraform show -json\` and pass its output.`,
    );
  }
  if (isUiLogLine(value)) {
    return fail(
      'ui-log',
      `The input is the log that \`terraform plan -json\` prints, not a plan; save the plan with \`terraform plan -out=<planfile>\`, then ${SHOW_JSON}.`,
    );
  }
  const planKeys = PLAN_KEYS.filter((key) => has(value, key));
  const hasValues = has(value, 'values');
  if (!has(value, 'format_version')) {
    if (planKeys.length > 0 || hasValues) {
      return fail('no-format-version', `The document has no \`format_version\`, so it is not \`terraform show -json\` output; ${SHOW_JSON} unchanged.`);
    }
    return neither(value);
  }
  const version = checkFormatVersion(value['format_version']);
  if (version !== undefined) return version;
  if (hasValues && planKeys.length > 0) {
    return fail(
      'plan-and-state',
      `The document has both \`values\` (found in states) and \`${planKeys[0]}\` (found in plans), so it is neither a plan nor a state; ${SHOW_JSON}.`,
    );
  }
  if (hasValues) return { ok: true, kind: 'state' };
  if (planKeys.length > 0) return { ok: true, kind: 'plan' };
  if (Object.keys(value).every((key) => EMPTY_STATE_KEYS.has(key))) return { ok: true, kind: 'state' };
  return neither(value);
}

/** An object that is neither: named after the command that prints it, when recognised. */
function neither(object: JsonObject): Classification {
  const command = otherCommand(object);
  if (command !== undefined) return fail('other-command', `The input is the output of ${command}, not a plan or state; ${SHOW_JSON}.`);
  return fail(
    'neither',
    `The JSON object is neither a Terraform plan nor a state (it has none of \`planned_values\`, \`resource_changes\`, \`prior_state\`, \`configuration\` or \`values\`); ${SHOW_JSON}.`,
  );
}

/**
 * The kind of a document `readInput` accepted. Throws a TypeError for anything else: that is a
 * caller's mistake, not an input problem (readInput reports those as errors).
 */
export function documentKind(value: unknown): DocumentKind {
  const classification = classifyDocument(value);
  if (!classification.ok) throw new TypeError(`Not a plan or state document: ${classification.message}`);
  return classification.kind;
}
