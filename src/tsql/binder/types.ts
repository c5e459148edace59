// The binder's public shapes: its input (parsed scripts), options, findings, and the catalog of the
// objects the payload defines.
import type { ParsedBatch } from '../parser/ast.js';

export interface BinderDiagnostic {
  /** SQL Server's message number: 134, 137, 207, 4104 … */
  code: number;
  severity: 'error' | 'warning';
  message: string;
  /** Offset in the batch text. */
  offset: number;
  /** The batch it belongs to (index into the script's batches). */
  batch: number;
  hint?: string;
}

export interface ParsedScriptInput {
  path: string;
  /** parseBatch of each batch's text. */
  batches: ParsedBatch[];
  /** The batch texts. */
  texts: string[];
}

export interface BindOptions {
  /** false for a _CI_ collation (the default SQL_Latin1_General_CP1_CI_AS), true for _CS_/_BIN/_BIN2. */
  caseSensitive: boolean;
  /** The payload's database (HART_SQL_DATABASE): a USE of it is no other database. */
  database?: string;
}

/** A column set as the binder knows it: normalized name → name as written. */
export type ColumnSet = ReadonlyMap<string, string>;

/** A table, view, table type or table-valued function's result, as the payload defines it. */
export interface TableInfo {
  /** The name as written (for messages). */
  name: string;
  /** Every column any definition in the payload gives it (CREATE, ALTER TABLE ADD, re-creations). */
  columns: Map<string, string>;
  /** false when some definition's columns could not be read (SELECT … INTO, a view over `*`, an unparsed batch). */
  complete: boolean;
  /**
   * How many values an INSERT without a column list gives (columns but identity and computed ones);
   * -1 when unsure (defined twice, altered, a rowversion or GENERATED ALWAYS column, a graph table).
   */
  insertable?: number;
}

/** A table's candidate keys: PRIMARY KEY, UNIQUE constraints, unfiltered unique indexes. */
export interface TableKeys {
  /** Each key as its sorted normalized column names joined by ','. */
  keys: Set<string>;
  /** The primary key's columns in order (normalized), when it has one. */
  primaryKey?: string[];
}

export interface ProcedureInfo {
  name: string;
  parameters: ProcedureParameter[];
  /** Defined more than once with different parameter lists: not checked. */
  conflicting: boolean;
}

export interface ProcedureParameter {
  /** As written, with the @. */
  name: string;
  key: string;
  optional: boolean;
}

export interface SchemaCatalog {
  caseSensitive: boolean;
  /** The payload's database, when known: `USE` of it comes back to this catalog. */
  database?: string;
  /** Tables by normalized `schema.name` (schema `dbo` when unqualified). */
  tables: Map<string, TableInfo>;
  /** Views and table-valued functions by normalized `schema.name`: queried like tables. */
  views: Map<string, TableInfo>;
  /** Table types (CREATE TYPE … AS TABLE) by normalized `schema.name`. */
  tableTypes: Map<string, TableInfo>;
  procedures: Map<string, ProcedureInfo>;
  /** Every other object name the payload defines (synonyms, scalar functions, sequences …): never "missing". */
  otherObjects: Set<string>;
  /** Names (normalized, last part) a batch that failed to parse may define: never reported missing. */
  uncertainNames: Set<string>;
  /** Findings of the deploy-order pass (2714, 219, 1913, 2705 on ALTER TABLE ADD) by script path. */
  deployFindings: Map<string, BinderDiagnostic[]>;
  /** Candidate keys of tables by normalized `schema.name` (every definition in the payload, unioned). */
  keys: Map<string, TableKeys>;
  /** Some batch did not parse: a key it defines may be unseen (no Msg 1776 then). */
  keysUncertain: boolean;
}
