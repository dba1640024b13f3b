/**
 * Where in the Terraform source a finding's policy is written, most precise first: the
 * statement that grants the access (a `statement` block of the aws_iam_policy_document data
 * source the policy comes from, or the statement object inside `jsonencode(...)` or a heredoc),
 * else the policy attribute, else the resource block. Instances of one block (count,
 * for_each) share its location.
 */
import { expressionAt, type ConfigExpression } from '../terraform/configuration.js';
import { lineColumn } from '../input/text-location.js';
import { parseAddress } from '../terraform/address.js';
import { parseModuleAddress } from '../terraform/references.js';
import { traceExpression, type Leaf, type ModulePath } from '../extract/resolve/trace.js';
import type { ResolveIndex } from '../extract/resolve/index.js';
import type { Finding, SourceLocation } from '../types.js';
import { attributeIn, blocksIn, bodyOf, literalString, textOf, type HclBlock, type HclFile, type HclFiles } from './hcl-files.js';
import type { HclNode } from './hcl-parser.js';
import { jsonStatementRanges } from './json-statements.js';

/** A block a finding was located in, whose line above may hold an inline ignore. */
export interface LocatedBlock {
  readonly file: HclFile;
  readonly node: HclNode;
  /** A statement block or object: it holds the finding's first statement, and only that one. */
  readonly statement?: true;
}

export interface Located {
  readonly location: SourceLocation;
  /** The statement block (when found), the data source holding it, and the resource block. */
  readonly blocks: readonly LocatedBlock[];
}

interface LocateContext {
  readonly files: HclFiles;
  /** Module call path (`a.b`, '' for the root) -> directory. */
  readonly dirs: ReadonlyMap<string, string>;
  readonly index: ResolveIndex;
}

const POLICY_DOCUMENT = 'aws_iam_policy_document';
const MAX_DOCUMENT_DEPTH = 8;

function spanOf(file: HclFile, node: HclNode): SourceLocation {
  return { file: file.display, startLine: node.startLine, endLine: node.endLine, startColumn: node.startColumn, endColumn: node.endColumn };
}

/** `inline_policy[1].policy` -> ['inline_policy', 1, 'policy']. */
function pathSteps(policyPath: string): (string | number)[] {
  return [...policyPath.matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** An element of an object constructor by key (`{ policy_document = ... }`). */
function objectElement(file: HclFile, object: HclNode, name: string): { node: HclNode; expression: HclNode } | undefined {
  const element = object.children.find((c) => c.type === 'object_elem' && objectKey(file, c) === name);
  const expression = element?.children[1];
  return element && expression ? { node: element, expression } : undefined;
}

/** The written attribute values of a block body or an object constructor that are plain strings. */
function literalAttributes(file: HclFile, node: HclNode): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const child of node.children) {
    if (child.type === 'attribute' && child.children[0]?.type === 'identifier')
      values.set(textOf(file, child.children[0]), literalString(file, child.children[1]));
    else if (child.type === 'object_elem') {
      const key = objectKey(file, child);
      if (key !== undefined) values.set(key, literalString(file, child.children[1]));
    }
  }
  return values;
}

/**
 * Which of several written blocks (or objects) is the one the plan shows as `value`: the only
 * one none of whose plain string attributes differs from the plan's. A set of nested blocks
 * (`inline_policy`) is not in source order in the plan, so its position cannot be used.
 */
function pickWritten(file: HclFile, candidates: readonly HclNode[], value: unknown, bodyOf: (node: HclNode) => HclNode | undefined): number | undefined {
  if (candidates.length === 1) return 0;
  if (typeof value !== 'object' || value === null) return undefined;
  const planned = value as Record<string, unknown>;
  const consistent = candidates.flatMap((candidate, index) => {
    const body = bodyOf(candidate);
    if (body === undefined) return [];
    let told = false;
    for (const [name, written] of literalAttributes(file, body)) {
      if (written === undefined || typeof planned[name] !== 'string') continue;
      if (planned[name] !== written) return [];
      told = true;
    }
    return told ? [index] : [];
  });
  return consistent.length === 1 ? consistent[0] : undefined;
}

/** The attribute a policy path names inside a resource block, and the path in source order. */
interface WrittenAttribute {
  readonly node: HclNode;
  readonly expression: HclNode;
  /** The policy path with each index replaced by the written block's position among its siblings. */
  readonly sourceSteps: readonly (string | number)[];
}

/**
 * The attribute a policy path names inside a resource block: through nested blocks
 * (`inline_policy[1].policy`) or a list of objects (`policies[0].policy_document`), telling
 * siblings apart by the plan's values (`after`); undefined through `dynamic` blocks, computed
 * lists and siblings the written values cannot tell apart.
 */
function attributeAt(file: HclFile, block: HclNode, steps: readonly (string | number)[], after: unknown): WrittenAttribute | undefined {
  let body = bodyOf(block);
  let object: HclNode | undefined;
  let value: unknown = after;
  const sourceSteps: (string | number)[] = [];
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i]!;
    if (typeof step === 'number') continue;
    const next = steps[i + 1];
    const attribute = object !== undefined ? objectElement(file, object, step) : attributeIn(file, body, step);
    sourceSteps.push(step);
    if (typeof next !== 'number') return i === steps.length - 1 && attribute !== undefined ? { ...attribute, sourceSteps } : undefined;
    const planned = (value as Record<string, unknown> | null | undefined)?.[step];
    value = Array.isArray(planned) ? planned[next] : undefined;
    let candidates: HclNode[];
    if (attribute !== undefined) {
      const list = unwrap(attribute.expression);
      const items = list?.type === 'tuple' ? list.children.filter((c) => c.type === 'expression').map(unwrap) : [];
      if (items.length === 0 || !items.every((item) => item?.type === 'object')) return undefined;
      candidates = items as HclNode[];
    } else {
      if (object !== undefined) return undefined;
      const nested = blocksIn(file, body);
      if (nested.some((b) => b.type === 'dynamic' && b.labels[0] === step)) return undefined;
      candidates = nested.filter((b) => b.type === step).map((b) => b.node);
    }
    const chosen = pickWritten(file, candidates, value, attribute !== undefined ? (node) => node : bodyOf);
    if (chosen === undefined) return undefined;
    sourceSteps.push(chosen);
    if (attribute !== undefined) object = candidates[chosen];
    else body = bodyOf(candidates[chosen]!);
  }
  return undefined;
}

/** Unwraps `expression` wrappers down to the node that says what the expression is. */
function unwrap(node: HclNode | undefined): HclNode | undefined {
  let current = node;
  while (
    current !== undefined &&
    (current.type === 'expression' || current.type === 'collection_value' || current.type === 'template_expr') &&
    current.children.length === 1
  ) {
    current = current.children[0];
  }
  return current;
}

function objectKey(file: HclFile, element: HclNode): string | undefined {
  const key = element.children[0];
  const literal = literalString(file, key);
  if (literal !== undefined) return literal;
  const variable = unwrap(key);
  return variable?.type === 'variable_expr' && variable.children.length === 1 ? textOf(file, variable.children[0]!) : undefined;
}

/** The statement objects of `jsonencode({ Statement = [...] })`, in order. */
function jsonencodeStatements(file: HclFile, expression: HclNode): HclNode[] | undefined {
  const call = unwrap(expression);
  if (call?.type !== 'function_call' || call.children[0] === undefined || textOf(file, call.children[0]) !== 'jsonencode') return undefined;
  const argument = call.children.find((c) => c.type === 'function_arguments')?.children[0];
  const document = unwrap(argument);
  if (document?.type !== 'object') return undefined;
  const element = document.children.find((c) => c.type === 'object_elem' && objectKey(file, c) === 'Statement');
  const value = unwrap(element?.children[1]);
  if (value?.type === 'object') return [value];
  if (value?.type !== 'tuple') return undefined;
  const items = value.children.filter((c) => c.type === 'expression').map(unwrap);
  return items.every((item) => item?.type === 'object') ? (items as HclNode[]) : undefined;
}

/** The statement objects of a heredoc holding the policy's JSON, as locations. */
function heredocStatements(file: HclFile, expression: HclNode): SourceLocation[] | undefined {
  const heredoc = unwrap(expression);
  if (heredoc?.type !== 'heredoc_template') return undefined;
  const identifiers = heredoc.children.filter((c) => c.type === 'heredoc_identifier');
  if (identifiers.length < 2) return undefined;
  const start = identifiers[0]!.endIndex;
  const ranges = jsonStatementRanges(file.text.slice(start, identifiers[identifiers.length - 1]!.startIndex));
  return ranges?.map((range) => {
    const from = lineColumn(file.text, start + range.start);
    const to = lineColumn(file.text, start + range.end);
    return { file: file.display, startLine: from.line, endLine: to.line, startColumn: from.column, endColumn: to.column };
  });
}

/** A `statement` block or a `dynamic "statement"` block (its `content` holds the attributes). */
interface StatementBlock {
  readonly file: HclFile;
  readonly node: HclNode;
  readonly body: HclNode | undefined;
  readonly dynamic: boolean;
  readonly data: HclBlock;
}

interface DocumentStatements {
  readonly list: StatementBlock[];
  /** True when the index of a statement in the rendered document is also its index in `list`. */
  readonly ordered: boolean;
}

function isDocumentLeaf(leaf: Leaf): leaf is Extract<Leaf, { kind: 'resource' }> {
  return leaf.kind === 'resource' && leaf.subject.mode === 'data' && leaf.subject.type === POLICY_DOCUMENT;
}

async function dataBlock(context: LocateContext, moduleNames: readonly string[], name: string): Promise<HclBlock | undefined> {
  const dir = context.dirs.get(moduleNames.join('.'));
  if (dir === undefined) return undefined;
  return (await context.files.blocks(dir)).find((b) => b.type === 'data' && b.labels[0] === POLICY_DOCUMENT && b.labels[1] === name);
}

/** The policy document data sources an expression's references lead to, each once. */
function documentLeaves(
  context: LocateContext,
  expression: unknown,
  modulePath: ModulePath,
  forEach?: ConfigExpression,
): Extract<Leaf, { kind: 'resource' }>[] {
  if (expression === undefined || typeof expression !== 'object' || expression === null) return [];
  const leaves = traceExpression(context.index, expression as ConfigExpression, modulePath, forEach).leaves.filter(isDocumentLeaf);
  const seen = new Set<string>();
  return leaves.filter((leaf) => {
    const key = `${leaf.modulePath.map((s) => s.name).join('.')}|${leaf.subject.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The statement blocks a data source document is made of: source documents', its own, override documents'. */
async function documentStatements(context: LocateContext, leaf: Extract<Leaf, { kind: 'resource' }>, depth: number): Promise<DocumentStatements | undefined> {
  const moduleNames = leaf.modulePath.map((s) => s.name);
  const data = await dataBlock(context, moduleNames, leaf.subject.name);
  if (data === undefined || depth > MAX_DOCUMENT_DEPTH) return undefined;
  const own: StatementBlock[] = [];
  for (const block of blocksIn(data.file, bodyOf(data.node))) {
    if (block.type === 'statement') own.push({ file: data.file, node: block.node, body: bodyOf(block.node), dynamic: false, data });
    else if (block.type === 'dynamic' && block.labels[0] === 'statement') {
      const content = blocksIn(data.file, bodyOf(block.node)).find((b) => b.type === 'content');
      own.push({ file: data.file, node: block.node, body: content && bodyOf(content.node), dynamic: true, data });
    }
  }
  const expressions = context.index.configModule(moduleNames)?.resources.get(`data.${POLICY_DOCUMENT}.${leaf.subject.name}`)?.expressions ?? {};
  const gather = async (attribute: string): Promise<StatementBlock[] | undefined> => {
    const list: StatementBlock[] = [];
    for (const child of documentLeaves(context, expressions[attribute], leaf.modulePath)) {
      const statements = await documentStatements(context, child, depth + 1);
      if (statements === undefined) return undefined;
      list.push(...statements.list);
    }
    return list;
  };
  const sources = await gather('source_policy_documents');
  const overrides = await gather('override_policy_documents');
  const mentions = (name: string): boolean => attributeIn(data.file, bodyOf(data.node), name) !== undefined;
  if ((sources === undefined && mentions('source_policy_documents')) || (overrides === undefined && mentions('override_policy_documents'))) {
    return { list: own, ordered: false };
  }
  const composed = (sources?.length ?? 0) > 0 || (overrides?.length ?? 0) > 0 || mentions('source_policy_documents') || mentions('override_policy_documents');
  return { list: [...(sources ?? []), ...own, ...(overrides ?? [])], ordered: !composed && own.every((s) => !s.dynamic) };
}

type Match = 'yes' | 'no' | 'maybe';

function literalList(file: HclFile, expression: HclNode): string[] | undefined {
  const single = literalString(file, expression);
  if (single !== undefined) return [single];
  const tuple = unwrap(expression);
  if (tuple?.type !== 'tuple') return undefined;
  const items = tuple.children.filter((c) => c.type === 'expression').map((item) => literalString(file, item));
  return items.every((item): item is string => item !== undefined) ? items : undefined;
}

function asList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}

const STATEMENT_ATTRIBUTES: readonly [string, string][] = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
];

/** Whether a statement block is the one that rendered `statement` (by its literal values). */
function matchStatement(block: StatementBlock, statement: Readonly<Record<string, unknown>>): Match {
  let result: Match = 'yes';
  const effect = attributeIn(block.file, block.body, 'effect');
  const effectText = effect ? literalString(block.file, effect.expression) : 'Allow';
  if (effectText === undefined) result = 'maybe';
  else if (effectText !== statement.Effect) return 'no';
  const sid = attributeIn(block.file, block.body, 'sid');
  if (sid !== undefined) {
    const text = literalString(block.file, sid.expression);
    if (text === undefined) result = 'maybe';
    else if (text !== (statement.Sid ?? '')) return 'no';
  }
  for (const [attribute, key] of STATEMENT_ATTRIBUTES) {
    const written = attributeIn(block.file, block.body, attribute);
    const rendered = statement[key];
    if (written === undefined) {
      if (rendered !== undefined) return 'no';
      continue;
    }
    const list = literalList(block.file, written.expression);
    const renderedList = asList(rendered);
    if (list === undefined || renderedList === undefined) result = 'maybe';
    else if (!sameSet(list, renderedList)) return 'no';
  }
  return result;
}

function pickStatement(statements: DocumentStatements, index: number, statement: Readonly<Record<string, unknown>> | undefined): StatementBlock | undefined {
  if (statements.ordered) return statements.list[index];
  if (statement === undefined) return undefined;
  const matches = statements.list.map((block) => matchStatement(block, statement));
  const definite = statements.list.filter((_, i) => matches[i] === 'yes');
  if (definite.length === 1 && !matches.includes('maybe')) return definite[0];
  const possible = statements.list.filter((_, i) => matches[i] !== 'no');
  // With a Sid, the last block carrying it wins (override documents replace earlier ones).
  if (typeof statement.Sid === 'string' && statement.Sid !== '' && definite.length > 0) return definite[definite.length - 1];
  return possible.length === 1 ? possible[0] : undefined;
}

/** The statement block of the data source document(s) the policy attribute refers to. */
async function documentStatement(
  context: LocateContext,
  finding: Finding,
  steps: readonly (string | number)[],
  statement: Readonly<Record<string, unknown>> | undefined,
): Promise<StatementBlock | undefined> {
  const instance = context.index.readInstance(finding.address);
  const config = instance && context.index.configOf(instance);
  if (config === undefined) return undefined;
  const expression = expressionAt(config.resource.expressions, steps);
  if (expression === undefined) return undefined;
  const documents = documentLeaves(context, expression.expression, config.module, config.resource.forEachExpression);
  if (documents.length !== 1) return undefined;
  const index = finding.statements[0]?.index;
  if (index === undefined) return undefined;
  const statements = await documentStatements(context, documents[0]!, 0);
  return statements && pickStatement(statements, index, statement);
}

/**
 * Locates a finding in the source; undefined when its resource block is not found. `statement`
 * is the rendered statement the finding names first (to tell statement blocks apart).
 */
export async function locateFinding(
  context: LocateContext,
  finding: Finding,
  statement: Readonly<Record<string, unknown>> | undefined,
): Promise<Located | undefined> {
  const parts = parseAddress(finding.address);
  const module = parts && parseModuleAddress(parts.moduleAddress ?? '');
  const dir = module && context.dirs.get(module.map((step) => step.name).join('.'));
  if (parts === undefined || dir === undefined) return undefined;
  const kind = parts.mode === 'data' ? 'data' : 'resource';
  const resource = (await context.files.blocks(dir)).find((b) => b.type === kind && b.labels[0] === parts.type && b.labels[1] === parts.name);
  if (resource === undefined) return undefined;
  const resourceBlock = { file: resource.file, node: resource.node };
  const steps = pathSteps(finding.policyPath);
  const attribute = attributeAt(resource.file, resource.node, steps, context.index.readInstance(finding.address)?.after);
  const index = finding.statements[0]?.index;
  if (attribute !== undefined && index !== undefined) {
    const inline = jsonencodeStatements(resource.file, attribute.expression)?.[index];
    if (inline !== undefined)
      return { location: spanOf(resource.file, inline), blocks: [{ file: resource.file, node: inline, statement: true }, resourceBlock] };
    const heredoc = heredocStatements(resource.file, attribute.expression)?.[index];
    if (heredoc !== undefined) return { location: heredoc, blocks: [resourceBlock] };
  }
  // The configuration lists nested blocks in source order, as the .tf file does.
  const sourceSteps = attribute?.sourceSteps ?? (steps.some((step) => typeof step === 'number') ? undefined : steps);
  const documentBlock = sourceSteps && (await documentStatement(context, finding, sourceSteps, statement));
  if (documentBlock !== undefined) {
    return {
      location: spanOf(documentBlock.file, documentBlock.node),
      blocks: [
        { file: documentBlock.file, node: documentBlock.node, statement: true },
        { file: documentBlock.data.file, node: documentBlock.data.node },
        resourceBlock,
      ],
    };
  }
  return { location: spanOf(resource.file, attribute?.node ?? resource.node), blocks: [resourceBlock] };
}
