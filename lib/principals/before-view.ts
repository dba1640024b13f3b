/**
 * The document as it stands before a plan: each resource's `before` values as if they were after
 * apply (all known), resources the plan creates left out. Building the principal graph on it tells
 * which principals could already use the access.
 */
import { NO_ACTIONS } from '../terraform/actions.js';
import type { ResourceInstance, TerraformDocument } from '../terraform/types.js';

const views = new WeakMap<TerraformDocument, TerraformDocument>();

export function beforeView(document: TerraformDocument): TerraformDocument {
  let view = views.get(document);
  if (view) return view;
  const resources: ResourceInstance[] = [];
  for (const resource of document.resources) {
    if (resource.mode !== 'managed' || resource.before === null) continue;
    const { afterUnknown: _, ...rest } = resource;
    resources.push({ ...rest, after: resource.before, before: null, actions: NO_ACTIONS });
  }
  view = { kind: 'state', formatVersion: document.formatVersion, resources, priorStateData: new Map() };
  views.set(document, view);
  return view;
}
