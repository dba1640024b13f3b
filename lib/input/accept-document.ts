/**
 * One parsed document -> accepted as a plan or state, or refused with one sentence:
 * what it is, and what to run instead.
 */
import { classifyDocument, type ClassificationFailure, type DocumentKind } from './classify-document.js';
import { checkModuleDepth } from './module-depth.js';
import { validateDocument } from './validate-document.js';

type Acceptance =
  | { readonly ok: true; readonly kind: DocumentKind }
  | { readonly ok: false; readonly reason: ClassificationFailure | 'errored' | 'too-deep' | 'schema'; readonly message: string };

const ERRORED =
  'The plan is errored (`errored: true`): Terraform stopped before finishing it, so it is incomplete and cannot be trusted; fix the errors and plan again.';

export function acceptDocument(value: unknown): Acceptance {
  const classification = classifyDocument(value);
  if (!classification.ok) return classification;
  const { kind } = classification;
  if (kind === 'plan' && (value as Record<string, unknown>)['errored'] === true) return { ok: false, reason: 'errored', message: ERRORED };
  const depth = checkModuleDepth(value);
  if (depth !== undefined) return { ok: false, reason: 'too-deep', message: depth };
  const structure = validateDocument(value, kind);
  if (structure !== undefined) return { ok: false, reason: 'schema', message: structure };
  return { ok: true, kind };
}
