// The parser's cursor over one batch's tokens, and the small helpers every grammar rule uses.
// Grammar rules are plain functions `(p: Parser) => Node` in the area files (expressions.ts,
// query.ts, procedural.ts, ddl-*.ts); they read tokens through this class and fail with `p.fail()`,
// which throws a SyntaxFailure: one syntax error per batch, as SQL Server reports it, and the parse
// of the batch stops there (the next batch parses on its own).
import { type Token, W_RESERVED } from '../lexer.js';
import type { DataType, Ident, NodeBase, ObjectName, OpaqueStatement } from './ast.js';
import { isReserved } from './keywords.js';

/** Past this many nested constructs (parentheses, subqueries, blocks) the batch fails with Msg 191. */
export const MAX_DEPTH = 128;

export class SyntaxFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly token: Token,
  ) {
    super(message);
  }
}

const EOF_KIND = 'punct';

/** The types whose length may be MAX. */
const MAX_TYPES: ReadonlySet<string> = new Set(['varchar', 'nvarchar', 'varbinary']);
/** The ISO spellings that take VARYING: `char varying(10)` is varchar(10). */
const VARYING_TYPES: ReadonlySet<string> = new Set(['CHAR', 'CHARACTER', 'NCHAR', 'NCHARACTER', 'BINARY']);

export class Parser {
  readonly tokens: readonly Token[];
  /** Index of the current token; tokens[tokens.length - 1] is the end sentinel. */
  pos = 0;
  /**
   * Whether a statement starting here may begin with WITH (a CTE, WITH XMLNAMESPACES): only at the
   * start of a batch, a block or a branch, or after a `;` (else Msg 319). statements.ts sets it for
   * each statement; the WITH rule reads `cteAllowedHere` first thing.
   */
  cteAllowed = true;
  cteAllowedHere = true;
  /** Whether a RETURN here must have a value: in a scalar function's body (else Msg 1075). */
  returnValueRequired = false;
  /** The statements kept opaque so far (statements.ts `opaque`): the batch's notes. */
  readonly opaque: OpaqueStatement[] = [];
  /** Tokens consumed, re-reads after a backtrack included: tests bound it to keep parsing linear. */
  steps = 0;
  /**
   * Where comma lists gather their items. An array grown by push keeps room for 16 more elements (V8
   * grows a backing store by half plus 16), and syntax trees hold millions of small lists for as long
   * as the binder needs them: each list is made once, of its exact length, from here.
   */
  private readonly scratch: unknown[] = [];
  private depth = 0;
  readonly text: string;

  /** `tokens` becomes the parser's: the end sentinel is appended to it. */
  constructor(text: string, tokens: Token[]) {
    this.text = text;
    const end = text.length;
    const last = tokens[tokens.length - 1];
    // The sentinel: an empty punct at the end of the text (line/col of the last token for errors).
    tokens.push({ kind: EOF_KIND, text: '', value: '', upper: '', start: end, end, line: last?.line ?? 1, col: last?.col ?? 1, unterminated: false, cls: 0 });
    this.tokens = tokens;
  }

  // ---- looking -------------------------------------------------------------------------------

  get tok(): Token {
    return this.tokens[this.pos] as Token;
  }

  peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)] as Token;
  }

  /** The token before the current one (its `end` closes the node being built). */
  get prev(): Token {
    return this.tokens[Math.max(this.pos - 1, 0)] as Token;
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length - 1;
  }

  /** The current token is the (unquoted) word `w`, given in upper case. */
  isWord(w: string, k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'word' && t.upper === w;
  }

  /** The next tokens are the words `ws` in order. */
  isWords(...ws: string[]): boolean {
    for (let k = 0; k < ws.length; k++) if (!this.isWord(ws[k] as string, k)) return false;
    return true;
  }

  /** The current token is one of the words in `ws` (upper case). */
  isAnyWord(ws: ReadonlySet<string>, k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'word' && ws.has(t.upper);
  }

  isPunct(p: string, k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'punct' && t.text === p && !(this.pos + k >= this.tokens.length - 1);
  }

  /**
   * A two-character operator the lexer gives as two tokens (`!<`, `!>`, `%=`, `&=`, `|=`, `^=`),
   * written without space between them.
   */
  isPunct2(a: string, b: string): boolean {
    const t = this.tok;
    const u = this.peek();
    return t.kind === 'punct' && t.text === a && u.kind === 'punct' && u.text === b && u.start === t.end;
  }

  /**
   * The token that starts at `offset` (a node's `start`), or the last one before it: where an error
   * found after a construct was read is reported. Tokens are in source order: a binary search.
   */
  tokenAt(offset: number): Token {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.tokens[mid] as Token).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.tokens[lo] as Token;
  }

  /** A name part can start here: a quoted identifier or a word that is not reserved. */
  isIdentifier(k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    // The lexer marks reserved words (W_RESERVED): a bit test instead of a set lookup per word.
    return t.kind === 'quoted' || (t.kind === 'word' && (t.cls & W_RESERVED) === 0);
  }

  isVariable(k = 0): boolean {
    const t = k === 0 ? this.tok : this.peek(k);
    return t.kind === 'variable' && !t.text.startsWith('@@');
  }

  // ---- consuming -----------------------------------------------------------------------------

  next(): Token {
    const t = this.tok;
    if (this.pos < this.tokens.length - 1) this.pos++;
    this.steps++;
    return t;
  }

  acceptWord(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.pos++;
    this.steps++;
    return true;
  }

  /** Consumes the words `ws` when all of them come next. */
  acceptWords(...ws: string[]): boolean {
    if (!this.isWords(...ws)) return false;
    this.pos += ws.length;
    this.steps += ws.length;
    return true;
  }

  expectWord(w: string): Token {
    if (!this.isWord(w)) this.fail();
    return this.next();
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    this.steps++;
    return true;
  }

  expectPunct(p: string): Token {
    if (!this.isPunct(p)) this.fail();
    return this.next();
  }

  /** `ON` or `OFF`, the value of a switch option. */
  onOff(): 'ON' | 'OFF' {
    if (this.acceptWord('ON')) return 'ON';
    if (this.acceptWord('OFF')) return 'OFF';
    return this.fail();
  }

  /** One name part (not a reserved word unless quoted). */
  identifier(): Ident {
    if (!this.isIdentifier()) this.fail();
    return this.identFrom(this.next());
  }

  /** One name part where the grammar allows any word, reserved ones included (e.g. after a dot). */
  identifierOrKeyword(): Ident {
    const t = this.tok;
    if (t.kind !== 'quoted' && t.kind !== 'word') this.fail();
    return this.identFrom(this.next());
  }

  identFrom(t: Token): Ident {
    return { kind: 'Ident', value: t.value, quoted: t.kind === 'quoted', start: t.start, end: t.end };
  }

  /**
   * A schema-object name of up to four parts: `t`, `dbo.t`, `db.dbo.t`, `srv.db.dbo.t`, `db..t`.
   * Parts after the first may be reserved words only when quoted; a dot followed by nothing fails.
   */
  objectName(): ObjectName {
    const start = this.tok.start;
    // Leading parts may be left out with their dots: `.t`, `..t`, `.db..t` (the 2022 grammar allows it).
    const parts: (Ident | undefined)[] = [];
    while (this.isPunct('.') && parts.length < 3) {
      this.next();
      parts.push(undefined);
    }
    parts.push(this.identifier());
    while (this.isPunct('.') && parts.length < 4) {
      this.next();
      if (this.isPunct('.')) {
        parts.push(undefined);
        continue;
      }
      parts.push(this.identifier());
    }
    // A fifth part: Msg 117 names the whole name, as SQL Server does.
    if (this.isPunct('.') && this.isIdentifier(1)) {
      const at = this.tok;
      while (this.isPunct('.') && this.isIdentifier(1)) {
        this.next();
        this.next();
      }
      const written = this.text.slice(start, this.prev.end);
      throw new SyntaxFailure(117, `The object name '${written}' contains more than the maximum number of prefixes. The maximum is 3.`, at);
    }
    const name = parts[parts.length - 1];
    if (name === undefined) this.fail();
    const [server, database, schema] = parts.length === 4 ? parts : parts.length === 3 ? [undefined, ...parts] : [undefined, undefined, ...parts];
    const node: ObjectName = { kind: 'ObjectName', name, start, end: this.prev.end };
    if (server !== undefined) node.server = server;
    if (database !== undefined) node.database = database;
    if (schema !== undefined && parts.length > 1) node.schema = schema;
    return node;
  }

  /**
   * A data type: a (possibly schema-qualified) name with optional arguments: `int`, `nvarchar(max)`,
   * `decimal(18, 4)`, `dbo.Ids`, `xml(CONTENT dbo.Schemas)`, `double precision`, `national char varying(10)`.
   */
  dataType(): DataType {
    const start = this.tok.start;
    let name: ObjectName;
    if (this.isWord('DOUBLE') && this.isWord('PRECISION', 1)) {
      const first = this.next();
      const second = this.next();
      name = { kind: 'ObjectName', name: { kind: 'Ident', value: 'float', quoted: false, start: first.start, end: second.end }, start: first.start, end: second.end };
    } else if (this.isWord('NATIONAL')) {
      const first = this.next();
      const kindTok = this.tok;
      if (!this.isWord('CHAR') && !this.isWord('CHARACTER') && !this.isWord('TEXT')) this.fail();
      this.next();
      const varying = this.acceptWord('VARYING');
      const value = kindTok.upper === 'TEXT' ? 'ntext' : varying ? 'nvarchar' : 'nchar';
      name = { kind: 'ObjectName', name: { kind: 'Ident', value, quoted: false, start: first.start, end: this.prev.end }, start: first.start, end: this.prev.end };
    } else {
      name = this.objectName();
      // char varying / character varying / binary varying / nchar varying / ncharacter varying
      if (!name.schema && this.isWord('VARYING') && VARYING_TYPES.has(name.name.value.toUpperCase())) {
        const upper = name.name.value.toUpperCase();
        this.next();
        const value = upper === 'BINARY' ? 'varbinary' : upper.startsWith('N') ? 'nvarchar' : 'varchar';
        name = { ...name, name: { ...name.name, value, end: this.prev.end }, end: this.prev.end };
      }
    }
    const args: string[] = [];
    if (this.isPunct('(')) {
      this.next();
      if (name.name.value.toUpperCase() === 'XML' && !name.schema) {
        // xml([CONTENT | DOCUMENT] schema_collection)
        if (this.isWord('CONTENT') || this.isWord('DOCUMENT')) args.push(this.next().upper);
        const collection = this.objectName();
        args.push(this.text.slice(collection.start, collection.end));
      } else {
        do {
          const t = this.tok;
          if (t.kind === 'number') args.push(this.next().text);
          else if (this.isWord('MAX')) {
            // MAX is a length only of the variable-length types (docs: char and varchar, nchar and
            // nvarchar, binary and varbinary): char(max) or binary(max) is an error.
            if (name.schema !== undefined || !MAX_TYPES.has(name.name.value.toLowerCase())) this.fail();
            args.push(this.next().upper);
          }
          else if (this.isPunct('-') && this.peek().kind === 'number') {
            this.next();
            args.push(`-${this.next().text}`);
          } else this.fail();
        } while (this.acceptPunct(','));
      }
      this.expectPunct(')');
    }
    return { kind: 'DataType', name, args, start, end: this.prev.end };
  }

  /** `fn` once, then again after every comma. */
  commaList<T>(fn: (p: Parser) => T): T[] {
    const first = fn(this);
    if (!this.isPunct(',')) return [first];
    // The items gather on `scratch` above what enclosing lists left there, and leave it as one array
    // of exactly their number (see `scratch`).
    const scratch = this.scratch;
    const base = scratch.length;
    scratch.push(first);
    try {
      while (this.acceptPunct(',')) scratch.push(fn(this));
      return scratch.slice(base) as T[];
    } finally {
      scratch.length = base;
    }
  }

  /** `( fn, fn, … )` */
  parenList<T>(fn: (p: Parser) => T): T[] {
    this.expectPunct('(');
    this.enter();
    const out = this.commaList(fn);
    this.expectPunct(')');
    this.leave();
    return out;
  }

  /** Skips a balanced `( … )` group (for options whose content nothing reads). */
  skipParens(): void {
    const open = this.expectPunct('(');
    let depth = 1;
    while (depth > 0) {
      if (this.atEnd()) throw new SyntaxFailure(102, `Incorrect syntax near '${open.text}'.`, this.prev);
      const t = this.next();
      if (t.kind === 'punct' && t.text === '(') depth++;
      else if (t.kind === 'punct' && t.text === ')') depth--;
    }
  }

  /** Builds a node spanning from `start` to the end of the last consumed token. */
  finish<T extends NodeBase>(node: Omit<T, 'start' | 'end'>, start: number): T {
    // The node gains its span in place (rules pass a fresh object literal): no copy of every node.
    const done = node as T;
    done.start = start;
    done.end = this.prev.end;
    return done;
  }

  // ---- nesting and errors --------------------------------------------------------------------

  /** Call on entering a nested construct; fails with Msg 191 past MAX_DEPTH (never a stack overflow). */
  enter(): void {
    if (++this.depth > MAX_DEPTH) {
      throw new SyntaxFailure(191, 'Some part of your SQL statement is nested too deeply. Rewrite the query or break it up into smaller queries.', this.tok);
    }
  }

  leave(): void {
    this.depth--;
  }

  /** Fails at the current token the way SQL Server words it (Msg 156 at a keyword, else Msg 102). */
  fail(at: Token = this.tok): never {
    throw syntaxErrorAt(this.atEndToken(at) ? this.prev : at, this.atEndToken(at));
  }

  private atEndToken(t: Token): boolean {
    return t === this.tokens[this.tokens.length - 1];
  }
}

/**
 * SQL Server's wording: "Incorrect syntax near the keyword 'FROM'." (156) for a reserved word,
 * "Incorrect syntax near 'x'." (102) otherwise. At the end of the batch it names the last token.
 */
export function syntaxErrorAt(t: Token, atEnd = false): SyntaxFailure {
  if (t.kind === 'word' && isReserved(t.upper)) return new SyntaxFailure(156, `Incorrect syntax near the keyword '${t.text}'.`, t);
  const near = t.kind === 'string' || t.kind === 'quoted' ? t.value : t.text;
  const suffix = atEnd && near === '' ? 'the end of the batch' : `'${near}'`;
  return new SyntaxFailure(102, `Incorrect syntax near ${suffix}.`, t);
}

