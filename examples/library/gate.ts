/**
 * A deployment gate built on kmsguard's library instead of its command line.
 *
 *   npx tsx examples/library/gate.ts plan.json [more plans...]
 *
 * Policy of this gate: a change may not introduce a high-severity finding (it is blocked);
 * findings that were already there before this plan do not block, but are listed for
 * follow-up; policies not known until apply are listed for a human to review after apply.
 * Exit status as kmsguard's: 0 pass, 1 blocked, 2 an input could not be used.
 */
import { pathToFileURL } from 'node:url';
import { check, exitCodeFor, findingFails, type Finding, type Options, type Report, type Unevaluated } from 'kmsguard';

/** The gate's settings: fail on high, and only on findings this plan introduces. */
export const GATE_OPTIONS: Pick<Options, 'failOn' | 'onlyNew'> = { failOn: 'high', onlyNew: true };

export interface GateDecision {
  /** Findings that stop the change. */
  readonly blocked: readonly Finding[];
  /** Findings reported but not blocking: pre-existing, below high, suppressed or baselined. */
  readonly followUp: readonly Finding[];
  /** Policies kmsguard could not judge from the plan. */
  readonly review: readonly Unevaluated[];
  readonly exitCode: 0 | 1 | 2;
}

export function decide(report: Report): GateDecision {
  const blocked = report.findings.filter((finding) => findingFails(finding, report.summary.judgedWith));
  const followUp = report.findings.filter((finding) => !blocked.includes(finding));
  return { blocked, followUp, review: report.unevaluated, exitCode: exitCodeFor(report) };
}

function describe(finding: Finding): string {
  const change = finding.introduced ? 'introduced by this plan' : 'already there before this plan';
  return `${finding.severity}: ${finding.message} [${change}]`;
}

/** What the gate prints, one line each. */
export function summaryLines(report: Report, decision: GateDecision): string[] {
  const lines: string[] = [];
  for (const error of report.errors) lines.push(`ERROR ${error.source}: ${error.message}`);
  for (const finding of decision.blocked) lines.push(`BLOCK ${describe(finding)}`);
  for (const finding of decision.followUp) lines.push(`FOLLOW-UP ${describe(finding)}`);
  for (const entry of decision.review) lines.push(`REVIEW ${entry.address} (${entry.policyPath}): ${entry.detail}`);
  const verdict = decision.exitCode === 0 ? 'the change may be applied' : decision.exitCode === 1 ? 'the change is blocked' : 'the plan could not be judged';
  lines.push(`gate: ${verdict} (${decision.blocked.length} blocking, ${decision.followUp.length} to follow up, ${decision.review.length} to review)`);
  return lines;
}

export async function gate(paths: readonly string[]): Promise<{ report: Report; decision: GateDecision }> {
  const report = await check(paths, GATE_OPTIONS);
  return { report, decision: decide(report) };
}

async function main(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) {
    process.stderr.write('usage: gate.ts PLAN_JSON...\n');
    process.exitCode = 2;
    return;
  }
  const { report, decision } = await gate(paths);
  process.stdout.write(`${summaryLines(report, decision).join('\n')}\n`);
  process.exitCode = decision.exitCode;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
