import { expect } from 'chai';
import {
  judgePolicy,
  parsePolicy,
  TooComplexError,
  WorkBudget,
  WORK_LIMIT,
  type EvaluationOptions,
  type Policy,
  type UnknownValue,
  type Verdict,
} from '../../lib/iam/index.js';

const AWS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };
/** Star patterns a Deny can hold: each needs a key search over many automaton states, none covers every key. */
const STARS = ['arn:aws*:kms:*a*:*1*:key/*f*', 'arn:aws*:kms:*h*:*3*:key/*l*', 'arn:aws*:kms:*b*:*7*:key/*q*'];
const DENY_STARS = { Effect: 'Deny', Action: 'kms:*', Resource: STARS };
const UNKNOWN_MARK = '$unknown';

function policy(statements: unknown[]): Policy {
  const unknown = (value: unknown): UnknownValue | undefined =>
    typeof value === 'object' && value !== null && UNKNOWN_MARK in value
      ? { unknown: true, detail: (value as Record<string, string>)[UNKNOWN_MARK]! }
      : undefined;
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements }, { unknown });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.policy;
}

/** The verdict and the steps it took, with a budget too large to run out. */
function costOf(p: Policy, options: EvaluationOptions = AWS): { verdict: Verdict; steps: number } {
  const work = new WorkBudget(Number.MAX_SAFE_INTEGER);
  const verdict = judgePolicy(p, options, work);
  return { verdict, steps: work.used };
}

function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

const tooComplex = (limit: number): Verdict => ({
  kind: 'too-complex',
  detail: `Too complex to judge exactly (judging it takes more than ${limit} steps); simplify its Resource and NotResource patterns.`,
});

describe('iam: the work budget', () => {
  it('spends up to its limit and throws past it, naming itself', () => {
    const work = new WorkBudget(10);
    work.spend(4);
    work.spend(6);
    expect([work.used, work.remaining]).to.deep.equal([10, 0]);
    const thrown = thrownBy(() => work.spend(1));
    expect(thrown).to.be.instanceOf(TooComplexError);
    expect((thrown as TooComplexError).message).to.equal('judging it takes more than 10 steps');
    expect(work.ranOut(thrown)).to.equal(true);
    expect(new WorkBudget(10).ranOut(thrown)).to.equal(false);
    expect(work.ranOut(new Error('other'))).to.equal(false);
  });

  it('defaults to WORK_LIMIT steps', () => {
    expect(new WorkBudget().limit).to.equal(WORK_LIMIT);
  });

  it('a share holds that part of what is left, charges its parent, and runs out before it', () => {
    const parent = new WorkBudget(100);
    parent.spend(20);
    const share = parent.share(0.25);
    expect(share.limit).to.equal(20);
    share.spend(15);
    expect([share.used, parent.used]).to.deep.equal([15, 35]);
    const thrown = thrownBy(() => share.spend(50));
    expect(share.ranOut(thrown)).to.equal(true);
    expect(parent.ranOut(thrown)).to.equal(false);
    expect(parent.remaining).to.equal(65);
  });

  it('a budget drawing on a larger one runs out when that one does, and names it', () => {
    const check = new WorkBudget(10, undefined, 'judging the whole check');
    const policy = new WorkBudget(100, check);
    policy.spend(10);
    const thrown = thrownBy(() => policy.spend(1));
    expect((thrown as Error).message).to.equal('judging the whole check takes more than 10 steps');
    expect([policy.ranOut(thrown), policy.ranOutWithin(thrown), check.ranOut(thrown)]).to.deep.equal([false, true, true]);
    expect(new WorkBudget(100).ranOutWithin(thrown)).to.equal(false);
    check.widen(5);
    expect([check.limit, check.remaining]).to.deep.equal([15, 4]);
  });
});

describe('iam: judging within the work budget', () => {
  it('judges a policy exactly with just the steps it takes, and too complex with one fewer', () => {
    const p = policy([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }, DENY_STARS]);
    const { verdict, steps } = costOf(p);
    expect(verdict).to.deep.include({ kind: 'finding', scope: 'all-keys' });
    expect(judgePolicy(p, AWS, new WorkBudget(steps))).to.deep.equal(verdict);
    expect(judgePolicy(p, AWS, new WorkBudget(steps - 1))).to.deep.equal(tooComplex(steps - 1));
    expect(judgePolicy(p, AWS)).to.deep.equal(verdict);
  });

  it('counts the most and least permissive readings of unknown parts together', () => {
    const withUnknown = policy([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { [UNKNOWN_MARK]: 'aws_s3_bucket.b.arn' } },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/*' },
      DENY_STARS,
    ]);
    // Each reading judged as a known policy: the unknown Resource as `*`, and as nothing.
    const most = costOf(
      policy([
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/*' },
        DENY_STARS,
      ]),
    );
    const least = costOf(policy([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/*' }, DENY_STARS]));
    const both = costOf(withUnknown);
    expect(both.verdict).to.deep.include({ kind: 'finding', scope: 'all-keys' });
    expect(both.steps).to.be.greaterThan(Math.max(most.steps, least.steps));
    const enoughForOne = Math.max(most.steps, least.steps);
    expect(judgePolicy(withUnknown, AWS, new WorkBudget(enoughForOne))).to.deep.equal(tooComplex(enoughForOne));
    expect(judgePolicy(withUnknown, AWS, new WorkBudget(both.steps))).to.deep.equal(both.verdict);
  });

  it('names the deciding unknown parts within a quarter of the work left, else says "the unknown parts"', () => {
    const p = policy([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { [UNKNOWN_MARK]: 'var.a' } },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { [UNKNOWN_MARK]: 'var.b' } },
      DENY_STARS,
    ]);
    const { verdict, steps } = costOf(p);
    expect(verdict).to.deep.equal({ kind: 'unknown', detail: 'Could allow kms:Decrypt (all-keys) depending on values known only after apply: var.b.' });
    // With exactly the steps it all takes, the naming gets a quarter of what the verdict leaves.
    expect(judgePolicy(p, AWS, new WorkBudget(steps))).to.deep.equal({
      kind: 'unknown',
      detail:
        'Could allow kms:Decrypt (all-keys) depending on values known only after apply: the unknown parts (which of them decide is too complex to work out).',
    });
    // Four times as much leaves the naming at least all it needs.
    expect(judgePolicy(p, AWS, new WorkBudget(4 * steps))).to.deep.equal(verdict);
  });

  it('too complex when a budget it draws on runs out, saying the policies before it used that up', () => {
    const p = policy([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }, DENY_STARS]);
    const check = new WorkBudget(50, undefined, 'judging the policies of this check');
    expect(judgePolicy(p, AWS, new WorkBudget(WORK_LIMIT, check))).to.deep.equal({
      kind: 'too-complex',
      detail: 'Too complex to judge exactly (judging the policies of this check takes more than 50 steps); the policies judged before it used up that budget.',
    });
  });

  it('a budget already spent makes any policy too complex, even one that costs nothing to search', () => {
    const work = new WorkBudget(3);
    work.spend(3);
    expect(judgePolicy(policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), AWS, work)).to.deep.equal(tooComplex(3));
  });
});
