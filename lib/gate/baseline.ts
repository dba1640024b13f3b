/**
 * Baselines: the findings a team accepted on a given day. With a baseline, only findings not in
 * it fail the run; the rest are still reported, marked `baselined`.
 *
 * An entry accepts a finding with its fingerprint in the input it was recorded from: the input
 * file's path relative to the working directory (`stdin` for standard input) and, in a stream of
 * several documents (`terragrunt run --all -- show -json`), the document's position. Units of a
 * Terragrunt stack reuse addresses, so the fingerprint alone would let an entry recorded in one
 * unit accept a new finding at the same address in another.
 */
import path from 'node:path';
import { jsonText } from '../report/json-text.js';
import type { Finding, InputWarning } from '../types.js';

const BASELINE_VERSION = 2;

/** The input a finding came from, as a baseline records it. */
interface BaselineUnit {
  /** The input file relative to the working directory, `/`-separated; `stdin` for standard input. */
  readonly source: string;
  /** The document's 1-based position, when its input holds several. */
  readonly position?: number;
}

export interface BaselineEntry {
  readonly fingerprint: string;
  /** Required from version 2 on; compared with the fingerprint. */
  readonly source?: string;
  readonly position?: number;
  /** For readers of the file; not compared. */
  readonly ruleId?: string;
  readonly address?: string;
  readonly policyPath?: string;
}

export interface Baseline {
  /** 1: entries without the input they came from (they accept nothing now; see applyBaseline). */
  readonly version: 1 | typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

const STDIN = 'stdin';

/** Where a finding came from, in the form a baseline records: the same wherever kmsguard runs from the same directory. */
function unitOf(finding: Pick<Finding, 'source' | 'position'>, cwd: string = process.cwd()): BaselineUnit {
  const relative = path.relative(cwd, path.resolve(cwd, finding.source)).split(path.sep).join('/');
  // A file named `stdin` in the working directory is not standard input.
  const source = finding.source === STDIN ? STDIN : relative === STDIN ? `./${STDIN}` : relative;
  return { source, ...(finding.position !== undefined ? { position: finding.position } : {}) };
}

function keyOf(fingerprint: string, unit: BaselineUnit): string {
  return JSON.stringify([fingerprint, unit.source, unit.position ?? 0]);
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const keys = ['source', 'position', 'address', 'policyPath', 'ruleId', 'fingerprint'] as const;
  for (const key of keys) {
    // Stryker disable next-line StringLiteral: baselineOf builds every entry from a finding, which has all these keys
    const left = a[key] ?? '';
    // Stryker disable next-line StringLiteral: baselineOf builds every entry from a finding, which has all these keys
    const right = b[key] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** The baseline of these findings: one entry per fingerprint and input, sorted by input and address. */
export function baselineOf(findings: readonly Finding[], cwd: string = process.cwd()): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const unit = unitOf(finding, cwd);
    const key = keyOf(finding.fingerprint, unit);
    if (entries.has(key)) continue;
    entries.set(key, {
      fingerprint: finding.fingerprint,
      ...unit,
      ruleId: finding.ruleId,
      address: finding.address,
      policyPath: finding.policyPath,
    });
  }
  return { version: BASELINE_VERSION, findings: [...entries.values()].sort(compareEntries) };
}

/** The baseline file's text: stable key order, two-space indent, final newline. */
export function formatBaseline(baseline: Baseline): string {
  return `${jsonText(baseline)}\n`;
}

function describeEntry(entry: BaselineEntry): string {
  const where = entry.source === undefined ? '' : ` in ${entry.source}${entry.position !== undefined ? ` (document ${entry.position})` : ''}`;
  if (entry.address === undefined) return `fingerprint ${entry.fingerprint}${where}`;
  const details = [entry.policyPath, entry.ruleId].filter((detail) => detail !== undefined);
  return `${details.length === 0 ? entry.address : `${entry.address} (${details.join(', ')})`}${where}`;
}

interface BaselineOutcome {
  /** The findings in the same order, those in the baseline carrying `baselined: true`. */
  readonly findings: Finding[];
  /** One per baseline entry that no longer occurs, or one for a baseline that accepts nothing. */
  readonly warnings: InputWarning[];
}

/**
 * Marks findings found in the baseline and lists baseline entries that no longer occur. A
 * version 1 baseline does not say which input an entry came from: it accepts nothing (one
 * warning says to regenerate it), since matching it by fingerprint alone lets an entry from one
 * unit accept a new finding in another.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, source: string, cwd: string = process.cwd()): BaselineOutcome {
  if (baseline.version !== BASELINE_VERSION) {
    const message = `Baseline version ${baseline.version} does not say which input each entry came from, so it accepts no finding; regenerate it with "kmsguard baseline".`;
    return { findings: [...findings], warnings: baseline.findings.length > 0 ? [{ source, message }] : [] };
  }
  const known = new Set<string>();
  for (const entry of baseline.findings) {
    if (entry.source !== undefined)
      known.add(keyOf(entry.fingerprint, { source: entry.source, ...(entry.position !== undefined ? { position: entry.position } : {}) }));
  }
  const seen = new Set<string>();
  const marked = findings.map((finding) => {
    const key = keyOf(finding.fingerprint, unitOf(finding, cwd));
    if (!known.has(key)) return finding;
    seen.add(key);
    return { ...finding, baselined: true as const };
  });
  const reported = new Set<string>();
  const warnings: InputWarning[] = [];
  for (const entry of baseline.findings) {
    const key = keyOf(entry.fingerprint, { source: entry.source ?? '', ...(entry.position !== undefined ? { position: entry.position } : {}) });
    if (seen.has(key) || reported.has(key)) continue;
    reported.add(key);
    warnings.push({ source, message: `Baseline entry ${describeEntry(entry)} no longer occurs; regenerate the baseline to drop it.` });
  }
  return { findings: marked, warnings };
}
