/**
 * AWS account ids: exactly 12 decimal digits. This is the one part of a key ARN whose form is
 * certain, so the key search writes only accounts of this form (see key-search.ts for why the
 * region and the key id stay open).
 *
 * A policy variable stands for one fixed value not known here (of any length, possibly empty),
 * so text with a variable in it may be an account when its other characters are digits, at most
 * 12 of them: `${aws:PrincipalAccount}`, and also `1111${x}`.
 */
import { isVariable, type Token } from './glob.js';

export const ACCOUNT_ID_DIGITS = 12;

const ZERO = 0x30;
const NINE = 0x39;

export function isDigit(token: Token): boolean {
  return token >= ZERO && token <= NINE;
}

/** The ten digit characters, in order. */
export const DIGITS: readonly Token[] = Array.from({ length: 10 }, (_, n) => ZERO + n);

/** Can text with this many digits (and nothing else but variables) be an account id? */
export function digitsMakeAccountId(digits: number, hasVariable: boolean): boolean {
  return hasVariable ? digits <= ACCOUNT_ID_DIGITS : digits === ACCOUNT_ID_DIGITS;
}

/** Can wildcard-free text (characters and variables) be an account id? */
export function mayBeAccountId(tokens: readonly Token[]): boolean {
  let digits = 0;
  let hasVariable = false;
  for (const t of tokens) {
    if (isVariable(t)) hasVariable = true;
    else if (isDigit(t)) digits++;
    else return false;
  }
  return digitsMakeAccountId(digits, hasVariable);
}
