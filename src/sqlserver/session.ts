// The narrow interface through which phases reach SQL Server. The real one is mssql/tedious on one
// connection (so multi-batch scripts keep their session); tests use a recording fake of this interface.

export type SqlParamType = 'varbinary' | 'nvarchar' | 'int' | 'bigint' | 'float' | 'bit' | 'uniqueidentifier' | 'datetime2';

export interface SqlParam {
  type: SqlParamType;
  value: string | number | boolean | Buffer | Date | null;
}

export type SqlParams = Record<string, SqlParam>;

export type Row = Record<string, unknown>;

export interface BatchResult {
  /** Every result set the batch produced, rows as plain objects. */
  recordsets: Row[][];
  rowsAffected: number[];
}

export interface BulkColumn {
  name: string;
  type: SqlParamType;
  nullable: boolean;
  /** nvarchar/varbinary length; 'max' for MAX. */
  length?: number | 'max';
}

export interface BulkTable {
  /** Schema-qualified, e.g. "seed.AtomEmbeddingsStaging". */
  name: string;
  columns: BulkColumn[];
  rows: (string | number | boolean | Buffer | Date | null)[][];
}

export interface SqlSession {
  /** Sends one batch (CREATE PROCEDURE etc. allowed). Parameters are bound as @name. */
  batch(text: string, params?: SqlParams): Promise<BatchResult>;
  /** Rows of the first result set. */
  query(text: string, params?: SqlParams): Promise<Row[]>;
  /** TDS bulk load with constraints checked (FOREIGN KEY/CHECK stay trusted). Returns rows loaded. */
  bulk(table: BulkTable): Promise<number>;
  /** Which database the session is in; `use` switches (master for CREATE/DROP/RESTORE DATABASE). */
  use(database: string): Promise<void>;
  close(): Promise<void>;
}

/** A SQL Server error with the fields tedious gives (number, state, class, lineNumber, procName). */
export interface SqlServerErrorInfo {
  number: number;
  state: number;
  severity: number;
  lineNumber: number;
  procName?: string;
  message: string;
}
