/**
 * Phrases every human-readable format shares, so a finding reads the same everywhere.
 * Results are not escaped: each format escapes for its own medium.
 */
import type { Operation } from 'fast-json-patch';
import type { MatchReason } from '../iam/types.js';
import { ruleOfFinding } from '../rules/registry.js';
import { principalReach, REACH } from '../rules/rule.js';
import type { Finding, HclFix, PrincipalGrant, Scope, SourceLocation, StatementRef, Suppression } from '../types.js';

/** `s` with its first letter capitalised, to open a sentence. */
export function capitalised(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** Where the access reaches: "KMS keys in accounts the policy does not name". */
export function reachOf(scope: Scope): string {
  return REACH[scope];
}

/** `aws_iam_policy.p (policy)`. */
export function policyLabel(entry: { readonly address: string; readonly policyPath: string }): string {
  return `${entry.address} (${entry.policyPath})`;
}

/** `plan.json`, or `plan.json (document 2)` for the second document of a stream. */
export function whereLabel(entry: { readonly source: string; readonly position?: number }): string {
  return entry.position === undefined ? entry.source : `${entry.source} (document ${entry.position})`;
}

/** `Action "kms:*"`, or `NotResource ["a", "b"]` when the element holds several values. */
export function matchLabel(reason: MatchReason): string {
  const values = reason.values.map((v) => JSON.stringify(v));
  return `${reason.element} ${values.length === 1 ? values[0] : `[${values.join(', ')}]`}`;
}

/** `statement 0 "AllowAll" (/Statement/0)`. */
export function statementLabel(statement: StatementRef): string {
  const sid = statement.sid === undefined ? '' : ` ${JSON.stringify(statement.sid)}`;
  return `statement ${statement.index}${sid} (${statement.pointer})`;
}

/** `statement 0 "AllowAll" (/Statement/0): Action "kms:*", Resource "*"`. */
function statementWhy(statement: StatementRef): string {
  const matched = statement.matched.map(matchLabel).join(', ');
  return matched === '' ? statementLabel(statement) : `${statementLabel(statement)}: ${matched}`;
}

/** Where a principal's access reaches: "KMS keys in accounts its policies do not name". */
export function principalReachOf(scope: Scope): string {
  return principalReach(REACH[scope]);
}

/**
 * "allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name"; for a
 * principal, "can use ... on KMS keys in accounts its policies do not name".
 */
export function allowsPhrase(finding: Finding): string {
  if (finding.principal !== undefined) return `can use ${finding.actions.join(', ')} on ${principalReachOf(finding.scope)}`;
  return `allows ${finding.actions.join(', ')} on ${reachOf(finding.scope)}`;
}

/** `arn:aws:iam::aws:policy/AdministratorAccess via aws_iam_role_policy_attachment.a`, or `aws_iam_role_policy.p (policy) (inline)`. */
export function grantLabel(grant: PrincipalGrant): string {
  return grant.via === 'inline' ? `${grant.policy} (inline)` : `${grant.policy} via ${grant.via}`;
}

/** Why a finding holds, one phrase per granting statement; a principal's each name their policy and how it applies. */
export function whyPhrases(finding: Finding): string[] {
  const reading = finding.reading === undefined ? [] : [readingPhrase(finding.reading)];
  if (finding.principal === undefined) return [...finding.statements.map(statementWhy), ...reading];
  return [...finding.principal.grants.flatMap((grant) => grant.statements.map((statement) => `${grantLabel(grant)}: ${statementWhy(statement)}`)), ...reading];
}

/** `judged with ${aws:PrincipalAccount} = 111122223333`: the reading of the policy variables that gives the finding. */
export function readingPhrase(reading: string): string {
  return `judged ${reading}`;
}

/** The granting statements by label (without what matched). */
export function statementsPhrase(finding: Finding): string {
  if (finding.principal === undefined) return finding.statements.map(statementLabel).join(', ');
  return finding.principal.grants.map((grant) => `${grantLabel(grant)} ${grant.statements.map(statementLabel).join(', ')}`).join(', ');
}

/** `role "admin"`, with the boundary and whether the plan manages it; undefined for a policy's finding. */
export function principalPhrase(finding: Finding): string | undefined {
  const principal = finding.principal;
  if (principal === undefined) return undefined;
  const kind = principal.kind.replace('-', ' ');
  const name = principal.name === undefined ? `${kind} (name known only after apply)` : `${kind} ${JSON.stringify(principal.name)}`;
  const outside = principal.outside ? ', not managed by this plan: only the policies the plan attaches to it were judged' : '';
  const boundary = principal.boundary === undefined ? '' : `, within permissions boundary ${principal.boundary}`;
  return `principal ${name}${outside}${boundary}`;
}

export function introducedPhrase(finding: Finding): string {
  return finding.introduced ? 'introduced by this plan' : 'pre-existing: already allowed before this plan';
}

export function conditionPhrase(finding: Finding): string | undefined {
  if (finding.conditionKeys.length === 0) return undefined;
  return `condition keys ${finding.conditionKeys.join(', ')} (ignored: conditions do not narrow the finding)`;
}

export function widenPhrase(finding: Finding): string | undefined {
  return finding.mayWidenTo === undefined ? undefined : `values not known until apply could widen it to ${finding.mayWidenTo}`;
}

export function suppressionPhrase(suppression: Suppression): string {
  const expires = suppression.expires === undefined ? '' : ` (until ${suppression.expires})`;
  return `suppressed${expires}: ${suppression.reason}`;
}

const GENERIC_REMEDIATION =
  'Grant the actions only on the ARNs of the keys the principal needs: remove them from statements on "*" or wildcard key ARNs and add a statement whose Resource lists the key ARNs.';

/** One sentence on how to fix a finding of this rule id (its `fix` patch, when present, does it with placeholder ARNs). */
export function remediation(ruleId: string): string {
  return ruleOfFinding(ruleId)?.remediation ?? GENERIC_REMEDIATION;
}

/** `Security Hub KMS.1`, or undefined when the finding answers to no control. */
export function compliancePhrase(finding: Pick<Finding, 'compliance'>): string | undefined {
  return finding.compliance === undefined || finding.compliance.length === 0 ? undefined : finding.compliance.join(', ');
}

/** What the HCL of a fix is for: "replace data.aws_iam_policy_document.d with this". */
export function hclFixHeading(hcl: HclFix): string {
  const what =
    hcl.form === 'aws_iam_policy_document' ? `replace ${hcl.replaces} with this` : `if ${hcl.replaces} is written with jsonencode, replace it with this`;
  return `fix as HCL (${what}; then the placeholder key ARNs with the real ones)`;
}

const VALUE_LIMIT = 120;

/** `replace /Statement/0/Resource "*"`: one JSON Patch operation on one line, long values cut. */
function operationLabel(op: Operation): string {
  const parts: string[] = [op.op, op.path];
  if (op.op === 'move' || op.op === 'copy') parts.push(`from ${op.from}`);
  if ('value' in op) {
    const value = JSON.stringify(op.value) ?? 'undefined';
    parts.push(value.length > VALUE_LIMIT ? `${value.slice(0, VALUE_LIMIT)}…` : value);
  }
  return parts.join(' ');
}

/** `infra/main.tf:12`: where in the Terraform source a finding's policy is written. */
export function sourceLabel(location: SourceLocation): string {
  return `${location.file}:${location.startLine}`;
}

/** The lines that explain a finding, in the order every plain-text format prints them. */
export function findingDetails(finding: Finding): string[] {
  const consequence = ruleOfFinding(finding.ruleId)?.consequence;
  const lines = [
    allowsPhrase(finding),
    // A line like the others: no capital, no full stop.
    ...(consequence ? [consequence.replace(/^./, (c) => c.toLowerCase()).replace(/\.$/, '')] : []),
    `scope ${finding.scope}, severity ${finding.severity}, rule ${finding.ruleId}${compliancePhrase(finding) ? ` (${compliancePhrase(finding)})` : ''}`,
    ...(principalPhrase(finding) !== undefined ? [principalPhrase(finding)!] : []),
    `in ${whereLabel(finding)}, ${finding.resourceType}`,
    ...(finding.location !== undefined ? [`written at ${sourceLabel(finding.location)}`] : []),
    ...whyPhrases(finding).map((why) => `why: ${why}`),
  ];
  const condition = conditionPhrase(finding);
  if (condition) lines.push(condition);
  const widen = widenPhrase(finding);
  if (widen) lines.push(widen);
  lines.push(introducedPhrase(finding));
  if (finding.policyChange && finding.policyChange.length > 0) {
    lines.push('changed by this plan:', ...finding.policyChange.map((op) => `  ${operationLabel(op)}`));
  }
  if (finding.fix && finding.fix.length > 0) {
    lines.push(`fix: grant ${finding.actions.join(', ')} only on named key ARNs (the json, sarif and markdown reports carry a JSON Patch)`);
  }
  if (finding.suppressed) lines.push(suppressionPhrase(finding.suppressed));
  if (finding.baselined) lines.push('in the baseline: reported, accepted');
  return lines;
}
