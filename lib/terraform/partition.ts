/**
 * Which AWS partitions a document shows. Evidence, from strongest to weakest:
 * - AWS provider configurations: `configuration.provider_config.*.expressions.region` as a
 *   constant, or as a lone root-module `var.X` reference resolved from the plan's `variables`;
 * - resource and data source values of AWS providers (`aws_*`, `awscc_*`): the top-level `region`
 *   and `arn` attributes, `data.aws_partition`'s `partition` and `data.aws_region`'s `name`.
 * A region no partition's pattern matches is not evidence of any.
 */
import { isPartition, PARTITIONS, type Partition } from '../iam/types.js';
import type { ResourceInstance } from './types.js';
import { isRecord } from '../json-record.js';
import { stringOrUndefined, type JsonRecord } from './values.js';

/**
 * Each partition's region names: the `regionRegex` of the AWS SDKs' partitions.json. No region
 * matches two of them (`\w` takes no `-`: us-gov-west-1 is not an `aws` region).
 */
export const REGION_PATTERNS: Readonly<Record<Partition, RegExp>> = {
  aws: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
  'aws-cn': /^cn-\w+-\d+$/,
  'aws-us-gov': /^us-gov-\w+-\d+$/,
  'aws-iso': /^us-iso-\w+-\d+$/,
  'aws-iso-b': /^us-isob-\w+-\d+$/,
  'aws-iso-e': /^eu-isoe-\w+-\d+$/,
  'aws-iso-f': /^us-isof-\w+-\d+$/,
  'aws-eusc': /^eusc-(de)-\w+-\d+$/,
};

export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITIONS.find((partition) => REGION_PATTERNS[partition].test(region));
}

export function partitionOfArn(arn: string): Partition | undefined {
  const end = arn.indexOf(':', 4);
  if (!arn.startsWith('arn:') || end < 0) return undefined;
  const partition = arn.slice(4, end);
  return isPartition(partition) ? partition : undefined;
}

/** Collects partition evidence; `partitions()` lists what was seen in a fixed order. */
export class PartitionEvidence {
  private readonly seen = new Set<Partition>();

  addRegion(region: unknown): void {
    if (typeof region !== 'string') return;
    const partition = partitionOfRegion(region);
    if (partition !== undefined) this.seen.add(partition);
  }

  addArn(arn: unknown): void {
    if (typeof arn !== 'string') return;
    const partition = partitionOfArn(arn);
    if (partition !== undefined) this.seen.add(partition);
  }

  addPartitionName(name: unknown): void {
    if (isPartition(name)) this.seen.add(name);
  }

  /** Evidence from one resource's values (after apply, else before). */
  addResource(resource: ResourceInstance): void {
    const type = resource.type;
    if (!type.startsWith('aws_') && !type.startsWith('awscc_')) return;
    const values = resource.after ?? resource.before;
    if (values === null) return;
    this.addRegion(values.region);
    this.addArn(values.arn);
    if (resource.mode === 'data') {
      if (type === 'aws_partition') this.addPartitionName(values.partition);
      if (type === 'aws_region') this.addRegion(values.name);
    }
  }

  /** Evidence from `configuration.provider_config` of a plan. */
  addProviderConfigs(configuration: unknown, variables: ReadonlyMap<string, unknown>): void {
    if (!isRecord(configuration) || !isRecord(configuration.provider_config)) return;
    for (const [key, provider] of Object.entries(configuration.provider_config)) {
      if (!isRecord(provider) || !isAwsProvider(provider) || !isRecord(provider.expressions)) continue;
      const region = provider.expressions.region;
      if (!isRecord(region)) continue;
      if ('constant_value' in region) {
        this.addRegion(region.constant_value);
      } else if (!key.includes(':')) {
        this.addRegion(rootVariableValue(region.references, variables));
      }
    }
  }

  partitions(): readonly Partition[] {
    return PARTITIONS.filter((partition) => this.seen.has(partition));
  }
}

function isAwsProvider(provider: JsonRecord): boolean {
  if (provider.name === 'aws') return true;
  return stringOrUndefined(provider.full_name)?.endsWith('/aws') === true;
}

/** The value of `var.X` when the expression is exactly one root variable reference. */
function rootVariableValue(references: unknown, variables: ReadonlyMap<string, unknown>): unknown {
  if (!Array.isArray(references) || references.length !== 1 || typeof references[0] !== 'string') return undefined;
  const match = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(references[0]);
  return match ? variables.get(match[1]!) : undefined;
}

/**
 * The single partition keys are judged in, when the evidence shows exactly one that is not
 * `aws`. With several partitions no single one is safe (a wildcard ARN names keys of one
 * partition only), so none is chosen and the caller judges each of `partitions`.
 */
export function choosePartition(partitions: readonly Partition[]): Partition | undefined {
  return partitions.length === 1 && partitions[0] !== 'aws' ? partitions[0] : undefined;
}
