/**
 * The finite vocabulary generated policies are written in. The oracle's candidate universe is
 * computed from exactly these patterns (universe.ts), so a generated policy may only use
 * strings listed here: the oracle refuses any other Resource pattern.
 *
 * Each list mixes values spelled out in full, wildcard patterns with `*` and `?` that overlap
 * them in different ways (prefix, suffix, one-character, fixed length), and policy variables.
 */

export const BLOCKED_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'] as const;

/** The grant rule's actions (issue 17). */
export const GRANT_ACTIONS = ['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey'] as const;

/** Action/NotAction patterns (the generator also changes their case at random). */
export const ACTION_PATTERNS: readonly string[] = [
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:ReEncrypt*',
  'kms:*',
  '*',
  'kms:De*',
  'kms:Decryp?',
  'kms:?ecrypt',
  'kms:*crypt',
  'kms:Re*From',
  'kms:*From',
  'kms:Decrypt*',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:Describe*',
  'k?s:*',
  '*:Decrypt',
  'iam:*',
  's3:GetObject',
  'kms',
  'Decrypt',
  'kms?Decrypt',
  'kms:*Encrypt*',
  'kms:ReEncrypt?rom',
  '*:*',
  'kms:CreateGrant',
  'kms:Create*',
  'kms:PutKeyPolicy',
  'kms:*Grant*',
  'kms:Replicate?ey',
];

/** Region segments: two regions spelled out, and patterns over them. */
export const REGIONS: readonly string[] = ['us-east-1', 'eu-west-1', 'us-*', 'us-east-?', '*-1', '*'];

/**
 * Account segments: two accounts, a policy variable standing for a whole account (lib/iam reads
 * it as a run of 12 digits), and patterns. No variable inside an account (`1111${x}`): the
 * oracle models a variable only as a whole account (universe.ts, point 5).
 */
export const ACCOUNTS: readonly string[] = [
  '111122223333',
  '444455556666',
  '${aws:PrincipalAccount}',
  '1111*',
  '11112222333?',
  '*6666',
  '????????????',
  '*',
];

/** Key id segments: two key ids, variables and patterns. */
export const KEY_IDS: readonly string[] = [
  '1234abcd-12ab-34cd-56ef-1234567890ab',
  'mrk-0a1b2c3d4e5f',
  '${aws:username}',
  'team-${aws:username}',
  '1234abcd-${*}',
  '1234abcd-*',
  '1234abcd-12ab-34cd-56ef-1234567890a?',
  'mrk-*',
  '*-1234567890ab',
  '*${aws:username}',
  '?${aws:username}',
  '*',
];

/** The key ARNs spelled out in full: no wildcard anywhere. */
export const SPELLED_KEY_ARNS: readonly string[] = [
  'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111122223333:key/mrk-0a1b2c3d4e5f',
  'arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:eu-west-1:111122223333:key/${aws:username}',
  'arn:aws:kms:us-east-1:444455556666:key/mrk-0a1b2c3d4e5f',
  'arn:aws:kms:us-east-1:444455556666:key/team-${aws:username}',
  'arn:aws:kms:eu-west-1:444455556666:key/1234abcd-${*}',
];

function hasWildcard(segment: string): boolean {
  return segment.replace(/\$\{[*?$]\}/g, '').includes('*') || segment.replace(/\$\{[*?$]\}/g, '').includes('?');
}

/** `arn:aws:kms:<region>:<account>:key/<id>` over every combination of the lists above. */
function keyArnPatterns(): string[] {
  const out: string[] = [];
  for (const r of REGIONS) for (const a of ACCOUNTS) for (const i of KEY_IDS) out.push(`arn:aws:kms:${r}:${a}:key/${i}`);
  return out;
}

/** Patterns whose `*` (or `?`) may run across `:` and `/`, or that stop before the key id. */
export function crossingPatterns(): string[] {
  const out: string[] = ['*', 'arn:*', 'arn:aws:*', 'arn:aws:kms:*', 'arn:*:kms:*:*:key/*', 'arn:aws:kms:*:*:*'];
  for (const r of REGIONS) {
    out.push(`arn:aws:kms:${r}:*`);
    for (const a of ACCOUNTS) out.push(`arn:aws:kms:${r}:${a}:*`);
  }
  for (const i of KEY_IDS) out.push(`arn:aws:kms:*:key/${i}`, `*:key/${i}`);
  for (const a of ACCOUNTS) if (!hasWildcard(a)) out.push(`*:${a}:key/*`);
  out.push('arn:aws:kms:us-*:key/*', 'arn:aws:kms:*6666:key/*', 'arn:aws:kms:us-east-1?111122223333:key/*', '*-1234567890ab');
  // Accounts written out as 12 digits beside a wildcard, not as a segment of their own.
  out.push('arn:aws:kms:us-east-1:111122223333*', 'arn:aws:kms:*:444455556666*', 'arn:aws:kms:*:*111122223333:key/*', '*111122223333*');
  return out;
}

/** Alias ARNs (never authorise Decrypt), other partitions and services, near misses. */
export const NON_KEY_PATTERNS: readonly string[] = [
  'arn:aws:kms:us-east-1:111122223333:alias/my-key',
  'arn:aws:kms:*:111122223333:alias/*',
  'arn:aws:kms:*:*:alias/*',
  'arn:aws:kms:us-east-1:444455556666:alias/aws/s3',
  'arn:aws-cn:kms:*:*:key/*',
  'arn:aws-us-gov:kms:*',
  'arn:aws:s3:::my-bucket/*',
  'arn:aws:KMS:*:*:key/*',
  'arn:aws:kms:us-east-1:111122223333:key',
  'arn:aws:kms:us-east-1:111122223333:key/',
];

export const RESOURCE_PATTERNS: readonly string[] = [
  ...new Set([...keyArnPatterns(), ...crossingPatterns(), ...NON_KEY_PATTERNS, ...SPELLED_KEY_ARNS]),
];

/** Condition blocks: on an Allow they are ignored; on a Deny they make it remove nothing. */
export const CONDITIONS: readonly Record<string, Record<string, string | string[]>>[] = [
  { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { StringLike: { 'kms:EncryptionContext:app': ['a*', 'b*'] } },
  { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] } },
  { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, Null: { 'aws:ResourceTag/team': 'false' } },
];

/**
 * Conditions that limit an Allow's keys under `conditions: 'scope'` (and some that look alike
 * but do not): tags and aliases, ResourceAccount with plain values, ForAllValues:, IfExists and
 * negated operators, key names in another case.
 */
export const SCOPE_CONDITIONS: readonly Record<string, Record<string, string | string[]>>[] = [
  { StringEquals: { 'aws:ResourceAccount': '111122223333' } },
  { StringEquals: { 'aws:ResourceAccount': ['111122223333', '444455556666'] } },
  { StringLike: { 'AWS:ResourceAccount': '444455556666' } },
  { ArnEquals: { 'aws:resourceaccount': '444455556666' } },
  { 'ForAnyValue:StringEquals': { 'aws:ResourceAccount': ['444455556666'] }, Bool: { 'aws:SecureTransport': 'true' } },
  { StringNotEquals: { 'aws:ResourceAccount': '111122223333' } },
  { StringEqualsIfExists: { 'aws:ResourceAccount': '111122223333' } },
  { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/app-*' } },
  { StringEquals: { 'aws:ResourceTag/team': 'payments', 'aws:ResourceAccount': '111122223333' } },
  { 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } },
  { StringEqualsIfExists: { 'aws:ResourceTag/team': 'payments' } },
  { StringNotLike: { 'kms:ResourceAliases': 'alias/app-*' } },
  { ArnLike: { 'aws:ResourceTag/Owner': 'x' } },
  // Grant conditions (issue 17): some keep CreateGrant from granting decryption, some only look alike.
  { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Encrypt', 'GenerateDataKey'] } },
  { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Encrypt', 'decrypt'] } },
  { 'ForAnyValue:StringEquals': { 'kms:GrantOperations': ['Encrypt'] } },
  { StringEquals: { 'kms:GrantOperations': 'Encrypt' } },
  { 'ForAllValues:StringNotEquals': { 'kms:GrantOperations': ['Decrypt', 'ReEncryptFrom'] } },
  { 'ForAllValues:StringNotEquals': { 'kms:GrantOperations': 'Decrypt' } },
  { 'ForAllValues:StringLike': { 'kms:GrantOperations': ['Generate*', 'Encrypt'] } },
  { 'ForAllValues:StringLike': { 'kms:GrantOperations': ['Re*'] } },
  { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
  { Bool: { 'kms:GrantIsForAWSResource': ['true', 'false'] } },
  { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' } },
];

export const SIDS: readonly string[] = ['Kms', 'Decrypt', 'DenyOthers', 'S3'];
