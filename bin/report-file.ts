/**
 * Report files (`--format NAME:FILE`, `--output FILE`): written whole or not at all, and never
 * through a symbolic link. The repository under review may hold links (`reports -> ~/.ssh`), and
 * CI writes reports into its checkout.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CommandLineExit, describeWriteError } from './standard-streams.js';

/** `-` as a report file: standard output. */
export const STDOUT_FILE = '-';

async function lstatOrUndefined(file: string) {
  try {
    return await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Refuses a path with a symbolic link in any part that exists: each directory from the working
 * directory down (from the root for an absolute path), and the file itself. `..` steps up
 * without a check: what lies above the working directory is the user's choice, not the
 * repository's.
 */
async function refuseLinks(file: string): Promise<Stats | undefined> {
  const absolute = path.isAbsolute(file);
  let current = absolute ? path.parse(path.resolve(file)).root : process.cwd();
  const parts = path
    .normalize(absolute ? path.relative(current, path.resolve(file)) : file)
    .split(path.sep)
    .filter((part) => part !== '' && part !== '.');
  // `.`, `/`, `out/`: a name that can only be a directory.
  if (parts.length === 0 || parts.at(-1) === '..' || /[\\/]$/.test(file)) throw new CommandLineExit(`Could not write ${file}: it names a directory.`);
  for (const [index, part] of parts.entries()) {
    current = path.join(current, part);
    if (part === '..') continue;
    const stats = await lstatOrUndefined(current);
    if (stats === undefined) return undefined;
    if (stats.isSymbolicLink()) {
      const shown = index === parts.length - 1 ? 'it' : absolute ? current : path.join(...parts.slice(0, index + 1));
      throw new CommandLineExit(`Refusing to write ${file}: ${shown} is a symbolic link; give a path without one.`);
    }
    if (index === parts.length - 1 && stats.isDirectory()) throw new CommandLineExit(`Could not write ${file}: it is a directory.`);
    if (index === parts.length - 1) return stats;
  }
  return undefined;
}

/**
 * Writes `text` to a temporary file beside `file`, then renames it over `file`: a reader (or a
 * run that fails part-way) never sees a truncated report. Throws a CommandLineExit whose
 * message is one sentence.
 */
export async function writeReportFile(file: string, text: string): Promise<void> {
  const directory = path.dirname(file);
  // A short name of our own: the target's name plus a suffix could pass the file name limit.
  const temporary = path.join(directory, `.kmsguard-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const existing = await refuseLinks(file);
    // A device or named pipe (`/dev/null`) is written to as it is: renaming over it would replace it.
    if (existing !== undefined && !existing.isFile()) {
      await writeFile(file, text);
      return;
    }
    await mkdir(directory, { recursive: true });
    // `wx`: created here, never opened through something already at that name.
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    if (error instanceof CommandLineExit) throw error;
    await rm(temporary, { force: true });
    throw new CommandLineExit(`Could not write ${file}: ${describeWriteError(error)}.`);
  }
}
