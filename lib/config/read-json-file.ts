/**
 * Reads a small JSON file (config, baseline), turning every failure into one sentence.
 */
import { isUtf8 } from 'node:buffer';
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
  let bytes: Buffer;
  try {
    bytes = await readFile(location);
  } catch (error) {
    throw new ConfigError(name, [readFailure(error as NodeJS.ErrnoException, role)]);
  }
  const decoded = decodeFile(bytes, role);
  if ('problem' in decoded) throw new ConfigError(name, [decoded.problem]);
  let { text } = decoded;
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  if (text.trim() === '') throw new ConfigError(name, [`The ${role} is empty.`]);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(name, [syntaxProblem(text, (error as Error).message, role)]);
  }
}

/**
 * The file's text: UTF-8, or UTF-16 with a byte order mark (what Windows PowerShell's `>` writes,
 * as in `kmsguard baseline plan.json > .kmsguard-baseline.json`).
 */
function decodeFile(bytes: Buffer, role: FileRole): { text: string } | { problem: string } {
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (littleEndian || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0) return { problem: `The ${role} is UTF-16 text with an odd number of bytes, so it is cut short.` };
    // swap16 works in place: swap a copy.
    return { text: (littleEndian ? body : Buffer.from(body).swap16()).toString('utf16le') };
  }
  if (!isUtf8(bytes)) return { problem: `The ${role} is not UTF-8 text (nor UTF-16 with a byte order mark).` };
  return { text: bytes.toString('utf8') };
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
