import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { check } from '../../lib/check.js';
import { formatJson } from '../../lib/report/json.js';
import { jsonText } from '../../lib/report/json-text.js';
import type { Report } from '../../lib/types.js';
import { corpusDir, fixture, schemasDir } from '../support/paths.js';
import { hostileReport } from './hostile-report.js';
import { cleanReport, hugeReport, severalReport, warningsOnlyReport } from './sample-reports.js';
import { corpusFiles, requireCorpus } from '../support/shared.js';

const schema = JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The errors of the last validation. */
function errorsOf(): string {
  return JSON.stringify(validate.errors?.map((e) => `${e.instancePath} ${e.message}`));
}

function mutated(change: (report: Record<string, any>) => void): unknown {
  const copy = JSON.parse(formatJson(severalReport, { color: false }));
  change(copy);
  return copy;
}

describe('json format', () => {
  const samples: Record<string, Report> = {
    several: severalReport,
    'warnings-only': warningsOnlyReport,
    clean: cleanReport,
    huge: hugeReport(20),
    hostile: hostileReport(),
  };

  for (const [name, report] of Object.entries(samples)) {
    it(`prints the ${name} report as it is, two-space indented, newline-terminated, valid against the schema`, () => {
      const text = formatJson(report, { color: false });
      // Plan text a log or a strict parser would trip on is escaped or replaced (see the hostile test).
      if (name !== 'hostile') expect(text).to.equal(`${JSON.stringify(report, null, 2)}\n`);
      expect(text).to.equal(`${jsonText(report)}\n`);
      const parsed = JSON.parse(text);
      if (name !== 'hostile') expect(parsed).to.deep.equal(JSON.parse(JSON.stringify(report)));
      expect(validate(parsed), errorsOf()).to.equal(true);
    });
  }

  it('validates the reports check() makes from every plan and state in the corpus and the CLI fixtures', async function () {
    requireCorpus(this);
    this.timeout(120_000);
    const files = [...corpusFiles().map((f) => path.join(corpusDir, f)), fixture('cli', 'insecure.plan.json'), fixture('cli', 'secure.plan.json')];
    expect(files.length).to.be.greaterThan(20);
    let findings = 0;
    for (const file of files) {
      const report = await check(file);
      findings += report.findings.length;
      const parsed = JSON.parse(formatJson(report, { color: false }));
      expect(validate(parsed), `${file}: ${errorsOf()}`).to.equal(true);
    }
    expect(findings, 'the corpus holds findings to validate').to.be.greaterThan(0);
  });

  describe('the schema holds the contract exactly', () => {
    const rejected: [string, (r: Record<string, any>) => void][] = [
      ['an unknown top-level key', (r) => (r.extra = 1)],
      ['an unknown finding key', (r) => (r.findings[0].note = 'x')],
      ['a finding without source', (r) => delete r.findings[0].source],
      ['a finding without statements', (r) => delete r.findings[0].statements],
      ['a finding without compliance', (r) => delete r.findings[0].compliance],
      ['a compliance id that is not a string', (r) => (r.findings[0].compliance = [1])],
      ['an unknown scope', (r) => (r.findings[0].scope = 'some-keys')],
      ['an unknown severity', (r) => (r.findings[0].severity = 'critical')],
      ['a statement pointer that is not a JSON pointer', (r) => (r.findings[0].statements[0].pointer = 'Statement/0')],
      ['an unknown match element', (r) => (r.findings[0].statements[0].matched[0].element = 'Principal')],
      ['a suppression without a reason', (r) => delete r.findings[3].suppressed.reason],
      ['a suppression expiry that is not a date', (r) => (r.findings[3].suppressed.expires = 'next year')],
      ['baselined other than true', (r) => (r.findings[0].baselined = false)],
      ['a patch operation without value', (r) => delete r.findings[0].fix[0].value],
      ['a patch operation with an unknown op', (r) => (r.findings[0].fix[0].op = '_get')],
      ['a patch operation with an extra key', (r) => (r.findings[0].policyChange[0].from = '/x')],
      ['position 0', (r) => (r.findings[3].position = 0)],
      ['an unknown unevaluated reason', (r) => (r.unevaluated[0].reason = 'error')],
      ['an unknown policy outcome', (r) => (r.policies[0].outcome = 'failed')],
      ['a summary without passed', (r) => delete r.summary.passed],
      ['a negative count', (r) => (r.summary.failing = -1)],
      ['another tool name', (r) => (r.tool.name = 'other')],
      ['a warning with an unknown key', (r) => (r.warnings[0].level = 'warn')],
    ];
    for (const [what, change] of rejected) {
      it(`rejects ${what}`, () => {
        expect(validate(mutated(change))).to.equal(false);
      });
    }

    it('accepts the optional fields when present', () => {
      const report = mutated((r) => {
        r.findings[1].baselined = true;
        r.warnings[0].position = 3;
        r.errors.push({ source: 'x.json', position: 2, message: 'm' });
        r.findings[0].fix.push({ op: 'remove', path: '/Statement/1' }, { op: 'move', from: '/a', path: '/b' }, { op: 'replace', path: '', value: null });
      });
      expect(validate(report), errorsOf()).to.equal(true);
    });
  });
});
