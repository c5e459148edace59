// Expressions with SQL Server's operator precedence ("Operator precedence (Transact-SQL)"):
//   ~ ; * / % ; unary + - ; + - & ^ | ; comparisons ; NOT ; AND ; OR.
// Scalar expressions and search conditions are kept apart the way SQL Server keeps them: a
// comparison is not a value (`SET @x = a > b` fails at `>`), a bare value is not a condition
// (`WHERE a` fails with Msg 4145), and only parentheses may hold either.
//
// Binary scalar operators use precedence climbing (one function, a minimum precedence) so a deep
// expression costs few stack frames; every parenthesis, subquery and CASE goes through p.enter()
// so deep nesting fails with Msg 191.
import type { Token } from '../lexer.js';
import type { ColumnRef, DataType, Expression, Ident, ObjectName } from './ast.js';
import type {
  Binary,
  Case,
  ComparisonOp,
  FrameBound,
  FullTextPredicate,
  FunctionCall,
  Like,
  Literal,
  OdbcLiteral,
  OrderByItem,
  OverClause,
  PartitionFunctionCall,
  WhenClause,
  WindowFrame,
} from './ast-expressions.js';
import type { QueryNode } from './ast-query.js';
import type { Parser } from './core.js';
import { SyntaxFailure } from './core.js';
import { parseQueryExpression } from './query.js';

type Expr = Expression;

// ---- entry points ------------------------------------------------------------------------------

/** A scalar expression (never a comparison or other condition, except inside parentheses of CASE/IIF). */
export function parseExpression(p: Parser): Expr {
  return climb(p, parseUnary(p), 1);
}

/** A search condition (WHERE, ON, HAVING, IF, WHILE, CHECK, WHEN): a bare value fails with Msg 4145. */
export function parseCondition(p: Parser): Expr {
  const e = parseOr(p, false);
  if (!isCondition(e)) failNonBoolean(p);
  return e;
}

/**
 * A select-list item's value, where `*` and `alias.*` are allowed: those give a ColumnRef with
 * `star` (parts empty for `*`). Anything else is parseExpression.
 */
export function parseExpressionOrStar(p: Parser): Expr {
  const start = p.tok.start;
  if (p.isPunct('*')) {
    p.next();
    const star: ColumnRef = { kind: 'ColumnRef', parts: [], star: true, start, end: p.prev.end };
    return star;
  }
  if (isQualifiedStar(p)) {
    const parts: Ident[] = [];
    while (!p.isPunct('*')) {
      // `..t.*`, `db..t.*`: a part left out is an empty name.
      parts.push(p.isPunct('.') ? emptyPart(p.prev) : p.identifier());
      p.expectPunct('.');
    }
    p.next();
    const star: ColumnRef = { kind: 'ColumnRef', parts, star: true, start, end: p.prev.end };
    return star;
  }
  return parseExpression(p);
}

/** `a.*`, `dbo.t.*`, `..t.*`: name parts (some perhaps left out) separated by dots, then `.*`. */
export function isQualifiedStar(p: Parser): boolean {
  let k = 0;
  for (let parts = 0; parts < 4; parts++) {
    // The part just before `.*` (the table) is named; parts before it may be left out.
    const named = p.isIdentifier(k);
    if (named) k++;
    if (!p.isPunct('.', k)) return false;
    if (p.isPunct('*', k + 1)) return named;
    k++;
  }
  return false;
}

/** Whether an expression can start at the current token (for RETURN, PRINT and statement ends). */
export function startsExpression(p: Parser): boolean {
  const t = p.tok;
  switch (t.kind) {
    case 'number':
    case 'string':
    case 'variable':
    case 'quoted':
      return true;
    case 'punct':
      if (p.atEnd()) return false;
      return t.text === '(' || t.text === '-' || t.text === '+' || t.text === '~' || (t.text === '$' && p.peek().start === t.end);
    case 'word':
      return !isReservedWord(p) || EXPRESSION_KEYWORDS.has(t.upper);
    default:
      return false;
  }
}

function isReservedWord(p: Parser): boolean {
  return p.tok.kind === 'word' && !p.isIdentifier();
}

/** Reserved words that start an expression. */
const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set([
  'NULL', 'CASE', 'CONVERT', 'TRY_CONVERT', 'LEFT', 'RIGHT', 'COALESCE', 'NULLIF', 'IDENTITY', 'IDENTITYCOL', 'ROWGUIDCOL',
  'CURRENT_TIMESTAMP', 'CURRENT_USER', 'SESSION_USER', 'SYSTEM_USER', 'USER',
]);

// ---- conditions --------------------------------------------------------------------------------

const CONDITION_KINDS: ReadonlySet<string> = new Set([
  'Comparison', 'QuantifiedComparison', 'Logical', 'Not', 'Between', 'Like', 'InList', 'InSubquery', 'IsNull',
  'IsDistinct', 'Exists', 'UpdatedColumn', 'FullTextPredicate', 'GraphMatch', 'TsEqual',
]);

/** A search condition node (or parentheses around one), as opposed to a scalar value. */
export function isCondition(e: Expr): boolean {
  let n = e;
  while (n.kind === 'Paren') n = n.expr;
  return CONDITION_KINDS.has(n.kind);
}

/** Msg 4145: a value where a condition is expected, reported at the token after it. */
function failNonBoolean(p: Parser): never {
  const t = p.atEnd() ? p.prev : p.tok;
  const near = t.kind === 'string' || t.kind === 'quoted' ? t.value : t.text;
  throw new SyntaxFailure(4145, `An expression of non-boolean type specified in a context where a condition is expected, near '${near}'.`, t);
}

/** OR-level; with `allowScalar` (inside parentheses) a bare value comes back as is. */
function parseOr(p: Parser, allowScalar: boolean): Expr {
  let left = parseAnd(p, allowScalar);
  if (!isCondition(left)) return left;
  while (p.isWord('OR')) {
    p.next();
    const right = parseAnd(p, false);
    left = { kind: 'Logical', op: 'OR', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseAnd(p: Parser, allowScalar: boolean): Expr {
  let left = parseNot(p, allowScalar);
  if (!isCondition(left)) return left;
  while (p.isWord('AND')) {
    p.next();
    const right = parseNot(p, false);
    left = { kind: 'Logical', op: 'AND', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseNot(p: Parser, allowScalar: boolean): Expr {
  if (!p.isWord('NOT')) return parsePredicate(p, allowScalar);
  const start = p.next().start;
  p.enter();
  const operand = parseNot(p, false);
  p.leave();
  return { kind: 'Not', operand, start, end: operand.end };
}

/** One predicate: a comparison, [NOT] BETWEEN/IN/LIKE, IS [NOT] NULL, EXISTS, CONTAINS, UPDATE(col), or ( condition ). */
function parsePredicate(p: Parser, allowScalar: boolean): Expr {
  const t = p.tok;
  if (t.kind === 'word') {
    if (t.upper === 'EXISTS') return parseExists(p);
    if ((t.upper === 'CONTAINS' || t.upper === 'FREETEXT') && p.isPunct('(', 1)) return parseFullText(p);
    if (t.upper === 'UPDATE' && p.isPunct('(', 1)) return parseUpdatedColumn(p);
    if (t.upper === 'MATCH' && p.isPunct('(', 1)) return parseGraphMatch(p);
    if (t.upper === 'TSEQUAL' && p.isPunct('(', 1)) return parseTsEqual(p);
  }
  let left: Expr;
  if (t.kind === 'punct' && t.text === '(' && !isSubqueryStart(p)) {
    p.next();
    p.enter();
    const inner = parseOr(p, true);
    p.expectPunct(')');
    p.leave();
    const paren: Expr = { kind: 'Paren', expr: inner, start: t.start, end: p.prev.end };
    if (isCondition(inner)) return paren;
    left = climb(p, parsePostfix(p, paren), 1);
  } else left = parseExpression(p);
  return parsePredicateTail(p, left, allowScalar);
}

function parsePredicateTail(p: Parser, left: Expr, allowScalar: boolean): Expr {
  const op = comparisonOp(p);
  if (op !== undefined) return parseComparison(p, left, op);
  const t = p.tok;
  if (t.kind !== 'word') return scalarOrFail(p, left, allowScalar);
  let not = false;
  if (t.upper === 'NOT' && (p.isWord('BETWEEN', 1) || p.isWord('IN', 1) || p.isWord('LIKE', 1))) {
    p.next();
    not = true;
  }
  switch (p.tok.upper) {
    case 'BETWEEN':
      return parseBetween(p, left, not);
    case 'IN':
      return parseIn(p, left, not);
    case 'LIKE':
      return parseLike(p, left, not);
    case 'IS':
      return parseIs(p, left);
    default:
      return scalarOrFail(p, left, allowScalar);
  }
}

function scalarOrFail(p: Parser, left: Expr, allowScalar: boolean): Expr {
  // `a NOT = 1`: NOT after a value only starts NOT BETWEEN / IN / LIKE.
  if (p.isWord('NOT')) p.fail();
  if (!allowScalar) failNonBoolean(p);
  return left;
}

/** The comparison operator at the current token, consumed; undefined (nothing consumed) if none. */
function comparisonOp(p: Parser): ComparisonOp | undefined {
  const t = p.tok;
  if (t.kind !== 'punct') return undefined;
  switch (t.text) {
    case '=':
    case '<>':
    case '!=':
    case '<':
    case '>':
    case '<=':
    case '>=':
      p.next();
      return t.text;
    case '!':
      if (p.isPunct2('!', '<')) {
        p.next();
        p.next();
        return '!<';
      }
      if (p.isPunct2('!', '>')) {
        p.next();
        p.next();
        return '!>';
      }
      return undefined;
    default:
      return undefined;
  }
}

function parseComparison(p: Parser, left: Expr, op: ComparisonOp): Expr {
  const q = p.tok;
  if (q.kind === 'word' && (q.upper === 'ALL' || q.upper === 'ANY' || q.upper === 'SOME')) {
    p.next();
    const query = parseParenQuery(p);
    return { kind: 'QuantifiedComparison', op, quantifier: q.upper, left, query, start: left.start, end: p.prev.end };
  }
  const right = parseExpression(p);
  return { kind: 'Comparison', op, left, right, start: left.start, end: right.end };
}

function parseBetween(p: Parser, expr: Expr, not: boolean): Expr {
  p.expectWord('BETWEEN');
  const low = parseExpression(p);
  p.expectWord('AND');
  const high = parseExpression(p);
  return { kind: 'Between', not, expr, low, high, start: expr.start, end: high.end };
}

function parseIn(p: Parser, expr: Expr, not: boolean): Expr {
  p.expectWord('IN');
  if (isSubqueryStart(p)) {
    const query = parseParenQuery(p);
    return { kind: 'InSubquery', not, expr, query, start: expr.start, end: p.prev.end };
  }
  const items = p.parenList(parseExpression);
  return { kind: 'InList', not, expr, items, start: expr.start, end: p.prev.end };
}

/** x [NOT] LIKE pattern [ESCAPE c], the escape also in ODBC braces: `{ESCAPE '\\'}` (as the SQL Server 2022 parser does). */
function parseLike(p: Parser, expr: Expr, not: boolean): Expr {
  p.expectWord('LIKE');
  const pattern = parseExpression(p);
  const odbc = p.isPunct('{') && p.isWord('ESCAPE', 1);
  if (odbc) p.next();
  if (p.acceptWord('ESCAPE')) {
    const escape = parseExpression(p);
    if (odbc) p.expectPunct('}');
    const node: Like = { kind: 'Like', not, expr, pattern, escape, start: expr.start, end: p.prev.end };
    if (odbc) node.odbcEscape = true;
    return node;
  }
  return { kind: 'Like', not, expr, pattern, start: expr.start, end: pattern.end };
}

/** IS [NOT] NULL, IS [NOT] DISTINCT FROM x */
function parseIs(p: Parser, expr: Expr): Expr {
  p.expectWord('IS');
  const not = p.acceptWord('NOT');
  if (p.acceptWord('NULL')) return { kind: 'IsNull', not, expr, start: expr.start, end: p.prev.end };
  p.expectWord('DISTINCT');
  p.expectWord('FROM');
  // IS [NOT] DISTINCT FROM { ALL | ANY | SOME } ( subquery ) (as the SQL Server 2022 parser does).
  const q = p.tok;
  if (q.kind === 'word' && (q.upper === 'ALL' || q.upper === 'ANY' || q.upper === 'SOME') && p.isPunct('(', 1)) {
    p.next();
    const subStart = p.tok.start;
    const query = parseParenQuery(p);
    const right: Expr = { kind: 'Subquery', query, start: subStart, end: p.prev.end };
    return { kind: 'IsDistinct', not, left: expr, right, quantifier: q.upper, start: expr.start, end: right.end };
  }
  const right = parseExpression(p);
  return { kind: 'IsDistinct', not, left: expr, right, start: expr.start, end: right.end };
}

function parseExists(p: Parser): Expr {
  const start = p.next().start;
  const query = parseParenQuery(p);
  return { kind: 'Exists', query, start, end: p.prev.end };
}

/** TSEQUAL ( a, b ): the old timestamp comparison, still a predicate in the 2022 grammar (tsEqualCall). */
function parseTsEqual(p: Parser): Expr {
  const start = p.next().start;
  p.expectPunct('(');
  p.enter();
  const left = parseExpression(p);
  p.expectPunct(',');
  const right = parseExpression(p);
  p.expectPunct(')');
  p.leave();
  return { kind: 'TsEqual', left, right, start, end: p.prev.end };
}

/** `UPDATE(column)` in a trigger (docs: "UPDATE() (Transact-SQL)"). */
function parseUpdatedColumn(p: Parser): Expr {
  const start = p.next().start;
  p.expectPunct('(');
  const column = p.identifier();
  p.expectPunct(')');
  return { kind: 'UpdatedColumn', column, start, end: p.prev.end };
}

/**
 * CONTAINS ( { column | (column_list) | * | PROPERTY ( column, 'property' ) }, 'search' [, LANGUAGE term] )
 * FREETEXT ( { column | (column_list) | * }, 'freetext_string' [, LANGUAGE term] )
 */
function parseFullText(p: Parser): Expr {
  const word = p.next();
  const predicate = word.upper === 'CONTAINS' ? 'CONTAINS' : 'FREETEXT';
  p.expectPunct('(');
  p.enter();
  const node: FullTextPredicate = { kind: 'FullTextPredicate', predicate, columns: [], search: placeholder(word), start: word.start, end: word.end };
  if (p.isPunct('(')) {
    // ( * | t.* | column, … ) (as the SQL Server 2022 parser does)
    p.next();
    if (!parseFullTextStar(p, node)) do parseFullTextColumn(p, node);
    while (p.acceptPunct(','));
    p.expectPunct(')');
  } else if (predicate === 'CONTAINS' && p.isWord('PROPERTY') && p.isPunct('(', 1)) {
    p.next();
    p.expectPunct('(');
    node.columns.push(parseColumnName(p));
    p.expectPunct(',');
    if (p.tok.kind !== 'string') p.fail();
    node.property = parsePrimary(p);
    p.expectPunct(')');
  } else if (!parseFullTextStar(p, node)) parseFullTextColumn(p, node);
  p.expectPunct(',');
  // The search condition is a string or a variable (docs: "CONTAINS (Transact-SQL)", "FREETEXT").
  if (p.tok.kind !== 'string' && !p.isVariable()) p.fail();
  node.search = parsePrimary(p);
  if (p.acceptPunct(',')) {
    p.expectWord('LANGUAGE');
    node.language = parseExpression(p);
  }
  p.expectPunct(')');
  p.leave();
  node.end = p.prev.end;
  return node;
}

/**
 * MATCH ( graph_search_pattern ) (docs: "MATCH (Transact-SQL)"): node and edge aliases joined by
 * arrows `-(edge)->` and `<-(edge)-`, patterns joined by AND or commas, LAST_NODE(alias), and
 * SHORTEST_PATH( arbitrary-length pattern with + or {1,n} ). The node keeps the aliases in order.
 */
function parseGraphMatch(p: Parser): Expr {
  const start = p.next().start;
  p.expectPunct('(');
  p.enter();
  const aliases: Ident[] = [];
  do parseMatchTerm(p, aliases);
  while (p.acceptWord('AND') || p.acceptPunct(','));
  p.expectPunct(')');
  p.leave();
  return { kind: 'GraphMatch', aliases, start, end: p.prev.end };
}

function parseMatchTerm(p: Parser, aliases: Ident[]): void {
  if (p.isPunct('(')) {
    p.next();
    p.enter();
    do parseMatchTerm(p, aliases);
    while (p.acceptWord('AND') || p.acceptPunct(','));
    p.expectPunct(')');
    p.leave();
    return;
  }
  if (p.isWord('SHORTEST_PATH') && p.isPunct('(', 1)) {
    p.next();
    parseShortestPath(p, aliases);
    return;
  }
  const lastNode = p.isWord('LAST_NODE');
  parseMatchNode(p, aliases);
  if (lastNode && p.acceptPunct('=')) {
    parseMatchNode(p, aliases);
    return;
  }
  let edges = 0;
  while (parseMatchEdge(p, aliases)) {
    parseMatchNode(p, aliases);
    edges++;
  }
  if (edges === 0) p.fail();
}

/** node_alias | LAST_NODE(node_alias) */
function parseMatchNode(p: Parser, aliases: Ident[]): void {
  if (p.isWord('LAST_NODE') && p.isPunct('(', 1)) {
    p.next();
    p.next();
    aliases.push(p.identifier());
    p.expectPunct(')');
    return;
  }
  aliases.push(p.identifier());
}

/** `-(edge)->` or `<-(edge)-`; false (nothing consumed) when no arrow follows. */
function parseMatchEdge(p: Parser, aliases: Ident[]): boolean {
  if (p.isPunct('-') && p.isPunct('(', 1)) {
    p.next();
    p.next();
    aliases.push(p.identifier());
    p.expectPunct(')');
    p.expectPunct('-');
    p.expectPunct('>');
    return true;
  }
  if (p.isPunct('<') && p.isPunct('-', 1) && p.isPunct('(', 2)) {
    p.next();
    p.next();
    p.next();
    aliases.push(p.identifier());
    p.expectPunct(')');
    p.expectPunct('-');
    return true;
  }
  return false;
}

/**
 * SHORTEST_PATH( … ): arbitrary-length patterns such as `P1(-(e)->P2)+` or `(P2<-(e)-)+`,
 * `{1,3}` quantifiers, LAST_NODE(…), AND: read as a balanced group of those tokens.
 */
function parseShortestPath(p: Parser, aliases: Ident[]): void {
  p.expectPunct('(');
  let depth = 1;
  while (depth > 0) {
    const t = p.tok;
    if (p.atEnd()) p.fail();
    if (t.kind === 'word' && t.upper === 'LAST_NODE') p.next();
    else if (t.kind === 'quoted' || (t.kind === 'word' && p.isIdentifier())) aliases.push(p.identifier());
    else if (t.kind === 'word' && t.upper === 'AND') p.next();
    else if (t.kind === 'number') p.next();
    else if (t.kind === 'punct' && '()-<>+{},'.includes(t.text)) {
      if (t.text === '(') p.enter();
      else if (t.text === ')') {
        depth--;
        if (depth > 0) p.leave();
      }
      if (t.text === '(') depth++;
      p.next();
    } else p.fail();
  }
}

/** `*` or `alias.*` as the full-text columns: sets `star`; false (nothing consumed) otherwise. */
function parseFullTextStar(p: Parser, node: FullTextPredicate): boolean {
  if (!p.isPunct('*') && !isQualifiedStar(p)) return false;
  const star = parseExpressionOrStar(p);
  if (star.kind === 'ColumnRef' && star.parts.length > 0) node.columns.push(star);
  node.star = true;
  return true;
}

/** A full-text column: a (qualified) column name or the key pseudo-column `[t.]$IDENTITY` / `$ROWGUID`. */
function parseFullTextColumn(p: Parser, node: FullTextPredicate): void {
  const e = p.isPunct('$') ? parseDollar(p, []) : parseNamed(p);
  if (e.kind === 'ColumnRef') node.columns.push(e);
  else if (e.kind === 'PseudoColumn' && (e.name === '$IDENTITY' || e.name === '$ROWGUID')) (node.pseudoColumns ??= []).push(e);
  else p.fail(p.tokenAt(e.start));
}

/** A placeholder filled in before the node is returned (keeps the node's shape without optional fields). */
function placeholder(t: Token): Expr {
  return { kind: 'Literal', type: 'null', value: '', start: t.start, end: t.end };
}

/** A column named by 1–4 parts (no `*`). */
function parseColumnName(p: Parser): ColumnRef {
  const start = p.tok.start;
  const parts = [p.identifier()];
  while (parts.length < 4 && p.acceptPunct('.')) parts.push(p.identifier());
  return { kind: 'ColumnRef', parts, start, end: p.prev.end };
}

// ---- subqueries --------------------------------------------------------------------------------

/** `(` followed by SELECT (a subquery rather than a parenthesised expression). */
function isSubqueryStart(p: Parser): boolean {
  if (!p.isPunct('(')) return false;
  let k = 1;
  // ((SELECT …) UNION (SELECT …)) and ((SELECT …)): look through the opening parentheses.
  while (p.isPunct('(', k)) k++;
  if (!p.isWord('SELECT', k)) return false;
  return k === 1 || parenGroupContinuesAsQuery(p, k - 1);
}

/**
 * With `((SELECT …) …` ahead: whether the first inner group is followed by UNION/EXCEPT/INTERSECT,
 * ORDER BY, or the closing parenthesis (a query in parentheses) rather than by an operator
 * (`((SELECT 1) + 1)`, a value).
 */
function parenGroupContinuesAsQuery(p: Parser, innerOpen: number): boolean {
  let depth = 0;
  for (let k = innerOpen; ; k++) {
    const t = p.peek(k);
    if (p.pos + k >= p.tokens.length - 1) return false;
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') {
      depth--;
      if (depth === 0) {
        const after = p.peek(k + 1);
        if (after.kind === 'punct') return after.text === ')';
        return after.kind === 'word' && (after.upper === 'UNION' || after.upper === 'EXCEPT' || after.upper === 'INTERSECT' || after.upper === 'ORDER');
      }
    }
  }
}

/** `( query )` */
function parseParenQuery(p: Parser): QueryNode {
  p.expectPunct('(');
  p.enter();
  const query = parseQueryExpression(p);
  p.expectPunct(')');
  p.leave();
  return query;
}

// ---- scalar expressions ------------------------------------------------------------------------

/**
 * Precedence of the binary scalar operator at the current token (0: not one). `||`, `<<` and `>>` come
 * from the lexer as two adjacent punct tokens; `<<` and `>>` bind like `*`, `||` like `+` (the SQL Server 2022 parser's
 * expressionBinaryPri1/Pri2). A lone `<` or `>` is a comparison, not a scalar operator.
 */
function binaryPrecedence(p: Parser, t: Token): number {
  if (t.kind !== 'punct' || t.text.length !== 1) return 0;
  switch (t.text) {
    case '*':
    case '/':
    case '%':
      return 3;
    case '<':
    case '>':
      return doubled(p, t) ? 3 : 0;
    case '+':
    case '-':
    case '&':
    case '^':
    case '|':
      return 2;
    default:
      return 0;
  }
}

/** The current token `t` is followed, without space, by the same one character: `||`, `<<`, `>>`. */
function doubled(p: Parser, t: Token): boolean {
  const u = p.peek();
  return u.kind === 'punct' && u.text === t.text && u.start === t.end;
}

/** Precedence climbing: binary operators of at least `minPrec`, left-associative. */
function climb(p: Parser, first: Expr, minPrec: number): Expr {
  let left = first;
  for (;;) {
    const t = p.tok;
    const prec = binaryPrecedence(p, t);
    if (prec < minPrec || prec === 0 || p.atEnd()) return left;
    const twoChars = t.text !== '|' ? prec === 3 && (t.text === '<' || t.text === '>') : doubled(p, t);
    // `%=`, `&=`, `|=`, `^=`, `||=` (compound assignment) are not operators here.
    const after = p.peek(twoChars ? 2 : 1);
    const last = twoChars ? p.peek() : t;
    if (after.kind === 'punct' && after.text === '=' && after.start === last.end && t.text !== '*' && t.text !== '/' && t.text !== '<' && t.text !== '>') return left;
    p.next();
    if (twoChars) p.next();
    const right = climb(p, parseUnary(p), prec + 1);
    const node: Binary = { kind: 'Binary', op: binaryOp(twoChars ? t.text + t.text : t.text), left, right, start: left.start, end: right.end };
    left = node;
  }
}

function binaryOp(text: string): Binary['op'] {
  switch (text) {
    case '*':
    case '/':
    case '%':
    case '+':
    case '-':
    case '&':
    case '|':
    case '^':
    case '||':
    case '<<':
    case '>>':
      return text;
    default:
      throw new Error(`not a binary operator: ${text}`);
  }
}

/** Unary + - ~ bind tighter than any binary operator. */
function parseUnary(p: Parser): Expr {
  const t = p.tok;
  if (t.kind === 'punct' && (t.text === '-' || t.text === '+' || t.text === '~') && !p.atEnd()) {
    p.next();
    p.enter();
    const operand = parseUnary(p);
    p.leave();
    return { kind: 'Unary', op: t.text, operand, start: t.start, end: operand.end };
  }
  return parsePostfix(p, parsePrimary(p));
}

/** `.method(…)`, `.property`, COLLATE name, AT TIME ZONE zone, after a value. */
function parsePostfix(p: Parser, first: Expr): Expr {
  let e = first;
  for (;;) {
    const t = p.tok;
    if (t.kind === 'punct' && t.text === '.' && !p.atEnd()) {
      p.next();
      const name = p.identifier();
      if (p.isPunct('(')) {
        const args = parseArgumentList(p);
        e = { kind: 'MethodCall', target: e, method: name, args, start: e.start, end: p.prev.end };
      } else e = { kind: 'PropertyAccess', target: e, property: name, start: e.start, end: name.end };
    } else if (t.kind === 'word' && t.upper === 'COLLATE') {
      p.next();
      const collation = p.identifier();
      e = { kind: 'Collate', expr: e, collation, start: e.start, end: collation.end };
    } else if (t.kind === 'word' && t.upper === 'AT' && p.isWord('TIME', 1) && p.isWord('ZONE', 2)) {
      p.next();
      p.next();
      p.next();
      const zone = parsePrimary(p);
      e = { kind: 'AtTimeZone', expr: e, zone, start: e.start, end: zone.end };
    } else return e;
  }
}

function parsePrimary(p: Parser): Expr {
  const t = p.tok;
  switch (t.kind) {
    case 'number':
      p.next();
      return literal(t, t.text.length > 1 && (t.text.charCodeAt(1) | 32) === 120 ? 'binary' : 'number', t.text);
    case 'string':
      p.next();
      return literal(t, (t.text.charCodeAt(0) | 32) === 110 ? 'nstring' : 'string', t.value);
    case 'variable':
      p.next();
      if (t.text.startsWith('@@')) return { kind: 'GlobalVariable', name: t.text, start: t.start, end: t.end };
      return { kind: 'Variable', name: t.text, start: t.start, end: t.end };
    case 'quoted':
      return parseNamed(p);
    case 'word':
      return parseWordPrimary(p, t);
    case 'punct':
      if (p.atEnd()) return p.fail();
      if (t.text === '(') return parseParenthesised(p);
      if (t.text === '$') return parseDollar(p, []);
      // `.t.c`, `..t.c`, `.dbo.f()`: leading name parts left out (the SQL Server 2022 parser's multi-part identifiers).
      if (t.text === '.') return parseNamed(p);
      if (t.text === '{') return parseOdbc(p);
      return p.fail();
    default:
      return p.fail();
  }
}

function literal(t: Token, type: Literal['type'], value: string): Literal {
  return { kind: 'Literal', type, value, start: t.start, end: t.end };
}

/** `( expr )` or `( subquery )` in a scalar context. */
function parseParenthesised(p: Parser): Expr {
  const start = p.tok.start;
  if (isSubqueryStart(p)) {
    const query = parseParenQuery(p);
    return { kind: 'Subquery', query, start, end: p.prev.end };
  }
  p.next();
  p.enter();
  const expr = parseExpression(p);
  p.expectPunct(')');
  p.leave();
  return { kind: 'Paren', expr, start, end: p.prev.end };
}

/** A primary starting with a word: a keyword-led form, a niladic function, or a (dotted) name. */
function parseWordPrimary(p: Parser, t: Token): Expr {
  const call = p.isPunct('(', 1);
  switch (t.upper) {
    case 'NULL':
      p.next();
      return literal(t, 'null', 'NULL');
    case 'CASE':
      return parseCase(p);
    case 'CONVERT':
    case 'TRY_CONVERT':
      return parseConvert(p);
    case 'CURRENT_TIMESTAMP':
    case 'CURRENT_USER':
    case 'SESSION_USER':
    case 'SYSTEM_USER':
    case 'USER':
      p.next();
      return { kind: 'NiladicFunction', name: t.upper, start: t.start, end: t.end };
    case 'IDENTITY':
      return call ? parseIdentityFunction(p) : p.fail();
    case 'IDENTITYCOL':
    case 'ROWGUIDCOL':
      p.next();
      return { kind: 'PseudoColumn', name: t.upper, qualifier: [], start: t.start, end: t.end };
    case 'LEFT':
    case 'RIGHT':
    case 'COALESCE':
    case 'NULLIF':
      if (!call) return p.fail();
      return parseCall(p, [p.identifierOrKeyword()], t.start);
    case 'NEXT':
      if (p.isWord('VALUE', 1) && p.isWord('FOR', 2)) return parseNextValueFor(p);
      break;
    default:
      break;
  }
  if (!p.isIdentifier() && t.upper !== 'PRECISION') return p.fail();
  if (call) {
    const special = SPECIAL_CALLS.get(t.upper);
    if (special !== undefined) return special(p);
  }
  return parseNamed(p);
}

/** A dotted name: a column (`a.b.c`), a call (`dbo.f(x)`, `col.method()`), a static method (`geography::Point(…)`), `t.$IDENTITY`. */
function parseNamed(p: Parser): Expr {
  const start = p.tok.start;
  const parts: Ident[] = [];
  while (p.isPunct('.') && parts.length < 3) parts.push(emptyPart(p.next()));
  parts.push(namePart(p));
  while (p.isPunct('.') && !p.atEnd()) {
    if (p.isPunct('$', 1)) {
      p.next();
      return parseDollar(p, parts);
    }
    p.next();
    // `db..t.c`: a part left out between two dots (the default schema).
    if (p.isPunct('.') && parts.length < 3) {
      parts.push(emptyPart(p.prev));
      continue;
    }
    // `t.IDENTITYCOL`, `t.ROWGUIDCOL`: the reserved pseudo-columns may be qualified.
    if (p.isWord('IDENTITYCOL') || p.isWord('ROWGUIDCOL')) {
      const t = p.next();
      return { kind: 'PseudoColumn', name: t.upper, qualifier: parts, start, end: t.end };
    }
    parts.push(namePart(p));
  }
  if (p.isPunct('(')) return parsePostfix(p, parseCall(p, parts, start));
  if (p.isPunct('::')) return parseStaticMethod(p, parts, start);
  if (parts.length > 4) {
    const first = p.tokens[p.pos - 2 * parts.length + 1] ?? p.tok;
    throw new SyntaxFailure(117, `The multi-part identifier '${p.text.slice(start, p.prev.end)}' contains more than the maximum number of prefixes. The maximum is 3.`, first);
  }
  // A copy of its exact length: `parts`, grown by push, keeps room for 16 more, and the trees hold close
  // to a million column names on a large payload.
  const column: ColumnRef = { kind: 'ColumnRef', parts: parts.slice(), start, end: p.prev.end };
  return column;
}

/** A name part left out (`db..t.c`): an empty, unquoted Ident at the dot. */
function emptyPart(dot: Token): Ident {
  return { kind: 'Ident', value: '', quoted: false, start: dot.end, end: dot.end };
}

/**
 * One part of a column or function name. PRECISION is on the reserved list, yet SQL Server takes it
 * unquoted as a column name (`SELECT c.precision FROM sys.columns c`, as the First Responder Kit
 * writes it): it is only reserved inside DOUBLE PRECISION.
 */
function namePart(p: Parser): Ident {
  if (p.isWord('PRECISION')) return p.identFrom(p.next());
  return p.identifier();
}

/** `type::Method(args)` or `type::Property`, then any further `.member`. */
function parseStaticMethod(p: Parser, parts: Ident[], start: number): Expr {
  if (parts.length > 3) p.fail();
  const type = objectNameFrom(parts, start);
  p.expectPunct('::');
  const method = p.identifier();
  let node: Expr;
  if (p.isPunct('(')) {
    const args = parseArgumentList(p);
    node = { kind: 'StaticMethodCall', type, method, args, start, end: p.prev.end };
  } else node = { kind: 'StaticMethodCall', type, method, start, end: method.end };
  return parsePostfix(p, node);
}

function objectNameFrom(parts: Ident[], start: number): ObjectName {
  const name = parts[parts.length - 1] as Ident;
  const node: ObjectName = { kind: 'ObjectName', name, start, end: name.end };
  if (parts.length >= 2) node.schema = parts[parts.length - 2] as Ident;
  if (parts.length >= 3) node.database = parts[parts.length - 3] as Ident;
  return node;
}

/**
 * `$` alone or before a number (money: `$`, `$12.50`) or adjacent to a word: `$action`, `$IDENTITY`, `$ROWGUID`,
 * the graph pseudo-columns (`$node_id`, `$edge_id`, `$from_id`, `$to_id`), and
 * `[database.]$PARTITION.function(expr)` (docs: "$PARTITION (Transact-SQL)").
 */
function parseDollar(p: Parser, qualifier: Ident[]): Expr {
  const dollar = p.expectPunct('$');
  const start = qualifier[0]?.start ?? dollar.start;
  if (qualifier.length === 0 && moneyAfter(p, dollar, 0)) return parseMoney(p, dollar);
  const t = p.tok;
  // A currency sign alone is the money constant 0 (`VALUES ($), ($)`, `SELECT £`).
  if (qualifier.length === 0 && (t.kind !== 'word' || t.start !== dollar.end)) return { kind: 'Literal', type: 'money', value: '0', start: dollar.start, end: dollar.end };
  if (t.start !== dollar.end) return p.fail(dollar);
  if (t.kind !== 'word') return p.fail();
  if (t.upper === 'PARTITION') {
    if (qualifier.length > 1) p.fail();
    p.next();
    p.expectPunct('.');
    const fn = p.identifier();
    p.expectPunct('(');
    p.enter();
    const [arg, ...moreArgs] = p.commaList(parseExpression);
    p.expectPunct(')');
    p.leave();
    if (arg === undefined) return p.fail();
    const node: PartitionFunctionCall = { kind: 'PartitionFunctionCall', function: fn, arg, start, end: p.prev.end };
    const database = qualifier[0];
    if (database !== undefined) node.database = database;
    if (moreArgs.length > 0) node.moreArgs = moreArgs;
    return node;
  }
  if (!PSEUDO_COLUMNS.has(t.upper) || (t.upper === 'ACTION' && qualifier.length > 0)) return p.fail();
  p.next();
  return { kind: 'PseudoColumn', name: `$${t.upper}`, qualifier, start, end: t.end };
}

/**
 * ODBC escapes in braces: a literal `{ d | t | ts | guid 'text' }` or a function `{ fn name(args) }`
 * (docs: "ODBC Scalar Functions (Transact-SQL)").
 */
function parseOdbc(p: Parser): Expr {
  const start = p.expectPunct('{').start;
  const t = p.tok;
  if (t.kind !== 'word') return p.fail();
  if (t.upper === 'FN') {
    p.next();
    const call = parseOdbcFunction(p);
    p.expectPunct('}');
    call.odbc = true;
    return p.finish<FunctionCall>(call, start);
  }
  const type = ODBC_LITERAL_TYPES.get(t.upper);
  if (type === undefined) return p.fail();
  p.next();
  const text = p.tok;
  if (text.kind !== 'string') return p.fail();
  p.next();
  p.expectPunct('}');
  return { kind: 'OdbcLiteral', type, value: text.value, national: (text.text.charCodeAt(0) | 32) === 110, start, end: p.prev.end };
}

const ODBC_LITERAL_TYPES: ReadonlyMap<string, OdbcLiteral['type']> = new Map<string, OdbcLiteral['type']>([
  ['D', 'date'], ['T', 'time'], ['TS', 'timestamp'], ['GUID', 'guid'],
]);

/**
 * The call inside `{fn …}`: any function name, keywords included (`{fn CURRENT_DATE()}`, `{fn LEFT(s, 2)}`,
 * `{fn USER()}`), `CONVERT(value, SQL_type)`, `EXTRACT(part FROM value)`, and CURRENT_TIME /
 * CURRENT_TIMESTAMP with or without parentheses.
 */
function parseOdbcFunction(p: Parser): Omit<FunctionCall, 'start' | 'end'> {
  const name = p.identifierOrKeyword();
  const upper = name.value.toUpperCase();
  const node: Omit<FunctionCall, 'start' | 'end'> = { kind: 'FunctionCall', name: [name], args: [] };
  if ((upper === 'CURRENT_TIME' || upper === 'CURRENT_TIMESTAMP') && !p.isPunct('(')) return node;
  p.expectPunct('(');
  p.enter();
  if (upper === 'CONVERT') {
    node.args.push(parseExpression(p));
    p.expectPunct(',');
    const type = p.identifier();
    node.args.push({ kind: 'ColumnRef', parts: [type], start: type.start, end: type.end });
  } else if (upper === 'EXTRACT') {
    const part = p.identifier();
    node.args.push({ kind: 'DatePart', value: part.value.toUpperCase(), start: part.start, end: part.end });
    p.expectWord('FROM');
    node.args.push(parseExpression(p));
  } else if (!p.isPunct(')')) node.args = p.commaList(parseExpression);
  p.expectPunct(')');
  p.leave();
  return node;
}

/**
 * After `$`: a money amount. The lexer rule of the 2022 grammar (Money) takes the sign, then spaces
 * only, then an optional + or -, then digits: `$12.50`, `$ 10`, `$-23.00`.
 */
function moneyAfter(p: Parser, dollar: Token, k: number): boolean {
  let t = p.peek(k);
  if (!onlySpaces(p.text, dollar.end, t.start)) return false;
  if (t.kind === 'punct' && (t.text === '-' || t.text === '+')) {
    const n = p.peek(k + 1);
    if (n.start !== t.end) return false;
    t = n;
  }
  return t.kind === 'number' && isDigit(t.text.charCodeAt(0));
}

/** Whether a money constant (`$12.50`, `$ 10`, `$-1`) starts at the current token. */
export function atMoneyLiteral(p: Parser): boolean {
  return p.isPunct('$') && moneyAfter(p, p.tok, 1);
}

/** A money constant at the current token (see atMoneyLiteral). */
export function parseMoneyLiteral(p: Parser): Literal {
  return parseMoney(p, p.expectPunct('$'));
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function parseMoney(p: Parser, dollar: Token): Literal {
  const sign = p.tok.kind === 'punct' ? p.next().text : '';
  const n = p.next();
  return { kind: 'Literal', type: 'money', value: sign + n.text, start: dollar.start, end: n.end };
}

const PSEUDO_COLUMNS: ReadonlySet<string> = new Set(['ACTION', 'IDENTITY', 'ROWGUID', 'NODE_ID', 'EDGE_ID', 'FROM_ID', 'TO_ID']);

// ---- CASE, CAST, CONVERT, PARSE, IDENTITY, NEXT VALUE FOR --------------------------------------

/** CASE [input] WHEN … THEN … [ELSE …] END: simple CASE compares values, searched CASE tests conditions. */
function parseCase(p: Parser): Expr {
  const start = p.next().start;
  p.enter();
  const node: Omit<Case, 'start' | 'end'> = { kind: 'Case', whens: [] };
  const searched = p.isWord('WHEN');
  if (!searched) node.operand = parseExpression(p);
  do node.whens.push(parseWhen(p, searched));
  while (p.isWord('WHEN'));
  if (p.acceptWord('ELSE')) node.else = parseExpression(p);
  p.expectWord('END');
  p.leave();
  return p.finish<Case>(node, start);
}

function parseWhen(p: Parser, searched: boolean): WhenClause {
  const start = p.expectWord('WHEN').start;
  const when = searched ? parseCondition(p) : parseExpression(p);
  p.expectWord('THEN');
  const then = parseExpression(p);
  return { kind: 'When', when, then, start, end: then.end };
}

/** CAST(x AS type) / TRY_CAST */
function parseCast(p: Parser): Expr {
  const word = p.next();
  p.expectPunct('(');
  p.enter();
  const expr = parseExpression(p);
  p.expectWord('AS');
  const dataType = p.dataType();
  p.expectPunct(')');
  p.leave();
  return { kind: 'Cast', try: word.upper === 'TRY_CAST', expr, dataType, start: word.start, end: p.prev.end };
}

/** CONVERT(type, x [, style]) / TRY_CONVERT */
function parseConvert(p: Parser): Expr {
  const word = p.next();
  p.expectPunct('(');
  p.enter();
  const dataType = p.dataType();
  p.expectPunct(',');
  const expr = parseExpression(p);
  const style = p.acceptPunct(',') ? parseExpression(p) : undefined;
  p.expectPunct(')');
  p.leave();
  const isTry = word.upper === 'TRY_CONVERT';
  if (style !== undefined) return { kind: 'Convert', try: isTry, dataType, expr, style, start: word.start, end: p.prev.end };
  return { kind: 'Convert', try: isTry, dataType, expr, start: word.start, end: p.prev.end };
}

/** PARSE(x AS type [USING culture]) / TRY_PARSE */
function parseParse(p: Parser): Expr {
  const word = p.next();
  p.expectPunct('(');
  p.enter();
  const expr = parseExpression(p);
  p.expectWord('AS');
  const dataType = p.dataType();
  const culture = p.acceptWord('USING') ? parseExpression(p) : undefined;
  p.expectPunct(')');
  p.leave();
  const isTry = word.upper === 'TRY_PARSE';
  if (culture !== undefined) return { kind: 'Parse', try: isTry, expr, dataType, culture, start: word.start, end: p.prev.end };
  return { kind: 'Parse', try: isTry, expr, dataType, start: word.start, end: p.prev.end };
}

/** IDENTITY(type [, seed, increment]) in SELECT … INTO (docs: "IDENTITY (Function) (Transact-SQL)"). */
function parseIdentityFunction(p: Parser): Expr {
  const start = p.next().start;
  p.expectPunct('(');
  p.enter();
  const dataType: DataType = p.dataType();
  let seed: Expr | undefined;
  let increment: Expr | undefined;
  if (p.acceptPunct(',')) {
    seed = parseExpression(p);
    p.expectPunct(',');
    increment = parseExpression(p);
  }
  p.expectPunct(')');
  p.leave();
  if (seed !== undefined && increment !== undefined) return { kind: 'IdentityFunction', dataType, seed, increment, start, end: p.prev.end };
  return { kind: 'IdentityFunction', dataType, start, end: p.prev.end };
}

/** NEXT VALUE FOR sequence [OVER (ORDER BY …)] */
function parseNextValueFor(p: Parser): Expr {
  const start = p.next().start;
  p.next();
  p.next();
  const sequence = p.objectName();
  if (p.isWord('OVER')) {
    const over = parseOverClause(p);
    return { kind: 'NextValueFor', sequence, over, start, end: p.prev.end };
  }
  return { kind: 'NextValueFor', sequence, start, end: p.prev.end };
}

/** Functions that take `*` as their argument (SQL Server rejects SUM(*); Microsoft's T-SQL parser is laxer). */
const STAR_FUNCTIONS: ReadonlySet<string> = new Set(['COUNT', 'COUNT_BIG', 'CHECKSUM', 'BINARY_CHECKSUM']);

// ---- function calls ----------------------------------------------------------------------------

/** Built-ins whose arguments are not all plain expressions, keyed by upper-cased name (called with `(` next). */
const SPECIAL_CALLS: ReadonlyMap<string, (p: Parser) => Expr> = new Map<string, (p: Parser) => Expr>([
  ['CAST', parseCast],
  ['TRY_CAST', parseCast],
  ['PARSE', parseParse],
  ['TRY_PARSE', parseParse],
  ['IIF', parseIif],
  ['TRIM', parseTrim],
  ['JSON_OBJECT', parseJsonObject],
  ['JSON_ARRAY', parseJsonArray],
  ['DATEADD', parseDatePartCall],
  ['DATEDIFF', parseDatePartCall],
  ['DATEDIFF_BIG', parseDatePartCall],
  ['DATENAME', parseDatePartCall],
  ['DATEPART', parseDatePartCall],
  ['DATETRUNC', parseDatePartCall],
  ['DATE_BUCKET', parseDatePartCall],
]);


/**
 * `name(args)` with what may follow a call: WITHIN GROUP (ORDER BY …), IGNORE/RESPECT NULLS, OVER (…).
 * `name` is the dotted name as written (schema.function or column.method: the binder decides).
 */
function parseCall(p: Parser, name: Ident[], start: number): Expr {
  const node: Omit<FunctionCall, 'start' | 'end'> = { kind: 'FunctionCall', name, args: [] };
  // The name's last token, upper-cased by the lexer: a one-part name's upper case without a new string.
  const nameToken = p.prev;
  p.expectPunct('(');
  p.enter();
  const only = name.length === 1 ? (name[0] as Ident) : undefined;
  if (only !== undefined && !only.quoted && p.isPunct('*') && STAR_FUNCTIONS.has(only.value.toUpperCase())) {
    p.next();
    node.star = true;
  } else if (!p.isPunct(')')) {
    if (p.acceptWord('DISTINCT')) node.distinct = true;
    else p.acceptWord('ALL');
    node.args = p.commaList(parseArgument);
  }
  p.expectPunct(')');
  p.leave();
  parseCallSuffix(p, node);
  if (only !== undefined && !only.quoted) checkWindowOnly(p, node, only, nameToken.upper, start);
  return p.finish<FunctionCall>(node, start);
}

/**
 * The ranking, distribution and offset functions exist only over a window ordered by ORDER BY (docs
 * "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "PERCENT_RANK", "CUME_DIST", "LAG", "LEAD",
 * "FIRST_VALUE", "LAST_VALUE": `OVER ( [partition_by_clause] order_by_clause [rows_range_clause] )`,
 * the frame only for FIRST_VALUE and LAST_VALUE). Keyed by name: whether a ROWS/RANGE frame is allowed.
 */
const WINDOW_ONLY_FUNCTIONS: ReadonlyMap<string, boolean> = new Map([
  ['ROW_NUMBER', false],
  ['RANK', false],
  ['DENSE_RANK', false],
  ['NTILE', false],
  ['PERCENT_RANK', false],
  ['CUME_DIST', false],
  ['LAG', false],
  ['LEAD', false],
  ['FIRST_VALUE', true],
  ['LAST_VALUE', true],
]);

/**
 * Msg 10753 without OVER, Msg 4112 without ORDER BY in it, Msg 10752 for a frame where none is
 * allowed, Msg 4113 for OVER after an aggregate that has no window form; each names the function as written. A named window (`OVER w`, `OVER (w …)`) may bring its ORDER BY from the WINDOW clause; a
 * graph path aggregate (`LAST_VALUE(x) WITHIN GROUP (GRAPH PATH)`) has no OVER.
 */
function checkWindowOnly(p: Parser, node: Omit<FunctionCall, 'start' | 'end'>, name: Ident, upper: string, start: number): void {
  const over = node.over;
  if (over !== undefined && NO_WINDOW_AGGREGATES.has(upper)) {
    throw new SyntaxFailure(4113, `The function '${name.value}' is not a valid windowing function, and cannot be used with the OVER clause.`, p.tokenAt(over.start));
  }
  const frameAllowed = WINDOW_ONLY_FUNCTIONS.get(upper);
  if (frameAllowed === undefined || node.graphPath === true) return;
  if (over === undefined) throw new SyntaxFailure(10753, `The function '${name.value}' must have an OVER clause.`, p.tokenAt(start));
  if (over.window !== undefined) return;
  if (over.orderBy.length === 0) throw new SyntaxFailure(4112, `The function '${name.value}' must have an OVER clause with ORDER BY.`, p.tokenAt(start));
  if (over.frame !== undefined && !frameAllowed) throw new SyntaxFailure(10752, `The function '${name.value}' may not have a window frame.`, p.tokenAt(start));
}

/** The aggregates OVER may not follow (Msg 4113; docs "Aggregate functions": all but STRING_AGG, GROUPING, GROUPING_ID). */
const NO_WINDOW_AGGREGATES: ReadonlySet<string> = new Set(['STRING_AGG', 'GROUPING', 'GROUPING_ID']);

/** WITHIN GROUP (ORDER BY …), IGNORE NULLS / RESPECT NULLS, OVER (…) after a call's parentheses. */
function parseCallSuffix(p: Parser, node: Omit<FunctionCall, 'start' | 'end'>): void {
  if (p.isWord('WITHIN') && p.isWord('GROUP', 1)) {
    p.next();
    p.next();
    p.expectPunct('(');
    p.enter();
    // Graph path aggregates: STRING_AGG(…) WITHIN GROUP (GRAPH PATH) (docs: "SHORTEST_PATH (Transact-SQL)").
    if (p.acceptWord('GRAPH')) {
      p.expectWord('PATH');
      node.graphPath = true;
    } else {
      p.expectWord('ORDER');
      p.expectWord('BY');
      node.withinGroup = parseOrderByItems(p);
    }
    p.expectPunct(')');
    p.leave();
  }
  if ((p.isWord('IGNORE') || p.isWord('RESPECT')) && p.isWord('NULLS', 1)) {
    node.nulls = p.next().upper === 'IGNORE' ? 'IGNORE' : 'RESPECT';
    p.next();
  }
  if (p.isWord('OVER')) {
    // An aggregate over a window takes no DISTINCT (Msg 10759; docs "SELECT - OVER clause").
    if (node.distinct === true) throw new SyntaxFailure(10759, 'Use of DISTINCT is not allowed with the OVER clause.', p.tok);
    node.over = parseOverClause(p);
  }
}

/**
 * An expression or the word DEFAULT (a DefaultArgument node): a call's argument (a user-defined
 * function's default), an INSERT … VALUES item, `SET col = DEFAULT`.
 */
export function parseExpressionOrDefault(p: Parser): Expr {
  return parseArgument(p);
}

function parseArgument(p: Parser): Expr {
  if (p.isWord('DEFAULT')) {
    const t = p.next();
    return { kind: 'DefaultArgument', start: t.start, end: t.end };
  }
  return parseExpression(p);
}

/** `( [arg [, arg]…] )`: the arguments of a method or table-valued function (DEFAULT allowed). */
export function parseArgumentList(p: Parser): Expr[] {
  p.expectPunct('(');
  if (p.acceptPunct(')')) return [];
  p.enter();
  const args = p.commaList(parseArgument);
  p.expectPunct(')');
  p.leave();
  return args;
}

/** IIF(condition, then, else) */
function parseIif(p: Parser): Expr {
  const start = p.tok.start;
  const name = [p.identifier()];
  p.expectPunct('(');
  p.enter();
  const cond = parseCondition(p);
  p.expectPunct(',');
  const a = parseExpression(p);
  p.expectPunct(',');
  const b = parseExpression(p);
  p.expectPunct(')');
  p.leave();
  return p.finish<FunctionCall>({ kind: 'FunctionCall', name, args: [cond, a, b] }, start);
}

/** TRIM ( [LEADING | TRAILING | BOTH] [characters FROM] string ) (docs: "TRIM (Transact-SQL)"). */
function parseTrim(p: Parser): Expr {
  const start = p.tok.start;
  const node: Omit<FunctionCall, 'start' | 'end'> = { kind: 'FunctionCall', name: [p.identifier()], args: [] };
  p.expectPunct('(');
  p.enter();
  const side = p.tok.upper;
  if (p.tok.kind === 'word' && (side === 'LEADING' || side === 'TRAILING' || side === 'BOTH') && !p.isPunct(')', 1) && !p.isPunct(',', 1)) {
    p.next();
    node.trimSide = side;
    if (p.acceptWord('FROM')) node.args = [parseExpression(p)];
  }
  if (node.args.length === 0) {
    const first = parseExpression(p);
    if (p.acceptWord('FROM')) node.args = [first, parseExpression(p)];
    else if (node.trimSide !== undefined) p.fail();
    else node.args = [first];
  }
  p.expectPunct(')');
  p.leave();
  return p.finish<FunctionCall>(node, start);
}

/** JSON_OBJECT ( [key : value [, …]] [NULL | ABSENT ON NULL] ) (docs: "JSON_OBJECT (Transact-SQL)"). */
function parseJsonObject(p: Parser): Expr {
  return parseJsonConstructor(p, true);
}

/** JSON_ARRAY ( [value [, …]] [NULL | ABSENT ON NULL] ) */
function parseJsonArray(p: Parser): Expr {
  return parseJsonConstructor(p, false);
}

function parseJsonConstructor(p: Parser, object: boolean): Expr {
  const start = p.tok.start;
  const node: Omit<FunctionCall, 'start' | 'end'> = { kind: 'FunctionCall', name: [p.identifier()], args: [] };
  p.expectPunct('(');
  p.enter();
  if (!p.isPunct(')') && !acceptJsonNullClause(p, node)) {
    do node.args.push(object ? parseJsonKeyValue(p) : parseExpression(p));
    while (p.acceptPunct(','));
    acceptJsonNullClause(p, node);
  }
  p.expectPunct(')');
  p.leave();
  return p.finish<FunctionCall>(node, start);
}

function acceptJsonNullClause(p: Parser, node: Omit<FunctionCall, 'start' | 'end'>): boolean {
  if ((p.isWord('NULL') || p.isWord('ABSENT')) && p.isWord('ON', 1) && p.isWord('NULL', 2)) {
    node.onNull = p.next().upper === 'NULL' ? 'NULL' : 'ABSENT';
    p.next();
    p.next();
    return true;
  }
  return false;
}

function parseJsonKeyValue(p: Parser): Expr {
  const key = parseExpression(p);
  p.expectPunct(':');
  const value = parseExpression(p);
  return { kind: 'JsonKeyValue', key, value, start: key.start, end: value.end };
}

/** The date parts DATEADD & co. accept (docs: "DATEADD (Transact-SQL)", "DATEPART (Transact-SQL)"). */
const DATE_PARTS: ReadonlySet<string> = new Set([
  'YEAR', 'YY', 'YYYY', 'QUARTER', 'QQ', 'Q', 'MONTH', 'MM', 'M', 'DAYOFYEAR', 'DY', 'Y', 'DAY', 'DD', 'D', 'WEEK', 'WK',
  'WW', 'WEEKDAY', 'DW', 'W', 'HOUR', 'HH', 'MINUTE', 'MI', 'N', 'SECOND', 'SS', 'S', 'MILLISECOND', 'MS',
  'MICROSECOND', 'MCS', 'NANOSECOND', 'NS', 'TZOFFSET', 'TZ', 'ISO_WEEK', 'ISOWK', 'ISOWW',
]);

/**
 * DATEADD(datepart, …) and the other functions whose first argument is a date part: a name that is
 * not a column (a DatePart node); an unknown one is Msg 155.
 */
function parseDatePartCall(p: Parser): Expr {
  const start = p.tok.start;
  const nameTok = p.tok;
  const name = [p.identifier()];
  p.expectPunct('(');
  p.enter();
  const t = p.tok;
  const args: Expr[] = [];
  if (t.kind === 'word' || t.kind === 'quoted') {
    if (!DATE_PARTS.has(t.upper.toUpperCase())) {
      throw new SyntaxFailure(155, `'${t.value}' is not a recognized ${nameTok.value.toLowerCase()} option.`, t);
    }
    p.next();
    args.push({ kind: 'DatePart', value: t.upper.toUpperCase(), start: t.start, end: t.end });
  } else {
    // A variable or string here is a type error SQL Server reports when it compiles, not a syntax error.
    args.push(parseExpression(p));
  }
  while (p.acceptPunct(',')) args.push(parseExpression(p));
  p.expectPunct(')');
  p.leave();
  const node: Omit<FunctionCall, 'start' | 'end'> = { kind: 'FunctionCall', name, args };
  parseCallSuffix(p, node);
  return p.finish<FunctionCall>(node, start);
}

// ---- OVER and ORDER BY -------------------------------------------------------------------------

/**
 * OVER ( [window_name] [PARTITION BY expr, …] [ORDER BY …] [ROWS | RANGE frame] ) or OVER window_name
 * (docs: "SELECT - OVER clause (Transact-SQL)", "SELECT - WINDOW (Transact-SQL)").
 */
export function parseOverClause(p: Parser): OverClause {
  const start = p.expectWord('OVER').start;
  const node: Omit<OverClause, 'start' | 'end'> = { kind: 'Over', partitionBy: [], orderBy: [] };
  if (!p.isPunct('(')) {
    node.window = p.identifier();
    return p.finish<OverClause>(node, start);
  }
  return parseWindowSpecification(p, start, false);
}

/**
 * The parenthesised window specification of OVER ( … ) and of a WINDOW clause's `w AS ( … )`:
 * `( [window_name] [PARTITION BY …] [ORDER BY …] [ROWS | RANGE frame] )`, from `start` (the OVER
 * keyword, or the parenthesis). A window name alone is allowed only in a WINDOW definition
 * (`w2 AS (w1)`); in OVER it must be refined (`OVER (w)` is an error, `OVER w` names it as is).
 */
export function parseWindowSpecification(p: Parser, start: number, nameAlone: boolean): OverClause {
  const node: Omit<OverClause, 'start' | 'end'> = { kind: 'Over', partitionBy: [], orderBy: [] };
  p.expectPunct('(');
  p.enter();
  if (p.isIdentifier() && !(p.isWord('PARTITION') && p.isWord('BY', 1)) && !isFrameStart(p)) node.window = p.identifier();
  if (p.isWord('PARTITION')) {
    p.next();
    p.expectWord('BY');
    node.partitionBy = p.commaList(parseExpression);
  }
  if (p.isWord('ORDER')) {
    p.next();
    p.expectWord('BY');
    node.orderBy = parseOrderByItems(p);
  }
  if (isFrameStart(p)) node.frame = parseWindowFrame(p);
  if (!nameAlone && node.window !== undefined && node.partitionBy.length === 0 && node.orderBy.length === 0 && node.frame === undefined) p.fail();
  p.expectPunct(')');
  p.leave();
  return p.finish<OverClause>(node, start);
}

function isFrameStart(p: Parser): boolean {
  return p.isWord('ROWS') || p.isWord('RANGE');
}

/** ROWS | RANGE { bound | BETWEEN bound AND bound } */
function parseWindowFrame(p: Parser): WindowFrame {
  const unitTok = p.next();
  const unit = unitTok.upper === 'ROWS' ? 'ROWS' : 'RANGE';
  if (p.acceptWord('BETWEEN')) {
    const from = parseFrameBound(p, true);
    p.expectWord('AND');
    const to = parseFrameBound(p, true);
    return { kind: 'WindowFrame', unit, from, to, start: unitTok.start, end: p.prev.end };
  }
  const from = parseFrameBound(p, false);
  return { kind: 'WindowFrame', unit, from, start: unitTok.start, end: p.prev.end };
}

/** UNBOUNDED PRECEDING | n PRECEDING | CURRENT ROW, and in BETWEEN also n FOLLOWING | UNBOUNDED FOLLOWING. */
function parseFrameBound(p: Parser, following: boolean): FrameBound {
  const start = p.tok.start;
  if (p.acceptWord('UNBOUNDED')) {
    if (p.acceptWord('PRECEDING')) return { kind: 'FrameBound', type: 'UNBOUNDED PRECEDING', start, end: p.prev.end };
    if (!following) p.fail();
    p.expectWord('FOLLOWING');
    return { kind: 'FrameBound', type: 'UNBOUNDED FOLLOWING', start, end: p.prev.end };
  }
  if (p.acceptWord('CURRENT')) {
    p.expectWord('ROW');
    return { kind: 'FrameBound', type: 'CURRENT ROW', start, end: p.prev.end };
  }
  const t = p.tok;
  if (t.kind !== 'number' && !p.isVariable()) p.fail();
  const offset = parsePrimary(p);
  if (p.acceptWord('PRECEDING')) return { kind: 'FrameBound', type: 'PRECEDING', offset, start, end: p.prev.end };
  if (!following) p.fail();
  p.expectWord('FOLLOWING');
  return { kind: 'FrameBound', type: 'FOLLOWING', offset, start, end: p.prev.end };
}

/** `expr [ASC | DESC] [, …]`: the items after ORDER BY (the caller consumed ORDER BY). */
export function parseOrderByItems(p: Parser): OrderByItem[] {
  return p.commaList(parseOrderByItem);
}

function parseOrderByItem(p: Parser): OrderByItem {
  const expr = parseExpression(p);
  const t = p.tok;
  if (t.kind === 'word' && (t.upper === 'ASC' || t.upper === 'DESC')) {
    p.next();
    return { kind: 'OrderByItem', expr, direction: t.upper, start: expr.start, end: t.end };
  }
  return { kind: 'OrderByItem', expr, start: expr.start, end: expr.end };
}
