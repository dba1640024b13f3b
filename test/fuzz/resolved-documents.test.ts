/**
 * A policy that kmsguard rebuilds from an `aws_iam_policy_document` data source deferred to
 * apply (regula-unknown-policy-from-data in the corpus, with its statement widened to kms:* on
 * *) must not become a clean pass when a value inside the data source's planned statements has
 * a JSON type Terraform never writes there: such a document could not be read, so it is unknown
 * or invalid, or it is still the finding.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '../../lib/index.js';
import { propertyParameters } from '../property/settings.js';
import { corpusDir } from '../support/paths.js';
import { slotsOf, type JsonType } from './mutations.js';
import { requireCorpus } from '../support/shared.js';

type Json = Record<string, unknown>;
const FILE = 'regula-unknown-policy-from-data.v0.1.plan.json';

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

const OTHER_VALUE: Record<JsonType, unknown> = { string: 'x', number: 42, null: null, array: ['x'], object: { x: 1 }, boolean: true };

function dataSourceAfter(plan: Json): Json {
  const changes = plan.resource_changes as { type: string; change: { after: Json } }[];
  return changes.find((c) => c.type === 'aws_iam_policy_document')!.change.after;
}

function widened(): Json {
  const plan = JSON.parse(readFileSync(path.join(corpusDir, FILE), 'utf8')) as Json;
  const statement = (dataSourceAfter(plan).statement as Json[])[0]!;
  statement.actions = ['kms:*'];
  statement.resources = ['*'];
  return plan;
}

describe('fuzz: documents rebuilt from a data source', function () {
  this.timeout(120_000);
  before(function () {
    requireCorpus(this);
  });

  it('the widened plan is a finding to begin with', async () => {
    const report = await check({ source: FILE, value: widened() });
    expect(report.findings.map((f) => [f.address, f.ruleId])).to.deep.equal([
      ['aws_iam_policy.example', 'kms-decrypt-all-keys'],
      ['aws_iam_policy.example', 'kms-grant-all-keys'],
    ]);
  });

  it('a value of a type Terraform never writes in the statements never makes it a clean pass', async () => {
    const edit = fc.tuple(fc.nat(), fc.constantFrom<JsonType>('string', 'number', 'null', 'array', 'object', 'boolean'));
    await fc.assert(
      fc.asyncProperty(edit, async ([n, to]) => {
        const plan = widened();
        const after = dataSourceAfter(plan);
        // The `statement` attribute itself, then every slot inside it.
        const slots = [{ parent: after as Record<string, unknown>, key: 'statement' as string | number }, ...slotsOf(after.statement)];
        const { parent, key } = slots[n % slots.length]!;
        const current = (parent as Record<string | number, unknown>)[key];
        fc.pre(typeOf(current) !== to);
        // Terraform writes `statement: null` for a document without statement blocks of its own (a
        // document with no statements grants nothing): that null is a value it writes.
        fc.pre(!(parent === after && key === 'statement' && to === 'null'));
        (parent as Record<string | number, unknown>)[key] = OTHER_VALUE[to];
        const report = await check({ source: FILE, value: plan });
        const outcome = report.policies.find((p) => p.address === 'aws_iam_policy.example')?.outcome;
        expect(outcome, `statement slot ${String(key)} (${typeOf(current)}) set to ${JSON.stringify(OTHER_VALUE[to])}`).not.to.equal('clean');
      }),
      propertyParameters(200),
    );
  });
});
