import { expect } from 'chai';
import type { EvaluationOptions } from '../../lib/iam/types.js';
import { fingerprintOf, judgeAcross, judgeAlternatives, judgePolicySource } from '../../lib/rules/judge-policy-source.js';
import { decryptRuns } from '../support/rule-runs.js';
import { judgePolicy, parsePolicy, WorkBudget } from '../../lib/iam/index.js';
import type { Policy, Verdict } from '../../lib/iam/types.js';
import type { PolicySource, PolicyValue } from '../../lib/types.js';

const AWS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };
const CN: EvaluationOptions = { ...AWS, partition: 'aws-cn' };
const origin = { source: 'plan.json' };

function text(statements: unknown[]): PolicyValue {
  return { kind: 'text', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
}
const ALL = text([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }]);
const ACCOUNT = text([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' }]);
const NAMED = text([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/abcd' }]);

function source(after: PolicyValue, before?: PolicyValue, extra: Partial<PolicySource> = {}): PolicySource {
  return {
    address: 'aws_iam_policy.p',
    resourceType: 'aws_iam_policy',
    policyPath: 'policy',
    changeActions: ['update'],
    after,
    ...(before ? { before } : {}),
    ...extra,
  };
}

describe('judgePolicySource', () => {
  it('gives a finding with rule, severity, scope, statements, message and fingerprint', () => {
    const judgement = judgePolicySource(source(ALL), origin, decryptRuns([AWS]));
    expect(judgement.outcome).to.equal('finding');
    if (judgement.outcome !== 'finding') return;
    const f = judgement.findings[0]!;
    expect([f.ruleId, f.severity, f.scope]).to.deep.equal(['kms-decrypt-all-keys', 'high', 'all-keys']);
    expect(f.actions).to.deep.equal(['kms:Decrypt', 'kms:ReEncryptFrom']);
    expect(f.statements.map((s) => [s.index, s.pointer])).to.deep.equal([[0, '/Statement/0']]);
    expect(f.message).to.equal(
      'aws_iam_policy.p (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name, through statement 0.',
    );
    expect(f.fingerprint).to.equal(fingerprintOf('kms-decrypt-all-keys', 'aws_iam_policy.p', 'policy', ['kms:ReEncryptFrom', 'kms:Decrypt']));
    expect(f.source).to.equal('plan.json');
    expect(f.fix).to.be.an('array').that.is.not.empty;
  });

  it('the fingerprint ignores formatting and file name, and changes with address, path, rule and actions', () => {
    const reformatted = { kind: 'text', text: JSON.stringify(JSON.parse((ALL as { text: string }).text), null, 4) } as PolicyValue;
    const a = judgePolicySource(source(ALL), origin, decryptRuns([AWS]));
    const b = judgePolicySource(source(reformatted), { source: 'other.json' }, decryptRuns([AWS]));
    if (a.outcome !== 'finding' || b.outcome !== 'finding') throw new Error('expected findings');
    expect(a.findings[0]!.fingerprint).to.equal(b.findings[0]!.fingerprint);
    const base = fingerprintOf('r', 'a', 'p', ['x']);
    expect(
      new Set([
        base,
        fingerprintOf('r2', 'a', 'p', ['x']),
        fingerprintOf('r', 'a2', 'p', ['x']),
        fingerprintOf('r', 'a', 'p2', ['x']),
        fingerprintOf('r', 'a', 'p', ['y']),
      ]).size,
    ).to.equal(5);
  });

  it('a policy that repeats a key is invalid, naming it, even when the last value would pass', () => {
    const repeated: PolicyValue = {
      kind: 'text',
      text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"kms:*","Resource":"*"}]}',
    };
    expect(judgePolicySource(source(repeated), origin, decryptRuns([AWS]))).to.deep.equal({
      outcome: 'unevaluated',
      unevaluated: {
        address: 'aws_iam_policy.p',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        source: 'plan.json',
        reason: 'invalid',
        detail: 'Policy document repeats the key "Effect" in /Statement/0; readers disagree on which value counts, so it cannot be judged.',
      },
    });
    const topLevel: PolicyValue = { kind: 'text', text: '{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}],"Statement":[]}' };
    const judged = judgePolicySource(source(topLevel), origin, decryptRuns([AWS]));
    expect(judged.outcome === 'unevaluated' && judged.unevaluated.detail).to.equal(
      'Policy document repeats the key "Statement" at its top level; readers disagree on which value counts, so it cannot be judged.',
    );
  });

  const introducedCases: [string, PolicyValue | undefined, PolicyValue, boolean][] = [
    ['created (no before)', undefined, ALL, true],
    ['unchanged all-keys', ALL, ALL, false],
    ['widened from account-keys to all-keys', ACCOUNT, ALL, true],
    ['narrowed from all-keys to account-keys', ALL, ACCOUNT, false],
    ['from a named key to all-keys', NAMED, ALL, true],
    ['before unknown', { kind: 'unknown', detail: 'x' }, ALL, true],
    ['before invalid', { kind: 'text', text: '{' }, ALL, true],
    ['before allowed fewer actions', text([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]), ALL, true],
    [
      'widened from account-keys to all-keys for the same actions',
      text([{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:ReEncryptFrom'], Resource: 'arn:aws:kms:*:111122223333:key/*' }]),
      ALL,
      true,
    ],
  ];
  for (const [name, before, after, introduced] of introducedCases) {
    it(`introduced is ${introduced} when ${name}`, () => {
      const judgement = judgePolicySource(source(after, before), origin, decryptRuns([AWS]));
      if (judgement.outcome !== 'finding') throw new Error(`expected a finding, got ${judgement.outcome}`);
      expect(judgement.findings[0]!.introduced).to.equal(introduced);
    });
  }

  it('records the policy change for an update', () => {
    const judgement = judgePolicySource(source(ALL, NAMED), origin, decryptRuns([AWS]));
    if (judgement.outcome !== 'finding') throw new Error('expected a finding');
    expect(judgement.findings[0]!.policyChange).to.deep.equal([
      { op: 'replace', path: '/Statement/0/Resource', value: '*' },
      { op: 'replace', path: '/Statement/0/Action', value: 'kms:*' },
    ]);
  });

  const unevaluated: [string, PolicyValue, string, string][] = [
    ['an empty string', { kind: 'text', text: '' }, 'invalid', 'Policy document is empty.'],
    ['a missing document', { kind: 'absent' }, 'invalid', 'The policy document is missing (null).'],
    [
      'a policy encoded twice (a JSON string)',
      { kind: 'text', text: JSON.stringify(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] })) },
      'invalid',
      'Policy document is a string, not a JSON object.',
    ],
    ['JSON null as text', { kind: 'text', text: 'null' }, 'invalid', 'Policy document is null, not a JSON object.'],
    [
      'text that is not JSON',
      { kind: 'text', text: '{"Statement": [' },
      'invalid',
      'Policy document is not valid JSON at line 1, column 16: the text ends before the JSON value does.',
    ],
    ['an unknown document without a model', { kind: 'unknown', detail: 'policy is not known until apply' }, 'unknown', 'policy is not known until apply'],
    [
      'a document object that is not a policy',
      { kind: 'object', value: { Version: '2012-10-17', Statement: 42 } },
      'invalid',
      'Statement (/Statement) is a number, not an object or a list of statements.',
    ],
  ];
  for (const [name, after, reason, detail] of unevaluated) {
    it(`lists ${name} as unevaluated ${reason}`, () => {
      expect(judgePolicySource(source(after), origin, decryptRuns([AWS]))).to.deep.equal({
        outcome: 'unevaluated',
        unevaluated: { address: 'aws_iam_policy.p', resourceType: 'aws_iam_policy', policyPath: 'policy', source: 'plan.json', reason, detail },
      });
    });
  }

  it('fails a fully known policy too complex to judge exactly (invalid, not a warning)', function () {
    this.timeout(60_000);
    const complex = text([
      { Effect: 'Allow', Action: 'kms:*', Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*${i}*:*${i}*:key/*${i}*`) },
      { Effect: 'Deny', Action: 'kms:*', NotResource: Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*:*${i}:key/*`) },
    ]);
    const judgement = judgePolicySource(source(complex), origin, decryptRuns([AWS]));
    expect(judgement.outcome).to.equal('unevaluated');
    if (judgement.outcome !== 'unevaluated') return;
    expect(judgement.unevaluated.reason).to.equal('invalid');
    expect(judgement.unevaluated.detail).to.match(/^Too complex to judge exactly/);
  });

  it('reports a skipped source with its reason and never judges it', () => {
    expect(judgePolicySource(source(ALL, undefined, { skip: 'used only as a permissions boundary' }), origin, decryptRuns([AWS]))).to.deep.equal({
      outcome: 'skipped',
      skipped: {
        address: 'aws_iam_policy.p',
        resourceType: 'aws_iam_policy',
        policyPath: 'policy',
        source: 'plan.json',
        reason: 'used only as a permissions boundary',
      },
    });
  });

  const PLACEHOLDER = 'arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID';
  const scoped = (actions: string[], resource = PLACEHOLDER) => ({ Sid: 'KmsguardScopedDecrypt', Effect: 'Allow', Action: actions, Resource: [resource] });
  const fixOf = (after: PolicyValue, evaluations: EvaluationOptions[] = [AWS]) => {
    const judgement = judgePolicySource(source(after), origin, decryptRuns(evaluations));
    if (judgement.outcome !== 'finding') throw new Error(`expected a finding, got ${judgement.outcome}`);
    return judgement.findings[0]!.fix;
  };

  it('gives the fix for a document given as an object', () => {
    const after: PolicyValue = { kind: 'object', value: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] } };
    expect(fixOf(after)).to.deep.equal([
      { op: 'remove', path: '/Statement/0' },
      { op: 'add', path: '/Statement/0', value: scoped(['kms:Decrypt']) },
    ]);
  });

  it('fixes in the partitions judged: the placeholder in the first, other partitions left alone', () => {
    const after = text([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws-cn:kms:*:*:key/*' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/*' },
    ]);
    expect(fixOf(after, [CN])).to.deep.equal([
      { op: 'remove', path: '/Statement/0' },
      { op: 'add', path: '/Statement/1', value: scoped(['kms:Decrypt'], 'arn:aws-cn:kms:REGION:ACCOUNT_ID:key/KEY_ID') },
    ]);
  });

  it('gives no fix without a document object to patch: a model only, or an object value that is JSON text', () => {
    const allPolicy = parsePolicy((ALL as { text: string }).text);
    if ('error' in allPolicy) throw new Error(allPolicy.error.message);
    const verdict = judgePolicy(allPolicy.policy, AWS);
    if (verdict.kind !== 'finding') throw new Error('expected a finding');
    const expected = {
      ruleId: 'kms-decrypt-all-keys',
      severity: 'high',
      scope: 'all-keys',
      address: 'aws_iam_policy.p',
      resourceType: 'aws_iam_policy',
      policyPath: 'policy',
      compliance: ['Security Hub KMS.1'],
      actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      statements: verdict.statements,
      conditionKeys: verdict.conditionKeys,
      introduced: true,
      fingerprint: fingerprintOf('kms-decrypt-all-keys', 'aws_iam_policy.p', 'policy', ['kms:Decrypt', 'kms:ReEncryptFrom']),
      message: 'aws_iam_policy.p (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name, through statement 0.',
      source: 'plan.json',
    };
    const afters: PolicyValue[] = [
      { kind: 'unknown', detail: 'policy is not known until apply', model: allPolicy.policy },
      { kind: 'object', value: (ALL as { text: string }).text },
    ];
    for (const after of afters)
      expect(judgePolicySource(source(after), origin, decryptRuns([AWS]))).to.deep.equal({ outcome: 'finding', findings: [expected] });
  });

  it('is clean for a policy naming its keys', () => {
    expect(judgePolicySource(source(NAMED), origin, decryptRuns([AWS]))).to.deep.equal({ outcome: 'clean' });
  });
});

describe('judgeAcross partitions', () => {
  const policy = (value: PolicyValue) => {
    const parsed = parsePolicy((value as { text: string }).text);
    if ('error' in parsed) throw new Error(parsed.error.message);
    return parsed.policy;
  };
  it('keeps the widest verdict over the partitions judged', () => {
    expect(judgeAcross(policy(ACCOUNT), [AWS]).kind).to.equal('finding');
    expect(judgeAcross(policy(ACCOUNT), [CN]).kind).to.equal('clean');
    const both = judgeAcross(policy(ACCOUNT), [CN, AWS]);
    expect(both.kind === 'finding' && both.scope).to.equal('account-keys');
    const cnOnly = text([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws-cn:kms:*:*:key/*' }]);
    const wide = judgeAcross(policy(cnOnly), [AWS, CN]);
    expect(wide.kind === 'finding' && wide.scope).to.equal('all-keys');
  });

  it("keeps the first partition's finding among findings of the same scope", () => {
    const both = policy(
      text([
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:*:key/*' },
        { Effect: 'Allow', Action: 'kms:ReEncryptFrom', Resource: 'arn:aws-cn:kms:*:*:key/*' },
      ]),
    );
    expect(judgeAcross(both, [AWS, CN])).to.deep.equal(judgePolicy(both, AWS));
    expect(judgeAcross(both, [CN, AWS])).to.deep.equal(judgePolicy(both, CN));
  });

  it("keeps the first partition's unknown verdict when none has a finding", () => {
    const model: Policy = {
      statements: [
        { index: 0, pointer: '/Statement/0', effect: 'Allow', action: { unknown: true, detail: 'var.aws_actions' }, resource: ['arn:aws:kms:*:*:key/*'] },
        { index: 1, pointer: '/Statement/1', effect: 'Allow', action: { unknown: true, detail: 'var.cn_actions' }, resource: ['arn:aws-cn:kms:*:*:key/*'] },
      ],
    };
    const detail = (part: string) => `Could allow kms:Decrypt, kms:ReEncryptFrom (all-keys) depending on values known only after apply: ${part}.`;
    expect(judgeAcross(model, [AWS, CN])).to.deep.equal({ kind: 'unknown', detail: detail('var.aws_actions') });
    expect(judgeAcross(model, [CN, AWS])).to.deep.equal({ kind: 'unknown', detail: detail('var.cn_actions') });
  });
});

describe('judgeAlternatives', () => {
  const policy = (statements: unknown[]): Policy => {
    const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
    if ('error' in parsed) throw new Error(parsed.error.message);
    return parsed.policy;
  };
  const allow = (action: string | string[], resource: string) => ({ Effect: 'Allow', Action: action, Resource: resource });
  const BOTH_ALL = policy([allow('kms:*', '*')]);
  const DECRYPT_ALL = policy([allow('kms:Decrypt', '*')]);
  const DECRYPT_ALL_SECOND = policy([allow('s3:GetObject', '*'), allow('kms:Decrypt', '*')]);
  const REENCRYPT_ALL = policy([allow('kms:ReEncryptFrom', '*')]);
  const DECRYPT_ACCOUNT = policy([allow('kms:Decrypt', 'arn:aws:kms:*:111122223333:key/*')]);
  const BOTH_REGION = policy([allow(['kms:Decrypt', 'kms:ReEncryptFrom'], 'arn:aws:kms:us-east-1:111122223333:key/*')]);
  const NAMED_KEY = policy([allow('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/abcd')]);
  const alone = (p: Policy) => {
    const verdict = judgePolicy(p, AWS);
    if (verdict.kind !== 'finding') throw new Error('expected a finding');
    return verdict;
  };

  const cases: [name: string, policies: Policy[], expected: () => Verdict][] = [
    ['all clean: clean', [NAMED_KEY, NAMED_KEY], () => ({ kind: 'clean' })],
    [
      'one clean: unknown, each verdict named in order',
      [BOTH_ALL, NAMED_KEY, DECRYPT_ACCOUNT],
      () => ({ kind: 'unknown', detail: 'one of a, b, c; each judged alone: all-keys finding, clean, account-keys finding' }),
    ],
    ['different scopes: the narrowest, widening to the widest', [BOTH_ALL, DECRYPT_ACCOUNT], () => ({ ...alone(DECRYPT_ACCOUNT), mayWidenTo: 'all-keys' })],
    [
      'the widest is not the last',
      [BOTH_REGION, BOTH_ALL, DECRYPT_ACCOUNT],
      () => ({ ...alone(BOTH_REGION), actions: ['kms:Decrypt'], mayWidenTo: 'all-keys' }),
    ],
    ['the same scope: the one with fewer actions, not widening', [BOTH_ALL, DECRYPT_ALL], () => alone(DECRYPT_ALL)],
    ['the same scope and as many actions: the first', [DECRYPT_ALL, DECRYPT_ALL_SECOND], () => alone(DECRYPT_ALL)],
    ['the same scope and as many actions, the other order: the first', [DECRYPT_ALL_SECOND, DECRYPT_ALL], () => alone(DECRYPT_ALL_SECOND)],
    ["no action in common: the narrowest one's actions", [DECRYPT_ALL, REENCRYPT_ALL], () => alone(DECRYPT_ALL)],
  ];
  for (const [name, policies, expected] of cases) {
    it(name, () => {
      expect(judgeAlternatives(policies, 'one of a, b, c', [AWS])).to.deep.equal(expected());
    });
  }
});

describe('judgePolicySource: one work budget per policy', () => {
  const STARS = ['arn:aws*:kms:*a*:*1*:key/*f*', 'arn:aws*:kms:*h*:*3*:key/*l*', 'arn:aws*:kms:*b*:*7*:key/*q*'];
  /** A finding (all-keys) that takes a key search over many automaton states to decide. */
  const COSTLY = text([
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
    { Effect: 'Deny', Action: 'kms:*', Resource: STARS },
  ]);
  const COSTLY_POLICY = (() => {
    const parsed = parsePolicy(JSON.parse((COSTLY as { text: string }).text));
    if ('error' in parsed) throw new Error(parsed.error.message);
    return parsed.policy;
  })();
  const stepsIn = (options: EvaluationOptions): number => {
    const work = new WorkBudget(Number.MAX_SAFE_INTEGER);
    judgePolicy(COSTLY_POLICY, options, work);
    return work.used;
  };
  const tooComplex = (limit: number) => ({
    outcome: 'unevaluated',
    unevaluated: {
      address: 'aws_iam_policy.p',
      resourceType: 'aws_iam_policy',
      policyPath: 'policy',
      source: 'plan.json',
      reason: 'invalid',
      detail: `Too complex to judge exactly (judging it takes more than ${limit} steps); simplify its Resource and NotResource patterns.`,
    },
  });

  it('a policy too complex with the default budget is invalid, not a warning', () => {
    expect(judgePolicySource(source(COSTLY), origin, decryptRuns([AWS]), new WorkBudget(100))).to.deep.equal(tooComplex(100));
  });

  it('counts every partition judged: enough for one is too little for two', () => {
    const enoughForOne = Math.max(stepsIn(AWS), stepsIn(CN));
    expect(judgePolicySource(source(COSTLY), origin, decryptRuns([AWS]), new WorkBudget(enoughForOne)).outcome).to.equal('finding');
    expect(judgePolicySource(source(COSTLY), origin, decryptRuns([CN]), new WorkBudget(enoughForOne)).outcome).to.equal('finding');
    expect(judgePolicySource(source(COSTLY), origin, decryptRuns([AWS, CN]), new WorkBudget(enoughForOne))).to.deep.equal(tooComplex(enoughForOne));
    expect(judgePolicySource(source(COSTLY), origin, decryptRuns([AWS, CN])).outcome).to.equal('finding');
  });

  it('counts judging the document before the plan (for `introduced`)', () => {
    const steps = stepsIn(AWS);
    const judgement = judgePolicySource(source(COSTLY, COSTLY), origin, decryptRuns([AWS]), new WorkBudget(steps));
    expect(judgement).to.deep.equal(tooComplex(steps));
    const enough = judgePolicySource(source(COSTLY, COSTLY), origin, decryptRuns([AWS]));
    expect(enough.outcome === 'finding' && enough.findings[0]!.introduced).to.equal(false);
  });

  it('counts every document a policy may be (alternatives)', () => {
    const steps = stepsIn(AWS);
    const alternatives: PolicyValue = { kind: 'unknown', detail: 'one of a, b', alternatives: [COSTLY_POLICY, COSTLY_POLICY] };
    expect(judgePolicySource(source(alternatives), origin, decryptRuns([AWS]), new WorkBudget(steps))).to.deep.equal(tooComplex(steps));
    expect(judgePolicySource(source(alternatives), origin, decryptRuns([AWS]), new WorkBudget(2 * steps)).outcome).to.equal('finding');
  });

  it('a fix the budget cannot check is left out; the finding stands', () => {
    const steps = stepsIn(AWS);
    const judgement = judgePolicySource(source(COSTLY), origin, decryptRuns([AWS]), new WorkBudget(steps));
    if (judgement.outcome !== 'finding') throw new Error(`expected a finding, got ${judgement.outcome}`);
    expect(judgement.findings[0]!.scope).to.equal('all-keys');
    expect(judgement.findings[0]).to.not.have.property('fix');
    const full = judgePolicySource(source(COSTLY), origin, decryptRuns([AWS]));
    expect(full.outcome === 'finding' && full.findings[0]!.fix).to.be.an('array').that.is.not.empty;
  });
});
