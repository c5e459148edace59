// The golden backup behind a fast `reset`: one COPY_ONLY backup file per database inside the
// container's volume, named after the content hash of payload + CLR + seed, so a restore is used only
// when it holds exactly what a full deploy would build now. A file that cannot be read as a backup
// (a backup stopped halfway) counts as none: reset rebuilds, and the next backup overwrites it.
import { InterruptedError, throwIfAborted } from '../engine/errors.js';
import type { SqlSession } from './session.js';
import { hasSqlErrorNumber, sqlErrorsOf, toSqlHartError } from './sql-error.js';
import { BACKUP_COMPRESSION_NOT_SUPPORTED, CANNOT_OPEN_BACKUP_DEVICE, UNREADABLE_BACKUP_ERRORS, goldenBackupName, goldenBackupSql, goldenHeaderSql, restoreGoldenSql } from './tsql-texts.js';

export type GoldenBackupState =
  | { kind: 'current' }
  /** No file, or a whole backup of other content. */
  | { kind: 'absent' }
  /** A file that is not a whole backup (e.g. a backup stopped halfway): the server's words. */
  | { kind: 'unreadable'; reason: string };

/** Whether the golden backup file holds this fingerprint; a missing or unreadable file is simply not current. */
export async function goldenBackupState(session: SqlSession, database: string, fingerprint: string): Promise<GoldenBackupState> {
  try {
    const rows = await session.query(goldenHeaderSql(database));
    return rows.some((r) => r.BackupName === goldenBackupName(fingerprint)) ? { kind: 'current' } : { kind: 'absent' };
  } catch (error) {
    if (hasSqlErrorNumber(error, CANNOT_OPEN_BACKUP_DEVICE)) return { kind: 'absent' };
    if (UNREADABLE_BACKUP_ERRORS.some((n) => hasSqlErrorNumber(error, n))) {
      const first = sqlErrorsOf(error)[0];
      return { kind: 'unreadable', reason: first === undefined ? 'unreadable' : `error ${first.number}: ${first.message}` };
    }
    throw toSqlHartError(error, { action: 'Reading the golden backup header' });
  }
}

/** Takes the golden backup unless the file already holds this fingerprint. Returns whether it wrote one. */
export async function ensureGoldenBackup(session: SqlSession, database: string, fingerprint: string, signal: AbortSignal): Promise<boolean> {
  if ((await goldenBackupState(session, database, fingerprint)).kind === 'current') return false;
  throwIfAborted(signal);
  try {
    try {
      await session.batch(goldenBackupSql(database, fingerprint));
    } catch (error) {
      // An edition without backup compression (Express, Web) refuses COMPRESSION with Msg 1844.
      if (signal.aborted || !hasSqlErrorNumber(error, BACKUP_COMPRESSION_NOT_SUPPORTED)) throw error;
      await session.batch(goldenBackupSql(database, fingerprint, false));
    }
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    throw toSqlHartError(error, { action: 'Taking the golden backup', hint: '`hart-dev reset` will rebuild the database instead; check free disk space in the SQL Server volume.' });
  }
  return true;
}

/** Restores the golden backup over the database (session in master); `online`: it exists and is ONLINE. */
export async function restoreGoldenBackup(session: SqlSession, database: string, online: boolean): Promise<void> {
  try {
    await session.batch(restoreGoldenSql(database, online));
  } catch (error) {
    throw toSqlHartError(error, { action: `Restoring ${database} from the golden backup`, hint: 'Run `hart-dev reset --full` to rebuild the database from the payload.' });
  }
}
