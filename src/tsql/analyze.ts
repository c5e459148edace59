// Reads the statements of a script's batches (token patterns, not a full grammar) and collects what
// they define and what module bodies reference. Deliberately conservative: when a construct is not
// understood, nothing is recorded, so an unusual but valid script never yields a false finding.
import type { Batch } from './types.js';
import type {
  AliasBinding,
  ColumnUses,
  CreateStatement,
  Definition,
  Locate,
  Located,
  ModuleScope,
  Reference,
  ReferenceKind,
  ScriptAnalysis,
} from './analysis-types.js';
import { BUILTIN_TYPES } from './builtins.js';
import { lexCode, lexCodeInto, type Token } from './lexer.js';
import { displayName, keyOf, type ObjectKind } from './names.js';
import { P_CLOSE, P_OPEN, W_BLOCK, W_FROM_LIST_END, W_KEYWORD, W_MODULE_CASE, W_STATEMENT, W_STATEMENT_CASE, W_TRIM } from './word-class.js';

const MODULE_KINDS: Record<string, ObjectKind> = { PROC: 'procedure', PROCEDURE: 'procedure', FUNCTION: 'function', VIEW: 'view', TRIGGER: 'trigger' };
const DROP_KINDS: Record<string, ObjectKind> = {
  TABLE: 'table', VIEW: 'view', PROC: 'procedure', PROCEDURE: 'procedure', FUNCTION: 'function', TRIGGER: 'trigger', TYPE: 'type',
  SEQUENCE: 'sequence', SYNONYM: 'synonym', AGGREGATE: 'aggregate', SCHEMA: 'schema', USER: 'user', ROLE: 'role', QUEUE: 'queue',
  SERVICE: 'service', CONTRACT: 'contract', ASSEMBLY: 'assembly',
};
const TABLE_CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'INDEX', 'PERIOD', 'DEFAULT']);
const NOT_BEGIN_BLOCK = new Set(['TRAN', 'TRANSACTION', 'DISTRIBUTED', 'DIALOG', 'CONVERSATION']);
/** Words between CREATE and INDEX (or XML, PRIMARY …). */
const INDEX_PREFIX_WORDS = new Set(['UNIQUE', 'CLUSTERED', 'NONCLUSTERED', 'COLUMNSTORE', 'SPATIAL', 'PRIMARY', 'XML', 'FULLTEXT']);
// References and column uses are kept by the hundred thousand, but their file positions are read
// only when a finding is reported. Each keeps the chain of its occurrences in the analysis's
// Positions (batch line and column, resolved to a file position on demand): off the collected heap,
// where an array of numbers per reference made most of what the garbage collector copied and marked.

/** The occurrences of one analysis's references and column uses: [line, col, next] each, chained. */
class Positions {
  private data = new Int32Array(3 * 64);
  private size = 0;

  /** Appends an occurrence after the one at `tail` (-1: a first occurrence); returns its index. */
  add(tail: number, line: number, col: number): number {
    if (3 * (this.size + 1) > this.data.length) {
      const grown = new Int32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    const k = this.size++;
    this.data[3 * k] = line;
    this.data[3 * k + 1] = col;
    this.data[3 * k + 2] = -1;
    if (tail >= 0) this.data[3 * tail + 2] = k;
    return k;
  }

  /** The file positions of the chain that starts at `head`. */
  locs(head: number, locate: Locate): Located[] {
    const locs: Located[] = [];
    for (let k = head; k >= 0; k = this.data[3 * k + 2] ?? -1) locs.push(locate(this.data[3 * k] ?? 0, this.data[3 * k + 1] ?? 0));
    return locs;
  }

  /** Gives back the unused part of the buffer once the analysis is done. */
  trim(): void {
    if (this.data.length > 3 * this.size) this.data = this.data.slice(0, 3 * this.size);
  }
}

/** A reference and the chain of its occurrences in the analysis's Positions. */
class ReferenceAt implements Reference {
  private head = -1;
  private tail = -1;

  constructor(
    readonly kind: ReferenceKind,
    readonly parts: string[],
    readonly ordering: boolean,
    readonly module: Definition | undefined,
    private readonly positions: Positions,
    private readonly locate: Locate,
  ) {}

  add(line: number, col: number): void {
    this.tail = this.positions.add(this.tail, line, col);
    if (this.head < 0) this.head = this.tail;
  }

  get locs(): Located[] {
    return this.positions.locs(this.head, this.locate);
  }

  /** Whether this stands for the same reference (then an occurrence is added, not a reference). */
  same(kind: ReferenceKind, parts: readonly string[], ordering: boolean, module: Definition | undefined): boolean {
    if (this.kind !== kind || this.ordering !== ordering || this.module !== module || this.parts.length !== parts.length) return false;
    for (let k = 0; k < parts.length; k++) if (this.parts[k] !== parts[k]) return false;
    return true;
  }
}

/** The bindings of every alias in an order-only analysis (AnalysisOptions.orderOnly): never added to. */
const ORDER_ONLY_BINDINGS: AliasBinding[] = [];
/** The one opaque binding (a derived table, CTE, variable, …) every alias of that kind shares. */
const OPAQUE: AliasBinding = Object.freeze({ type: 'opaque' });
/** The bindings of an alias bound only to OPAQUE so far: shared, replaced (not added to) on a second binding. */
const ONLY_OPAQUE: AliasBinding[] = [OPAQUE];

/**
 * A module body's scope. Its column uses are parallel arrays (see ColumnUses): the scope is its own
 * ColumnUses.
 */
class ScopeAt implements ModuleScope, ColumnUses {
  readonly aliases = new Map<string, AliasBinding[]>();
  readonly ctes = new Set<string>();
  /** Per use: its qualifier (one-part qualifiers share one array per alias) and its column as written. */
  private readonly qualifiers: (readonly string[])[] = [];
  private readonly columns: string[] = [];
  /** Per use: [direct (1/0), first occurrence, last occurrence] (occurrences in `positions`). */
  private readonly data: number[] = [];

  constructor(
    readonly module: Definition,
    private readonly positions: Positions,
    private readonly locate: Locate,
  ) {}

  get columnUses(): ColumnUses {
    return this;
  }

  get count(): number {
    return this.columns.length;
  }

  qualifier(k: number): readonly string[] {
    return this.qualifiers[k] ?? [];
  }

  column(k: number): string {
    return this.columns[k] ?? '';
  }

  direct(k: number): boolean {
    return this.data[3 * k] === 1;
  }

  locs(k: number): Located[] {
    return this.positions.locs(this.data[3 * k + 1] ?? -1, this.locate);
  }

  /** Adds a use; returns its number. */
  addUse(qualifier: readonly string[], column: string, direct: boolean): number {
    this.qualifiers.push(qualifier);
    this.columns.push(column);
    this.data.push(direct ? 1 : 0, -1, -1);
    return this.columns.length - 1;
  }

  /** Adds an occurrence of use `k`. */
  occurs(k: number, line: number, col: number): void {
    const tail = this.positions.add(this.data[3 * k + 2] ?? -1, line, col);
    if ((this.data[3 * k + 1] ?? -1) < 0) this.data[3 * k + 1] = tail;
    this.data[3 * k + 2] = tail;
  }
}

/**
 * Locates a token of a string literal analysed as its own batch (EXEC (N'…')), from where the
 * literal's text starts. Built outside analyzeUnit so that the locator, which references keep,
 * does not keep the enclosing batch's tokens alive with it.
 */
function literalLocator(locate: Locate, startLine: number, startCol: number): Locate {
  return (line, col) => locate(startLine + line - 1, line === 1 ? startCol + col - 1 : col);
}

/** Locates a token of a batch in its file. */
export function batchLocator(batch: Batch): Locate {
  return (line, col) => {
    const mapped = batch.lineMap?.[line - 1];
    if (mapped !== undefined) return { file: mapped.file, line: mapped.line, col };
    return { file: batch.file, line: batch.line + line - 1, col };
  };
}

export function emptyAnalysis(): ScriptAnalysis {
  return { definitions: [], references: [], principals: [], scopes: [], drops: [], creates: [], renamedColumns: [], findings: [] };
}

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const isP = (t: Token | undefined, p: string): boolean => t !== undefined && t.kind === 'punct' && t.text === p;
/** Whether t is one of up to four words (fixed parameters: a rest array would be allocated on every call). */
const isW = (t: Token | undefined, a: string, b = '', c = '', d = ''): boolean => {
  if (t === undefined || t.kind !== 'word') return false;
  const u = t.upper;
  return u === a || u === b || u === c || u === d;
};
/** isW for one word: no rest-parameter array on the hottest comparisons. */
const isKw = (t: Token | undefined, word: string): boolean => t !== undefined && t.kind === 'word' && t.upper === word;
const isWordIn = (t: Token | undefined, words: ReadonlySet<string>): boolean => t !== undefined && t.kind === 'word' && words.has(t.upper);

interface NameRead {
  parts: string[];
  first: Token;
  next: number;
}

export interface AnalysisOptions {
  /**
   * Analyse for the deploy order only (`plan`), default false: no column uses of module bodies
   * (ModuleScope.columnUses) and no positions of references (Reference.locs is empty). Only the
   * checks read them, and keeping them is about half of the analysis's work and memory.
   */
  orderOnly?: boolean;
}

interface UnitState {
  seq: number;
  /** Column uses and reference positions are recorded (not AnalysisOptions.orderOnly). */
  columns: boolean;
  positions: Positions;
}

/** Analyses every batch of a script, adding what it finds to `into`. */
export function analyzeBatches(batches: readonly Batch[], into: ScriptAnalysis = emptyAnalysis(), options: AnalysisOptions = {}): ScriptAnalysis {
  const state: UnitState = { seq: 0, columns: options.orderOnly !== true, positions: new Positions() };
  for (const batch of batches) {
    analyzeUnit(batch.text, batchLocator(batch), into, state, { guarded: false, nested: false });
  }
  state.positions.trim();
  return into;
}

interface UnitOptions {
  guarded: boolean;
  nested: boolean;
}

/**
 * Token pools of analyzeUnit, one per nesting level (EXEC (N'…') analyses its literal while the
 * enclosing batch's tokens are still in use). No token outlives its unit: nothing the analysis keeps
 * refers to a Token, only to the strings and numbers read from it.
 */
const tokenPools: Token[][] = [];
let unitDepth = 0;
/** A pool larger than this (one huge batch) is cut back after use instead of kept for good. */
const POOL_KEEP = 1 << 17;

function analyzeUnit(text: string, locate: Locate, out: ScriptAnalysis, state: UnitState, options: UnitOptions): void {
  const depth = unitDepth++;
  const tokens = (tokenPools[depth] ??= []);
  try {
    analyzeTokens(tokens, lexCodeInto(text, tokens), locate, out, state, options);
  } finally {
    unitDepth--;
    if (tokens.length > POOL_KEEP) tokens.length = POOL_KEEP;
  }
}

function analyzeTokens(tokens: readonly Token[], n: number, locate: Locate, out: ScriptAnalysis, state: UnitState, options: UnitOptions): void {
  // Matching parenthesis of each '(' (or -1 when unbalanced): derived tables, column lists.
  const match = new Int32Array(n).fill(-1);
  // BEGIN/CASE blocks opened before each token (END closes one): what a body cut by GO leaves open.
  const blocksBefore = new Int32Array(n + 1);
  /** The word classes of all the unit's tokens together (is TRIM anywhere?). */
  let classesSeen = 0;
  {
    const stack: number[] = [];
    let blocks = 0;
    for (let k = 0; k < n; k++) {
      blocksBefore[k] = blocks;
      const t = tokens[k] as Token;
      const cls = t.cls;
      if (cls === 0) continue;
      classesSeen |= cls;
      if ((cls & P_OPEN) !== 0) stack.push(k);
      else if ((cls & P_CLOSE) !== 0) {
        const open = stack.pop();
        if (open !== undefined) match[open] = k;
      } else if ((cls & W_BLOCK) !== 0) {
        // The pool holds stale tokens past n: the last token has no next one.
        const next = k + 1 < n ? tokens[k + 1] : undefined;
        if (t.upper === 'END') {
          if (!isKw(next, 'CONVERSATION')) blocks--;
        } else if (t.upper === 'CASE' || !isWordIn(next, NOT_BEGIN_BLOCK)) blocks++;
      }
    }
    blocksBefore[n] = blocks;
  }
  const mt = (k: number): number => match[k] ?? -1;
  const loc = (t: Token): Located => locate(t.line, t.col);
  // Bounds-checked: a negative index would send every tokens[k] read down V8's slow generic path.
  const at = (k: number): Token | undefined => (k >= 0 && k < n ? tokens[k] : undefined);

  const readName = (k: number): NameRead | undefined => {
    const first = at(k);
    if (!isName(first)) return undefined;
    // Count the parts first: the array is then built at its exact size. Names are kept by the
    // analysis (references, aliases), and a grown array would keep its spare capacity for good.
    let count = 1;
    let j = k + 1;
    while (isP(at(j), '.')) {
      const next = at(j + 1);
      if (isName(next)) j += 2;
      else if (isP(next, '.')) j += 1;
      else break;
      count++;
    }
    const parts = new Array<string>(count);
    parts[0] = first.value;
    let p = 1;
    for (let m = k + 1; m < j; m++) {
      const t = at(m);
      if (isName(t)) parts[p++] = t.value;
      else if (isP(t, '.') && isP(at(m + 1), '.')) parts[p++] = '';
    }
    return { parts, first, next: j };
  };

  let sawIf = options.guarded;
  /** Name tokens already read as a table source: not read again as expressions. */
  const consumed = new Uint8Array(n);
  /**
   * The module's column uses: `alias.column` by alias then column as written (the common case, found
   * without building a string), every other qualifier by an unambiguous key of its parts, and the
   * columns of INSERT column lists apart (the same spelling means something else there).
   */
  const aliasColumns = new Map<string, Map<string, number>>();
  const otherColumns = new Map<string, Map<string, number>>();
  const directColumns = new Map<string, Map<string, number>>();
  /** One shared [alias] per alias of the unit, the qualifier of all its column uses. */
  const oneParts = new Map<string, string[]>();
  const onePart = (part: string): string[] => {
    let q = oneParts.get(part);
    if (q === undefined) {
      q = [part];
      oneParts.set(part, q);
    }
    return q;
  };
  let module: Definition | undefined;
  let scope: ScopeAt | undefined;
  let moduleTokenIndex = -1;
  let triggerTarget: string[] | undefined;

  const define = (kind: ObjectKind, parts: string[], t: Token, extra: Partial<Definition> = {}): Definition => {
    const def: Definition = { kind, parts, key: keyOf(kind, parts), name: displayName(kind, parts), loc: loc(t), seq: state.seq++, ...extra };
    out.definitions.push(def);
    return def;
  };
  /** This unit's references by the last part of their name (an interned string: no key to build). */
  const referencesByLast = new Map<string, ReferenceAt[]>();
  const reference = (kind: ReferenceKind, parts: string[], t: Token, ordering = true): void => {
    const last = parts[parts.length - 1] ?? '';
    let list = referencesByLast.get(last);
    if (list === undefined) {
      list = [];
      referencesByLast.set(last, list);
    }
    let ref: ReferenceAt | undefined;
    for (let k = 0; k < list.length && ref === undefined; k++) if (list[k]?.same(kind, parts, ordering, module) === true) ref = list[k];
    if (ref === undefined) {
      ref = new ReferenceAt(kind, parts, ordering, module, state.positions, locate);
      list.push(ref);
      out.references.push(ref);
    }
    if (state.columns) ref.add(t.line, t.col);
  };
  const principal = (name: string, t: Token, context: string): void => {
    out.principals.push({ name, loc: loc(t), context });
  };
  const create = (what: string, name: string, t: Token, orAlter: boolean, key?: string): void => {
    const c: CreateStatement = { what, name, loc: loc(t), orAlter, guarded: sawIf, seq: state.seq++ };
    if (key !== undefined) c.key = key;
    out.creates.push(c);
  };
  const bind = (alias: string, binding: AliasBinding): void => {
    if (scope === undefined) return;
    const key = alias.toLowerCase();
    const list = scope.aliases.get(key);
    // For the order only, which names are aliases is all that matters (a.b( is then no function).
    if (!state.columns) {
      if (list === undefined) scope.aliases.set(key, ORDER_ONLY_BINDINGS);
      return;
    }
    if (list === undefined) scope.aliases.set(key, binding === OPAQUE ? ONLY_OPAQUE : [binding]);
    // A body binds the same alias to the same table in statement after statement; one copy answers
    // every question the checks ask (is it opaque, which tables, which comes first).
    else {
      for (const b of list) if (sameBinding(b, binding)) return;
      if (list === ONLY_OPAQUE) scope.aliases.set(key, [OPAQUE, binding]);
      else list.push(binding);
    }
  };
  /** Reads "[AS] alias" at k; returns the alias token index or -1. */
  const aliasAt = (k: number): number => {
    let j = k;
    if (isKw(at(j), 'AS')) j++;
    const t = at(j);
    if (t === undefined) return -1;
    if (t.kind === 'quoted' || (t.kind === 'word' && (t.cls & (W_KEYWORD | W_STATEMENT)) === 0)) return j;
    // 'alias' as a string is allowed after AS.
    if (t.kind === 'string' && j > k) return j;
    return -1;
  };

  /** Parses "( column type …, constraint … )" of CREATE TABLE / CREATE TYPE AS TABLE / ALTER TABLE ADD. */
  const readColumns = (open: number, close: number): Map<string, { name: string; type: string }> => {
    const columns = new Map<string, { name: string; type: string }>();
    let itemStart = open + 1;
    for (let k = open + 1; k <= close; k++) {
      const t = at(k);
      if (isP(t, '(') && mt(k) > k) {
        k = mt(k);
        continue;
      }
      if (k === close || isP(t, ',')) {
        const head = at(itemStart);
        if (isName(head) && !(head.kind === 'word' && TABLE_CONSTRAINT_WORDS.has(head.upper))) {
          const typeTok = at(itemStart + 1);
          const type = isKw(typeTok, 'AS') ? 'computed' : typeTok?.value ?? '';
          columns.set(head.value.toLowerCase(), { name: head.value, type });
        }
        itemStart = k + 1;
      }
    }
    return columns;
  };

  /** WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = x.y)) anywhere in [from, to). */
  const historyTable = (from: number, to: number, columns: Map<string, { name: string; type: string }> | undefined): void => {
    for (let k = from; k < to && k < n; k++) {
      if (isKw(at(k), 'HISTORY_TABLE') && isP(at(k + 1), '=')) {
        const name = readName(k + 2);
        if (name !== undefined) {
          const def = define('table', name.parts, name.first, { synthetic: true });
          if (columns !== undefined) def.columns = columns;
        }
        return;
      }
    }
  };

  const statementEnd = (k: number): number => {
    // The next ';' at depth 0 or the next statement word: a generous bound for clause scans.
    for (let j = k; j < n; j++) {
      const t = at(j);
      if (isP(t, '(') && mt(j) > j) {
        j = mt(j);
        continue;
      }
      if (isP(t, ';')) return j;
      if (j > k && t !== undefined && (t.cls & W_STATEMENT) !== 0 && t.upper !== 'SET' && t.upper !== 'WITH') return j;
    }
    return n;
  };

  const nested = (k: number, guardedHere: boolean): number => {
    // EXEC ( N'…' [+ N'…'] ) or sp_executesql N'…': all literal parts → analysed as its own batch.
    const parts: Token[] = [];
    let j = k;
    while (at(j)?.kind === 'string') {
      parts.push(at(j) as Token);
      if (isP(at(j + 1), '+') && at(j + 2)?.kind === 'string') j += 2;
      else {
        j += 1;
        break;
      }
    }
    const first = parts[0];
    if (first === undefined) return k;
    const literal = parts.map((p) => p.value).join('');
    const prefix = first.text.startsWith("'") ? 1 : 2;
    const inner = literalLocator(locate, first.line, first.col + prefix);
    const saved = { module, scope, moduleTokenIndex, triggerTarget };
    analyzeUnit(literal, inner, out, state, { guarded: guardedHere, nested: true });
    ({ module, scope, moduleTokenIndex, triggerTarget } = saved);
    return j;
  };

  /** Table source after FROM/JOIN/APPLY/… at k (inside a module): records references and aliases. */
  const tableSource = (k: number, keyword: string): void => {
    const t = at(k);
    if (t === undefined) return;
    if (isP(t, '(')) {
      const close = mt(k);
      if (close > k) {
        const a = aliasAt(close + 1);
        const aliasTok = at(a);
        if (a >= 0 && aliasTok !== undefined) bind(aliasTok.value, OPAQUE);
      }
      return;
    }
    if (t.kind === 'variable') {
      const a = aliasAt(k + 1);
      const aliasTok = at(a);
      if (a >= 0 && aliasTok !== undefined) bind(aliasTok.value, OPAQUE);
      return;
    }
    const name = readName(k);
    if (name === undefined) return;
    if ((t.cls & W_KEYWORD) !== 0 && name.parts.length === 1) return;
    consumed[k] = 1;
    const last = name.parts[name.parts.length - 1] ?? '';
    const isTemp = (name.parts[0] ?? '').startsWith('#');
    const call = isP(at(name.next), '(');
    let after = name.next;
    if (call) {
      after = mt(name.next) > 0 ? mt(name.next) + 1 : name.next + 1;
      if (keyword === 'INTO' || keyword === 'INSERT') {
        // INSERT INTO dbo.T (a, b): a column list of the table itself.
        if (!isTemp && module !== undefined && scope !== undefined) {
          if (state.columns) {
            const key = JSON.stringify(name.parts);
            for (let j = name.next + 1; j < after - 1; j++) {
              const c = at(j);
              if (isName(c) && (isP(at(j + 1), ',') || j + 1 === after - 1)) useColumn(directColumns, key, name.parts, c.value, true, c);
            }
          }
          if (name.parts.length <= 2) reference('object', name.parts, name.first);
        }
        return;
      }
      if (name.parts.length >= 3 || (keyword === 'APPLY' && name.parts.length === 2 && scope?.aliases.has((name.parts[0] ?? '').toLowerCase()) === true)) {
        // a.Col.nodes('…') and friends: a method on a column, not an object.
      } else if (name.parts.length === 2 || !isBuiltinRowset(last)) {
        reference('function', name.parts, name.first);
      }
      if (isKw(at(after), 'WITH') && isP(at(after + 1), '(') && mt(after + 1) > 0) after = mt(after + 1) + 1;
      const a = aliasAt(after);
      const aliasTok = at(a);
      if (a >= 0 && aliasTok !== undefined) bind(aliasTok.value, OPAQUE);
      return;
    }
    if (isTemp) {
      const a = aliasAt(after);
      const aliasTok = at(a);
      if (a >= 0 && aliasTok !== undefined) bind(aliasTok.value, OPAQUE);
      return;
    }
    if (name.parts.length <= 2) reference('object', name.parts, name.first);
    const binding: AliasBinding = name.parts.length <= 2 ? { type: 'table', parts: name.parts } : OPAQUE;
    const a = aliasAt(after);
    const aliasTok = at(a);
    if (keyword !== 'UPDATE' && keyword !== 'DELETE' && a >= 0 && aliasTok !== undefined && !(keyword === 'INTO' && isKw(aliasTok, 'VALUES'))) {
      bind(aliasTok.value, binding);
    } else {
      bind(last, binding);
    }
  };

  const parseDeclare = (k: number): void => {
    // DECLARE @a [AS] type [= …], @b [AS] type …
    let j = k + 1;
    for (;;) {
      const v = at(j);
      if (v === undefined || v.kind !== 'variable') return;
      let typeAt = j + 1;
      if (isKw(at(typeAt), 'AS')) typeAt++;
      typeReference(typeAt);
      // Skip to the next ", @var" at depth 0 before a statement word.
      let m = typeAt;
      let found = -1;
      for (; m < n; m++) {
        const t = at(m);
        if (isP(t, '(') && mt(m) > m) {
          m = mt(m);
          continue;
        }
        if (isP(t, ';')) break;
        if (t !== undefined && (t.cls & W_STATEMENT) !== 0 && m > typeAt) break;
        if (isP(t, ',') && at(m + 1)?.kind === 'variable') {
          found = m + 1;
          break;
        }
      }
      if (found < 0) return;
      j = found;
    }
  };

  const typeReference = (k: number): void => {
    const name = readName(k);
    if (name === undefined || module === undefined) return;
    const last = name.parts[name.parts.length - 1] ?? '';
    if (name.parts.length === 1) {
      if ((name.first.cls & W_KEYWORD) !== 0 || (name.first.kind === 'word' && BUILTIN_TYPES.has(name.first.upper))) return;
      if (BUILTIN_TYPES.has(last.toUpperCase())) return;
    }
    if (name.parts.length > 2) return;
    reference('type', name.parts, name.first);
  };

  /** The module header: parameters (their types) and WITH EXECUTE AS. */
  const moduleHeader = (from: number, kind: ObjectKind): void => {
    for (let j = from; j < n; j++) {
      const t = at(j);
      if (t === undefined) return;
      if (t.kind === 'variable') {
        const prev = at(j - 1);
        if (isP(prev, '(') || isP(prev, ',') || j === from) {
          let typeAt = j + 1;
          if (isKw(at(typeAt), 'AS')) typeAt++;
          typeReference(typeAt);
        }
        continue;
      }
      if (isW(t, 'EXECUTE', 'EXEC') && isKw(at(j + 1), 'AS')) {
        const who = at(j + 2);
        if (who?.kind === 'string') principal(who.value, who, 'EXECUTE AS');
        continue;
      }
      if (kind === 'function' && isKw(t, 'RETURNS')) {
        // RETURNS TABLE / @t TABLE (…) / scalar type; the body starts after the next AS … (or BEGIN).
        continue;
      }
      if (isW(t, 'AS', 'BEGIN') && kind !== 'function') return;
      if (isKw(t, 'AS') && kind === 'function' && !isP(at(j - 1), '(')) {
        // "AS" after RETURNS … ends the header (parameters may also use AS before their type).
        const prev = at(j - 1);
        if (prev?.kind !== 'variable') return;
      }
      if (isKw(t, 'BEGIN')) return;
    }
  };

  /** BEGIN/CASE blocks the tokens from `from` on leave open. */
  const blockBalance = (from: number): number => (blocksBefore[n] ?? 0) - (blocksBefore[from] ?? 0);

  for (let i = 0; i < n; i++) {
    const t = at(i);
    if (t === undefined) break;
    if (t.kind !== 'word') continue;
    const prev = at(i - 1);
    if (isP(prev, '.') || isP(prev, '::')) continue;
    switch ((t.cls & W_STATEMENT_CASE) !== 0 ? t.upper : '') {
      case 'IF':
      case 'ELSE':
      case 'WHILE':
        if (module === undefined) sawIf = true;
        break;
      case 'CREATE': {
        if (isW(prev, 'GRANT', 'DENY', 'REVOKE') || isP(prev, ',') || isKw(prev, 'FOR')) break;
        let j = i + 1;
        let orAlter = false;
        if (isKw(at(j), 'OR') && isKw(at(j + 1), 'ALTER')) {
          orAlter = true;
          j += 2;
        }
        const what = at(j);
        if (what === undefined || what.kind !== 'word') break;
        const moduleKind = MODULE_KINDS[what.upper];
        if (moduleKind !== undefined && module === undefined) {
          const name = readName(j + 1);
          if (name === undefined) break;
          if (i > 0 && !options.nested) {
            out.findings.push({ loc: loc(t), severity: 'error', rule: 'module-not-first', message: `CREATE ${what.upper} ${displayName(moduleKind, name.parts)} is not the first statement of its batch`, hint: 'Put GO before it: SQL Server requires a procedure, function, view or trigger to be alone in its batch (error 111).' });
          }
          defineModule(moduleKind, name, t, orAlter, false, j);
          i = name.next - 1;
          break;
        }
        if (what.upper === 'TABLE') {
          const name = readName(j + 1);
          if (name === undefined) break;
          const temp = (name.parts[name.parts.length - 1] ?? '').startsWith('#');
          if (temp) break;
          if (module !== undefined && (module.kind === 'procedure' || module.kind === 'function' || module.kind === 'trigger')) {
            i = name.next - 1;
            out.findings.push({ loc: loc(name.first), severity: 'error', rule: 'ddl-in-module', message: `${module.name} creates the table ${displayName('table', name.parts)} in its body`, hint: 'Create tables in the migration (sql/migrations); a procedure may only create #temp tables.' });
            break;
          }
          create('TABLE', displayName('table', name.parts), name.first, false, keyOf('table', name.parts));
          const open = name.next;
          let columns: Map<string, { name: string; type: string }> | undefined;
          let end = open;
          if (isP(at(open), '(') && mt(open) > open) {
            columns = readColumns(open, mt(open));
            end = mt(open) + 1;
          }
          const def = define('table', name.parts, name.first);
          if (columns !== undefined) def.columns = columns;
          historyTable(end, statementEnd(end), columns);
          break;
        }
        if (what.upper === 'SCHEMA') {
          const name = readName(j + 1);
          if (name === undefined) break;
          create('SCHEMA', name.parts[0] ?? '', name.first, false, keyOf('schema', name.parts.slice(-1)));
          define('schema', name.parts.slice(-1), name.first);
          if (isKw(at(name.next), 'AUTHORIZATION')) {
            const who = at(name.next + 1);
            if (isName(who)) principal(who.value, who, 'CREATE SCHEMA … AUTHORIZATION');
          }
          break;
        }
        if (what.upper === 'TYPE') {
          const name = readName(j + 1);
          if (name === undefined) break;
          create('TYPE', displayName('type', name.parts), name.first, false, keyOf('type', name.parts));
          const def = define('type', name.parts, name.first);
          if (isKw(at(name.next), 'AS') && isKw(at(name.next + 1), 'TABLE') && isP(at(name.next + 2), '(') && mt(name.next + 2) > 0) {
            def.columns = readColumns(name.next + 2, mt(name.next + 2));
          }
          break;
        }
        if (what.upper === 'SEQUENCE' || what.upper === 'SYNONYM' || what.upper === 'QUEUE' || what.upper === 'AGGREGATE') {
          const kind: ObjectKind = what.upper === 'SEQUENCE' ? 'sequence' : what.upper === 'SYNONYM' ? 'synonym' : what.upper === 'QUEUE' ? 'queue' : 'aggregate';
          const name = readName(j + 1);
          if (name === undefined) break;
          create(what.upper, displayName(kind, name.parts), name.first, orAlter, keyOf(kind, name.parts));
          const def = define(kind, name.parts, name.first);
          const end = statementEnd(name.next);
          for (let k = name.next; k < end; k++) {
            if (kind === 'aggregate' && isKw(at(k), 'EXTERNAL') && isKw(at(k + 1), 'NAME')) {
              const ext = readName(k + 2);
              if (ext !== undefined) def.external = { assembly: ext.parts[0] ?? '', className: ext.parts.slice(1).join('.') };
            }
            if (kind === 'queue' && isKw(at(k), 'PROCEDURE_NAME') && isP(at(k + 1), '=')) {
              const proc = readName(k + 2);
              if (proc !== undefined) reference('procedure', proc.parts, proc.first, false);
            }
            if (kind === 'queue' && isKw(at(k), 'EXECUTE') && isKw(at(k + 1), 'AS') && at(k + 2)?.kind === 'string') {
              const who = at(k + 2) as Token;
              principal(who.value, who, 'EXECUTE AS');
            }
          }
          break;
        }
        if (what.upper === 'USER' || what.upper === 'ROLE') {
          const name = readName(j + 1);
          if (name === undefined) break;
          const kind: ObjectKind = what.upper === 'USER' ? 'user' : 'role';
          create(what.upper, name.parts[0] ?? '', name.first, false, keyOf(kind, name.parts));
          define(kind, name.parts.slice(-1), name.first);
          if (kind === 'role' && isKw(at(name.next), 'AUTHORIZATION') && isName(at(name.next + 1))) {
            const who = at(name.next + 1) as Token;
            principal(who.value, who, 'CREATE ROLE … AUTHORIZATION');
          }
          break;
        }
        if ((what.upper === 'MESSAGE' && isKw(at(j + 1), 'TYPE')) || what.upper === 'CONTRACT' || what.upper === 'SERVICE') {
          const nameAt = what.upper === 'MESSAGE' ? j + 2 : j + 1;
          const kind: ObjectKind = what.upper === 'MESSAGE' ? 'message-type' : what.upper === 'CONTRACT' ? 'contract' : 'service';
          const name = readName(nameAt);
          if (name === undefined) break;
          const label = what.upper === 'MESSAGE' ? 'MESSAGE TYPE' : what.upper;
          create(label, name.parts.join('.'), name.first, false, keyOf(kind, [name.parts.join('.')]));
          define(kind, [name.parts.join('.')], name.first);
          const end = statementEnd(name.next);
          if (kind === 'contract' && isP(at(name.next), '(')) {
            const close = mt(name.next);
            for (let k = name.next + 1; k < close; k++) {
              const m = readName(k);
              if (m !== undefined && (isP(at(k - 1), '(') || isP(at(k - 1), ',')) && m.first.upper !== 'DEFAULT') {
                reference('message-type', [m.parts.join('.')], m.first);
              }
            }
          }
          if (kind === 'service') {
            for (let k = name.next; k < end; k++) {
              if (isKw(at(k), 'QUEUE')) {
                const q = readName(k + 1);
                if (q !== undefined) {
                  reference('queue', q.parts, q.first);
                  if (isP(at(q.next), '(') && mt(q.next) > 0) {
                    for (let c = q.next + 1; c < mt(q.next); c++) {
                      const ct = readName(c);
                      if (ct !== undefined && (isP(at(c - 1), '(') || isP(at(c - 1), ',')) && ct.first.upper !== 'DEFAULT') reference('contract', [ct.parts.join('.')], ct.first);
                    }
                  }
                }
                break;
              }
            }
          }
          break;
        }
        // INDEX, STATISTICS, ASSEMBLY, LOGIN, …: only the re-runnable rule looks at them.
        let k = j;
        while (isWordIn(at(k), INDEX_PREFIX_WORDS)) k++;
        const label = at(k)?.upper ?? what.upper;
        const name = readName(k + 1);
        if (label === 'ASSEMBLY' && name !== undefined) define('assembly', name.parts.slice(-1), name.first);
        create(label, name?.parts.join('.') ?? '', name?.first ?? t, orAlter, label === 'ASSEMBLY' && name !== undefined ? keyOf('assembly', name.parts) : undefined);
        break;
      }
      case 'ALTER': {
        const what = at(i + 1);
        if (what === undefined || what.kind !== 'word') break;
        if (isW(prev, 'GRANT', 'DENY', 'REVOKE') || isP(prev, ',')) break;
        const moduleKind = MODULE_KINDS[what.upper];
        if (moduleKind !== undefined && module === undefined) {
          const name = readName(i + 2);
          if (name === undefined) break;
          defineModule(moduleKind, name, t, false, true, i + 1);
          i = name.next - 1;
          break;
        }
        if (what.upper === 'TABLE') {
          const name = readName(i + 2);
          if (name === undefined || (name.parts[0] ?? '').startsWith('#')) break;
          const end = statementEnd(name.next);
          if (isKw(at(name.next), 'ADD')) {
            const cols = new Map<string, { name: string; type: string }>();
            // ADD col type [, col type]: reuse the column reader over the clause as if parenthesised.
            const list = readColumnsFlat(name.next + 1, end);
            for (const [key, value] of list) cols.set(key, value);
            if (cols.size > 0) define('table', name.parts, name.first, { synthetic: true, viaAlter: true, columns: cols });
          }
          historyTable(name.next, end, undefined);
          break;
        }
        if (what.upper === 'ROLE') {
          const role = readName(i + 2);
          if (role === undefined) break;
          principal(role.parts[0] ?? '', role.first, 'ALTER ROLE');
          if (isW(at(role.next), 'ADD', 'DROP') && isKw(at(role.next + 1), 'MEMBER')) {
            const member = readName(role.next + 2);
            if (member !== undefined) principal(member.parts[0] ?? '', member.first, 'ALTER ROLE … ADD MEMBER');
          }
          break;
        }
        if (what.upper === 'AUTHORIZATION') {
          const end = statementEnd(i + 2);
          for (let k = i + 2; k < end; k++) {
            if (isKw(at(k), 'TO') && isName(at(k + 1)) && !isKw(at(k + 1), 'SCHEMA')) {
              const who = at(k + 1) as Token;
              principal(who.value, who, 'ALTER AUTHORIZATION');
            }
          }
        }
        break;
      }
      case 'DROP': {
        const what = at(i + 1);
        if (what === undefined || what.kind !== 'word') break;
        if (isW(prev, 'GRANT', 'DENY', 'REVOKE') || isP(prev, ',') || isKw(prev, 'ADD') || isKw(prev, 'ON')) break;
        let j = i + 2;
        let kind = DROP_KINDS[what.upper];
        if (what.upper === 'MESSAGE' && isKw(at(j), 'TYPE')) {
          kind = 'message-type';
          j++;
        }
        if (kind === undefined) break;
        if (isKw(at(j), 'IF') && isKw(at(j + 1), 'EXISTS')) j += 2;
        for (;;) {
          const name = readName(j);
          if (name === undefined) break;
          const parts = kind === 'message-type' || kind === 'contract' || kind === 'service' ? [name.parts.join('.')] : name.parts;
          out.drops.push({ key: keyOf(kind, parts), seq: state.seq++ });
          if (!isP(at(name.next), ',')) break;
          j = name.next + 1;
        }
        break;
      }
      case 'EXEC':
      case 'EXECUTE': {
        const next = at(i + 1);
        if (next === undefined) break;
        if (isP(next, '(')) {
          i = nested(i + 2, sawIf) - 1;
          break;
        }
        if (isKw(next, 'AS')) {
          const who = at(i + 2);
          if (isKw(who, 'USER') && isP(at(i + 3), '=') && at(i + 4)?.kind === 'string') {
            const s = at(i + 4) as Token;
            principal(s.value, s, 'EXECUTE AS USER');
          } else if (who?.kind === 'string') principal(who.value, who, 'EXECUTE AS');
          break;
        }
        let j = i + 1;
        if (next.kind === 'variable') {
          if (!isP(at(i + 2), '=')) break;
          j = i + 3;
        }
        const name = readName(j);
        if (name === undefined) break;
        const last = (name.parts[name.parts.length - 1] ?? '').toLowerCase();
        if (last === 'sp_executesql') {
          let k = name.next;
          if (isKw(at(k), 'N') || at(k)?.kind === 'string') i = nested(k, sawIf) - 1;
          else if (at(k)?.kind === 'variable' && isP(at(k + 1), '=')) {
            k += 2;
            i = nested(k, sawIf) - 1;
          }
          break;
        }
        if (last === 'sp_rename') {
          const a = at(name.next);
          const b = at(name.next + 2);
          const c = at(name.next + 4);
          if (a?.kind === 'string' && b?.kind === 'string') {
            const from = lexNameParts(a.value);
            if (c?.kind === 'string' && c.value.toUpperCase() === 'COLUMN' && from.length >= 2) {
              out.renamedColumns.push({ table: from.slice(0, -1), column: b.value });
            } else if (c === undefined || c.kind !== 'string' || c.value.toUpperCase() === 'OBJECT') {
              const renamed = [...from.slice(0, -1), b.value];
              define('table', renamed, a, { synthetic: true, viaAlter: true });
            }
          }
          break;
        }
        if (last === 'sp_addrolemember') {
          const a = at(name.next);
          const b = at(name.next + 2);
          if (a?.kind === 'string') principal(a.value, a, 'sp_addrolemember');
          if (b?.kind === 'string') principal(b.value, b, 'sp_addrolemember');
          break;
        }
        if (module !== undefined) {
          const system = name.parts.length === 1 && /^(sp|xp)_/i.test(last);
          const schema = (name.parts[name.parts.length - 2] ?? '').toLowerCase();
          if (!system && schema !== 'sys' && name.parts.length <= 2) reference('procedure', name.parts, name.first, false);
        }
        i = name.next - 1;
        break;
      }
      case 'GRANT':
      case 'DENY':
      case 'REVOKE': {
        const end = statementEnd(i + 1);
        let k = i + 1;
        for (; k < end; k++) {
          const w = at(k);
          if (isKw(w, 'ON')) {
            let target = k + 1;
            let cls = 'OBJECT';
            if (isName(at(target)) && isP(at(target + 1), '::')) {
              cls = at(target)?.upper ?? '';
              target += 2;
            } else if (isKw(at(target), 'MESSAGE') && isKw(at(target + 1), 'TYPE') && isP(at(target + 2), '::')) {
              cls = 'MESSAGE TYPE';
              target += 3;
            }
            const name = readName(target);
            if (name !== undefined) {
              if (cls === 'OBJECT' && name.parts.length <= 2) reference('object', name.parts, name.first, false);
              else if (cls === 'SCHEMA') reference('schema', name.parts.slice(-1), name.first, false);
              else if (cls === 'TYPE') reference('type', name.parts, name.first, false);
              else if (cls === 'SERVICE' || cls === 'CONTRACT' || cls === 'MESSAGE TYPE') reference(cls === 'MESSAGE TYPE' ? 'message-type' : cls === 'SERVICE' ? 'service' : 'contract', [name.parts.join('.')], name.first, false);
              k = name.next - 1;
            }
            continue;
          }
          if (isKw(w, 'TO') || (t.upper === 'REVOKE' && isKw(w, 'FROM'))) {
            let p = k + 1;
            for (;;) {
              const who = at(p);
              if (!isName(who)) break;
              principal(who.value, who, t.upper);
              if (!isP(at(p + 1), ',')) break;
              p += 2;
            }
            k = p;
            break;
          }
        }
        i = Math.max(i, k - 1);
        break;
      }
      default:
        if (module !== undefined) moduleToken(i, t);
    }
  }

  if (module !== undefined && !options.nested && moduleTokenIndex >= 0) {
    const balance = blockBalance(moduleTokenIndex);
    if (balance > 0) {
      out.findings.push({ loc: module.loc, severity: 'error', rule: 'go-in-body', message: `The body of ${module.name} is cut by a GO: ${balance} BEGIN/CASE block(s) are still open at the end of its batch`, hint: 'Remove the GO inside the body (GO ends the batch, and with it the CREATE statement).' });
    }
  }

  function readColumnsFlat(from: number, to: number): Map<string, { name: string; type: string }> {
    const columns = new Map<string, { name: string; type: string }>();
    let itemStart = from;
    for (let k = from; k <= to; k++) {
      const t = at(k);
      if (isP(t, '(') && mt(k) > k) {
        k = mt(k);
        continue;
      }
      if (k === to || isP(t, ',')) {
        const head = at(itemStart);
        if (isName(head) && !(head.kind === 'word' && (TABLE_CONSTRAINT_WORDS.has(head.upper) || head.upper === 'COLUMN'))) {
          const typeTok = at(itemStart + 1);
          if (typeTok !== undefined && (isName(typeTok) || isKw(typeTok, 'AS'))) {
            columns.set(head.value.toLowerCase(), { name: head.value, type: isKw(typeTok, 'AS') ? 'computed' : typeTok.value });
          }
        }
        itemStart = k + 1;
      }
    }
    return columns;
  }

  function defineModule(kind: ObjectKind, name: NameRead, createTok: Token, orAlter: boolean, viaAlter: boolean, kindIndex: number): void {
    if (!viaAlter) create(kind.toUpperCase(), displayName(kind, name.parts), name.first, orAlter, keyOf(kind, name.parts));
    const extra: Partial<Definition> = { orAlter };
    if (viaAlter) extra.viaAlter = true;
    if (kind === 'trigger') {
      const end = Math.min(n, name.next + 4);
      for (let k = name.next; k < end; k++) {
        if (isKw(at(k), 'ON')) {
          const target = readName(k + 1);
          if (target !== undefined && !isW(at(k + 1), 'DATABASE', 'ALL')) {
            extra.target = target.parts;
            triggerTarget = target.parts;
          }
          break;
        }
      }
    }
    if (kind === 'function' || kind === 'procedure') {
      // A CLR binding: AS EXTERNAL NAME [Asm].[Ns.Class].[Method].
      for (let k = name.next; k < n; k++) {
        if (isKw(at(k), 'EXTERNAL') && isKw(at(k + 1), 'NAME')) {
          const ext = readName(k + 2);
          if (ext !== undefined) extra.external = { assembly: ext.parts[0] ?? '', className: ext.parts[1] ?? '', method: ext.parts[2] ?? '' };
          break;
        }
        if (isW(at(k), 'BEGIN', 'SELECT', 'RETURN')) break;
      }
    }
    module = define(kind, name.parts, name.first, extra);
    void createTok;
    scope = new ScopeAt(module, state.positions, locate);
    out.scopes.push(scope);
    moduleTokenIndex = kindIndex;
    if (name.parts.length === 2) reference('schema', [name.parts[0] ?? ''], name.first);
    if (kind === 'trigger' && triggerTarget !== undefined) {
      bind('inserted', { type: 'table', parts: triggerTarget });
      bind('deleted', { type: 'table', parts: triggerTarget });
    } else {
      bind('inserted', OPAQUE);
      bind('deleted', OPAQUE);
    }
    if (kind === 'trigger' && triggerTarget !== undefined) {
      // Not a module-body reference of its own: the trigger needs its table.
    }
    moduleHeader(name.next, kind);
  }

  /** A token inside a module body: table sources, calls, columns, CTEs, declarations. */
  function moduleToken(i: number, t: Token): void {
    const prev = at(i - 1);
    switch ((t.cls & W_MODULE_CASE) !== 0 ? t.upper : '') {
      case 'FROM': {
        if (isW(at(i - 1), 'NEXT', 'PRIOR', 'FIRST', 'LAST') || isW(at(i - 2), 'ABSOLUTE', 'RELATIVE') || isKw(prev, 'FETCH')) return;
        if (insideTrim(i)) return;
        if (isKw(at(i + 1), 'SERVICE')) {
          const s = readName(i + 2);
          if (s !== undefined) reference('service', [s.parts.join('.')], s.first);
          return;
        }
        tableSource(i + 1, 'FROM');
        // FROM a x, b y: more sources after commas at depth 0 until a clause word.
        for (let k = i + 1; k < n; k++) {
          const c = at(k);
          if (isP(c, '(') && mt(k) > k) {
            k = mt(k);
            continue;
          }
          if (isP(c, ')') || isP(c, ';')) return;
          if (c !== undefined && (c.cls & (W_STATEMENT | W_FROM_LIST_END)) !== 0) return;
          if (isP(c, ',')) tableSource(k + 1, 'FROM');
        }
        return;
      }
      case 'JOIN':
      case 'APPLY':
        tableSource(i + 1, t.upper);
        return;
      case 'UPDATE':
        if (isP(at(i + 1), '(') || isW(at(i + 1), 'SET', 'STATISTICS')) return;
        tableSource(isKw(at(i + 1), 'TOP') && mt(i + 2) > 0 ? mt(i + 2) + 1 : i + 1, 'UPDATE');
        return;
      case 'DELETE': {
        let k = i + 1;
        if (isKw(at(k), 'TOP') && mt(k + 1) > 0) k = mt(k + 1) + 1;
        if (isKw(at(k), 'FROM')) return;
        tableSource(k, 'DELETE');
        return;
      }
      case 'INSERT': {
        let k = i + 1;
        if (isKw(at(k), 'TOP') && mt(k + 1) > 0) k = mt(k + 1) + 1;
        if (isKw(at(k), 'INTO')) return;
        if (isP(at(k), '(') || isW(at(k), 'VALUES', 'DEFAULT')) return;
        tableSource(k, 'INSERT');
        return;
      }
      case 'INTO':
        if (at(i + 1)?.kind === 'variable') return;
        tableSource(i + 1, 'INTO');
        return;
      case 'MERGE':
        if (isKw(at(i + 1), 'INTO')) return;
        tableSource(isKw(at(i + 1), 'TOP') && mt(i + 2) > 0 ? mt(i + 2) + 1 : i + 1, 'MERGE');
        return;
      case 'USING':
        tableSource(i + 1, 'USING');
        return;
      case 'TRUNCATE':
        if (isKw(at(i + 1), 'TABLE')) tableSource(i + 2, 'TRUNCATE');
        return;
      case 'PIVOT':
      case 'UNPIVOT':
        if (isP(at(i + 1), '(') && mt(i + 1) > 0) {
          const a = aliasAt(mt(i + 1) + 1);
          const aliasTok = at(a);
          if (a >= 0 && aliasTok !== undefined) bind(aliasTok.value, OPAQUE);
        }
        return;
      case 'NEXT':
        if (isKw(at(i + 1), 'VALUE') && isKw(at(i + 2), 'FOR')) {
          const s = readName(i + 3);
          if (s !== undefined && s.parts.length <= 2) reference('sequence', s.parts, s.first);
        }
        return;
      case 'DECLARE':
        parseDeclare(i);
        return;
      case 'TYPE':
        if (isKw(prev, 'MESSAGE')) {
          const m = readName(i + 1);
          if (m !== undefined && isKw(at(i - 2), 'SEND') === false) reference('message-type', [m.parts.join('.')], m.first);
        }
        return;
      case 'CONTRACT':
        if (isKw(prev, 'ON')) {
          const c = readName(i + 1);
          if (c !== undefined) reference('contract', [c.parts.join('.')], c.first);
        }
        return;
      default:
        break;
    }
    // CTE: [WITH | ,] name [(cols)] AS (
    if (scope !== undefined && (isKw(prev, 'WITH') || isP(prev, ','))) {
      let k = i + 1;
      if (isP(at(k), '(') && mt(k) > k) k = mt(k) + 1;
      if (isKw(at(k), 'AS') && isP(at(k + 1), '(')) {
        scope.ctes.add(t.value.toLowerCase());
        bind(t.value, OPAQUE);
        return;
      }
    }
    genericName(i);
  }

  /** Whether token i is inside TRIM( … ). */
  function insideTrim(i: number): boolean {
    // Most batches never name TRIM, and then the walk is skipped.
    if ((classesSeen & W_TRIM) === 0) return false;
    // Walk back to the unmatched '(' enclosing token i.
    let depth = 0;
    for (let k = i - 1; k >= 0 && k > i - 200; k--) {
      const c = at(k);
      if (isP(c, ')')) depth++;
      else if (isP(c, '(')) {
        if (depth === 0) return isKw(at(k - 1), 'TRIM');
        depth--;
      }
    }
    return false;
  }

  /** a.b, a.b.c, schema.fn( in expressions. */
  function genericName(i: number): void {
    if (scope === undefined || module === undefined || consumed[i] === 1) return;
    // A lone word (no '.' after it) is a one-part name: nothing to record, nothing to build.
    if (!isP(at(i + 1), '.')) return;
    const first = at(i);
    const second = at(i + 2);
    if (first !== undefined && isName(second) && !isP(at(i + 3), '.') && !isP(at(i + 3), '(')) {
      // alias.column, by far the most common: recorded without building the name's parts.
      if (first.value !== '' && second.value !== '' && !second.value.startsWith('$')) useColumn(aliasColumns, first.value, undefined, second.value, false, first);
      return;
    }
    const name = readName(i);
    if (name === undefined || name.parts.length < 2) return;
    const call = isP(at(name.next), '(');
    if (call && name.parts.length === 2) {
      if (!scope.aliases.has((name.parts[0] ?? '').toLowerCase())) reference('function', name.parts, name.first);
    } else if (name.parts.length <= 3 && !name.parts.includes('') && !(name.parts[name.parts.length - 1] ?? '').startsWith('$')) {
      const qualifier = name.parts.slice(0, -1);
      const column = name.parts[name.parts.length - 1] ?? '';
      if (qualifier.length === 1) useColumn(aliasColumns, qualifier[0] ?? '', qualifier, column, false, name.first);
      else useColumn(otherColumns, JSON.stringify(qualifier), qualifier, column, false, name.first);
    }
  }

  /**
   * Records a use of `qualifier.column` at token t in the module's column uses, under `key` in
   * `index` (a one-part qualifier is its own key; `qualifier` is built only for a first use).
   */
  function useColumn(index: Map<string, Map<string, number>>, key: string, qualifier: string[] | undefined, column: string, direct: boolean, t: Token): void {
    if (!state.columns || scope === undefined || module === undefined) return;
    let byColumn = index.get(key);
    if (byColumn === undefined) {
      byColumn = new Map();
      index.set(key, byColumn);
    }
    let use = byColumn.get(column);
    if (use === undefined) {
      use = scope.addUse(qualifier === undefined || qualifier.length === 1 ? onePart(qualifier?.[0] ?? key) : qualifier, column, direct);
      byColumn.set(column, use);
    }
    scope.occurs(use, t.line, t.col);
  }
}

function sameBinding(a: AliasBinding, b: AliasBinding): boolean {
  if (a.type === 'opaque' || b.type === 'opaque') return a.type === b.type;
  if (a.parts.length !== b.parts.length) return false;
  for (let k = 0; k < a.parts.length; k++) if (a.parts[k] !== b.parts[k]) return false;
  return true;
}

function isBuiltinRowset(name: string): boolean {
  return /^(OPENJSON|OPENROWSET|OPENQUERY|OPENDATASOURCE|OPENXML|STRING_SPLIT|GENERATE_SERIES|CHANGETABLE|CONTAINSTABLE|FREETEXTTABLE|PREDICT|SEMANTIC\w+|FN_\w+)$/i.test(name);
}

/** Splits "[dbo].[T].[Col]" or "dbo.T.Col" (the text of an sp_rename argument) into parts. */
export function lexNameParts(text: string): string[] {
  const parts: string[] = [];
  for (const t of lexCode(text)) {
    if (t.kind === 'word' || t.kind === 'quoted') parts.push(t.value);
  }
  return parts;
}
