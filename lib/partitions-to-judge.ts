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

/** The text with its `\uXXXX` escapes read as their characters (`arn:\u0061ws-cn:`). */
function unescapedText(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Every string in a value, without recursion: a value nested thousands deep is reported elsewhere, not here. */
function stringsIn(value: unknown): string {
  const strings: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') strings.push(item);
    else if (typeof item === 'object' && item !== null) for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push(child);
  }
  return strings.join('\n');
}

function textOf(value: PolicyValue | undefined): string {
  if (value === undefined) return '';
  switch (value.kind) {
    case 'text':
      return unescapedText(value.text);
    case 'object':
      return stringsIn(value.value);
    case 'unknown':
      return stringsIn([value.model, value.alternatives]);
    case 'absent':
      return '';
  }
}
