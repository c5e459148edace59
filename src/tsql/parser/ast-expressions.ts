// Expression nodes (see expressions.ts). The contract nodes Variable, GlobalVariable and ColumnRef
// live in ast.ts.
//
// Scalar expressions and search conditions share this union, but the parser keeps them apart the
// way SQL Server does: a condition node (Comparison, Logical, Not, Between, Like, InList, InSubquery,
// IsNull, IsDistinct, Exists, QuantifiedComparison, FullTextPredicate, UpdatedColumn, GraphMatch, or a Paren
// holding one) is only produced where a search condition is expected.
import type { ColumnRef, DataType, GlobalVariable, Ident, NodeBase, ObjectName, Variable } from './ast.js';
import type { QueryNode } from './ast-query.js';

type Expr = ExpressionNode;

/** A constant. `value` is the text as written (strings: the unquoted content). */
export interface Literal extends NodeBase {
  kind: 'Literal';
  /** string: '…'; nstring: N'…'; number: 1, 1.5, 1.5E3, .5; binary: 0x1F; money: $12.50; null: NULL. */
  type: 'string' | 'nstring' | 'number' | 'binary' | 'money' | 'null';
  value: string;
}

/** `DEFAULT` as an argument of a user-defined function call. */
export interface DefaultArgument extends NodeBase {
  kind: 'DefaultArgument';
}

/** A name part that is not a column: the date part of DATEADD & co. (`day`, `yy`), upper-cased in `value`. */
export interface DatePart extends NodeBase {
  kind: 'DatePart';
  value: string;
}

/**
 * A call of a dotted name: `GETDATE()`, `dbo.f(x)`, `db.dbo.f()`, and also `col.method(x)` or
 * `alias.col.method()`: syntactically `a.b(x)` may be schema.function or column.method, so the binder
 * tells them apart (by whether the qualifier names a schema or a column in scope). `name` holds the
 * parts as written, the function or method name last.
 */
export interface FunctionCall extends NodeBase {
  kind: 'FunctionCall';
  name: Ident[];
  args: Expr[];
  /** `COUNT(*)`, `CHECKSUM(*)` */
  star?: boolean;
  /** `COUNT(DISTINCT x)`; ALL is the default and is not recorded. */
  distinct?: boolean;
  /** `STRING_AGG(…) WITHIN GROUP (ORDER BY …)`, `PERCENTILE_CONT(…) WITHIN GROUP (…)`. */
  withinGroup?: OrderByItem[];
  /** Graph path aggregate: `WITHIN GROUP (GRAPH PATH)`. */
  graphPath?: boolean;
  /** `FIRST_VALUE(x) IGNORE NULLS OVER …` */
  nulls?: 'IGNORE' | 'RESPECT';
  over?: OverClause;
  /** An ODBC function escape: `{fn UCASE(x)}`. */
  odbc?: boolean;
  /** JSON_OBJECT / JSON_ARRAY: `NULL ON NULL` or `ABSENT ON NULL`. */
  onNull?: 'NULL' | 'ABSENT';
  /** TRIM(LEADING|TRAILING|BOTH …). */
  trimSide?: 'LEADING' | 'TRAILING' | 'BOTH';
}

/** `JSON_OBJECT('a': 1)`: one key/value pair (both expressions). */
export interface JsonKeyValue extends NodeBase {
  kind: 'JsonKeyValue';
  key: Expr;
  value: Expr;
}

/** A method called on an expression that is not a plain name: `@g.STDistance(@h)`, `(@g).STArea()`, `f().m()`. */
export interface MethodCall extends NodeBase {
  kind: 'MethodCall';
  target: Expr;
  method: Ident;
  args: Expr[];
}

/** A property of an expression that is not a plain name: `@g.STX`, `(@g).Lat`. (`a.b.c` alone is a ColumnRef.) */
export interface PropertyAccess extends NodeBase {
  kind: 'PropertyAccess';
  target: Expr;
  property: Ident;
}

/** `geography::Point(1, 2, 4326)`, `hierarchyid::GetRoot()`; `args` is absent for a static property. */
export interface StaticMethodCall extends NodeBase {
  kind: 'StaticMethodCall';
  type: ObjectName;
  method: Ident;
  args?: Expr[];
}

/** Arithmetic, string concatenation and bitwise operators: + - * / % & | ^ */
export interface Binary extends NodeBase {
  kind: 'Binary';
  /** `||` is string concatenation; `<<` and `>>` shift bits (SQL Server 2022, docs "|| (String concatenation)", "<< (Left shift)"). */
  op: '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '||' | '<<' | '>>';
  left: Expr;
  right: Expr;
}

/** `-x`, `+x`, `~x` */
export interface Unary extends NodeBase {
  kind: 'Unary';
  op: '-' | '+' | '~';
  operand: Expr;
}

export type ComparisonOp = '=' | '<>' | '!=' | '<' | '>' | '<=' | '>=' | '!<' | '!>';

export interface Comparison extends NodeBase {
  kind: 'Comparison';
  op: ComparisonOp;
  left: Expr;
  right: Expr;
}

/** `x > ALL (SELECT …)`, `x = ANY (…)`, `x = SOME (…)` */
export interface QuantifiedComparison extends NodeBase {
  kind: 'QuantifiedComparison';
  op: ComparisonOp;
  quantifier: 'ALL' | 'ANY' | 'SOME';
  left: Expr;
  query: QueryNode;
}

/** AND / OR */
export interface Logical extends NodeBase {
  kind: 'Logical';
  op: 'AND' | 'OR';
  left: Expr;
  right: Expr;
}

export interface Not extends NodeBase {
  kind: 'Not';
  operand: Expr;
}

export interface Between extends NodeBase {
  kind: 'Between';
  not: boolean;
  expr: Expr;
  low: Expr;
  high: Expr;
}

export interface Like extends NodeBase {
  kind: 'Like';
  not: boolean;
  expr: Expr;
  pattern: Expr;
  escape?: Expr;
  /** The escape written in ODBC braces: `LIKE 'a%' {ESCAPE '\\'}`. */
  odbcEscape?: boolean;
}

export interface InList extends NodeBase {
  kind: 'InList';
  not: boolean;
  expr: Expr;
  items: Expr[];
}

export interface InSubquery extends NodeBase {
  kind: 'InSubquery';
  not: boolean;
  expr: Expr;
  query: QueryNode;
}

export interface IsNull extends NodeBase {
  kind: 'IsNull';
  not: boolean;
  expr: Expr;
}

/** `a IS [NOT] DISTINCT FROM b` */
export interface IsDistinct extends NodeBase {
  kind: 'IsDistinct';
  not: boolean;
  left: Expr;
  /** A Subquery when `quantifier` is set. */
  right: Expr;
  /** `x IS DISTINCT FROM ANY (SELECT …)`. */
  quantifier?: 'ALL' | 'ANY' | 'SOME';
}

/** TSEQUAL(a, b): compares two timestamp values (a predicate). */
export interface TsEqual extends NodeBase {
  kind: 'TsEqual';
  left: Expr;
  right: Expr;
}

/** An ODBC literal: `{d '2024-01-31'}`, `{t '10:00'}`, `{ts '…'}`, `{guid '…'}`. */
export interface OdbcLiteral extends NodeBase {
  kind: 'OdbcLiteral';
  type: 'date' | 'time' | 'timestamp' | 'guid';
  value: string;
  /** Written N'…'. */
  national: boolean;
}

export interface Exists extends NodeBase {
  kind: 'Exists';
  query: QueryNode;
}

/** `UPDATE(col)` in a trigger: true when the column was assigned. */
export interface UpdatedColumn extends NodeBase {
  kind: 'UpdatedColumn';
  column: Ident;
}

/** `CONTAINS(col, 'x')`, `FREETEXT((a, b), @s, LANGUAGE 1033)`; `columns` empty with `star` for `*`. */
export interface FullTextPredicate extends NodeBase {
  kind: 'FullTextPredicate';
  predicate: 'CONTAINS' | 'FREETEXT';
  columns: ColumnRef[];
  star?: boolean;
  /** `CONTAINS($IDENTITY, …)`, `CONTAINS((t.$ROWGUID), …)`: the key pseudo-column searched. */
  pseudoColumns?: PseudoColumn[];
  /** `CONTAINS(PROPERTY(col, 'Title'), …)`: the property name. */
  property?: Expr;
  search: Expr;
  language?: Expr;
}

/** `MATCH(p1-(e)->p2 AND …)`: a graph search condition; `aliases` are the node and edge table names or aliases, in order. */
export interface GraphMatch extends NodeBase {
  kind: 'GraphMatch';
  aliases: Ident[];
}

/** `(SELECT …)` used as a value. */
export interface Subquery extends NodeBase {
  kind: 'Subquery';
  query: QueryNode;
}

/** `( expr )` or `( condition )`. */
export interface Paren extends NodeBase {
  kind: 'Paren';
  expr: Expr;
}

export interface WhenClause extends NodeBase {
  kind: 'When';
  /** A value (simple CASE) or a search condition (searched CASE). */
  when: Expr;
  then: Expr;
}

export interface Case extends NodeBase {
  kind: 'Case';
  /** The value of a simple CASE; absent for a searched CASE. */
  operand?: Expr;
  whens: WhenClause[];
  else?: Expr;
}

/** CAST / TRY_CAST */
export interface Cast extends NodeBase {
  kind: 'Cast';
  try: boolean;
  expr: Expr;
  dataType: DataType;
}

/** CONVERT / TRY_CONVERT */
export interface Convert extends NodeBase {
  kind: 'Convert';
  try: boolean;
  dataType: DataType;
  expr: Expr;
  style?: Expr;
}

/** PARSE / TRY_PARSE (x AS type [USING culture]) */
export interface Parse extends NodeBase {
  kind: 'Parse';
  try: boolean;
  expr: Expr;
  dataType: DataType;
  culture?: Expr;
}

/** `IDENTITY(int, 1, 1)` in a SELECT … INTO list. */
export interface IdentityFunction extends NodeBase {
  kind: 'IdentityFunction';
  dataType: DataType;
  seed?: Expr;
  increment?: Expr;
}

export interface Collate extends NodeBase {
  kind: 'Collate';
  expr: Expr;
  collation: Ident;
}

export interface AtTimeZone extends NodeBase {
  kind: 'AtTimeZone';
  expr: Expr;
  zone: Expr;
}

export interface NextValueFor extends NodeBase {
  kind: 'NextValueFor';
  sequence: ObjectName;
  over?: OverClause;
}

/** CURRENT_TIMESTAMP, CURRENT_USER, SESSION_USER, SYSTEM_USER, USER: functions written without parentheses. */
export interface NiladicFunction extends NodeBase {
  kind: 'NiladicFunction';
  name: string;
}

/** `$action` (MERGE … OUTPUT), `$IDENTITY`, `$ROWGUID`, and the graph pseudo-columns `$node_id` & co. */
export interface PseudoColumn extends NodeBase {
  kind: 'PseudoColumn';
  /** Upper-cased, with the $: '$ACTION'. */
  name: string;
  /** `t.$IDENTITY`: the qualifier parts. */
  qualifier: Ident[];
}

/** `[db.]$PARTITION.pf(expr)` */
export interface PartitionFunctionCall extends NodeBase {
  kind: 'PartitionFunctionCall';
  database?: Ident;
  function: Ident;
  arg: Expr;
  /** Arguments after the first, as the parser accepts them (the binder checks the function's arity). */
  moreArgs?: Expr[];
}

export interface OrderByItem extends NodeBase {
  kind: 'OrderByItem';
  expr: Expr;
  direction?: 'ASC' | 'DESC';
}

/** ROWS/RANGE frame bound: UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING, UNBOUNDED FOLLOWING. */
export interface FrameBound extends NodeBase {
  kind: 'FrameBound';
  type: 'UNBOUNDED PRECEDING' | 'PRECEDING' | 'CURRENT ROW' | 'FOLLOWING' | 'UNBOUNDED FOLLOWING';
  offset?: Expr;
}

export interface WindowFrame extends NodeBase {
  kind: 'WindowFrame';
  unit: 'ROWS' | 'RANGE';
  from: FrameBound;
  to?: FrameBound;
}

/** `OVER (…)` or `OVER w`; `window` names a WINDOW clause definition (`OVER w`, `OVER (w ORDER BY …)`). */
export interface OverClause extends NodeBase {
  kind: 'Over';
  window?: Ident;
  partitionBy: Expr[];
  orderBy: OrderByItem[];
  frame?: WindowFrame;
}

export type ExpressionNode =
  | Variable
  | GlobalVariable
  | ColumnRef
  | Literal
  | OdbcLiteral
  | DefaultArgument
  | DatePart
  | FunctionCall
  | JsonKeyValue
  | MethodCall
  | PropertyAccess
  | StaticMethodCall
  | Binary
  | Unary
  | Comparison
  | QuantifiedComparison
  | Logical
  | Not
  | Between
  | Like
  | InList
  | InSubquery
  | IsNull
  | IsDistinct
  | TsEqual
  | Exists
  | UpdatedColumn
  | FullTextPredicate
  | GraphMatch
  | Subquery
  | Paren
  | WhenClause
  | Case
  | Cast
  | Convert
  | Parse
  | IdentityFunction
  | Collate
  | AtTimeZone
  | NextValueFor
  | NiladicFunction
  | PseudoColumn
  | PartitionFunctionCall
  | OrderByItem
  | FrameBound
  | WindowFrame
  | OverClause;
