// The T-SQL syntax tree: plain data, one interface per node kind, every node with its source span
// (`start`/`end`: offsets into the batch text; `end` is one past the last character).
//
// This file holds the base shapes and the nodes that several stages rely on (names, variables,
// column references, table sources, declarations, modules). Each grammar area keeps the rest of its
// nodes in its own file (ast-expressions.ts, ast-query.ts, ast-procedural.ts, ast-ddl.ts) and exports
// one union of them; `Statement` and `Expression` below join those unions.
//
// Rules every node follows, so that a generic walk (walk.ts) and the binder can rely on them:
// - every node object has `kind`, `start`, `end`; children are nodes or arrays of nodes;
// - a `Variable` node is a USE of a local variable or parameter (read or write). Names that DECLARE
//   (DECLARE, parameters, table variable names in DECLARE) or that name another module's parameter
//   (`EXEC p @Param = 1`, `OPTIMIZE FOR (@p UNKNOWN)`) are plain strings or Ident nodes, never Variable;
// - an `Ident` is one name part as written: `value` is unquoted ([a]]b] → a]b).
import type { ExpressionNode } from './ast-expressions.js';
import type { QueryNode, QueryStatement } from './ast-query.js';
import type { ProceduralStatement } from './ast-procedural.js';
import type { DdlStatement } from './ast-ddl.js';

export interface NodeBase {
  kind: string;
  start: number;
  end: number;
}

/** One name part: `dbo`, `[Order Details]`, `#temp`. */
export interface Ident extends NodeBase {
  kind: 'Ident';
  value: string;
  quoted: boolean;
}

/** A schema-object name: [server.][database.][schema.]name; `db..t` leaves the schema out. */
export interface ObjectName extends NodeBase {
  kind: 'ObjectName';
  server?: Ident;
  database?: Ident;
  schema?: Ident;
  name: Ident;
}

/** A data type as written: `nvarchar(max)`, `decimal(18, 4)`, `dbo.MyType`, `xml(CONTENT dbo.S)`. */
export interface DataType extends NodeBase {
  kind: 'DataType';
  name: ObjectName;
  /** The arguments as written, upper-cased words (MAX) and numbers: ['18', '4'], ['MAX']. */
  args: string[];
}

/** A use of a local variable or parameter: `@x`. */
export interface Variable extends NodeBase {
  kind: 'Variable';
  /** As written, with the @. */
  name: string;
}

/** `@@ROWCOUNT` and the other system functions spelt as variables. */
export interface GlobalVariable extends NodeBase {
  kind: 'GlobalVariable';
  name: string;
}

/** A column (or `*`) named by 1–4 parts: `Id`, `a.Id`, `dbo.T.Id`, `*`, `a.*`. */
export interface ColumnRef extends NodeBase {
  kind: 'ColumnRef';
  /** The qualifier and column parts; for `a.*` just [a] with `star`. */
  parts: Ident[];
  star?: boolean;
}

/** A statement the grammar does not model yet, kept whole up to its end and reported as a note. */
export interface OpaqueStatement extends NodeBase {
  kind: 'Opaque';
  /** The words that start it, upper-cased: 'CREATE EVENT SESSION'. */
  what: string;
}

/** `label:` */
export interface LabelStatement extends NodeBase {
  kind: 'Label';
  name: string;
}

/** A parameter of a procedure or function: a declaration, not a Variable use. */
export interface Parameter extends NodeBase {
  kind: 'Parameter';
  /** As written, with the @. */
  name: string;
  /** Offset of the name. */
  nameStart: number;
  dataType: DataType;
  /** The type is `TABLE`-valued (a table type with READONLY). */
  readonly: boolean;
  output: boolean;
  varying: boolean;
  default?: Expression;
}

/** One variable of a DECLARE: `@x int = 1`, `@t TABLE (…)` (see DeclareTable), `@c CURSOR`. */
export interface DeclareVariable extends NodeBase {
  kind: 'DeclareVariable';
  /** As written, with the @. */
  name: string;
  nameStart: number;
  /** Absent for `@c CURSOR`. */
  dataType?: DataType;
  cursor?: boolean;
  value?: Expression;
}

export type Expression = ExpressionNode;
export type Statement = QueryStatement | ProceduralStatement | DdlStatement | OpaqueStatement | LabelStatement;
export type Node = Statement | Expression | QueryNode | Ident | ObjectName | DataType | Parameter | DeclareVariable;

/** What parsing one batch gives: its statements, and the first syntax error if there is one. */
export interface ParsedBatch {
  statements: Statement[];
  error?: SyntaxDiagnostic;
  /** Statements kept opaque (the grammar's gaps): a note each, never an error. */
  opaque: OpaqueStatement[];
  /** Tokens in the batch, and tokens consumed while parsing it (more when a rule backtracks). */
  tokens: number;
  steps: number;
}

export interface SyntaxDiagnostic {
  /** SQL Server's message number: 102, 156, 105, 191, 319 … */
  code: number;
  message: string;
  /** Offset in the batch text. */
  offset: number;
  line: number;
  col: number;
}
