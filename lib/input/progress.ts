/**
 * Progress on large inputs, for a person watching a terminal: when to show it, what it says,
 * and how often the line is redrawn. The library only reports events; the command line decides
 * (`progressWanted`) and draws (`ProgressLine`) on standard error.
 */
import { printable } from '../report/printable.js';

export type ProgressEvent =
  /** Bytes read so far from a file or standard input. */
  | { readonly phase: 'read'; readonly source: string; readonly bytes: number }
  /** Bytes of JSON checked so far, of `total`. */
  | { readonly phase: 'scan'; readonly source: string; readonly bytes: number; readonly total: number }
  /** Resources seen in a document, and policies judged so far of those found. */
  | { readonly phase: 'judge'; readonly source: string; readonly resources: number; readonly judged: number; readonly policies: number };

export type ProgressListener = (event: ProgressEvent) => void;

/** Inputs from this size on are large enough for progress to be worth showing. */
export const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;

/** Redraw the line at most this often. */
export const PROGRESS_INTERVAL_MS = 100;

interface ProgressContext {
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Whether progress may be drawn at all: standard error is a terminal, and not one of a CI job
 * (CI systems set `CI`; some give jobs a pseudo-terminal) or a terminal that cannot redraw a line.
 */
export function progressWanted(context: ProgressContext): boolean {
  if (!context.stderrIsTTY) return false;
  const ci = context.env['CI'];
  if (ci !== undefined && ci !== '' && ci.toLowerCase() !== 'false' && ci !== '0') return false;
  if (context.env['TERM'] === 'dumb') return false;
  return true;
}

const MIB = 1024 * 1024;

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The progress line for an event, without control characters (a file name may hold them). */
export function describeProgress(event: ProgressEvent): string {
  return printable(progressText(event));
}

function progressText(event: ProgressEvent): string {
  switch (event.phase) {
    case 'read':
      return `kmsguard: ${event.source}: ${mib(event.bytes)} read`;
    case 'scan':
      return `kmsguard: ${event.source}: ${mib(event.bytes)} of ${mib(event.total)} read`;
    case 'judge':
      return `kmsguard: ${event.source}: ${count(event.resources)} resources, ${count(event.judged)} of ${count(event.policies)} policies judged`;
  }
}

/** Whether an event belongs to an input large enough to show progress for. */
export function isLargeInput(event: ProgressEvent): boolean {
  switch (event.phase) {
    case 'read':
      return event.bytes >= PROGRESS_FROM_BYTES;
    case 'scan':
      return event.total >= PROGRESS_FROM_BYTES;
    case 'judge':
      return false;
  }
}

/**
 * One line on a terminal, redrawn in place. Nothing is drawn until an event shows the input
 * is large; then the line follows the events, at most every PROGRESS_INTERVAL_MS (the last
 * event of a phase is drawn when the next phase starts). `finish` erases the line.
 */
export class ProgressLine {
  private shown = false;
  private lastDrawn = -Infinity;
  private lastPhase: ProgressEvent['phase'] | undefined;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  readonly update = (event: ProgressEvent): void => {
    if (!this.shown && !isLargeInput(event)) return;
    this.shown = true;
    const time = this.now();
    if (event.phase === this.lastPhase && time - this.lastDrawn < PROGRESS_INTERVAL_MS) return;
    this.lastPhase = event.phase;
    this.lastDrawn = time;
    this.write(`\r\u001b[2K${describeProgress(event)}`);
  };

  finish(): void {
    if (this.shown) this.write('\r\u001b[2K');
    this.shown = false;
  }
}
