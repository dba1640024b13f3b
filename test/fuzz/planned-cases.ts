/**
 * Plans of generated identity policies, each intact, edited, not text at all, or unknown, and
 * what the suites know about each.
 */
import fc from 'fast-check';
import { policyDocument } from '../property/arbitraries.js';
import { applyTextEdit, textEdit } from './mutations.js';
import { IDENTITY_TYPES, type PlannedPolicy, type PlannedResource } from './plan-builder.js';

/** A planned policy and what the test knows about it. */
export type Case =
  | { readonly kind: 'intact'; readonly policy: PlannedPolicy; readonly document: unknown }
  | { readonly kind: 'edited'; readonly policy: PlannedPolicy }
  | { readonly kind: 'not-text'; readonly policy: PlannedPolicy }
  | { readonly kind: 'unknown'; readonly policy: PlannedPolicy };

const pretty = fc.constantFrom<number | undefined>(undefined, 2);

export const plannedCase: fc.Arbitrary<Case> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(policyDocument, pretty)
      .map(([document, indent]): Case => ({ kind: 'intact', policy: { text: JSON.stringify(document, null, indent) }, document })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(policyDocument, pretty, fc.array(textEdit, { minLength: 1, maxLength: 3 }))
      .map(([document, indent, edits]): Case => ({ kind: 'edited', policy: { text: edits.reduce(applyTextEdit, JSON.stringify(document, null, indent)) } })),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(42, true, ['x'], {}, 0).map((value): Case => ({ kind: 'not-text', policy: { value } })) },
  { weight: 1, arbitrary: fc.constant<Case>({ kind: 'unknown', policy: { unknown: true } }) },
);

export const plannedResources = fc
  .array(fc.tuple(fc.constantFrom(...IDENTITY_TYPES), plannedCase), { minLength: 1, maxLength: 4 })
  .map((items) => items.map(([type, c], n) => ({ resource: { type, name: `p${n}`, policy: c.policy } as PlannedResource, c })));
