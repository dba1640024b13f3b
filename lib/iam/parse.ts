/**
 * Policy document (JSON text or parsed value) -> Policy model, or the first thing that makes it
 * unreadable, with a JSON pointer to it. Keys the checker does not use are ignored. Only own
 * properties are read, so keys such as `__proto__` or `constructor` are plain data.
 */
import { firstRepeatedKey } from './duplicate-keys.js';
import { MAX_POLICY_DEPTH, nestsDeeperThan } from './nesting-depth.js';
import type { ConditionTest, PatternList, Policy, PolicyError, Statement, UnknownValue } from './types.js';
import { holdsVariables } from './variable-readings.js';

export interface ParseOptions {
  /**
   * Marks parts of an already-parsed document as not known until apply. Called with the value
   * and JSON pointer of: `Statement`, each statement, `Effect`, `Action`/`NotAction`/`Resource`/
   * `NotResource` and each of their items, `Condition`, and each condition value and item.
   * Returning an UnknownValue makes that part unknown.
   */
  readonly unknown?: (value: unknown, pointer: string) => UnknownValue | undefined;
}

export type ParseResult = { readonly policy: Policy } | { readonly error: PolicyError };

type JsonObject = Readonly<Record<string, unknown>>;

class Invalid extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function has(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key) && object[key] !== undefined;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

function shortJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function showCharacter(ch: string): string {
  return /^[\x21-\x7e]$/.test(ch) ? `'${ch}'` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Turns a JSON.parse error into one sentence, with the line and column when the position is known.
 * V8 words its messages differently across versions; the common ones are rephrased.
 */
function jsonErrorMessage(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(raw);
  let offset = at ? Number(at[1]) : undefined;
  let reason: string;
  // Stryker disable next-line Regex: V8 on the Node.js versions this runs on (>= 20) starts this message with `Unexpected token 'c'`, quoted, and no other message has the words
  const token = /^Unexpected token '?(.)/su.exec(raw);
  // Stryker disable next-line Regex: this V8 message is exactly `Unexpected end of JSON input`; no other has the words
  if (/^Unexpected end of JSON input/.test(raw)) {
    reason = 'the text ends before the JSON value does';
    offset = text.length;
  } else if (token) {
    reason = `unexpected character ${showCharacter(token[1]!)}`;
  } else if (/non-whitespace character after JSON/.test(raw)) {
    reason = 'unexpected text after the JSON value';
  } else {
    reason = raw.replace(/\s*(?:in|after) JSON at position \d+.*$/s, '').replace(/\.$/, '');
    reason = reason.charAt(0).toLowerCase() + reason.slice(1);
  }
  if (offset === undefined) return `Policy document is not valid JSON: ${reason}.`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `Policy document is not valid JSON at line ${line}, column ${column}: ${reason}.`;
}

class Parser {
  constructor(private readonly options: ParseOptions) {}

  unknown(value: unknown, pointer: string): UnknownValue | undefined {
    return this.options.unknown?.(value, pointer);
  }

  document(value: unknown): Policy {
    const policy = this.statements(value);
    const version = own(value as Record<string, unknown>, 'Version');
    // Policy variables are read only under 2012-10-17; a Version known only after apply keeps them.
    if (version === '2012-10-17' || !holdsVariables(policy) || this.unknown(version, '/Version')) return policy;
    return { ...policy, literalVariables: true };
  }

  statements(value: unknown): Policy {
    if (!isObject(value)) throw new Invalid(`Policy document is ${describeType(value)}, not a JSON object.`, '');
    if (!has(value, 'Statement')) throw new Invalid('Policy document has no Statement.', '');
    rejectOtherCase(value, DOCUMENT_ELEMENTS, '', 'Policy document');
    const raw = own(value, 'Statement');
    const whole = this.unknown(raw, '/Statement');
    if (whole) return { statements: [], unknownStatements: whole };
    if (isObject(raw)) return { statements: [this.statement(raw, 0, '/Statement', 'Statement')] };
    if (!Array.isArray(raw)) {
      throw new Invalid(`Statement (/Statement) is ${describeType(raw)}, not an object or a list of statements.`, '/Statement');
    }
    const statements: Statement[] = [];
    const unknowns: UnknownValue[] = [];
    raw.forEach((item: unknown, index) => {
      const pointer = `/Statement/${index}`;
      const unknown = this.unknown(item, pointer);
      if (unknown) unknowns.push(unknown);
      else statements.push(this.statement(item, index, pointer, `Statement ${index}`));
    });
    if (unknowns.length === 0) return { statements };
    // Several unknown statements stand together for "some statements not known until apply".
    const details = [...new Set(unknowns.map((u) => u.detail))];
    return { statements, unknownStatements: unknowns.length === 1 ? unknowns[0]! : { unknown: true, detail: details.join(', ') } };
  }

  statement(value: unknown, index: number, pointer: string, label: string): Statement {
    if (!isObject(value)) throw new Invalid(`${label} (${pointer}) is not an object.`, pointer);
    const sid = own(value, 'Sid');
    const statement: { -readonly [K in keyof Statement]: Statement[K] } = {
      index,
      pointer,
      effect: this.effect(value, pointer, label),
    };
    if (typeof sid === 'string') statement.sid = sid;
    const actions = this.pair(value, pointer, label, 'Action', 'NotAction');
    if (actions.positive) statement.action = actions.list;
    else statement.notAction = actions.list;
    const resources = this.pair(value, pointer, label, 'Resource', 'NotResource');
    if (resources.positive) statement.resource = resources.list;
    else statement.notResource = resources.list;
    rejectOtherCase(value, STATEMENT_ELEMENTS, pointer, label);
    if (has(value, 'Condition')) statement.condition = this.condition(own(value, 'Condition'), `${pointer}/Condition`, label);
    return statement;
  }

  effect(statement: JsonObject, pointer: string, label: string): Statement['effect'] {
    if (!has(statement, 'Effect')) throw new Invalid(`${label} (${pointer}) has no Effect; it must be "Allow" or "Deny".`, pointer);
    const value = own(statement, 'Effect');
    const at = `${pointer}/Effect`;
    const unknown = this.unknown(value, at);
    if (unknown) return unknown;
    if (value === 'Allow' || value === 'Deny') return value;
    throw new Invalid(`${label} (${at}) has Effect ${shortJson(value)}; it must be exactly "Allow" or "Deny".`, at);
  }

  pair(
    statement: JsonObject,
    pointer: string,
    label: string,
    positive: 'Action' | 'Resource',
    negative: 'NotAction' | 'NotResource',
  ): { positive: boolean; list: PatternList | UnknownValue } {
    const hasPositive = has(statement, positive);
    const hasNegative = has(statement, negative);
    if (hasPositive && hasNegative) throw new Invalid(`${label} (${pointer}) has both ${positive} and ${negative}.`, pointer);
    if (!hasPositive && !hasNegative) throw new Invalid(`${label} (${pointer}) has neither ${positive} nor ${negative}.`, pointer);
    const element = hasPositive ? positive : negative;
    return { positive: hasPositive, list: this.patterns(own(statement, element), `${pointer}/${element}`, label, element) };
  }

  patterns(value: unknown, pointer: string, label: string, element: string): PatternList | UnknownValue {
    const unknown = this.unknown(value, pointer);
    if (unknown) return unknown;
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) {
      throw new Invalid(`${label} (${pointer}) has ${anElement(element)} that is not a string or a list of strings.`, pointer);
    }
    return value.map((item: unknown, index) => {
      const at = `${pointer}/${index}`;
      const unknownItem = this.unknown(item, at);
      if (unknownItem) return unknownItem;
      if (typeof item !== 'string') throw new Invalid(`${label} (${at}) has ${anElement(element)} item that is not a string.`, at);
      return item;
    });
  }

  condition(value: unknown, pointer: string, label: string): ReadonlyArray<ConditionTest> | UnknownValue {
    const unknown = this.unknown(value, pointer);
    if (unknown) return unknown;
    if (!isObject(value)) throw new Invalid(`${label} (${pointer}) has a Condition that is not an object.`, pointer);
    const tests: ConditionTest[] = [];
    for (const operator of Object.keys(value)) {
      const keys = value[operator];
      const operatorPointer = `${pointer}/${escapePointer(operator)}`;
      if (!isObject(keys)) {
        throw new Invalid(`${label} (${operatorPointer}) has a Condition operator whose value is not an object.`, operatorPointer);
      }
      for (const key of Object.keys(keys)) {
        const at = `${operatorPointer}/${escapePointer(key)}`;
        tests.push({ operator, key, values: this.conditionValues(keys[key], at, label) });
      }
    }
    return tests;
  }

  conditionValues(value: unknown, pointer: string, label: string): ReadonlyArray<string | UnknownValue> {
    const unknown = this.unknown(value, pointer);
    if (unknown) return [unknown];
    const scalar = (item: unknown, at: string): string | UnknownValue => {
      const unknownItem = this.unknown(item, at);
      if (unknownItem) return unknownItem;
      if (typeof item === 'string') return item;
      if (typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw new Invalid(`${label} (${at}) has a condition value that is not a string, number, boolean or a list of them.`, at);
    };
    if (Array.isArray(value)) return value.map((item: unknown, index) => scalar(item, `${pointer}/${index}`));
    return [scalar(value, pointer)];
  }
}

const DOCUMENT_ELEMENTS = ['Version', 'Statement'];
const STATEMENT_ELEMENTS = ['Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/**
 * Throws for a key that spells one of `elements` in another case (`condition`, `RESOURCE`):
 * kmsguard would ignore it, but AWS may read it as that element (or reject the document), so a
 * Deny's `condition` or a second `resource` could change what the policy allows.
 */
function rejectOtherCase(object: JsonObject, elements: readonly string[], pointer: string, label: string): void {
  for (const key of Object.keys(object)) {
    const element = elements.find((name) => name !== key && name.toLowerCase() === key.toLowerCase());
    if (element === undefined) continue;
    const at = `${pointer}/${escapePointer(key)}`;
    throw new Invalid(
      `${label} (${at}) has the key ${JSON.stringify(key)}: ${element} spelled in another case, which AWS may read as ${element}; it cannot be judged.`,
      at,
    );
  }
}

function anElement(element: string): string {
  return /^[AEIOU]/.test(element) ? `an ${element}` : `a ${element}`;
}

/**
 * The error for JSON policy text (already accepted by JSON.parse) that repeats a key in one
 * object: JSON.parse keeps the last value, other readers the first, so the text has no one meaning.
 */
export function repeatedKeyError(text: string): PolicyError | undefined {
  const repeated = firstRepeatedKey(text);
  if (repeated === undefined) return undefined;
  const where = repeated.pointer === '' ? 'at its top level' : `in ${repeated.pointer}`;
  return {
    message: `Policy document repeats the key ${JSON.stringify(repeated.key)} ${where}; readers disagree on which value counts, so it cannot be judged.`,
    pointer: repeated.pointer,
  };
}

/**
 * Reads a policy document: JSON text, or a value already parsed from JSON.
 */
export function parsePolicy(input: string | unknown, options: ParseOptions = {}): ParseResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.trim() === '') return { error: { message: 'Policy document is empty.', pointer: '' } };
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { error: { message: jsonErrorMessage(input, error), pointer: '' } };
    }
    const repeated = repeatedKeyError(input);
    if (repeated !== undefined) return { error: repeated };
  }
  if (nestsDeeperThan(value, MAX_POLICY_DEPTH)) {
    return {
      error: {
        message: `Policy document nests arrays and objects more than ${MAX_POLICY_DEPTH} levels deep, which no policy AWS accepts does; it cannot be judged.`,
        pointer: '',
      },
    };
  }
  try {
    return { policy: new Parser(options).document(value) };
  } catch (error) {
    if (error instanceof Invalid) return { error: { message: error.message, pointer: error.pointer } };
    throw error;
  }
}
