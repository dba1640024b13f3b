import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPolicies } from '../../../lib/extract/index.js';
import { createExtractContext } from '../../../lib/extract/resolve/context.js';
import { readTerraform } from '../../../lib/terraform/index.js';
import type { ResourceInstance, TerraformDocument } from '../../../lib/terraform/types.js';
import type { PolicySource, PolicyValue } from '../../../lib/types.js';
import type { UnknownValue } from '../../../lib/iam/types.js';
import { corpusDir } from '../../support/paths.js';
import { loadFixture } from '../../terraform/load-fixture.js';

export function loadPlan(file: string): TerraformDocument {
  return readTerraform(loadFixture('extract/resolve', file), 'plan');
}

export function loadCorpusPlan(file: string): TerraformDocument {
  return readTerraform(JSON.parse(readFileSync(path.join(corpusDir, file), 'utf8')), 'plan');
}

export function instance(document: TerraformDocument, address: string): ResourceInstance {
  const found = document.resources.find((resource) => resource.address === address);
  if (!found) throw new Error(`no resource ${address} in the document`);
  return found;
}

/** What the extract context says of an attribute of a resource. */
export function resolve(document: TerraformDocument, address: string, attributePath: readonly (string | number)[]): PolicyValue {
  return createExtractContext(document).resolveUnknownPolicy(instance(document, address), attributePath);
}

/** The policies extraction reports for one resource, with the document's own extract context. */
export function extracted(document: TerraformDocument, address: string): PolicySource[] {
  instance(document, address);
  return extractPolicies(document).filter((policySource) => policySource.address === address);
}

export function unknown(detail: string): UnknownValue {
  return { unknown: true, detail };
}

export function oneKey(detail: string): UnknownValue {
  return { unknown: true, oneKey: true, detail };
}

/** A plan document built in the test: resources, prior_state data sources and configuration. */
export function planDocument(resources: ResourceInstance[], configuration?: unknown, prior: ResourceInstance[] = []): TerraformDocument {
  return {
    kind: 'plan',
    formatVersion: '1.2',
    resources,
    priorStateData: new Map(prior.map((item) => [item.address, item])),
    ...(configuration !== undefined ? { configuration } : {}),
  };
}
