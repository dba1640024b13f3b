/**
 * Escaping for XML 1.0 text and attribute values. Characters XML 1.0 cannot carry at all
 * (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are written as `\uXXXX` text instead.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeXmlText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** For a double-quoted attribute; tab, newline and carriage return kept as character references. */
export function escapeXmlAttribute(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/** `<name a="1" b="2">` (or `<name .../>` when self-closing). */
export function tag(name: string, attributes: Readonly<Record<string, string | number>>, selfClosing = false): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  return `<${name}${attrs}${selfClosing ? '/>' : '>'}`;
}
