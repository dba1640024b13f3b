/**
 * A small, strict XML 1.0 reader for the JUnit tests: enough of the grammar to reject what is not
 * well-formed (unbalanced tags, bad names, raw `<` or `&`, unknown entities, characters XML
 * cannot carry, duplicate attributes, several roots) and to give back decoded values.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Decoded character data directly inside the element. */
  readonly text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const XML_CHAR = /^[\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw "<" in ${where}`);
  return raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare "&" in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!numeric) throw new Error(`unknown entity ${whole} in ${where}`);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
    const char = String.fromCodePoint(code);
    if (!XML_CHAR.test(char)) throw new Error(`character reference ${whole} is not an XML character`);
    return char;
  });
}

/** Parses `xml`; throws an Error saying what is not well-formed. */
export function parseXml(xml: string): XmlElement {
  if (!XML_CHAR.test(xml)) throw new Error('the document holds characters XML 1.0 does not allow');
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };

  function element(): XmlElement {
    if (xml[i] !== '<') throw new Error(`expected "<" at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected space before attribute at ${i} in <${name}>`);
      const attr = NAME.exec(xml.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute name at ${i} in <${name}>`);
      i += attr.length;
      if (xml[i] !== '=' || (xml[i + 1] !== '"' && xml[i + 1] !== "'")) throw new Error(`attribute ${attr} of <${name}> is not quoted`);
      const quote = xml[i + 1]!;
      const end = xml.indexOf(quote, i + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (Object.hasOwn(attributes, attr)) throw new Error(`duplicate attribute ${attr} in <${name}>`);
      attributes[attr] = decode(xml.slice(i + 2, end), `attribute ${attr} of <${name}>`);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) throw new Error(`<${name}> is never closed`);
      const raw = xml.slice(i, next);
      if (raw.includes('>') && raw.includes(']]>')) throw new Error(`"]]>" in the text of <${name}>`);
      text += decode(raw, `text of <${name}>`);
      i = next;
      if (xml.startsWith('</', i)) {
        const close = NAME.exec(xml.slice(i + 2))?.[0];
        if (close !== name) throw new Error(`<${name}> closed by </${close}>`);
        i += 2 + close.length;
        skipSpace();
        if (xml[i] !== '>') throw new Error(`bad end tag </${name}`);
        i++;
        return { name, attributes, children, text };
      }
      children.push(element());
    }
  }

  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** Every element below (and including) `root`, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
