/**
 * The partitions a document's keys are judged in. The option wins; else every partition the plan
 * shows (provider regions, resource regions and ARNs: a plan spanning several is judged in each
 * and the widest verdict kept). A plan that shows none (the region comes from the environment)
 * is judged in `aws` and in every other partition its policies' own ARN patterns can name: a
 * policy written for GovCloud, China, an ISO partition or the European Sovereign Cloud, judged
 * in `aws` alone, would match no key and pass.
 */
import { matchesArn } from './iam/index.js';
import { PARTITIONS, type Partition } from './iam/types.js';
import type { TerraformDocument } from './terraform/types.js';
import type { Options, PolicySource, PolicyValue } from './types.js';

const OTHER_PARTITIONS: readonly Partition[] = PARTITIONS.filter((partition) => partition !== 'aws');

/** The partition segment of each ARN pattern in a text: `arn:<segment>:`. */
const ARN_PARTITION = /arn:([^:"\\\s]*):/g;

export function partitionsToJudge(options: Pick<Options, 'partition'>, terraform: TerraformDocument, policySources: readonly PolicySource[]): Partition[] {
  if (options.partition !== undefined) return [options.partition];
  if (terraform.partitions !== undefined && terraform.partitions.length > 0) return [...terraform.partitions];
  if (terraform.partition !== undefined) return [terraform.partition];
  return ['aws', ...namedPartitions(policySources)];
}

/** The partitions other than `aws` that an ARN pattern in one of the policies can name. */
export function namedPartitions(policySources: readonly PolicySource[]): Partition[] {
  const found = new Set<Partition>();
  for (const policySource of policySources) {
    for (const value of [policySource.after, policySource.before]) {
      for (const segment of partitionSegments(textOf(value))) {
        for (const partition of OTHER_PARTITIONS) if (segmentNames(segment, partition)) found.add(partition);
      }
      if (found.size === OTHER_PARTITIONS.length) return [...OTHER_PARTITIONS];
    }
  }
  return OTHER_PARTITIONS.filter((partition) => found.has(partition));
}

function segmentNames(segment: string, partition: Partition): boolean {
  // A policy variable in the partition may take any value in a request.
  if (segment.includes('${')) return true;
  return matchesArn(`arn:${segment}:`, `arn:${partition}:`);
}

function* partitionSegments(text: string): Generator<string> {
  for (const match of text.matchAll(ARN_PARTITION)) {
    const segment = match[1]!;
    if (segment !== 'aws') yield segment;
  }
}

/** The text as JSON.stringify writes it, so that escapes (`\u0061ws-cn`) read as their characters. */
function normalisedText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text)) ?? text;
  } catch {
    return text;
  }
}

function textOf(value: PolicyValue | undefined): string {
  if (value === undefined) return '';
  switch (value.kind) {
    case 'text':
      return normalisedText(value.text);
    case 'object':
      return JSON.stringify(value.value) ?? '';
    case 'unknown':
      return JSON.stringify([value.model, value.alternatives]) ?? '';
    case 'absent':
      return '';
  }
}
