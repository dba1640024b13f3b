/**
 * Suppressions: findings a team has accepted, by address glob and optional filters. A
 * suppressed finding stays in the report, marked with its reason, and never fails the run.
 * A suppression applies through its expiry day (UTC); after it, it no longer applies.
 */
import type { Finding, InputWarning, SuppressionRule } from '../types.js';

/** Warning source for suppressions that do not say where they were written. */
const UNNAMED_SOURCE = 'options';

/** `*` matches any run of characters (including `.`, `[` and `"`); every other character is literal. */
export function addressPattern(glob: string): RegExp {
  const literal = glob.split('*').map((part) => part.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
  return new RegExp(`^${literal.join('[\\s\\S]*')}$`);
}

/** The current date in UTC, `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Expired once `today` is after the expiry day; on the day itself it still applies. */
export function hasExpired(rule: Pick<SuppressionRule, 'expires'>, today: string): boolean {
  return rule.expires !== undefined && today > rule.expires;
}

interface CompiledRule {
  readonly rule: SuppressionRule;
  readonly index: number;
  readonly address: RegExp;
  readonly ruleId?: RegExp;
  readonly expired: boolean;
  matched: number;
}

function matches(entry: CompiledRule, finding: Finding): boolean {
  const { rule } = entry;
  return (
    entry.address.test(finding.address) &&
    (rule.resourceType === undefined || rule.resourceType === finding.resourceType) &&
    (rule.scope === undefined || rule.scope === finding.scope) &&
    (entry.ruleId === undefined || entry.ruleId.test(finding.ruleId))
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function warningFor(entry: CompiledRule): InputWarning | undefined {
  const { rule } = entry;
  const name = `Suppression /suppressions/${entry.index} (address "${rule.address}")`;
  const source = rule.source ?? UNNAMED_SOURCE;
  if (entry.expired) {
    const reach = entry.matched === 0 ? 'it matches no finding' : `it would match ${plural(entry.matched, 'finding')}`;
    return { source, message: `${name} expired on ${rule.expires} and no longer applies; ${reach}.` };
  }
  if (entry.matched === 0) {
    return { source, message: `${name} matched no finding; remove it if it is no longer needed.` };
  }
  return undefined;
}

export interface SuppressionOutcome {
  /** The findings in the same order, those suppressed carrying `suppressed`. */
  readonly findings: Finding[];
  /** Expired and unused suppressions. */
  readonly warnings: InputWarning[];
}

/**
 * Marks the findings the rules suppress. The first rule (in list order) that matches gives
 * the reason; every rule that matches counts as used. Expired rules suppress nothing.
 */
export function applySuppressions(findings: readonly Finding[], rules: readonly SuppressionRule[], today: string): SuppressionOutcome {
  const compiled: CompiledRule[] = rules.map((rule, index) => ({
    rule,
    index,
    address: addressPattern(rule.address),
    ...(rule.ruleId !== undefined ? { ruleId: addressPattern(rule.ruleId) } : {}),
    expired: hasExpired(rule, today),
    matched: 0,
  }));
  const marked = findings.map((finding) => {
    let applied: SuppressionRule | undefined;
    for (const entry of compiled) {
      if (!matches(entry, finding)) continue;
      entry.matched += 1;
      if (!entry.expired) applied ??= entry.rule;
    }
    if (applied === undefined) return finding;
    return { ...finding, suppressed: { reason: applied.reason, ...(applied.expires !== undefined ? { expires: applied.expires } : {}) } };
  });
  const warnings = compiled.map(warningFor).filter((w): w is InputWarning => w !== undefined);
  return { findings: marked, warnings };
}
