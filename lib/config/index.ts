/**
 * Config file + command line -> one validated Options object; baseline files.
 */
export { ConfigError } from './errors.js';
export { DEFAULT_CONFIG_FILE, loadConfig, validateConfig } from './load-config.js';
export type { ConfigFile, ConfigLocation, LoadedConfig } from './load-config.js';
export { COMMAND_LINE_ORIGIN, DEFAULT_ORIGIN, resolveOptions, SETTINGS } from './resolve-options.js';
export type { Origin, ResolvedOptions, Setting } from './resolve-options.js';
export { effectiveConfig } from './effective-config.js';
export type { EffectiveConfig } from './effective-config.js';
export { readBaselineFile } from './baseline-file.js';
