import { unknownUntilApply } from '../../lib/extract/index.js';
import { readTerraform } from '../../lib/terraform/index.js';
import type { DocumentKind, TerraformDocument } from '../../lib/terraform/types.js';
import { loadFixture } from '../terraform/load-fixture.js';

export function loadDocument(file: string, kind: DocumentKind): TerraformDocument {
  return readTerraform(loadFixture('extract', file), kind);
}

/** The context that says only "not known until apply" of unknown policies: tests of extraction itself. */
export const PLAIN_CONTEXT = { resolveUnknownPolicy: unknownUntilApply };
