import fc from 'fast-check';
import { expect } from 'chai';
import { PatternSetDfa } from '../../lib/iam/automaton.js';
import { WorkBudget } from '../../lib/iam/budget.js';
import { OTHER, compileArnPattern, isVariable, literalTokens, variableName, type Token } from '../../lib/iam/glob.js';
import { findAllowedKey, KEY_SLOT_BUDGETS, type Clause, type KeySearch, type KeyWitness } from '../../lib/iam/key-search.js';
import { SCOPES as SCOPE_ORDER, type Scope } from '../../lib/iam/types.js';
import { ACCOUNT, KEY_ID, REGION, SpelledValues } from '../../lib/iam/spelled-values.js';
import { P, UNKNOWN, allow, deny, judged, type Doc, type Judged } from './judge-table.js';

interface Rule {
  readonly patterns: readonly string[];
  readonly negated: boolean;
}

function problemOf(allow: readonly Rule[], deny: readonly Rule[], partition = 'aws'): KeySearch {
  const texts = [...new Set([...allow, ...deny].flatMap((r) => r.patterns))];
  const spelled = new SpelledValues();
  const characters = new Set<Token>();
  const variables = new Set<Token>();
  for (const text of texts) {
    const pattern = compileArnPattern(text);
    for (const value of pattern.spelled) spelled.add(value, REGION | ACCOUNT | KEY_ID);
    for (const t of pattern.tokens) {
      if (t >= 0) characters.add(t);
      else if (isVariable(t)) variables.add(t);
    }
  }
  const clause = (rule: Rule): Clause => ({ patterns: rule.patterns.map((p) => texts.indexOf(p)), negated: rule.negated });
  return {
    partition,
    dfa: new PatternSetDfa(
      texts.map((t) => compileArnPattern(t).tokens),
      KEY_SLOT_BUDGETS,
    ),
    allow: allow.map(clause),
    deny: deny.map(clause),
    spelled,
    variables: [...variables],
    characters,
    work: new WorkBudget(),
  };
}

/**
 * A key and the patterns as text for regular expressions, read independently of lib/iam. A
 * variable in the account is the run of digits it stands for, each written as a character of its
 * own that no pattern spells (`?` and `*` match it, no literal does; two such characters take
 * turns, so that two runs side by side stay apart); anywhere else it is one opaque character that
 * only `*` and the variable itself match. `${v}` in a pattern takes one run or the opaque
 * character whole. OTHER is a character no pattern spells.
 */
const FRESH = '\u{F0000}';
const variableChars = new Map<string, { readonly runs: readonly [string, string]; readonly opaque: string }>();
function charsOf(name: string) {
  let chars = variableChars.get(name);
  if (!chars) {
    const n = variableChars.size;
    const runs = [String.fromCodePoint(0xf0100 + n), String.fromCodePoint(0xf0180 + n)] as const;
    variableChars.set(name, (chars = { runs, opaque: String.fromCodePoint(0xf0200 + n) }));
  }
  return chars;
}

function keyText(witness: KeyWitness): string {
  const runs = [...witness.accountRuns];
  let slot = 0;
  let text = '';
  let turn = 0;
  for (const t of witness.tokens.slice(literalTokens('arn:aws:kms:').length)) {
    if (t === 0x3a || t === 0x2f) slot++;
    if (isVariable(t)) {
      const chars = charsOf(variableName(t));
      text += slot === 1 ? chars.runs[turn++ % 2]!.repeat(runs.shift()!) : chars.opaque;
    } else text += t === OTHER ? FRESH : String.fromCodePoint(t);
  }
  expect(runs, 'every account run used').to.deep.equal([]);
  return `arn:aws:kms:${text}`;
}

function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\$\{[^}]*\})/)
    .map((part) => {
      const variable = /^\$\{([^}]*)\}$/.exec(part)?.[1];
      if (variable === '*' || variable === '?' || variable === '$') return `\\${variable}`;
      if (variable !== undefined) {
        const { runs, opaque } = charsOf(variable);
        return `(?:${runs.map((r) => `(?<!${r})${r}+(?!${r})`).join('|')}|${opaque})`;
      }
      const opaques = [...variableChars.values()].map((c) => c.opaque).join('');
      return [...part].map((ch) => (ch === '*' ? '[^]*' : ch === '?' ? `[^${opaques}]` : ch.replace(/[\\^$.+()|[\]{}]/, '\\$&'))).join('');
    })
    .join('');
  return new RegExp(`^${source}$`, 'u');
}

/** An account: 12 digits, variables standing for runs of one or more of them. */
function isAccountId(account: readonly Token[], runs: readonly number[]): boolean {
  const digits = account.filter((t) => t >= 0x30 && t <= 0x39).length;
  const variables = account.filter(isVariable).length;
  const runDigits = runs.reduce((a, b) => a + b, 0);
  return digits + variables === account.length && variables === runs.length && runs.every((r) => r > 0) && digits + runDigits === 12;
}

/** Checks a witness against the rules directly: a key ARN, allowed, and in the tier it claims. */
function checkWitness(witness: KeyWitness, scope: Scope, allow: readonly Rule[], deny: readonly Rule[], partition = 'aws'): void {
  const { tokens } = witness;
  const prefix = literalTokens(`arn:${partition}:kms:`);
  expect(tokens.slice(0, prefix.length)).to.deep.equal(prefix);
  const rest = tokens.slice(prefix.length);
  const slots: Token[][] = [[]];
  const separators: Token[] = [];
  for (const t of rest) {
    if (t === 0x3a || t === 0x2f) {
      separators.push(t);
      slots.push([]);
    } else slots[slots.length - 1]!.push(t);
  }
  expect(separators).to.deep.equal([0x3a, 0x3a, 0x2f]);
  const [region, account, resourceType, keyId] = slots as [Token[], Token[], Token[], Token[]];
  expect(resourceType).to.deep.equal(literalTokens('key'));
  for (const slot of [region, account, keyId]) expect(slot.length).to.be.greaterThan(0);
  expect(isAccountId(account, witness.accountRuns), `account ${JSON.stringify(account)}`).to.equal(true);
  const key = keyText(witness);
  // Regular expressions are built after the key, so that every marker is known to `?`.
  const holds = (rule: Rule) => rule.patterns.some((p) => patternRegExp(p).test(key)) !== rule.negated;
  expect(allow.some(holds), 'allowed by an Allow').to.equal(true);
  expect(deny.some(holds), 'removed by a Deny').to.equal(false);
  const spelled = new Set([...allow, ...deny].flatMap((r) => r.patterns).flatMap((p) => compileArnPattern(p).spelled.map((v) => v.join(','))));
  const isSpelled = (slot: Token[]) => spelled.has(slot.join(','));
  const expected = !isSpelled(account) ? 'all-keys' : !isSpelled(region) ? 'account-keys' : !isSpelled(keyId) ? 'region-keys' : undefined;
  expect(expected, 'tier').to.equal(scope);
}

describe('iam: key search', () => {
  it('finds a key whose id starts with a and ends with b, and writes it out', () => {
    const allow = [{ patterns: ['arn:aws:kms:*:*:key/a*'], negated: false }];
    const deny = [{ patterns: ['arn:aws:kms:*:*:key/*b'], negated: true }];
    const witness = findAllowedKey(problemOf(allow, deny));
    expect(witness?.scope).to.equal('all-keys');
    expect(witness?.arn).to.equal('arn:aws:kms:x:000000000000:key/ab');
    checkWitness(witness!, 'all-keys', allow, deny);
  });

  it('writes a character no pattern uses for a fresh one, and variables as ${...}', () => {
    const allow = [{ patterns: ['arn:aws:kms:xz:${aws:PrincipalAccount}:key/*'], negated: false }];
    const witness = findAllowedKey(problemOf(allow, []));
    expect(witness?.scope).to.equal('region-keys');
    expect(witness?.arn).to.equal('arn:aws:kms:xz:${aws:PrincipalAccount}:key/q');
    expect(witness?.tokens.includes(OTHER)).to.equal(true);
  });

  it('answers for one tier when asked', () => {
    const allow = [{ patterns: ['arn:aws:kms:*:*:key/*', 'arn:aws:kms:us-east-1:111122223333:key/*'], negated: false }];
    const problem = problemOf(allow, []);
    // Spelled values count in any slot: the shortest region-keys key reuses `key` (from `:key/`)
    // as its region; its account is the one spelled value that is an account id.
    expect(findAllowedKey(problem, 'region-keys')?.arn).to.equal('arn:aws:kms:key:111122223333:key/x');
    expect(findAllowedKey(problem, 'account-keys')?.arn).to.equal('arn:aws:kms:x:111122223333:key/x');
    // The fresh account's digit is one that starts no spelled value (1 would start 111122223333).
    expect(findAllowedKey(problem)?.arn).to.equal('arn:aws:kms:x:000000000000:key/x');
    for (const tier of SCOPE_ORDER) checkWitness(findAllowedKey(problem, tier)!, tier, allow, []);
    expect(findAllowedKey(problemOf([{ patterns: ['arn:aws:kms:us-east-1:111122223333:key/*'], negated: false }], []), 'all-keys')).to.equal(undefined);
  });

  it('writes accounts of exactly 12 digits: none for a one-character account, the only one for a 12-digit prefix', () => {
    expect(findAllowedKey(problemOf([{ patterns: ['arn:aws:kms:*:?:key/*'], negated: false }], []))).to.equal(undefined);
    expect(findAllowedKey(problemOf([{ patterns: ['arn:aws:kms:*:1111222233334:key/*'], negated: false }], []))).to.equal(undefined);
    expect(findAllowedKey(problemOf([{ patterns: ['arn:aws:kms:*:????????????:key/*'], negated: false }], []))?.arn).to.equal(
      'arn:aws:kms:x:000000000000:key/x',
    );
    expect(findAllowedKey(problemOf([{ patterns: ['arn:aws:kms:us-east-1:111122223333*'], negated: false }], []))?.arn).to.equal(
      'arn:aws:kms:us-east-1:111122223333:key/x',
    );
  });

  it('writes a digit a live pattern expects where every other digit continues a spelled value', () => {
    // Every digit starts a spelled value (the ten one-digit key ids), so there is no fresh digit:
    // each is tried, and the first account of the right form that is not spelled out is found.
    const spelledDigits = [...'0123456789'].map((d) => `arn:aws:kms:r:000000000000:key/${d}`);
    const allow = [{ patterns: ['arn:aws:kms:*:*:key/*', ...spelledDigits], negated: false }];
    const deny = [{ patterns: ['arn:aws:kms:*:000000000000:key/*'], negated: false }];
    const witness = findAllowedKey(problemOf(allow, deny));
    expect(witness?.arn).to.equal('arn:aws:kms:x:000000000001:key/x');
    checkWitness(witness!, 'all-keys', allow, deny);
  });

  it('lets a variable stand for one or more digits of an account, beside at most 11 digits and no other character', () => {
    const found = (pattern: string) => findAllowedKey(problemOf([{ patterns: [pattern], negated: false }], []))?.arn;
    expect(found('arn:aws:kms:r:1111${x}:key/*')).to.equal('arn:aws:kms:r:1111${x}:key/x');
    expect(found('arn:aws:kms:r:${x}11112222333:key/*')).to.equal('arn:aws:kms:r:${x}11112222333:key/x');
    expect(found('arn:aws:kms:r:${x}111122223333:key/*')).to.equal(undefined);
    expect(found('arn:aws:kms:r:a${x}:key/*')).to.equal(undefined);
    expect(found('arn:aws:kms:r:${x}*:key/*')).to.equal('arn:aws:kms:r:${x}:key/x');
  });

  it('finds nothing without an Allow', () => {
    expect(findAllowedKey(problemOf([], [{ patterns: ['*'], negated: false }]))).to.equal(undefined);
  });

  const segment = fc.constantFrom('a', 'b', 'ab', '*', 'a*', '*b', '?', 'a?', '${v}', 'us-east-1', '1111');
  const accountSegment = fc.constantFrom('111122223333', '1111*', '*3333', '11112222333?', '????????????', '?', '*', '${v}', '1111${v}', '1111');
  const pattern = fc.oneof(
    fc.constant('*'),
    fc.tuple(segment, accountSegment, segment).map(([r, a, k]) => `arn:aws:kms:${r}:${a}:key/${k}`),
    fc.tuple(segment, segment).map(([ra, k]) => `arn:aws:kms:${ra}:key/${k}`),
    fc.tuple(segment, accountSegment).map(([r, a]) => `arn:aws:kms:${r}:${a}*`),
    fc.tuple(accountSegment, segment).map(([a, k]) => `*:${a}:key/${k}`),
  );
  const rule = fc.record({ patterns: fc.array(pattern, { minLength: 1, maxLength: 2 }), negated: fc.boolean() });

  it('every key it reports is allowed and in the tier it says (random rules, every tier)', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 2 }), fc.array(rule, { maxLength: 2 }), (allow, deny) => {
        const problem = problemOf(allow, deny);
        for (const tier of SCOPE_ORDER) {
          const witness = findAllowedKey(problem, tier);
          if (witness) checkWitness(witness, tier, allow, deny);
        }
        const widest = findAllowedKey(problem);
        const first = SCOPE_ORDER.find((tier) => findAllowedKey(problem, tier));
        expect(widest?.scope).to.equal(first);
      }),
      { numRuns: 500, seed: 99 },
    );
  });
});

/**
 * The exact key search (key-search.ts over the search space of search-space.ts), reached through
 * judgePolicy: a Deny (even one of aliases only) or a ResourceAccount condition sends a group to
 * the search instead of the key-ARN shortcut. Each policy needs one part of the search to be
 * right: pattern-set membership on states with many patterns, the "other digit" of an account,
 * per-request variables in accounts and regions (read as `*`), Allows that name any one account,
 * and patterns told apart by their tokens.
 */
/** A Deny that matches no key: it only sends the group to the exact search. */
const ALIASES = deny('kms:Decrypt', 'arn:aws:kms:*:*:alias/*');
const EIGHT = ['*', 'arn:*', 'arn:aws:*', 'arn:aws:kms:*', '*:kms:*', '*key*', '*/*', 'arn:*:kms:*:*:key/*'];
/** Ten accounts in eu-west-1, one per first digit: every digit continues a spelled account. */
const TEN_ACCOUNTS = Array.from({ length: 10 }, (_, n) => `arn:aws:kms:eu-west-1:${String(n).repeat(12)}:key/k`);
const OWN_ACCOUNT = { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } };
/** An account not known until apply: any one account, named by the plan (no limit pattern). */
const SOME_ACCOUNT = { StringEquals: { 'aws:ResourceAccount': UNKNOWN } };
/** Ten accounts, one per first digit, and one not known until apply. */
const TEN_OR_SOME = { StringEquals: { 'aws:ResourceAccount': [...Array.from({ length: 10 }, (_, n) => String(n).repeat(12)), UNKNOWN] } };
/** Token lists that join to the same digits without a separator: `a` `d` (97, 100) and tab, U+1BBC (9, 7100). */
const AD = 'arn:aws:kms:*:*:key/ad*';
const TAB_1BBC = `arn:aws:kms:*:*:key/\t${String.fromCodePoint(7100)}*`;

const cases: [string, Doc, Judged][] = [
  [
    'eight granted patterns, one Deny of one key',
    P(allow('kms:Decrypt', EIGHT), deny('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/abc')),
    { scope: 'all-keys', resources: [EIGHT] },
  ],
  [
    'a Deny of accounts starting 0: other digits remain',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'), deny('kms:Decrypt', 'arn:aws:kms:*:0*:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:*:key/*']] },
  ],
  [
    'a Deny of accounts starting 0 to 8: 9 remains',
    P(
      allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'),
      deny(
        'kms:Decrypt',
        Array.from({ length: 9 }, (_, n) => `arn:aws:kms:*:${n}*:key/*`),
      ),
    ),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:*:key/*']] },
  ],
  [
    'a Deny of every account by first digit',
    P(
      allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'),
      deny(
        'kms:Decrypt',
        Array.from({ length: 10 }, (_, n) => `arn:aws:kms:*:${n}*:key/*`),
      ),
    ),
    { scope: 'none', resources: [] },
  ],
  ['every first digit continues a spelled account', P(allow('kms:Decrypt', '*'), deny('kms:Decrypt', TEN_ACCOUNTS)), { scope: 'all-keys', resources: [['*']] }],
  [
    'a per-request variable twice around a digit reads as *1*: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}1${aws:userid}:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}1${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable twice reads as **: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}${aws:userid}:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable three times around digits: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}1${aws:userid}2${aws:userid}3:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}1${aws:userid}2${aws:userid}3:key/*']] },
  ],
  [
    'two per-request variables, one of them twice: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:userid}${aws:username}${aws:userid}1:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:userid}${aws:username}${aws:userid}1:key/*']] },
  ],
  [
    'a per-request variable once, then another twice: accounts the policy does not name',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:${aws:username}${aws:userid}${aws:userid}:key/*'), ALIASES),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:${aws:username}${aws:userid}${aws:userid}:key/*']] },
  ],
  [
    'a per-request variable region of one account: any region',
    P(allow('kms:Decrypt', 'arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*'), ALIASES),
    { scope: 'account-keys', resources: [['arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*']] },
  ],
  [
    'a per-request variable key id in one account, any region',
    P(allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/${aws:username}'), ALIASES),
    { scope: 'account-keys', resources: [['arn:aws:kms:*:111122223333:key/${aws:username}']] },
  ],
  [
    'patterns whose tokens join alike: the Deny removes only its own keys',
    P(allow('kms:Decrypt', AD), deny('kms:Decrypt', TAB_1BBC)),
    { scope: 'all-keys', resources: [[AD]] },
  ],
];

const scoped: [string, Doc, Judged][] = [
  [
    'the own account beside an unconditional grant',
    P(allow('kms:Decrypt', '*', { Condition: OWN_ACCOUNT }), allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*')),
    { scope: 'all-keys', resources: [['arn:aws:kms:*:*:key/*']] },
  ],
  ['the own account alone', P(allow('kms:Decrypt', '*', { Condition: OWN_ACCOUNT })), { scope: 'account-keys', resources: [['*']] }],
  [
    // Most permissive: the grant's keys are in one account the plan names, which may be any; the
    // unknown Resource is `*`, so all-keys. Least: the account is one unknown value and the
    // unknown Resource matches nothing, so account-keys.
    'an account known after apply beside a Resource known after apply',
    P(allow('kms:Decrypt', '*', { Condition: SOME_ACCOUNT }), allow('kms:Decrypt', UNKNOWN)),
    { scope: 'account-keys', resources: [['*']], mayWidenTo: 'all-keys' },
  ],
  [
    // The condition spells ten accounts, one per first digit, with no pattern: every first digit
    // continues a spelled account, and the grant of `*` still reaches accounts none names.
    'ten named accounts and one known after apply, beside a Resource known after apply',
    P(allow('kms:Decrypt', '*', { Condition: TEN_OR_SOME }), allow('kms:Decrypt', UNKNOWN)),
    { scope: 'account-keys', resources: [['*']], mayWidenTo: 'all-keys' },
  ],
];

describe('exact key search through judgePolicy', () => {
  for (const [name, document, expected] of cases) {
    it(`${name}: ${expected.scope}`, () => {
      expect(judged(document)).to.deep.equal(expected);
    });
  }
  for (const [name, document, expected] of scoped) {
    it(`${name} (conditions scope): ${expected.scope}`, () => {
      expect(judged(document, 'scope')).to.deep.equal(expected);
    });
  }
});
