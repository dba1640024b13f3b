/**
 * The byte scanner gives exactly the report the straightforward path gives (decode the bytes,
 * JSON.parse, judge), on every plan of the corpus and on generated plans with policies at the
 * very start and end, escaped quotes, braces and brackets in strings, and unusual key orders.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { check } from '../../lib/check.js';
import { decodeText } from '../../lib/input/decode-text.js';
import { scanDocuments } from '../../lib/input/scanner/scan-documents.js';
import { SCAN_THRESHOLD_BYTES } from '../../lib/input/scanner/scan-input.js';
import { splitDocuments } from '../../lib/input/split-documents.js';
import type { Report } from '../../lib/types.js';
import { planText, type PlanExpectation, type PlanSpec } from '../../bench/generate.js';
import { binPath, corpusDir } from '../support/paths.js';
import { corpusFiles } from '../support/shared.js';

function documentsByText(bytes: Buffer): unknown[] {
  const decoded = decodeText(bytes);
  if (decoded.kind !== 'text') throw new Error(`not text: ${decoded.kind}`);
  return [...splitDocuments(decoded.text).values];
}

function documentsByScanner(bytes: Buffer): unknown[] {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return [...scanDocuments(body).values];
}

async function reportOf(source: string, documents: unknown[]): Promise<Report> {
  return check(documents.map((value) => ({ source, value })));
}

async function expectSameReport(source: string, bytes: Buffer): Promise<Report> {
  const byText = await reportOf(source, documentsByText(bytes));
  const byScanner = await reportOf(source, documentsByScanner(bytes));
  expect(byScanner).to.deep.equal(byText);
  return byScanner;
}

function findingsOf(report: Report): Record<string, string> {
  return Object.fromEntries(report.findings.map((f) => [`${f.address} ${f.policyPath}`, f.scope]));
}

function expectAsPlanned(report: Report, expectation: PlanExpectation): void {
  expect(findingsOf(report)).to.deep.equal(expectation.findings);
  expect(report.summary.policies + report.summary.unevaluated).to.equal(expectation.knownPolicies + expectation.unknownPolicies);
  expect(report.unevaluated.every((u) => u.reason === 'unknown')).to.equal(true);
}

describe('byte scanner: the same report as the straightforward path', function () {
  this.timeout(120_000);

  describe('every plan and state of the corpus', () => {
    const files = corpusFiles();
    for (const file of files) {
      it(file, async () => {
        await expectSameReport(file, readFileSync(path.join(corpusDir, file)));
      });
    }
  });

  describe('generated plans', () => {
    const variants: Record<string, PlanSpec> = {
      'in Terraform key order': { targetBytes: 1.5e6, seed: 3, edgePolicies: true },
      'with resource_changes last and policies at the very end, indented': { targetBytes: 1e6, seed: 4, edgePolicies: true, order: 'changes-last', indent: 2 },
      'with resource_changes first and a policy at the very start': { targetBytes: 1e6, seed: 5, edgePolicies: true, order: 'changes-first' },
      'with many findings': { targetBytes: 6e5, seed: 6, findingShare: 0.5 },
    };
    for (const [name, spec] of Object.entries(variants)) {
      it(name, async () => {
        const { text, expectation } = planText(spec);
        const report = await expectSameReport('plan.json', Buffer.from(text));
        expectAsPlanned(report, expectation);
        if (spec.edgePolicies) {
          expect(report.findings.map((f) => f.address)).to.include.members([
            'aws_iam_policy.edge_first',
            'aws_iam_policy.edge_tricky',
            'aws_iam_policy.edge_last',
          ]);
        }
      });
    }

    it('the edge policies really are the first and last resource changes', () => {
      const { text } = planText({ targetBytes: 2e5, seed: 4, edgePolicies: true, order: 'changes-last' });
      const plan = JSON.parse(text) as { resource_changes: { address: string }[] };
      expect(plan.resource_changes[0]!.address).to.equal('aws_iam_policy.edge_first');
      expect(plan.resource_changes.at(-1)!.address).to.equal('aws_iam_policy.edge_last');
      expect(Object.keys(plan).at(-1)).to.equal('resource_changes');
      expect(text.trimEnd().endsWith(']}')).to.equal(true);
    });

    it('several plans in one stream (one per line)', async () => {
      const first = planText({ targetBytes: 3e5, seed: 7, edgePolicies: true });
      const second = planText({ targetBytes: 3e5, seed: 8, order: 'changes-first' });
      const bytes = Buffer.from(`${first.text}${second.text}`);
      const report = await expectSameReport('stdin', bytes);
      expect(report.summary.documents).to.equal(2);
    });
  });

  describe('the command line, on a plan large enough for the scanner', () => {
    let dir: string;
    let file: string;
    let expectation: PlanExpectation;
    let text: string;

    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'kmsguard-scan-'));
      file = path.join(dir, 'plan.json');
      ({ text, expectation } = planText({ targetBytes: SCAN_THRESHOLD_BYTES + 1024 * 1024, seed: 9, edgePolicies: true, order: 'changes-last' }));
      writeFileSync(file, text);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    function run(args: string[], input?: Buffer): { status: number | null; report: Report; stderr: string } {
      const result = spawnSync(process.execPath, [binPath, '--format', 'json', ...args], { input, maxBuffer: 1 << 30, encoding: 'buffer' });
      return { status: result.status, report: JSON.parse(result.stdout.toString('utf8')) as Report, stderr: result.stderr.toString('utf8') };
    }

    it('judges the file exactly as the straightforward path does', async () => {
      expect(Buffer.byteLength(text)).to.be.at.least(SCAN_THRESHOLD_BYTES);
      const { status, report } = run([file]);
      expect(status).to.equal(1);
      expectAsPlanned(report, expectation);
      const straightforward = await reportOf(file, [JSON.parse(text)]);
      expect(report).to.deep.equal(JSON.parse(JSON.stringify(straightforward)));
    });

    it('judges standard input the same way', () => {
      const fromFile = run([file]).report;
      const fromStdin = run(['-'], Buffer.from(text));
      expect(fromStdin.status).to.equal(1);
      const renamed = JSON.parse(JSON.stringify(fromFile).split(JSON.stringify(file).slice(1, -1)).join('stdin')) as Report;
      expect(fromStdin.report).to.deep.equal(renamed);
    });
  });
});
