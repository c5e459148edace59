// Connection failures in words a developer can act on: a refused login, an unreachable server, and a
// login refused because of the database it asks for. SQL Server answers a login into a database that
// is missing or that the login cannot open with 4060 ("Cannot open database … requested by the
// login") and then 18456, and tedious keeps only the last (NOTES: Name resolution… — "tedious keeps
// only the last login error token … retry on master to tell the two apart"). So a refused login into
// a user database is tried again on master: when that works the password is right, and
// sys.databases says what is wrong with the database.
import { HartError } from '../engine/errors.js';
import { notOnlineError } from './database-steps.js';
import type { SqlEndpoint } from './endpoint.js';
import type { SqlSession } from './session.js';
import { DATABASE_ONLINE, databaseAccessSql, quoteName } from './tsql-texts.js';

type Who = Pick<SqlEndpoint, 'external' | 'user'>;

/** mssql's code for a refused login (the server's 18456, whatever came before it). */
export function isLoginError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ELOGIN';
}

export function connectError(error: unknown, where: string, endpoint: Who): HartError {
  const message = error instanceof Error ? error.message : String(error);
  if (isLoginError(error)) {
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
    hint: endpoint.external ? 'Check HART_SQL_URL and that the server accepts TCP connections.' : "See 'hart-dev status' and 'hart-dev logs sqlserver'. The sqlserver phase starts this project's container and waits for a login (leave it out of --skip).",
  });
}

export interface LoginFailure {
  /** The refused login into `database`. */
  error: unknown;
  database: string;
  where: string;
  endpoint: Who;
  /** The same login on master. */
  openMaster: () => Promise<SqlSession>;
}

function databaseError(failure: LoginFailure, row: Record<string, unknown> | undefined): HartError {
  const { database, where, endpoint } = failure;
  if (row === undefined) {
    return new HartError(`SQL Server at ${where} has no database ${database}`, {
      code: 'sql-database-missing',
      cause: failure.error,
      hint: endpoint.external
        ? `Check the database name in the connection string, or create ${database} first.`
        : `\`hart-dev up\` creates it; check HART_SQL_DATABASE if another name was meant.`,
    });
  }
  const state = typeof row.state === 'string' ? row.state : undefined;
  if (state !== undefined && state !== DATABASE_ONLINE) {
    const error = notOnlineError(database, state);
    return new HartError(`${error.message} (SQL Server at ${where})`, { code: error.code, cause: failure.error, ...(error.hint === undefined ? {} : { hint: error.hint }) });
  }
  if (row.userAccess === 'SINGLE_USER') {
    return new HartError(`Database ${database} on ${where} is in SINGLE_USER mode and another session holds it`, {
      code: 'sql-database-single-user',
      cause: failure.error,
      hint: `An interrupted step may have left it so. Close the session that holds it, or from master run ALTER DATABASE ${quoteName(database)} SET MULTI_USER WITH ROLLBACK IMMEDIATE; \`hart-dev reset --full\` rebuilds the database.`,
    });
  }
  return new HartError(`SQL Server at ${where} accepts the login of ${endpoint.user} but not into database ${database}`, {
    code: 'sql-database-access',
    cause: failure.error,
    hint: `Give ${endpoint.user} a user in ${database} (CREATE USER … FOR LOGIN …), or connect with a login that has one.`,
  });
}

/** What a refused login into a user database means: the password, or the database (missing, single-user, not ONLINE). */
export async function explainLoginFailure(failure: LoginFailure): Promise<HartError> {
  let master: SqlSession;
  try {
    master = await failure.openMaster();
  } catch {
    return connectError(failure.error, failure.where, failure.endpoint);
  }
  try {
    const rows = await master.query(databaseAccessSql(), { db: { type: 'nvarchar', value: failure.database } });
    return databaseError(failure, rows[0]);
  } catch {
    return connectError(failure.error, failure.where, failure.endpoint);
  } finally {
    await master.close().catch(() => undefined);
  }
}
