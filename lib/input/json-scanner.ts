/**
 * Finds where one JSON value ends in a text, or where and why it is not valid JSON.
 *
 * JSON.parse reads a whole string and, on failure, does not always say where. This scanner
 * checks the JSON grammar (RFC 8259) from an offset without building any value, so the reader
 * can split a stream of several documents and point at the first error. It keeps its own
 * stack, so nesting depth is bounded by memory only.
 */

export type ScanResult =
  | { readonly ok: true; readonly end: number }
  /** `offset` is where the error is; at `text.length` when the text ends inside the value. */
  | { readonly ok: false; readonly offset: number; readonly expected: string };

const enum Char {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const enum Expect {
  Value,
  FirstElementOrClose,
  FirstKeyOrClose,
  Key,
  Colon,
  AfterValue,
}

const IN_ARRAY = 0;
const IN_OBJECT = 1;

export function isJsonWhitespace(code: number): boolean {
  return code === Char.Space || code === Char.LineFeed || code === Char.CarriageReturn || code === Char.Tab;
}

export function skipWhitespace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isJsonWhitespace(text.charCodeAt(i))) i += 1;
  return i;
}

function isDigit(code: number): boolean {
  return code >= Char.Zero && code <= Char.Nine;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

type Step = number | { readonly offset: number; readonly expected: string };

const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'].map((c) => c.charCodeAt(0)));

/** From the opening quote at `start`: the offset just after the closing quote. */
function scanString(text: string, start: number): Step {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { offset: text.length, expected: "'\"' to close the string" };
    const code = text.charCodeAt(i);
    if (code === Char.Quote) return i + 1;
    if (code < Char.Space) return { offset: i, expected: 'an escaped character (control characters must be escaped inside a string)' };
    if (code === Char.Backslash) {
      const next = i + 1;
      if (next >= text.length) return { offset: text.length, expected: 'an escape sequence' };
      const escaped = text.charCodeAt(next);
      if (escaped === 0x75 /* u */) {
        for (let h = next + 1; h < next + 5; h += 1) {
          if (h >= text.length) return { offset: text.length, expected: 'four hexadecimal digits after \\u' };
          if (!isHexDigit(text.charCodeAt(h))) return { offset: h, expected: 'four hexadecimal digits after \\u' };
        }
        i = next + 5;
      } else if (ESCAPABLE.has(escaped)) {
        i = next + 1;
      } else {
        return { offset: next, expected: 'a valid escape sequence (one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)' };
      }
    } else {
      i += 1;
    }
  }
}

function scanDigits(text: string, start: number): Step {
  if (start >= text.length) return { offset: text.length, expected: 'a digit' };
  if (!isDigit(text.charCodeAt(start))) return { offset: start, expected: 'a digit' };
  let i = start + 1;
  while (i < text.length && isDigit(text.charCodeAt(i))) i += 1;
  return i;
}

/** From `start` (a minus sign or a digit): the offset just after the number. */
function scanNumber(text: string, start: number): Step {
  let i = start;
  if (text.charCodeAt(i) === Char.Minus) i += 1;
  if (text.charCodeAt(i) === Char.Zero) {
    i += 1;
  } else {
    const integer = scanDigits(text, i);
    if (typeof integer !== 'number') return integer;
    i = integer;
  }
  if (text.charCodeAt(i) === Char.Dot) {
    const fraction = scanDigits(text, i + 1);
    if (typeof fraction !== 'number') return fraction;
    i = fraction;
  }
  const exponentMark = text.charCodeAt(i);
  if (exponentMark === Char.LowerE || exponentMark === Char.UpperE) {
    i += 1;
    const sign = text.charCodeAt(i);
    if (sign === Char.Plus || sign === Char.Minus) i += 1;
    const exponent = scanDigits(text, i);
    if (typeof exponent !== 'number') return exponent;
    i = exponent;
  }
  return i;
}

const LITERALS = ['true', 'false', 'null'];

function scanLiteral(text: string, start: number): Step {
  for (const literal of LITERALS) {
    if (literal.charCodeAt(0) !== text.charCodeAt(start)) continue;
    for (let k = 1; k < literal.length; k += 1) {
      if (start + k >= text.length) return { offset: text.length, expected: `'${literal}'` };
      if (text.charCodeAt(start + k) !== literal.charCodeAt(k)) return { offset: start, expected: 'a JSON value' };
    }
    return start + literal.length;
  }
  return { offset: start, expected: 'a JSON value' };
}

function scanScalar(text: string, start: number, code: number): Step {
  if (code === Char.Quote) return scanString(text, start);
  if (code === Char.Minus || isDigit(code)) return scanNumber(text, start);
  return scanLiteral(text, start);
}

/** Whether a JSON value can start with this character. */
export function startsJsonValue(code: number): boolean {
  return (
    code === Char.OpenBrace ||
    code === Char.OpenBracket ||
    code === Char.Quote ||
    code === Char.Minus ||
    isDigit(code) ||
    code === 0x74 /* t */ ||
    code === 0x66 /* f */ ||
    code === 0x6e /* n */
  );
}

/** Scans the JSON value starting at `start` (which must not be whitespace). */
export function scanJsonValue(text: string, start: number): ScanResult {
  const containers: number[] = [];
  let expect = Expect.Value;
  let i = start;
  for (;;) {
    if (expect === Expect.AfterValue && containers.length === 0) return { ok: true, end: i };
    i = skipWhitespace(text, i);
    if (i >= text.length) return { ok: false, offset: text.length, expected: expectedFor(expect, containers) };
    const code = text.charCodeAt(i);
    switch (expect) {
      case Expect.FirstElementOrClose:
      case Expect.Value:
        if (expect === Expect.FirstElementOrClose && code === Char.CloseBracket) {
          containers.pop();
          i += 1;
          expect = Expect.AfterValue;
        } else if (code === Char.OpenBrace) {
          containers.push(IN_OBJECT);
          i += 1;
          expect = Expect.FirstKeyOrClose;
        } else if (code === Char.OpenBracket) {
          containers.push(IN_ARRAY);
          i += 1;
          expect = Expect.FirstElementOrClose;
        } else if (!startsJsonValue(code)) {
          return { ok: false, offset: i, expected: expectedFor(expect, containers) };
        } else {
          const step = scanScalar(text, i, code);
          if (typeof step !== 'number') return { ok: false, ...step };
          i = step;
          expect = Expect.AfterValue;
        }
        break;
      case Expect.FirstKeyOrClose:
      case Expect.Key:
        if (expect === Expect.FirstKeyOrClose && code === Char.CloseBrace) {
          containers.pop();
          i += 1;
          expect = Expect.AfterValue;
        } else if (code === Char.Quote) {
          const step = scanString(text, i);
          if (typeof step !== 'number') return { ok: false, ...step };
          i = step;
          expect = Expect.Colon;
        } else {
          return { ok: false, offset: i, expected: expectedFor(expect, containers) };
        }
        break;
      case Expect.Colon:
        if (code !== Char.Colon) return { ok: false, offset: i, expected: expectedFor(expect, containers) };
        i += 1;
        expect = Expect.Value;
        break;
      case Expect.AfterValue: {
        const inObject = containers[containers.length - 1] === IN_OBJECT;
        if (code === Char.Comma) {
          i += 1;
          expect = inObject ? Expect.Key : Expect.Value;
        } else if (code === (inObject ? Char.CloseBrace : Char.CloseBracket)) {
          containers.pop();
          i += 1;
        } else {
          return { ok: false, offset: i, expected: expectedFor(expect, containers) };
        }
        break;
      }
    }
  }
}

function expectedFor(expect: Expect, containers: readonly number[]): string {
  switch (expect) {
    case Expect.Value:
      return 'a JSON value';
    case Expect.FirstElementOrClose:
      return "a JSON value or ']'";
    case Expect.FirstKeyOrClose:
      return "a property name in double quotes or '}'";
    case Expect.Key:
      return 'a property name in double quotes';
    case Expect.Colon:
      return "':' after the property name";
    case Expect.AfterValue:
      return containers[containers.length - 1] === IN_OBJECT ? "',' or '}' after the property value" : "',' or ']' after the array element";
  }
}
