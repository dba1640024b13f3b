/**
 * Escaping for XML 1.0 text and attribute values. Characters XML 1.0 cannot carry at all
 * (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are written as `\uXXXX` text instead.
 * JUnit files are also printed in CI logs and terminals, so what a log or terminal would act on
 * (C1 controls, line and paragraph separators, bidi controls, the `#` of `##[`, a `:` opening a
 * line) is written as a character reference: a parser reads the same value, a log sees no byte
 * of it.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LOG_HAZARD = /[\r\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|#(?=#\[)/g;

function xmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function reference(char: string): string {
  return `&#${char.charCodeAt(0)};`;
}

/** Character data on one line: a line break in `s` is written `&#10;`. */
export function escapeXmlText(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(LOG_HAZARD, reference)
    .replace(/\n/g, '&#10;')
    .replace(/^(\s*):(?=:)/, '$1&#58;');
}

/** Several lines of character data, one per line, none of them able to start a workflow command. */
export function escapeXmlLines(lines: readonly string[]): string {
  return lines.map(escapeXmlText).join('\n');
}

/** For a double-quoted attribute; tab, newline and carriage return kept as character references. */
export function escapeXmlAttribute(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;');
}

/** `<name a="1" b="2">` (or `<name .../>` when self-closing). */
export function tag(name: string, attributes: Readonly<Record<string, string | number>>, selfClosing = false): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  return `<${name}${attrs}${selfClosing ? '/>' : '>'}`;
}
