// The database's own settings: create it, simple recovery, READ_COMMITTED_SNAPSHOT, Service Broker.
// Each step is sent only when the status read says it is needed, so a warm `up` sends no batch.
import { HartError, throwIfAborted } from '../engine/errors.js';
import type { PhaseReporter } from '../engine/phase.js';
import type { DatabaseStatus } from './deploy-run.js';
import type { Row, SqlSession } from './session.js';
import { hasSqlErrorNumber, toSqlHartError } from './sql-error.js';
import {
  DATABASE_ONLINE,
  SERVICE_BROKER_DUPLICATE_ID,
  createDatabaseSql,
  databaseStatusSql,
  enableBrokerSql,
  multiUserSql,
  newBrokerSql,
  setReadCommittedSnapshotSql,
  setSimpleRecoverySql,
} from './tsql-texts.js';

export interface StatusRead {
  status: DatabaseStatus;
  /** The journal as FOR JSON text; undefined when the database or its journal does not exist. */
  journalJson: string | undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export function statusOfRow(row: Row | undefined): StatusRead {
  if (row === undefined) return { status: { exists: false }, journalJson: undefined };
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const status: DatabaseStatus = {
    exists: true,
    readCommittedSnapshot: truthy(row.readCommittedSnapshot),
    brokerEnabled: truthy(row.brokerEnabled),
  };
  const collation = text(row.collation);
  const recovery = text(row.recovery);
  const userAccess = text(row.userAccess);
  const state = text(row.state);
  if (state !== undefined) status.state = state;
  if (collation !== undefined) status.collation = collation;
  if (recovery !== undefined) status.recovery = recovery;
  if (userAccess !== undefined) status.userAccess = userAccess;
  return { status, journalJson: text(row.journal) };
}

/** The one query of a warm run (session in master). */
export async function readDatabaseStatus(session: SqlSession, database: string): Promise<StatusRead> {
  try {
    const rows = await session.query(databaseStatusSql(database), { db: { type: 'nvarchar', value: database } });
    return statusOfRow(rows[0]);
  } catch (error) {
    throw toSqlHartError(error, { action: `Reading the state of database ${database}` });
  }
}

async function send(session: SqlSession, text: string, action: string, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  try {
    await session.batch(text);
  } catch (error) {
    throw toSqlHartError(error, { action });
  }
}

/**
 * Enables Service Broker the documented way; a duplicate broker id (9772, a restored copy) gets a
 * NEW_BROKER. Any other failure gives the database back to MULTI_USER before reporting.
 */
export async function enableBroker(session: SqlSession, database: string, signal: AbortSignal, report: PhaseReporter): Promise<void> {
  throwIfAborted(signal);
  try {
    await session.batch(enableBrokerSql(database));
    return;
  } catch (error) {
    if (!hasSqlErrorNumber(error, SERVICE_BROKER_DUPLICATE_ID)) {
      await session.batch(multiUserSql(database)).catch(() => undefined);
      throw toSqlHartError(error, { action: `Enabling Service Broker in ${database}` });
    }
  }
  report.log(`Service Broker id of ${database} is already in use (error 9772): a new broker id was given`);
  try {
    await session.batch(newBrokerSql(database));
  } catch (error) {
    await session.batch(multiUserSql(database)).catch(() => undefined);
    throw toSqlHartError(error, { action: `Giving ${database} a new Service Broker id` });
  }
}

/**
 * A database that is not ONLINE cannot be deployed to (a RESTORING one refuses ALTER DATABASE with
 * Msg 5052 and every login into it). Reset replaces it whatever its state (reset-database.ts).
 */
export function notOnlineError(database: string, state: string): HartError {
  return new HartError(`Database ${database} is ${state}, not ONLINE`, {
    code: 'database-not-online',
    hint:
      state === 'RESTORING'
        ? `A restore of ${database} was interrupted (e.g. Ctrl-C during \`hart-dev reset\`). Run \`hart-dev reset --full\` to drop it and deploy it again.`
        : `Run \`hart-dev reset --full\` to drop ${database} and deploy it again (its data is replaced), or bring it ONLINE yourself first.`,
  });
}

export interface EnsureResult {
  created: boolean;
  /** Settings changed on an existing database ("recovery SIMPLE", …). */
  changes: string[];
  status: DatabaseStatus;
  journalJson: string | undefined;
}

/** Creates the database when missing and brings its settings in line (session in master). */
export async function ensureDatabase(
  session: SqlSession,
  database: string,
  collation: string,
  signal: AbortSignal,
  report: PhaseReporter,
): Promise<EnsureResult> {
  let read = await readDatabaseStatus(session, database);
  const state = read.status.state;
  if (read.status.exists && state !== undefined && state !== DATABASE_ONLINE) throw notOnlineError(database, state);
  let created = false;
  if (!read.status.exists) {
    report.status(`Creating database ${database}`);
    await send(session, createDatabaseSql(database, collation), `Creating database ${database}`, signal);
    created = true;
    // A new database copies model's settings: read them rather than assume.
    read = await readDatabaseStatus(session, database);
  } else if (read.status.collation !== undefined && read.status.collation !== collation) {
    report.log(`Database ${database} has collation ${read.status.collation}, not ${collation}: kept (run hart-dev reset --full to recreate it)`);
  }
  const { status } = read;
  const changes: string[] = [];
  if (status.userAccess !== undefined && status.userAccess !== 'MULTI_USER') {
    // An interrupted SINGLE_USER step of an earlier run.
    await send(session, multiUserSql(database), `Setting ${database} to MULTI_USER`, signal);
    changes.push('multi-user');
  }
  if (status.recovery !== 'SIMPLE') {
    await send(session, setSimpleRecoverySql(database), `Setting ${database} to simple recovery`, signal);
    changes.push('simple recovery');
  }
  if (status.readCommittedSnapshot !== true) {
    await send(session, setReadCommittedSnapshotSql(database), `Turning on READ_COMMITTED_SNAPSHOT in ${database}`, signal);
    changes.push('read committed snapshot');
  }
  if (status.brokerEnabled !== true) {
    report.status(`Enabling Service Broker in ${database}`);
    await enableBroker(session, database, signal, report);
    changes.push('Service Broker');
  }
  const finalStatus: DatabaseStatus = { ...status, userAccess: 'MULTI_USER', recovery: 'SIMPLE', readCommittedSnapshot: true, brokerEnabled: true };
  return { created, changes, status: finalStatus, journalJson: read.journalJson };
}
