/**
 * Generated plans through the library's check(): readable policies get the oracle's verdict,
 * unreadable ones (mutated text, values that are not text) are listed as invalid and fail the
 * run, unknown ones are listed as unknown, and the exit code follows.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { check } from '../../lib/index.js';
import type { Report } from '../../lib/types.js';
import { oracle } from '../oracle/oracle.js';
import { BLOCKED_ACTIONS, GRANT_ACTIONS } from '../oracle/vocabulary.js';
import { propertyParameters } from '../property/settings.js';
import { expectConsistentReport, expectListedInvalid, impliedExit } from './invariants.js';
import { unreadable } from './mutations.js';
import { buildPlan, policyLocation } from './plan-builder.js';
import { plannedResources } from './planned-cases.js';

const SEVERITY_FAILS = new Set(['all-keys', 'account-keys']);

/** Each rule's finding id prefix and the actions the oracle judges it with. */
const RULES = [
  ['kms-decrypt-', BLOCKED_ACTIONS],
  ['kms-grant-', GRANT_ACTIONS],
] as const;

describe('fuzz: generated plans through check()', function () {
  this.timeout(600_000);

  it('judges readable policies like the oracle and never passes an unreadable one', async () => {
    const judge = oracle();
    await fc.assert(
      fc.asyncProperty(plannedResources, async (items) => {
        const plan = buildPlan(items.map((i) => i.resource));
        const context = `plan ${JSON.stringify(plan)}`;
        // The oracle knows the keys of the aws partition only (test/partitions-to-judge.test.ts has the others).
        const report: Report = await check({ source: 'generated.json', data: Buffer.from(JSON.stringify(plan)) }, { partition: 'aws' });
        expect(report.errors, context).to.deep.equal([]);
        expectConsistentReport(report, context);
        let mustFail = false;
        let mayFail = false;
        for (const { resource, c } of items) {
          const { address, policyPath } = policyLocation(resource);
          const findings = report.findings.filter((f) => f.address === address && f.policyPath === policyPath);
          const finding = findings[0];
          const listed = report.unevaluated.find((u) => u.address === address && u.policyPath === policyPath);
          const text = 'text' in c.policy ? c.policy.text : undefined;
          if (c.kind === 'intact') {
            for (const [prefix, blocked] of RULES) {
              const actual = findings.find((f) => f.ruleId.startsWith(prefix))?.scope ?? 'none';
              const expected = judge.judge(c.document, 'ignore', blocked).scope;
              expect(actual, `${context}: ${address} (${prefix}*)`).to.equal(expected);
              mustFail ||= SEVERITY_FAILS.has(expected);
            }
            expect(listed, `${context}: ${address} is readable`).to.equal(undefined);
          } else if (c.kind === 'not-text' || (text !== undefined && unreadable(text))) {
            expectListedInvalid(report, address, policyPath, context);
            mustFail = true;
          } else if (c.kind === 'unknown') {
            expect(listed?.reason, `${context}: ${address} is not known until apply`).to.equal('unknown');
          } else {
            // Still JSON, but possibly no longer a valid policy: judged, or listed as invalid.
            expect(finding !== undefined || listed?.reason === 'invalid' || listed === undefined, context).to.equal(true);
            mayFail ||= finding !== undefined || listed !== undefined;
          }
        }
        const exit = impliedExit(report);
        if (mustFail) expect(exit, `${context}: exit code`).to.equal(1);
        else if (!mayFail) expect(exit, `${context}: exit code`).to.equal(0);
      }),
      propertyParameters(400),
    );
  });
});
