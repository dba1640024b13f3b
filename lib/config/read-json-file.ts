/**
 * Reads a small JSON file (config, baseline), turning every failure into one sentence.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from './errors.js';

const BOM = '\uFEFF';

/** What a file is, for messages: "config file", "baseline file". */
type FileRole = 'config file' | 'baseline file';

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
  if (text.trim() === '') throw new ConfigError(name, [`The ${role} is empty.`]);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(name, [syntaxProblem(text, (error as Error).message, role)]);
  }
}

/** JSON.parse's message with its character offset turned into a line and column. */
function syntaxProblem(text: string, message: string, role: FileRole): string {
  const position = /at position (\d+)/.exec(message);
  const what = message.replace(/ in JSON at position \d+.*$/s, '').replace(/\.$/, '');
  if (position === null) return `The ${role} is not valid JSON (${what}).`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `The ${role} is not valid JSON at line ${line}, column ${column} (${what}).`;
}
