/**
 * A shortcut for the common Resource pattern shaped like a key ARN,
 * `arn:<partition>:kms:<region>:<account>:key/<id>` with globs for fields.
 *
 * Such a pattern spells exactly as many `:` and `/` as a key ARN has, so none of its `*` can
 * absorb a delimiter: it matches the product of its field globs. A region or key id field with
 * `*` or `?` matches infinitely many values, so some value the policy does not spell out; a
 * wildcard-free field is itself a spelled value. Accounts are 12-digit account ids: a
 * wildcard-free account field that cannot be one matches no key, an account field of only `*`
 * matches accounts the policy does not spell out; any other account field with wildcards
 * (`1111*`, `11112222333?`) may match few accounts or none, so such a pattern is left to the
 * exact search. The widest scope the pattern alone grants follows from which of region, account
 * and key id have wildcards.
 */
import { mayBeAccountId } from './account-id.js';
import { QMARK, STAR, isDelimiter, isVariable, literalTokens, tokensMatch, type ArnPattern, type Token } from './glob.js';
import type { Scope } from './types.js';

const COLON = 0x3a;
const SLASH = 0x2f;
const DELIMITERS = [COLON, COLON, COLON, COLON, COLON, SLASH];
const ARN = literalTokens('arn');
const KMS = literalTokens('kms');
const KEY = literalTokens('key');

export type PatternScope = Scope | 'none';

const hasWildcard = (field: readonly Token[]) => field.some((t) => t === STAR || t === QMARK);
const canBeNonEmpty = (field: readonly Token[]) => field.length > 0;
/**
 * A variable written twice stands for the same run twice (`${v}1${v}` is 2n+1 digits, never 12),
 * which mayBeAccountId does not weigh: such an account is left to the exact search.
 */
const repeatsVariable = (field: readonly Token[]) => {
  const variables = field.filter(isVariable);
  return new Set(variables).size !== variables.length;
};

interface KeyShape {
  readonly region: readonly Token[];
  readonly account: readonly Token[];
  readonly id: readonly Token[];
}

/**
 * The field globs of a pattern shaped like a key ARN, `null` when it is so shaped but matches no
 * key of the partition, undefined when it is not so shaped.
 */
// Stryker disable next-line BlockStatement: answering undefined ("not key-shaped") only sends the pattern to the exact search, which decides the same keys
function keyShape(pattern: ArnPattern, partition: string): KeyShape | null | undefined {
  const fields: Token[][] = [[]];
  // Stryker disable next-line ArrayDeclaration: a seventh delimiter makes every pattern "not key-shaped": the exact search decides the same keys
  const delimiters: Token[] = [];
  // Stryker disable next-line BlockStatement: no delimiters read makes every pattern "not key-shaped": the exact search decides the same keys
  for (const t of pattern.tokens) {
    // Stryker disable next-line BlockStatement,ConditionalExpression: a wrong delimiter list (none, or every token) fails the check below ("not key-shaped"), or is the pattern `:::::/`, which reads as matching no key either way
    if (isDelimiter(t)) {
      // Stryker disable next-line CallExpression: no delimiters read makes every pattern "not key-shaped": the exact search decides the same keys
      delimiters.push(t);
      fields.push([]);
    } else fields[fields.length - 1]!.push(t);
  }
  if (delimiters.length !== DELIMITERS.length || delimiters.some((d, i) => d !== DELIMITERS[i])) return undefined;
  const [arn, part, service, region, account, resourceType, id] = fields as [Token[], Token[], Token[], Token[], Token[], Token[], Token[]];
  const fixedMatch = tokensMatch(arn, ARN) && tokensMatch(part, literalTokens(partition)) && tokensMatch(service, KMS) && tokensMatch(resourceType, KEY);
  if (!fixedMatch || ![region, account, id].every(canBeNonEmpty)) return null;
  return { region, account, id };
}

// Stryker disable next-line ArrowFunction: onlyStars never true only sends `*` and all-star accounts to the exact search, which decides the same keys
const onlyStars = (tokens: readonly Token[]) => tokens.length > 0 && tokens.every((t) => t === STAR);

/**
 * The widest scope the pattern alone grants on keys of the partition ('none': it matches no key,
 * or only keys it spells out), or undefined when the pattern is not shaped like a key ARN (nor a
 * run of `*`), or its account field needs the exact search.
 */
// Stryker disable next-line BlockStatement: undefined sends every group to the exact search, which decides the same keys
export function keyPatternScope(pattern: ArnPattern, partition: string): PatternScope | undefined {
  if (onlyStars(pattern.tokens)) return 'all-keys';
  const shape = keyShape(pattern, partition);
  if (shape === undefined) return undefined;
  if (shape === null) return 'none';
  if (onlyStars(shape.account)) return 'all-keys';
  if (hasWildcard(shape.account) || repeatsVariable(shape.account)) return undefined;
  if (!mayBeAccountId(shape.account)) return 'none';
  if (hasWildcard(shape.region)) return 'account-keys';
  if (hasWildcard(shape.id)) return 'region-keys';
  return 'none';
}

/** Does the pattern match every key of the partition (`*`, or `arn:<partition>:kms:*:*:key/*`)? */
// Stryker disable next-line BlockStatement: a Deny not known to cover every key goes to the exact search, which finds no allowed key either
export function keyPatternCoversAll(pattern: ArnPattern, partition: string): boolean {
  // Stryker disable next-line BooleanLiteral: a Deny not known to cover every key goes to the exact search, which finds no allowed key either
  if (onlyStars(pattern.tokens)) return true;
  const shape = keyShape(pattern, partition);
  return !!shape && onlyStars(shape.region) && onlyStars(shape.account) && onlyStars(shape.id);
}
