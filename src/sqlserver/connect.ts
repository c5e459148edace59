// The real SqlSession: mssql (tedious) on a pool of exactly one connection, so every batch of a
// script runs on the same session (NOTES: The mssql package — "A pool gives no session affinity: run
// a script's batches on one connection (pool max 1…)"; EF 8 keeps a transaction open across batches).
import mssql from 'mssql';
import { HartError, InterruptedError } from '../engine/errors.js';
import type { SqlEndpoint } from './endpoint.js';
import type { BatchResult, BulkColumn, BulkTable, Row, SqlParamType, SqlParams, SqlSession } from './session.js';

export const APP_NAME = 'hart-dev';

/** Default per-request timeout; restore, CLR and bulk callers pass 0 (none) and rely on the abort signal. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

export interface OpenSessionOptions {
  database?: string;
  /** 0 = no timeout (restore, CLR, bulk); default 5 minutes. NOTES: The mssql package — default 15 s is too short. */
  requestTimeoutMs?: number;
  /** Aborting cancels the request in flight (tedious sends an attention) and closes the session. */
  signal?: AbortSignal;
}

/** A server reached with Microsoft Entra ID instead of a SQL login (`hart-dev seed --auth entra`). */
export interface EntraTarget {
  host: string;
  port: number;
  database: string;
}

function typeOf(type: SqlParamType, length?: number | 'max'): mssql.ISqlType | (() => mssql.ISqlType) {
  const len = length === undefined || length === 'max' ? mssql.MAX : length;
  switch (type) {
    case 'varbinary':
      return mssql.VarBinary(len);
    case 'nvarchar':
      return mssql.NVarChar(len);
    case 'int':
      return mssql.Int;
    case 'bigint':
      return mssql.BigInt;
    case 'float':
      return mssql.Float;
    case 'bit':
      return mssql.Bit;
    case 'uniqueidentifier':
      return mssql.UniqueIdentifier;
    case 'datetime2':
      return mssql.DateTime2(7);
  }
}

function bulkTableOf(table: BulkTable): mssql.Table {
  const t = new mssql.Table(table.name);
  t.create = false;
  for (const column of table.columns) addColumn(t, column);
  for (const row of table.rows) t.rows.add(...row);
  return t;
}

function addColumn(t: mssql.Table, column: BulkColumn): void {
  const options: mssql.IColumnOptions = { nullable: column.nullable };
  if (typeof column.length === 'number') options.length = column.length;
  t.columns.add(column.name, typeOf(column.type, column.length), options);
}

function rowsOf(recordset: unknown): Row[] {
  if (!Array.isArray(recordset)) return [];
  return recordset.filter((r): r is Row => typeof r === 'object' && r !== null);
}

/** Connection failures in words a developer can act on (login vs network vs timeout). */
export function connectError(error: unknown, where: string, endpoint: Pick<SqlEndpoint, 'external' | 'user'>): HartError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ELOGIN') {
    return new HartError(`SQL Server at ${where} refuses the login of ${endpoint.user}: ${message}`, {
      code: 'sql-login',
      cause: error,
      hint: endpoint.external
        ? 'Check the user and password in HART_SQL_URL.'
        : 'An existing volume keeps the sa password it was created with: set HART_SQL_SA_PASSWORD to that password, or remove the volume (hart-dev down --volumes) to start fresh.',
    });
  }
  return new HartError(`Can't reach SQL Server at ${where}: ${message}`, {
    code: 'sql-unreachable',
    cause: error,
    hint: endpoint.external
      ? 'Check HART_SQL_URL and that the server accepts TCP connections.'
      : "See 'hart-dev status' and 'hart-dev logs sqlserver'. The sqlserver phase starts this project's container and waits for a login (leave it out of --skip).",
  });
}

class MssqlSession implements SqlSession {
  private current: mssql.Request | undefined;
  private readonly onAbort = (): void => this.current?.cancel();

  constructor(
    private readonly pool: mssql.ConnectionPool,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort);
  }

  private request(params?: SqlParams): mssql.Request {
    if (this.signal?.aborted === true) throw new InterruptedError();
    const request = new mssql.Request(this.pool);
    for (const [name, param] of Object.entries(params ?? {})) request.input(name, typeOf(param.type), param.value);
    this.current = request;
    return request;
  }

  async batch(text: string, params?: SqlParams): Promise<BatchResult> {
    // request.batch sends the text as a SQL batch (not sp_executesql), so CREATE PROCEDURE works.
    const result = await this.request(params).batch(text);
    const sets: unknown = result.recordsets;
    return { recordsets: Array.isArray(sets) ? sets.map(rowsOf) : [], rowsAffected: result.rowsAffected };
  }

  async query(text: string, params?: SqlParams): Promise<Row[]> {
    const result = await this.request(params).query(text);
    return rowsOf(result.recordset);
  }

  async bulk(table: BulkTable): Promise<number> {
    // NOTES: The mssql package — checkConstraints keeps FOREIGN KEY/CHECK constraints trusted.
    const result = await this.request().bulk(bulkTableOf(table), { checkConstraints: true });
    return result.rowsAffected;
  }

  async use(database: string): Promise<void> {
    await this.request().batch(`USE [${database.replace(/]/g, ']]')}];`);
  }

  async close(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    await this.pool.close();
  }
}

async function connect(config: mssql.config, where: string, endpoint: Pick<SqlEndpoint, 'external' | 'user'>, signal: AbortSignal | undefined): Promise<SqlSession> {
  const pool = new mssql.ConnectionPool(config);
  try {
    await pool.connect();
  } catch (error) {
    await pool.close().catch(() => undefined);
    if (signal?.aborted === true) throw new InterruptedError();
    throw connectError(error, where, endpoint);
  }
  return new MssqlSession(pool, signal);
}

function baseConfig(host: string, port: number, database: string, options: OpenSessionOptions): mssql.config {
  return {
    server: host,
    port,
    database,
    connectionTimeout: 15_000,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // One connection: the session (USE, SET options, open transactions) stays the same for every batch.
    pool: { min: 0, max: 1, idleTimeoutMillis: 600_000 },
    options: { encrypt: true, trustServerCertificate: true, appName: APP_NAME, enableArithAbort: true },
  };
}

/** Opens a session on `endpoint` (SQL login), in `options.database` or the endpoint's database. */
export function openSession(endpoint: SqlEndpoint, options: OpenSessionOptions = {}): Promise<SqlSession> {
  const database = options.database ?? endpoint.database;
  const config: mssql.config = { ...baseConfig(endpoint.host, endpoint.port, database, options), user: endpoint.user, password: endpoint.password };
  // NOTES: SQL Server 2022 in a Linux container — the local container has a self-signed certificate:
  // encrypt and trust it. An external server keeps the same settings (dev servers rarely have a CA cert).
  return connect(config, `${endpoint.host}:${endpoint.port}`, endpoint, options.signal);
}

/**
 * Opens a session with Microsoft Entra ID: DefaultAzureCredential (az login, managed identity,
 * environment) as a token credential, so no password is needed. NOTES: The mssql package — "Entra ID:
 * authentication: { type: 'token-credential', options: { credential } }". Azure SQL has a real
 * certificate, so it is verified.
 */
export async function openEntraSession(target: EntraTarget, options: OpenSessionOptions = {}): Promise<SqlSession> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  const base = baseConfig(target.host, target.port, target.database, options);
  const config: mssql.config = {
    ...base,
    options: { ...base.options, trustServerCertificate: false },
    authentication: { type: 'token-credential', options: { credential: new DefaultAzureCredential() } },
  };
  return connect(config, `${target.host}:${target.port}`, { external: true, user: 'your Entra ID identity' }, options.signal);
}
