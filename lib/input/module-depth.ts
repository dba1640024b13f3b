/**
 * Bounds how deeply a document nests modules, before anything walks the modules recursively.
 * Terraform configurations nest modules a few levels deep; a document nesting them hundreds of
 * levels deep is hostile or broken, and would exhaust the call stack of a recursive reader.
 */

const MAX_MODULE_DEPTH = 100;

type Children = (module: unknown) => readonly unknown[];

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

const childModules: Children = (module) => {
  const children = field(module, 'child_modules');
  return Array.isArray(children) ? children : [];
};

const calledModules: Children = (module) => {
  const calls = field(module, 'module_calls');
  if (typeof calls !== 'object' || calls === null || Array.isArray(calls)) return [];
  return Object.keys(calls).map((name) => field(field(calls, name), 'module'));
};

/** The deepest nesting below `root` (the root is depth 1), or more than `limit` when over it. */
function depthOf(root: unknown, children: Children, limit: number): number {
  let deepest = 0;
  const pending: Array<{ module: unknown; depth: number }> = [{ module: root, depth: 1 }];
  while (pending.length > 0) {
    const { module, depth } = pending.pop()!;
    if (module === undefined) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of children(module)) pending.push({ module: child, depth: depth + 1 });
  }
  return deepest;
}

/** Module trees of a plan or state document: [root module, how to find its children]. */
function moduleTrees(document: unknown): Array<[unknown, Children]> {
  return [
    [field(field(document, 'values'), 'root_module'), childModules],
    [field(field(document, 'planned_values'), 'root_module'), childModules],
    [field(field(field(document, 'prior_state'), 'values'), 'root_module'), childModules],
    [field(field(document, 'configuration'), 'root_module'), calledModules],
  ];
}

/** A sentence when the document nests modules deeper than kmsguard reads, else undefined. */
export function checkModuleDepth(document: unknown): string | undefined {
  for (const [root, children] of moduleTrees(document)) {
    if (depthOf(root, children, MAX_MODULE_DEPTH) > MAX_MODULE_DEPTH) {
      return `The document nests modules more than ${MAX_MODULE_DEPTH} levels deep, which real configurations do not, so kmsguard does not read it.`;
    }
  }
  return undefined;
}
