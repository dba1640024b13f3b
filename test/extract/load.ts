import { formatAttributePath, type AttributePath } from '../../lib/extract/index.js';
import { readTerraform } from '../../lib/terraform/index.js';
import type { DocumentKind, ResourceInstance, TerraformDocument } from '../../lib/terraform/types.js';
import type { PolicyValue } from '../../lib/types.js';
import { loadFixture } from '../terraform/load-fixture.js';

export function loadDocument(file: string, kind: DocumentKind): TerraformDocument {
  return readTerraform(loadFixture('extract', file), kind);
}

/** What is said of a policy that is not known until apply when nothing better is known. */
function unknownUntilApply(_resource: ResourceInstance, attributePath: AttributePath): PolicyValue {
  return { kind: 'unknown', detail: `${formatAttributePath(attributePath)} is not known until apply` };
}

/** The context that says only "not known until apply" of unknown policies: tests of extraction itself. */
export const PLAIN_CONTEXT = { resolveUnknownPolicy: unknownUntilApply };
