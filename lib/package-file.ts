/**
 * Files shipped with the package (data/...), found from this module's location: the source
 * tree, the compiled tree (dist/lib) and the bundled command line (dist/bin) alike.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path of `relative` in the package this module belongs to (the nearest directory with a package.json). */
export function packageFile(relative: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, relative);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}
