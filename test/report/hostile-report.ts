/**
 * A report whose plan-supplied text tries everything: markup, entities, control characters,
 * terminal escapes, workflow-command injection, CDATA ends, lone surrogates, bidi overrides.
 */
import type { Finding, Report } from '../../lib/types.js';
import { severalReport } from './sample-reports.js';

export const HOSTILE =
  'x"<a href=\'j\'>&amp;</a>\u0000\u0007\u001b[31mRED\u001b[0m\r\n::error::injected%0A%25,a:b ```fence``` `tick` ]]> \ud800 lone \u202eevil\u202c @team #12 $x$ | * _ fail';

export function hostileReport(): Report {
  const base = severalReport.findings[0]!;
  const finding: Finding = {
    ...base,
    address: `module.m["${HOSTILE}"].aws_iam_policy.p`,
    policyPath: `inline_policy[0].policy${HOSTILE}`,
    statements: [{ index: 0, sid: HOSTILE, pointer: '/Statement/0', matched: [{ element: 'Resource', values: [HOSTILE, '*'] }] }],
    conditionKeys: [HOSTILE],
    message: HOSTILE,
    source: `plans/${HOSTILE}.json`,
  };
  const suppressed: Finding = { ...finding, fingerprint: 'ffff', suppressed: { reason: HOSTILE } };
  const unevaluated = { address: `aws_iam_policy.${HOSTILE}`, resourceType: 'aws_iam_policy', policyPath: 'policy', reason: 'invalid' as const, detail: HOSTILE, source: HOSTILE };
  const skipped = { address: `aws_iam_role.${HOSTILE}`, resourceType: 'aws_iam_role', policyPath: 'policy', reason: HOSTILE, source: HOSTILE };
  return {
    ...severalReport,
    findings: [finding, suppressed],
    policies: [
      { address: finding.address, resourceType: finding.resourceType, policyPath: finding.policyPath, source: finding.source, outcome: 'finding' },
      { address: suppressed.address, resourceType: suppressed.resourceType, policyPath: suppressed.policyPath, source: suppressed.source, outcome: 'finding' },
      { address: unevaluated.address, resourceType: unevaluated.resourceType, policyPath: unevaluated.policyPath, source: unevaluated.source, outcome: 'unevaluated' },
      { address: skipped.address, resourceType: skipped.resourceType, policyPath: skipped.policyPath, source: skipped.source, outcome: 'skipped' },
    ],
    unevaluated: [unevaluated],
    skipped: [skipped],
    warnings: [{ source: HOSTILE, message: HOSTILE }],
    errors: [{ source: HOSTILE, message: HOSTILE }],
  };
}
