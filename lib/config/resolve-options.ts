/**
 * Defaults < config file < command line: one Options object, and where each setting came from.
 */
import type { Options } from '../types.js';
import type { LoadedConfig } from './load-config.js';

/** The settings a config file or the command line can give, in the order `kmsguard config` shows them. */
export const SETTINGS = [
  'rules',
  'blockedActions',
  'failOn',
  'conditions',
  'partition',
  'strict',
  'onlyNew',
  'baseline',
  'suppressions',
  'sourceRoot',
  'inlineIgnores',
] as const;

export type Setting = (typeof SETTINGS)[number];

/** `default`, `command line`, or the config file's name. */
export type Origin = string;

export const DEFAULT_ORIGIN = 'default';
export const COMMAND_LINE_ORIGIN = 'command line';

export interface ResolvedOptions {
  readonly options: Options;
  /** Where each setting's value came from. */
  readonly origins: Readonly<Record<Setting, Origin>>;
  /** The config file used, if any. */
  readonly file?: string;
}

export function resolveOptions(defaults: Options, config: LoadedConfig | undefined, commandLine: Partial<Options>): ResolvedOptions {
  const merged: Record<string, unknown> = { ...defaults };
  const origins = {} as Record<Setting, Origin>;
  for (const setting of SETTINGS) origins[setting] = DEFAULT_ORIGIN;
  const layers: [Partial<Options>, Origin][] = [
    [config?.settings ?? {}, config?.file ?? DEFAULT_ORIGIN],
    [commandLine, COMMAND_LINE_ORIGIN],
  ];
  for (const [values, origin] of layers) {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      merged[key] = value;
      if ((SETTINGS as readonly string[]).includes(key)) origins[key as Setting] = origin;
      // --skip-rule and --principals change which rules are in effect.
      if (key === 'skipRules' || key === 'principals') origins.rules = origin;
    }
  }
  return { options: merged as unknown as Options, origins, ...(config ? { file: config.file } : {}) };
}
