/**
 * AWS account ids: exactly 12 decimal digits. This is the one part of a key ARN whose form is
 * certain, so the key search writes only accounts of this form (see key-search.ts for why the
 * region and the key id stay open).
 *
 * A variable token (glob.ts) in an account stands for its value, a run of one or more digits (one fixed
 * value, which no pattern spells): `${aws:PrincipalAccount}` is a run of 12, `1111${x}` four
 * digits and a run of 8. So wildcard-free text with variables may be an account when its other
 * characters are digits, with room for a digit of each variable.
 */
import { isDelimiter, isVariable, type Token } from './glob.js';

export const ACCOUNT_ID_DIGITS = 12;

const ZERO = 0x30;
const NINE = 0x39;

export function isDigit(token: Token): boolean {
  return token >= ZERO && token <= NINE;
}

/** The ten digit characters, in order. */
export const DIGITS: readonly Token[] = Array.from({ length: 10 }, (_, n) => ZERO + n);

/** Can wildcard-free text (characters and variables) be an account id? */
export function mayBeAccountId(tokens: readonly Token[]): boolean {
  let digits = 0;
  const variables = new Set<Token>();
  for (const t of tokens) {
    if (isVariable(t)) variables.add(t);
    else if (isDigit(t)) digits++;
    else return false;
  }
  const leastRuns = tokens.length - digits;
  return variables.size === 0 ? digits === ACCOUNT_ID_DIGITS : digits + leastRuns <= ACCOUNT_ID_DIGITS;
}

/**
 * The accounts a pattern writes out without a segment of their own: every run of exactly 12
 * literal digits between delimiters, wildcards and variables (`111122223333` in
 * `arn:aws:kms:us-east-1:111122223333*`). An account id has 12 digits, so wherever such a run
 * falls in an account it is the whole account, which the policy has then written out. (A run
 * that is a whole segment is a spelled value already.)
 */
export function writtenAccounts(tokens: readonly Token[]): Token[][] {
  // Stryker disable next-line ArrayDeclaration: a text entry is no token list, so it equals no account the search writes
  const accounts: Token[][] = [];
  // Stryker disable next-line ArrayDeclaration: the first run then holds a text entry, so it is never 12 digits
  let run: Token[] = [];
  const close = () => {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,MethodExpression: an account the search writes is 12 digits and variables, so values of other lengths or with other characters, spelled for the account, equal none; the test only keeps the trie small
    if (run.length === ACCOUNT_ID_DIGITS && run.every(isDigit)) accounts.push(run);
    run = [];
  };
  for (const t of tokens) {
    // Stryker disable next-line EqualityOperator: token 0 (a NUL character) as a boundary only splits runs that hold it, and a run with a NUL is no account
    if (t < 0 || isDelimiter(t)) close();
    else run.push(t);
  }
  // Stryker disable next-line CallExpression: a run that ends the pattern falls in the key id of any key it matches (a key ARN ends with key/<id>), where a value spelled for the account counts for nothing
  close();
  return accounts;
}
