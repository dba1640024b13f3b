/**
 * What must hold for any input, however broken: the checks every fuzz case runs.
 */
import { expect } from 'chai';
import type { Report } from '../../lib/types.js';

/** Signs of a crash rather than a message: stack frames, error class names, Node internals. */
const CRASH_SIGNS: readonly RegExp[] = [
  /^\s+at .+/m,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|EvalError|AggregateError|InternalError)\b/,
  /node:internal/,
  /Internal error/i,
  /Cannot read properties of|is not a function|is not iterable/,
  /Maximum call stack/,
];

export function expectNoCrash(stderr: string, context: string): void {
  for (const sign of CRASH_SIGNS) {
    expect(sign.test(stderr), `${context}: stderr shows a crash:\n${stderr.slice(0, 1500)}`).to.equal(false);
  }
}

/** The exit code the report implies (README, "Exit codes": 2 unusable input, 1 failing, 0 pass). */
export function impliedExit(report: Report): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  return report.summary.passed ? 0 : 1;
}

/** Internal consistency of a report: counts, unevaluated policies failing the run. */
export function expectConsistentReport(report: Report, context: string): void {
  expect(report.summary.findings, `${context}: summary.findings`).to.equal(report.findings.length);
  expect(report.summary.unevaluated, `${context}: summary.unevaluated`).to.equal(report.unevaluated.length);
  if (report.unevaluated.some((u) => u.reason === 'invalid')) {
    expect(report.summary.passed, `${context}: an invalid policy must fail the run`).to.equal(false);
  }
  if (report.errors.length > 0) expect(report.summary.passed, `${context}: unusable input must not pass`).to.equal(false);
  for (const entry of report.unevaluated) {
    expect(entry.detail, `${context}: unevaluated entries say why`).to.be.a('string').and.not.equal('');
  }
}

/** A policy that could not be read is listed as invalid, and the run does not pass. */
export function expectListedInvalid(report: Report, address: string, policyPath: string, context: string): void {
  const entry = report.unevaluated.find((u) => u.address === address && u.policyPath === policyPath);
  expect(entry, `${context}: ${address} ${policyPath} could not be read, yet it is not listed as unevaluated`).not.to.equal(undefined);
  expect(entry!.reason, `${context}: ${address} ${policyPath}`).to.equal('invalid');
  expect(report.summary.passed, `${context}: the run passed with an unreadable policy`).to.equal(false);
  expect(
    report.findings.some((f) => f.address === address && f.policyPath === policyPath),
    `${context}: judged as well as invalid`,
  ).to.equal(false);
}
