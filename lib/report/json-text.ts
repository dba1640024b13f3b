/**
 * JSON text for the machine-readable formats (json, sarif, gitlab, baselines, patches shown in
 * markdown). JSON.stringify writes a lone surrogate as a `\udXXX` escape, which strict parsers
 * (jq, serde_json) reject and I-JSON (RFC 7493) forbids: each becomes U+FFFD, the character
 * Unicode decoders put in its place. What a terminal or CI log would act on (C1 controls, line
 * and paragraph separators, bidi controls, the `#` of `##[`) is written as a `\uXXXX` escape,
 * which every parser reads back as the same character.
 */
const HAZARD = /\\(?:\\|u(d[89a-f][0-9a-f]{2}))|[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|#(?=#\[)/g;

function neutralised(match: string, loneSurrogate: string | undefined): string {
  if (loneSurrogate !== undefined) return '\ufffd';
  // An escaped backslash: consumed whole, so a `\\` before `ud800` text is not read as an escape.
  if (match === '\\\\') return match;
  return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `JSON.stringify(value, null, indent)`, made valid UTF-8 for strict parsers and safe to print.
 * JSON.stringify writes well-formed surrogate pairs as characters, so every `\udXXX` escape it
 * writes is a lone surrogate.
 */
export function jsonText(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(HAZARD, neutralised);
}
