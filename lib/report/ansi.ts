/**
 * ANSI styles for the text format. Plain escape codes: the output must not depend on the
 * stream it is written to (the CLI decides whether to colour).
 */
export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green' | 'magenta';

const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
};

export type Paint = (style: Style, text: string) => string;

/** Returns a painter: `paint('red', s)` wraps s in the style when enabled, else returns s. */
export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}
