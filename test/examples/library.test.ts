import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decide, gate, GATE_OPTIONS, summaryLines } from '../../examples/library/gate.js';
import { examplesDir, repoRoot } from '../support/paths.js';
import { markdownCodeBlocks } from './command-lines.js';

const plan = (...parts: string[]): string => path.join(examplesDir, ...parts, 'plan.json');
const widened = plan('situations', 'update-widens-policy');
const unknown = plan('situations', 'unknown-until-apply');
const gateScript = path.join(repoRoot, 'dist', 'examples', 'library', 'gate.js');

describe('library example (examples/library/gate.ts)', () => {
  it('gates on introduced high findings only', () => {
    expect(GATE_OPTIONS).to.deep.equal({ failOn: 'high', onlyNew: true });
  });

  it('blocks the widening, follows up the pre-existing finding, asks to review the unknown policy', async () => {
    const { decision } = await gate([widened, unknown]);
    expect(decision.blocked.map((f) => f.address)).to.deep.equal(['aws_iam_policy.exports']);
    expect(decision.followUp.map((f) => f.address)).to.deep.equal(['aws_iam_user_policy.legacy_batch']);
    expect(decision.review.map((u) => u.address)).to.deep.equal(['aws_iam_role_policy.workload_decrypt']);
    expect(decision.exitCode).to.equal(1);
  });

  it('lets a medium finding through as a follow-up', async () => {
    const { report, decision } = await gate([plan('resources', 'aws-iam-policy')]);
    expect(decision.blocked).to.deep.equal([]);
    expect(decision.followUp.map((f) => `${f.address} ${f.severity}`)).to.deep.equal(['aws_iam_policy.reports_read medium']);
    expect(decision.exitCode).to.equal(0);
    expect(summaryLines(report, decision).at(-1)).to.equal('gate: the change may be applied (0 blocking, 1 to follow up, 0 to review)');
  });

  it('passes a clean plan', async () => {
    const { decision } = await gate([plan('seed', 'secure')]);
    expect(decision).to.deep.equal({ blocked: [], followUp: [], review: [], exitCode: 0 });
  });

  it('reports an input it cannot read with exit status 2', async () => {
    const missing = path.join(examplesDir, 'no-such-plan.json');
    const { report, decision } = await gate([missing]);
    expect(decision.exitCode).to.equal(2);
    expect(summaryLines(report, decision)[0]).to.match(/^ERROR .*no-such-plan\.json: /);
  });

  it('decide() reads any report: a finding the report marks suppressed does not block', async () => {
    const { report } = await gate([plan('seed', 'insecure')]);
    const suppressed = { ...report, findings: report.findings.map((f) => ({ ...f, suppressed: { reason: 'accepted' } })) };
    expect(decide(suppressed).blocked).to.deep.equal([]);
    expect(decide(report).blocked.map((f) => `${f.address} ${f.ruleId}`)).to.deep.equal([
      'aws_iam_role_policy.test_policy kms-decrypt-all-keys',
      'aws_iam_role_policy.test_policy kms-grant-all-keys',
    ]);
  });

  it('runs as a script (compiled with the project) and prints what its README shows', () => {
    const result = spawnSync(process.execPath, [gateScript, widened, unknown], { cwd: repoRoot });
    const readme = readFileSync(path.join(examplesDir, 'library', 'README.md'), 'utf8');
    const shown = markdownCodeBlocks(readme).find((block) => block.body.startsWith('BLOCK '));
    expect(result.stdout.toString('utf8')).to.equal(shown?.body);
    expect(result.status).to.equal(1);
  });

  it('as a script, asks for a plan when given none', () => {
    const result = spawnSync(process.execPath, [gateScript], { cwd: repoRoot });
    expect(result.stderr.toString('utf8')).to.equal('usage: gate.ts PLAN_JSON...\n');
    expect(result.status).to.equal(2);
  });
});
