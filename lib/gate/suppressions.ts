/**
 * Suppressions: findings a team has accepted, by address glob and optional filters. A
 * suppressed finding stays in the report, marked with its reason, and never fails the run.
 * A suppression applies through its expiry day (UTC); after it, it no longer applies.
 */
import type { Finding, InputWarning, SuppressionRule } from '../types.js';

/** Warning source for suppressions that do not say where they were written. */
const UNNAMED_SOURCE = 'options';

/** A compiled address glob. */
interface AddressGlob {
  test(address: string): boolean;
}

/**
 * `*` matches any run of characters (including `.`, `[` and `"`); every other character is literal.
 * Matched without a regular expression: the literal parts between stars are found left to right,
 * each at its first place after the previous one (the earliest place leaves the most room to the
 * rest, so no other place need be tried). The time is bounded by the address length times the
 * glob length, never exponential, whatever the for_each keys hold.
 */
export function addressPattern(glob: string): AddressGlob {
  const parts = glob.split('*');
  const first = parts[0]!;
  if (parts.length === 1) return { test: (address) => address === glob };
  const last = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  return {
    test(address) {
      if (address.length < first.length + last.length) return false;
      if (!address.startsWith(first) || !address.endsWith(last)) return false;
      let at = first.length;
      const end = address.length - last.length;
      for (const part of middle) {
        const found = address.indexOf(part, at);
        if (found < 0 || found + part.length > end) return false;
        at = found + part.length;
      }
      return true;
    },
  };
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
  readonly address: AddressGlob;
  readonly ruleId?: AddressGlob;
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

interface SuppressionOutcome {
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
