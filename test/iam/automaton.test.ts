/**
 * PatternSetDfa (automaton.ts) on small pattern sets, state by state: which patterns are live,
 * live within a delimiter budget, accepting and universal; that one set of NFA positions is one
 * state even when another set has the same hash; `*` runs closed once; variable runs of
 * different lengths kept apart.
 */
import { expect } from 'chai';
import { PatternSetDfa } from '../../lib/iam/automaton.js';
import { arnPatternTokens, literalTokens, variableToken } from '../../lib/iam/glob.js';

const dfaOf = (patterns: string[], budgets = [{ colons: 0, slashes: 0 }]) => new PatternSetDfa(patterns.map(arnPatternTokens), budgets);
const sym = (ch: string) => ch.codePointAt(0)!;

// Each test builds its automaton itself: the states are built while the test runs.
describe('PatternSetDfa: state contents', () => {
  // 0 `*`, 1 `a*`, 2 `a*b`, 3 `**`, 4 `a`, 5 `` (the empty pattern).
  const build = () => {
    const dfa = dfaOf(['*', 'a*', 'a*b', '**', 'a', '']);
    return { dfa, afterA: dfa.step(dfa.start, sym('a')) };
  };

  it('lists live patterns once each, in order', () => {
    const { dfa, afterA } = build();
    expect(dfa.live(dfa.start)).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(dfa.live(afterA)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(dfa.live(dfa.step(afterA, sym('b')))).to.deep.equal([0, 1, 2, 3]);
  });

  it('lists accepting patterns', () => {
    const { dfa, afterA } = build();
    expect(dfa.accepting(dfa.start)).to.deep.equal([0, 3, 5]);
    expect(dfa.accepting(afterA)).to.deep.equal([0, 1, 3, 4]);
    expect(dfa.accepting(dfa.step(afterA, sym('b')))).to.deep.equal([0, 1, 2, 3]);
  });

  it('lists as universal the patterns at a `*` followed only by `*` (not those merely at their end)', () => {
    const { dfa, afterA } = build();
    expect(dfa.universal(dfa.start)).to.deep.equal([0, 3]);
    expect(dfa.universal(afterA)).to.deep.equal([0, 1, 3]);
    expect(dfa.universal(dfa.step(afterA, sym('b')))).to.deep.equal([0, 1, 3]);
  });

  it('lists the literals live positions expect', () => {
    const { dfa, afterA } = build();
    expect(dfa.literals(dfa.start)).to.deep.equal([sym('a')]);
    expect(dfa.literals(afterA)).to.deep.equal([sym('b')]);
  });
});

describe('PatternSetDfa: delimiter budgets', () => {
  // 0 `x:y`, 1 `x/y`, 2 `xy`, 3 `x:y/z`; budgets (colons, slashes): (0,0), (1,0), (0,1), (1,1).
  const budgets = [
    { colons: 0, slashes: 0 },
    { colons: 1, slashes: 0 },
    { colons: 0, slashes: 1 },
    { colons: 1, slashes: 1 },
  ];
  it('keeps, per budget, the patterns whose rest spells no more `:` and `/` than it allows', () => {
    const dfa = dfaOf(['x:y', 'x/y', 'xy', 'x:y/z'], budgets);
    const within = (state: number) => budgets.map((_, b) => dfa.liveWithin(state, b));
    expect(within(dfa.start)).to.deep.equal([[2], [0, 2], [1, 2], [0, 1, 2, 3]]);
    expect(within(dfa.step(dfa.start, sym('x')))).to.deep.equal([[2], [0, 2], [1, 2], [0, 1, 2, 3]]);
    expect(within(dfa.stepAll(dfa.start, literalTokens('x:')))).to.deep.equal([[0], [0], [0, 3], [0, 3]]);
  });
});

describe('PatternSetDfa: state identity', () => {
  it('takes one set of positions to one state, whatever path reaches it', () => {
    const dfa = dfaOf(['a**b']);
    const afterA = dfa.step(dfa.start, sym('a'));
    expect(dfa.step(afterA, sym('x'))).to.equal(afterA);
    expect(dfa.step(afterA, sym('q'))).to.equal(afterA);
    expect(dfa.stepAll(dfa.start, literalTokens('axyz'))).to.equal(afterA);
    expect(dfa.accepting(dfa.step(afterA, sym('b')))).to.deep.equal([0]);
  });

  it('keeps apart position sets whose hashes collide, and finds each again', () => {
    // Pattern 0 `a*` and 30 more characters: NFA ids 0..32; pattern 1 `b` 1890 times, `?`, `c`:
    // ids 33..1925. The start {0, 33}, the state after `a` {1, 2} and after 1890 `b` and one
    // more character {1924} have the same hash (1955).
    const dfa = dfaOf(['a*' + 'z'.repeat(30), 'b'.repeat(1890) + '?c']);
    const afterA = dfa.step(dfa.start, sym('a'));
    expect(afterA).to.not.equal(dfa.start);
    expect(dfa.live(dfa.start)).to.deep.equal([0, 1]);
    expect(dfa.live(afterA)).to.deep.equal([0]);
    expect(dfa.step(afterA, sym('q'))).to.equal(afterA);
    const bs = 'b'.repeat(1890);
    const afterQ = dfa.stepAll(dfa.start, literalTokens(bs + 'q'));
    expect(dfa.stepAll(dfa.start, literalTokens(bs + 'r'))).to.equal(afterQ);
    expect([dfa.start, afterA]).to.not.include(afterQ);
    expect(dfa.live(afterQ)).to.deep.equal([1]);
    expect(dfa.literals(afterQ)).to.deep.equal([sym('c')]);
    expect(dfa.step(afterA, sym('s'))).to.equal(afterA);
    expect(dfa.stepAll(dfa.start, literalTokens(bs + 's'))).to.equal(afterQ);
    expect(dfa.accepting(dfa.step(afterQ, sym('c')))).to.deep.equal([1]);
  });
});

describe('PatternSetDfa: variables standing for runs of digits', () => {
  // Taken in each test: a token is stable within an evaluation, not across the table's release.
  const v = () => variableToken('aws:userid');

  it('reads a run of each length to its own state', () => {
    const dfa = dfaOf(['???', '${aws:userid}x']);
    const two = dfa.stepVariableRun(dfa.start, v(), 2);
    const three = dfa.stepVariableRun(dfa.start, v(), 3);
    expect(dfa.accepting(two)).to.deep.equal([]);
    expect(dfa.accepting(three)).to.deep.equal([0]);
    expect(dfa.live(two)).to.deep.equal([0, 1]);
    expect(dfa.accepting(dfa.step(three, sym('x')))).to.deep.equal([1]);
  });

  it('keeps apart runs of two variables whose tokens are 64 apart', () => {
    const first = variableToken('aws:userid');
    let other = first;
    for (let n = 0; other !== first - 64; n++) other = variableToken(`automaton test variable ${n}`);
    const dfa = dfaOf(['???']);
    const three = dfa.stepVariableRun(dfa.start, first, 3);
    const two = dfa.stepVariableRun(dfa.start, other, 2);
    expect(dfa.accepting(three)).to.deep.equal([0]);
    expect(dfa.accepting(two)).to.deep.equal([]);
  });

  it('lets a `*` take part of a run and a `?` after it the rest', () => {
    const dfa = dfaOf(['*?x']);
    const run = dfa.stepVariableRun(dfa.start, v(), 2);
    expect(dfa.accepting(dfa.step(run, sym('x')))).to.deep.equal([0]);
  });
});

describe('PatternSetDfa: inputs of a known delimiter structure (key ARNs)', () => {
  const KEY_ARN = { colons: 5, slashes: 1 };
  const ACCOUNTS = ['arn:aws:kms:*:111122223333:key/*', 'arn:aws:kms:*:444455556666:key/*', 'arn:aws:kms:*:1*:*'];
  const read = (dfa: PatternSetDfa, text: string) => dfa.stepAll(dfa.start, literalTokens(text));

  it('drops a `*` that could only go on by swallowing a delimiter the rest of its pattern needs', () => {
    const dfa = new PatternSetDfa(ACCOUNTS.map(arnPatternTokens), [], undefined, KEY_ARN);
    // After the region's `:` only one `:` is left: a region `*` followed by `:ACCOUNT:` is dead.
    expect(dfa.live(read(dfa, 'arn:aws:kms:us-east-1:4'))).to.deep.equal([1]);
    expect(dfa.live(read(dfa, 'arn:aws:kms:us-east-1:1'))).to.deep.equal([0, 2]);
    expect(dfa.accepting(read(dfa, 'arn:aws:kms:us-east-1:111122223333:key/k'))).to.deep.equal([0, 2]);
  });

  it('keeps every position without a structure, and reads nothing past the last delimiter with one', () => {
    const free = new PatternSetDfa(ACCOUNTS.map(arnPatternTokens));
    expect(free.live(read(free, 'arn:aws:kms:us-east-1:4'))).to.deep.equal([0, 1, 2]);
    const keyed = new PatternSetDfa(ACCOUNTS.map(arnPatternTokens), [], undefined, KEY_ARN);
    expect(keyed.live(read(keyed, 'arn:aws:kms:us-east-1:111122223333:key/k:'))).to.deep.equal([]);
    expect(keyed.live(read(keyed, 'arn:aws:kms:us-east-1:111122223333:key/k/'))).to.deep.equal([]);
  });
});
