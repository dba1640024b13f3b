/**
 * Reads a small JSON file (config, baseline), turning every failure into one sentence.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from './errors.js';

const BOM = '\uFEFF';

/** What a file is, for messages: "config file", "baseline file". */
export type FileRole = 'config file' | 'baseline file';

function readFailure(error: NodeJS.ErrnoException, role: FileRole): string {
  switch (error.code) {
    case 'ENOENT':
      return `The ${role} does not exist.`;
    case 'EISDIR':
      return `The ${role} is a directory, not a file.`;
    case 'EACCES':
      return `The ${role} cannot be read (permission denied).`;
    default:
      return `The ${role} cannot be read (${error.code ?? error.message}).`;
  }
}

/**
 * The parsed JSON value of the file at `location`; throws ConfigError (naming the file `name`,
 * as the user wrote it) when it cannot be read or parsed.
 */
export async function readJsonFile(location: string, role: FileRole, name: string = location): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(location, 'utf8');
  } catch (error) {
    throw new ConfigError(name, [readFailure(error as NodeJS.ErrnoException, role)]);
  }
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(name, [`The ${role} is not valid JSON (${(error as Error).message.replace(/\.$/, '')}).`]);
  }
}
