/**
 * Terraform resource instance addresses: `module.team["a"].data.aws_x.y[0]`.
 * Instance keys are written the way Terraform writes them (HCL quoted strings).
 */

export interface AddressParts {
  /** `module.team["a"]`, undefined at the root. */
  readonly moduleAddress?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
}

/** `[0]` or `["key"]`, quoting the key as Terraform does (HCL escapes, `${`/`%{` doubled). */
export function formatInstanceKey(key: number | string): string {
  return typeof key === 'number' ? `[${key}]` : `[${quoteHclString(key)}]`;
}

function quoteHclString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    if (code > 0xffff) i++;
    switch (char) {
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '$':
      case '%':
        out += text[i + 1] === '{' ? char + char : char;
        break;
      default:
        out += isPrintable(char) ? char : escapeCodePoint(code);
    }
  }
  return out + '"';
}

const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrintable(char: string): boolean {
  return char === ' ' || !NOT_PRINTABLE.test(char);
}

function escapeCodePoint(code: number): string {
  return code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Joins parts into an address. */
export function formatAddress(parts: AddressParts): string {
  const local = `${parts.mode === 'data' ? 'data.' : ''}${parts.type}.${parts.name}`;
  const key = parts.index === undefined ? '' : formatInstanceKey(parts.index);
  return parts.moduleAddress === undefined ? local + key : `${parts.moduleAddress}.${local}${key}`;
}

/** Splits an address into its parts; undefined when it is not a resource instance address. */
export function parseAddress(address: string): AddressParts | undefined {
  const reader = new AddressReader(address);
  return reader.read();
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['"', '"'],
  ['\\', '\\'],
]);

class AddressReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  read(): AddressParts | undefined {
    let moduleEnd = -1;
    while (this.text.startsWith('module.', this.pos)) {
      this.pos += 'module.'.length;
      if (this.identifier() === undefined) return undefined;
      if (this.text[this.pos] === '[' && this.key() === undefined) return undefined;
      if (this.text[this.pos] !== '.') return undefined;
      moduleEnd = this.pos;
      this.pos++;
    }
    let mode: 'managed' | 'data' = 'managed';
    if (this.text.startsWith('data.', this.pos)) {
      mode = 'data';
      this.pos += 'data.'.length;
    }
    const type = this.identifier();
    if (type === undefined || this.text[this.pos] !== '.') return undefined;
    this.pos++;
    const name = this.identifier();
    if (name === undefined) return undefined;
    let index: number | string | undefined;
    if (this.text[this.pos] === '[') {
      index = this.key();
      if (index === undefined) return undefined;
    }
    if (this.pos !== this.text.length) return undefined;
    return {
      ...(moduleEnd >= 0 ? { moduleAddress: this.text.slice(0, moduleEnd) } : {}),
      mode,
      type,
      name,
      ...(index !== undefined ? { index } : {}),
    };
  }

  private identifier(): string | undefined {
    const start = this.pos;
    while (this.pos < this.text.length && !'.["'.includes(this.text[this.pos]!)) this.pos++;
    return this.pos > start ? this.text.slice(start, this.pos) : undefined;
  }

  /** Reads `[0]` or `["..."]`. */
  private key(): number | string | undefined {
    this.pos++; // '['
    let key: number | string | undefined;
    if (this.text[this.pos] === '"') {
      key = this.quoted();
    } else {
      const match = /^-?\d+/.exec(this.text.slice(this.pos, this.pos + 24));
      if (match) {
        key = Number(match[0]);
        this.pos += match[0].length;
      }
    }
    if (key === undefined || this.text[this.pos] !== ']') return undefined;
    this.pos++;
    return key;
  }

  private quoted(): string | undefined {
    this.pos++; // opening quote
    let out = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.pos++;
        return out;
      }
      if (char === '\\') {
        const escaped = this.escape();
        if (escaped === undefined) return undefined;
        out += escaped;
        continue;
      }
      if ((char === '$' || char === '%') && this.text[this.pos + 1] === char && this.text[this.pos + 2] === '{') {
        out += char;
        this.pos += 2;
        continue;
      }
      out += char;
      this.pos++;
    }
    return undefined;
  }

  private escape(): string | undefined {
    const kind = this.text[this.pos + 1];
    const simple = kind === undefined ? undefined : SIMPLE_ESCAPES.get(kind);
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    const digits = kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    if (digits === 0) return undefined;
    const hex = this.text.slice(this.pos + 2, this.pos + 2 + digits);
    if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    this.pos += 2 + digits;
    return String.fromCodePoint(code);
  }
}

/**
 * The address Terraform means. Terraform 0.12.0 wrote state addresses without the module prefix
 * and without the instance key (`null_resource.baz` for each of `baz[0]`, `baz[1]`); given the
 * module address and key recorded beside them, the full address is restored.
 */
export function completeAddress(address: string, moduleAddress: string | undefined, index: number | string | undefined): string {
  let full = address;
  if (moduleAddress !== undefined && !startsWithModule(full, moduleAddress)) full = `${moduleAddress}.${full}`;
  if (index !== undefined && full.charCodeAt(full.length - 1) !== CLOSE_BRACKET) full += formatInstanceKey(index);
  return full;
}

const DOT = 46;
const CLOSE_BRACKET = 93;

/** `address` starts with `moduleAddress.` (tested without building that string). */
function startsWithModule(address: string, moduleAddress: string): boolean {
  return address.charCodeAt(moduleAddress.length) === DOT && address.startsWith(moduleAddress);
}
