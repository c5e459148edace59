// A small XML reader for project files: elements with their attributes, text and 1-based line and
// column, and a clear error at the line and column where the document stops being well-formed
// (XML 1.0: one root element, matching end tags, quoted attribute values, no attribute twice, the five
// predefined entities and character references). Comments, processing instructions, the XML
// declaration and a DOCTYPE are skipped; namespaces are not resolved (a prefix stays in the name).

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (CDATA included), entities decoded. */
  text: string;
  line: number;
  col: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class Cursor {
  pos = 0;
  line = 1;
  col = 1;
  constructor(readonly src: string) {}

  get done(): boolean {
    return this.pos >= this.src.length;
  }

  peek(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  advance(n: number): void {
    for (let k = 0; k < n && this.pos < this.src.length; k++) {
      if (this.src.charCodeAt(this.pos) === 10) {
        this.line++;
        this.col = 1;
      } else this.col++;
      this.pos++;
    }
  }

  fail(message: string, at: { line: number; col: number } = this): never {
    throw new XmlSyntaxError(message, at.line, at.col);
  }

  /** Up to the next `end` (consumed): the text before it. */
  until(end: string, what: string): string {
    const start = { line: this.line, col: this.col };
    const at = this.src.indexOf(end, this.pos);
    if (at < 0) this.fail(`${what} is not closed (no "${end}")`, start);
    const text = this.src.slice(this.pos, at);
    this.advance(at - this.pos + end.length);
    return text;
  }

  skipSpace(): void {
    while (!this.done && /\s/.test(this.src.charAt(this.pos))) this.advance(1);
  }

  name(what: string): string {
    const first = this.src.charAt(this.pos);
    if (!NAME_START.test(first)) this.fail(first === '' ? `The document ends inside ${what}` : `"${first}" cannot start ${what}`);
    let end = this.pos + 1;
    while (end < this.src.length && NAME_CHAR.test(this.src.charAt(end))) end++;
    const name = this.src.slice(this.pos, end);
    this.advance(end - this.pos);
    return name;
  }
}

function decode(raw: string, cur: Cursor, at: { line: number; col: number }): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) cur.fail(`"&${ref}" is not an entity reference (write &amp; for a literal &)`, at);
    const named = ENTITIES[ref];
    if (named !== undefined) return named;
    const num = /^#x([0-9A-Fa-f]+)$/.exec(ref) ?? /^#([0-9]+)$/.exec(ref);
    if (num !== null) {
      const code = parseInt(num[1] ?? '', ref.startsWith('#x') ? 16 : 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    return cur.fail(`"&${ref};" is not an entity XML knows (only &lt; &gt; &amp; &quot; &apos; and &#…;)`, at);
  });
}

/** Skips comments, processing instructions and a DOCTYPE; true when something was skipped. */
function skipMisc(cur: Cursor): boolean {
  if (cur.peek('<!--')) {
    cur.advance(4);
    const body = cur.until('-->', 'A comment');
    if (body.includes('--')) cur.fail('A comment contains "--", which XML does not allow inside comments');
    return true;
  }
  if (cur.peek('<?')) {
    cur.advance(2);
    cur.until('?>', 'A processing instruction');
    return true;
  }
  if (cur.peek('<!DOCTYPE')) {
    cur.advance(9);
    cur.until('>', 'The DOCTYPE');
    return true;
  }
  return false;
}

function parseElement(cur: Cursor): XmlElement {
  const at = { line: cur.line, col: cur.col };
  cur.advance(1);
  const element: XmlElement = { name: cur.name('an element name'), attributes: {}, children: [], text: '', line: at.line, col: at.col };
  for (;;) {
    const before = cur.pos;
    cur.skipSpace();
    if (cur.done) cur.fail(`The start tag <${element.name}> is not closed`, at);
    if (cur.peek('/>')) {
      cur.advance(2);
      return element;
    }
    if (cur.peek('>')) {
      cur.advance(1);
      break;
    }
    if (cur.pos === before) cur.fail(`Expected a space, "/>" or ">" in the start tag <${element.name}>`);
    const attrAt = { line: cur.line, col: cur.col };
    const name = cur.name('an attribute name');
    cur.skipSpace();
    if (!cur.peek('=')) cur.fail(`The attribute ${name} has no value (write ${name}="…")`, attrAt);
    cur.advance(1);
    cur.skipSpace();
    const quote = cur.src.charAt(cur.pos);
    if (quote !== '"' && quote !== "'") cur.fail(`The value of ${name} is not quoted (write ${name}="…")`);
    cur.advance(1);
    const valueAt = { line: cur.line, col: cur.col };
    const raw = cur.until(quote, `The value of ${name}`);
    if (raw.includes('<')) cur.fail(`The value of ${name} contains "<" (write &lt;)`, valueAt);
    if (name in element.attributes) cur.fail(`The attribute ${name} is given twice on <${element.name}>`, attrAt);
    element.attributes[name] = decode(raw, cur, valueAt);
  }
  for (;;) {
    if (cur.done) cur.fail(`<${element.name}> is not closed (no </${element.name}>)`, at);
    if (cur.peek('</')) {
      const endAt = { line: cur.line, col: cur.col };
      cur.advance(2);
      const name = cur.name('an end tag');
      cur.skipSpace();
      if (!cur.peek('>')) cur.fail(`The end tag </${name}> is not closed`, endAt);
      cur.advance(1);
      if (name !== element.name) cur.fail(`</${name}> closes <${element.name}> (opened at line ${at.line})`, endAt);
      return element;
    }
    if (cur.peek('<![CDATA[')) {
      cur.advance(9);
      element.text += cur.until(']]>', 'A CDATA section');
      continue;
    }
    if (skipMisc(cur)) continue;
    if (cur.peek('<')) {
      element.children.push(parseElement(cur));
      continue;
    }
    const textAt = { line: cur.line, col: cur.col };
    const next = cur.src.indexOf('<', cur.pos);
    const raw = cur.src.slice(cur.pos, next < 0 ? cur.src.length : next);
    cur.advance(raw.length);
    element.text += decode(raw, cur, textAt);
  }
}

/** The root element of an XML document; XmlSyntaxError at the first place it is not well-formed. */
export function parseXml(source: string): XmlElement {
  const cur = new Cursor(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  let root: XmlElement | undefined;
  for (;;) {
    cur.skipSpace();
    if (cur.done) break;
    if (skipMisc(cur)) continue;
    if (!cur.peek('<')) cur.fail(root === undefined ? 'Text before the root element: a project file starts with <Project' : 'Text after the end of the root element');
    if (root !== undefined) cur.fail(`A second root element after </${root.name}>: an XML document has one root`);
    root = parseElement(cur);
  }
  return root ?? cur.fail('The file has no root element (an empty or comment-only project file)');
}

/** The element's local name (an `ns:` prefix dropped). */
export function localName(element: XmlElement): string {
  const colon = element.name.indexOf(':');
  return colon < 0 ? element.name : element.name.slice(colon + 1);
}
