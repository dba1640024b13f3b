/**
 * The IAM policy language: read a policy document, match actions and ARNs, judge what a policy
 * allows on KMS keys. No Terraform knowledge here.
 */
export * from './types.js';
export { parsePolicy, type ParseOptions, type ParseResult } from './parse.js';
export { judgePolicy, judgeWithin } from './judge.js';
export { withLiteralTextRead } from './variable-readings.js';
export { TooComplexError, WorkBudget, WORK_LIMIT } from './budget.js';
export { expandBlockedActions, kmsActions } from './kms-actions.js';
export { matchesAction, matchesArn } from './glob.js';
