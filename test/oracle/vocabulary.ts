/**
 * The finite vocabulary generated policies are written in. The oracle's candidate universe is
 * computed from exactly these patterns (universe.ts), so a generated policy may only use
 * strings listed here: the oracle refuses any other Resource pattern.
 *
 * Each list mixes values spelled out in full, wildcard patterns with `*` and `?` that overlap
 * them in different ways (prefix, suffix, one-character, fixed length), and policy variables
 * (README, Semantics in short): `${aws:PrincipalAccount}`, one account for the whole policy, and per-request ones
 * (`${aws:username}`, `${aws:RequestedRegion}`, `${aws:PrincipalTag/...}`, with a default too),
 * in names of any case, and the escapes `${*}`, `${?}`, `${$}`.
 */

export const BLOCKED_ACTIONS = ['kms:Decrypt', 'kms:ReEncryptFrom'] as const;

/** The grant rule's actions (README, Rules). */
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
  // Characters some case-insensitive comparisons take for ASCII letters (Kelvin sign, long s,
  // dotted capital I, dotless small i): they match where matching more allows more only.
  '\u212Ams:De*',
  'km\u017F:*',
  'kms:PutKeyPol\u0130cy',
  'kms:Repl\u0131cate*',
  // Actions that let a principal meet a tag or alias condition (conditions: 'scope').
  'kms:TagResource',
  'kms:*Alias',
];

/** Region segments: two regions spelled out, and patterns over them. */
export const REGIONS: readonly string[] = ['us-east-1', 'eu-west-1', 'us-*', 'us-east-?', '*-1', '*', '${aws:RequestedRegion}'];

/**
 * Account segments: two accounts, `${aws:PrincipalAccount}`, a per-request variable, and
 * patterns. `${aws:PrincipalAccount}` only as a whole account (never `1111${aws:PrincipalAccount}`):
 * the oracle's universe relies on it (universe.ts, point 1).
 */
export const ACCOUNTS: readonly string[] = [
  '111122223333',
  '444455556666',
  '${aws:PrincipalAccount}',
  '${aws:PrincipalTag/acct}',
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
  '1234abcd-*',
  '1234abcd-12ab-34cd-56ef-1234567890a?',
  'mrk-*',
  '*-1234567890ab',
  '*${aws:username}',
  '?${aws:username}',
  "${aws:PrincipalTag/team, 'x'}",
  '*',
];

/**
 * Key ARNs spelled out in full whatever the reading: no wildcard and no per-request variable
 * anywhere (`${aws:PrincipalAccount}` is one account the policy names; under another Version an
 * item with `${` names no key).
 */
export const SPELLED_KEY_ARNS: readonly string[] = [
  'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:111122223333:key/mrk-0a1b2c3d4e5f',
  'arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:kms:us-east-1:444455556666:key/mrk-0a1b2c3d4e5f',
  'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/mrk-0a1b2c3d4e5f',
];

const withoutEscapes = (segment: string) => segment.replace(/\$\{[*?$]\}/g, '');

function hasWildcard(segment: string): boolean {
  return /[*?]/.test(withoutEscapes(segment));
}

/**
 * Whether a segment spells one value in every reading: no `*` or `?` (escapes aside) and no
 * variable other than `${aws:PrincipalAccount}` (a per-request one reads as `*` in an Allow).
 */
export function spellsOneValue(segment: string): boolean {
  const variables = [...withoutEscapes(segment).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!.split(',')[0]!.trim().toLowerCase());
  return !hasWildcard(segment) && variables.every((name) => name === 'aws:principalaccount');
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
  // Variables in other spellings and places: names in another case, a default on
  // ${aws:PrincipalAccount}, a per-request variable inside an account or as a whole ARN, and the
  // escapes `${?}`, `${*}` and `${$}`.
  out.push(
    'arn:aws:kms:*:${AWS:PrincipalAccount}:key/*',
    "arn:aws:kms:us-east-1:${aws:principalaccount, '111122223333'}:key/mrk-*",
    'arn:aws:kms:us-east-1:1111${aws:username}:key/*',
    'arn:aws:kms:*:*:key/mrk-${?}',
    'arn:aws:kms:us-*:111122223333:key/1234abcd-${*}',
    'arn:aws:kms:eu-west-1:444455556666:key/1234abcd-${*}',
    'arn:aws:kms:us-east-1:111122223333:key/${$}',
    '${aws:PrincipalTag/arn}',
  );
  // A key id from a tag, and a Deny of every region that is not empty.
  out.push('arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/keyid}', 'arn:aws:kms:?*:111122223333:key/*');
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

export const RESOURCE_PATTERNS: readonly string[] = [...new Set([...keyArnPatterns(), ...crossingPatterns(), ...NON_KEY_PATTERNS, ...SPELLED_KEY_ARNS])];

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
 * but do not): tags and aliases, ResourceAccount with plain values or policy variables,
 * ForAllValues:, IfExists and negated operators, key names in another case.
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
  // Variables as ResourceAccount values: P limits to its account, a per-request one limits nothing.
  { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
  { StringLike: { 'aws:ResourceAccount': ['444455556666', '${aws:principalaccount}'] } },
  { StringEquals: { 'aws:ResourceAccount': ['${aws:PrincipalTag/acct}', '111122223333'] } },
  { 'ForAllValues:StringEquals': { 'aws:ResourceTag/team': 'payments' } },
  { StringEqualsIfExists: { 'aws:ResourceTag/team': 'payments' } },
  { StringNotLike: { 'kms:ResourceAliases': 'alias/app-*' } },
  { ArnLike: { 'aws:ResourceTag/Owner': 'x' } },
  // Grant conditions (README, Rules): some keep CreateGrant from granting decryption, some only look alike.
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
