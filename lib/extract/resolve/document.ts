/**
 * An `aws_iam_policy_document` data source -> the policy document it renders, as far as the plan
 * knows it.
 *
 * Read during planning: its `json` is known, and that is the document. Deferred to apply: the
 * document is rebuilt the way the AWS provider renders it, from the planned `after` (statement
 * blocks; `effect: null` is the default, Allow) and the `after_unknown` mask, with each unknown
 * part described from the configuration (the references of the block's expression). Source and
 * override documents are merged as the provider does: `source_policy_documents` first, then the
 * data source's own statements (replacing source statements with the same Sid), then each
 * `override_policy_documents` entry (replacing statements with the same Sid).
 *
 * Unknown parts are sound over-approximations: a statement that an unknown override might replace
 * gets an unknown Effect (it may be gone, or anything), documents whose statements are not known
 * become `unknownStatements`.
 */
import { parsePolicy } from '../../iam/index.js';
import { repeatedKeyError } from '../../iam/parse.js';
import type { Policy, UnknownValue } from '../../iam/types.js';
import type { ConfigExpression } from '../../terraform/configuration.js';
import { isExpression } from '../../terraform/configuration.js';
import type { ResourceInstance } from '../../terraform/types.js';
import { isUnknownAt } from '../attribute-path.js';
import type { LocatedInstance, ResolveIndex } from './index.js';
import {
  describeReferences,
  instancesOfLeaf,
  isKeyArnLeaf,
  isPolicyDocumentLeaf,
  modulePathOf,
  traceExpression,
  unknownLeavesOf,
  type ModulePath,
} from './trace.js';
import { isRecord } from '../../json-record.js';

/** What the plan knows of a rendered policy document. */
export type DocumentKnowledge =
  | { readonly kind: 'known'; readonly text: string }
  | { readonly kind: 'partial'; readonly policy: Policy }
  | { readonly kind: 'unknown'; readonly detail: string };

/** A part of a document that is not known until apply, placed where the value would be. */
class Hole {
  constructor(readonly value: UnknownValue) {}
}

type JsonStatement = Record<string, unknown>;

/** Statements rendered so far, and the details of documents whose statements are not known. */
interface Rendered {
  readonly statements: JsonStatement[];
  readonly unknownStatements: string[];
}

type Entry = { readonly kind: 'document'; readonly rendered: Rendered } | { readonly kind: 'unknown'; readonly detail: string };

class Unreadable extends Error {}

function unknownValue(detail: string, oneKey = false): UnknownValue {
  return oneKey ? { unknown: true, oneKey: true, detail } : { unknown: true, detail };
}

/** A document known as text, rendered with holes, or not known at all. */
type Rendering =
  | { readonly kind: 'known'; readonly text: string }
  | { readonly kind: 'rendered'; readonly rendered: Rendered }
  | { readonly kind: 'unknown'; readonly detail: string };

function render(index: ResolveIndex, located: LocatedInstance, visiting: ReadonlySet<string>): Rendering {
  const { instance } = located;
  const json = instance.after?.json;
  if (typeof json === 'string' && !isUnknownAt(instance.afterUnknown, ['json'])) return { kind: 'known', text: json };
  // A data source read again at apply may still have its last value in prior_state: not that one.
  const deferred = instance.actions.includes('read');
  const prior = deferred ? undefined : index.readPriorData(instance.address)?.after?.json;
  if (typeof prior === 'string') return { kind: 'known', text: prior };
  if (!isRecord(instance.after) || visiting.has(instance.address)) {
    return { kind: 'unknown', detail: `${instance.address} is not known until apply` };
  }
  try {
    const renderer = new DocumentRenderer(index, located, new Set([...visiting, instance.address]));
    return { kind: 'rendered', rendered: renderer.render() };
  } catch (error) {
    if (error instanceof Unreadable) return { kind: 'unknown', detail: error.message };
    throw error;
  }
}

/**
 * What the plan knows of the document of one `aws_iam_policy_document` instance. `visiting`
 * guards against documents that (through sources and overrides) include themselves.
 */
export function documentOf(index: ResolveIndex, located: LocatedInstance, visiting: ReadonlySet<string> = new Set()): DocumentKnowledge {
  const rendering = render(index, located, visiting);
  if (rendering.kind !== 'rendered') return rendering;
  try {
    return { kind: 'partial', policy: toPolicy(rendering.rendered, located.instance.address) };
  } catch (error) {
    if (error instanceof Unreadable) return { kind: 'unknown', detail: error.message };
    throw error;
  }
}

function toPolicy(rendered: Rendered, address: string): Policy {
  const parsed = parsePolicy(
    { Version: '2012-10-17', Statement: rendered.statements },
    { unknown: (value) => (value instanceof Hole ? value.value : undefined) },
  );
  if ('error' in parsed) {
    throw new Unreadable(`${address} would not render a valid policy: ${parsed.error.message}`);
  }
  if (rendered.unknownStatements.length === 0) return parsed.policy;
  return { ...parsed.policy, unknownStatements: unknownValue(rendered.unknownStatements.join('; ')) };
}

class DocumentRenderer {
  private readonly instance: ResourceInstance;
  private readonly after: Record<string, unknown>;
  private readonly mask: unknown;
  private readonly expressions: Readonly<Record<string, unknown>>;
  private readonly modulePath: ModulePath;
  private readonly forEach?: ConfigExpression;
  private readonly substituteVariables: boolean;

  constructor(
    private readonly index: ResolveIndex,
    located: LocatedInstance,
    private readonly visiting: ReadonlySet<string>,
  ) {
    this.instance = located.instance;
    this.after = located.instance.after as Record<string, unknown>;
    this.mask = located.instance.afterUnknown;
    const config = index.configOf(located.instance);
    this.expressions = config?.resource.expressions ?? {};
    this.modulePath = modulePathOf(located.module);
    if (config?.resource.forEachExpression) this.forEach = config.resource.forEachExpression;
    const version = this.after.version;
    // The provider turns `&{...}` into `${...}` in resources and condition values for this version.
    this.substituteVariables =
      !isUnknownAt(this.mask, ['version']) && (version === null || version === undefined || version === '' || version === '2012-10-17');
  }

  private get address(): string {
    return this.instance.address;
  }

  render(): Rendered {
    const merged: Rendered = { statements: [], unknownStatements: [] };
    for (const entry of [...this.documentList('source_json'), ...this.documentList('source_policy_documents')]) {
      if (entry.kind === 'unknown') merged.unknownStatements.push(entry.detail);
      else {
        merged.statements.push(...entry.rendered.statements);
        merged.unknownStatements.push(...entry.rendered.unknownStatements);
      }
    }
    const own = this.ownStatements();
    mergeStatements(merged, own.statements, this.address);
    merged.unknownStatements.push(...own.unknownStatements);
    for (const entry of [...this.documentList('override_policy_documents'), ...this.documentList('override_json')]) {
      if (entry.kind === 'unknown') {
        merged.unknownStatements.push(entry.detail);
        for (const statement of merged.statements) {
          if (hasSid(statement)) mayBeReplaced(statement, entry.detail);
        }
      } else {
        mergeStatements(merged, entry.rendered.statements, this.address);
        merged.unknownStatements.push(...entry.rendered.unknownStatements);
      }
    }
    return merged;
  }

  /** The configuration expression at a path inside this data source's blocks, when it is written there. */
  private expressionAt(path: readonly (string | number)[]): ConfigExpression | undefined {
    let node: unknown = this.expressions;
    for (const step of path) {
      if (typeof step === 'number') {
        if (!Array.isArray(node)) return undefined;
        node = node[step];
      } else {
        if (!isRecord(node)) return undefined;
        node = node[step];
      }
    }
    return isExpression(node) ? node : undefined;
  }

  /**
   * An unknown value at `label`, described by the references of its expression; the ARN of one
   * KMS key when every source of the value is one (only meaningful for resources).
   */
  private unknownAt(label: string, configPath: readonly (string | number)[] | undefined, keyArnAllowed: boolean): UnknownValue {
    const expression = configPath ? this.expressionAt(configPath) : undefined;
    if (expression === undefined) return unknownValue(label);
    const traced = traceExpression(this.index, expression, this.modulePath, this.forEach);
    const references = describeReferences(traced.references);
    const unknownLeaves = unknownLeavesOf(traced.leaves);
    if (keyArnAllowed && unknownLeaves.length > 0 && unknownLeaves.every(isKeyArnLeaf)) return unknownValue(references, true);
    return unknownValue(references === '' ? label : `${label} (${references})`);
  }

  private ownStatements(): Rendered {
    const out: Rendered = { statements: [], unknownStatements: [] };
    const label = `${this.address} statement`;
    if (isUnknownAt(this.mask, ['statement'])) {
      out.unknownStatements.push(`${label} (its statement blocks are not known until apply)`);
      return out;
    }
    const statements = this.after.statement;
    if (statements === null || statements === undefined) return out;
    // Terraform writes blocks as a list: anything else could not be read (never dropped, which could pass it).
    if (!Array.isArray(statements)) throw new Unreadable(`${label} is not a list of blocks`);
    const configured = this.expressions.statement;
    // Dynamic blocks are left out of the configuration: blocks line up only when the counts agree.
    const aligned = Array.isArray(configured) && configured.length === statements.length;
    statements.forEach((statement: unknown, i) => {
      const at = `${label}[${i}]`;
      if (isUnknownAt(this.mask, ['statement', i]) || !isRecord(statement)) {
        const hole = new Hole(unknownValue(at));
        out.statements.push({ Sid: hole, Effect: hole, Action: hole, Resource: hole, Condition: hole });
        return;
      }
      out.statements.push(this.statement(statement, i, at, aligned ? ['statement', i] : undefined));
    });
    return out;
  }

  private statement(statement: Record<string, unknown>, i: number, label: string, configPath: readonly (string | number)[] | undefined): JsonStatement {
    const maskPath = ['statement', i];
    const unknown = (attribute: string, keyArnAllowed = false) =>
      this.unknownAt(`${label}.${attribute}`, configPath && [...configPath, attribute], keyArnAllowed);
    const out: JsonStatement = {};

    if (isUnknownAt(this.mask, [...maskPath, 'sid'])) out.Sid = new Hole(unknown('sid'));
    else if (typeof statement.sid === 'string') {
      if (statement.sid !== '') out.Sid = statement.sid;
    } else if (statement.sid !== null && statement.sid !== undefined) throw new Unreadable(`${label}.sid is not a string`);

    if (isUnknownAt(this.mask, [...maskPath, 'effect'])) out.Effect = new Hole(unknown('effect'));
    else out.Effect = statement.effect === null || statement.effect === undefined || statement.effect === '' ? 'Allow' : statement.effect;

    const elements: readonly [string, string, boolean][] = [
      ['actions', 'Action', false],
      ['not_actions', 'NotAction', false],
      ['resources', 'Resource', true],
      ['not_resources', 'NotResource', true],
    ];
    for (const [attribute, element, isResource] of elements) {
      const list = this.list(statement[attribute], [...maskPath, attribute], `${label}.${attribute}`, (j) => {
        const at = j === undefined ? attribute : `${attribute}[${j}]`;
        return this.unknownAt(`${label}.${at}`, configPath && [...configPath, attribute], isResource);
      });
      if (list !== undefined) out[element] = isResource ? this.substitute(list) : list;
    }

    const condition = this.condition(statement.condition, [...maskPath, 'condition'], label, configPath && [...configPath, 'condition']);
    if (condition !== undefined) out.Condition = condition;
    return out;
  }

  /**
   * A set or list of strings: undefined when empty or null (the provider leaves it out). A value
   * of another type (Terraform writes none) could not be read.
   */
  private list(
    value: unknown,
    maskPath: readonly (string | number)[],
    label: string,
    unknown: (j?: number) => UnknownValue,
  ): Hole | (string | Hole)[] | undefined {
    if (isUnknownAt(this.mask, maskPath)) return new Hole(unknown());
    if (value === null || value === undefined) return undefined;
    if (!Array.isArray(value)) throw new Unreadable(`${label} is not a list of strings`);
    const values: unknown[] = value;
    let maskList: unknown = this.mask;
    for (const step of maskPath) maskList = isRecord(maskList) || Array.isArray(maskList) ? (maskList as Record<string | number, unknown>)[step] : undefined;
    // A set's unknown elements may be left out of `after` and only counted in the mask.
    const length = Math.max(values.length, Array.isArray(maskList) ? maskList.length : 0);
    if (length === 0) return undefined;
    const out: (string | Hole)[] = [];
    for (let j = 0; j < length; j++) {
      const item = values[j];
      if ((Array.isArray(maskList) && maskList[j] === true) || item === null || item === undefined) out.push(new Hole(unknown(j)));
      else if (typeof item === 'string') out.push(item);
      else throw new Unreadable(`${label}[${j}] is not a string`);
    }
    return out;
  }

  private substitute<T extends Hole | (string | Hole)[]>(list: T): T {
    if (!this.substituteVariables || list instanceof Hole) return list;
    return list.map((item) => (typeof item === 'string' ? item.replaceAll('&{', '${') : item)) as T;
  }

  /**
   * Condition blocks -> `{ test: { variable: values } }`, merging blocks with the same test and
   * variable as the provider does. Condition blocks are a set: each is matched to the configured
   * block with the same constant test and variable to describe its unknown values.
   */
  private condition(value: unknown, maskPath: readonly (string | number)[], label: string, configPath: readonly (string | number)[] | undefined): unknown {
    const whole = () => this.unknownAt(`${label}.condition`, configPath, false);
    if (isUnknownAt(this.mask, maskPath)) return new Hole(whole());
    if (value === null || value === undefined) return undefined;
    // Dropping a condition would make a Deny unconditional: a value of another type could not be read.
    if (!Array.isArray(value)) throw new Unreadable(`${label}.condition is not a list of blocks`);
    if (value.length === 0) return undefined;
    const out: Record<string, Record<string, Hole | (string | Hole)[]>> = {};
    for (let k = 0; k < value.length; k++) {
      const block: unknown = value[k];
      const at = [...maskPath, k];
      if (
        !isRecord(block) ||
        isUnknownAt(this.mask, [...at, 'test']) ||
        isUnknownAt(this.mask, [...at, 'variable']) ||
        typeof block.test !== 'string' ||
        typeof block.variable !== 'string'
      ) {
        return new Hole(whole());
      }
      const configured = configPath && this.conditionBlock(configPath, block.test, block.variable);
      const values = this.list(block.values, [...at, 'values'], `${label}.condition[${k}].values`, (j) =>
        this.unknownAt(`${label}.condition[${k}].values${j === undefined ? '' : `[${j}]`}`, configured && [...configured, 'values'], false),
      );
      const substituted = this.substitute(values ?? []);
      const tests = (out[block.test] ??= {});
      const previous = tests[block.variable];
      if (previous === undefined) tests[block.variable] = substituted;
      else if (previous instanceof Hole || substituted instanceof Hole) tests[block.variable] = new Hole(whole());
      else tests[block.variable] = [...previous, ...substituted];
    }
    return out;
  }

  /** The path of the one configured condition block with this constant test and variable. */
  private conditionBlock(configPath: readonly (string | number)[], test: string, variable: string): (string | number)[] | undefined {
    let blocks: unknown = this.expressions;
    for (const step of configPath) blocks = isRecord(blocks) || Array.isArray(blocks) ? (blocks as Record<string | number, unknown>)[step] : undefined;
    if (!Array.isArray(blocks)) return undefined;
    const matches = blocks.flatMap((block: unknown, k) => {
      if (!isRecord(block)) return [];
      const testExpression = block.test;
      const variableExpression = block.variable;
      return isExpression(testExpression) &&
        isExpression(variableExpression) &&
        testExpression.constant_value === test &&
        variableExpression.constant_value === variable
        ? [k]
        : [];
    });
    return matches.length === 1 ? [...configPath, matches[0]!] : undefined;
  }

  /**
   * The documents of a list attribute (`source_policy_documents`...) or a single one
   * (`source_json`...). Unknown entries are matched to the `aws_iam_policy_document` data
   * sources the configuration references, when those are all it references and they account
   * for exactly the unknown entries.
   */
  private documentList(attribute: string): Entry[] {
    const value = this.after[attribute];
    const expression = this.expressionAt([attribute]);
    const label = `${this.address} ${attribute}`;
    const references = expression ? describeReferences(traceExpression(this.index, expression, this.modulePath, this.forEach).references) : '';
    const described = references === '' ? label : `${label} (${references})`;
    if (isUnknownAt(this.mask, [attribute])) return [{ kind: 'unknown', detail: described }];
    if (value === null || value === undefined) return [];
    const single = !Array.isArray(value);
    const values: unknown[] = single ? [value] : value;
    const unknownPositions = values.flatMap((item, j) =>
      (single ? false : isUnknownAt(this.mask, [attribute, j])) || item === null || item === undefined ? [j] : [],
    );
    const resolved = unknownPositions.length > 0 ? this.referencedDocuments(expression, unknownPositions.length) : undefined;
    const entries: Entry[] = [];
    values.forEach((item, j) => {
      const position = unknownPositions.indexOf(j);
      if (position >= 0) {
        entries.push(resolved?.[position] ?? { kind: 'unknown', detail: single ? described : `${label}[${j}]${references === '' ? '' : ` (${references})`}` });
      } else if (typeof item === 'string') {
        if (item !== '') entries.push({ kind: 'document', rendered: statementsOfText(item, `${label}${single ? '' : `[${j}]`}`) });
      } else {
        throw new Unreadable(`${label}${single ? '' : `[${j}]`} is not a JSON string`);
      }
    });
    return entries;
  }

  /** The deferred documents an expression references, in order, when they are exactly `count` of them. */
  private referencedDocuments(expression: ConfigExpression | undefined, count: number): Entry[] | undefined {
    if (!expression) return undefined;
    const unknownLeaves = unknownLeavesOf(traceExpression(this.index, expression, this.modulePath, this.forEach).leaves);
    if (unknownLeaves.length === 0 || !unknownLeaves.every(isPolicyDocumentLeaf)) return undefined;
    const deferred: Entry[] = [];
    for (const leaf of unknownLeaves) {
      const candidates = instancesOfLeaf(this.index, leaf);
      if (candidates.length !== 1) return undefined;
      const rendering = render(this.index, candidates[0]!, this.visiting);
      if (rendering.kind === 'known') continue;
      deferred.push(rendering.kind === 'rendered' ? { kind: 'document', rendered: rendering.rendered } : rendering);
    }
    return deferred.length === count ? deferred : undefined;
  }
}

/** A known JSON policy given as a source or override document -> its statements. */
function statementsOfText(text: string, label: string): Rendered {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Unreadable(`${label} is not valid JSON`);
  }
  const repeated = repeatedKeyError(text);
  if (repeated !== undefined) throw new Unreadable(`${label}: ${repeated.message.replace(/\.$/, '')}`);
  if (!isRecord(document)) throw new Unreadable(`${label} is not a JSON object`);
  const statement = document.Statement;
  if (statement === undefined || statement === null) return { statements: [], unknownStatements: [] };
  const list: unknown[] = Array.isArray(statement) ? statement : [statement];
  if (!list.every(isRecord)) throw new Unreadable(`${label} has a statement that is not an object`);
  return { statements: list.map((item) => ({ ...(item as JsonStatement) })), unknownStatements: [] };
}

function hasSid(statement: JsonStatement): boolean {
  return statement.Sid instanceof Hole || (typeof statement.Sid === 'string' && statement.Sid !== '');
}

function sidText(statement: JsonStatement): string {
  return typeof statement.Sid === 'string' ? `statement "${statement.Sid}"` : 'a statement with a Sid not known until apply';
}

/** The statement might be replaced by an unknown one: its Effect becomes unknown. */
function mayBeReplaced(statement: JsonStatement, by: string): void {
  statement.Effect = new Hole(unknownValue(`${sidText(statement)} may be replaced by ${by}`));
}

/**
 * The provider's merge: an incoming statement with a Sid replaces the first statement with that
 * Sid, others are appended. Unknown Sids make the statements they might match uncertain.
 */
function mergeStatements(into: Rendered, incoming: readonly JsonStatement[], address: string): void {
  const statements = into.statements;
  for (const statement of incoming) {
    const sid = statement.Sid;
    if (sid instanceof Hole) {
      for (const existing of statements) if (hasSid(existing)) mayBeReplaced(existing, `${address} (${sid.value.detail})`);
      statements.push(statement);
      continue;
    }
    if (typeof sid !== 'string' || sid === '') {
      statements.push(statement);
      continue;
    }
    const first = statements.findIndex((existing) => existing.Sid === sid);
    const end = first < 0 ? statements.length : first;
    let uncertain = false;
    for (let k = 0; k < end; k++) {
      const existing = statements[k]!;
      if (existing.Sid instanceof Hole) {
        uncertain = true;
        mayBeReplaced(existing, `${address} statement "${sid}"`);
      }
    }
    if (first < 0) statements.push(statement);
    else if (uncertain) {
      mayBeReplaced(statements[first]!, `${address} statement "${sid}"`);
      statements.push(statement);
    } else statements[first] = statement;
  }
}
