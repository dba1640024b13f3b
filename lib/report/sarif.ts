/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per rule id, one result per finding.
 */
import { ruleOfFinding, SCOPED_RULES } from '../rules/registry.js';
import { moreSevere } from '../rules/rule.js';
import { unevaluatedFails } from '../gate/summary.js';
import type { Finding, Report, Severity } from '../types.js';
import { artifactUri } from './artifact-uri.js';
import { jsonText } from './json-text.js';
import { findingStatus } from './outcome.js';
import type { Formatter } from './types.js';
import { allowsPhrase, capitalised, conditionPhrase, introducedPhrase, policyLabel, remediation, whyPhrases, whereLabel, widenPhrase } from './wording.js';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of the finding's own fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'kmsguardFinding/v1';

/** GitHub reads 7.0-8.9 as high, 4.0-6.9 as medium, 0.1-3.9 as low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { high: '8.0', medium: '5.5', low: '3.0' };
const DEFAULT_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { high: 'error', medium: 'warning', low: 'note' };

const GENERIC_TITLE = 'IAM policy allows KMS actions on keys it does not name';

interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly reach: string;
  readonly severity: Severity;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** The rules of this version (stable set and order), then any other rule id the findings carry. */
function rulesFor(findings: readonly Finding[]): RuleInfo[] {
  const known: RuleInfo[] = SCOPED_RULES.map((rule) => ({ ...rule }));
  const others = new Map<string, RuleInfo>();
  for (const finding of findings) {
    if (known.some((rule) => rule.id === finding.ruleId)) continue;
    const seen = others.get(finding.ruleId);
    if (seen === undefined || moreSevere(finding.severity, seen.severity)) {
      others.set(finding.ruleId, { id: finding.ruleId, title: GENERIC_TITLE, reach: 'KMS keys the policy does not name', severity: finding.severity });
    }
  }
  return [...known, ...[...others.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))];
}

/** Compliance ids a rule's findings may carry (on some resource type), as SARIF tags. */
function complianceTags(id: string): string[] {
  const rule = ruleOfFinding(id);
  if (rule === undefined) return [];
  return [...new Set(['aws_iam_policy', 'aws_iam_role_policy'].flatMap((type) => rule.compliance(type)))];
}

function ruleDescriptor(rule: RuleInfo) {
  const full = ruleOfFinding(rule.id)?.description(rule.reach) ?? `An IAM identity policy allows KMS actions on ${rule.reach}.`;
  const patches = ruleOfFinding(rule.id)?.fix !== 'none';
  const fixText = patches
    ? `${remediation(rule.id)} Each result's properties.fix is a JSON Patch (RFC 6902) against the policy document that does this with placeholder key ARNs (arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID) to replace with the real ones.`
    : remediation(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: full },
    help: {
      text: fixText,
      markdown: `**Remediation.** ${fixText.replace('properties.fix', '`properties.fix`')}`,
    },
    defaultConfiguration: { level: DEFAULT_LEVEL[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'very-high',
      tags: ['security', 'terraform', 'aws', 'iam', 'kms', ...complianceTags(rule.id)],
    },
  };
}

function resultMessage(finding: Finding): string {
  const sentences = [`${policyLabel(finding)} ${allowsPhrase(finding)} (scope ${finding.scope}).`, `Why: ${whyPhrases(finding).join('; ')}.`];
  const condition = conditionPhrase(finding);
  if (condition) sentences.push(`The statements carry ${condition}.`);
  const widen = widenPhrase(finding);
  if (widen) sentences.push(`${capitalised(widen)}.`);
  sentences.push(`${capitalised(introducedPhrase(finding))}.`);
  return sentences.join(' ');
}

/** A located finding points at its Terraform source; the plan stays as a related location. */
function findingLocations(finding: Finding) {
  const { location: place } = finding;
  if (place === undefined) return { locations: [location(finding)] };
  const region = {
    startLine: place.startLine,
    endLine: place.endLine,
    ...(place.startColumn !== undefined ? { startColumn: place.startColumn } : {}),
    ...(place.endColumn !== undefined ? { endColumn: place.endColumn } : {}),
  };
  return {
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(place.file) }, region }, logicalLocations: location(finding).logicalLocations }],
    relatedLocations: [{ id: 0, ...location(finding), message: { text: 'The plan the finding was made on' } }],
  };
}

function location(entry: { readonly source: string; readonly address: string }) {
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(entry.source) }, region: { startLine: 1 } },
    logicalLocations: [{ name: entry.address, fullyQualifiedName: entry.address, kind: 'resource' }],
  };
}

export const formatSarif: Formatter = (report: Report) => {
  const rules = rulesFor(report.findings);
  const results = report.findings.map((finding) => {
    const status = findingStatus(finding, report.summary.judgedWith);
    return {
      ruleId: finding.ruleId,
      ruleIndex: rules.findIndex((rule) => rule.id === finding.ruleId),
      level: status === 'failing' ? 'error' : 'warning',
      message: { text: resultMessage(finding) },
      ...findingLocations(finding),
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      ...(finding.suppressed
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification:
                  finding.suppressed.expires === undefined ? finding.suppressed.reason : `${finding.suppressed.reason} (until ${finding.suppressed.expires})`,
              },
            ],
          }
        : {}),
      properties: {
        severity: finding.severity,
        scope: finding.scope,
        resourceType: finding.resourceType,
        policyPath: finding.policyPath,
        actions: finding.actions,
        statements: finding.statements,
        ...(finding.principal !== undefined ? { principal: finding.principal } : {}),
        conditionKeys: finding.conditionKeys,
        introduced: finding.introduced,
        compliance: finding.compliance ?? [],
        ...(finding.baselined ? { baselined: true } : {}),
        ...(finding.position !== undefined ? { position: finding.position } : {}),
        ...(finding.mayWidenTo !== undefined ? { mayWidenTo: finding.mayWidenTo } : {}),
        ...(finding.fix !== undefined ? { fix: finding.fix } : {}),
        ...(finding.fixHcl !== undefined ? { fixHcl: finding.fixHcl } : {}),
        ...(finding.policyChange !== undefined ? { policyChange: finding.policyChange } : {}),
      },
    };
  });
  const notifications = [
    ...report.unevaluated.map((entry) => ({
      level: unevaluatedFails(entry, report.summary.judgedWith) ? 'error' : 'warning',
      message: { text: `${policyLabel(entry)} in ${whereLabel(entry)} was not evaluated (${entry.reason}): ${entry.detail}` },
      locations: [location(entry)],
      descriptor: { id: `unevaluated-${entry.reason}` },
    })),
    ...report.skipped.map((entry) => ({
      level: 'note',
      message: { text: `${policyLabel(entry)} in ${whereLabel(entry)} was skipped: ${entry.reason}` },
      locations: [location(entry)],
      descriptor: { id: 'skipped' },
    })),
    ...report.warnings.map((warning) => ({
      level: 'warning',
      message: { text: `${whereLabel(warning)}: ${warning.message}` },
      descriptor: { id: 'input-warning' },
    })),
    ...report.errors.map((error) => ({
      level: 'error',
      message: { text: `${whereLabel(error)}: ${error.message}` },
      descriptor: { id: 'input-error' },
    })),
  ];
  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules: rules.map(ruleDescriptor) } },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
      },
    ],
  };
  return `${jsonText(log)}\n`;
};
