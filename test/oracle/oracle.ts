/**
 * An independent, brute-force reading of the verdict semantics (README, "Semantics in short") for the policies the
 * property tests generate. It shares no code with lib/iam: it parses the generated document
 * itself, and tries every candidate key of the universe (universe.ts) against every statement.
 *
 *   allowed(b, k) = some Allow statement matches b and k (its Condition ignored)
 *                   and no Deny statement without a Condition matches b and k
 *   spelled out   = a wildcard-free segment (between `:`/`/`) of any Resource/NotResource pattern;
 *                   for an account also a run of exactly 12 literal digits in one (an account
 *                   has 12 digits: `111122223333` in `arn:aws:kms:us-east-1:111122223333*`)
 *   scope         = all-keys     if allowed on a key whose account is not spelled out,
 *                   account-keys if allowed on a key whose region is not spelled out,
 *                   region-keys  if allowed on a key whose key id is not spelled out,
 *                   none         otherwise.
 *
 * Policy variables (README, Semantics in short; glob.ts reads them): live only under `"Version": "2012-10-17"`,
 * else literal text that matches no key. A per-request variable (any but
 * `${aws:PrincipalAccount}`) reads as `*` in an Allow's Resource and a Deny's NotResource; there
 * the item matches more keys the more values the variable takes. In an Allow's NotResource and a
 * Deny's Resource the item matches no key. Its segment spells nothing; the item's other segments
 * spell what they say, even when the item matches no key. `${aws:PrincipalAccount}` is one
 * account P for the whole policy: the policy is judged once per account of
 * `universe.principalAccounts` (one per profile of the account position, which is exact:
 * universe.ts, point 7), P spelled out in each, and the widest verdict kept (the first reading of
 * that scope, with every reading of that scope in `alternatives`).
 *
 * With `conditions: 'scope'` (README, The config file), an Allow's Condition limits the keys it grants when a
 * test uses a positive operator (StringEquals, StringLike, ArnEquals, ArnLike, alone or after
 * ForAnyValue:/ForAllValues:; never ...IfExists or a negated operator):
 *   - on `aws:ResourceTag/...` or `kms:ResourceAliases` (not in a ForAllValues: test, which
 *     also holds for a key without tags or aliases): only keys the policy names, whatever the
 *     values; unless the policy (judged the same way, those tests not lifted) allows
 *     kms:TagResource (for tag tests) or kms:CreateAlias / kms:UpdateAlias (for alias tests) on
 *     a key it does not name: the principal can then give any key the tag or alias;
 *   - on `aws:ResourceAccount` with plain values: only keys in those accounts, which then
 *     count as spelled out. `${aws:PrincipalAccount}` there is P; a test with a per-request
 *     variable among its values limits nothing (the variable may be any key's account); under
 *     another Version a value with `${` is text no account equals.
 * Condition keys compare without regard to case. The generator uses one ResourceAccount test
 * per block and no wildcard values in it, where that reading is exact.
 *
 * Accounts are 12-digit ids (universe.ts). `${aws:PrincipalAccount}` inside an account
 * (`1111${aws:PrincipalAccount}`) is not modelled: the vocabulary has none.
 */
import {
  actionTokensOf,
  globRegExp,
  isPerRequest,
  isPrincipalAccount,
  patternTokens,
  readItem,
  spelledSegments,
  STAR,
  writtenAccounts,
  type GlobToken,
  type PatternToken,
} from './glob.js';
import { buildUniverse, type Position, type Universe } from './universe.js';
import { BLOCKED_ACTIONS, RESOURCE_PATTERNS } from './vocabulary.js';

export type OracleScope = 'all-keys' | 'account-keys' | 'region-keys' | 'none';
export const SCOPE_ORDER: readonly OracleScope[] = ['none', 'region-keys', 'account-keys', 'all-keys'];

export function widerOf(a: OracleScope, b: OracleScope): OracleScope {
  return SCOPE_ORDER.indexOf(a) >= SCOPE_ORDER.indexOf(b) ? a : b;
}

export type ConditionMode = 'ignore' | 'scope';

interface ConditionTest {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** What a verdict names besides its scope: the same in every reading of equal profile. */
export interface OracleDetails {
  /** Blocked actions allowed on some key the policy does not spell out, sorted. */
  readonly actions: readonly string[];
  /** Allow statements that grant a blocked action on a key at the verdict's scope. */
  readonly statements: readonly number[];
  /** Condition keys of those statements, sorted, unique. */
  readonly conditionKeys: readonly string[];
}

/** The verdict of one reading of `${aws:PrincipalAccount}` (the only one when the policy has none). */
export interface OracleReading extends OracleDetails {
  readonly scope: OracleScope;
  readonly principalAccount?: string;
}

export interface OracleVerdict extends OracleDetails {
  readonly scope: OracleScope;
  readonly byAction: Readonly<Record<string, OracleScope>>;
  /** One key at the verdict's scope, for messages. */
  readonly witness?: string;
  /** The account `${aws:PrincipalAccount}` is read as in the reading that gives the verdict. */
  readonly principalAccount?: string;
  /** The details of every reading that reaches `scope`, without repeats, the verdict's first. */
  readonly alternatives: readonly OracleDetails[];
  /** Every reading, in the order of `universe.principalAccounts`. */
  readonly readings: readonly OracleReading[];
}

class OracleShapeError extends Error {}

const VOCABULARY: ReadonlySet<string> = new Set(RESOURCE_PATTERNS);

function stringList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new OracleShapeError(`${where}: expected a string or a list of strings`);
}

interface OracleStatement {
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly actionNegated: boolean;
  /** Resource or NotResource items, as written, and as tokens under the document's Version. */
  readonly resources: readonly string[];
  readonly items: readonly (readonly PatternToken[])[];
  readonly resourceNegated: boolean;
  readonly conditionKeys: readonly string[];
  readonly conditionTests: readonly ConditionTest[];
}

interface OraclePolicy {
  /** `"Version": "2012-10-17"`: variables are live. */
  readonly live: boolean;
  readonly statements: readonly OracleStatement[];
}

function readStatement(raw: unknown, index: number, live: boolean): OracleStatement {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new OracleShapeError(`statement ${index}: not an object`);
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new OracleShapeError(`statement ${index}: Effect`);
  if ('Action' in s === 'NotAction' in s) throw new OracleShapeError(`statement ${index}: Action/NotAction`);
  if ('Resource' in s === 'NotResource' in s) throw new OracleShapeError(`statement ${index}: Resource/NotResource`);
  const actionNegated = 'NotAction' in s;
  const resourceNegated = 'NotResource' in s;
  const resources = stringList(resourceNegated ? s.NotResource : s.Resource, `statement ${index} resources`);
  for (const r of resources) {
    if (!VOCABULARY.has(r)) throw new OracleShapeError(`statement ${index}: ${r} is outside the vocabulary`);
  }
  const conditionTests: ConditionTest[] = [];
  if ('Condition' in s) {
    const block = s.Condition;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw new OracleShapeError(`statement ${index}: Condition`);
    for (const [operator, tests] of Object.entries(block)) {
      if (typeof tests !== 'object' || tests === null) throw new OracleShapeError(`statement ${index}: Condition operator`);
      for (const [key, values] of Object.entries(tests)) {
        conditionTests.push({ operator, key, values: stringList(values, `statement ${index} condition ${operator} ${key}`) });
      }
    }
  }
  const conditionKeys = conditionTests.map((t) => t.key);
  return {
    index,
    effect: s.Effect,
    actions: stringList(actionNegated ? s.NotAction : s.Action, `statement ${index} actions`),
    actionNegated,
    resources,
    items: resources.map((r) => patternTokens(r, live)),
    resourceNegated,
    conditionKeys,
    conditionTests,
  };
}

const POSITIVE = /^(?:ForAnyValue:|ForAllValues:)?(?:StringEquals|StringLike|ArnEquals|ArnLike)$/;

const isAccountTest = (test: ConditionTest) => test.key.toLowerCase() === 'aws:resourceaccount';

/** What an Allow's Condition does to its keys in 'scope' mode: nothing, only named keys, or accounts. */
type Narrowing = { readonly kind: 'none' } | { readonly kind: 'named-only' } | { readonly kind: 'accounts'; readonly accounts: readonly string[] };

/** Tag and alias tests the principal can make true on keys the policy does not name (they then limit nothing). */
interface Lifted {
  readonly tags: boolean;
  readonly aliases: boolean;
}

const NOTHING_LIFTED: Lifted = { tags: false, aliases: false };

function narrowing(s: OracleStatement, mode: ConditionMode, live: boolean, account: string | undefined, lifted: Lifted): Narrowing {
  if (mode === 'ignore' || s.effect !== 'Allow') return { kind: 'none' };
  let accounts: string[] | undefined;
  let accountTests = 0;
  for (const test of s.conditionTests) {
    if (!POSITIVE.test(test.operator)) continue;
    const key = test.key.toLowerCase();
    const tag = key.startsWith('aws:resourcetag/');
    if ((tag || key === 'kms:resourcealiases') && !test.operator.startsWith('ForAllValues:')) {
      if (tag ? lifted.tags : lifted.aliases) continue;
      return { kind: 'named-only' };
    }
    if (isAccountTest(test)) {
      if (++accountTests > 1) throw new OracleShapeError(`statement ${s.index}: two ResourceAccount tests`);
      const values = test.values.map((v) => patternTokens(v, live));
      // A per-request variable may be the account of any key: the test limits nothing.
      if (values.some((tokens) => tokens.some(isPerRequest))) continue;
      accounts = [];
      for (const tokens of values) {
        // `${*}`, or `${` under another Version: text no account equals.
        const glob = readItem(tokens, { account, widens: true });
        if (glob === undefined) continue;
        const text = tokensAsText(glob);
        if (text === undefined) throw new OracleShapeError(`statement ${s.index}: a ResourceAccount value with a wildcard`);
        accounts.push(text);
      }
    }
  }
  return accounts ? { kind: 'accounts', accounts } : { kind: 'none' };
}

const DECRYPTING_OPERATIONS = ['decrypt', 'reencryptfrom'];

/** A condition value as a case-insensitive glob (`*`, `?`) for StringLike, else as literal text. */
function operationMatches(operator: string, value: string, operation: string): boolean {
  if (!operator.endsWith('Like')) return value.toLowerCase() === operation;
  const body = value
    .toLowerCase()
    .replace(/[.+^$()[\]{}|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`).test(operation);
}

/**
 * Whether an Allow's Condition keeps it from granting `action` in a way that decrypts, in 'scope'
 * mode: only CreateGrant, under ForAllValues: with every grant operation other than Decrypt and
 * ReEncryptFrom, or Bool kms:GrantIsForAWSResource true. Written apart from lib/ on purpose.
 */
function grantExcluded(s: OracleStatement, action: string, mode: ConditionMode): boolean {
  if (mode === 'ignore' || s.effect !== 'Allow' || action !== 'kms:CreateGrant') return false;
  return s.conditionTests.some(({ operator, key, values }) => {
    const name = key.toLowerCase();
    if (name === 'kms:grantisforawsresource') return operator === 'Bool' && values.length > 0 && values.every((v) => v.toLowerCase() === 'true');
    if (name !== 'kms:grantoperations') return false;
    if (operator === 'ForAllValues:StringEquals' || operator === 'ForAllValues:StringLike') {
      return !values.some((v) => DECRYPTING_OPERATIONS.some((op) => operationMatches(operator, v, op)));
    }
    if (operator === 'ForAllValues:StringNotEquals') return values.includes('Decrypt') && values.includes('ReEncryptFrom');
    return false;
  });
}

/** The text a wildcard-free glob stands for, or undefined when it has a wildcard. */
function tokensAsText(tokens: readonly GlobToken[]): string | undefined {
  return tokens.every((t) => typeof t === 'string') ? (tokens as string[]).join('') : undefined;
}

export function readPolicyDocument(document: unknown): OraclePolicy {
  if (typeof document !== 'object' || document === null) throw new OracleShapeError('policy: not an object');
  const live = (document as Record<string, unknown>).Version === '2012-10-17';
  const statement = (document as Record<string, unknown>).Statement;
  const list = Array.isArray(statement) ? statement : [statement];
  return { live, statements: list.map((raw, index) => readStatement(raw, index, live)) };
}

/** Whether `${aws:PrincipalAccount}` is live in the policy: in an item or a condition value. */
function usesPrincipalAccount(policy: OraclePolicy): boolean {
  if (!policy.live) return false;
  return policy.statements.some(
    (s) =>
      s.items.some((tokens) => tokens.some(isPrincipalAccount)) ||
      s.conditionTests.some((test) => test.values.some((v) => patternTokens(v, true).some(isPrincipalAccount))),
  );
}

/** Bit sets over the universe's keys. */
type Bits = Uint32Array;

const globKey = (glob: readonly GlobToken[]) => glob.map((t) => (typeof t === 'string' ? t : t === STAR ? '\u0001' : '\u0002')).join('');

export class Oracle {
  readonly universe: Universe;
  private readonly words: number;
  private readonly globBits = new Map<string, Bits>();
  private readonly actionRegex = new Map<string, RegExp>();
  /** Per position, per value: the keys having that value there. */
  private readonly valueBits: Record<Position, Map<string, Bits>>;

  constructor(universe: Universe = buildUniverse()) {
    this.universe = universe;
    this.words = Math.ceil(universe.keys.length / 32);
    this.valueBits = { R: new Map(), A: new Map(), I: new Map() };
    universe.keys.forEach((key, n) => {
      for (const [position, value] of [
        ['R', key.r],
        ['A', key.a],
        ['I', key.i],
      ] as const) {
        let bits = this.valueBits[position].get(value);
        if (!bits) this.valueBits[position].set(value, (bits = this.empty()));
        bits[n >>> 5]! |= 1 << (n & 31);
      }
    });
  }

  private empty(): Bits {
    return new Uint32Array(this.words);
  }

  private full(): Bits {
    const bits = new Uint32Array(this.words).fill(0xffffffff);
    const extra = this.words * 32 - this.universe.keys.length;
    if (extra > 0) bits[this.words - 1] = 0xffffffff >>> extra;
    return bits;
  }

  /** The keys a glob (an item as read) matches, tested one by one. */
  keysMatching(glob: readonly GlobToken[], perSegment = false): Bits {
    const key = `${perSegment ? 'segment' : 'crossing'} ${globKey(glob)}`;
    let bits = this.globBits.get(key);
    if (!bits) {
      bits = this.empty();
      const re = globRegExp(glob, false, perSegment);
      this.universe.keys.forEach((k, n) => {
        if (re.test(k.arn)) bits![n >>> 5]! |= 1 << (n & 31);
      });
      this.globBits.set(key, bits);
    }
    return bits;
  }

  /**
   * Whether an Action/NotAction pattern matches an action, case ignored. `narrow` (where matching
   * less allows more: a Deny's Action, an Allow's NotAction): only ASCII letters fold. Otherwise
   * the characters some comparisons take for ASCII letters (Kelvin sign, long s, dotted capital
   * I, dotless small i) count as those letters too.
   */
  actionMatches(pattern: string, action: string, narrow = false): boolean {
    const key = `${narrow}:${pattern}`;
    let re = this.actionRegex.get(key);
    if (!re) {
      const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const wide = pattern.replace(/[\u212a\u017f\u0130\u0131]/gu, (c) => ({ '\u212a': 'k', '\u017f': 's', '\u0130': 'i', '\u0131': 'i' })[c]!);
      re = narrow ? globRegExp(actionTokensOf(asciiLower(pattern)), false) : globRegExp(actionTokensOf(wide), true);
      this.actionRegex.set(key, re);
    }
    return re.test(narrow ? action.replace(/[A-Z]/g, (c) => c.toLowerCase()) : action);
  }

  private statementActs(s: OracleStatement, action: string): boolean {
    const narrow = (s.effect === 'Deny') !== s.actionNegated;
    const any = s.actions.some((p) => this.actionMatches(p, action, narrow));
    return s.actionNegated ? !any : any;
  }

  /** The keys a statement's Resource/NotResource matches with P = `account`. */
  private statementKeys(s: OracleStatement, account: string | undefined): Bits {
    const widens = (s.effect === 'Allow') !== s.resourceNegated;
    const bits = this.empty();
    for (const tokens of s.items) {
      const glob = readItem(tokens, { account, widens });
      // Where matching less allows more, wildcards are read per segment (glob.ts).
      if (glob !== undefined) or(bits, this.keysMatching(glob, !widens));
    }
    return s.resourceNegated ? andNot(this.full(), bits) : bits;
  }

  /**
   * The verdict on `document` for the actions `blocked` (default: the decrypt rule's): the widest
   * over the accounts `${aws:PrincipalAccount}` may be, when the policy uses it.
   */
  judge(document: unknown, mode: ConditionMode = 'ignore', blocked: readonly string[] = BLOCKED_ACTIONS): OracleVerdict {
    // A tag (alias) test limits nothing when the policy, its conditions scoping, lets the principal
    // tag (alias) a key it does not name: it can then give any key the tag and decrypt with it.
    const can = (actions: readonly string[]) => this.judgeLifted(document, mode, actions, NOTHING_LIFTED).scope !== 'none';
    const lifted: Lifted = mode === 'scope' ? { tags: can(['kms:TagResource']), aliases: can(['kms:CreateAlias', 'kms:UpdateAlias']) } : NOTHING_LIFTED;
    return this.judgeLifted(document, mode, blocked, lifted);
  }

  private judgeLifted(document: unknown, mode: ConditionMode, blocked: readonly string[], lifted: Lifted): OracleVerdict {
    const policy = readPolicyDocument(document);
    const accounts = usesPrincipalAccount(policy) ? this.universe.principalAccounts : [undefined];
    const verdicts = accounts.map((account) => this.judgeReading(policy, account, mode, blocked, lifted));
    const readings = verdicts.map(
      ({ scope, actions, statements, conditionKeys, principalAccount }): OracleReading => ({
        scope,
        actions,
        statements,
        conditionKeys,
        ...(principalAccount === undefined ? {} : { principalAccount }),
      }),
    );
    const widest = verdicts.reduce((best, v) => (SCOPE_ORDER.indexOf(v.scope) > SCOPE_ORDER.indexOf(best.scope) ? v : best));
    return { ...widest, alternatives: alternativesAt(readings, widest.scope), readings };
  }

  private judgeReading(
    policy: OraclePolicy,
    account: string | undefined,
    mode: ConditionMode,
    blocked: readonly string[],
    lifted: Lifted,
  ): Omit<OracleVerdict, 'alternatives' | 'readings'> {
    const { statements, live } = policy;
    const narrowed = statements.map((s) => narrowing(s, mode, live, account, lifted));
    const spelled = new Set(statements.flatMap((s) => s.items.flatMap((tokens) => spelledSegments(tokens, account))));
    for (const n of narrowed) if (n.kind === 'accounts') for (const a of n.accounts) spelled.add(a);
    const accounts = new Set([...spelled, ...statements.flatMap((s) => s.items.flatMap((tokens) => writtenAccounts(tokens, account)))]);
    // Keys whose account / region / key id is NOT spelled out.
    const unspelled = (position: Position): Bits => {
      const bits = this.full();
      const values = position === 'A' ? accounts : spelled;
      for (const [value, keys] of this.valueBits[position]) if (values.has(value)) andNot(bits, keys);
      return bits;
    };
    const tiers: [Exclude<OracleScope, 'none'>, Bits][] = [
      ['all-keys', unspelled('A')],
      ['account-keys', unspelled('R')],
      ['region-keys', unspelled('I')],
    ];
    // Keys whose region, account and key id are all spelled out: all a named-only grant reaches.
    const named = this.full();
    for (const [, tier] of tiers) andNot(named, tier);
    const keysOf = statements.map((s, n) => {
      const keys = this.statementKeys(s, account);
      const limit = narrowed[n]!;
      if (limit.kind === 'named-only') return and(keys, named);
      if (limit.kind === 'accounts') {
        const inAccounts = this.empty();
        for (const a of limit.accounts) {
          const bits = this.valueBits.A.get(a);
          if (bits) or(inAccounts, bits);
          else if (/^[0-9]{12}$/.test(a)) throw new OracleShapeError(`account ${a} is not in the universe`);
        }
        return and(keys, inAccounts);
      }
      return keys;
    });
    const byAction: Record<string, OracleScope> = {};
    const allowedBy: Bits[] = [];
    const grants = (s: OracleStatement, action: string) => s.effect === 'Allow' && this.statementActs(s, action) && !grantExcluded(s, action, mode);
    for (const action of blocked) {
      const denied = this.empty();
      for (const s of statements) {
        if (s.effect === 'Deny' && s.conditionKeys.length === 0 && this.statementActs(s, action)) or(denied, keysOf[s.index]!);
      }
      const allowed = this.empty();
      for (const s of statements) if (grants(s, action)) or(allowed, keysOf[s.index]!);
      andNot(allowed, denied);
      allowedBy.push(allowed);
      byAction[action] = tiers.find(([, tier]) => intersects(allowed, tier))?.[0] ?? 'none';
    }
    const reading = account === undefined ? {} : { principalAccount: account };
    const scope = Object.values(byAction).reduce(widerOf, 'none');
    const actions = blocked.filter((a) => byAction[a] !== 'none').sort();
    if (scope === 'none') return { scope, byAction, actions, statements: [], conditionKeys: [], ...reading };

    const tier = tiers.find(([name]) => name === scope)![1];
    const responsible = new Set<number>();
    let witness: string | undefined;
    blocked.forEach((action, n) => {
      const reach = and(allowedBy[n]!, tier);
      for (const s of statements) {
        if (grants(s, action) && intersects(keysOf[s.index]!, reach)) responsible.add(s.index);
      }
      const first = firstBit(reach);
      if (witness === undefined && first >= 0) witness = this.universe.keys[first]!.arn;
    });
    const chosen = [...responsible].sort((a, b) => a - b);
    const conditionKeys = [...new Set(chosen.flatMap((i) => statements[i]!.conditionKeys))].sort();
    return { scope, byAction, actions, statements: chosen, conditionKeys, ...(witness ? { witness } : {}), ...reading };
  }
}

/** The details of the readings that reach `scope`, without repeats, in reading order. */
export function alternativesAt(readings: readonly OracleReading[], scope: OracleScope): OracleDetails[] {
  const seen = new Map<string, OracleDetails>();
  for (const { actions, statements, conditionKeys, scope: reached } of readings) {
    const details = { actions, statements, conditionKeys };
    if (reached === scope && !seen.has(JSON.stringify(details))) seen.set(JSON.stringify(details), details);
  }
  return [...seen.values()];
}

function or(into: Bits, other: Bits): void {
  for (let i = 0; i < into.length; i++) into[i]! |= other[i]!;
}

function andNot(into: Bits, other: Bits): Bits {
  for (let i = 0; i < into.length; i++) into[i]! &= ~other[i]!;
  return into;
}

function and(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

function intersects(a: Bits, b: Bits): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return true;
  return false;
}

function firstBit(bits: Bits): number {
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) return i * 32 + (31 - Math.clz32(bits[i]! & -bits[i]!));
  return -1;
}

let shared: Oracle | undefined;

/** The oracle over the vocabulary's universe (built once). */
export function oracle(): Oracle {
  return (shared ??= new Oracle());
}
