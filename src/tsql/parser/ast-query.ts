// Query and data-modification nodes (see query.ts): SELECT with its clauses and set operations, the
// table sources of FROM, and INSERT / UPDATE / DELETE / MERGE / TRUNCATE TABLE / BULK INSERT.
import type { ColumnRef, DataType, Expression, Ident, NodeBase, ObjectName, Variable } from './ast.js';
import type { OrderByItem, OverClause } from './ast-expressions.js';

export type { OrderByItem } from './ast-expressions.js';

// ---- queries -----------------------------------------------------------------------------------

/** A query as written: one SELECT, a set operation, or a parenthesised query. */
export type QueryExpr = Select | SetOperation | ParenQuery;

/**
 * The clauses that may close a query that is not a whole statement (a subquery, derived table, CTE,
 * view): ORDER BY only with TOP, OFFSET or FOR XML (else Msg 1033).
 */
export interface QueryTail {
  orderBy?: OrderByItem[];
  offset?: OffsetFetch;
  forClause?: ForClause;
}

/** A whole SELECT statement: `[WITH …] query [ORDER BY …] [OFFSET …] [FOR …] [OPTION (…)]`. */
export interface SelectStatement extends NodeBase {
  kind: 'SelectStatement';
  ctes: Cte[];
  /** `WITH XMLNAMESPACES (…)` before the query. */
  xmlNamespaces?: XmlNamespaces;
  query: QueryExpr;
  orderBy?: OrderByItem[];
  offset?: OffsetFetch;
  forClause?: ForClause;
  option?: QueryHint[];
}

export interface Cte extends NodeBase {
  kind: 'Cte';
  name: Ident;
  columns: Ident[];
  query: QueryExpr;
}

/** `WITH XMLNAMESPACES ('uri' AS p, DEFAULT 'uri')` */
export interface XmlNamespaces extends NodeBase {
  kind: 'XmlNamespaces';
  items: XmlNamespace[];
}

export interface XmlNamespace extends NodeBase {
  kind: 'XmlNamespace';
  uri: Expression;
  /** Absent for DEFAULT. */
  prefix?: Ident;
}

export interface Select extends NodeBase, QueryTail {
  kind: 'Select';
  distinct: boolean;
  top?: Top;
  items: (SelectItem | SelectAssign)[];
  into?: ObjectName;
  /** `SELECT … INTO t ON filegroup` */
  intoFilegroup?: Ident;
  from: TableSource[];
  where?: Expression;
  groupBy?: GroupBy;
  having?: Expression;
  window?: WindowDefinition[];
}

/** `TOP (n) [PERCENT] [WITH TIES]`; `legacy` for `TOP 10` without parentheses (SELECT only). */
export interface Top extends NodeBase {
  kind: 'Top';
  expr: Expression;
  percent: boolean;
  withTies: boolean;
  legacy?: boolean;
}

/** `expr [AS] alias`, `alias = expr`, `'alias' = expr`, `*`, `t.*` (a ColumnRef with star). */
export interface SelectItem extends NodeBase {
  kind: 'SelectItem';
  expr: Expression;
  /** A string alias ('b' = a, a AS 'b') is an Ident with quoted = true. */
  alias?: Ident;
}

/** `SELECT @x = expr`, `SELECT @x += expr` */
export interface SelectAssign extends NodeBase {
  kind: 'SelectAssign';
  target: Variable;
  /** '=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=' */
  op: string;
  expr: Expression;
}

export interface SetOperation extends NodeBase, QueryTail {
  kind: 'SetOperation';
  op: 'UNION' | 'UNION ALL' | 'EXCEPT' | 'INTERSECT';
  left: QueryExpr;
  right: QueryExpr;
}

export interface ParenQuery extends NodeBase, QueryTail {
  kind: 'ParenQuery';
  query: QueryExpr;
}

/** `GROUP BY [ALL] items [WITH ROLLUP | WITH CUBE]` */
export interface GroupBy extends NodeBase {
  kind: 'GroupBy';
  all: boolean;
  items: GroupingItem[];
  /** The legacy suffix `WITH ROLLUP` / `WITH CUBE`. */
  with?: 'ROLLUP' | 'CUBE';
}

export type GroupingItem = Expression | GroupingSet;

/** ROLLUP (…), CUBE (…), GROUPING SETS (…), `()` and a composite `(a, b)` (kind 'List'). */
export interface GroupingSet extends NodeBase {
  kind: 'GroupingSet';
  type: 'ROLLUP' | 'CUBE' | 'GROUPING SETS' | 'LIST';
  items: GroupingItem[];
}

/** `WINDOW w AS (…)` (SQL Server 2022). */
export interface WindowDefinition extends NodeBase {
  kind: 'WindowDefinition';
  name: Ident;
  spec: OverClause;
}

/** `OFFSET n ROWS [FETCH NEXT m ROWS ONLY]` */
export interface OffsetFetch extends NodeBase {
  kind: 'OffsetFetch';
  offset: Expression;
  fetch?: Expression;
}

/** FOR XML / FOR JSON / FOR BROWSE */
export interface ForClause extends NodeBase {
  kind: 'ForClause';
  type: 'XML' | 'JSON' | 'BROWSE';
  /** RAW, AUTO, EXPLICIT, PATH (XML); AUTO, PATH (JSON). */
  mode?: string;
  /** The element name of RAW('x') / PATH('x'). */
  elementName?: string;
  /** The options as written, upper-cased: TYPE, ROOT, ELEMENTS XSINIL, BINARY BASE64, … */
  options: string[];
  /** ROOT('name') */
  root?: string;
}

/** One query hint of OPTION (…): `RECOMPILE`, `MAXDOP 1`, `OPTIMIZE FOR (@p = 1)`, `USE HINT ('…')`, … */
export interface QueryHint extends NodeBase {
  kind: 'QueryHint';
  /** The hint's words, upper-cased: 'RECOMPILE', 'HASH JOIN', 'OPTIMIZE FOR', 'TABLE HINT'. */
  name: string;
  /** The number or string of MAXDOP n, FAST n, LABEL = '…', USE PLAN N'…', … */
  value?: Expression;
  /** OPTIMIZE FOR (@p = 1, @q UNKNOWN) */
  optimizeFor?: OptimizeForItem[];
  /** USE HINT ('A', 'B') */
  hints?: Expression[];
  /** TABLE HINT (t, NOLOCK) */
  table?: ObjectName;
  tableHints?: TableHint[];
}

/** `@p = value` or `@p UNKNOWN` in OPTIMIZE FOR: a parameter name (a string), not a Variable use. */
export interface OptimizeForItem extends NodeBase {
  kind: 'OptimizeForItem';
  name: string;
  value?: Expression;
}

// ---- table sources -----------------------------------------------------------------------------

export type TableSource =
  | NamedTable
  | VariableTable
  | DerivedTable
  | ValuesTable
  | FunctionTable
  | RowsetFunction
  | ChangeTable
  | DmlTable
  | Predict
  | Join
  | Pivot
  | Unpivot;

/** A table hint: `NOLOCK`, `INDEX(ix1, ix2)`, `INDEX = ix`, `FORCESEEK(ix(col))`, `SPATIAL_WINDOW_MAX_CELLS = 8`. */
export interface TableHint extends NodeBase {
  kind: 'TableHint';
  /** Upper-cased: 'NOLOCK', 'INDEX', 'FORCESEEK'. */
  name: string;
  /** INDEX(…) / FORCESEEK(ix (…)): index names or numbers as written. */
  indexes?: Ident[];
  /** FORCESEEK(ix (a, b)) */
  columns?: Ident[];
  value?: Expression;
}

export interface NamedTable extends NodeBase {
  kind: 'NamedTable';
  name: ObjectName;
  alias?: Ident;
  hints?: TableHint[];
  forSystemTime?: SystemTime;
  tablesample?: TableSample;
  /** `FOR PATH`: a graph table in a SHORTEST_PATH pattern. */
  forPath?: boolean;
}

/** FOR SYSTEM_TIME AS OF / FROM … TO / BETWEEN … AND / CONTAINED IN (…, …) / ALL */
export interface SystemTime extends NodeBase {
  kind: 'SystemTime';
  type: 'AS OF' | 'FROM' | 'BETWEEN' | 'CONTAINED IN' | 'ALL';
  from?: Expression;
  to?: Expression;
}

/** TABLESAMPLE [SYSTEM] (n [PERCENT | ROWS]) [REPEATABLE (seed)] */
export interface TableSample extends NodeBase {
  kind: 'TableSample';
  size: Expression;
  unit?: 'PERCENT' | 'ROWS';
  repeatable?: Expression;
}

export interface VariableTable extends NodeBase {
  kind: 'VariableTable';
  variable: Variable;
  alias?: Ident;
}

export interface DerivedTable extends NodeBase {
  kind: 'DerivedTable';
  query: QueryExpr;
  alias: Ident;
  columns: Ident[];
  /** `(SELECT …) FOR PATH AS e`: a member of a graph SHORTEST_PATH pattern. */
  forPath?: boolean;
}

/** One row of a VALUES list: `(1, DEFAULT, @x)`. */
export interface RowValue extends NodeBase {
  kind: 'RowValue';
  values: Expression[];
}

/** `(VALUES (1, 2), (3, 4)) AS v (a, b)` */
export interface ValuesTable extends NodeBase {
  kind: 'ValuesTable';
  rows: RowValue[];
  alias: Ident;
  columns: Ident[];
}

/** A table-valued function: `dbo.f(1)`, `OPENJSON(@j) WITH (…)`, `STRING_SPLIT(…)`, `x.nodes('/a')`. */
export interface FunctionTable extends NodeBase {
  kind: 'FunctionTable';
  call: Expression;
  alias?: Ident;
  columns: Ident[];
  /** OPENJSON … WITH (col type ['$.path'] [AS JSON], …) */
  withColumns?: JsonColumn[];
}

/** A column of OPENJSON … WITH (…) or OPENXML … WITH (…). */
export interface JsonColumn extends NodeBase {
  kind: 'JsonColumn';
  name: Ident;
  dataType: DataType;
  /** `COLLATE name` after the type. */
  collation?: Ident;
  path?: Expression;
  asJson: boolean;
}

/**
 * OPENROWSET, OPENQUERY, OPENDATASOURCE, OPENXML, CONTAINSTABLE, FREETEXTTABLE and the semantic
 * search tables: rowset functions with their own argument grammar.
 */
export interface RowsetFunction extends NodeBase {
  kind: 'RowsetFunction';
  /** Upper-cased: 'OPENROWSET', 'OPENQUERY', … */
  function: string;
  args: Expression[];
  /** OPENQUERY(server, …), CONTAINSTABLE(table, …): the object named by the first argument. */
  object?: ObjectName;
  /** CONTAINSTABLE(t, (a, b), …) */
  columns?: ColumnRef[];
  /** OPENROWSET(BULK 'file', …) */
  bulk?: boolean;
  /** OPENROWSET(BULK 'file', FORMAT = 'CSV', SINGLE_BLOB, ORDER (…), …): the options after the file. */
  options?: BulkOption[];
  /** OPENDATASOURCE(…).db.schema.table: the object after the call. */
  objectAfter?: ObjectName;
  /** OPENXML(…) WITH (…) or OPENROWSET(BULK …) WITH (…) */
  withColumns?: JsonColumn[];
  /** OPENXML(…) WITH table */
  withTable?: ObjectName;
  alias?: Ident;
  columnAliases?: Ident[];
  hints?: TableHint[];
}

/** CHANGETABLE (CHANGES t, @v [, FORCESEEK]) / CHANGETABLE (VERSION t, (cols), (vals)) AS alias */
export interface ChangeTable extends NodeBase {
  kind: 'ChangeTable';
  type: 'CHANGES' | 'VERSION';
  table: ObjectName;
  args: Expression[];
  columns: Ident[];
  alias?: Ident;
  columnAliases: Ident[];
}

/**
 * Composable DML: `INSERT … SELECT … FROM (MERGE … OUTPUT …) AS alias (cols)`, the rows an
 * INSERT / UPDATE / DELETE / MERGE outputs used as a table.
 */
export interface DmlTable extends NodeBase {
  kind: 'DmlTable';
  statement: Insert | Update | Delete | Merge;
  alias: Ident;
  columns: Ident[];
}

/** `PREDICT (MODEL = @m, DATA = t AS d [, RUNTIME = ONNX]) WITH (col type, …) AS p` */
export interface Predict extends NodeBase {
  kind: 'Predict';
  model: Expression;
  data: TableSource;
  runtime?: Ident;
  withColumns: JsonColumn[];
  alias?: Ident;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'CROSS APPLY' | 'OUTER APPLY';

export interface Join extends NodeBase {
  kind: 'Join';
  joinType: JoinType;
  /** LOOP, HASH, MERGE, REMOTE */
  hint?: string;
  left: TableSource;
  right: TableSource;
  on?: Expression;
  /** The join was written in parentheses: `(a JOIN b ON …)`. */
  paren?: boolean;
}

/** `source PIVOT (SUM(x) FOR col IN ([a], [b])) AS p` */
export interface Pivot extends NodeBase {
  kind: 'Pivot';
  source: TableSource;
  aggregate: Expression;
  column: ColumnRef;
  values: Ident[];
  alias: Ident;
}

/** `source UNPIVOT (value FOR name IN (a, b)) AS u` */
export interface Unpivot extends NodeBase {
  kind: 'Unpivot';
  source: TableSource;
  valueColumn: Ident;
  nameColumn: Ident;
  columns: ColumnRef[];
  alias: Ident;
}

// ---- data modification -------------------------------------------------------------------------

/** `OUTPUT items [INTO target [(cols)]] [OUTPUT items]` */
export interface OutputClause extends NodeBase {
  kind: 'OutputClause';
  items: SelectItem[];
  into?: TableSource;
  intoColumns: Ident[];
  thenOutput?: OutputClause;
}

/** `VALUES (…), (…)` as the source of an INSERT. */
export interface ValuesSource extends NodeBase {
  kind: 'ValuesSource';
  rows: RowValue[];
}

/** `INSERT … EXEC …`: the EXECUTE statement (procedural.ts) or, without it, its text span. */
export interface ExecSource extends NodeBase {
  kind: 'ExecSource';
  exec?: NodeBase;
}

export interface DefaultValues extends NodeBase {
  kind: 'DefaultValues';
}

/** `WITH CHANGE_TRACKING_CONTEXT (@ctx)` before INSERT / UPDATE / DELETE / MERGE. */
export interface ChangeTrackingContext extends NodeBase {
  kind: 'ChangeTrackingContext';
  context: Expression;
}

interface DmlCommon {
  ctes: Cte[];
  xmlNamespaces?: XmlNamespaces;
  changeTrackingContext?: ChangeTrackingContext;
  top?: Top;
  output?: OutputClause;
  option?: QueryHint[];
}

export interface Insert extends NodeBase, DmlCommon {
  kind: 'Insert';
  target: TableSource;
  columns: Ident[];
  source: ValuesSource | QueryExpr | ExecSource | DefaultValues;
  /** INSERT … SELECT … ORDER BY / OFFSET / FOR */
  orderBy?: OrderByItem[];
  offset?: OffsetFetch;
  forClause?: ForClause;
}

/** `col = e`, `@v = e`, `@v = col = e`, `col += e`, `col.WRITE(…)`, `col.method(…)`, `t.col = e`, `col = DEFAULT`. */
export interface SetClause extends NodeBase {
  kind: 'SetClause';
  /** The column or variable assigned; for `@v = col = e`, the variable (and `column` the column). */
  target: ColumnRef | Variable;
  column?: ColumnRef;
  /** For `@v = col += e`: the column's compound operator (absent when it is '='). */
  columnOp?: string;
  /** '=', '+=', … ; absent for a method call. */
  op?: string;
  /** Absent for `= DEFAULT` (see `isDefault`) and method calls. */
  expr?: Expression;
  isDefault?: boolean;
  /** `col.WRITE(…)`, `col.modify(…)`: the method and its arguments. */
  method?: Ident;
  args?: Expression[];
}

/** `WHERE CURRENT OF [GLOBAL] cursor | @cursorVariable` */
export interface CurrentOf extends NodeBase {
  kind: 'CurrentOf';
  global: boolean;
  cursor?: Ident;
  variable?: Variable;
}

export interface Update extends NodeBase, DmlCommon {
  kind: 'Update';
  target: TableSource;
  sets: SetClause[];
  from: TableSource[];
  where?: Expression;
  currentOf?: CurrentOf;
}

export interface Delete extends NodeBase, DmlCommon {
  kind: 'Delete';
  target: TableSource;
  from: TableSource[];
  where?: Expression;
  currentOf?: CurrentOf;
}

export interface MergeClause extends NodeBase {
  kind: 'MergeClause';
  when: 'MATCHED' | 'NOT MATCHED' | 'NOT MATCHED BY SOURCE';
  condition?: Expression;
  action: 'UPDATE' | 'DELETE' | 'INSERT';
  sets?: SetClause[];
  columns?: Ident[];
  values?: RowValue;
  defaultValues?: boolean;
}

export interface Merge extends NodeBase, DmlCommon {
  kind: 'Merge';
  target: TableSource;
  source: TableSource;
  on: Expression;
  clauses: MergeClause[];
}

/** `TRUNCATE TABLE t [WITH (PARTITIONS (1, 3 TO 5))]` */
export interface TruncateTable extends NodeBase {
  kind: 'TruncateTable';
  table: ObjectName;
  partitions: PartitionRange[];
}

export interface PartitionRange extends NodeBase {
  kind: 'PartitionRange';
  from: Expression;
  to?: Expression;
}

/** `BULK INSERT t FROM 'file' [WITH (option, …)]` */
export interface BulkInsert extends NodeBase {
  kind: 'BulkInsert';
  table: ObjectName;
  file: Expression;
  options: BulkOption[];
}

export interface BulkOption extends NodeBase {
  kind: 'BulkOption';
  /** Upper-cased: 'FIELDTERMINATOR', 'TABLOCK', 'ORDER'. */
  name: string;
  value?: Expression;
  /** ORDER (col [ASC|DESC], …) */
  order?: OrderByItem[];
}

/** `INSERT BULK t [(col type [NULL | NOT NULL], …)] [WITH (option, …)]`: the statement bulk-copy clients send. */
export interface InsertBulk extends NodeBase {
  kind: 'InsertBulk';
  table: ObjectName;
  columns: InsertBulkColumn[];
  options: BulkOption[];
}

export interface InsertBulkColumn extends NodeBase {
  kind: 'InsertBulkColumn';
  name: Ident;
  /** Absent for a bare `timestamp` column. */
  dataType?: DataType;
  collation?: Ident;
  nullable?: boolean;
}

export type QueryStatement = SelectStatement | Insert | Update | Delete | Merge | TruncateTable | BulkInsert | InsertBulk;

export type QueryNode =
  | QueryStatement
  | QueryExpr
  | Cte
  | XmlNamespaces
  | XmlNamespace
  | Top
  | SelectItem
  | SelectAssign
  | GroupBy
  | GroupingSet
  | WindowDefinition
  | OffsetFetch
  | ForClause
  | QueryHint
  | OptimizeForItem
  | TableSource
  | TableHint
  | SystemTime
  | TableSample
  | RowValue
  | JsonColumn
  | OutputClause
  | ValuesSource
  | ExecSource
  | DefaultValues
  | ChangeTrackingContext
  | SetClause
  | CurrentOf
  | MergeClause
  | PartitionRange
  | BulkOption
  | InsertBulkColumn;
