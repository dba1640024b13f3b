/**
 * The rules layer, value by value: severities and what fails a run, the summary's counts, exit
 * codes, judging across partitions, the finding's message, `introduced`, the policy change and
 * the baseline's order. Written against mutants of lib/rules that no other test noticed.
 */
import { expect } from 'chai';
import { parsePolicy } from '../../lib/iam/index.js';
import type { EvaluationOptions, Policy } from '../../lib/iam/types.js';
import { baselineOf } from '../../lib/gate/baseline.js';
import { fingerprintOf, judgeAcross, judgePolicySource } from '../../lib/rules/judge-policy-source.js';
import { decryptRuns } from '../support/rule-runs.js';
import { SCOPED_RULES } from '../../lib/rules/registry.js';
import { widerScope } from '../../lib/iam/types.js';
import { moreSevere, SEVERITIES, severityFails } from '../../lib/rules/rule.js';
import { exitCodeFor, findingFails, summarize, unevaluatedFails } from '../../lib/gate/summary.js';
import type { FailOn, Finding, PolicySource, PolicyValue, Scope, Severity, Unevaluated } from '../../lib/types.js';

const AWS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };
const CN: EvaluationOptions = { ...AWS, partition: 'aws-cn' };
const HOLE = { hole: true };

function model(statements: unknown[]): Policy {
  const parsed = parsePolicy(
    { Version: '2012-10-17', Statement: statements },
    { unknown: (v) => (v === HOLE ? { unknown: true, detail: 'aws_kms_key.k.arn' } : undefined) },
  );
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.policy;
}

const text = (statements: unknown[], indent?: number): PolicyValue => ({
  kind: 'text',
  text: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent),
});

const ALL = { Effect: 'Allow', Action: 'kms:*', Resource: '*' };
const ACCOUNT = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' };
const REGION = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/*' };
const S3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

function source(after: PolicyValue, before?: PolicyValue): PolicySource {
  return {
    address: 'aws_iam_role_policy.app',
    resourceType: 'aws_iam_role_policy',
    policyPath: 'policy',
    changeActions: ['update'],
    after,
    ...(before ? { before } : {}),
  };
}

function finding(after: PolicyValue, before?: PolicyValue): Finding {
  const judgement = judgePolicySource(source(after, before), { source: 'plan.json' }, decryptRuns([AWS]));
  if (judgement.outcome !== 'finding') throw new Error(`expected a finding, got ${judgement.outcome}`);
  return judgement.findings[0]!;
}

describe('rules layer, value by value', () => {
  describe('rules and severities', () => {
    it("names each scope's rule, severity and reach", () => {
      expect(SCOPED_RULES.map((r) => [r.scope, r.id, r.severity, r.reach])).to.deep.equal([
        ['all-keys', 'kms-decrypt-all-keys', 'high', 'KMS keys in accounts the policy does not name'],
        ['account-keys', 'kms-decrypt-account-keys', 'medium', 'KMS keys in regions the policy does not name (in the accounts it names)'],
        ['region-keys', 'kms-decrypt-region-keys', 'low', 'KMS keys the policy does not name (in the accounts and regions it names)'],
        ['all-keys', 'kms-grant-all-keys', 'high', 'KMS keys in accounts the policy does not name'],
        ['account-keys', 'kms-grant-account-keys', 'medium', 'KMS keys in regions the policy does not name (in the accounts it names)'],
        ['region-keys', 'kms-grant-region-keys', 'low', 'KMS keys the policy does not name (in the accounts and regions it names)'],
        ['all-keys', 'principal-decrypt-all-keys', 'high', 'KMS keys in accounts the policy does not name'],
        ['account-keys', 'principal-decrypt-account-keys', 'medium', 'KMS keys in regions the policy does not name (in the accounts it names)'],
        ['region-keys', 'principal-decrypt-region-keys', 'low', 'KMS keys the policy does not name (in the accounts and regions it names)'],
      ]);
    });

    const severities: Severity[] = ['low', 'medium', 'high'];
    const expectedFails: Record<FailOn, Severity[]> = { never: [], high: ['high'], medium: ['medium', 'high'], low: ['low', 'medium', 'high'] };
    for (const [failOn, failing] of Object.entries(expectedFails) as [FailOn, Severity[]][]) {
      it(`--fail-on ${failOn} fails on ${failing.join(', ') || 'nothing'}`, () => {
        expect(severities.filter((s) => severityFails(s, failOn))).to.deep.equal(failing);
      });
    }

    it('orders scopes region-keys < account-keys < all-keys', () => {
      const scopes: Scope[] = ['region-keys', 'account-keys', 'all-keys'];
      const table = scopes.map((a) => scopes.map((b) => widerScope(a, b)));
      expect(table).to.deep.equal([
        [false, false, false],
        [true, false, false],
        [true, true, false],
      ]);
    });

    it('orders severities low < medium < high, most severe first', () => {
      expect(SEVERITIES).to.deep.equal(['high', 'medium', 'low']);
      const table = severities.map((a) => severities.map((b) => moreSevere(a, b)));
      expect(table).to.deep.equal([
        [false, false, false],
        [true, false, false],
        [true, true, false],
      ]);
    });
  });

  describe('what fails a run', () => {
    const base = finding(text([ALL]));
    const cases: [string, Partial<Finding>, { failOn: FailOn; onlyNew: boolean }, boolean][] = [
      ['a new high finding', {}, { failOn: 'medium', onlyNew: false }, true],
      ['a high finding under --fail-on never', {}, { failOn: 'never', onlyNew: false }, false],
      ['a suppressed finding', { suppressed: { reason: 'accepted' } }, { failOn: 'low', onlyNew: false }, false],
      ['a baselined finding', { baselined: true }, { failOn: 'low', onlyNew: false }, false],
      ['an old finding under --only-new', { introduced: false }, { failOn: 'low', onlyNew: true }, false],
      ['an old finding without --only-new', { introduced: false }, { failOn: 'low', onlyNew: false }, true],
      ['a new finding under --only-new', { introduced: true }, { failOn: 'low', onlyNew: true }, true],
      ['a new low finding under --only-new and --fail-on medium', { introduced: true, severity: 'low' }, { failOn: 'medium', onlyNew: true }, false],
    ];
    for (const [name, change, options, fails] of cases) {
      it(`${name}: ${fails ? 'fails' : 'passes'}`, () => {
        expect(findingFails({ ...base, ...change }, options)).to.equal(fails);
      });
    }

    const unevaluated = (reason: 'unknown' | 'invalid'): Unevaluated => ({
      address: 'a',
      resourceType: 'aws_iam_policy',
      policyPath: 'policy',
      reason,
      detail: 'd',
      source: 's',
    });
    it('an invalid policy always fails; an unknown one only under --strict', () => {
      expect([
        unevaluatedFails(unevaluated('invalid'), { strict: false }),
        unevaluatedFails(unevaluated('invalid'), { strict: true }),
        unevaluatedFails(unevaluated('unknown'), { strict: false }),
        unevaluatedFails(unevaluated('unknown'), { strict: true }),
      ]).to.deep.equal([true, true, false, true]);
    });

    const counted = (over: Partial<Parameters<typeof summarize>[0]> = {}) => ({
      findings: [] as Finding[],
      unevaluated: [] as Unevaluated[],
      skipped: [],
      policies: [] as { outcome: string }[],
      errors: [] as unknown[],
      documents: 1,
      ...over,
    });
    const options = { failOn: 'medium' as FailOn, onlyNew: false, strict: false };

    it('counts as judged only the clean policies and the findings', () => {
      const policies = ['clean', 'finding', 'unevaluated', 'skipped', 'clean', 'clean'].map((outcome) => ({ outcome }));
      expect(summarize(counted({ policies }), options).policies).to.equal(4);
    });

    it('counts findings by severity, suppressed ones, and the failing ones', () => {
      const high = base;
      const low = { ...base, severity: 'low' as Severity };
      const suppressed = { ...base, suppressed: { reason: 'r' } };
      const summary = summarize(counted({ findings: [high, low, suppressed] }), options);
      expect([summary.findings, summary.bySeverity, summary.suppressed, summary.failing, summary.passed]).to.deep.equal([
        3,
        { high: 2, medium: 0, low: 1 },
        1,
        1,
        false,
      ]);
    });

    it('passes with only unknown policies, fails with an invalid one, an input error, or under --strict', () => {
      const unknown = [unevaluated('unknown')];
      expect(summarize(counted({ unevaluated: unknown }), options).passed).to.equal(true);
      expect(summarize(counted({ unevaluated: unknown }), { ...options, strict: true }).passed).to.equal(false);
      expect(summarize(counted({ unevaluated: [unevaluated('invalid')] }), options).passed).to.equal(false);
      expect(summarize(counted({ errors: [{ source: 's', message: 'm' }] }), options).passed).to.equal(false);
      expect(summarize(counted(), options).passed).to.equal(true);
    });

    it('exits 2 on unusable input, else 1 when the run fails and 0 when it passes', () => {
      const passed = summarize(counted(), options);
      const failed = summarize(counted({ unevaluated: [unevaluated('invalid')] }), options);
      expect([
        exitCodeFor({ summary: passed, errors: [] }),
        exitCodeFor({ summary: failed, errors: [] }),
        exitCodeFor({ summary: passed, errors: [{}] }),
      ]).to.deep.equal([0, 1, 2]);
    });
  });

  describe('judging across partitions', () => {
    const widest = (statements: unknown[], order: EvaluationOptions[]) => {
      const verdict = judgeAcross(model(statements), order);
      return verdict.kind === 'finding' ? verdict.scope : verdict.kind;
    };

    it('keeps the widest finding whichever partition comes first', () => {
      const statements = [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws-cn:kms:*:*:key/*', 'arn:aws:kms:*:111122223333:key/*'] }];
      expect([widest(statements, [AWS, CN]), widest(statements, [CN, AWS])]).to.deep.equal(['all-keys', 'all-keys']);
    });

    it('does not let a narrower finding replace a wider one', () => {
      const statements = [
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws-cn:kms:cn-north-1:111122223333:key/*', 'arn:aws:kms:*:111122223333:key/*'] },
      ];
      expect([widest(statements, [AWS, CN]), widest(statements, [CN, AWS])]).to.deep.equal(['account-keys', 'account-keys']);
    });

    it('prefers a finding to an unknown, and an unknown to clean', () => {
      const findingOrUnknown = [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws-cn:kms:*:*:key/*', HOLE] }];
      expect([widest(findingOrUnknown, [AWS, CN]), widest(findingOrUnknown, [CN, AWS])]).to.deep.equal(['all-keys', 'all-keys']);
      const unknownOnly = [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: [HOLE] }];
      expect(widest(unknownOnly, [AWS, CN])).to.equal('unknown');
      expect(widest([S3], [AWS, CN])).to.equal('clean');
    });
  });

  describe('the finding', () => {
    it('names the statements with their Sids in its message', () => {
      const f = finding(text([{ ...ACCOUNT, Sid: 'Keys' }, S3, { ...ACCOUNT, Action: 'kms:ReEncryptFrom' }]));
      expect(f.message).to.equal(
        'aws_iam_role_policy.app (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in regions the policy does not name (in the accounts it names), through statement 0 "Keys", statement 2.',
      );
    });

    it('says how far values known only after apply could widen it', () => {
      const judgement = judgePolicySource(
        {
          ...source({
            kind: 'unknown',
            detail: 'aws_iam_policy_document.d',
            model: model([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: [HOLE, 'arn:aws:kms:*:111122223333:key/*'] }]),
          }),
        },
        { source: 'plan.json' },
        decryptRuns([AWS]),
      );
      expect(judgement.outcome).to.equal('finding');
      if (judgement.outcome !== 'finding') return;
      expect(judgement.findings[0]!.mayWidenTo).to.equal('all-keys');
      expect(judgement.findings[0]!.message).to.equal(
        'aws_iam_role_policy.app (policy) allows kms:Decrypt on KMS keys in regions the policy does not name (in the accounts it names), through statement 0. Values not known until apply could widen this to all-keys.',
      );
      // No document to patch: a model known only in part.
      expect(judgement.findings[0]!.fix).to.equal(undefined);
    });

    it('has a stable fingerprint of rule, address, path and the sorted actions', () => {
      expect(fingerprintOf('kms-decrypt-all-keys', 'aws_iam_policy.p', 'policy', ['kms:ReEncryptFrom', 'kms:Decrypt'])).to.equal(
        fingerprintOf('kms-decrypt-all-keys', 'aws_iam_policy.p', 'policy', ['kms:Decrypt', 'kms:ReEncryptFrom']),
      );
      expect(fingerprintOf('kms-decrypt-all-keys', 'aws_iam_policy.p', 'policy', ['kms:Decrypt'])).to.match(/^[0-9a-f]{32}$/);
      // Each field kept apart: moving text between fields, or joining actions differently, changes it.
      const variants = [
        fingerprintOf('r', 'a', 'p', ['x']),
        fingerprintOf('r', 'ap', '', ['x']),
        fingerprintOf('ra', '', 'p', ['x']),
        fingerprintOf('r', 'a', 'p', ['x', 'y']),
        fingerprintOf('r', 'a', 'p', ['xy']),
      ];
      expect(new Set(variants).size).to.equal(variants.length);
    });

    const introduced = (after: unknown[], before?: PolicyValue) => finding(text(after), before).introduced;
    it('is introduced unless the same finding, as wide and for the same actions, held before', () => {
      expect([
        introduced([ALL]),
        introduced([ALL], text([ALL], 2)),
        introduced([ACCOUNT], text([ALL])),
        introduced([ALL], text([ACCOUNT])),
        introduced([ALL], text([{ ...ALL, Action: 'kms:Decrypt' }])),
        introduced([ALL], { kind: 'text', text: '{not json' }),
        introduced([ALL], { kind: 'absent' }),
        introduced([REGION], text([REGION])),
      ]).to.deep.equal([true, false, false, true, true, true, true, false]);
    });

    it('records how the document changed, and nothing when only its formatting did', () => {
      const changed = finding(text([ALL, S3]), text([ALL]));
      expect(changed.policyChange).to.deep.equal([{ op: 'add', path: '/Statement/1', value: S3 }]);
      expect(finding(text([ALL]), text([ALL], 4))).not.to.have.property('policyChange');
      expect(finding(text([ALL]), { kind: 'unknown', detail: 'd' })).not.to.have.property('policyChange');
      expect(finding(text([ALL]), { kind: 'text', text: 'not json' })).not.to.have.property('policyChange');
      expect(finding(text([ALL]))).not.to.have.property('policyChange');
    });
  });

  describe('the baseline', () => {
    it('keeps one entry per fingerprint, sorted by address, path, rule and fingerprint', () => {
      const a = finding(text([ALL]));
      const entry = (address: string, policyPath: string, ruleId: string, fingerprint: string): Finding => ({ ...a, address, policyPath, ruleId, fingerprint });
      const baseline = baselineOf([
        entry('b', 'policy', 'r1', 'f3'),
        entry('a', 'policy', 'r2', 'f2'),
        entry('a', 'inline_policy[0].policy', 'r1', 'f1'),
        entry('a', 'policy', 'r1', 'f4'),
        entry('z', 'policy', 'r1', 'f2'),
        entry('a', 'policy', 'r1', 'f0'),
      ]);
      expect(baseline.findings.map((e) => e.fingerprint)).to.deep.equal(['f1', 'f0', 'f4', 'f2', 'f3']);
      expect(baseline.findings.find((e) => e.fingerprint === 'f2')!.address).to.equal('a');
    });
  });
});
