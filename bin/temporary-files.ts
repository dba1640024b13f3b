/**
 * Temporary files the command line made (a spooled copy of standard input, which holds the
 * plan's sensitive values): removed when the process exits, and on SIGINT or SIGTERM, after which
 * the process exits with the conventional 130 or 143.
 */

const removers: (() => void)[] = [];
let installed = false;

function removeAll(): void {
  for (const remove of removers.splice(0)) {
    try {
      remove();
    } catch {
      // Best effort: the next one still goes.
    }
  }
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Removes the file (with `remove`) when the process ends, however it ends short of SIGKILL. */
export function removeOnExit(remove: () => void): void {
  removers.push(remove);
  if (installed) return;
  installed = true;
  process.once('exit', removeAll);
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.once(signal, () => {
      removeAll();
      process.exit(code);
    });
  }
}
