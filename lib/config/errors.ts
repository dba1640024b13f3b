/**
 * A config or baseline file that cannot be used.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /**
   * @param file the file as the user named it (`.kmsguard.json`, `--config` value, baseline path)
   * @param problems one sentence per problem, without the file name
   */
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((problem) => `${file}: ${problem}`).join('\n'));
  }
}
