/**
 * The finite set of candidate key ARNs the oracle tries, and why it is enough.
 *
 * A key ARN is K = `arn:aws:kms:R:A:key/I` where the region R, account A and key id I are
 * non-empty and contain no `:` or `/`. K therefore has exactly seven segments
 * (arn, aws, kms, R, A, key, I) and six delimiters (`:::::/`).
 *
 * 1. Decomposition. Take any Resource pattern p. In a match of p against K every literal `:`
 *    or `/` of p meets one of K's delimiters, in order; every other delimiter of K is swallowed
 *    by a `*` or a `?` of p. So a match is: an increasing map from p's literal delimiters to K's
 *    delimiters, plus, inside each piece of p between mapped delimiters, a choice of the `*`/`?`
 *    that swallows each unmapped delimiter. Once those finitely many choices are fixed, the match
 *    splits into independent conditions "segment s matches sub-pattern g" (the atoms), one per
 *    segment. `atomsFor` lists every atom that can fall on R, A or I for every vocabulary
 *    pattern. Hence whether K matches p is a fixed boolean function of which atoms R, A and I
 *    each satisfy.
 * 2. Spelled-out values. Whether R, A or I is spelled out in a policy only asks whether it
 *    equals one of the wildcard-free segments of the policy's patterns (or, for A, one of the
 *    12-digit runs they write: `writtenAccounts`), and all of those come from the vocabulary
 *    (`words`).
 * 3. So everything the oracle asks of a key (which patterns match it, which of its parts are
 *    spelled out) depends only on the triple of "profiles": for each of R, A, I, which atoms of
 *    that position it satisfies and which word it equals. Positions vary independently, so a
 *    universe that holds, per position, one value for every achievable profile, and all
 *    combinations of them, answers every "is there a key such that..." question exactly.
 * 4. Completeness per position. Characters that appear in no atom and no word are
 *    interchangeable (only `*` and `?` match them), so the alphabet is the characters used plus
 *    one fresh character. The profile of a string is a function of the state of a finite
 *    automaton (the live positions of every atom, the matched prefix of every word).
 *    Breadth-first search over that automaton reaches every reachable state, so it finds a
 *    shortest non-empty witness for every achievable profile.
 * 5. Accounts. An account id is exactly 12 decimal digits, so the account position is searched
 *    over the digits used plus one fresh digit, with the number of digits written (at most 12)
 *    added to the automaton state; only 12-digit texts are witnesses. A policy variable that
 *    the vocabulary writes as a whole account (`${aws:PrincipalAccount}`: lib/iam reads it as a
 *    run of 12 digits, one fixed value no literal digit matches) adds one candidate: its value,
 *    twelve opaque digits. Accounts that mix a run of a variable with digits need no candidate
 *    of their own: only `*` and `?` match the run's digits, as they match the fresh digit, and no
 *    pattern spells such an account, so a fresh-digit account has the same profile. The
 *    vocabulary writes no variable inside an account (`1111${x}`), where the run's length would
 *    matter.
 *
 * The self-test in oracle.test.ts also checks step 1 the other way round: random keys built from
 * fragments never show a combination of pattern matches that the universe lacks.
 */
import {
  ACCOUNT_VARIABLES,
  accepts,
  globRegExp,
  QMARK,
  resourceTokens,
  STAR,
  startPositions,
  stepPositions,
  tokensToString,
  type GlobToken,
  type Positions,
} from './glob.js';
import { RESOURCE_PATTERNS } from './vocabulary.js';

/** Segment indexes in a key ARN. */
const SEGMENTS = ['arn', 'aws', 'kms', 'R', 'A', 'key', 'I'] as const;
const DELIMITERS = [':', ':', ':', ':', ':', '/'] as const;
export type Position = 'R' | 'A' | 'I';
const POSITIONS: readonly Position[] = ['R', 'A', 'I'];

const isDelimiter = (t: GlobToken): boolean => t === ':' || t === '/';
const isAbsorber = (t: GlobToken): boolean => t === STAR || t === QMARK;

/** All increasing maps from `count` pattern delimiters to K's delimiter indexes (0..5), same character. */
function delimiterMaps(delims: readonly GlobToken[]): number[][] {
  const out: number[][] = [];
  const walk = (j: number, from: number, acc: number[]) => {
    if (j === delims.length) return void out.push([...acc]);
    for (let d = from; d < DELIMITERS.length; d++) {
      if (DELIMITERS[d] === delims[j]) walk(j + 1, d + 1, [...acc, d]);
    }
  };
  walk(0, 0, []);
  return out;
}

/**
 * The atoms when `piece` must cover segments first..last, each delimiter between them swallowed
 * by an absorber (a `*` may swallow several in a row, a `?` exactly one).
 */
function pieceAtoms(piece: readonly GlobToken[], first: number, last: number, emit: (segment: number, atom: GlobToken[]) => void): void {
  if (first === last) return void emit(first, [...piece]);
  const absorbers = piece.flatMap((t, i) => (isAbsorber(t) ? [i] : []));
  const walk = (segment: number, start: number, minAbsorber: number) => {
    if (segment === last) return void emit(segment, piece.slice(start));
    for (const c of absorbers) {
      if (c < minAbsorber) continue;
      const star = piece[c] === STAR;
      emit(segment, piece.slice(start, star ? c + 1 : c));
      // A star can swallow the next delimiter too; a `?` is used up.
      walk(segment + 1, star ? c : c + 1, star ? c : c + 1);
    }
  };
  walk(first, 0, 0);
}

/** Every atom vocabulary pattern `tokens` can put on segments R, A, I. */
export function atomsFor(tokens: readonly GlobToken[], emit: (position: Position, atom: GlobToken[]) => void): void {
  const delimAt = tokens.flatMap((t, i) => (isDelimiter(t) ? [i] : []));
  const pieces: GlobToken[][] = [];
  let start = 0;
  for (const i of delimAt) {
    pieces.push(tokens.slice(start, i) as GlobToken[]);
    start = i + 1;
  }
  pieces.push(tokens.slice(start) as GlobToken[]);
  const onSegment = (segment: number, atom: GlobToken[]) => {
    const name = SEGMENTS[segment];
    if (name === 'R' || name === 'A' || name === 'I') emit(name, atom);
  };
  for (const map of delimiterMaps(delimAt.map((i) => tokens[i]!))) {
    // Piece j runs from the segment after map[j-1] to the segment before map[j].
    const spans = pieces.map((piece, j) => ({
      piece,
      first: j === 0 ? 0 : map[j - 1]! + 1,
      last: j === map.length ? SEGMENTS.length - 1 : map[j]!,
    }));
    // Skip maps that cannot match any key: a piece over several segments without a wildcard to
    // swallow the delimiters, or a piece on a fixed segment (arn, aws, kms, key) that does not
    // match it. Keeping them would only add atoms, never lose one.
    const impossible = spans.some(({ piece, first, last }) =>
      first < last
        ? !piece.some(isAbsorber)
        : !POSITIONS.includes(SEGMENTS[first] as Position) && !globRegExp(piece, false).test(SEGMENTS[first]!),
    );
    if (impossible) continue;
    for (const { piece, first, last } of spans) pieceAtoms(piece, first, last, onSegment);
  }
}

/** Wildcard-free segments of a pattern (variables resolved): the values it spells out. */
export function spelledSegments(tokens: readonly GlobToken[]): string[] {
  const out: string[] = [];
  let current: GlobToken[] = [];
  const close = () => {
    if (current.length > 0 && !current.some(isAbsorber)) out.push(tokensToString(current));
    current = [];
  };
  for (const t of tokens) {
    if (isDelimiter(t)) close();
    else current.push(t);
  }
  close();
  return out;
}

/**
 * Accounts a pattern writes out without a segment of their own: runs of exactly 12 literal
 * digits between delimiters and wildcards (`111122223333` in `arn:aws:kms:us-east-1:111122223333*`).
 * An account has 12 digits, so a key whose account is such a run has its account written out.
 */
export function writtenAccounts(tokens: readonly GlobToken[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const t of [...tokens, STAR]) {
    if (typeof t === 'string' && !isDelimiter(t)) {
      run += t;
      continue;
    }
    if (/^[0-9]{12}$/.test(run)) out.push(run);
    run = '';
  }
  return out;
}

export interface PositionUniverse {
  readonly atoms: readonly (readonly GlobToken[])[];
  readonly words: readonly string[];
  /** One shortest witness per achievable profile. */
  readonly values: readonly string[];
  readonly statesExplored: number;
}

const FRESH_CANDIDATES = ['Z', 'q', 'x', '#', '%', '~'];
const ACCOUNT_DIGITS = 12;

/**
 * Breadth-first search for a witness of every achievable profile over `atoms` and `words`. With
 * `accountIds`, only 12-digit account ids are witnesses.
 */
export function searchProfiles(atoms: readonly (readonly GlobToken[])[], words: readonly string[], accountIds = false): PositionUniverse {
  const used = new Set<string>();
  for (const atom of atoms) for (const t of atom) if (typeof t === 'string') used.add(t);
  for (const w of words) for (const ch of w) used.add(ch);
  let alphabet: string[];
  if (accountIds) {
    const digits = [...'0123456789'];
    const freshDigit = digits.find((d) => !used.has(d));
    alphabet = [...digits.filter((d) => used.has(d)), ...(freshDigit ? [freshDigit] : [])];
  } else {
    const fresh = FRESH_CANDIDATES.find((c) => !used.has(c));
    if (fresh === undefined) throw new Error('no fresh character left');
    alphabet = [...used, fresh].filter((c) => c !== ':' && c !== '/');
  }

  interface State {
    readonly text: string;
    readonly live: readonly Positions[];
    /** Per word: characters matched so far, or -1 once the text left it. */
    readonly wordAt: readonly number[];
  }
  const keyOf = (s: State) => `${s.live.map((p) => p.join(',')).join('|')}#${s.wordAt.join(',')}#${accountIds ? s.text.length : ''}`;
  const profileOf = (s: State) =>
    s.live.map((p, i) => (accepts(atoms[i]!, p) ? '1' : '0')).join('') +
    '/' +
    s.wordAt.map((n, i) => (n === wordChars[i]!.length ? '1' : '0')).join('');

  const wordChars = words.map((w) => [...w]);
  const initial: State = { text: '', live: atoms.map((a) => startPositions(a)), wordAt: words.map(() => 0) };
  const seen = new Set([keyOf(initial)]);
  const witness = new Map<string, string>();
  let frontier = [initial];
  while (frontier.length > 0) {
    const next: State[] = [];
    for (const state of frontier) {
      if (accountIds && state.text.length === ACCOUNT_DIGITS) continue;
      for (const ch of alphabet) {
        const moved: State = {
          text: state.text + ch,
          live: state.live.map((p, i) => stepPositions(atoms[i]!, p, ch)),
          wordAt: state.wordAt.map((n, i) => (n >= 0 && wordChars[i]![n] === ch ? n + 1 : -1)),
        };
        const key = keyOf(moved);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(moved);
        if (accountIds && moved.text.length !== ACCOUNT_DIGITS) continue;
        const profile = profileOf(moved);
        if (!witness.has(profile)) witness.set(profile, moved.text);
      }
    }
    frontier = next;
  }
  return { atoms, words, values: [...witness.values()], statesExplored: seen.size };
}

export interface Universe {
  readonly positions: Readonly<Record<Position, PositionUniverse>>;
  /** Every candidate key, as its three parts. */
  readonly keys: readonly { readonly r: string; readonly a: string; readonly i: string; readonly arn: string }[];
}

function uniqueAtoms(atoms: GlobToken[][]): GlobToken[][] {
  const byText = new Map<string, GlobToken[]>();
  for (const atom of atoms) {
    // Wildcards get control characters so a literal `*` (from `${*}`) stays distinct.
    const key = atom.map((t) => (t === STAR ? '\u0001' : t === QMARK ? '\u0002' : t)).join('');
    byText.set(key, atom);
  }
  return [...byText.values()];
}

export function buildUniverse(patterns: readonly string[] = RESOURCE_PATTERNS): Universe {
  const atoms: Record<Position, GlobToken[][]> = { R: [], A: [], I: [] };
  const words = new Set<string>();
  for (const pattern of patterns) {
    const tokens = resourceTokens(pattern);
    atomsFor(tokens, (position, atom) => atoms[position].push(atom));
    for (const w of spelledSegments(tokens)) words.add(w);
    for (const w of writtenAccounts(tokens)) words.add(w);
  }
  const wordList = [...words].sort();
  const positions = Object.fromEntries(
    POSITIONS.map((p) => [p, searchProfiles(uniqueAtoms(atoms[p]), wordList, p === 'A')]),
  ) as Record<Position, PositionUniverse>;
  // An account variable's value is an account no digit string is: its own candidate (see point 5).
  const variableAccounts = [...ACCOUNT_VARIABLES.values()].filter((value) => words.has(value));
  if (variableAccounts.length > 0) positions.A = { ...positions.A, values: [...positions.A.values, ...variableAccounts] };
  const keys: { r: string; a: string; i: string; arn: string }[] = [];
  for (const r of positions.R.values)
    for (const a of positions.A.values)
      for (const i of positions.I.values) keys.push({ r, a, i, arn: `arn:aws:kms:${r}:${a}:key/${i}` });
  return { positions, keys };
}
