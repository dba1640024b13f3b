/**
 * Reports the format tests render: built by hand (not by the pipeline), so a golden file
 * changes only when a formatter does.
 */
import type { Finding, JudgedWith, PolicyOutcome, Report } from '../../lib/types.js';

/** What the check judges with when given no options: fail on medium, every finding counts, not strict. */
const DEFAULT_JUDGED: JudgedWith = { failOn: 'medium', onlyNew: false, strict: false };

/** The report as a check with these options would have recorded them (the entries stay as they are). */
export function judged(report: Report, options: Partial<JudgedWith>): Report {
  return { ...report, summary: { ...report.summary, judgedWith: { ...report.summary.judgedWith, ...options } } };
}

const admin: Finding = {
  ruleId: 'kms-decrypt-all-keys',
  severity: 'high',
  scope: 'all-keys',
  address: 'aws_iam_policy.admin',
  resourceType: 'aws_iam_policy',
  compliance: ['Security Hub KMS.1'],
  policyPath: 'policy',
  actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
  statements: [
    {
      index: 0,
      sid: 'AllowKms',
      pointer: '/Statement/0',
      matched: [
        { element: 'Action', values: ['kms:*'] },
        { element: 'Resource', values: ['*'] },
      ],
    },
  ],
  conditionKeys: [],
  introduced: true,
  fingerprint: '0f5a2c4e9b7d13a8c6e2f4b1d3a5c7e9',
  message:
    'aws_iam_policy.admin (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name, through statement 0 "AllowKms".',
  source: 'plan.json',
  fix: [
    { op: 'replace', path: '/Statement/0/Action', value: ['kms:DescribeKey', 'kms:Encrypt'] },
    {
      op: 'add',
      path: '/Statement/1',
      value: {
        Sid: 'KmsguardScopedDecrypt',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Resource: ['arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID'],
      },
    },
  ],
  policyChange: [{ op: 'replace', path: '/Statement/0/Resource/0', value: '*' }],
};

const reader: Finding = {
  ruleId: 'kms-decrypt-account-keys',
  severity: 'medium',
  scope: 'account-keys',
  address: 'module.app["blue"].aws_iam_role_policy.reader',
  resourceType: 'aws_iam_role_policy',
  compliance: ['Security Hub KMS.2'],
  policyPath: 'policy',
  actions: ['kms:Decrypt'],
  statements: [
    {
      index: 1,
      pointer: '/Statement/1',
      matched: [
        { element: 'Action', values: ['kms:Decrypt'] },
        { element: 'Resource', values: ['arn:aws:kms:*:111122223333:key/*'] },
      ],
    },
  ],
  conditionKeys: ['aws:ResourceTag/team'],
  introduced: false,
  fingerprint: '7c1e3a5b9d2f4a6c8e0b1d3f5a7c9e2b',
  message:
    'module.app["blue"].aws_iam_role_policy.reader (policy) allows kms:Decrypt on KMS keys in regions the policy does not name (in the accounts it names), through statement 1.',
  source: 'plan.json',
  mayWidenTo: 'all-keys',
};

const worker: Finding = {
  ruleId: 'kms-decrypt-region-keys',
  severity: 'low',
  scope: 'region-keys',
  address: 'aws_iam_role.worker',
  resourceType: 'aws_iam_role',
  compliance: ['Security Hub KMS.2'],
  policyPath: 'inline_policy[1].policy',
  actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
  statements: [
    {
      index: 0,
      sid: 'Worker',
      pointer: '/Statement',
      matched: [
        { element: 'NotAction', values: ['iam:*', 's3:*'] },
        { element: 'Resource', values: ['arn:aws:kms:eu-west-1:111122223333:key/*'] },
      ],
    },
  ],
  conditionKeys: [],
  introduced: true,
  fingerprint: '2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c',
  message:
    'aws_iam_role.worker (inline_policy[1].policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys the policy does not name (in the accounts and regions it names), through statement 0 "Worker".',
  source: 'plan.json',
  fix: [
    {
      op: 'replace',
      path: '/Statement',
      value: [
        {
          Sid: 'Worker',
          Effect: 'Allow',
          NotAction: ['iam:*', 's3:*', 'kms:Decrypt', 'kms:ReEncryptFrom'],
          Resource: 'arn:aws:kms:eu-west-1:111122223333:key/*',
        },
        { Sid: 'KmsguardScopedDecrypt', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:ReEncryptFrom'], Resource: ['arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID'] },
      ],
    },
  ],
};

const breakGlass: Finding = {
  ruleId: 'kms-decrypt-all-keys',
  severity: 'high',
  scope: 'all-keys',
  address: 'module.legacy.aws_iam_user_policy.ops[0]',
  resourceType: 'aws_iam_user_policy',
  compliance: ['Security Hub KMS.2'],
  policyPath: 'policy',
  actions: ['kms:Decrypt'],
  statements: [
    {
      index: 0,
      pointer: '/Statement/0',
      matched: [
        { element: 'Action', values: ['kms:Decrypt'] },
        { element: 'NotResource', values: ['arn:aws:s3:::logs/*'] },
      ],
    },
  ],
  conditionKeys: ['aws:MultiFactorAuthPresent'],
  introduced: false,
  fingerprint: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  message: 'module.legacy.aws_iam_user_policy.ops[0] (policy) allows kms:Decrypt on KMS keys in accounts the policy does not name, through statement 0.',
  source: 'stacks/legacy plan.json',
  position: 2,
  suppressed: { reason: 'Break-glass user, reviewed by security (SEC-142)', expires: '2027-01-31' },
};

function outcome(
  entry: { address: string; resourceType: string; policyPath: string; source: string; position?: number },
  result: PolicyOutcome['outcome'],
): PolicyOutcome {
  return {
    address: entry.address,
    resourceType: entry.resourceType,
    policyPath: entry.policyPath,
    source: entry.source,
    ...(entry.position !== undefined ? { position: entry.position } : {}),
    outcome: result,
  };
}

const generated = {
  address: 'aws_iam_policy.generated',
  resourceType: 'aws_iam_policy',
  policyPath: 'policy',
  reason: 'unknown' as const,
  detail: 'The policy is not known until apply: it is built from data.aws_iam_policy_document.generated.json.',
  source: 'plan.json',
};

const broken = {
  address: 'aws_iam_group_policy.broken',
  resourceType: 'aws_iam_group_policy',
  policyPath: 'policy',
  reason: 'invalid' as const,
  detail: 'Statement 0 has Effect "allow": it must be "Allow" or "Deny" (at /Statement/0/Effect).',
  source: 'plan.json',
};

const boundary = {
  address: 'aws_iam_role.worker',
  resourceType: 'aws_iam_role',
  policyPath: 'inline_policy[0].policy',
  reason: 'The inline policy only mirrors aws_iam_role_policy.worker_extra, judged on its own.',
  source: 'plan.json',
};

const readonlyPolicy = { address: 'aws_iam_policy.readonly', resourceType: 'aws_iam_policy', policyPath: 'policy', source: 'plan.json' };

/** Several findings (every scope, one suppressed, conditions, new and pre-existing), unevaluated and skipped policies. */
export const severalReport: Report = {
  tool: { name: 'kmsguard', version: '0.1.0' },
  summary: {
    documents: 2,
    policies: 5,
    findings: 4,
    unevaluated: 2,
    skipped: 1,
    suppressed: 1,
    bySeverity: { high: 2, medium: 1, low: 1 },
    failing: 2,
    incomplete: 0,
    passed: false,
    judgedWith: DEFAULT_JUDGED,
  },
  findings: [admin, reader, worker, breakGlass],
  policies: [
    outcome(admin, 'finding'),
    outcome(readonlyPolicy, 'clean'),
    outcome(reader, 'finding'),
    outcome(boundary, 'skipped'),
    outcome(worker, 'finding'),
    outcome(generated, 'unevaluated'),
    outcome(broken, 'unevaluated'),
    outcome(breakGlass, 'finding'),
  ],
  unevaluated: [generated, broken],
  skipped: [boundary],
  warnings: [{ source: '.kmsguard.json', message: 'The suppression for "aws_iam_role.old" expired on 2026-01-01 and no longer applies.' }],
  errors: [],
};

const failover: Finding = {
  ruleId: 'kms-decrypt-region-keys',
  severity: 'low',
  scope: 'region-keys',
  address: 'module.failover.aws_iam_policy.FAILSAFE',
  resourceType: 'aws_iam_policy',
  compliance: ['Security Hub KMS.1'],
  policyPath: 'policy',
  actions: ['kms:Decrypt'],
  statements: [
    {
      index: 0,
      sid: 'FailoverRead',
      pointer: '/Statement/0',
      matched: [
        { element: 'Action', values: ['kms:Decrypt'] },
        { element: 'Resource', values: ['arn:aws:kms:us-east-1:111122223333:key/fail-*'] },
      ],
    },
  ],
  conditionKeys: [],
  introduced: true,
  fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  message:
    'module.failover.aws_iam_policy.FAILSAFE (policy) allows kms:Decrypt on KMS keys the policy does not name (in the accounts and regions it names), through statement 0 "FailoverRead".',
  source: 'failover.json',
};

const accepted: Finding = {
  ...failover,
  ruleId: 'kms-decrypt-all-keys',
  severity: 'high',
  scope: 'all-keys',
  address: 'aws_iam_role_policy.Fail_open',
  resourceType: 'aws_iam_role_policy',
  compliance: ['Security Hub KMS.2'],
  statements: [
    {
      index: 0,
      pointer: '/Statement/0',
      matched: [
        { element: 'Action', values: ['kms:*'] },
        { element: 'Resource', values: ['*'] },
      ],
    },
  ],
  fingerprint: 'b2c3d4e5f60718293a4b5c6d7e8f90a1',
  message: 'aws_iam_role_policy.Fail_open (policy) allows kms:Decrypt on KMS keys in accounts the policy does not name, through statement 0.',
  suppressed: { reason: 'Fails closed elsewhere: the key policy denies this role (FAIL-7).' },
};

const pending = {
  address: 'aws_iam_policy.failback',
  resourceType: 'aws_iam_policy',
  policyPath: 'policy',
  reason: 'unknown' as const,
  detail: 'The policy is not known until apply (failed lookups are retried at apply).',
  source: 'failover.json',
};

/**
 * Nothing fails the run (a low finding, a suppressed one, a policy not known until apply), and
 * "fail" is everywhere in the plan's own text: addresses, Sids, reasons, details, the file name.
 */
export const warningsOnlyReport: Report = {
  tool: { name: 'kmsguard', version: '0.1.0' },
  summary: {
    documents: 1,
    policies: 2,
    findings: 2,
    unevaluated: 1,
    skipped: 0,
    suppressed: 1,
    bySeverity: { high: 1, medium: 0, low: 1 },
    failing: 0,
    incomplete: 0,
    passed: true,
    judgedWith: DEFAULT_JUDGED,
  },
  findings: [failover, accepted],
  policies: [outcome(failover, 'finding'), outcome(accepted, 'finding'), outcome(pending, 'unevaluated')],
  unevaluated: [pending],
  skipped: [],
  warnings: [],
  errors: [],
};

/** Every policy judged clean. */
export const cleanReport: Report = {
  tool: { name: 'kmsguard', version: '0.1.0' },
  summary: {
    documents: 1,
    policies: 2,
    findings: 0,
    unevaluated: 0,
    skipped: 0,
    suppressed: 0,
    bySeverity: { high: 0, medium: 0, low: 0 },
    failing: 0,
    incomplete: 0,
    passed: true,
    judgedWith: DEFAULT_JUDGED,
  },
  findings: [],
  policies: [outcome(readonlyPolicy, 'clean'), outcome({ ...readonlyPolicy, address: 'aws_iam_role_policy.ci', resourceType: 'aws_iam_role_policy' }, 'clean')],
  unevaluated: [],
  skipped: [],
  warnings: [],
  errors: [],
};

/** A report with `count` findings and as many policies not evaluated, for length bounds. */
export function hugeReport(count: number): Report {
  const findings: Finding[] = [];
  const unevaluated: Report['unevaluated'][number][] = [];
  for (let i = 0; i < count; i++) {
    findings.push({
      ...admin,
      address: `module.team["t${i}"].aws_iam_policy.p[${i}]`,
      fingerprint: i.toString(16).padStart(32, '0'),
      introduced: i % 2 === 0,
    });
    unevaluated.push({ ...generated, address: `module.team["t${i}"].aws_iam_policy.q[${i}]` });
  }
  return {
    tool: { name: 'kmsguard', version: '0.1.0' },
    summary: {
      documents: 1,
      policies: count,
      findings: count,
      unevaluated: count,
      skipped: 0,
      suppressed: 0,
      bySeverity: { high: count, medium: 0, low: 0 },
      failing: count,
      incomplete: 0,
      passed: count === 0,
      judgedWith: DEFAULT_JUDGED,
    },
    findings,
    policies: [...findings.map((f) => outcome(f, 'finding')), ...unevaluated.map((u) => outcome(u, 'unevaluated'))],
    unevaluated,
    skipped: [],
    warnings: [],
    errors: [],
  };
}
