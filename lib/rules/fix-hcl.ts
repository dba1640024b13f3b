/**
 * A finding's fix as HCL, for the two common ways a policy is written: the fixed document as an
 * `aws_iam_policy_document` data source block, or as `attribute = jsonencode({...})`. Undefined
 * when the fixed document has something the form cannot say (a Principal, a value that is not
 * a string where the data source wants strings).
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { PolicyWriting } from '../extract/policy-writing.js';
import type { Finding, HclFix } from '../types.js';
import { isRecord } from '../json-record.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = isRecord<JsonObject>;

/** A quoted HCL string: escapes, and `${` / `%{` doubled so Terraform reads them as text (policy variables). */
function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** A list of strings longer than this on one line is written one item per line. */
const LINE_LIMIT = 80;

/** `["a", "b"]`, or one item per line when that is long. */
function stringList(values: readonly string[], indent: string): string {
  const inline = `[${values.map(hclString).join(', ')}]`;
  if (inline.length <= LINE_LIMIT) return inline;
  return `[\n${values.map((value) => `${indent}  ${hclString(value)},`).join('\n')}\n${indent}]`;
}

/** A JSON value as an HCL expression (objects and lists over several lines, indented). */
function hclValue(value: Json, indent: string): string {
  if (typeof value === 'string') return hclString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item): item is string => typeof item === 'string')) return stringList(value, indent);
    if (value.every((item) => typeof item !== 'object' || item === null)) return `[${value.map((item) => hclValue(item, inner)).join(', ')}]`;
    return `[\n${value.map((item) => `${inner}${hclValue(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const names = keys.map((key) => (IDENTIFIER.test(key) ? key : hclString(key)));
  const width = Math.max(...names.map((name) => name.length));
  return `{\n${keys.map((key, i) => `${inner}${names[i]!.padEnd(width)} = ${hclValue(value[key]!, inner)}`).join('\n')}\n${indent}}`;
}

const strings = (value: Json | undefined): string[] | undefined => {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.every((item): item is string => typeof item === 'string') ? list : undefined;
};

/** One `name = value` line per present argument, aligned. */
function argumentLines(pairs: readonly (readonly [string, string | undefined])[], indent: string): string[] {
  const present = pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
  const width = Math.max(0, ...present.map(([name]) => name.length));
  return present.map(([name, value]) => `${indent}${name.padEnd(width)} = ${value}`);
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function statementBlock(statement: Json): string[] | undefined {
  if (!isObject(statement) || Object.keys(statement).some((key) => !STATEMENT_KEYS.has(key))) return undefined;
  const { Sid, Effect } = statement;
  if ((Sid !== undefined && typeof Sid !== 'string') || (Effect !== 'Allow' && Effect !== 'Deny')) return undefined;
  const lists = (['Action', 'NotAction', 'Resource', 'NotResource'] as const).map(
    (key) => [key, statement[key] === undefined ? undefined : strings(statement[key])] as const,
  );
  if (lists.some(([key, values]) => statement[key] !== undefined && values === undefined)) return undefined;
  const named = Object.fromEntries(lists);
  const lines = [
    '  statement {',
    ...argumentLines(
      [
        ['sid', Sid === undefined ? undefined : hclString(Sid)],
        ['effect', hclString(Effect)],
        ['actions', named.Action && stringList(named.Action, '    ')],
        ['not_actions', named.NotAction && stringList(named.NotAction, '    ')],
        ['resources', named.Resource && stringList(named.Resource, '    ')],
        ['not_resources', named.NotResource && stringList(named.NotResource, '    ')],
      ],
      '    ',
    ),
  ];
  const condition = statement.Condition;
  if (condition !== undefined) {
    if (!isObject(condition)) return undefined;
    for (const [test, keys] of Object.entries(condition)) {
      if (!isObject(keys)) return undefined;
      for (const [variable, raw] of Object.entries(keys)) {
        const values = Array.isArray(raw) ? raw : [raw];
        if (values.some((v) => typeof v === 'object' && v !== null)) return undefined;
        const text = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
        lines.push(
          '',
          '    condition {',
          ...argumentLines(
            [
              ['test', hclString(test)],
              ['variable', hclString(variable)],
              ['values', stringList(text, '      ')],
            ],
            '      ',
          ),
          '    }',
        );
      }
    }
  }
  lines.push('  }');
  return lines;
}

function dataSource(document: JsonObject, block: string): string | undefined {
  if (Object.keys(document).some((key) => key !== 'Version' && key !== 'Statement' && key !== 'Id')) return undefined;
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement === undefined ? [] : [document.Statement];
  const blocks = statements.map(statementBlock);
  if (blocks.some((lines) => lines === undefined)) return undefined;
  const name = block.split('.').at(-1)!;
  const head = argumentLines(
    [
      ['version', typeof document.Version === 'string' ? hclString(document.Version) : undefined],
      ['policy_id', typeof document.Id === 'string' ? hclString(document.Id) : undefined],
    ],
    '  ',
  );
  const body = [...head, ...blocks.flatMap((lines, i) => (i === 0 && head.length === 0 ? lines! : ['', ...lines!]))];
  return [`data "aws_iam_policy_document" ${hclString(name)} {`, ...body, '}'].join('\n');
}

/** The fixed document in the form the configuration writes it in, or undefined. */
export function hclFix(document: unknown, fix: readonly Operation[], writing: PolicyWriting): HclFix | undefined {
  if (!isObject(document)) return undefined;
  let fixed: unknown;
  try {
    fixed = jsonpatch.applyPatch(document, jsonpatch.deepClone(fix) as Operation[], true, false).newDocument;
  } catch {
    return undefined;
  }
  if (!isObject(fixed)) return undefined;
  if (writing.form === 'jsonencode') {
    return { form: 'jsonencode', replaces: writing.attribute, text: `${writing.attribute} = jsonencode(${hclValue(fixed, '')})` };
  }
  const text = dataSource(fixed, writing.block);
  return text === undefined ? undefined : { form: 'aws_iam_policy_document', replaces: writing.block, text };
}

/**
 * The findings with their fix as HCL added where one can be given. `writing` is asked only when
 * some finding has a fix (finding how the policy is written costs a pass over the plan).
 */
export function withHclFixes(findings: readonly Finding[], document: unknown, writing: () => PolicyWriting | undefined): readonly Finding[] {
  if (!findings.some((finding) => finding.fix !== undefined)) return findings;
  const how = writing();
  if (how === undefined) return findings;
  return findings.map((finding) => {
    const hcl = finding.fix && hclFix(document, finding.fix, how);
    return hcl ? { ...finding, fixHcl: hcl } : finding;
  });
}
