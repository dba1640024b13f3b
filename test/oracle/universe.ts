/**
 * The finite set of candidate key ARNs the oracle tries, and why it is enough.
 *
 * A key ARN is K = `arn:aws:kms:R:A:key/I` where the region R, account A and key id I are
 * non-empty and contain no `:` or `/`, and no `*`, `?` or `$` (glob.ts: an item needing one of
 * them matches no key). K therefore has exactly seven segments (arn, aws, kms, R, A, key, I)
 * and six delimiters (`:::::/`).
 *
 * 0. Readings (glob.ts). The oracle judges a policy as globs without variables: per
 *    item, under the document's Version, the value of `${aws:PrincipalAccount}` (one account P
 *    for the whole policy) and the item's place (matching more allows more, or less). An item
 *    then matches no key (it needs a character no key holds, or holds a per-request variable
 *    where matching less allows more), or reads as the vocabulary pattern with every per-request
 *    variable as `*` and P as its value. So the globs are the "P-free" globs (the vocabulary's
 *    patterns, per-request variables as `*`, without P) and, for items with P, those with P's
 *    value p in place of a marker. The vocabulary writes P only as a whole account segment.
 * 1. Decomposition. Take any glob p. In a match of p against K every literal `:` or `/` of p
 *    meets one of K's delimiters, in order; every other delimiter of K is swallowed by a `*` or
 *    a `?` of p. So a match is: an increasing map from p's literal delimiters to K's delimiters,
 *    plus, inside each piece of p between mapped delimiters, a choice of the `*`/`?` that
 *    swallows each unmapped delimiter. Once those finitely many choices are fixed, the match
 *    splits into independent conditions "segment s matches sub-pattern g" (the atoms), one per
 *    segment. `atomsFor` lists every atom that can fall on R, A or I for every P-free glob.
 *    Hence whether K matches a P-free glob is a fixed boolean function of which atoms R, A and
 *    I each satisfy. P's marker is a piece of its own (a whole segment between two literal
 *    delimiters); `atomsFor` finds that it can only fall on A, alone (on a fixed segment it
 *    would have to be `arn`, `aws`, `kms` or `key`, which are not 12 digits), and
 *    `buildUniverse` refuses a vocabulary where it could fall elsewhere. So a glob with P = p
 *    adds exactly one atom: "A equals p".
 * 2. Spelled-out values. Whether R, A or I is spelled out in a policy only asks whether it
 *    equals one of the values the policy's items spell (wildcard-free segments, or for A a run
 *    of 12 literal digits: `writtenAccounts`). Under a reading those are listed words (what the
 *    vocabulary's items spell without P, Version 2012-10-17: `words`), p, or segments that only
 *    the literal reading of another Version gives (`username}` from `${aws:username}`).
 * 3. So everything the oracle asks of a key (which globs match it, which of its parts are
 *    spelled out, which ResourceAccount value is its account) depends on the triple of
 *    "profiles": for each of R, A, I, which atoms of that position it satisfies and which
 *    listed word it equals; and on p and the unlisted words. Positions vary independently, so
 *    a universe that holds, per position, one value for every achievable profile, and all
 *    combinations of them, answers every "is there a key such that..." question exactly, with
 *    two provisos settled in points 6 and 7.
 * 4. Completeness per position. Characters that appear in no atom and no word are
 *    interchangeable (only `*` and `?` match them), so the alphabet is the characters used plus
 *    one fresh character. The profile of a string is a function of the state of a finite
 *    automaton (the live positions of every atom, the matched prefix of every word).
 *    Breadth-first search over that automaton reaches every reachable state, so it finds a
 *    shortest non-empty witness for every achievable profile.
 * 5. Accounts. An account id is exactly 12 decimal digits, so the account position is searched
 *    over the digits used plus one fresh digit, with the number of digits written (at most 12)
 *    added to the automaton state; only 12-digit texts are witnesses. A per-request variable
 *    is `*` wherever it may stand in an account (`1111${x}` is `1111*`).
 * 6. Unlisted words. A spelled-out part only ever narrows a key: the scopes ask for an allowed
 *    key with some part not spelled out, and a grant limited to named keys reaches no key with
 *    one. Take any key k, and k' with each of R and I replaced by the universe's witness of its
 *    profile: k' matches the same globs, and none of its parts is spelled out unless k's is,
 *    provided no R or I witness is an unlisted word (p included: `buildUniverse` checks that no
 *    R or I witness is 12 digits unless listed, and that no witness is a word of the literal
 *    reading). So keys whose R or I is an unlisted word need no candidate of their own; an
 *    account that is one is p (point 7), as the literal reading's words are not 12 digits.
 * 7. ${aws:PrincipalAccount}. The verdict is the widest over every account P may be. Accounts
 *    p and p' with the same profile (over the P-free atoms and listed words of A) give the same
 *    verdict: over keys whose R and I are witnesses (enough, by point 6, and none of them is p
 *    or p'), swapping p and p' in every key's account maps what the policy allows and spells
 *    under P = p onto what it does under P = p' (the P-free atoms and words do not tell p from
 *    p', and the atom "A equals p" turns into "A equals p'"). So P ranges over one witness per
 *    achievable profile of A (`principalAccounts`). Under P = p a key's account has one more
 *    thing asked of it, "equals p"; an account of p's profile other than p needs a candidate of
 *    its own, so the account position holds two witnesses of every profile that has two
 *    members (a listed word's profile has one: the word). The breadth-first search finds them:
 *    a state that two texts reach is marked as it is reached the second time, and the mark is
 *    passed on (layers are strict, the text's length being part of the state).
 *
 * The self-test in oracle.test.ts also checks step 1 the other way round: random keys built from
 * fragments never show a combination of glob matches that the universe lacks.
 */
import {
  accepts,
  globRegExp,
  isPrincipalAccount,
  patternTokens,
  QMARK,
  readItem,
  spelledSegments,
  STAR,
  startPositions,
  stepPositions,
  writtenAccounts,
  type GlobToken,
  type PatternToken,
  type Positions,
} from './glob.js';
import { RESOURCE_PATTERNS } from './vocabulary.js';

/** Segment indexes in a key ARN. */
const SEGMENTS = ['arn', 'aws', 'kms', 'R', 'A', 'key', 'I'] as const;
const DELIMITERS = [':', ':', ':', ':', ':', '/'] as const;
export type Position = 'R' | 'A' | 'I';
const POSITIONS: readonly Position[] = ['R', 'A', 'I'];

/** `${aws:PrincipalAccount}` in a glob whose value is not fixed yet: twelve digits, as one token. */
export const PRINCIPAL = Symbol('${aws:PrincipalAccount}');
export type UniverseToken = GlobToken | typeof PRINCIPAL;

const isDelimiter = (t: UniverseToken): boolean => t === ':' || t === '/';
const isAbsorber = (t: UniverseToken): boolean => t === STAR || t === QMARK;

/** All increasing maps from `count` pattern delimiters to K's delimiter indexes (0..5), same character. */
function delimiterMaps(delims: readonly UniverseToken[]): number[][] {
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
function pieceAtoms(piece: readonly UniverseToken[], first: number, last: number, emit: (segment: number, atom: UniverseToken[]) => void): void {
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

/** Whether a piece can be a whole fixed segment (arn, aws, kms, key): P's twelve digits never are. */
function fitsFixedSegment(piece: readonly UniverseToken[], segment: string): boolean {
  return !piece.includes(PRINCIPAL) && globRegExp(piece as GlobToken[], false).test(segment);
}

/** Every atom glob `tokens` can put on segments R, A, I. */
export function atomsFor(tokens: readonly UniverseToken[], emit: (position: Position, atom: UniverseToken[]) => void): void {
  const delimAt = tokens.flatMap((t, i) => (isDelimiter(t) ? [i] : []));
  const pieces: UniverseToken[][] = [];
  let start = 0;
  for (const i of delimAt) {
    pieces.push(tokens.slice(start, i));
    start = i + 1;
  }
  pieces.push(tokens.slice(start));
  const onSegment = (segment: number, atom: UniverseToken[]) => {
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
      first < last ? !piece.some(isAbsorber) : !POSITIONS.includes(SEGMENTS[first] as Position) && !fitsFixedSegment(piece, SEGMENTS[first]!),
    );
    if (impossible) continue;
    for (const { piece, first, last } of spans) pieceAtoms(piece, first, last, onSegment);
  }
}

/**
 * The glob a vocabulary item reads as where matching more allows more, Version 2012-10-17, with
 * P's marker for `${aws:PrincipalAccount}`; undefined when it matches no key whatever the reading.
 */
export function markedGlob(tokens: readonly PatternToken[]): UniverseToken[] | undefined {
  const out: UniverseToken[] = [];
  for (const t of tokens) {
    const glob: UniverseToken[] | undefined = isPrincipalAccount(t) ? [PRINCIPAL] : readItem([t], { widens: true });
    if (glob === undefined) return undefined;
    out.push(...glob);
  }
  return out;
}

export interface PositionUniverse {
  readonly atoms: readonly (readonly GlobToken[])[];
  readonly words: readonly string[];
  /** A shortest witness of every achievable profile, then (for accounts) a second one where the profile has two members. */
  readonly values: readonly string[];
  /** The first witness of each profile, in the order of `values`. */
  readonly firstWitnesses: readonly string[];
  readonly statesExplored: number;
}

const FRESH_CANDIDATES = ['Z', 'q', 'x', '#', '%', '~'];
const ACCOUNT_DIGITS = 12;
/** Characters no key holds (glob.ts): never in a witness. */
const NO_KEY = new Set(['*', '?', '$', ':', '/']);

/**
 * Breadth-first search for a witness of every achievable profile over `atoms` and `words`. With
 * `accountIds`, only 12-digit account ids are witnesses, and a profile with two members gets two.
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
    alphabet = [...used, fresh].filter((c) => !NO_KEY.has(c));
  }

  interface State {
    readonly text: string;
    /** For accounts: another text reaching the same state, if one does. */
    alternative?: string;
    readonly live: readonly Positions[];
    /** Per word: characters matched so far, or -1 once the text left it. */
    readonly wordAt: readonly number[];
  }
  const keyOf = (s: State) => `${s.live.map((p) => p.join(',')).join('|')}#${s.wordAt.join(',')}#${accountIds ? s.text.length : ''}`;
  const profileOf = (s: State) =>
    s.live.map((p, i) => (accepts(atoms[i]!, p) ? '1' : '0')).join('') + '/' + s.wordAt.map((n, i) => (n === wordChars[i]!.length ? '1' : '0')).join('');

  const wordChars = words.map((w) => [...w]);
  const initial: State = { text: '', live: atoms.map((a) => startPositions(a)), wordAt: words.map(() => 0) };
  const seen = new Map([[keyOf(initial), initial]]);
  const witnesses = new Map<string, string[]>();
  let frontier = [initial];
  while (frontier.length > 0) {
    const next: State[] = [];
    for (const state of frontier) {
      if (accountIds && state.text.length === ACCOUNT_DIGITS) continue;
      for (const ch of alphabet) {
        const moved: State = {
          text: state.text + ch,
          ...(state.alternative !== undefined ? { alternative: state.alternative + ch } : {}),
          live: state.live.map((p, i) => stepPositions(atoms[i]!, p, ch)),
          wordAt: state.wordAt.map((n, i) => (n >= 0 && wordChars[i]![n] === ch ? n + 1 : -1)),
        };
        const key = keyOf(moved);
        const reached = seen.get(key);
        if (reached) {
          // A second text reaching a state of the next layer (accounts only: it is not expanded yet).
          if (accountIds && reached.alternative === undefined) reached.alternative = moved.text;
          continue;
        }
        seen.set(key, moved);
        next.push(moved);
      }
    }
    for (const state of next) {
      if (accountIds && state.text.length !== ACCOUNT_DIGITS) continue;
      const found = witnesses.get(profileOf(state)) ?? [];
      witnesses.set(profileOf(state), found);
      for (const text of accountIds ? [state.text, state.alternative] : [state.text]) {
        if (text !== undefined && found.length < (accountIds ? 2 : 1)) found.push(text);
      }
    }
    frontier = next;
  }
  const lists = [...witnesses.values()];
  return {
    atoms,
    words,
    values: [...lists.map((l) => l[0]!), ...lists.flatMap((l) => l.slice(1))],
    firstWitnesses: lists.map((l) => l[0]!),
    statesExplored: seen.size,
  };
}

export interface Universe {
  readonly positions: Readonly<Record<Position, PositionUniverse>>;
  /** The accounts `${aws:PrincipalAccount}` is judged as: one of every profile (point 7). */
  readonly principalAccounts: readonly string[];
  /** Every candidate key, as its three parts. */
  readonly keys: readonly { readonly r: string; readonly a: string; readonly i: string; readonly arn: string }[];
}

function uniqueAtoms(atoms: GlobToken[][]): GlobToken[][] {
  const byText = new Map<string, GlobToken[]>();
  for (const atom of atoms) {
    const key = atom.map((t) => (t === STAR ? '\u0001' : t === QMARK ? '\u0002' : t)).join('');
    byText.set(key, atom);
  }
  return [...byText.values()];
}

export function buildUniverse(patterns: readonly string[] = RESOURCE_PATTERNS): Universe {
  const atoms: Record<Position, GlobToken[][]> = { R: [], A: [], I: [] };
  const words = new Set<string>();
  const literalWords = new Set<string>();
  for (const pattern of patterns) {
    const tokens = patternTokens(pattern, true);
    const glob = markedGlob(tokens);
    if (glob !== undefined) {
      atomsFor(glob, (position, atom) => {
        if (!atom.includes(PRINCIPAL)) return void atoms[position].push(atom as GlobToken[]);
        if (position !== 'A' || atom.length !== 1) throw new Error(`${pattern}: \${aws:PrincipalAccount} is not a whole account segment`);
      });
    }
    for (const w of [...spelledSegments(tokens), ...writtenAccounts(tokens)]) words.add(w);
    const text = patternTokens(pattern, false);
    for (const w of [...spelledSegments(text), ...writtenAccounts(text)]) literalWords.add(w);
  }
  const wordList = [...words].sort();
  const positions = Object.fromEntries(POSITIONS.map((p) => [p, searchProfiles(uniqueAtoms(atoms[p]), wordList, p === 'A')])) as Record<
    Position,
    PositionUniverse
  >;
  // Point 6: no R or I witness is a value only a reading spells (an account P may be, a word of
  // the literal reading), and no account is a word of the literal reading.
  for (const position of POSITIONS) {
    for (const value of positions[position].values) {
      if (words.has(value)) continue;
      if ((position !== 'A' && /^[0-9]{12}$/.test(value)) || literalWords.has(value))
        throw new Error(`${position} witness ${value} is a value only a reading spells`);
    }
  }
  const keys: { r: string; a: string; i: string; arn: string }[] = [];
  for (const r of positions.R.values)
    for (const a of positions.A.values) for (const i of positions.I.values) keys.push({ r, a, i, arn: `arn:aws:kms:${r}:${a}:key/${i}` });
  return { positions, principalAccounts: positions.A.firstWitnesses, keys };
}
