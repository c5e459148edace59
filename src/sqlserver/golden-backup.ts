// The golden backup behind a fast `reset`: one COPY_ONLY backup file per database inside the
// container's volume, named after the content hash of payload + CLR + seed, so a restore is used only
// when it holds exactly what a full deploy would build now.
import { InterruptedError, throwIfAborted } from '../engine/errors.js';
import type { SqlSession } from './session.js';
import { hasSqlErrorNumber, toSqlHartError } from './sql-error.js';
import { CANNOT_OPEN_BACKUP_DEVICE, goldenBackupName, goldenBackupSql, goldenHeaderSql, restoreGoldenSql } from './tsql-texts.js';

/** Whether the golden backup file holds this fingerprint (a missing file is simply "no"). */
export async function hasGoldenBackup(session: SqlSession, database: string, fingerprint: string): Promise<boolean> {
  try {
    const rows = await session.query(goldenHeaderSql(database));
    return rows.some((r) => r.BackupName === goldenBackupName(fingerprint));
  } catch (error) {
    if (hasSqlErrorNumber(error, CANNOT_OPEN_BACKUP_DEVICE)) return false;
    throw toSqlHartError(error, { action: 'Reading the golden backup header' });
  }
}

/** Takes the golden backup unless the file already holds this fingerprint. Returns whether it wrote one. */
export async function ensureGoldenBackup(session: SqlSession, database: string, fingerprint: string, signal: AbortSignal): Promise<boolean> {
  if (await hasGoldenBackup(session, database, fingerprint)) return false;
  throwIfAborted(signal);
  try {
    await session.batch(goldenBackupSql(database, fingerprint));
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    throw toSqlHartError(error, { action: 'Taking the golden backup', hint: '`hart-dev reset` will rebuild the database instead; check free disk space in the SQL Server volume.' });
  }
  return true;
}

/** Restores the golden backup over the database (session in master). */
export async function restoreGoldenBackup(session: SqlSession, database: string, exists: boolean): Promise<void> {
  try {
    await session.batch(restoreGoldenSql(database, exists));
  } catch (error) {
    throw toSqlHartError(error, { action: `Restoring ${database} from the golden backup`, hint: 'Run `hart-dev reset --full` to rebuild the database from the payload.' });
  }
}
