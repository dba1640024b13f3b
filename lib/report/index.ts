/**
 * The formats kmsguard writes, each loaded only when asked for.
 */
import type { Formatter } from './types.js';

export type { Formatter, FormatContext } from './types.js';

const loaders = {
  text: async () => (await import('./text.js')).formatText,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  junit: async () => (await import('./junit.js')).formatJunit,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  github: async () => (await import('./github.js')).formatGithub,
  atlantis: async () => (await import('./atlantis.js')).formatAtlantis,
  gitlab: async () => (await import('./gitlab.js')).formatGitlab,
} satisfies Record<string, () => Promise<Formatter>>;

type FormatName = keyof typeof loaders;

/** Every format name, the default (`text`) first. */
export const formatNames: readonly string[] = Object.freeze(Object.keys(loaders));

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(loaders, name);
}

/** The formatter for `name`; rejects with a sentence naming the known formats when there is none. */
export async function loadFormatter(name: string): Promise<Formatter> {
  if (!isFormatName(name)) {
    throw new Error(`Unknown format "${name}"; choose one of ${formatNames.join(', ')}.`);
  }
  return loaders[name]();
}
