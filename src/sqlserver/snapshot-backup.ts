// Named snapshots of the database: a COPY_ONLY backup per name in a folder the server writes (the
// container's backup folder, or HART_SQL_BACKUP_DIR for an existing server), measured and hashed by
// the server itself so the manifest names the exact bytes. A restore goes the golden reset's way
// (restore over the database, Service Broker re-enabled, the assemblies it holds trusted again); a
// restore `--as` another name makes a copy beside the main database with its files moved and a new
// broker id.
import { HartError, throwIfAborted } from '../engine/errors.js';
import type { PhaseReporter } from '../engine/phase.js';
import { decideScript, parseJournalJson, type Journal } from './journal.js';
import { enableBroker, notOnlineError, readDatabaseStatus } from './database-steps.js';
import type { Row, SqlSession } from './session.js';
import { hasSqlErrorNumber, toSqlHartError } from './sql-error.js';
import type { Script } from '../tsql/types.js';
import {
  BACKUP_COMPRESSION_NOT_SUPPORTED,
  BACKUP_DIR,
  DATABASE_ONLINE,
  backupCompressionAllowed,
  backupFileDigestSql,
  backupFileListSql,
  ensureTrustedAssemblySql,
  restoreSnapshotCopySql,
  restoreSnapshotSql,
  restoredAssembliesSql,
  serverEditionSql,
  serverPath,
  snapshotBackupSql,
  type FileMove,
} from './tsql-texts.js';

/** The journal path of verify's row: its hash is the deploy fingerprint (payload + CLR + seed). */
const VERIFY_PATH = '@verify';

/** The container's folder for snapshots, inside the SQL Server volume next to the golden backup. */
export const CONTAINER_SNAPSHOT_DIR = `${BACKUP_DIR}/snapshots`;

/** Msg 4860 "Cannot bulk load. The file "%s" does not exist or you don't have file access rights." */
const BULK_FILE_MISSING = 4860;

export function snapshotBackupFile(dir: string, database: string, name: string): string {
  return serverPath(dir, `${database}.${name}.bak`);
}

export interface SqlSnapshotSaved {
  database: string;
  /** The backup file as the server names it. */
  file: string;
  bytes: number;
  sha256: string;
  compressed: boolean;
  /** The deploy fingerprint verify recorded in the journal (undefined: never verified). */
  fingerprint: string | undefined;
  /** Scripts the journal records as applied. */
  scripts: number;
}

export interface SaveSqlOptions {
  database: string;
  dir: string;
  name: string;
  signal: AbortSignal;
  report?: PhaseReporter;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

async function digestOf(session: SqlSession, file: string): Promise<{ bytes: number; sha256: string }> {
  const [row] = await session.query(backupFileDigestSql(file));
  const sha256 = textOf(row?.sha256)?.toLowerCase();
  const bytes = Number(row?.bytes);
  if (sha256 === undefined || !/^[0-9a-f]{64}$/.test(sha256) || !Number.isFinite(bytes)) {
    throw new HartError(`SQL Server returned no SHA-256 for ${file}`, { code: 'snapshot-digest', hint: 'Check that the login may run OPENROWSET(BULK …) (ADMINISTER BULK OPERATIONS), then save again.' });
  }
  return { bytes, sha256 };
}

/** Takes the named backup of `database` (session in master). */
export async function saveSqlSnapshot(session: SqlSession, options: SaveSqlOptions): Promise<SqlSnapshotSaved> {
  const { database, dir, name, signal } = options;
  const { status, journalJson } = await readDatabaseStatus(session, database);
  if (!status.exists) {
    throw new HartError(`Database ${database} does not exist: there is nothing to save`, { code: 'snapshot-no-database', hint: 'Run `hart-dev up` first, or save the graph alone with --only graph.' });
  }
  if (status.state !== undefined && status.state !== DATABASE_ONLINE) throw notOnlineError(database, status.state);
  const file = snapshotBackupFile(dir, database, name);
  let compressed: boolean;
  try {
    const [edition] = await session.query(serverEditionSql());
    compressed = backupCompressionAllowed(typeof edition?.engineEdition === 'number' ? edition.engineEdition : undefined, textOf(edition?.edition));
  } catch (error) {
    throw toSqlHartError(error, { action: 'Reading the SQL Server edition' });
  }
  throwIfAborted(signal);
  options.report?.status(`Backing up ${database} to ${file}`);
  try {
    await session.batch(snapshotBackupSql(database, dir, file, name, compressed));
  } catch (error) {
    if (!(compressed && hasSqlErrorNumber(error, BACKUP_COMPRESSION_NOT_SUPPORTED))) {
      throw toSqlHartError(error, { action: `Backing up ${database} to ${file}`, hint: 'Check free disk space where the server writes backups (HART_SQL_BACKUP_DIR for an existing server).' });
    }
    // The edition said yes but the server says no (Msg 1844): the same backup, uncompressed.
    options.report?.log(`SQL Server compresses no backups in this edition: ${file} is written uncompressed`);
    compressed = false;
    try {
      await session.batch(snapshotBackupSql(database, dir, file, name, false));
    } catch (second) {
      throw toSqlHartError(second, { action: `Backing up ${database} to ${file}` });
    }
  }
  options.report?.status(`Hashing ${file}`);
  let digest: { bytes: number; sha256: string };
  try {
    digest = await digestOf(session, file);
  } catch (error) {
    throw toSqlHartError(error, { action: `Reading ${file} back for its SHA-256` });
  }
  const journal = parseJournalJson(journalJson);
  const scripts = [...journal.entries.keys()].filter((path) => !path.startsWith('@')).length;
  return { database, file, ...digest, compressed, fingerprint: journal.get(VERIFY_PATH)?.hash, scripts };
}

/**
 * Where each file of the backup goes for a copy named `target`: the original's folder, the name
 * `<target>_<logical name><original extension>` (distinct from the main database's files, and the
 * same for every restore of that copy so REPLACE reuses them).
 */
export function copyFileMoves(rows: readonly Row[], target: string): FileMove[] {
  return rows.map((row) => {
    const logicalName = textOf(row.LogicalName) ?? '';
    const physical = textOf(row.PhysicalName) ?? '';
    const cut = Math.max(physical.lastIndexOf('/'), physical.lastIndexOf('\\'));
    const dir = cut < 0 ? '' : physical.slice(0, cut);
    const base = physical.slice(cut + 1);
    const dot = base.lastIndexOf('.');
    const extension = dot <= 0 ? '' : base.slice(dot);
    const fileName = `${target}_${logicalName}${extension}`.replace(/[\\/:*?"<>|]/g, '_');
    return { logicalName, physicalName: dir === '' ? fileName : serverPath(dir, fileName) };
  });
}

export interface RestoreSqlOptions {
  /** The database restored into: the main one, or the copy's name (`--as`). */
  database: string;
  file: string;
  /** The manifest's SHA-256: a file that changed since it was saved is refused before anything is replaced. */
  sha256: string;
  /** Restore beside the main database (files moved, new broker id). */
  copy: boolean;
  signal: AbortSignal;
  report: PhaseReporter;
}

export interface SqlSnapshotRestored {
  /** The restored database's journal: what `up` compares the payload with. */
  journal: Journal;
  /** Assemblies whose hash was checked in the trusted list. */
  assemblies: number;
}

/** Restores a snapshot (session in master). */
export async function restoreSqlSnapshot(session: SqlSession, options: RestoreSqlOptions): Promise<SqlSnapshotRestored> {
  const { database, file, signal, report } = options;
  report.status(`Checking ${file}`);
  let digest: { bytes: number; sha256: string };
  try {
    digest = await digestOf(session, file);
  } catch (error) {
    if (hasSqlErrorNumber(error, BULK_FILE_MISSING)) {
      throw new HartError(`The snapshot's backup file ${file} is gone`, {
        code: 'snapshot-file-missing',
        hint: 'It lived in the SQL Server volume (`hart-dev down --volumes` removes it). Delete the snapshot (hart-dev snapshot delete NAME) or restore only the graph with --only graph.',
      });
    }
    throw toSqlHartError(error, { action: `Reading ${file}` });
  }
  if (digest.sha256 !== options.sha256.toLowerCase()) {
    throw new HartError(`The snapshot's backup file ${file} changed since it was saved (SHA-256 ${digest.sha256.slice(0, 12)}…, saved ${options.sha256.slice(0, 12)}…)`, {
      code: 'snapshot-file-changed',
      hint: 'Nothing was restored. Save the snapshot again, or delete it: hart-dev snapshot delete NAME.',
    });
  }
  const { status } = await readDatabaseStatus(session, database);
  const online = status.exists && (status.state === undefined || status.state === DATABASE_ONLINE);
  if (status.exists && !online) report.log(`Database ${database} is ${status.state ?? 'not online'}: replaced without SET SINGLE_USER`);
  throwIfAborted(signal);
  let restoreText: string;
  if (options.copy) {
    let rows: Row[];
    try {
      rows = await session.query(backupFileListSql(file));
    } catch (error) {
      throw toSqlHartError(error, { action: `Listing the files of ${file}` });
    }
    restoreText = restoreSnapshotCopySql(database, file, copyFileMoves(rows, database), online);
  } else {
    restoreText = restoreSnapshotSql(database, file, online);
  }
  report.status(`Restoring ${database} from ${file}`);
  try {
    await session.batch(restoreText);
  } catch (error) {
    throw toSqlHartError(error, {
      action: `Restoring ${database} from ${file}`,
      hint: options.copy ? `Run the restore again; \`hart-dev snapshot restore NAME --as ${database}\` replaces the copy.` : 'Run the restore again, or `hart-dev reset --full` to rebuild the database from the payload.',
    });
  }
  // "By default Service Broker message delivery is disabled during a restore" (restore-statements-arguments-transact-sql.md).
  const after = await readDatabaseStatus(session, database);
  if (after.status.brokerEnabled !== true) await enableBroker(session, database, signal, report);
  let assemblies: Row[];
  try {
    assemblies = await session.query(restoredAssembliesSql(database));
    for (const assembly of assemblies) {
      const sha512 = textOf(assembly.sha512);
      if (sha512 !== undefined) await session.batch(ensureTrustedAssemblySql(sha512, textOf(assembly.name) ?? database));
    }
  } catch (error) {
    throw toSqlHartError(error, { action: `Trusting the CLR assemblies of ${database} again` });
  }
  return { journal: parseJournalJson(after.journalJson), assemblies: assemblies.length };
}

/** How many of the payload's scripts `up` would apply to a database with this journal (new, changed, every-time). */
export function scriptsToReapply(scripts: readonly Pick<Script, 'path' | 'kind' | 'hash'>[], journal: Journal): number {
  return scripts.filter((s) => s.kind !== 'every-time' && decideScript(s, journal.get(s.path), false).action !== 'skip').length;
}
