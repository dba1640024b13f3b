/**
 * Data files a single executable carries inside itself (scripts/build-binary.ts embeds them as
 * Node.js SEA assets, keyed by their path in the package). Outside such an executable, or for a
 * file it does not carry, the answer is undefined and callers read the file from the package.
 */
import * as sea from 'node:sea';

/** The embedded copy of the package file `name` (e.g. `data/kms-actions.json`), as text. */
export function embeddedText(name: string): string | undefined {
  const bytes = embeddedBytes(name);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/** The embedded copy of the package file `name`, as bytes (for binary files such as .wasm). */
export function embeddedBytes(name: string): Uint8Array | undefined {
  if (!sea.isSea()) return undefined;
  try {
    return new Uint8Array(sea.getAsset(name));
  } catch {
    return undefined;
  }
}
