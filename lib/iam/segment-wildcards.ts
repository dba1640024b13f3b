/**
 * A Resource pattern read where matching less allows more: in a Deny's Resource, and in an
 * Allow's NotResource (a permissions boundary's too).
 *
 * AWS documents its ARN wildcards per segment (the parts between `:`): `*` and `?` match within
 * a segment, and a `*` that is the last character of its segment (before a `:` or at the end)
 * may run on across `:`. So `?` never matches a `:`, and neither does a `*` with more of its
 * segment after it. Where matching more allows more (an Allow's Resource, a Deny's NotResource)
 * kmsguard lets every wildcard run across `:`, which matches at least as much. Where matching
 * less allows more it reads the pattern per segment, which matches no more than AWS documents,
 * so that such a pattern never removes a key AWS might still allow.
 *
 * Key ARNs hold exactly five `:`, so on them the per-segment reading of a pattern with fewer is
 * the union of its expansions with exactly five: each `*` that ends its segment written as
 * `*:*...` with some of the missing `:` (no wildcard of such an expansion can match a `:` of a
 * key ARN, all five being spelled). A pattern with five or more `:`, or with no `?` and only
 * segment-ending `*`, reads the same either way and is kept as it is.
 */
import { QMARK, STAR, literalTokens, type Token } from './glob.js';

const [COLON] = literalTokens(':') as [Token];
const KEY_ARN_COLONS = 5;

/** Positions of the `*` that end their segment (before a `:` or at the end). */
function segmentEndingStars(tokens: readonly Token[]): number[] {
  const at: number[] = [];
  tokens.forEach((t, i) => {
    if (t === STAR && (i === tokens.length - 1 || tokens[i + 1] === COLON)) at.push(i);
  });
  return at;
}

/** Every way to share `total` among `slots` (each a count >= 0). */
function shares(total: number, slots: number): number[][] {
  if (slots === 1) return [[total]];
  const out: number[][] = [];
  for (let first = 0; first <= total; first++) for (const rest of shares(total - first, slots - 1)) out.push([first, ...rest]);
  return out;
}

/**
 * Patterns whose union matches, on key ARNs, exactly the key ARNs the pattern matches read per
 * segment; empty when it matches none so read.
 */
export function segmentReadings(tokens: readonly Token[]): Token[][] {
  const colons = tokens.filter((t) => t === COLON).length;
  const ending = segmentEndingStars(tokens);
  const crossesOnlyAtSegmentEnds = tokens.every((t, i) => t !== QMARK && (t !== STAR || ending.includes(i)));
  if (colons >= KEY_ARN_COLONS || crossesOnlyAtSegmentEnds) return [[...tokens]];
  if (ending.length === 0) return [];
  return shares(KEY_ARN_COLONS - colons, ending.length).map((share) => {
    const out: Token[] = [];
    tokens.forEach((t, i) => {
      out.push(t);
      const n = ending.indexOf(i);
      for (let k = 0; n >= 0 && k < share[n]!; k++) out.push(COLON, STAR);
    });
    return out;
  });
}
