// Queries and data modification: SELECT (with CTEs, set operations, ORDER BY / OFFSET, FOR XML/JSON,
// OPTION), the table sources of FROM (joins, derived tables, VALUES, table-valued and rowset
// functions, PIVOT/UNPIVOT, hints), INSERT, UPDATE, DELETE, MERGE, TRUNCATE TABLE and BULK INSERT.
//
// Grammar: docs/t-sql/queries/select-transact-sql.md, from-transact-sql.md, hints-transact-sql-table.md,
// hints-transact-sql-query.md, insert-transact-sql.md, update-transact-sql.md, delete-transact-sql.md,
// merge-transact-sql.md, output-clause-transact-sql.md.
import type { Token } from '../lexer.js';
import type { ColumnRef, Expression, Ident, ObjectName, Statement, Variable } from './ast.js';
import type { DefaultArgument, Literal, OrderByItem } from './ast-expressions.js';
import type {
  BulkInsert,
  BulkOption,
  ChangeTable,
  ChangeTrackingContext,
  CurrentOf,
  Cte,
  Delete,
  DerivedTable,
  DmlTable,
  ExecSource,
  ForClause,
  FunctionTable,
  GroupBy,
  GroupingItem,
  GroupingSet,
  Insert,
  InsertBulk,
  InsertBulkColumn,
  Join,
  JoinType,
  JsonColumn,
  Merge,
  MergeClause,
  NamedTable,
  OffsetFetch,
  OptimizeForItem,
  OutputClause,
  ParenQuery,
  Predict,
  PartitionRange,
  Pivot,
  QueryExpr,
  QueryHint,
  QueryTail,
  RowValue,
  RowsetFunction,
  Select,
  SelectAssign,
  SelectItem,
  SelectStatement,
  SetClause,
  SetOperation,
  SystemTime,
  TableHint,
  TableSample,
  TableSource,
  Top,
  TruncateTable,
  Unpivot,
  Update,
  ValuesTable,
  VariableTable,
  WindowDefinition,
  XmlNamespace,
  XmlNamespaces,
} from './ast-query.js';
import type { Parser } from './core.js';
import { SyntaxFailure } from './core.js';
import { isQualifiedStar, parseCondition, parseExpression, parseExpressionOrStar, parseOrderByItems, parseWindowSpecification } from './expressions.js';
import { parseUpdateStatistics } from './ddl-tables.js';
import { parseExecuteBody } from './procedural.js';
import { registerStatement } from './statements.js';
import { walk } from './walk.js';

// ---- small helpers ---------------------------------------------------------------------------

const variableFrom = (t: Token): Variable => ({ kind: 'Variable', name: t.text, start: t.start, end: t.end });

function numberLiteral(p: Parser): Literal {
  const t = p.tok;
  if (t.kind !== 'number') p.fail();
  p.next();
  return { kind: 'Literal', type: 'number', value: t.text, start: t.start, end: t.end };
}

function stringLiteral(p: Parser): Literal {
  const t = p.tok;
  if (t.kind !== 'string') p.fail();
  p.next();
  const nstring = t.text.charCodeAt(0) === 78 || t.text.charCodeAt(0) === 110; /* N n */
  return { kind: 'Literal', type: nstring ? 'nstring' : 'string', value: t.value, start: t.start, end: t.end };
}

/** `DEFAULT` where a VALUES row or a SET may use it. */
function defaultOrExpression(p: Parser): Expression {
  if (p.isWord('DEFAULT')) {
    const t = p.next();
    const node: DefaultArgument = { kind: 'DefaultArgument', start: t.start, end: t.end };
    return node;
  }
  return parseExpression(p);
}

function columnRefOf(parts: Ident[], star = false): ColumnRef {
  const first = parts[0];
  const last = parts[parts.length - 1];
  const node: ColumnRef = { kind: 'ColumnRef', parts, start: first?.start ?? 0, end: last?.end ?? 0 };
  if (star) node.star = true;
  return node;
}

/** A column named by 1–4 dotted parts (`a`, `t.a`, `dbo.t.a`). */
function columnName(p: Parser): ColumnRef {
  const parts = [p.identifier()];
  while (p.isPunct('.') && parts.length < 4) {
    p.next();
    parts.push(p.identifierOrKeyword());
  }
  return columnRefOf(parts);
}

/** `( a, b, c )`: a list of plain column names. */
function identList(p: Parser): Ident[] {
  return p.parenList((q) => q.identifier());
}

/**
 * A column of an INSERT column list: `a`, a qualified `t.a` (the last part names the column), or an
 * edge table's pseudo-column `$from_id` / `$to_id`. Parts before the column may be left out
 * (`..t.a`, `db...a`), as in a column's name in an expression.
 */
function insertColumn(p: Parser): Ident {
  const t = p.tok;
  if (t.kind === 'punct' && t.text === '$' && p.peek().kind === 'word' && p.peek().start === t.end) {
    p.next();
    const word = p.next();
    return { kind: 'Ident', value: `$${word.value}`, quoted: false, start: t.start, end: word.end };
  }
  let name = p.isPunct('.') ? undefined : p.identifier();
  for (let parts = 1; p.isPunct('.') && parts < 4; parts++) {
    p.next();
    name = p.isPunct('.') ? undefined : p.identifierOrKeyword();
  }
  return name ?? p.fail();
}

/** An index named in a hint: a name or a number (the index id). */
function indexValue(p: Parser): Ident {
  const t = p.tok;
  if (t.kind === 'number') {
    p.next();
    return { kind: 'Ident', value: t.text, quoted: false, start: t.start, end: t.end };
  }
  return p.identifier();
}

/** Assignment operator at token k: '=', '+=' … (one token), '%=' '&=' '|=' '^=' (two adjacent tokens). */
function assignOpAt(p: Parser, k: number): { op: string; width: number } | undefined {
  const t = p.peek(k);
  if (t.kind !== 'punct') return undefined;
  if (t.text === '=' || t.text === '+=' || t.text === '-=' || t.text === '*=' || t.text === '/=') return { op: t.text, width: 1 };
  if (t.text === '%' || t.text === '&' || t.text === '|' || t.text === '^') {
    const u = p.peek(k + 1);
    if (u.kind === 'punct' && u.text === '=' && u.start === t.end) return { op: `${t.text}=`, width: 2 };
  }
  return undefined;
}

function skip(p: Parser, n: number): void {
  for (let k = 0; k < n; k++) p.next();
}

/**
 * Whether the `(` at token k holds a comma at its own level before its `)`: `(a, b)` is a list where
 * `(a)` or `(a + b) * 2` is an expression.
 */
function parenHoldsList(p: Parser, k: number): boolean {
  let depth = 0;
  for (let i = p.pos + k; i < p.tokens.length - 1; i++) {
    const t = p.tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      if (--depth === 0) return false;
    } else if (t.text === ',' && depth === 1) return true;
  }
  return false;
}

/** Whether a query starts at token k, past any opening parentheses: `SELECT`, `(SELECT`, `((SELECT`. */
function queryStartsAt(p: Parser, k: number): boolean {
  let i = k;
  while (p.isPunct('(', i)) i++;
  return p.isWord('SELECT', i);
}

// ---- aliases ---------------------------------------------------------------------------------

/**
 * A non-reserved word after a table source that is a clause rather than an alias: `WINDOW w AS (`
 * (SELECT's WINDOW clause, SQL Server 2022) and MERGE's `USING`.
 */
function isClauseWord(p: Parser): boolean {
  const t = p.tok;
  if (t.kind !== 'word') return false;
  if (t.upper === 'WINDOW') return p.isIdentifier(1) && p.isWord('AS', 2);
  return t.upper === 'USING';
}

/** `[AS] alias` of a table source: a non-reserved word or a quoted identifier. */
function tableAlias(p: Parser): Ident | undefined {
  if (p.acceptWord('AS')) return p.identifier();
  // Since SQL Server 2022 an unquoted WINDOW after a table opens the WINDOW clause, never an alias
  // (as the SQL Server 2022 parser does).
  if (p.isIdentifier() && !isClauseWord(p) && !p.isWord('WINDOW')) return p.identifier();
  return undefined;
}

/** `[AS] alias` of a select item: a word, a quoted identifier, or a string (`a AS 'b'`, `a 'b'`). */
function columnAlias(p: Parser): Ident | undefined {
  const hadAs = p.acceptWord('AS');
  const t = p.tok;
  if (t.kind === 'string') {
    p.next();
    return { kind: 'Ident', value: t.value, quoted: true, start: t.start, end: t.end };
  }
  if (hadAs) return p.identifier();
  if (p.isIdentifier() && !isClauseWord(p)) return p.identifier();
  return undefined;
}

/** `(a, b)` after a derived table's or function's alias. */
function optionalColumnAliases(p: Parser): Ident[] {
  return p.isPunct('(') ? identList(p) : [];
}

// ---- TOP -------------------------------------------------------------------------------------

/**
 * `TOP (expr) [PERCENT] [WITH TIES]`; `TOP n` without parentheses (an integer or decimal constant)
 * only in SELECT (`legacy`). The parenthesised value may be a query: `TOP ((SELECT …) EXCEPT (…))`.
 */
function parseTop(p: Parser, allowLegacy: boolean, allowTies: boolean): Top {
  const start = p.expectWord('TOP').start;
  let expr: Expression;
  let legacy = false;
  if (p.isPunct('(')) {
    const open = p.next().start;
    p.enter();
    if (queryStartsAt(p, 0)) {
      const query = parseQueryExpression(p);
      expr = { kind: 'Subquery', query, start: open, end: p.tok.end };
    } else expr = parseExpression(p);
    p.expectPunct(')');
    p.leave();
  } else {
    // An integer or decimal constant (as the SQL Server 2022 parser does): not a binary one.
    if (!allowLegacy || p.tok.text.startsWith('0x') || p.tok.text.startsWith('0X')) p.fail();
    expr = numberLiteral(p);
    legacy = true;
  }
  const percent = p.acceptWord('PERCENT');
  if (percent) checkPercent(p, expr);
  else checkRowCount(p, expr);
  let withTies = false;
  // In a SELECT nothing else can follow TOP with WITH: `TOP 1 WITH x` fails at x.
  if (allowTies && p.acceptWord('WITH')) {
    p.expectWord('TIES');
    withTies = true;
  }
  const node: Top = { kind: 'Top', expr, percent, withTies, start, end: p.prev.end };
  if (legacy) node.legacy = true;
  return node;
}

/** Msg 1060: a constant row count of TOP without PERCENT is an integer (`TOP 2.5` fails). */
function checkRowCount(p: Parser, expr: Expression): void {
  let e = expr;
  while (e.kind === 'Paren') e = e.expr;
  if (e.kind !== 'Literal' || e.type !== 'number' || e.value.startsWith('0x') || e.value.startsWith('0X')) return;
  if (e.value.includes('.') || e.value.includes('e') || e.value.includes('E')) {
    throw new SyntaxFailure(1060, 'The number of rows provided for a TOP or FETCH clauses row count parameter must be an integer.', p.tokenAt(e.start));
  }
}

/** Msg 1031: a constant TOP … PERCENT outside 0–100 (a negative constant included). */
function checkPercent(p: Parser, expr: Expression): void {
  let e = expr;
  let negative = false;
  for (;;) {
    if (e.kind === 'Paren') e = e.expr;
    else if (e.kind === 'Unary' && e.op !== '~') {
      if (e.op === '-') negative = !negative;
      e = e.operand;
    } else break;
  }
  if (e.kind !== 'Literal' || e.type !== 'number') return;
  const value = Number(e.value);
  if (Number.isNaN(value) || (!negative && value <= 100) || (negative && value === 0)) return;
  throw new SyntaxFailure(1031, 'Percent values must be between 0 and 100.', p.tokenAt(e.start));
}

// ---- SELECT ----------------------------------------------------------------------------------

/** `t.*`, `dbo.t.*` at the current token: the number of name parts before `.*`, or 0. */
function qualifiedStarParts(p: Parser): number {
  let k = 0;
  for (;;) {
    const t = p.peek(k);
    if (t.kind !== 'word' && t.kind !== 'quoted') return 0;
    if (!p.isPunct('.', k + 1)) return 0;
    if (p.isPunct('*', k + 2)) return k / 2 + 1;
    k += 2;
    if (k > 6) return 0;
  }
}

/**
 * One item of a select list (or of an OUTPUT list when `allowAssign` is false): `*`, `t.*`,
 * `@v = e`, `alias = e`, `'alias' = e`, `e [AS] alias`.
 */
function parseSelectItem(p: Parser, allowAssign: boolean): SelectItem | SelectAssign {
  const t = p.tok;
  const start = t.start;
  if (p.isPunct('*')) {
    p.next();
    const star: ColumnRef = { kind: 'ColumnRef', parts: [], star: true, start, end: t.end };
    return { kind: 'SelectItem', expr: star, start, end: t.end };
  }
  const starParts = qualifiedStarParts(p);
  if (starParts > 0) {
    const parts: Ident[] = [];
    for (let k = 0; k < starParts; k++) {
      parts.push(p.identifierOrKeyword());
      p.next(); // the dot
    }
    p.next(); // *
    const expr = columnRefOf(parts, true);
    expr.end = p.prev.end;
    return { kind: 'SelectItem', expr, start, end: p.prev.end };
  }
  // `..t.*`, `db..t.*`: the database or schema left out, as in a column's name.
  if (isQualifiedStar(p)) {
    const expr = parseExpressionOrStar(p);
    return { kind: 'SelectItem', expr, start, end: p.prev.end };
  }
  // A local variable's name may itself start with @@ (`DECLARE @@v int`): `SELECT @@v = 1` assigns it.
  if (allowAssign && t.kind === 'variable') {
    const op = assignOpAt(p, 1);
    if (op !== undefined) {
      const target = variableFrom(p.next());
      skip(p, op.width);
      const expr = parseExpression(p);
      return { kind: 'SelectAssign', target, op: op.op, expr, start, end: p.prev.end };
    }
  }
  if ((p.isIdentifier() || t.kind === 'string') && p.isPunct('=', 1)) {
    p.next();
    p.next();
    const alias: Ident = { kind: 'Ident', value: t.value, quoted: t.kind !== 'word', start: t.start, end: t.end };
    const expr = parseExpression(p);
    return { kind: 'SelectItem', expr, alias, start, end: p.prev.end };
  }
  const expr = parseExpression(p);
  const alias = columnAlias(p);
  const item: SelectItem = { kind: 'SelectItem', expr, start, end: p.prev.end };
  if (alias !== undefined) item.alias = alias;
  return item;
}

/** One SELECT: `SELECT [ALL|DISTINCT] [TOP …] list [INTO t] [FROM …] [WHERE] [GROUP BY] [HAVING] [WINDOW]`. */
/**
 * Where SELECT … INTO may stand: the first query of a statement ('first'), a later member of a
 * statement's UNION (Msg 196), or nowhere else (subqueries, INSERT … SELECT: a syntax error).
 */
type IntoMode = 'first' | 'union' | 'no';

function parseSelect(p: Parser, into: IntoMode): Select {
  const start = p.expectWord('SELECT').start;
  let distinct = false;
  if (p.acceptWord('DISTINCT')) distinct = true;
  else p.acceptWord('ALL');
  const node: Select = { kind: 'Select', distinct, items: [], from: [], start, end: start };
  if (p.isWord('TOP')) node.top = parseTop(p, true, true);
  node.items = p.commaList((q) => parseSelectItem(q, true));
  rejectMixedAssignment(p, node.items);
  if (p.isWord('INTO')) {
    if (into === 'union') throw new SyntaxFailure(196, 'SELECT INTO must be the first query in a statement containing a UNION, INTERSECT or EXCEPT operator.', p.tok);
    if (into === 'no') p.fail();
    p.next();
    node.into = p.objectName();
    // SELECT … INTO t ON filegroup (SQL Server 2017+)
    if (p.acceptWord('ON')) node.intoFilegroup = p.identifier();
  }
  if (p.acceptWord('FROM')) node.from = p.commaList(parseTableSource);
  if (p.acceptWord('WHERE')) node.where = parseCondition(p);
  // GROUP and ORDER are reserved: after a query they can only open their clause (`GROUP a` fails at a).
  if (p.isWord('GROUP')) node.groupBy = parseGroupBy(p);
  if (p.acceptWord('HAVING')) {
    node.having = parseCondition(p);
    rejectGraphMatch(p, node.having);
  }
  // WINDOW followed by a name can only open the WINDOW clause here (2022): commit to it.
  if (p.isWord('WINDOW') && p.isIdentifier(1)) {
    p.next();
    node.window = p.commaList(parseWindowDefinition);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * A select list either assigns variables (`@v = e`) or returns columns, never both (Msg 141; docs
 * "SELECT @local_variable": a SELECT with a variable assignment can't also retrieve a result set).
 */
function rejectMixedAssignment(p: Parser, items: readonly (SelectItem | SelectAssign)[]): void {
  const first = items[0];
  if (first === undefined) return;
  for (let k = 1; k < items.length; k++) {
    const item = items[k] as SelectItem | SelectAssign;
    if (item.kind !== first.kind) throw new SyntaxFailure(141, 'A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations.', p.tokenAt(item.start));
  }
}

/**
 * A graph MATCH stands only in a WHERE clause (the only clause where SQL Server 2022 allows it):
 * in HAVING it fails at MATCH. Subqueries are skipped — their own WHERE may hold one.
 */
function rejectGraphMatch(p: Parser, condition: Expression): void {
  walk(condition, (n) => {
    if (n.kind === 'GraphMatch') p.fail(p.tokenAt(n.start));
    return n.kind !== 'Subquery' && n.kind !== 'Exists' && n.kind !== 'InSubquery';
  });
}

/** `w AS ( [base] [PARTITION BY …] [ORDER BY …] [ROWS|RANGE …] )` of a WINDOW clause. */
function parseWindowDefinition(p: Parser): WindowDefinition {
  const name = p.identifier();
  p.expectWord('AS');
  const spec = parseWindowSpecification(p, p.tok.start, true);
  return { kind: 'WindowDefinition', name, spec, start: name.start, end: p.prev.end };
}

const GROUP_BY_ALL_MESSAGE = 'The CUBE, ROLLUP, and GROUPING SETS constructs are not allowed in a GROUP BY ALL clause.';

/**
 * `GROUP BY [ALL] item, … [WITH ROLLUP | WITH CUBE]` (as the SQL Server 2022 parser does). GROUP BY ALL takes no
 * CUBE, ROLLUP or GROUPING SETS, WITH ROLLUP / WITH CUBE included (Msg 1028); the WITH suffix does
 * not follow a ROLLUP, CUBE or GROUPING SETS item.
 */
function parseGroupBy(p: Parser): GroupBy {
  const start = p.expectWord('GROUP').start;
  p.expectWord('BY');
  const all = p.acceptWord('ALL');
  const items = p.commaList((q) => parseGroupingItem(q, all));
  const node: GroupBy = { kind: 'GroupBy', all, items, start, end: p.prev.end };
  if (p.isWord('WITH') && (p.isWord('ROLLUP', 1) || p.isWord('CUBE', 1))) {
    if (all) throw new SyntaxFailure(1028, GROUP_BY_ALL_MESSAGE, p.peek());
    if (items.some((i) => i.kind === 'GroupingSet' && i.type !== 'LIST')) p.fail();
    p.next();
    node.with = p.next().upper === 'ROLLUP' ? 'ROLLUP' : 'CUBE';
    node.end = p.prev.end;
  }
  return node;
}

/** A GROUP BY item: ROLLUP (…), CUBE (…), GROUPING SETS (…), the grand total `()`, or an expression. */
function parseGroupingItem(p: Parser, all: boolean): GroupingItem {
  const start = p.tok.start;
  if (p.isWords('GROUPING', 'SETS')) {
    if (all) throw new SyntaxFailure(1028, GROUP_BY_ALL_MESSAGE, p.tok);
    skip(p, 2);
    const items = p.parenList(parseGroupingSetsMember);
    const node: GroupingSet = { kind: 'GroupingSet', type: 'GROUPING SETS', items, start, end: p.prev.end };
    return node;
  }
  if (atCubeOrRollup(p)) {
    if (all) throw new SyntaxFailure(1028, GROUP_BY_ALL_MESSAGE, p.tok);
    return parseCubeOrRollup(p);
  }
  if (p.isPunct('(') && p.isPunct(')', 1)) return grandTotal(p);
  return parseExpression(p);
}

const atCubeOrRollup = (p: Parser): boolean => (p.isWord('ROLLUP') || p.isWord('CUBE')) && p.isPunct('(', 1);

function grandTotal(p: Parser): GroupingSet {
  const start = p.next().start;
  p.next();
  return { kind: 'GroupingSet', type: 'LIST', items: [], start, end: p.prev.end };
}

/** `ROLLUP (arg, …)` / `CUBE (arg, …)`: each argument an expression or a parenthesised list of them. */
function parseCubeOrRollup(p: Parser): GroupingSet {
  const start = p.tok.start;
  const type = p.next().upper === 'ROLLUP' ? 'ROLLUP' : 'CUBE';
  const items = p.parenList((q) => (q.isPunct('(') && parenHoldsList(q, 0) ? compositeItem(q, parseExpression) : parseExpression(q)));
  return { kind: 'GroupingSet', type, items, start, end: p.prev.end };
}

/** `( a, b, … )` as one grouping element. */
function compositeItem(p: Parser, item: (q: Parser) => GroupingItem): GroupingSet {
  const start = p.tok.start;
  const items = p.parenList(item);
  return { kind: 'GroupingSet', type: 'LIST', items, start, end: p.prev.end };
}

/** A member of GROUPING SETS (…): `()`, `( item, … )`, ROLLUP (…), CUBE (…) or an expression. */
function parseGroupingSetsMember(p: Parser): GroupingItem {
  if (p.isPunct('(') && p.isPunct(')', 1)) return grandTotal(p);
  if (p.isPunct('(') && (parenHoldsList(p, 0) || (p.peek().kind === 'word' && (p.peek().upper === 'ROLLUP' || p.peek().upper === 'CUBE') && p.isPunct('(', 2)))) {
    return compositeItem(p, groupingSetItem);
  }
  return groupingSetItem(p);
}

const groupingSetItem = (p: Parser): GroupingItem => (atCubeOrRollup(p) ? parseCubeOrRollup(p) : parseExpression(p));

/** `ORDER BY expr [ASC|DESC], …` (the parser stands on ORDER). */
export function parseOrderByClause(p: Parser): OrderByItem[] {
  p.expectWord('ORDER');
  p.expectWord('BY');
  return parseOrderByItems(p);
}

/** `OFFSET n {ROW|ROWS} [FETCH {FIRST|NEXT} n {ROW|ROWS} ONLY]` */
function parseOffsetFetch(p: Parser): OffsetFetch {
  const start = p.expectWord('OFFSET').start;
  const offset = parseExpression(p);
  if (!p.acceptWord('ROWS') && !p.acceptWord('ROW')) p.fail();
  const node: OffsetFetch = { kind: 'OffsetFetch', offset, start, end: p.prev.end };
  if (p.acceptWord('FETCH')) {
    if (!p.acceptWord('NEXT') && !p.acceptWord('FIRST')) p.fail();
    node.fetch = parseExpression(p);
    if (!p.acceptWord('ROWS') && !p.acceptWord('ROW')) p.fail();
    p.expectWord('ONLY');
    node.end = p.prev.end;
  }
  return node;
}

/** `FOR XML …`, `FOR JSON …`, `FOR BROWSE` (a cursor's `FOR UPDATE` / `FOR READ ONLY` is not ours). */
function atForClause(p: Parser): boolean {
  return p.isWord('FOR') && (p.isWord('XML', 1) || p.isWord('JSON', 1) || p.isWord('BROWSE', 1));
}

/** An optional `('name')` after RAW, PATH, ROOT. */
function optionalNameArg(p: Parser): string | undefined {
  if (!p.isPunct('(')) return undefined;
  p.next();
  const t = p.tok;
  if (t.kind !== 'string') p.fail();
  p.next();
  p.expectPunct(')');
  return t.value;
}

const FOR_XML_MODES: ReadonlySet<string> = new Set(['RAW', 'AUTO', 'EXPLICIT', 'PATH']);
const FOR_JSON_MODES: ReadonlySet<string> = new Set(['AUTO', 'PATH']);

function parseForClause(p: Parser): ForClause {
  const start = p.expectWord('FOR').start;
  const type = p.next().upper;
  if (type === 'BROWSE') return { kind: 'ForClause', type: 'BROWSE', options: [], start, end: p.prev.end };
  const xml = type === 'XML';
  if (!p.isAnyWord(xml ? FOR_XML_MODES : FOR_JSON_MODES)) p.fail();
  const mode = p.next().upper;
  const node: ForClause = { kind: 'ForClause', type: xml ? 'XML' : 'JSON', mode, options: [], start, end: p.prev.end };
  if (mode === 'RAW' || mode === 'PATH') {
    const name = optionalNameArg(p);
    if (name !== undefined) node.elementName = name;
  }
  while (p.acceptPunct(',')) {
    const at = p.tok;
    const option = xml ? parseForXmlOption(p, node) : parseForJsonOption(p, node);
    if (conflictingForOption(node.options, option)) p.fail(at);
    node.options.push(option);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * An option given twice (`, ROOT, ROOT`; `ELEMENTS XSINIL, ELEMENTS`), or FOR JSON's ROOT together
 * with WITHOUT_ARRAY_WRAPPER: the parser rejects it at the second one (as the SQL Server 2022 parser does).
 */
function conflictingForOption(seen: readonly string[], option: string): boolean {
  const head = option.startsWith('ELEMENTS') ? 'ELEMENTS' : option;
  for (const s of seen) {
    const other = s.startsWith('ELEMENTS') ? 'ELEMENTS' : s;
    if (other === head) return true;
    if ((other === 'ROOT' && head === 'WITHOUT_ARRAY_WRAPPER') || (other === 'WITHOUT_ARRAY_WRAPPER' && head === 'ROOT')) return true;
  }
  return false;
}

/** `, TYPE`, `, ROOT[('r')]`, `, ELEMENTS [XSINIL|ABSENT]`, `, BINARY BASE64`, `, XMLDATA`, `, XMLSCHEMA[('uri')]` */
function parseForXmlOption(p: Parser, node: ForClause): string {
  const word = p.tok.upper;
  if (p.tok.kind !== 'word') p.fail();
  switch (word) {
    case 'TYPE':
    case 'XMLDATA':
      p.next();
      return word;
    case 'ROOT': {
      p.next();
      const root = optionalNameArg(p);
      if (root !== undefined) node.root = root;
      return word;
    }
    case 'XMLSCHEMA':
      p.next();
      optionalNameArg(p);
      return word;
    case 'ELEMENTS':
      p.next();
      if (p.isWord('XSINIL') || p.isWord('ABSENT')) return `ELEMENTS ${p.next().upper}`;
      return word;
    case 'BINARY':
      p.next();
      p.expectWord('BASE64');
      return 'BINARY BASE64';
    default:
      return p.fail();
  }
}

/** `, ROOT[('r')]`, `, INCLUDE_NULL_VALUES`, `, WITHOUT_ARRAY_WRAPPER` */
function parseForJsonOption(p: Parser, node: ForClause): string {
  const word = p.tok.upper;
  if (p.tok.kind !== 'word') p.fail();
  if (word === 'ROOT') {
    p.next();
    const root = optionalNameArg(p);
    if (root !== undefined) node.root = root;
    return word;
  }
  if (word === 'INCLUDE_NULL_VALUES' || word === 'WITHOUT_ARRAY_WRAPPER') {
    p.next();
    return word;
  }
  return p.fail();
}

/** ORDER BY / OFFSET … FETCH / FOR XML|JSON|BROWSE after a query. */
function parseQueryTail(p: Parser): QueryTail {
  const tail: QueryTail = {};
  if (p.isWord('ORDER')) {
    tail.orderBy = parseOrderByClause(p);
    if (p.isWord('OFFSET')) tail.offset = parseOffsetFetch(p);
  }
  if (atForClause(p)) tail.forClause = parseForClause(p);
  return tail;
}

function applyTail(target: QueryTail & { end: number }, tail: QueryTail, end: number): void {
  if (tail.orderBy !== undefined) target.orderBy = tail.orderBy;
  if (tail.offset !== undefined) target.offset = tail.offset;
  if (tail.forClause !== undefined) target.forClause = tail.forClause;
  if (tail.orderBy !== undefined || tail.forClause !== undefined) target.end = end;
}

/** The first SELECT of a query (the one whose TOP allows an ORDER BY in a subquery). */
function firstSelect(q: QueryExpr): Select {
  let cur: QueryExpr = q;
  for (;;) {
    if (cur.kind === 'Select') return cur;
    cur = cur.kind === 'SetOperation' ? cur.left : cur.query;
  }
}

/**
 * A query with UNION / EXCEPT / INTERSECT (INTERSECT binds tighter), without ORDER BY: the body of a
 * statement or subquery.
 */
function parseQueryBody(p: Parser, into: IntoMode = 'no', members: MemberTails = 'no'): QueryExpr {
  let left = parseIntersectTerm(p, into, members);
  for (;;) {
    let op: SetOperation['op'];
    if (p.isWord('UNION')) {
      p.next();
      op = p.acceptWord('ALL') ? 'UNION ALL' : 'UNION';
    } else if (p.isWord('EXCEPT')) {
      p.next();
      op = 'EXCEPT';
    } else return left;
    const right = parseIntersectTerm(p, into === 'no' ? 'no' : 'union', members);
    left = { kind: 'SetOperation', op, left, right, start: left.start, end: p.prev.end };
  }
}

function parseIntersectTerm(p: Parser, into: IntoMode, members: MemberTails): QueryExpr {
  let left = memberTail(p, parseQueryPrimary(p, into, members), members);
  while (p.acceptWord('INTERSECT')) {
    const right = memberTail(p, parseQueryPrimary(p, into === 'no' ? 'no' : 'union', members), members);
    left = { kind: 'SetOperation', op: 'INTERSECT', left, right, start: left.start, end: p.prev.end };
  }
  return left;
}

/**
 * 'yes' in a subquery, derived table or CTE: there each SELECT of a UNION / EXCEPT / INTERSECT may
 * carry its own ORDER BY [OFFSET] and FOR clause (the subquery grammar of SQL Server's parser), as in
 * `(SELECT TOP (5) … ORDER BY a UNION SELECT TOP (5) … ORDER BY b)`, each ORDER BY allowed only with
 * TOP, OFFSET or FOR (Msg 1033). A statement's query takes one ORDER BY, at its end.
 */
type MemberTails = 'yes' | 'no';

/**
 * The ORDER BY / OFFSET / FOR of one SELECT when a set operator follows it (see MemberTails); one
 * that ends the query is left for the query (read again there).
 */
function memberTail(p: Parser, query: QueryExpr, members: MemberTails): QueryExpr {
  if (members === 'no' || query.kind !== 'Select' || !(p.isWord('ORDER') || atForClause(p))) return query;
  const save = p.pos;
  const orderToken = p.tok;
  const tail = parseQueryTail(p);
  if (!(p.isWord('UNION') || p.isWord('EXCEPT') || p.isWord('INTERSECT'))) {
    p.pos = save;
    return query;
  }
  if (!orderByAllowed(query, tail)) throw new SyntaxFailure(1033, ORDER_BY_MESSAGE, orderToken);
  checkQuery(p, query, tail, query.start);
  applyTail(query, tail, p.prev.end);
  return query;
}

/** `SELECT …` or `( query [ORDER BY …] )`. */
function parseQueryPrimary(p: Parser, into: IntoMode, members: MemberTails): QueryExpr {
  if (p.isPunct('(')) {
    const start = p.next().start;
    p.enter();
    const query = parseQueryBody(p, into, members);
    const tail = parseQueryTail(p);
    p.expectPunct(')');
    p.leave();
    const node: ParenQuery = { kind: 'ParenQuery', query, start, end: p.prev.end };
    applyTail(node, tail, p.prev.end);
    return node;
  }
  if (!p.isWord('SELECT')) p.fail();
  return parseSelect(p, into);
}

const ORDER_BY_MESSAGE =
  'The ORDER BY clause is invalid in views, inline functions, derived tables, subqueries, and common table expressions, unless TOP, OFFSET or FOR XML is also specified.';

/** ORDER BY in a query that is not a whole statement needs TOP, OFFSET or FOR (Msg 1033). */
function orderByAllowed(query: QueryExpr, tail: QueryTail): boolean {
  return tail.orderBy === undefined || tail.offset !== undefined || tail.forClause !== undefined || firstSelect(query).top !== undefined;
}

/**
 * For the rules whose body is a whole SELECT statement but that SQL Server treats as a subquery
 * (CREATE VIEW, an inline function's RETURN): fails with Msg 1033 at ORDER when its ORDER BY has no
 * TOP, OFFSET or FOR XML.
 */
export function checkOrderByInSubquery(p: Parser, statement: SelectStatement): void {
  const first = statement.orderBy?.[0];
  if (first === undefined || orderByAllowed(statement.query, statement)) return;
  // The ORDER keyword: the last ORDER token before the first item.
  let k = p.tokens.length - 1;
  while (k > 0 && (p.tokens[k] as Token).start >= first.start) k--;
  while (k > 0 && !((p.tokens[k] as Token).kind === 'word' && (p.tokens[k] as Token).upper === 'ORDER')) k--;
  throw new SyntaxFailure(1033, ORDER_BY_MESSAGE, p.tokens[k] as Token);
}

/**
 * A query used inside another construct (subquery, derived table, CTE, view, inline function, IN,
 * EXISTS): set operations, then ORDER BY only with TOP, OFFSET or FOR (else Msg 1033).
 */
export function parseQueryExpression(p: Parser): QueryExpr {
  p.enter();
  const query = parseQueryBody(p, 'no', 'yes');
  const orderToken = p.tok;
  const tail = parseQueryTail(p);
  if (!orderByAllowed(query, tail)) throw new SyntaxFailure(1033, ORDER_BY_MESSAGE, orderToken);
  checkQuery(p, query, tail, query.start);
  applyTail(query, tail, p.prev.end);
  p.leave();
  return query;
}

// ---- checks SQL Server makes when it compiles a query ------------------------------------------

/** The number of columns a query yields, when it has no `*` (undefined otherwise). */
function columnCount(q: QueryExpr): number | undefined {
  if (q.kind === 'ParenQuery') return columnCount(q.query);
  if (q.kind === 'SetOperation') return columnCount(q.left);
  for (const item of q.items) if (item.kind === 'SelectItem' && item.expr.kind === 'ColumnRef' && item.expr.star === true) return undefined;
  return q.items.length;
}

/**
 * Msg 205 (set operation members of different widths), Msg 1062 (TOP … WITH TIES without ORDER BY),
 * Msg 10741 (TOP with OFFSET).
 */
function checkQuery(p: Parser, query: QueryExpr, tail: QueryTail, start: number): void {
  checkSetWidths(p, query, start);
  if (query.kind !== 'Select' || query.top === undefined) return;
  if (query.top.withTies && tail.orderBy === undefined) {
    throw new SyntaxFailure(1062, 'The TOP N WITH TIES clause is not allowed without a corresponding ORDER BY clause.', p.tokenAt(query.top.start));
  }
  if (tail.offset !== undefined) throw new SyntaxFailure(10741, 'A TOP can not be used in the same query or sub-query as a OFFSET.', p.tokenAt(query.top.start));
}

function checkSetWidths(p: Parser, query: QueryExpr, start: number): void {
  if (query.kind === 'ParenQuery') return checkSetWidths(p, query.query, start);
  if (query.kind !== 'SetOperation') return;
  checkSetWidths(p, query.left, start);
  checkSetWidths(p, query.right, start);
  const left = columnCount(query.left);
  const right = columnCount(query.right);
  if (left !== undefined && right !== undefined && left !== right) {
    throw new SyntaxFailure(205, 'All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists.', p.tokenAt(start));
  }
}

/** Msg 10709: every row of a VALUES list has the same number of values. */
function checkRowWidths(p: Parser, rows: RowValue[]): void {
  const width = rows[0]?.values.length;
  for (const row of rows) {
    if (row.values.length !== width) throw new SyntaxFailure(10709, 'The number of columns for each row in a table value constructor must be the same.', p.tokenAt(row.start));
  }
}

/** Msgs 109/110 and 120/121: an INSERT's column list and the values or select list it gets. */
function checkInsertWidth(p: Parser, columns: number, values: number | undefined, select: boolean, start: number): void {
  if (columns === 0 || values === undefined || values === columns) return;
  const at = p.tokenAt(start);
  if (select) {
    if (values < columns) throw new SyntaxFailure(120, 'The select list for the INSERT statement contains fewer items than the insert list. The number of SELECT values must match the number of INSERT columns.', at);
    throw new SyntaxFailure(121, 'The select list for the INSERT statement contains more items than the insert list. The number of SELECT values must match the number of INSERT columns.', at);
  }
  if (values < columns) throw new SyntaxFailure(109, 'There are more columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.', at);
  throw new SyntaxFailure(110, 'There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.', at);
}

// ---- WITH: common table expressions --------------------------------------------------------

interface WithPrefix {
  ctes: Cte[];
  xmlNamespaces?: XmlNamespaces;
  changeTrackingContext?: ChangeTrackingContext;
}

/** `name [(cols)] AS ( query )` */
function parseCte(p: Parser): Cte {
  const name = p.identifier();
  const columns = p.isPunct('(') ? identList(p) : [];
  p.expectWord('AS');
  p.expectPunct('(');
  const query = parseQueryExpression(p);
  p.expectPunct(')');
  return { kind: 'Cte', name, columns, query, start: name.start, end: p.prev.end };
}

/** `XMLNAMESPACES ('uri' AS p, DEFAULT 'uri')` */
function parseXmlNamespaces(p: Parser): XmlNamespaces {
  const start = p.expectWord('XMLNAMESPACES').start;
  const items = p.parenList((q): XmlNamespace => {
    const s = q.tok.start;
    if (q.acceptWord('DEFAULT')) return { kind: 'XmlNamespace', uri: stringLiteral(q), start: s, end: q.prev.end };
    const uri = stringLiteral(q);
    q.expectWord('AS');
    const prefix = q.identifier();
    return { kind: 'XmlNamespace', uri, prefix, start: s, end: q.prev.end };
  });
  return { kind: 'XmlNamespaces', items, start, end: p.prev.end };
}

/** `WITH [XMLNAMESPACES (…) ,] [CHANGE_TRACKING_CONTEXT (…)] cte, …` */
function parseWithPrefix(p: Parser): WithPrefix {
  p.expectWord('WITH');
  const prefix: WithPrefix = { ctes: [] };
  if (p.isWord('CHANGE_TRACKING_CONTEXT') && p.isPunct('(', 1)) {
    const start = p.next().start;
    p.next();
    // As the SQL Server 2022 parser reads it: a binary constant or a variable, nothing else.
    const ctx = p.tok;
    const isBinary = ctx.kind === 'number' && (ctx.text.startsWith('0x') || ctx.text.startsWith('0X'));
    if (!isBinary && !p.isVariable()) p.fail();
    const context = parseExpression(p);
    p.expectPunct(')');
    prefix.changeTrackingContext = { kind: 'ChangeTrackingContext', context, start, end: p.prev.end };
    // CTEs may follow the context (as the SQL Server 2022 parser does).
    if (p.acceptPunct(',')) prefix.ctes = p.commaList(parseCte);
    return prefix;
  }
  if (p.isWord('XMLNAMESPACES') && p.isPunct('(', 1)) {
    prefix.xmlNamespaces = parseXmlNamespaces(p);
    if (!p.acceptPunct(',')) return prefix;
  }
  prefix.ctes = p.commaList(parseCte);
  return prefix;
}

/** `WITH cte AS (…), …` (the parser stands on WITH). */
export function parseWithCtes(p: Parser): Cte[] {
  return parseWithPrefix(p).ctes;
}

const WITH_MESSAGE =
  "Incorrect syntax near the keyword 'with'. If this statement is a common table expression, an xmlnamespaces clause or a change tracking context clause, the previous statement must be terminated with a semicolon.";

/**
 * A statement starting with WITH. SQL Server requires the statement before it to end with `;`
 * (Msg 319) unless WITH opens the batch or a block.
 */
function parseWithStatement(p: Parser): Statement {
  const withTok = p.tok;
  if (!p.cteAllowedHere) throw new SyntaxFailure(319, WITH_MESSAGE, withTok);
  const prefix = parseWithPrefix(p);
  const start = withTok.start;
  const t = p.tok;
  if (t.kind === 'word') {
    switch (t.upper) {
      case 'SELECT':
        return selectStatementAfter(p, start, prefix);
      case 'INSERT':
        return parseInsert(p, start, prefix);
      case 'UPDATE':
        return parseUpdate(p, start, prefix);
      case 'DELETE':
        return parseDelete(p, start, prefix);
      case 'MERGE':
        return parseMerge(p, start, prefix);
    }
  } else if (p.isPunct('(')) return selectStatementAfter(p, start, prefix);
  return p.fail();
}

// ---- SELECT statement ----------------------------------------------------------------------

/** A whole SELECT statement, CTEs included: `[WITH …] query [ORDER BY] [OFFSET] [FOR] [OPTION]`. */
export function parseSelectStatement(p: Parser): SelectStatement {
  const start = p.tok.start;
  if (p.isPunct('(') && p.isWord('WITH', 1)) {
    // An inline function's `RETURN ( WITH cte AS (…) SELECT … )`: the statement in parentheses.
    p.next();
    p.enter();
    const inner = parseSelectStatement(p);
    p.expectPunct(')');
    p.leave();
    inner.start = start;
    inner.end = p.prev.end;
    return inner;
  }
  const prefix: WithPrefix = p.isWord('WITH') ? parseWithPrefix(p) : { ctes: [] };
  return selectStatementAfter(p, start, prefix);
}

function selectStatementAfter(p: Parser, start: number, prefix: WithPrefix): SelectStatement {
  const query = parseQueryBody(p, 'first');
  const node: SelectStatement = { kind: 'SelectStatement', ctes: prefix.ctes, query, start, end: start };
  if (prefix.xmlNamespaces !== undefined) node.xmlNamespaces = prefix.xmlNamespaces;
  const tail = parseQueryTail(p);
  if (tail.orderBy !== undefined) node.orderBy = tail.orderBy;
  if (tail.offset !== undefined) node.offset = tail.offset;
  if (tail.forClause !== undefined) node.forClause = tail.forClause;
  checkQuery(p, query, tail, start);
  if (p.isWord('OPTION')) node.option = parseOptionClause(p);
  node.end = p.prev.end;
  return node;
}

// ---- OPTION (query hints) --------------------------------------------------------------------

/** `OPTION ( hint, … )` */
function parseOptionClause(p: Parser): QueryHint[] {
  p.expectWord('OPTION');
  return p.parenList(parseQueryHint);
}

/** Hints that are one or more fixed words: the words after the first, by the first. */
const WORD_HINTS: ReadonlyMap<string, readonly string[][]> = new Map([
  ['HASH', [['GROUP'], ['UNION'], ['JOIN']]],
  ['ORDER', [['GROUP']]],
  ['CONCAT', [['UNION']]],
  ['MERGE', [['UNION'], ['JOIN']]],
  ['LOOP', [['JOIN']]],
  ['EXPAND', [['VIEWS']]],
  ['FORCE', [['ORDER'], ['EXTERNALPUSHDOWN'], ['SCALEOUTEXECUTION']]],
  ['DISABLE', [['EXTERNALPUSHDOWN'], ['SCALEOUTEXECUTION']]],
  ['KEEP', [['PLAN'], ['UNION']]],
  ['KEEPFIXED', [['PLAN']]],
  ['ROBUST', [['PLAN']]],
  // Older plan hints the SQL Server 2022 parser still accepts (as the SQL Server 2022 parser does).
  ['SHRINKDB', [['PLAN']]],
  ['ALTERCOLUMN', [['PLAN']]],
  ['CHECKCONSTRAINTS', [['PLAN']]],
  ['BYPASS', [['OPTIMIZER_QUEUE']]],
  ['OPTIMIZE', [['CORRELATED', 'UNION', 'ALL']]],
  ['PARAMETERIZATION', [['SIMPLE'], ['FORCED']]],
  ['RECOMPILE', [[]]],
  ['IGNORE_NONCLUSTERED_COLUMNSTORE_INDEX', [[]]],
  ['NO_PERFORMANCE_SPOOL', [[]]],
  ['DISABLE_OPTIMIZED_PLAN_FORCING', [[]]],
]);

/** Hints followed by an integer: `MAXDOP 4`. */
const NUMBER_HINTS: ReadonlySet<string> = new Set(['FAST', 'MAXDOP', 'MAXRECURSION', 'QUERYTRACEON', 'USEPLAN', 'CARDINALITY_TUNER_LIMIT']);
/** Hints written `NAME = value`. */
const EQUALS_HINTS: ReadonlySet<string> = new Set(['MAX_GRANT_PERCENT', 'MIN_GRANT_PERCENT', 'LABEL']);

function parseQueryHint(p: Parser): QueryHint {
  const t = p.tok;
  const start = t.start;
  if (t.kind !== 'word') p.fail();
  const word = t.upper;
  const done = (node: Omit<QueryHint, 'kind' | 'start' | 'end'>): QueryHint => ({ kind: 'QueryHint', ...node, start, end: p.prev.end });
  const words = WORD_HINTS.get(word);
  if (words !== undefined) {
    for (const rest of words) {
      if (rest.length === 0 || p.isWord(rest[0] as string, 1)) {
        p.next();
        for (const w of rest) p.expectWord(w);
        return done({ name: [word, ...rest].join(' ') });
      }
    }
    // DISABLE_… and OPTIMIZE FOR are read below.
    if (word !== 'DISABLE' && word !== 'OPTIMIZE') p.fail(p.peek());
  }
  if (NUMBER_HINTS.has(word)) {
    p.next();
    return done({ name: word, value: numberLiteral(p) });
  }
  if (EQUALS_HINTS.has(word)) {
    p.next();
    p.expectPunct('=');
    return done({ name: word, value: word === 'LABEL' ? stringLiteral(p) : numberLiteral(p) });
  }
  switch (word) {
    case 'OPTIMIZE': {
      p.next();
      p.expectWord('FOR');
      if (p.acceptWord('UNKNOWN')) return done({ name: 'OPTIMIZE FOR UNKNOWN' });
      return done({ name: 'OPTIMIZE FOR', optimizeFor: p.parenList(parseOptimizeForItem) });
    }
    case 'USE': {
      p.next();
      if (p.acceptWord('PLAN')) return done({ name: 'USE PLAN', value: stringLiteral(p) });
      p.expectWord('HINT');
      return done({ name: 'USE HINT', hints: p.parenList(stringLiteral) });
    }
    case 'TABLE': {
      p.next();
      p.expectWord('HINT');
      p.expectPunct('(');
      p.enter();
      const table = p.objectName();
      const tableHints: TableHint[] = [];
      if (p.acceptPunct(',')) parseHintSequence(p, tableHints);
      p.expectPunct(')');
      p.leave();
      return done({ name: 'TABLE HINT', table, tableHints });
    }
  }
  return p.fail();
}

/** `@p = literal` or `@p UNKNOWN`: the name is the other module's parameter, a string. */
function parseOptimizeForItem(p: Parser): OptimizeForItem {
  const t = p.tok;
  if (!p.isVariable()) p.fail();
  p.next();
  if (p.acceptWord('UNKNOWN')) return { kind: 'OptimizeForItem', name: t.text, start: t.start, end: p.prev.end };
  p.expectPunct('=');
  const value = parseExpression(p);
  return { kind: 'OptimizeForItem', name: t.text, value, start: t.start, end: p.prev.end };
}

// ---- table hints -----------------------------------------------------------------------------

/** Table hints that are a single word (hints-transact-sql-table.md, table_hint and table_hint_limited). */
const FLAG_HINTS: ReadonlySet<string> = new Set([
  'NOEXPAND',
  'FORCESCAN',
  'HOLDLOCK',
  'NOLOCK',
  'NOWAIT',
  'PAGLOCK',
  'READCOMMITTED',
  'READCOMMITTEDLOCK',
  'READPAST',
  'READUNCOMMITTED',
  'REPEATABLEREAD',
  'ROWLOCK',
  'SERIALIZABLE',
  'SNAPSHOT',
  'TABLOCK',
  'TABLOCKX',
  'UPDLOCK',
  'XLOCK',
  'KEEPIDENTITY',
  'KEEPDEFAULTS',
  'IGNORE_CONSTRAINTS',
  'IGNORE_TRIGGERS',
]);

const isHintWord = (t: Token): boolean => t.kind === 'word' && (FLAG_HINTS.has(t.upper) || t.upper === 'INDEX' || t.upper === 'FORCESEEK' || t.upper === 'SPATIAL_WINDOW_MAX_CELLS');

function unknownHint(t: Token): never {
  throw new SyntaxFailure(
    321,
    `${t.text} is not a recognized table hints option. If it is intended as a parameter to a table-valued function or to the CHANGETABLE function, ensure that your database compatibility mode is set to 90.`,
    t,
  );
}

/** One table hint. */
function parseTableHint(p: Parser): TableHint {
  const t = p.tok;
  const start = t.start;
  if (t.kind !== 'word') p.fail();
  if (t.upper === 'INDEX') {
    p.next();
    // INDEX (ix, …) | INDEX = ix | INDEX = (ix)
    let indexes: Ident[];
    if (p.acceptPunct('=')) indexes = p.isPunct('(') ? p.parenList(indexValue) : [indexValue(p)];
    else indexes = p.parenList(indexValue);
    return { kind: 'TableHint', name: 'INDEX', indexes, start, end: p.prev.end };
  }
  if (t.upper === 'FORCESEEK') {
    p.next();
    const node: TableHint = { kind: 'TableHint', name: 'FORCESEEK', start, end: p.prev.end };
    if (p.isPunct('(')) {
      // FORCESEEK ( index ( col, … ) )
      p.next();
      node.indexes = [indexValue(p)];
      node.columns = identList(p);
      p.expectPunct(')');
      node.end = p.prev.end;
    }
    return node;
  }
  if (t.upper === 'SPATIAL_WINDOW_MAX_CELLS') {
    p.next();
    p.expectPunct('=');
    return { kind: 'TableHint', name: t.upper, value: numberLiteral(p), start, end: p.prev.end };
  }
  if (!FLAG_HINTS.has(t.upper)) unknownHint(t);
  p.next();
  return { kind: 'TableHint', name: t.upper, start, end: t.end };
}

/** Hints separated by commas or (deprecated) spaces, up to the closing `)`. */
function parseHintSequence(p: Parser, out: TableHint[]): void {
  out.push(parseTableHint(p));
  for (;;) {
    if (p.acceptPunct(',')) out.push(parseTableHint(p));
    else if (p.tok.kind === 'word') out.push(parseTableHint(p));
    else return;
  }
}

/** `( hint [[,] hint …] )` */
function parseHintList(p: Parser): TableHint[] {
  p.expectPunct('(');
  p.enter();
  const out: TableHint[] = [];
  parseHintSequence(p, out);
  p.expectPunct(')');
  p.leave();
  return out;
}

/** `WITH ( hints )`, exported for the other areas (WITH (…) on a table in any DML statement). */
export function parseTableHints(p: Parser): TableHint[] {
  p.expectWord('WITH');
  return parseHintList(p);
}

/** `WITH (` after a table is a hint list (a CTE WITH would need a `;` before it). */
const atWithHints = (p: Parser): boolean => p.isWord('WITH') && p.isPunct('(', 1);

/** The deprecated hint list without WITH: `t (NOLOCK)`, recognised by a hint word after `(`. */
const atLegacyHints = (p: Parser): boolean => p.isPunct('(') && isHintWord(p.peek());

// ---- FROM: table sources ---------------------------------------------------------------------

/** A table source with its joins, PIVOT and UNPIVOT: one item of a FROM list. */
export function parseTableSource(p: Parser): TableSource {
  p.enter();
  let left = parseTablePrimary(p);
  for (;;) {
    if (p.isWord('PIVOT')) left = parsePivot(p, left);
    else if (p.isWord('UNPIVOT')) left = parseUnpivot(p, left);
    else {
      const join = parseJoinType(p);
      if (join === undefined) break;
      left = parseJoinRest(p, left, join);
    }
  }
  p.leave();
  return left;
}

interface JoinStart {
  type: JoinType;
  hint?: string;
}

const JOIN_HINTS: ReadonlySet<string> = new Set(['LOOP', 'HASH', 'MERGE', 'REMOTE']);

/** Consumes a join operator (`[INNER] [hint] JOIN`, `LEFT [OUTER] JOIN`, `CROSS APPLY`, …) if one is next. */
function parseJoinType(p: Parser): JoinStart | undefined {
  const t = p.tok;
  if (t.kind !== 'word') return undefined;
  let type: JoinType;
  switch (t.upper) {
    case 'JOIN':
      p.next();
      return { type: 'INNER' };
    case 'CROSS':
      p.next();
      if (p.acceptWord('APPLY')) return { type: 'CROSS APPLY' };
      p.expectWord('JOIN');
      return { type: 'CROSS' };
    case 'OUTER':
      p.next();
      p.expectWord('APPLY');
      return { type: 'OUTER APPLY' };
    case 'INNER':
      type = 'INNER';
      break;
    case 'LEFT':
      type = 'LEFT';
      break;
    case 'RIGHT':
      type = 'RIGHT';
      break;
    case 'FULL':
      type = 'FULL';
      break;
    default:
      return undefined;
  }
  p.next();
  if (type !== 'INNER') p.acceptWord('OUTER');
  const out: JoinStart = { type };
  // `LOCAL {LOOP | HASH | MERGE}`: an older spelling the SQL Server 2022 parser still reads.
  if (p.isWord('LOCAL') && p.isAnyWord(JOIN_HINTS, 1) && !p.isWord('REMOTE', 1)) p.next();
  if (p.isAnyWord(JOIN_HINTS)) out.hint = p.next().upper;
  p.expectWord('JOIN');
  return out;
}

/**
 * The right side of a join. A qualified join's right side may itself hold joins that end with their
 * own ON (`a JOIN b JOIN c ON … ON …`), so it is a full table source; CROSS JOIN and APPLY take one.
 */
function parseJoinRest(p: Parser, left: TableSource, join: JoinStart): Join {
  const node: Join = { kind: 'Join', joinType: join.type, left, right: left, start: left.start, end: left.end };
  if (join.hint !== undefined) node.hint = join.hint;
  if (join.type === 'CROSS' || join.type === 'CROSS APPLY' || join.type === 'OUTER APPLY') {
    node.right = parseTablePrimaryWithPivots(p);
  } else {
    node.right = parseTableSource(p);
    p.expectWord('ON');
    node.on = parseCondition(p);
  }
  node.end = p.prev.end;
  return node;
}

function parseTablePrimaryWithPivots(p: Parser): TableSource {
  let source = parseTablePrimary(p);
  for (;;) {
    if (p.isWord('PIVOT')) source = parsePivot(p, source);
    else if (p.isWord('UNPIVOT')) source = parseUnpivot(p, source);
    else return source;
  }
}

/** Table sources with their own argument grammar (all reserved words except CHANGETABLE). */
const ROWSET_FUNCTIONS: ReadonlySet<string> = new Set([
  'OPENROWSET',
  'OPENQUERY',
  'OPENDATASOURCE',
  'OPENXML',
  'CONTAINSTABLE',
  'FREETEXTTABLE',
  'SEMANTICKEYPHRASETABLE',
  'SEMANTICSIMILARITYTABLE',
  'SEMANTICSIMILARITYDETAILSTABLE',
]);

/** One table source without joins. */
function parseTablePrimary(p: Parser): TableSource {
  const t = p.tok;
  if (p.isPunct('(')) return parseParenTableSource(p);
  if (p.isPunct('{') && p.isWord('OJ', 1)) return parseOdbcOuterJoin(p);
  if (t.kind === 'variable' && !t.text.startsWith('@@')) {
    if (p.isPunct('.', 1)) return parseFunctionTable(p);
    p.next();
    const node: VariableTable = { kind: 'VariableTable', variable: variableFrom(t), start: t.start, end: t.end };
    const alias = tableAlias(p);
    if (alias !== undefined) node.alias = alias;
    node.end = p.prev.end;
    return node;
  }
  if (p.isPunct('::')) {
    // FROM ::fn_virtualfilestats(…): the SQL Server 2000 spelling of a system table-valued function
    p.next();
    return parseFunctionTable(p);
  }
  if (t.kind === 'word' && p.isPunct('(', 1)) {
    if (ROWSET_FUNCTIONS.has(t.upper)) return parseRowsetFunction(p);
    if (t.upper === 'CHANGETABLE') return parseChangeTable(p);
    if (t.upper === 'PREDICT' && p.isWord('MODEL', 2)) return parsePredict(p);
  }
  return parseNamedOrFunction(p);
}

/**
 * `{ OJ joined_table }`: the ODBC escape for an outer join, which SQL Server reads as the join inside. What
 * it holds is a join with ON (ODBC: `table {LEFT | RIGHT | FULL} OUTER JOIN table ON condition`): a lone
 * table, a CROSS JOIN or an APPLY is a syntax error at the closing brace.
 */
function parseOdbcOuterJoin(p: Parser): TableSource {
  const start = p.next().start;
  p.next();
  p.enter();
  const inner = parseTableSource(p);
  if (inner.kind !== 'Join' || inner.on === undefined) p.fail();
  p.expectPunct('}');
  p.leave();
  return markParen(inner, start, p.prev.end);
}

/** `name`, `name (NOLOCK)`, or `name (args)`: a table or view, or a table-valued function. */
function parseNamedOrFunction(p: Parser): TableSource {
  const save = p.pos;
  const name = p.objectName();
  if (p.isPunct('(') && !atLegacyHints(p)) {
    p.pos = save;
    return parseFunctionTable(p);
  }
  return namedTableRest(p, name);
}

/** A table or view after its name: `[FOR SYSTEM_TIME …] [[AS] alias] [TABLESAMPLE …] [WITH (hints)]`. */
function namedTableRest(p: Parser, name: ObjectName): NamedTable {
  const node: NamedTable = { kind: 'NamedTable', name, start: name.start, end: name.end };
  if (atLegacyHints(p)) node.hints = parseHintList(p);
  if (p.isWords('FOR', 'SYSTEM_TIME')) node.forSystemTime = parseSystemTime(p);
  else if (p.isWords('FOR', 'PATH')) {
    // A graph table in a SHORTEST_PATH pattern (SQL Server 2019): `FROM Person FOR PATH AS p2`
    skip(p, 2);
    node.forPath = true;
  }
  const alias = tableAlias(p);
  if (alias !== undefined) node.alias = alias;
  if (p.isWord('TABLESAMPLE')) node.tablesample = parseTableSample(p);
  if (atWithHints(p)) {
    p.next();
    // WITH (n): the old index-number hint (as the SQL Server 2022 parser does)
    node.hints = atOldIndexHint(p) ? [parseOldIndexHint(p)] : parseHintList(p);
  } else if (node.hints === undefined) parseOldStyleHints(p, node, alias !== undefined);
  node.end = p.prev.end;
  return node;
}

/**
 * The SQL Server 2000 hint spellings the SQL Server 2022 parser still reads after a table:
 * `t (NOLOCK)`, a bare `HOLDLOCK` (`FROM t HOLDLOCK`, `FROM t a HOLDLOCK (NOLOCK)`), and after an
 * alias an index number in parentheses (`FROM t a (1)`, the old INDEX hint).
 */
function parseOldStyleHints(p: Parser, node: NamedTable, afterAlias: boolean): void {
  const hints: TableHint[] = [];
  if (p.isWord('HOLDLOCK')) {
    const t = p.next();
    hints.push({ kind: 'TableHint', name: 'HOLDLOCK', start: t.start, end: t.end });
  }
  if (atOldIndexHint(p) && (afterAlias || hints.length > 0)) hints.push(parseOldIndexHint(p));
  else if (atLegacyHints(p)) hints.push(...parseHintList(p));
  if (hints.length > 0) node.hints = hints;
}

const atOldIndexHint = (p: Parser): boolean => p.isPunct('(') && p.peek().kind === 'number' && p.isPunct(')', 2);

function parseOldIndexHint(p: Parser): TableHint {
  const start = p.next().start;
  const indexes = [indexValue(p)];
  p.expectPunct(')');
  return { kind: 'TableHint', name: 'INDEX', indexes, start, end: p.prev.end };
}

/** FOR SYSTEM_TIME AS OF t | FROM a TO b | BETWEEN a AND b | CONTAINED IN (a, b) | ALL */
function parseSystemTime(p: Parser): SystemTime {
  const start = p.tok.start;
  skip(p, 2);
  const done = (type: SystemTime['type'], from?: Expression, to?: Expression): SystemTime => {
    const node: SystemTime = { kind: 'SystemTime', type, start, end: p.prev.end };
    if (from !== undefined) node.from = from;
    if (to !== undefined) node.to = to;
    return node;
  };
  if (p.acceptWord('ALL')) return done('ALL');
  if (p.acceptWords('AS', 'OF')) return done('AS OF', parseExpression(p));
  if (p.acceptWord('FROM')) {
    const from = parseExpression(p);
    p.expectWord('TO');
    return done('FROM', from, parseExpression(p));
  }
  if (p.acceptWord('BETWEEN')) {
    const from = parseExpression(p);
    p.expectWord('AND');
    return done('BETWEEN', from, parseExpression(p));
  }
  p.expectWord('CONTAINED');
  p.expectWord('IN');
  p.expectPunct('(');
  const from = parseExpression(p);
  p.expectPunct(',');
  const to = parseExpression(p);
  p.expectPunct(')');
  return done('CONTAINED IN', from, to);
}

/** TABLESAMPLE [SYSTEM] (n [PERCENT | ROWS]) [REPEATABLE (seed)] */
function parseTableSample(p: Parser): TableSample {
  const start = p.expectWord('TABLESAMPLE').start;
  p.acceptWord('SYSTEM');
  p.expectPunct('(');
  const size = parseExpression(p);
  const node: TableSample = { kind: 'TableSample', size, start, end: start };
  if (p.acceptWord('PERCENT')) node.unit = 'PERCENT';
  else if (p.acceptWord('ROWS')) node.unit = 'ROWS';
  p.expectPunct(')');
  if (p.acceptWord('REPEATABLE')) {
    p.expectPunct('(');
    node.repeatable = parseExpression(p);
    p.expectPunct(')');
  }
  node.end = p.prev.end;
  return node;
}

const isCall = (e: Expression): boolean => e.kind === 'FunctionCall' || e.kind === 'MethodCall';

/** `dbo.f(1) [AS] x [(cols)]`, `@x.nodes('/a') AS t(c)`, `OPENJSON(@j) WITH (…) AS j`. */
function parseFunctionTable(p: Parser): FunctionTable {
  const start = p.tok.start;
  const first = p.tok;
  const call = first.kind === 'word' && first.upper === 'OPENJSON' && p.isPunct('(', 1) ? openJsonCall(p) : parseExpression(p);
  if (!isCall(call)) p.fail();
  const node: FunctionTable = { kind: 'FunctionTable', call, columns: [], start, end: p.prev.end };
  if (first.kind === 'word' && first.upper === 'OPENJSON' && atWithHints(p)) {
    p.next();
    node.withColumns = parseSchemaColumns(p, true);
  }
  const alias = tableAlias(p);
  if (alias !== undefined) node.alias = alias;
  node.columns = optionalColumnAliases(p);
  node.end = p.prev.end;
  return node;
}

/** `OPENJSON ( json [, path] )`: one or two arguments (as the SQL Server 2022 parser does). */
function openJsonCall(p: Parser): Expression {
  const name = p.identFrom(p.next());
  p.expectPunct('(');
  p.enter();
  const args = [parseExpression(p)];
  if (p.acceptPunct(',')) args.push(parseExpression(p));
  p.expectPunct(')');
  p.leave();
  return { kind: 'FunctionCall', name: [name], args, start: name.start, end: p.prev.end };
}

/** The column list of OPENJSON … WITH (…), OPENXML … WITH (…), OPENROWSET(BULK …) WITH (…). */
function parseSchemaColumns(p: Parser, json: boolean): JsonColumn[] {
  return p.parenList((q): JsonColumn => {
    const name = q.identifier();
    const dataType = q.dataType();
    const node: JsonColumn = { kind: 'JsonColumn', name, dataType, asJson: false, start: name.start, end: q.prev.end };
    // column_name data_type [COLLATE collation] (as the SQL Server 2022 parser does)
    if (q.acceptWord('COLLATE')) node.collation = q.identifier();
    if (q.tok.kind === 'string') node.path = stringLiteral(q);
    else if (!json && q.tok.kind === 'number') node.path = numberLiteral(q);
    if (json && q.acceptWord('AS')) {
      q.expectWord('JSON');
      node.asJson = true;
    }
    node.end = q.prev.end;
    return node;
  });
}

/**
 * `(` at a table source: a derived table `(query) AS x`, a VALUES table, or a parenthesised joined
 * table `(a JOIN b ON …)`. A query may itself open with parentheses, and a joined table may start
 * with a derived table: `((SELECT 1) AS x JOIN b ON …)`.
 */
function parseParenTableSource(p: Parser): TableSource {
  const start = p.tok.start;
  if (p.isWord('VALUES', 1)) return parseValuesTable(p);
  if (p.isAnyWord(DML_WORDS, 1)) return parseDmlTable(p);
  if (queryStartsAt(p, 1) && parenOpensQuery(p)) {
    p.next();
    const query = parseQueryExpression(p);
    if (p.acceptPunct(')')) return derivedTableRest(p, query, start);
    // `((SELECT …) x JOIN …)`: the parenthesised query was the first table of a joined table.
    if (query.kind !== 'ParenQuery') p.fail();
    p.enter();
    const first = derivedTableRest(p, query.query, query.start);
    const joined = continueTableSource(p, first);
    p.expectPunct(')');
    p.leave();
    return markParen(joined, start, p.prev.end);
  }
  p.next();
  p.enter();
  const inner = parseTableSource(p);
  p.expectPunct(')');
  p.leave();
  return markParen(inner, start, p.prev.end);
}

/** Words after a parenthesised query that continue the query (a set operation or its ORDER BY). */
const QUERY_CONTINUATIONS: ReadonlySet<string> = new Set(['UNION', 'EXCEPT', 'INTERSECT', 'ORDER', 'FOR', 'OPTION']);

/**
 * At `(` … `(SELECT`: whether the parentheses hold a query (a derived table, possibly with extra
 * parentheses around its query) or a joined table whose first member is a derived table:
 * `(((SELECT 1) AS a JOIN b ON …))`. The query's own parenthesis closes; if the parentheses that
 * opened before it close at once, or a set operation or ORDER BY follows, it is a query.
 */
function parenOpensQuery(p: Parser): boolean {
  let i = p.pos;
  let open = 0;
  while (p.isPunct('(', i - p.pos)) {
    i++;
    open++;
  }
  // Find the parenthesis that closes the one just before SELECT.
  let depth = 0;
  const last = p.tokens.length - 1;
  for (; i < last; i++) {
    const t = p.tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  let closed = 0;
  while (i < last && (p.tokens[i] as Token).kind === 'punct' && (p.tokens[i] as Token).text === ')') {
    i++;
    closed++;
  }
  if (closed >= open) return true;
  const next = p.tokens[i] as Token;
  return next.kind === 'word' && QUERY_CONTINUATIONS.has(next.upper);
}

const DML_WORDS: ReadonlySet<string> = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** `( INSERT | UPDATE | DELETE | MERGE … OUTPUT … ) [AS] alias [(cols)]` (insert-transact-sql.md, composable DML). */
function parseDmlTable(p: Parser): DmlTable {
  const start = p.expectPunct('(').start;
  p.enter();
  const at = p.tok.start;
  const none = NO_PREFIX();
  let statement: DmlTable['statement'];
  if (p.isWord('INSERT')) statement = parseInsert(p, at, none);
  else if (p.isWord('UPDATE')) statement = parseUpdate(p, at, none);
  else if (p.isWord('DELETE')) statement = parseDelete(p, at, none);
  else statement = parseMerge(p, at, none, true);
  // The rows come from its OUTPUT clause (one without INTO).
  if (statement.output === undefined || statement.output.into !== undefined) p.fail();
  p.expectPunct(')');
  p.leave();
  const alias = tableAlias(p);
  if (alias === undefined) p.fail();
  const columns = optionalColumnAliases(p);
  return { kind: 'DmlTable', statement, alias, columns, start, end: p.prev.end };
}

function markParen(source: TableSource, start: number, end: number): TableSource {
  if (source.kind === 'Join') {
    source.paren = true;
    source.start = start;
    source.end = end;
  }
  return source;
}

/** Joins and pivots after a first table source already parsed. */
function continueTableSource(p: Parser, first: TableSource): TableSource {
  let left = first;
  for (;;) {
    if (p.isWord('PIVOT')) left = parsePivot(p, left);
    else if (p.isWord('UNPIVOT')) left = parseUnpivot(p, left);
    else {
      const join = parseJoinType(p);
      if (join === undefined) return left;
      left = parseJoinRest(p, left, join);
    }
  }
}

/** `[AS] alias [(cols)]` after a derived table's `)`: the alias is required. */
function derivedTableRest(p: Parser, query: QueryExpr, start: number): DerivedTable {
  // A derived table in a SHORTEST_PATH pattern: `(SELECT …) FOR PATH AS e` (as the SQL Server 2022 parser does).
  const forPath = p.isWords('FOR', 'PATH');
  if (forPath) skip(p, 2);
  const alias = tableAlias(p);
  if (alias === undefined) p.fail();
  const columns = optionalColumnAliases(p);
  const node: DerivedTable = { kind: 'DerivedTable', query, alias, columns, start, end: p.prev.end };
  if (forPath) node.forPath = true;
  return node;
}

/** `( VALUES (…), (…) ) [AS] v [(cols)]` */
function parseValuesTable(p: Parser): ValuesTable {
  const start = p.expectPunct('(').start;
  p.enter();
  p.expectWord('VALUES');
  const rows = p.commaList(parseRowValue);
  checkRowWidths(p, rows);
  p.expectPunct(')');
  p.leave();
  const alias = tableAlias(p);
  if (alias === undefined) p.fail();
  const columns = optionalColumnAliases(p);
  return { kind: 'ValuesTable', rows, alias, columns, start, end: p.prev.end };
}

/** `( value | DEFAULT, … )` */
function parseRowValue(p: Parser): RowValue {
  const start = p.tok.start;
  const values = p.parenList(defaultOrExpression);
  return { kind: 'RowValue', values, start, end: p.prev.end };
}

/** `source PIVOT ( agg(x) FOR col IN ([a], [b]) ) [AS] alias` */
function parsePivot(p: Parser, source: TableSource): Pivot {
  p.expectWord('PIVOT');
  p.expectPunct('(');
  p.enter();
  const aggregate = parseExpression(p);
  p.expectWord('FOR');
  const column = columnName(p);
  p.expectWord('IN');
  const values = identList(p);
  p.expectPunct(')');
  p.leave();
  const alias = tableAlias(p);
  if (alias === undefined) p.fail();
  return { kind: 'Pivot', source, aggregate, column, values, alias, start: source.start, end: p.prev.end };
}

/** `source UNPIVOT ( value FOR name IN (a, b) ) [AS] alias` */
function parseUnpivot(p: Parser, source: TableSource): Unpivot {
  p.expectWord('UNPIVOT');
  p.expectPunct('(');
  p.enter();
  const valueColumn = p.identifier();
  p.expectWord('FOR');
  const nameColumn = p.identifier();
  p.expectWord('IN');
  const columns = p.parenList(columnName);
  p.expectPunct(')');
  p.leave();
  const alias = tableAlias(p);
  if (alias === undefined) p.fail();
  return { kind: 'Unpivot', source, valueColumn, nameColumn, columns, alias, start: source.start, end: p.prev.end };
}

/** CHANGETABLE (CHANGES t, @v [, FORCESEEK]) | CHANGETABLE (VERSION t, (pk…), (value…)) AS alias */
function parseChangeTable(p: Parser): ChangeTable {
  const start = p.next().start;
  p.expectPunct('(');
  p.enter();
  let type: ChangeTable['type'];
  if (p.acceptWord('CHANGES')) type = 'CHANGES';
  else {
    p.expectWord('VERSION');
    type = 'VERSION';
  }
  const table = p.objectName();
  p.expectPunct(',');
  const node: ChangeTable = { kind: 'ChangeTable', type, table, args: [], columns: [], columnAliases: [], start, end: start };
  if (type === 'CHANGES') {
    node.args.push(parseExpression(p));
    if (p.acceptPunct(',')) p.expectWord('FORCESEEK');
  } else {
    node.columns = identList(p);
    p.expectPunct(',');
    node.args = p.parenList(parseExpression);
    if (p.acceptPunct(',')) p.expectWord('FORCESEEK');
  }
  p.expectPunct(')');
  p.leave();
  const alias = tableAlias(p);
  if (alias === undefined) p.fail();
  node.alias = alias;
  node.columnAliases = optionalColumnAliases(p);
  node.end = p.prev.end;
  return node;
}

/**
 * PREDICT ( MODEL = @model | 'name', DATA = table_source AS alias [, RUNTIME = ONNX] )
 * WITH ( column type, … ) [AS] alias (docs: "PREDICT (Transact-SQL)").
 */
function parsePredict(p: Parser): Predict {
  const start = p.next().start;
  p.expectPunct('(');
  p.enter();
  p.expectWord('MODEL');
  p.expectPunct('=');
  const model = parseExpression(p);
  p.expectPunct(',');
  p.expectWord('DATA');
  p.expectPunct('=');
  const data = parseTablePrimary(p);
  const node: Predict = { kind: 'Predict', model, data, withColumns: [], start, end: start };
  if (p.acceptPunct(',')) {
    p.expectWord('RUNTIME');
    p.expectPunct('=');
    node.runtime = p.identifier();
  }
  p.expectPunct(')');
  p.leave();
  p.expectWord('WITH');
  node.withColumns = parseSchemaColumns(p, false);
  const alias = tableAlias(p);
  if (alias !== undefined) node.alias = alias;
  node.end = p.prev.end;
  return node;
}

/** OPENROWSET, OPENQUERY, OPENDATASOURCE, OPENXML, CONTAINSTABLE, FREETEXTTABLE, SEMANTIC…TABLE. */
function parseRowsetFunction(p: Parser): RowsetFunction {
  const t = p.next();
  const node: RowsetFunction = { kind: 'RowsetFunction', function: t.upper, args: [], start: t.start, end: t.end };
  p.expectPunct('(');
  p.enter();
  switch (t.upper) {
    case 'OPENROWSET':
      parseOpenRowsetArgs(p, node);
      break;
    case 'OPENQUERY':
      node.object = p.objectName();
      p.expectPunct(',');
      node.args.push(stringLiteral(p));
      break;
    case 'OPENDATASOURCE':
      node.args.push(stringLiteral(p));
      p.expectPunct(',');
      node.args.push(parseExpression(p));
      break;
    case 'OPENXML':
      node.args = p.commaList(parseExpression);
      break;
    default:
      parseFullTextTableArgs(p, node);
  }
  p.expectPunct(')');
  p.leave();
  if (t.upper === 'OPENDATASOURCE') {
    // OPENDATASOURCE(…).catalog.schema.object stands where a server name would.
    p.expectPunct('.');
    // …or a pass-through query string (as the SQL Server 2022 parser reads it).
    if (p.tok.kind === 'string') node.args.push(stringLiteral(p));
    else node.objectAfter = p.objectName();
  }
  if (t.upper === 'OPENXML' && p.isWord('WITH')) {
    p.next();
    if (p.isPunct('(')) node.withColumns = parseSchemaColumns(p, false);
    else node.withTable = p.objectName();
  }
  if (t.upper === 'OPENROWSET' && node.bulk === true && atWithHints(p) && !isHintWord(p.peek(2))) {
    p.next();
    node.withColumns = parseSchemaColumns(p, false);
  }
  const alias = tableAlias(p);
  if (alias !== undefined) node.alias = alias;
  const columnAliases = optionalColumnAliases(p);
  if (columnAliases.length > 0) node.columnAliases = columnAliases;
  if (atWithHints(p)) {
    p.next();
    node.hints = parseHintList(p);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * OPENROWSET('provider', 'datasource'; 'user'; 'password', object | 'query'),
 * OPENROWSET('provider', 'connection', object | 'query'), OPENROWSET(BULK 'file', option, …).
 */
function parseOpenRowsetArgs(p: Parser, node: RowsetFunction): void {
  if (p.acceptWord('BULK')) {
    node.bulk = true;
    // BULK 'file' or BULK ('file', 'file', …) (as the SQL Server 2022 parser does)
    if (p.isPunct('(')) {
      p.next();
      node.args.push(stringLiteral(p));
      while (p.acceptPunct(',') && !p.isPunct(')')) node.args.push(stringLiteral(p));
      p.expectPunct(')');
    } else node.args.push(stringLiteral(p));
    const seen = new Set<string>();
    const options: BulkOption[] = [];
    while (p.acceptPunct(',')) options.push(parseBulkOption(p, true, seen));
    if (options.length > 0) node.options = options;
    return;
  }
  if (p.isIdentifier()) {
    // OPENROWSET(name, constant, …): the internal rowset form (as the SQL Server 2022 parser does).
    node.object = p.objectName();
    while (p.acceptPunct(',')) node.args.push(parseExpression(p));
    return;
  }
  node.args.push(stringLiteral(p));
  p.expectPunct(',');
  node.args.push(parseExpression(p));
  if (p.acceptPunct(';')) {
    node.args.push(parseExpression(p));
    p.expectPunct(';');
    node.args.push(parseExpression(p));
  }
  p.expectPunct(',');
  if (p.tok.kind === 'string') node.args.push(stringLiteral(p));
  else node.object = p.objectName();
}

/**
 * CONTAINSTABLE / FREETEXTTABLE (table, columns, search [, LANGUAGE term] [, top_n]) and the
 * SEMANTIC…TABLE functions (table, columns, args…). Columns: `col`, `*`, `(*)`, `(col, …)`, and for
 * the first two `PROPERTY (col, 'name')` (as the SQL Server 2022 parser does).
 */
function parseFullTextTableArgs(p: Parser, node: RowsetFunction): void {
  node.object = p.objectName();
  p.expectPunct(',');
  const semantic = node.function.startsWith('SEMANTIC');
  if (p.acceptPunct('*')) node.columns = [];
  else if (p.isPunct('(') && p.isPunct('*', 1) && p.isPunct(')', 2)) {
    skip(p, 3);
    node.columns = [];
  } else if (p.isPunct('(')) node.columns = p.parenList(columnName);
  else if (!semantic && p.isWord('PROPERTY') && p.isPunct('(', 1)) {
    p.next();
    p.expectPunct('(');
    node.columns = [columnName(p)];
    p.expectPunct(',');
    node.args.push(stringLiteral(p));
    p.expectPunct(')');
  } else node.columns = [columnName(p)];
  if (semantic) {
    while (p.acceptPunct(',')) node.args.push(parseExpression(p));
    return;
  }
  p.expectPunct(',');
  node.args.push(parseExpression(p));
  // [, LANGUAGE term] [, top_n] in either order, each at most once
  let language = false;
  let topN = false;
  while (p.acceptPunct(',')) {
    if (p.acceptWord('LANGUAGE')) {
      if (language) p.fail(p.prev);
      language = true;
    } else {
      if (topN) p.fail();
      topN = true;
    }
    node.args.push(parseExpression(p));
  }
}

// ---- OUTPUT ----------------------------------------------------------------------------------

/** An item of an OUTPUT list: a select item without variable assignment (`inserted.*`, `$action`, `deleted.x AS y`). */
function parseOutputItem(p: Parser): SelectItem {
  const item = parseSelectItem(p, false);
  if (item.kind !== 'SelectItem') return p.fail();
  return item;
}

/** `OUTPUT items [INTO target [(cols)] [OUTPUT items]]` */
export function parseOutputClause(p: Parser): OutputClause {
  const start = p.expectWord('OUTPUT').start;
  const items = p.commaList(parseOutputItem);
  const node: OutputClause = { kind: 'OutputClause', items, intoColumns: [], start, end: p.prev.end };
  if (p.acceptWord('INTO')) {
    node.into = parseDmlTarget(p, false);
    if (p.isPunct('(')) node.intoColumns = identList(p);
    if (p.isWord('OUTPUT')) node.thenOutput = parseOutputClause(p);
  }
  node.end = p.prev.end;
  return node;
}

// ---- INSERT / UPDATE / DELETE / MERGE ------------------------------------------------------

/**
 * The table a DML statement changes: a table or view (with `WITH (hints)`), a table variable, or
 * OPENQUERY / OPENROWSET / OPENDATASOURCE. MERGE's target may have an alias.
 */
function parseDmlTarget(p: Parser, allowAlias: boolean): TableSource {
  const t = p.tok;
  if (t.kind === 'variable' && !t.text.startsWith('@@')) {
    p.next();
    const node: VariableTable = { kind: 'VariableTable', variable: variableFrom(t), start: t.start, end: t.end };
    if (allowAlias) {
      const alias = tableAlias(p);
      if (alias !== undefined) node.alias = alias;
    }
    node.end = p.prev.end;
    return node;
  }
  if (t.kind === 'word' && p.isPunct('(', 1) && (t.upper === 'OPENQUERY' || t.upper === 'OPENROWSET' || t.upper === 'OPENDATASOURCE')) {
    return parseRowsetFunction(p);
  }
  const name = p.objectName();
  if (atDmlFunctionArgs(p)) return dmlFunctionTarget(p, name);
  const node: NamedTable = { kind: 'NamedTable', name, start: name.start, end: name.end };
  if (allowAlias) {
    // MERGE [INTO] target [WITH (hints)] [[AS] alias]
    if (atWithHints(p)) {
      p.next();
      node.hints = parseHintList(p);
      rejectReadUncommitted(p, node.hints);
    }
    const alias = tableAlias(p);
    if (alias !== undefined) node.alias = alias;
  } else if (atWithHints(p)) {
    p.next();
    node.hints = parseHintList(p);
    rejectIndexHints(p, node.hints);
    rejectReadUncommitted(p, node.hints);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * The target of INSERT, UPDATE and DELETE takes only table_hint_limited: no INDEX (…) and no
 * FORCESEEK with an index (Msg 1069; MERGE's target may have them). SQL Server 2022's parser rejects them.
 */
function rejectIndexHints(p: Parser, hints: readonly TableHint[]): void {
  for (const h of hints) {
    if (h.name === 'INDEX' || (h.name === 'FORCESEEK' && h.indexes !== undefined)) {
      throw new SyntaxFailure(1069, 'Index hints are only allowed in a FROM or OPTION clause.', p.tokenAt(h.start));
    }
  }
}

/**
 * The table an INSERT, UPDATE, DELETE or MERGE changes is not read dirty: NOLOCK and READUNCOMMITTED
 * are not allowed on it (Msg 1065; docs "Table hints": they "can't be specified for tables modified
 * by insert, update, or delete operations").
 */
function rejectReadUncommitted(p: Parser, hints: readonly TableHint[]): void {
  for (const h of hints) {
    if (h.name === 'NOLOCK' || h.name === 'READUNCOMMITTED') {
      throw new SyntaxFailure(1065, 'The NOLOCK and READUNCOMMITTED lock hints are not allowed for target tables of INSERT, UPDATE, DELETE or MERGE statements.', p.tokenAt(h.start));
    }
  }
}

/**
 * Whether `(` after a DML target's name opens a table-valued function's arguments (`UPDATE dbo.f() SET`,
 * `DELETE dbo.f(1)`) rather than a column list or a query: the SQL Server 2022 parser looks for
 * `)` or a constant (possibly negative) or DEFAULT after the parenthesis.
 */
function atDmlFunctionArgs(p: Parser): boolean {
  if (!p.isPunct('(')) return false;
  const t = p.peek();
  if (t.kind === 'number' || t.kind === 'string' || p.isWord('DEFAULT', 1) || p.isWord('NULL', 1)) return true;
  if (t.kind === 'punct') return t.text === ')' || ((t.text === '-' || t.text === '+') && p.peek(2).kind === 'number');
  return false;
}

function dmlFunctionTarget(p: Parser, name: ObjectName): FunctionTable {
  const args = p.isPunct(')', 1) ? (skip(p, 2), []) : p.parenList(defaultOrExpression);
  const parts: Ident[] = [];
  if (name.server !== undefined) parts.push(name.server);
  if (name.database !== undefined) parts.push(name.database);
  if (name.schema !== undefined) parts.push(name.schema);
  parts.push(name.name);
  const call: Expression = { kind: 'FunctionCall', name: parts, args, start: name.start, end: p.prev.end };
  return { kind: 'FunctionTable', call, columns: [], start: name.start, end: p.prev.end };
}

/** The fields every DML statement shares: the WITH prefix, TOP, OUTPUT. */
function applyCommon(node: Insert | Update | Delete | Merge, prefix: WithPrefix, top: Top | undefined, output: OutputClause | undefined): void {
  if (prefix.xmlNamespaces !== undefined) node.xmlNamespaces = prefix.xmlNamespaces;
  if (prefix.changeTrackingContext !== undefined) node.changeTrackingContext = prefix.changeTrackingContext;
  if (top !== undefined) node.top = top;
  if (output !== undefined) node.output = output;
}

const optionalTop = (p: Parser): Top | undefined => (p.isWord('TOP') ? parseTop(p, false, false) : undefined);
const optionalOutput = (p: Parser): OutputClause | undefined => (p.isWord('OUTPUT') ? parseOutputClause(p) : undefined);

/**
 * INSERT [TOP (n) [PERCENT]] [INTO] target [WITH (hints)] [(cols)] [OUTPUT …]
 * { VALUES (…), … | query | EXEC … | DEFAULT VALUES } [OPTION (…)]
 */
function parseInsert(p: Parser, start: number, prefix: WithPrefix): Insert {
  p.expectWord('INSERT');
  const top = optionalTop(p);
  // `INSERT OVER t`: an old spelling of INTO that the SQL Server 2022 parser still accepts.
  if (!p.acceptWord('INTO')) p.acceptWord('OVER');
  const target = parseDmlTarget(p, false);
  const columns = p.isPunct('(') && !queryStartsAt(p, 0) ? p.parenList(insertColumn) : [];
  const output = optionalOutput(p);
  const tail: QueryTail = {};
  const source = parseInsertSource(p, tail);
  const node: Insert = { kind: 'Insert', ctes: prefix.ctes, target, columns, source, start, end: start };
  if (source.kind === 'ValuesSource') {
    checkRowWidths(p, source.rows);
    checkInsertWidth(p, columns.length, source.rows[0]?.values.length, false, start);
  } else if (source.kind === 'Select' || source.kind === 'SetOperation' || source.kind === 'ParenQuery') {
    checkInsertWidth(p, columns.length, columnCount(source), true, start);
  }
  applyCommon(node, prefix, top, output);
  if (tail.orderBy !== undefined) node.orderBy = tail.orderBy;
  if (tail.offset !== undefined) node.offset = tail.offset;
  if (tail.forClause !== undefined) node.forClause = tail.forClause;
  if (p.isWord('OPTION')) node.option = parseOptionClause(p);
  node.end = p.prev.end;
  return node;
}

function parseInsertSource(p: Parser, tail: QueryTail): Insert['source'] {
  const start = p.tok.start;
  if (p.acceptWord('VALUES')) return { kind: 'ValuesSource', rows: p.commaList(parseRowValue), start, end: p.prev.end };
  // DEFAULT commits to DEFAULT VALUES: `INSERT t DEFAULT;` fails at `;`.
  if (p.acceptWord('DEFAULT')) {
    p.expectWord('VALUES');
    return { kind: 'DefaultValues', start, end: p.prev.end };
  }
  if (p.isWord('EXEC') || p.isWord('EXECUTE')) {
    p.next();
    const exec = parseExecuteBody(p, start);
    const source: ExecSource = { kind: 'ExecSource', exec, start, end: p.prev.end };
    return source;
  }
  const query = parseQueryBody(p);
  Object.assign(tail, parseQueryTail(p));
  checkQuery(p, query, tail, query.start);
  return query;
}

/**
 * One item of UPDATE … SET (as the SQL Server 2022 parser does): `col = e`, `col += e`, `t.col = DEFAULT`, `@v = e`,
 * `@v += e`, `@v = col = e`, `@v = col += e`, `col.WRITE(…)`, `udtcol.Method(…)`, `$ROWGUID = e`.
 */
function parseSetClause(p: Parser): SetClause {
  const start = p.tok.start;
  if (p.tok.kind === 'variable') return parseVariableSetClause(p, start);
  let parts: Ident[];
  const t = p.tok;
  if (t.kind === 'punct' && t.text === '$' && p.peek().kind === 'word' && p.peek().start === t.end) {
    // A pseudo-column ($ROWGUID, $IDENTITY) assigned like a column.
    parts = [insertColumn(p)];
  } else {
    parts = [p.identifier()];
    while (p.isPunct('.') && parts.length < 5) {
      p.next();
      parts.push(p.identifierOrKeyword());
    }
  }
  if (p.isPunct('(')) {
    // col.WRITE(expr, offset, length), col.modify('…'), udtcol.Method(…): arguments may be DEFAULT.
    if (parts.length < 2) p.fail();
    const method = parts.pop() as Ident;
    const args = p.isPunct('(') && p.isPunct(')', 1) ? (skip(p, 2), []) : p.parenList(defaultOrExpression);
    return { kind: 'SetClause', target: columnRefOf(parts), method, args, start, end: p.prev.end };
  }
  const op = assignOpAt(p, 0);
  if (op === undefined) p.fail();
  skip(p, op.width);
  const node: SetClause = { kind: 'SetClause', target: columnRefOf(parts), op: op.op, start, end: start };
  assignValue(p, node);
  node.end = p.prev.end;
  return node;
}

/** The value of a column assignment: an expression or DEFAULT (as the SQL Server 2022 parser does). */
function assignValue(p: Parser, node: SetClause): void {
  if (p.isWord('DEFAULT')) {
    node.expr = defaultOrExpression(p);
    node.isDefault = true;
  } else node.expr = parseExpression(p);
}

/** `@v = e`, `@v op= e`, `@v = col [op]= e` (the column's value may be DEFAULT). */
function parseVariableSetClause(p: Parser, start: number): SetClause {
  const target = variableFrom(p.next());
  const op = assignOpAt(p, 0);
  if (op === undefined) p.fail();
  skip(p, op.width);
  const node: SetClause = { kind: 'SetClause', target, op: op.op, start, end: start };
  if (op.op === '=' && p.isIdentifier() && columnAssignmentFollows(p)) {
    node.column = columnName(p);
    const columnOp = assignOpAt(p, 0);
    if (columnOp === undefined) p.fail();
    skip(p, columnOp.width);
    if (columnOp.op !== '=') node.columnOp = columnOp.op;
    assignValue(p, node);
  } else node.expr = parseExpression(p);
  node.end = p.prev.end;
  return node;
}

/** Whether a dotted name (`col`, `t.col`) followed by an assignment operator starts here. */
function columnAssignmentFollows(p: Parser): boolean {
  let k = 0;
  for (let parts = 0; parts < 4; parts++) {
    const t = p.peek(k);
    if (t.kind !== 'word' && t.kind !== 'quoted') return false;
    if (p.isPunct('.', k + 1)) {
      k += 2;
      continue;
    }
    return assignOpAt(p, k + 1) !== undefined;
  }
  return false;
}

/** `WHERE CURRENT OF [GLOBAL] cursor | @cursor` or `WHERE condition`. */
function parseWhereOrCurrentOf(p: Parser, node: { where?: Expression; currentOf?: CurrentOf }): void {
  if (!p.acceptWord('WHERE')) return;
  if (p.isWord('CURRENT')) {
    const start = p.next().start;
    p.expectWord('OF');
    let global = false;
    if (p.isWord('GLOBAL') && (p.isIdentifier(1) || p.peek().kind === 'quoted')) {
      p.next();
      global = true;
    }
    const currentOf: CurrentOf = { kind: 'CurrentOf', global, start, end: start };
    if (!global && p.isVariable()) currentOf.variable = variableFrom(p.next());
    else currentOf.cursor = p.identifier();
    currentOf.end = p.prev.end;
    node.currentOf = currentOf;
    return;
  }
  node.where = parseCondition(p);
}

/**
 * UPDATE [TOP (n) [PERCENT]] target [WITH (hints)] SET … [OUTPUT …] [FROM …] [WHERE …] [OPTION (…)];
 * `UPDATE STATISTICS` belongs to ddl-tables.ts.
 */
function parseUpdate(p: Parser, start: number, prefix: WithPrefix): Update {
  p.expectWord('UPDATE');
  const top = optionalTop(p);
  const target = parseDmlTarget(p, false);
  p.expectWord('SET');
  const sets = p.commaList(parseSetClause);
  const output = optionalOutput(p);
  const from = p.acceptWord('FROM') ? p.commaList(parseTableSource) : [];
  const node: Update = { kind: 'Update', ctes: prefix.ctes, target, sets, from, start, end: start };
  applyCommon(node, prefix, top, output);
  parseWhereOrCurrentOf(p, node);
  if (p.isWord('OPTION')) node.option = parseOptionClause(p);
  node.end = p.prev.end;
  return node;
}

/** DELETE [TOP (n) [PERCENT]] [FROM] target [WITH (hints)] [OUTPUT …] [FROM …] [WHERE …] [OPTION (…)] */
function parseDelete(p: Parser, start: number, prefix: WithPrefix): Delete {
  p.expectWord('DELETE');
  const top = optionalTop(p);
  p.acceptWord('FROM');
  const target = parseDmlTarget(p, false);
  const output = optionalOutput(p);
  const from = p.acceptWord('FROM') ? p.commaList(parseTableSource) : [];
  const node: Delete = { kind: 'Delete', ctes: prefix.ctes, target, from, start, end: start };
  applyCommon(node, prefix, top, output);
  parseWhereOrCurrentOf(p, node);
  if (p.isWord('OPTION')) node.option = parseOptionClause(p);
  node.end = p.prev.end;
  return node;
}

/**
 * MERGE [TOP (n) [PERCENT]] [INTO] target [WITH (hints)] [[AS] alias] USING source ON condition
 * WHEN … [OUTPUT …] [OPTION (…)] ; — the `;` is required (Msg 10713).
 */
function parseMerge(p: Parser, start: number, prefix: WithPrefix, nested = false): Merge {
  p.expectWord('MERGE');
  const top = optionalTop(p);
  p.acceptWord('INTO');
  const target = parseDmlTarget(p, true);
  p.expectWord('USING');
  const source = parseTableSource(p);
  p.expectWord('ON');
  const on = parseCondition(p);
  if (!p.isWord('WHEN')) p.fail();
  const clauses: MergeClause[] = [];
  while (p.isWord('WHEN')) clauses.push(checkMergeAction(p, clauses, parseMergeClause(p)));
  const output = optionalOutput(p);
  const node: Merge = { kind: 'Merge', ctes: prefix.ctes, target, source, on, clauses, start, end: start };
  applyCommon(node, prefix, top, output);
  if (p.isWord('OPTION')) node.option = parseOptionClause(p);
  node.end = p.prev.end;
  if (!nested && !p.isPunct(';')) {
    const at = p.atEnd() ? p.prev : p.tok;
    throw new SyntaxFailure(10713, 'A MERGE statement must be terminated by a semi-colon (;).', at);
  }
  return node;
}

/**
 * Each kind of WHEN clause takes an action at most once (Msg 10714; docs "MERGE": at most two WHEN
 * MATCHED and two WHEN NOT MATCHED BY SOURCE clauses, one UPDATE and one DELETE, and one WHEN NOT
 * MATCHED [BY TARGET]).
 */
function checkMergeAction(p: Parser, before: readonly MergeClause[], clause: MergeClause): MergeClause {
  for (const b of before) {
    if (b.when === clause.when && b.action === clause.action) {
      const when = clause.when === 'NOT MATCHED BY SOURCE' ? 'WHEN NOT MATCHED BY SOURCE' : `WHEN ${clause.when}`;
      throw new SyntaxFailure(10714, `An action of type '${when}' cannot appear more than once in a '${clause.action}' clause of a MERGE statement.`, p.tokenAt(clause.start));
    }
  }
  return clause;
}

/**
 * WHEN MATCHED [AND c] THEN UPDATE SET … | DELETE
 * WHEN NOT MATCHED [BY TARGET] [AND c] THEN INSERT [(cols)] VALUES (…) | DEFAULT VALUES
 * WHEN NOT MATCHED BY SOURCE [AND c] THEN UPDATE SET … | DELETE
 */
function parseMergeClause(p: Parser): MergeClause {
  const start = p.expectWord('WHEN').start;
  let when: MergeClause['when'];
  if (p.acceptWord('MATCHED')) when = 'MATCHED';
  else {
    p.expectWord('NOT');
    p.expectWord('MATCHED');
    when = 'NOT MATCHED';
    if (p.acceptWord('BY')) {
      if (p.acceptWord('SOURCE')) when = 'NOT MATCHED BY SOURCE';
      else p.expectWord('TARGET');
    }
  }
  const node: MergeClause = { kind: 'MergeClause', when, action: 'DELETE', start, end: start };
  if (p.acceptWord('AND')) node.condition = parseCondition(p);
  p.expectWord('THEN');
  if (when === 'NOT MATCHED') {
    p.expectWord('INSERT');
    node.action = 'INSERT';
    if (p.isPunct('(')) node.columns = p.parenList(insertColumn);
    if (p.acceptWord('DEFAULT')) {
      p.expectWord('VALUES');
      node.defaultValues = true;
    } else {
      p.expectWord('VALUES');
      node.values = parseRowValue(p);
      if (node.columns !== undefined) checkInsertWidth(p, node.columns.length, node.values.values.length, false, start);
    }
  } else if (p.acceptWord('UPDATE')) {
    node.action = 'UPDATE';
    p.expectWord('SET');
    node.sets = p.commaList(parseSetClause);
  } else p.expectWord('DELETE');
  node.end = p.prev.end;
  return node;
}

// ---- TRUNCATE TABLE, BULK INSERT -----------------------------------------------------------

/** TRUNCATE TABLE t [WITH (PARTITIONS ({n | n TO m} [, …]))] */
function parseTruncate(p: Parser): TruncateTable {
  const start = p.expectWord('TRUNCATE').start;
  p.expectWord('TABLE');
  const table = p.objectName();
  const node: TruncateTable = { kind: 'TruncateTable', table, partitions: [], start, end: p.prev.end };
  if (atWithHints(p)) {
    p.next();
    p.expectPunct('(');
    p.expectWord('PARTITIONS');
    node.partitions = p.parenList((q): PartitionRange => {
      const s = q.tok.start;
      const from = numberLiteral(q);
      const range: PartitionRange = { kind: 'PartitionRange', from, start: s, end: q.prev.end };
      if (q.acceptWord('TO')) {
        range.to = numberLiteral(q);
        range.end = q.prev.end;
      }
      return range;
    });
    p.expectPunct(')');
    node.end = p.prev.end;
  }
  return node;
}

/** BULK INSERT t FROM { 'file' | name | n } [WITH (option [= value], …)] (as the SQL Server 2022 parser does). */
function parseBulkInsert(p: Parser): BulkInsert {
  const start = p.expectWord('BULK').start;
  p.expectWord('INSERT');
  const table = p.objectName();
  p.expectWord('FROM');
  const file = bulkSource(p);
  const node: BulkInsert = { kind: 'BulkInsert', table, file, options: [], start, end: p.prev.end };
  if (atWithHints(p)) {
    p.next();
    p.expectPunct('(');
    p.enter();
    const seen = new Set<string>();
    node.options = p.commaList((q) => parseBulkOption(q, false, seen));
    p.expectPunct(')');
    p.leave();
    node.end = p.prev.end;
  }
  return node;
}

/** The data file of BULK INSERT: a string, or a name or number (as the SQL Server 2022 parser does). */
function bulkSource(p: Parser): Literal {
  const t = p.tok;
  if (t.kind === 'string') return stringLiteral(p);
  if (t.kind === 'number') return numberLiteral(p);
  const name = p.identifier();
  return { kind: 'Literal', type: 'string', value: name.value, start: name.start, end: name.end };
}

/** Options of BULK INSERT that take no value; OPENROWSET(BULK …) has its own (SINGLE_BLOB …). */
const BULK_FLAG_OPTIONS: ReadonlySet<string> = new Set(['KEEPIDENTITY', 'KEEPNULLS', 'TABLOCK', 'CHECK_CONSTRAINTS', 'FIRE_TRIGGERS', 'NO_TRIGGERS', 'INCLUDE_HIDDEN']);
const OPENROWSET_FLAG_OPTIONS: ReadonlySet<string> = new Set(['SINGLE_BLOB', 'SINGLE_CLOB', 'SINGLE_NCLOB']);
/** Options whose value is an integer constant. */
const BULK_INT_OPTIONS: ReadonlySet<string> = new Set(['MAXERRORS', 'FIRSTROW', 'LASTROW', 'BATCHSIZE', 'CODEPAGE', 'ROWS_PER_BATCH', 'KILOBYTES_PER_BATCH']);
/** Options whose value is a string constant, with the values some of them are limited to (any case). */
const BULK_STRING_OPTIONS: ReadonlyMap<string, readonly string[] | undefined> = new Map<string, readonly string[] | undefined>([
  ['FIELDTERMINATOR', undefined],
  ['ROWTERMINATOR', undefined],
  ['FORMATFILE', undefined],
  ['ERRORFILE', undefined],
  ['CODEPAGE', undefined],
  ['DATAFILETYPE', ['CHAR', 'NATIVE', 'WIDECHAR', 'WIDENATIVE', 'WIDECHAR_ANSI', 'DTS_BUFFERS']],
  ['DATA_SOURCE', undefined],
  ['FORMATFILE_DATA_SOURCE', undefined],
  ['ERRORFILE_DATA_SOURCE', undefined],
  ['FORMAT', ['CSV', 'PARQUET', 'DELTA', 'SSTREAM']],
  ['FIELDQUOTE', undefined],
  ['ESCAPECHAR', undefined],
  ['DATA_COMPRESSION', ['GZIP']],
  ['PARSER_VERSION', ['1.0', '2.0']],
  ['HEADER_ROW', undefined],
  ['ROWSET_OPTIONS', undefined],
]);
/** A string CODEPAGE is ACP, OEM, RAW or a number. */
const CODEPAGE_NAMES: readonly string[] = ['ACP', 'OEM', 'RAW'];

/**
 * One option of BULK INSERT … WITH (…) or OPENROWSET(BULK …, …) (the SQL Server 2022 parser,
 * openRowsetBulkHint): a known flag, `name = integer`, `name = 'string'` (some strings limited to a
 * few values), HEADER_ROW = TRUE | FALSE, or ORDER (col [ASC|DESC], …) [UNIQUE]. Each option at most
 * once; anything else fails at the option's name or value.
 */
function parseBulkOption(p: Parser, openRowset: boolean, seen: Set<string>): BulkOption {
  const t = p.tok;
  if (t.kind !== 'word') p.fail();
  const name = t.upper;
  const flags = openRowset ? OPENROWSET_FLAG_OPTIONS : BULK_FLAG_OPTIONS;
  const known = name === 'ORDER' || flags.has(name) || BULK_INT_OPTIONS.has(name) || BULK_STRING_OPTIONS.has(name);
  if (!known || seen.has(name)) p.fail();
  seen.add(name);
  p.next();
  const node: BulkOption = { kind: 'BulkOption', name, start: t.start, end: t.end };
  if (name === 'ORDER') {
    p.expectPunct('(');
    node.order = parseOrderByItems(p);
    p.expectPunct(')');
    if (openRowset) p.acceptWord('UNIQUE');
  } else if (flags.has(name)) {
    // a flag takes no value
  } else {
    p.expectPunct('=');
    node.value = bulkOptionValue(p, name);
  }
  node.end = p.prev.end;
  return node;
}

function bulkOptionValue(p: Parser, name: string): Literal {
  const v = p.tok;
  if (v.kind === 'number' && BULK_INT_OPTIONS.has(name)) return numberLiteral(p);
  if (v.kind === 'string' && BULK_STRING_OPTIONS.has(name)) {
    const allowed = name === 'CODEPAGE' ? (isNumeric(v.value) ? undefined : CODEPAGE_NAMES) : BULK_STRING_OPTIONS.get(name);
    if (allowed !== undefined && !allowed.includes(v.value.toUpperCase())) p.fail();
    return stringLiteral(p);
  }
  if (name === 'HEADER_ROW' && (p.isWord('TRUE') || p.isWord('FALSE'))) {
    p.next();
    return { kind: 'Literal', type: 'string', value: v.upper, start: v.start, end: v.end };
  }
  return p.fail();
}

const isNumeric = (s: string): boolean => s.length > 0 && s.length < 10 && !Number.isNaN(Number(s)) && s.trim() === s;

/**
 * INSERT BULK t [(col type [COLLATE c] [NULL | NOT NULL] | timestamp, …)] [WITH (option, …)]: the
 * statement bulk-copy clients (bcp, SqlBulkCopy) send (as the SQL Server 2022 parser does).
 */
function parseInsertBulk(p: Parser): InsertBulk {
  const start = p.expectWord('INSERT').start;
  p.expectWord('BULK');
  const table = p.objectName();
  const node: InsertBulk = { kind: 'InsertBulk', table, columns: [], options: [], start, end: p.prev.end };
  if (p.isPunct('(')) node.columns = p.parenList(parseInsertBulkColumn);
  if (atWithHints(p)) {
    p.next();
    p.expectPunct('(');
    p.enter();
    const seen = new Set<string>();
    node.options = p.commaList((q) => parseBulkOption(q, false, seen));
    p.expectPunct(')');
    p.leave();
  }
  node.end = p.prev.end;
  return node;
}

function parseInsertBulkColumn(p: Parser): InsertBulkColumn {
  const name = p.identifier();
  const node: InsertBulkColumn = { kind: 'InsertBulkColumn', name, start: name.start, end: name.end };
  // A bare `timestamp` names the rowversion column (as the SQL Server 2022 parser does).
  if (!(name.value.toUpperCase() === 'TIMESTAMP' && (p.isPunct(',') || p.isPunct(')')))) {
    node.dataType = p.dataType();
    if (p.acceptWord('COLLATE')) node.collation = p.identifier();
  }
  if (p.acceptWord('NULL')) node.nullable = true;
  else if (p.acceptWord('NOT')) {
    p.expectWord('NULL');
    node.nullable = false;
  }
  node.end = p.prev.end;
  return node;
}

// ---- registration ----------------------------------------------------------------------------

const NO_PREFIX = (): WithPrefix => ({ ctes: [] });

registerStatement('SELECT', (p) => selectStatementAfter(p, p.tok.start, NO_PREFIX()));
registerStatement('(', (p) => selectStatementAfter(p, p.tok.start, NO_PREFIX()));
registerStatement('WITH', parseWithStatement);
registerStatement('INSERT', (p) => (p.isWord('BULK', 1) ? parseInsertBulk(p) : parseInsert(p, p.tok.start, NO_PREFIX())));
registerStatement('UPDATE', (p) => (p.isWord('STATISTICS', 1) ? parseUpdateStatistics(p, p.tok.start) : parseUpdate(p, p.tok.start, NO_PREFIX())));
registerStatement('DELETE', (p) => parseDelete(p, p.tok.start, NO_PREFIX()));
registerStatement('MERGE', (p) => parseMerge(p, p.tok.start, NO_PREFIX()));
registerStatement('TRUNCATE', parseTruncate);
registerStatement('BULK', parseBulkInsert);
