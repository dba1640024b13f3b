import { expect } from 'chai';
import type { EvaluationOptions } from '../../lib/iam/types.js';
import { fingerprintOf, judgeAcross, judgeSource } from '../../lib/rules/judge-source.js';
import { parsePolicy } from '../../lib/iam/index.js';
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
  return { address: 'aws_iam_policy.p', resourceType: 'aws_iam_policy', policyPath: 'policy', actions: ['update'], after, ...(before ? { before } : {}), ...extra };
}

describe('judgeSource', () => {
  it('gives a finding with rule, severity, scope, statements, message and fingerprint', () => {
    const judgement = judgeSource(source(ALL), origin, [AWS]);
    expect(judgement.outcome).to.equal('finding');
    if (judgement.outcome !== 'finding') return;
    const f = judgement.finding;
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
    const a = judgeSource(source(ALL), origin, [AWS]);
    const b = judgeSource(source(reformatted), { source: 'other.json' }, [AWS]);
    if (a.outcome !== 'finding' || b.outcome !== 'finding') throw new Error('expected findings');
    expect(a.finding.fingerprint).to.equal(b.finding.fingerprint);
    const base = fingerprintOf('r', 'a', 'p', ['x']);
    expect(new Set([base, fingerprintOf('r2', 'a', 'p', ['x']), fingerprintOf('r', 'a2', 'p', ['x']), fingerprintOf('r', 'a', 'p2', ['x']), fingerprintOf('r', 'a', 'p', ['y'])]).size).to.equal(5);
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
  ];
  for (const [name, before, after, introduced] of introducedCases) {
    it(`introduced is ${introduced} when ${name}`, () => {
      const judgement = judgeSource(source(after, before), origin, [AWS]);
      if (judgement.outcome !== 'finding') throw new Error(`expected a finding, got ${judgement.outcome}`);
      expect(judgement.finding.introduced).to.equal(introduced);
    });
  }

  it('records the policy change for an update', () => {
    const judgement = judgeSource(source(ALL, NAMED), origin, [AWS]);
    if (judgement.outcome !== 'finding') throw new Error('expected a finding');
    expect(judgement.finding.policyChange).to.deep.equal([
      { op: 'replace', path: '/Statement/0/Resource', value: '*' },
      { op: 'replace', path: '/Statement/0/Action', value: 'kms:*' },
    ]);
  });

  const unevaluated: [string, PolicyValue, string, string][] = [
    ['an empty string', { kind: 'text', text: '' }, 'invalid', 'Policy document is empty.'],
    ['a missing document', { kind: 'absent' }, 'invalid', 'The policy document is missing (null).'],
    ['a policy encoded twice (a JSON string)', { kind: 'text', text: JSON.stringify(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] })) }, 'invalid', 'Policy document is a string, not a JSON object.'],
    ['JSON null as text', { kind: 'text', text: 'null' }, 'invalid', 'Policy document is null, not a JSON object.'],
    ['text that is not JSON', { kind: 'text', text: '{"Statement": [' }, 'invalid', 'Policy document is not valid JSON at line 1, column 16: the text ends before the JSON value does.'],
    ['an unknown document without a model', { kind: 'unknown', detail: 'policy is not known until apply' }, 'unknown', 'policy is not known until apply'],
  ];
  for (const [name, after, reason, detail] of unevaluated) {
    it(`lists ${name} as unevaluated ${reason}`, () => {
      expect(judgeSource(source(after), origin, [AWS])).to.deep.equal({
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
    const judgement = judgeSource(source(complex), origin, [AWS]);
    expect(judgement.outcome).to.equal('unevaluated');
    if (judgement.outcome !== 'unevaluated') return;
    expect(judgement.unevaluated.reason).to.equal('invalid');
    expect(judgement.unevaluated.detail).to.match(/^Too complex to judge exactly/);
  });

  it('reports a skipped source with its reason and never judges it', () => {
    expect(judgeSource(source(ALL, undefined, { skip: 'used only as a permissions boundary' }), origin, [AWS])).to.deep.equal({
      outcome: 'skipped',
      skipped: { address: 'aws_iam_policy.p', resourceType: 'aws_iam_policy', policyPath: 'policy', source: 'plan.json', reason: 'used only as a permissions boundary' },
    });
  });

  it('is clean for a policy naming its keys', () => {
    expect(judgeSource(source(NAMED), origin, [AWS])).to.deep.equal({ outcome: 'clean' });
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
});
