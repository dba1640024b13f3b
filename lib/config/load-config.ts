/**
 * Finds, reads and validates the config file: `--config FILE`, else `.kmsguard.json` in the
 * working directory (which may be absent).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expandBlockedActions } from '../iam/index.js';
import type { FailOn, Options, Scope, SuppressionRule } from '../types.js';
import { ConfigError } from './errors.js';
import { readJsonFile } from './read-json-file.js';
import { schemaProblems } from './schema-validator.js';

export const DEFAULT_CONFIG_FILE = '.kmsguard.json';

/** The config file as written (after schema validation). */
export interface ConfigFile {
  readonly $schema?: string;
  readonly rules?: readonly string[];
  readonly principals?: boolean;
  readonly blockedActions?: readonly string[];
  readonly failOn?: FailOn;
  readonly conditions?: Options['conditions'];
  readonly partition?: Options['partition'];
  readonly strict?: boolean;
  readonly onlyNew?: boolean;
  readonly baseline?: string;
  readonly sourceRoot?: string;
  readonly inlineIgnores?: boolean;
  readonly suppressions?: readonly {
    readonly address: string;
    readonly reason: string;
    readonly expires?: string;
    readonly resourceType?: string;
    readonly scope?: Scope;
    readonly ruleId?: string;
  }[];
}

/** The settings a config file gives, and its name as the user knows it. */
export interface LoadedConfig {
  readonly file: string;
  readonly settings: Partial<Options>;
}

export interface ConfigLocation {
  /** Directory holding the default `.kmsguard.json`; relative `file` paths resolve from it. */
  readonly cwd: string;
  /** `--config FILE`: must exist. */
  readonly file?: string;
}

/** One sentence per blocked action pattern that matches no KMS action. */
function blockedActionProblems(patterns: readonly string[]): string[] {
  const problems: string[] = [];
  patterns.forEach((pattern, index) => {
    if ('error' in expandBlockedActions([pattern])) {
      problems.push(
        `/blockedActions/${index} (${JSON.stringify(pattern)}) matches no KMS action; patterns are globs over KMS action names, e.g. kms:ReEncrypt*.`,
      );
    }
  });
  return problems;
}

/**
 * The config file's values as Options: suppressions remember the file (`file`, for warnings),
 * a relative baseline path is taken from the config file's directory `directory`.
 */
function settingsOf(config: ConfigFile, file: string, directory: string): Partial<Options> {
  const { $schema: _schema, suppressions, baseline, sourceRoot, ...plain } = config;
  return {
    ...plain,
    ...(suppressions !== undefined ? { suppressions: suppressions.map((entry): SuppressionRule => ({ ...entry, source: file })) } : {}),
    ...(baseline !== undefined ? { baseline: path.isAbsolute(baseline) ? baseline : path.join(directory, baseline) } : {}),
    ...(sourceRoot !== undefined ? { sourceRoot: path.isAbsolute(sourceRoot) ? sourceRoot : path.join(directory, sourceRoot) } : {}),
  };
}

/** Validates a parsed config document; throws ConfigError listing every problem. */
export async function validateConfig(value: unknown, file: string): Promise<ConfigFile> {
  const problems = await schemaProblems('config', value);
  if (problems.length === 0) {
    const config = value as ConfigFile;
    problems.push(...blockedActionProblems(config.blockedActions ?? []));
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return value as ConfigFile;
}

/** The config in effect, or undefined when no `--config` is given and no `.kmsguard.json` exists. */
export async function loadConfig(location: ConfigLocation): Promise<LoadedConfig | undefined> {
  const file = location.file ?? DEFAULT_CONFIG_FILE;
  const absolute = path.resolve(location.cwd, file);
  if (location.file === undefined && !existsSync(absolute)) return undefined;
  const value = await readJsonFile(absolute, 'config file', file);
  const config = await validateConfig(value, file);
  // Paths stay relative (and readable in messages) when the config is found from the process's own directory.
  const directory = path.resolve(location.cwd) === process.cwd() ? path.dirname(file) : path.dirname(absolute);
  return { file, settings: settingsOf(config, file, directory) };
}
