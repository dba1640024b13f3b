/**
 * Where each statement of a policy written as JSON text (a heredoc) starts and ends: offsets of
 * the elements of the top-level `Statement` array (or of a lone `Statement` object). Template
 * interpolations (`${...}`) stand for a value. Undefined when the text is not shaped like that.
 */

interface TextRange {
  readonly start: number;
  readonly end: number;
}

interface Value extends TextRange {
  readonly members?: readonly { readonly key: string; readonly value: Value }[];
  readonly items?: readonly Value[];
}

class Scanner {
  index = 0;
  constructor(private readonly text: string) {}

  private space(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index]!)) this.index += 1;
  }

  private string(): string {
    const start = this.index + 1;
    this.index += 1;
    while (this.index < this.text.length && this.text[this.index] !== '"') this.index += this.text[this.index] === '\\' ? 2 : 1;
    if (this.index >= this.text.length) throw new Error('unterminated string');
    this.index += 1;
    return JSON.parse(`"${this.text.slice(start, this.index - 1)}"`) as string;
  }

  /** `${...}`: from the `$` past the matching `}`. */
  private interpolation(): void {
    this.index += 1;
    let depth = 0;
    do {
      const char = this.text[this.index];
      if (char === undefined) throw new Error('unterminated interpolation');
      if (char === '{') depth += 1;
      else if (char === '}') depth -= 1;
      this.index += 1;
    } while (depth > 0);
  }

  value(): Value {
    this.space();
    const start = this.index;
    const char = this.text[this.index];
    if (char === '{') {
      this.index += 1;
      const members: { key: string; value: Value }[] = [];
      this.space();
      while (this.text[this.index] !== '}') {
        this.space();
        if (this.text[this.index] !== '"') throw new Error('expected a key');
        const key = this.string();
        this.space();
        if (this.text[this.index] !== ':') throw new Error('expected :');
        this.index += 1;
        members.push({ key, value: this.value() });
        this.space();
        if (this.text[this.index] === ',') this.index += 1;
        else if (this.text[this.index] !== '}') throw new Error('expected , or }');
        this.space();
      }
      this.index += 1;
      return { start, end: this.index, members };
    }
    if (char === '[') {
      this.index += 1;
      const items: Value[] = [];
      this.space();
      while (this.text[this.index] !== ']') {
        items.push(this.value());
        this.space();
        if (this.text[this.index] === ',') this.index += 1;
        else if (this.text[this.index] !== ']') throw new Error('expected , or ]');
        this.space();
      }
      this.index += 1;
      return { start, end: this.index, items };
    }
    if (char === '"') {
      this.string();
      return { start, end: this.index };
    }
    if (char === '$' && this.text[this.index + 1] === '{') {
      this.interpolation();
      return { start, end: this.index };
    }
    const match = /^(?:true|false|null|-?\d[\d.eE+-]*)/.exec(this.text.slice(this.index, this.index + 64));
    if (!match) throw new Error('unexpected text');
    this.index += match[0].length;
    return { start, end: this.index };
  }
}

/** The statement ranges, in document order; undefined when the text does not show them. */
export function jsonStatementRanges(text: string): TextRange[] | undefined {
  let document: Value;
  try {
    document = new Scanner(text).value();
  } catch {
    return undefined;
  }
  const statement = document.members?.find((member) => member.key === 'Statement')?.value;
  if (statement === undefined) return undefined;
  if (statement.members !== undefined) return [{ start: statement.start, end: statement.end }];
  if (statement.items === undefined || statement.items.some((item) => item.members === undefined)) return undefined;
  return statement.items.map((item) => ({ start: item.start, end: item.end }));
}
