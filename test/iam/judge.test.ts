import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fixture } from '../support/paths.js';
import { judgePolicy, parsePolicy, type EvaluationOptions, type Policy, type UnknownValue, type Verdict } from '../../lib/iam/index.js';

interface VerdictCase {
  readonly group: string;
  readonly name: string;
  readonly statements?: unknown[];
  readonly policy?: unknown;
  readonly options?: Partial<EvaluationOptions>;
  readonly verdict: Verdict;
}

const DEFAULTS: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };

/** Fixtures write a value not known until apply as `{"$unknown": "<detail>", "oneKey"?: true}`. */
function unknownMarker(value: unknown): UnknownValue | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, '$unknown')) return undefined;
  const { $unknown: detail, oneKey } = value as { $unknown: string; oneKey?: boolean };
  return oneKey ? { unknown: true, oneKey: true, detail } : { unknown: true, detail };
}

function policyOf(c: VerdictCase): Policy {
  const document = c.policy ?? { Version: '2012-10-17', Statement: c.statements };
  const result = parsePolicy(document, { unknown: unknownMarker });
  if ('error' in result) throw new Error(`fixture ${c.name}: ${result.error.message}`);
  return result.policy;
}

const cases = JSON.parse(readFileSync(fixture('iam', 'verdicts.json'), 'utf8')) as VerdictCase[];

describe('iam: judgePolicy', () => {
  const groups = [...new Set(cases.map((c) => c.group))];
  for (const group of groups) {
    describe(group, () => {
      for (const c of cases.filter((x) => x.group === group)) {
        it(c.name, () => {
          expect(judgePolicy(policyOf(c), { ...DEFAULTS, ...c.options })).to.deep.equal(c.verdict);
        });
      }
    });
  }

  it('gives the same verdicts again, judged in reverse order (no state leaks between policies)', () => {
    for (const c of [...cases].reverse()) {
      expect(judgePolicy(policyOf(c), { ...DEFAULTS, ...c.options }), c.name).to.deep.equal(c.verdict);
    }
  });

  it('gives the same verdict for the JSON text and the parsed object', () => {
    const document = { Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' }] };
    const fromText = parsePolicy(JSON.stringify(document));
    const fromObject = parsePolicy(document);
    if (!('policy' in fromText) || !('policy' in fromObject)) throw new Error('parse failed');
    expect(judgePolicy(fromText.policy, DEFAULTS)).to.deep.equal(judgePolicy(fromObject.policy, DEFAULTS));
    expect(judgePolicy(fromText.policy, DEFAULTS)).to.include({ kind: 'finding', scope: 'account-keys' });
  });

  it('judges a Policy model built directly, with whole elements unknown', () => {
    const unknown = (detail: string): UnknownValue => ({ unknown: true, detail });
    const policy: Policy = {
      statements: [
        { index: 0, pointer: '/Statement/0', effect: 'Allow', notAction: unknown('var.not_actions'), resource: ['*'] },
        { index: 1, pointer: '/Statement/1', effect: 'Allow', action: ['kms:Decrypt'], resource: ['arn:aws:kms:*:111122223333:key/*'] },
      ],
    };
    expect(judgePolicy(policy, DEFAULTS)).to.deep.equal({
      kind: 'finding',
      scope: 'account-keys',
      actions: ['kms:Decrypt'],
      statements: [
        {
          index: 1,
          pointer: '/Statement/1',
          matched: [
            { element: 'Action', values: ['kms:Decrypt'] },
            { element: 'Resource', values: ['arn:aws:kms:*:111122223333:key/*'] },
          ],
        },
      ],
      conditionKeys: [],
      mayWidenTo: 'all-keys',
    });
  });

  it('judges nothing blocked as clean', () => {
    const parsed = parsePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    if (!('policy' in parsed)) throw new Error('parse failed');
    expect(judgePolicy(parsed.policy, { ...DEFAULTS, blockedActions: [] })).to.deep.equal({ kind: 'clean' });
  });
});

describe('iam: judgePolicy on large and adversarial policies', () => {
  const keys = Array.from(
    { length: 500 },
    (_, i) => `arn:aws:kms:us-east-${i % 3}:${100000000000 + i}:key/${i.toString(16).padStart(8, '0')}-aaaa-bbbb-cccc-dddd${i}`,
  );
  const judged = (statements: unknown[]) => {
    const parsed = parsePolicy({ Statement: statements });
    if (!('policy' in parsed)) throw new Error(parsed.error.message);
    return judgePolicy(parsed.policy, DEFAULTS);
  };

  it('a Deny of every key but 500 named ones is clean', () => {
    expect(
      judged([
        { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Action: 'kms:*', NotResource: keys },
      ]),
    ).to.deep.equal({ kind: 'clean' });
  });

  it('500 account-and-region patterns, one region denied: region-keys, naming the patterns not denied', () => {
    const patterns = keys.map((k) => k.replace(/key\/.*/, 'key/*'));
    const verdict = judged([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: patterns },
      { Effect: 'Deny', Action: 'kms:*', Resource: 'arn:aws:kms:us-east-0:*:key/*' },
    ]);
    expect(verdict).to.deep.equal({
      kind: 'finding',
      scope: 'region-keys',
      actions: ['kms:Decrypt'],
      statements: [
        {
          index: 0,
          pointer: '/Statement/0',
          matched: [
            { element: 'Action', values: ['kms:Decrypt'] },
            { element: 'Resource', values: patterns.filter((p) => !p.includes('us-east-0')) },
          ],
        },
      ],
      conditionKeys: [],
    });
  });

  it('gives up on a pattern set too complex to decide exactly, saying so, without exhausting memory', () => {
    const verdict = judged([
      { Effect: 'Allow', Action: 'kms:*', Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*${i}*:*${i}*:key/*${i}*`) },
      { Effect: 'Deny', Action: 'kms:*', NotResource: Array.from({ length: 300 }, (_, i) => `arn:aws:kms:*:*${i}:key/*`) },
    ]);
    expect(verdict).to.deep.equal({
      kind: 'too-complex',
      detail: 'Too complex to judge exactly (judging it takes more than 4000000 steps); simplify its Resource and NotResource patterns.',
    });
  });
});
