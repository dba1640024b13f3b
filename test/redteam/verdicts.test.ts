/**
 * Red-team verdicts: each fixture under test/fixtures/redteam is judged by the built command line
 * (`--format json`) and every policy in it must get the verdict decided beforehand from the README
 * ("Semantics in short", "Exit codes"): exit code, the set of policies met, each finding's address, scope, severity,
 * actions, statements, condition keys and `introduced`, each unevaluated policy's reason, each
 * skipped policy, and the summary counts.
 */
import { expect } from 'chai';
import path from 'node:path';
import type { Report, Severity } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import type { ExpectedPolicy, FixtureCase } from './case-types.js';
import { CASES } from './cases.js';

const SEVERITY: Record<string, Severity> = { 'all-keys': 'high', 'account-keys': 'medium', 'region-keys': 'low' };

const key = (p: { address: string; policyPath: string }) => `${p.address} ${p.policyPath}`;

function ruleArgs(c: FixtureCase): string[] {
  const rule = c.rule ?? 'kms-decrypt';
  return rule === 'all' ? [] : ['--rule', rule];
}

function run(c: FixtureCase, extra: readonly string[] = []): CliResult {
  return runCli(['--format', 'json', ...ruleArgs(c), ...(c.args ?? []), ...extra, path.join(fixture('redteam'), c.file)]);
}

/** A case's rows name each policy once per finding rule; the report's policy list names it once. */
const policyKeys = (policies: readonly ExpectedPolicy[]) => [...new Set(policies.map(key))].sort();
const ruleOf = (p: ExpectedPolicy) => (p.outcome === 'finding' ? (p.rule ?? 'kms-decrypt') : undefined);

function expectedSummary(policies: readonly ExpectedPolicy[]) {
  const count = (outcome: ExpectedPolicy['outcome']) => policies.filter((p) => p.outcome === outcome).length;
  const bySeverity: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const p of policies) if (p.outcome === 'finding') bySeverity[SEVERITY[p.scope]!] += 1;
  const judged = policyKeys(policies.filter((p) => p.outcome === 'finding' || p.outcome === 'clean')).length;
  return {
    documents: 1,
    policies: judged,
    findings: count('finding'),
    unevaluated: count('unevaluated'),
    skipped: count('skipped'),
    bySeverity,
  };
}

for (const c of CASES) {
  describe(`red team: ${[c.file, ...(c.args ?? [])].join(' ')}${c.note ? ` (${c.note})` : ''}`, function () {
    this.timeout(20_000);
    let result: CliResult;
    let report: Report;

    before(() => {
      result = run(c);
      report = JSON.parse(result.stdout) as Report;
    });

    const exitTest = c.knownWrongExit ? it.skip : it;
    exitTest(`exits ${c.exit} without a stack trace`, () => {
      expect(result.stderr).to.not.match(/\n\s+at /);
      expect(result.status, result.stderr).to.equal(c.exit);
    });

    if (c.strictExit !== undefined) {
      const strictTest = c.knownWrongStrict ? it.skip : it;
      strictTest(`exits ${c.strictExit} with --strict`, () => {
        expect(run(c, ['--strict']).status).to.equal(c.strictExit);
      });
    }

    if (c.warning !== undefined) {
      const warning = c.warning;
      const warningTest = c.knownWrongWarning ? it.skip : it;
      warningTest(`says in the text report: ${warning}`, () => {
        const text = runCli([...ruleArgs(c), ...(c.args ?? []), path.join(fixture('redteam'), c.file)]);
        expect(text.stdout).to.include(warning);
      });
    }

    const setTest = c.knownWrongSet || c.policies.some((p) => p.knownWrong) ? it.skip : it;
    setTest('meets exactly the expected policies, and counts them in the summary', () => {
      expect(report.policies.map(key).sort()).to.deep.equal(policyKeys(c.policies));
      const { documents, policies, findings, unevaluated, skipped, bySeverity } = report.summary;
      expect({ documents, policies, findings, unevaluated, skipped, bySeverity }).to.deep.equal(expectedSummary(c.policies));
    });

    for (const expected of c.policies) {
      const test = expected.knownWrong ? it.skip : it;
      const rulePart = c.rule === 'all' && expected.outcome === 'finding' ? ` ${ruleOf(expected)}` : '';
      const title =
        expected.outcome === 'finding'
          ? `${key(expected)}:${rulePart} ${expected.scope} ${expected.actions.join(',')}`
          : expected.outcome === 'unevaluated'
            ? `${key(expected)}: unevaluated (${expected.reason})`
            : `${key(expected)}: ${expected.outcome}`;
      test(title, () => {
        const outcome = report.policies.find((p) => key(p) === key(expected));
        expect(outcome, `${key(expected)} not in the report`).to.not.equal(undefined);
        const rule = ruleOf(expected);
        const finding = report.findings.find((f) => key(f) === key(expected) && (rule === undefined || f.ruleId.startsWith(`${rule}-`)));
        const unevaluated = report.unevaluated.find((u) => key(u) === key(expected));
        const skipped = report.skipped.find((s) => key(s) === key(expected));
        expect(outcome!.outcome, JSON.stringify(finding ?? unevaluated ?? skipped ?? outcome)).to.equal(expected.outcome);
        if (expected.outcome === 'finding') expect(finding, `no ${rule} finding`).to.not.equal(undefined);
        switch (expected.outcome) {
          case 'finding':
            expect({
              ruleId: finding!.ruleId,
              scope: finding!.scope,
              severity: finding!.severity,
              actions: finding!.actions,
              statements: finding!.statements.map((s) => s.index),
              conditionKeys: finding!.conditionKeys,
              introduced: finding!.introduced,
            }).to.deep.equal({
              ruleId: `${rule}-${expected.scope}`,
              scope: expected.scope,
              severity: SEVERITY[expected.scope],
              actions: expected.actions,
              statements: expected.statements,
              conditionKeys: expected.conditionKeys,
              introduced: expected.introduced,
            });
            if (expected.sids) expect(finding!.statements.map((s) => s.sid ?? null)).to.deep.equal(expected.sids);
            break;
          case 'unevaluated':
            expect(unevaluated!.reason).to.equal(expected.reason);
            if (expected.detail !== undefined) expect(unevaluated!.detail).to.include(expected.detail);
            break;
          case 'skipped':
            if (expected.detail !== undefined) expect(skipped!.reason).to.include(expected.detail);
            break;
          case 'clean':
            expect(finding ?? unevaluated ?? skipped).to.equal(undefined);
        }
      });
    }
  });
}
