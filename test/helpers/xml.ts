/**
 * A small, strict XML 1.0 reader for tests: elements, attributes, text, the five predefined entities
 * and character references, comments and the XML declaration. Anything not well-formed (a tag left
 * open or closed out of order, a raw `<` or `&`, an unknown entity, a character XML forbids, two
 * roots) throws, so a test that parses a feed also proves the feed is well-formed.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function decode(raw: string, where: number): string {
  if (FORBIDDEN.test(raw)) throw new Error(`a character XML forbids near ${where}`);
  if (raw.includes('<')) throw new Error(`a raw < near ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`a raw & near ${where}`);
    if (ref in PREDEFINED) return PREDEFINED[ref] ?? '';
    const num = /^#(\d+)$/.exec(ref) ?? /^#x([0-9a-fA-F]+)$/.exec(ref);
    if (num?.[1]) return String.fromCodePoint(parseInt(num[1], ref.startsWith('#x') ? 16 : 10));
    throw new Error(`unknown entity &${ref}; near ${where}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const skip = (re: RegExp): void => {
    const m = re.exec(xml.slice(i));
    if (m) i += m[0].length;
  };
  skip(/^<\?xml[^?]*\?>/);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('an unclosed comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(xml.slice(i));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`</${m?.[1] ?? '?'}> does not close <${open?.name ?? 'nothing'}> at ${i}`);
      i += m[0].length;
    } else if (xml[i] === '<') {
      i += 1;
      const name = NAME.exec(xml.slice(i))?.[0];
      if (!name) throw new Error(`a bad tag at ${i}`);
      i += name.length;
      const el: XmlElement = { name, attrs: {}, children: [] };
      for (;;) {
        skip(/^\s+/);
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(i));
        if (!a?.[1]) throw new Error(`a bad attribute in <${name}> at ${i}`);
        if (a[1] in el.attrs) throw new Error(`attribute ${a[1]} twice in <${name}>`);
        el.attrs[a[1]] = decode(a[3] ?? a[4] ?? '', i);
        i += a[0].length;
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new Error('a second root element');
      else root = el;
      if (xml.startsWith('/>', i)) i += 2;
      else {
        i += 1;
        stack.push(el);
      }
    } else {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(decode(raw, i));
      else if (raw.trim()) throw new Error(`text outside the root at ${i}`);
      i += raw.length;
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
