/**
 * A principal's identity policies as one statement list (their union: an Allow of any grants, a
 * Deny of any removes), each statement numbered in one sequence and traced back to its policy.
 * A policy not known until apply (or unreadable) is one statement wholly unknown: at its most
 * permissive an Allow of everything, at its least a Deny of everything.
 */
import type { Policy, Statement, UnknownValue } from '../iam/types.js';
import { withLiteralTextRead } from '../iam/index.js';
import { readPolicyValue } from '../rules/judge-policy-source.js';
import type { AppliedPolicy, PolicyDocument } from './types.js';

/** A statement of the merged list: the policy it comes from and the statement as that policy numbers it. */
interface StatementOrigin {
  readonly applied: AppliedPolicy;
  readonly statement: Statement;
}

export interface MergedPolicies {
  readonly policy: Policy;
  /** By index in `policy`. */
  readonly origins: readonly StatementOrigin[];
}

type Read = { readonly policy: Policy } | { readonly unknown: string };

/** Documents of the plan read once, however many principals they apply to. */
const planDocumentReads = new WeakMap<object, Read>();

/** A document's policy, or what is not known of it. */
function readDocument(document: PolicyDocument): Read {
  if (document.kind !== 'plan') return readOther(document);
  let read = planDocumentReads.get(document.policySource);
  if (read === undefined) planDocumentReads.set(document.policySource, (read = readPlanDocument(document)));
  return read;
}

function readOther(document: Exclude<PolicyDocument, { kind: 'plan' }>): Read {
  switch (document.kind) {
    case 'managed':
      return { policy: document.policy };
    case 'unknown':
      return { unknown: `${document.label}: ${document.detail}` };
  }
}

function readPlanDocument({ policySource }: Extract<PolicyDocument, { kind: 'plan' }>): Read {
  const readable = readPolicyValue(policySource.after);
  const where = `${policySource.address} (${policySource.policyPath})`;
  switch (readable.kind) {
    case 'policy':
      return { policy: readable.policy };
    case 'absent':
      return { policy: { statements: [] } };
    case 'invalid':
      return { unknown: `${where} could not be read: ${readable.detail}` };
    case 'unknown':
      return readable.policy !== undefined && readable.alternatives === undefined ? { policy: readable.policy } : { unknown: `${where}: ${readable.detail}` };
  }
}

/** The label a policy goes by in findings: the resource and attribute, or the ARN. */
export function documentLabel(document: PolicyDocument): string {
  switch (document.kind) {
    case 'plan':
      return `${document.policySource.address} (${document.policySource.policyPath})`;
    case 'managed':
      return document.arn;
    case 'unknown':
      return document.label;
  }
}

/**
 * A policy not known as one statement with one unknown part: its Effect (an Allow or a Deny of
 * everything), or when only its Allows count, its Action (an Allow of everything or of nothing).
 */
function unknownStatement(index: number, unknown: UnknownValue, allowsOnly: boolean): Statement {
  return allowsOnly
    ? { index, pointer: '', effect: 'Allow', action: unknown, resource: ['*'] }
    : { index, pointer: '', effect: unknown, action: ['*'], resource: ['*'] };
}

/**
 * A policy's statements as the merged list holds them, numbered from `start`, each with the
 * statement as its policy numbers it; Denies left out when only its Allows count.
 */
function statementsOf(applied: AppliedPolicy, start: number): { readonly merged: Statement; readonly original: Statement }[] {
  const read = readDocument(applied.document);
  const allowsOnly = applied.allowsOnly === true;
  if ('unknown' in read) {
    const merged = unknownStatement(start, { unknown: true, detail: read.unknown }, allowsOnly);
    return [{ merged, original: merged }];
  }
  // Each document's Version says how it reads `${...}`; the merged list has no Version of its own.
  const policy = withLiteralTextRead(read.policy);
  const kept = policy.statements.filter((statement) => !(allowsOnly && statement.effect === 'Deny'));
  const statements = kept.map((original, i) => ({ merged: { ...original, index: start + i }, original }));
  if (policy.unknownStatements) {
    const merged = unknownStatement(start + kept.length, policy.unknownStatements, allowsOnly);
    statements.push({ merged, original: merged });
  }
  return statements;
}

export function mergePolicies(applied: readonly AppliedPolicy[]): MergedPolicies {
  const statements: Statement[] = [];
  const origins: StatementOrigin[] = [];
  for (const one of applied) {
    for (const { merged, original } of statementsOf(one, statements.length)) {
      statements.push(merged);
      origins.push({ applied: one, statement: original });
    }
  }
  return { policy: { statements }, origins };
}

/** A bound (permissions boundary) as a policy: not known until apply, it may allow anything or nothing. */
export function boundPolicy(applied: AppliedPolicy): Policy {
  const read = readDocument(applied.document);
  return 'policy' in read ? read.policy : { statements: [], unknownStatements: { unknown: true, detail: read.unknown } };
}
