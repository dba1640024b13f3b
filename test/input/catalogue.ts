/**
 * Bad and odd inputs as users pipe them, each with exactly what kmsguard must make of it.
 * Shared by the library test (test/input/catalogue.test.ts) and the command-line test
 * (test/cli/input-catalogue.test.ts).
 */
import { readFileSync } from 'node:fs';
import { fixture } from '../support/paths.js';

export interface ExpectedDocument {
  readonly position?: number;
  readonly kind: 'plan' | 'state';
  /** The parsed value, when the case checks it. */
  readonly value?: unknown;
}

export interface ExpectedMessage {
  readonly position?: number;
  readonly message: string;
}

export interface CatalogueCase {
  readonly name: string;
  /** The bytes exactly as given on standard input or in a file. */
  readonly bytes: Buffer;
  readonly documents: readonly ExpectedDocument[];
  readonly warnings: readonly ExpectedMessage[];
  readonly errors: readonly ExpectedMessage[];
}

const SHOW = 'run `terraform show -json <planfile>` and pass its output';
const NEITHER =
  'The JSON object is neither a Terraform plan nor a state (it has none of `planned_values`, `resource_changes`, `prior_state`, `configuration` or `values`); ' +
  `${SHOW}.`;
const WRAPPER_FIX = 'set `terraform_wrapper: false` in the setup-terraform step.';

export const PLAN_TEXT = readFileSync(fixture('input', 'plan-small.json'), 'utf8').trimEnd();
export const STATE_TEXT = readFileSync(fixture('input', 'state-small.json'), 'utf8').trimEnd();
export const PLAN = JSON.parse(PLAN_TEXT) as unknown;
export const STATE = JSON.parse(STATE_TEXT) as unknown;

/** A minimal plan around the given planned root module (as JSON text). */
function planWithRoot(rootModule: string, extra = ''): string {
  return `{"format_version":"1.2","planned_values":{"root_module":${rootModule}}${extra}}`;
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function file(name: string): Buffer {
  return readFileSync(fixture('input', name));
}

/** `child_modules` nested `depth` levels below the root module. */
function nestedModules(depth: number): string {
  return `${'{"child_modules":['.repeat(depth - 1)}{"resources":[]}${']}'.repeat(depth - 1)}`;
}

const onePlan = [{ kind: 'plan', value: PLAN }] as const;

export const CATALOGUE: readonly CatalogueCase[] = [
  // Encodings
  { name: 'a plan in UTF-8', bytes: utf8(PLAN_TEXT), documents: onePlan, warnings: [], errors: [] },
  { name: 'a plan in UTF-8 with a byte order mark', bytes: utf8(`\uFEFF${PLAN_TEXT}\n`), documents: onePlan, warnings: [], errors: [] },
  {
    name: 'a plan in UTF-16LE with a byte order mark (PowerShell >)',
    bytes: Buffer.from(`\uFEFF${PLAN_TEXT}\r\n`, 'utf16le'),
    documents: onePlan,
    warnings: [],
    errors: [],
  },
  { name: 'a plan in UTF-16BE with a byte order mark', bytes: utf16be(`\uFEFF${PLAN_TEXT}\n`), documents: onePlan, warnings: [], errors: [] },
  { name: 'a plan in UTF-16LE without a byte order mark', bytes: Buffer.from(PLAN_TEXT, 'utf16le'), documents: onePlan, warnings: [], errors: [] },
  { name: 'a state in UTF-16BE without a byte order mark', bytes: utf16be(STATE_TEXT), documents: [{ kind: 'state', value: STATE }], warnings: [], errors: [] },
  {
    name: 'UTF-16LE cut in the middle of a character',
    bytes: Buffer.concat([Buffer.from(`\uFEFF${PLAN_TEXT}`, 'utf16le'), Buffer.from([0x0a])]),
    documents: [],
    warnings: [],
    errors: [{ message: 'The input is UTF-16LE text with an odd number of bytes, so it is cut short; save the complete output again.' }],
  },
  {
    name: 'UTF-32 text',
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from('{\0\0\0}\0\0\0')]),
    documents: [],
    warnings: [],
    errors: [{ message: 'The input is UTF-32 text, which kmsguard does not read; save it as UTF-8.' }],
  },
  {
    name: 'bytes that are not UTF-8 (Latin-1)',
    bytes: Buffer.concat([utf8('{"format_version":"1.2",\n"x":"'), Buffer.from([0xe9]), utf8('"}')]),
    documents: [],
    warnings: [],
    errors: [{ message: 'The input is not valid UTF-8 text (the first bad byte is at line 2, column 6); save the output of `terraform show -json` as UTF-8.' }],
  },
  {
    name: 'a bad byte after a genuine U+FFFD character',
    bytes: Buffer.concat([utf8('{"a":"\uFFFD\u00e9","b":"'), Buffer.from([0xc3, 0x28]), utf8('"}')]),
    documents: [],
    warnings: [],
    errors: [
      { message: 'The input is not valid UTF-8 text (the first bad byte is at line 1, column 16); save the output of `terraform show -json` as UTF-8.' },
    ],
  },

  // Not text, or no content
  { name: 'empty input', bytes: Buffer.alloc(0), documents: [], warnings: [], errors: [{ message: `The input is empty; ${SHOW}.` }] },
  { name: 'whitespace only', bytes: utf8(' \n\t\r\n  '), documents: [], warnings: [], errors: [{ message: `The input contains only whitespace; ${SHOW}.` }] },
  { name: 'a byte order mark only', bytes: utf8('\uFEFF'), documents: [], warnings: [], errors: [{ message: `The input is empty; ${SHOW}.` }] },
  {
    name: 'a binary plan file (zip)',
    bytes: file('plan.tfplan'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is a binary plan file (a zip archive), not JSON; ${SHOW}.` }],
  },
  {
    name: 'gzip-compressed JSON',
    bytes: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]),
    documents: [],
    warnings: [],
    errors: [{ message: 'The input is gzip-compressed; decompress it (for example with `gunzip -c`) and pass the JSON inside.' }],
  },
  {
    name: 'other binary data',
    bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is binary data, not JSON; ${SHOW}.` }],
  },

  // Text that is not JSON
  {
    name: 'Terraform configuration (HCL)',
    bytes: file('main.tf'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is Terraform configuration (HCL), not JSON; create a plan with \`terraform plan -out=<planfile>\`, then ${SHOW}.` }],
  },
  {
    name: 'Terraform variables (.tfvars)',
    bytes: utf8('region = "eu-west-1"\naccount_id = "111122223333"\n'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is Terraform configuration (HCL), not JSON; create a plan with \`terraform plan -out=<planfile>\`, then ${SHOW}.` }],
  },
  {
    name: 'human-readable plan output',
    bytes: file('plan-human.txt'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is Terraform's human-readable plan output, not JSON; ${SHOW}.` }],
  },
  {
    name: 'coloured plan output',
    bytes: utf8('\u001b[0m\u001b[1m\u001b[32mNo changes.\u001b[0m\n'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is Terraform's human-readable plan output, not JSON; ${SHOW}.` }],
  },
  {
    name: 'wrapper lines before the JSON',
    bytes: utf8(`[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n${PLAN_TEXT}\n`),
    documents: [],
    warnings: [],
    errors: [{ message: `The input starts with lines from GitHub's setup-terraform wrapper, not JSON; ${WRAPPER_FIX}` }],
  },
  {
    name: "Terragrunt's log with the plan inside its lines",
    bytes: utf8(`14:30:56.137 INFO   The stack at . will be processed in the following order\n14:30:57.002 STDOUT [app] terraform: ${PLAN_TEXT}\n`),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          "The input is Terragrunt's log, with Terraform's output inside its lines, not JSON; run terragrunt with `--tf-forward-stdout` (`--terragrunt-forward-tf-stdout` before 0.73) so it prints the JSON as it is.",
      },
    ],
  },
  {
    name: 'a number followed by text',
    bytes: utf8('42 is the answer\n'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is not JSON (it starts with "42 is the answer"); ${SHOW}.` }],
  },
  {
    name: 'some other text',
    bytes: utf8('Error: No configuration files\n'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is not JSON (it starts with "Error: No configuration files"); ${SHOW}.` }],
  },
  {
    name: 'text whose first word looks like a JSON literal',
    bytes: utf8('nothing to see\n'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is not JSON (it starts with "nothing to see"); ${SHOW}.` }],
  },
  {
    name: 'text with terminal control characters and a long first line',
    bytes: utf8(`<\u0007\u202e>${'x'.repeat(60)}`),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is not JSON (it starts with "<\\u0007\\u202E>${'x'.repeat(36)}..."); ${SHOW}.` }],
  },

  // Malformed JSON
  {
    name: 'truncated JSON',
    bytes: utf8('{"format_version":"1.2",\n "planned_values":{"root_module":{'),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          "The JSON is truncated: it ends at line 2, column 35 inside a document (expected a property name in double quotes or '}'); save the complete output of `terraform show -json`.",
      },
    ],
  },
  {
    name: 'JSON cut inside a string',
    bytes: utf8('{"format_version":"1.'),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          "The JSON is truncated: it ends at line 1, column 22 inside a document (expected '\"' to close the string); save the complete output of `terraform show -json`.",
      },
    ],
  },
  {
    name: 'a missing value',
    bytes: utf8('{\n  "format_version": "1.2",\n  "planned_values": ,\n}'),
    documents: [],
    warnings: [],
    errors: [{ message: "The JSON is malformed at line 3, column 21: expected a JSON value but found ','." }],
  },
  {
    name: 'a trailing comma',
    bytes: utf8('{"format_version":"1.2","planned_values":{"root_module":{}},}'),
    documents: [],
    warnings: [],
    errors: [{ message: "The JSON is malformed at line 1, column 61: expected a property name in double quotes but found '}'." }],
  },
  {
    name: 'single quotes',
    bytes: utf8("{'format_version':'1.2'}"),
    documents: [],
    warnings: [],
    errors: [{ message: "The JSON is malformed at line 1, column 2: expected a property name in double quotes or '}' but found '''." }],
  },
  {
    name: 'a raw control character inside a string',
    bytes: utf8('{"format_version":"1.2","x":"a\tb"}'),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The JSON is malformed at line 1, column 31: expected an escaped character (control characters must be escaped inside a string) but found U+0009.',
      },
    ],
  },
  {
    name: 'an invalid escape',
    bytes: utf8('{"format_version":"1.2","x":"C:\\Users"}'),
    documents: [],
    warnings: [],
    errors: [
      { message: "The JSON is malformed at line 1, column 33: expected a valid escape sequence (one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u) but found 'U'." },
    ],
  },
  {
    name: 'a missing comma between properties',
    bytes: utf8('{"format_version":"1.2"\n"planned_values":{}}'),
    documents: [],
    warnings: [],
    errors: [{ message: "The JSON is malformed at line 2, column 1: expected ',' or '}' after the property value but found '\"'." }],
  },

  // JSON that is not a plan or a state
  {
    name: 'a JSON array',
    bytes: utf8(`[${PLAN_TEXT}]`),
    documents: [],
    warnings: [],
    errors: [
      { message: 'The input is a JSON array, not a plan or state object; pass each plan as its own document (for example one per line), not inside an array.' },
    ],
  },
  {
    name: 'a JSON string',
    bytes: utf8(JSON.stringify(PLAN_TEXT)),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is a JSON string, not a plan or state object; ${SHOW}.` }],
  },
  {
    name: 'a JSON number',
    bytes: utf8('42\n'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is a JSON number, not a plan or state object; ${SHOW}.` }],
  },
  {
    name: 'JSON null',
    bytes: utf8('null'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is JSON null, not a plan or state object; ${SHOW}.` }],
  },
  {
    name: 'JSON true',
    bytes: utf8('true'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is JSON true, not a plan or state object; ${SHOW}.` }],
  },
  { name: 'an empty object', bytes: utf8('{}'), documents: [], warnings: [], errors: [{ message: NEITHER }] },
  {
    name: 'terraform output -json',
    bytes: utf8('{"bucket":{"sensitive":false,"type":"string","value":"logs"}}'),
    documents: [],
    warnings: [],
    errors: [{ message: NEITHER }],
  },
  {
    name: 'a raw state file (version 4)',
    bytes: file('terraform.tfstate'),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The input is a raw Terraform state file (state version 4), not `terraform show -json` output; run `terraform show -json` and pass its output.',
      },
    ],
  },
  {
    name: 'a raw state file (version 3)',
    bytes: utf8('{"version":3,"terraform_version":"0.11.14","serial":1,"lineage":"x","modules":[{"path":["root"],"outputs":{},"resources":{}}]}'),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The input is a raw Terraform state file (state version 3), not `terraform show -json` output; run `terraform show -json` and pass its output.',
      },
    ],
  },
  {
    name: 'terraform providers schema -json',
    bytes: file('providers-schema.json'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is the output of \`terraform providers schema -json\`, not a plan or state; ${SHOW}.` }],
  },
  {
    name: 'terraform validate -json',
    bytes: utf8('{"format_version":"1.0","valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is the output of \`terraform validate -json\`, not a plan or state; ${SHOW}.` }],
  },
  {
    name: 'terraform version -json',
    bytes: utf8('{"terraform_version":"1.9.0","platform":"linux_amd64","provider_selections":{},"terraform_outdated":false}'),
    documents: [],
    warnings: [],
    errors: [{ message: `The input is the output of \`terraform version -json\`, not a plan or state; ${SHOW}.` }],
  },
  {
    name: 'the log terraform plan -json streams (one error for the stream)',
    bytes: file('plan-json-log.jsonl'),
    documents: [],
    warnings: [],
    errors: [
      {
        message: `The input is the log that \`terraform plan -json\` prints, not a plan; save the plan with \`terraform plan -out=<planfile>\`, then ${SHOW}.`,
      },
    ],
  },
  {
    name: 'a plan without format_version',
    bytes: utf8('{"planned_values":{"root_module":{}},"resource_changes":[]}'),
    documents: [],
    warnings: [],
    errors: [{ message: `The document has no \`format_version\`, so it is not \`terraform show -json\` output; ${SHOW} unchanged.` }],
  },
  {
    name: 'format_version as a number',
    bytes: utf8('{"format_version":1.2,"planned_values":{"root_module":{}}}'),
    documents: [],
    warnings: [],
    errors: [{ message: 'The document\'s `format_version` is not a string such as "1.2", so it is not `terraform show -json` output.' }],
  },
  {
    name: 'format_version that is not a version',
    bytes: utf8('{"format_version":"latest\\u001b[2J","values":{"root_module":{}}}'),
    documents: [],
    warnings: [],
    errors: [{ message: 'The document\'s `format_version` "latest\\u001b[2J" is not a version such as "1.2", so it is not `terraform show -json` output.' }],
  },
  {
    name: 'format_version 2.0',
    bytes: utf8(planWithRoot('{}').replace('"1.2"', '"2.0"')),
    documents: [],
    warnings: [],
    errors: [{ message: 'The document has `format_version` "2.0", and kmsguard reads only major versions 0 and 1; use a kmsguard release that supports it.' }],
  },
  {
    name: 'both values and planned_values',
    bytes: utf8('{"format_version":"1.0","values":{"root_module":{}},"planned_values":{"root_module":{}}}'),
    documents: [],
    warnings: [],
    errors: [
      { message: `The document has both \`values\` (found in states) and \`planned_values\` (found in plans), so it is neither a plan nor a state; ${SHOW}.` },
    ],
  },
  {
    name: 'an errored plan',
    bytes: utf8(planWithRoot('{}', ',"errored":true,"complete":false')),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The plan is errored (`errored: true`): Terraform stopped before finishing it, so it is incomplete and cannot be trusted; fix the errors and plan again.',
      },
    ],
  },

  // Structure (schema)
  {
    name: 'a plan whose complete is the string "false" (it would read as complete)',
    bytes: utf8(planWithRoot('{}', ',"complete":"false"')),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /complete must be true or false.' }],
  },
  {
    name: 'a plan without planned_values',
    bytes: utf8('{"format_version":"1.2","resource_changes":[]}'),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /planned_values is missing.' }],
  },
  {
    name: 'change actions that are not an array',
    bytes: utf8(
      planWithRoot(
        '{}',
        ',"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":"create","before":null,"after":{},"after_unknown":{}}}]',
      ),
    ),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /resource_changes/0/change/actions must be an array.' }],
  },
  {
    name: 'a resource change without after_unknown',
    bytes: utf8(
      planWithRoot(
        '{}',
        ',"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"],"before":null,"after":{}}}]',
      ),
    ),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /resource_changes/0/change/after_unknown is missing.' }],
  },
  {
    name: 'after that is a string',
    bytes: utf8(
      planWithRoot(
        '{}',
        ',"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["update"],"before":{},"after":"x","after_unknown":{}}}]',
      ),
    ),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /resource_changes/0/change/after must be an object or null.' }],
  },
  {
    name: 'empty change actions',
    bytes: utf8(
      planWithRoot(
        '{}',
        ',"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":[],"before":null,"after":{},"after_unknown":{}}}]',
      ),
    ),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /resource_changes/0/change/actions must not be empty.' }],
  },
  {
    name: 'a planned resource without an address, in a child module',
    bytes: utf8(planWithRoot('{"child_modules":[{"address":"module.a","resources":[{"mode":"managed","type":"t","name":"n","values":{}}]}]}')),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The plan does not have the structure of `terraform show -json` output: /planned_values/root_module/child_modules/0/resources/0/address is missing.',
      },
    ],
  },
  {
    name: 'resource values that are an array',
    bytes: utf8(planWithRoot('{"resources":[{"address":"t.n","mode":"managed","type":"t","name":"n","values":[]}]}')),
    documents: [],
    warnings: [],
    errors: [
      { message: 'The plan does not have the structure of `terraform show -json` output: /planned_values/root_module/resources/0/values must be an object.' },
    ],
  },
  {
    name: 'a resource index that is neither a number nor a string',
    bytes: utf8(planWithRoot('{"resources":[{"address":"t.n","mode":"managed","type":"t","name":"n","index":1.5,"values":{}}]}')),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The plan does not have the structure of `terraform show -json` output: /planned_values/root_module/resources/0/index must be an integer or a string.',
      },
    ],
  },
  {
    name: 'prior state resources that are not an array',
    bytes: utf8(planWithRoot('{}', ',"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":{}}}}')),
    documents: [],
    warnings: [],
    errors: [{ message: 'The plan does not have the structure of `terraform show -json` output: /prior_state/values/root_module/resources must be an array.' }],
  },
  {
    name: 'a module call with a hostile name and a bad module',
    bytes: utf8(planWithRoot('{}', ',"configuration":{"root_module":{"module_calls":{"a/b~\\u001b[31m":{"source":"./a","module":[]}}}}')),
    documents: [],
    warnings: [],
    errors: [
      {
        message:
          'The plan does not have the structure of `terraform show -json` output: /configuration/root_module/module_calls/a~1b~0\\u001B[31m/module must be an object.',
      },
    ],
  },
  {
    name: 'a state without root_module',
    bytes: utf8('{"format_version":"1.0","values":{"outputs":{}}}'),
    documents: [],
    warnings: [],
    errors: [{ message: 'The state does not have the structure of `terraform show -json` output: /values/root_module is missing.' }],
  },
  {
    name: 'a state resource whose type is a number',
    bytes: utf8('{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"t.n","mode":"managed","type":7,"name":"n","values":{}}]}}}'),
    documents: [],
    warnings: [],
    errors: [{ message: 'The state does not have the structure of `terraform show -json` output: /values/root_module/resources/0/type must be a string.' }],
  },

  // Good but odd
  {
    name: 'an empty state',
    bytes: utf8('{"format_version":"1.0","terraform_version":"1.9.0"}\n'),
    documents: [{ kind: 'state', value: { format_version: '1.0', terraform_version: '1.9.0' } }],
    warnings: [],
    errors: [],
  },
  {
    name: 'a planned resource whose values are all unknown (no values key)',
    bytes: utf8(planWithRoot('{"resources":[{"address":"t.n","mode":"managed","type":"t","name":"n"}]}')),
    documents: [{ kind: 'plan' }],
    warnings: [],
    errors: [],
  },
  {
    name: 'two documents concatenated',
    bytes: utf8(`${PLAN_TEXT}${STATE_TEXT}`),
    documents: [
      { position: 1, kind: 'plan', value: PLAN },
      { position: 2, kind: 'state', value: STATE },
    ],
    warnings: [],
    errors: [],
  },
  {
    name: 'three plans one per line (terragrunt run-all show -json)',
    bytes: utf8(`${PLAN_TEXT}\n${PLAN_TEXT}\r\n${PLAN_TEXT}\n`),
    documents: [
      { position: 1, kind: 'plan', value: PLAN },
      { position: 2, kind: 'plan', value: PLAN },
      { position: 3, kind: 'plan', value: PLAN },
    ],
    warnings: [],
    errors: [],
  },
  {
    name: 'two UTF-8 files with byte order marks joined with cat',
    bytes: utf8(`\uFEFF${PLAN_TEXT}\n\uFEFF${STATE_TEXT}\n`),
    documents: [
      { position: 1, kind: 'plan', value: PLAN },
      { position: 2, kind: 'state', value: STATE },
    ],
    warnings: [],
    errors: [],
  },
  {
    name: 'setup-terraform wrapper lines after the plan',
    bytes: utf8(`${PLAN_TEXT}\n::debug::Terraform exited with code 0.\n::debug::stdout: ${PLAN_TEXT}\n::debug::stderr: \n::debug::exitcode: 0\n`),
    documents: onePlan,
    warnings: [
      {
        message: `Ignored the text after the JSON at line 2, column 1 ("::debug::Terraform exited with code 0."); it comes from GitHub's setup-terraform wrapper, so ${WRAPPER_FIX}`,
      },
    ],
    errors: [],
  },
  {
    name: 'other text after the plan',
    bytes: utf8(`${PLAN_TEXT}   Releasing state lock. This may take a few moments...\n`),
    documents: onePlan,
    warnings: [
      {
        message: `Ignored the text after the JSON at line 1, column ${PLAN_TEXT.length + 4} ("Releasing state lock. This may take a fe..."); if a wrapper such as GitHub's setup-terraform adds it, turn that off (\`terraform_wrapper: false\`).`,
      },
    ],
    errors: [],
  },
  {
    name: 'wrapper lines after two plans',
    bytes: utf8(`${PLAN_TEXT}\n${PLAN_TEXT}\n::debug::exitcode: 0\n`),
    documents: [
      { position: 1, kind: 'plan', value: PLAN },
      { position: 2, kind: 'plan', value: PLAN },
    ],
    warnings: [
      {
        message: `Ignored the text after the JSON at line 3, column 1 ("::debug::exitcode: 0"); it comes from GitHub's setup-terraform wrapper, so ${WRAPPER_FIX}`,
      },
    ],
    errors: [],
  },
  {
    name: 'a stray closing brace after the plan',
    bytes: utf8(`${PLAN_TEXT}}\n`),
    documents: onePlan,
    warnings: [
      {
        message: `Ignored the text after the JSON at line 1, column ${PLAN_TEXT.length + 1} ("}"); if a wrapper such as GitHub's setup-terraform adds it, turn that off (\`terraform_wrapper: false\`).`,
      },
    ],
    errors: [],
  },

  {
    name: 'wrapper lines between two plans (the second would go unread)',
    bytes: utf8(`${PLAN_TEXT}\n::debug::exitcode: 0\n${PLAN_TEXT}\n`),
    documents: [{ position: 1, kind: 'plan', value: PLAN }],
    warnings: [],
    errors: [
      {
        position: 2,
        message:
          'The input has text that is not JSON at line 2, column 1 ("::debug::exitcode: 0") and another document after it at line 3, column 1, which kmsguard does not skip to; remove the text between the documents (it comes from GitHub\'s setup-terraform wrapper: set `terraform_wrapper: false` in the setup-terraform step).',
      },
    ],
  },
  {
    name: 'other text, then a plan in an array opened on a later line',
    bytes: utf8(`${PLAN_TEXT}\nReleasing state lock.\n \t[\n\n  ${PLAN_TEXT}]\n`),
    documents: [{ position: 1, kind: 'plan', value: PLAN }],
    warnings: [],
    errors: [
      {
        position: 2,
        message:
          'The input has text that is not JSON at line 2, column 1 ("Releasing state lock.") and another document after it at line 3, column 1, which kmsguard does not skip to; remove the text between the documents.',
      },
    ],
  },
  {
    name: 'text after the plan with braces inside its lines and a bracket opening one',
    bytes: utf8(`${PLAN_TEXT}\nnote: {"a": 1}\n[command] {x}\n[x]\n`),
    documents: onePlan,
    warnings: [
      {
        message: `Ignored the text after the JSON at line 2, column 1 ("note: {\\"a\\": 1}"); if a wrapper such as GitHub's setup-terraform adds it, turn that off (\`terraform_wrapper: false\`).`,
      },
    ],
    errors: [],
  },

  // Streams with a bad document
  {
    name: 'a truncated second document',
    bytes: utf8(`${PLAN_TEXT}\n{"format_version":"1.2","planned_values":`),
    documents: [{ position: 1, kind: 'plan', value: PLAN }],
    warnings: [],
    errors: [
      {
        position: 2,
        message:
          'The JSON is truncated: it ends at line 2, column 42 inside a document (expected a JSON value); save the complete output of `terraform show -json`.',
      },
    ],
  },
  {
    name: 'a stream whose middle document is not a plan',
    bytes: utf8(`${PLAN_TEXT}\n{"format_version":"1.0"}\n{"hello":"world"}\n${STATE_TEXT}\n`),
    documents: [
      { position: 1, kind: 'plan', value: PLAN },
      { position: 2, kind: 'state', value: { format_version: '1.0' } },
      { position: 4, kind: 'state', value: STATE },
    ],
    warnings: [],
    errors: [{ position: 3, message: NEITHER }],
  },
  {
    name: 'a stream with an errored plan and a raw state',
    bytes: utf8(`${planWithRoot('{}', ',"errored":true')}\n${file('terraform.tfstate').toString('utf8')}`),
    documents: [],
    warnings: [],
    errors: [
      {
        position: 1,
        message:
          'The plan is errored (`errored: true`): Terraform stopped before finishing it, so it is incomplete and cannot be trusted; fix the errors and plan again.',
      },
      {
        position: 2,
        message:
          'The input is a raw Terraform state file (state version 4), not `terraform show -json` output; run `terraform show -json` and pass its output.',
      },
    ],
  },

  // Hostile content is data
  {
    name: '__proto__ and constructor keys',
    bytes: utf8(
      '{"format_version":"1.2","__proto__":{"values":{"root_module":{}}},"constructor":{"prototype":{"polluted":true}},' +
        '"planned_values":{"__proto__":null,"root_module":{"__proto__":{"resources":"x"},"resources":[{"address":"t.n","mode":"managed","type":"t","name":"n","values":{"__proto__":{"polluted":true}}}]}}}',
    ),
    documents: [{ kind: 'plan' }],
    warnings: [],
    errors: [],
  },
  {
    name: 'a state document named only by inherited keys',
    bytes: utf8('{"format_version":"1.0","toString":{},"hasOwnProperty":1,"valueOf":null}'),
    documents: [],
    warnings: [],
    errors: [{ message: NEITHER }],
  },
  {
    name: 'modules nested 100 levels deep',
    bytes: utf8(planWithRoot(nestedModules(100))),
    documents: [{ kind: 'plan' }],
    warnings: [],
    errors: [],
  },
  {
    name: 'modules nested 101 levels deep',
    bytes: utf8(planWithRoot(nestedModules(101))),
    documents: [],
    warnings: [],
    errors: [{ message: 'The document nests modules more than 100 levels deep, which real configurations do not, so kmsguard does not read it.' }],
  },
  {
    name: 'module calls nested 5000 levels deep',
    bytes: utf8(planWithRoot('{}', `,"configuration":{"root_module":${'{"module_calls":{"m":{"module":'.repeat(5000)}{}${'}}}'.repeat(5000)}}`)),
    documents: [],
    warnings: [],
    errors: [{ message: 'The document nests modules more than 100 levels deep, which real configurations do not, so kmsguard does not read it.' }],
  },
  {
    name: 'a value nested a million levels deep inside a resource',
    bytes: utf8(
      planWithRoot(
        `{"resources":[{"address":"t.n","mode":"managed","type":"t","name":"n","values":{"deep":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}}]}`,
      ),
    ),
    documents: [{ kind: 'plan' }],
    warnings: [],
    errors: [],
  },
  {
    name: 'a value nested a million levels deep, then malformed',
    bytes: utf8(`{"deep":${'['.repeat(1_000_000)}}`),
    documents: [],
    warnings: [],
    errors: [{ message: "The JSON is malformed at line 1, column 1000009: expected a JSON value or ']' but found '}'." }],
  },
  {
    name: 'a 20 MB string',
    bytes: utf8(planWithRoot(`{"resources":[{"address":"t.n","mode":"managed","type":"t","name":"n","values":{"policy":"${'A'.repeat(20_000_000)}"}}]}`)),
    documents: [{ kind: 'plan' }],
    warnings: [],
    errors: [],
  },
  {
    name: '200 000 resources',
    bytes: utf8(
      planWithRoot(
        `{"resources":[${Array.from({ length: 200_000 }, (_, i) => `{"address":"t.n[${i}]","mode":"managed","type":"t","name":"n","index":${i},"values":{}}`).join(',')}]}`,
      ),
    ),
    documents: [{ kind: 'plan' }],
    warnings: [],
    errors: [],
  },
];
