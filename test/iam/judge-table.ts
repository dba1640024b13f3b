/**
 * Shared by the mutation tables of the key searches: build a policy, judge it, and read the
 * verdict as its scope ('none' when clean) and the Resource values of each responsible statement.
 */
import { judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { ConditionMode } from '../../lib/iam/types.js';

export type Doc = Record<string, unknown>;
export const P = (...statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements });
export const allow = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
export const deny = (action: string | string[], resource: string | string[], extra: Doc = {}): Doc => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

export interface Judged {
  readonly scope: string;
  /** Per responsible statement, the Resource (or NotResource) values that made it match. */
  readonly resources: readonly (readonly string[])[];
  /** With parts known only after apply: the wider scope their most permissive values give. */
  readonly mayWidenTo?: string;
}

/** A value of the document that stands for one not known until apply (`var.account`). */
export const UNKNOWN = '<known after apply>';
const unknown = (value: unknown) => (value === UNKNOWN ? { unknown: true as const, detail: 'var.account' } : undefined);

export function judged(document: Doc, conditions: ConditionMode = 'ignore'): Judged {
  const parsed = parsePolicy(document, { unknown });
  if ('error' in parsed) throw new Error(parsed.error.message);
  const verdict = judgePolicy(parsed.policy, { blockedActions: ['kms:Decrypt'], partition: 'aws', conditions });
  if (verdict.kind === 'finding') {
    const found = { scope: verdict.scope, resources: verdict.statements.map((s) => s.matched[1]!.values) };
    return verdict.mayWidenTo ? { ...found, mayWidenTo: verdict.mayWidenTo } : found;
  }
  return { scope: verdict.kind === 'clean' ? 'none' : verdict.kind, resources: [] };
}
