// Every T-SQL text the deploy, reset, seed and verify code sends, in one reviewable place. Each
// builder names the fact of /work/shared/SQLSERVER-NOTES.md ("NOTES: <section> — <fact>") it relies
// on; tsql-texts.test.ts pins every text with a golden test. Identifiers are bracket-quoted and
// literals N'…'-quoted here, never concatenated elsewhere.
import { HartError } from '../engine/errors.js';

/** [name] with ] doubled, like QUOTENAME. */
export function quoteName(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** N'text' with ' doubled. */
export function nstring(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/** A collation is a bare word (SQL_Latin1_General_CP1_CI_AS); anything else is refused before it reaches SQL. */
export function checkCollation(collation: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(collation)) {
    throw new HartError(`Collation "${collation}" is not a collation name`, {
      hint: 'Set HART_SQL_COLLATION to a name from sys.fn_helpcollations(), e.g. SQL_Latin1_General_CP1_CI_AS',
      code: 'config-invalid',
    });
  }
  return collation;
}

// ---------------------------------------------------------------------------------------------
// Journal: its own schema so it never collides with the payload's objects.

export const JOURNAL_SCHEMA = 'hartdev';
export const JOURNAL_TABLE = 'Journal';
export const JOURNAL = `${quoteName(JOURNAL_SCHEMA)}.${quoteName(JOURNAL_TABLE)}`;

/**
 * Creates the journal schema and table when missing. NOTES: Scripts — "CREATE SCHEMA must be alone in
 * its batch" is why it runs through EXEC(N'…'); the guard makes the batch safe to resend.
 */
export function ensureJournalSql(): string {
  return [
    `IF SCHEMA_ID(${nstring(JOURNAL_SCHEMA)}) IS NULL EXEC(N'CREATE SCHEMA ${quoteName(JOURNAL_SCHEMA)} AUTHORIZATION [dbo]');`,
    `IF OBJECT_ID(${nstring(JOURNAL)}, N'U') IS NULL`,
    `CREATE TABLE ${JOURNAL} (`,
    `  [Path] nvarchar(400) NOT NULL CONSTRAINT [PK_hartdev_Journal] PRIMARY KEY,`,
    `  [Kind] nvarchar(20) NOT NULL,`,
    `  [Hash] varchar(128) NOT NULL,`,
    `  [AppliedAt] datetime2(3) NOT NULL,`,
    `  [DurationMs] int NOT NULL,`,
    `  [KitVersion] nvarchar(32) NOT NULL`,
    `);`,
  ].join('\n');
}

/**
 * Records one applied script (parameters @path, @kind, @hash, @durationMs, @kitVersion). Sent only
 * after every batch of the script succeeded, so nothing half-applied is journaled. NOTES: The mssql
 * package — parameters go through sp_executesql (query), not a raw batch.
 */
export function recordJournalSql(): string {
  return [
    `UPDATE ${JOURNAL} SET [Kind] = @kind, [Hash] = @hash, [AppliedAt] = SYSUTCDATETIME(), [DurationMs] = @durationMs, [KitVersion] = @kitVersion WHERE [Path] = @path;`,
    `IF @@ROWCOUNT = 0`,
    `  INSERT INTO ${JOURNAL} ([Path], [Kind], [Hash], [AppliedAt], [DurationMs], [KitVersion])`,
    `  VALUES (@path, @kind, @hash, SYSUTCDATETIME(), @durationMs, @kitVersion);`,
  ].join('\n');
}

/** Journal rows, from inside the database (phases that run without the database phase's status read). */
export function readJournalSql(): string {
  return `SELECT [Path] AS path, [Kind] AS kind, [Hash] AS hash, [AppliedAt] AS appliedAt, [DurationMs] AS durationMs, [KitVersion] AS kitVersion FROM ${JOURNAL};`;
}

/**
 * The one cheap query of a warm `up`, from master: the database's state and its whole journal as JSON
 * (NULL when the database or the journal table does not exist; [] when it is empty), parameter @db. The journal is read through
 * dynamic SQL so the statement compiles even when the database is missing. NOTES: Service Broker —
 * `sys.databases.is_broker_enabled`; Temporal tables… — RESTORE/DROP need SINGLE_USER (user_access_desc
 * tells whether a failed run left it so).
 */
export function databaseStatusSql(database: string): string {
  const journal = `${quoteName(database)}.${JOURNAL}`;
  return [
    `DECLARE @journal nvarchar(max) = NULL;`,
    `IF DB_ID(@db) IS NOT NULL AND HAS_DBACCESS(@db) = 1 AND OBJECT_ID(${nstring(journal)}, N'U') IS NOT NULL`,
    `  EXEC sys.sp_executesql N'SET @j = ISNULL((SELECT [Path] AS path, [Kind] AS kind, [Hash] AS hash, [DurationMs] AS durationMs, [KitVersion] AS kitVersion FROM ${journal.replace(/'/g, "''")} FOR JSON PATH), N''[]'');', N'@j nvarchar(max) OUTPUT', @j = @journal OUTPUT;`,
    `SELECT d.[name] AS name, d.[collation_name] AS collation, d.[recovery_model_desc] AS recovery,`,
    `  d.[is_read_committed_snapshot_on] AS readCommittedSnapshot, d.[is_broker_enabled] AS brokerEnabled,`,
    `  d.[state_desc] AS state, d.[user_access_desc] AS userAccess, @journal AS journal`,
    `FROM sys.databases AS d WHERE d.[name] = @db;`,
  ].join('\n');
}

/**
 * From master, after a login into the database was refused: whether the database exists, its state
 * and who may open it (parameter @db). NOTES: Name resolution… — "tedious keeps only the last login
 * error token: a missing database (4060) reaches the client as 18456 'Login failed'; retry on master
 * to tell the two apart"; sys.databases has state_desc and user_access_desc (SINGLE_USER lets one
 * session in), docs/relational-databases/system-catalog-views/sys-databases-transact-sql.md.
 */
export function databaseAccessSql(): string {
  return `SELECT d.[state_desc] AS state, d.[user_access_desc] AS userAccess FROM sys.databases AS d WHERE d.[name] = @db;`;
}

// ---------------------------------------------------------------------------------------------
// Database phase. NOTES: Temporal tables… — CREATE/ALTER/DROP DATABASE run in autocommit only: each
// text below is its own batch, never inside a transaction.

/** NOTES: SQL Server 2022 in a Linux container — `MSSQL_COLLATION` / database collation is configurable. */
export function createDatabaseSql(database: string, collation: string): string {
  return `CREATE DATABASE ${quoteName(database)} COLLATE ${checkCollation(collation)};`;
}

/** Simple recovery: a developer database needs no log backups (and a restore needs no tail). */
export function setSimpleRecoverySql(database: string): string {
  return `ALTER DATABASE ${quoteName(database)} SET RECOVERY SIMPLE;`;
}

/** READ_COMMITTED_SNAPSHOT needs no other connection in the database: ROLLBACK IMMEDIATE ends them. */
export function setReadCommittedSnapshotSql(database: string): string {
  return `ALTER DATABASE ${quoteName(database)} SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;`;
}

/**
 * NOTES: Service Broker — "Enabling needs an exclusive lock: in one batch from master, SET SINGLE_USER
 * WITH ROLLBACK IMMEDIATE, SET ENABLE_BROKER, SET MULTI_USER."
 */
export function enableBrokerSql(database: string): string {
  const db = quoteName(database);
  return [`ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`, `ALTER DATABASE ${db} SET ENABLE_BROKER;`, `ALTER DATABASE ${db} SET MULTI_USER;`].join('\n');
}

/** NOTES: Service Broker — "A restored copy on the same instance fails with 9772 (duplicate broker id): use NEW_BROKER then." */
export function newBrokerSql(database: string): string {
  const db = quoteName(database);
  return [`ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`, `ALTER DATABASE ${db} SET NEW_BROKER;`, `ALTER DATABASE ${db} SET MULTI_USER;`].join('\n');
}

/** After a failed SINGLE_USER batch: give the database back to everyone. */
export function multiUserSql(database: string): string {
  return `ALTER DATABASE ${quoteName(database)} SET MULTI_USER;`;
}

export const SERVICE_BROKER_DUPLICATE_ID = 9772;

// ---------------------------------------------------------------------------------------------
// FILESTREAM. NOTES: SQL Server 2022 in a Linux container — "Not available on Linux: FILESTREAM and FileTable".

/** Where the server runs (Linux or Windows), and the FILESTREAM level the service allows. */
export function hostPlatformSql(): string {
  return `SELECT host_platform AS platform, CAST(SERVERPROPERTY('FilestreamEffectiveLevel') AS int) AS filestreamLevel FROM sys.dm_os_host_info;`;
}

/**
 * Windows only: T-SQL and Win32 streaming access (level 2), then a FILESTREAM filegroup with one
 * container beside the data files, both guarded so the batch can be resent.
 */
export function enableFilestreamSql(database: string): string {
  const db = quoteName(database);
  const fileName = `${database}_filestream`;
  return [
    `EXEC sys.sp_configure N'filestream access level', 2;`,
    `RECONFIGURE;`,
    `IF NOT EXISTS (SELECT 1 FROM ${db}.sys.filegroups WHERE [type] = 'FD')`,
    `BEGIN`,
    `  DECLARE @dir nvarchar(400) = CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(400)) + ${nstring(fileName)};`,
    // EXEC(…) takes literals and variables but no function calls: the ADD FILE text is built in @sql.
    `  DECLARE @sql nvarchar(max) = N'ALTER DATABASE ${db} ADD FILE (NAME = ${nstring(fileName).replace(/'/g, "''")}, FILENAME = N''' + REPLACE(@dir, N'''', N'''''') + N''') TO FILEGROUP [FileStreamGroup];';`,
    `  EXEC(N'ALTER DATABASE ${db} ADD FILEGROUP [FileStreamGroup] CONTAINS FILESTREAM;');`,
    `  EXEC(@sql);`,
    `END`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// reset: drop, golden backup, restore.

/**
 * NOTES: Temporal tables… — "Drop a database in one batch: ALTER DATABASE … SET SINGLE_USER WITH
 * ROLLBACK IMMEDIATE; DROP DATABASE …;" (temporal tables need no care for DROP DATABASE). A database
 * that is not ONLINE (left RESTORING by an interrupted restore) refuses ALTER DATABASE (Msg 5052, NOTES:
 * Name resolution… — "A database left RESTORING … refuses ALTER DATABASE") and has no users to end:
 * it is dropped directly ("A database can be dropped regardless of its state: offline, read-only,
 * suspect, and so on", docs/t-sql/statements/drop-database-transact-sql.md).
 */
export function dropDatabaseSql(database: string, online = true): string {
  const db = quoteName(database);
  return [...(online ? [`ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`] : []), `DROP DATABASE ${db};`].join('\n');
}

/** sys.databases.state_desc of a database that can be used (docs/relational-databases/system-catalog-views/sys-databases-transact-sql.md). */
export const DATABASE_ONLINE = 'ONLINE';

/** NOTES: Temporal tables… — backups live inside the container's volume, /var/opt/mssql/backup/. */
export const BACKUP_DIR = '/var/opt/mssql/backup';

export function goldenBackupPath(database: string): string {
  return `${BACKUP_DIR}/${database}.golden.bak`;
}

/** The backup set's name carries the content hash, so RESTORE HEADERONLY tells whether the file is current. */
export function goldenBackupName(fingerprint: string): string {
  return `hart-dev golden ${fingerprint}`;
}

/**
 * NOTES: Temporal tables… — "BACKUP DATABASE … TO DISK = '/var/opt/mssql/backup/….bak' WITH COPY_ONLY,
 * INIT, COMPRESSION"; SQL Server 2022 in a Linux container — the server runs as uid 10001 and owns
 * /var/opt/mssql, so the server itself creates the folder (xp_create_subdir) inside the volume.
 * NOTES: Name resolution… — "xp_create_subdir on Linux reports Msg 22048 (OS error 183) when the
 * folder exists; guard it with sys.dm_os_file_exists" (a DMF enabled on Linux since SQL Server 2017,
 * docs/linux/sql-server-linux-release-notes; one row: file_exists, file_is_a_directory,
 * parent_directory_exists), so the second golden backup of a volume does not fail.
 * `compress` false: NO_COMPRESSION, for the editions without backup compression (Express, Web: Msg
 * 1844, BACKUP_COMPRESSION_NOT_SUPPORTED), where the backup is taken again that way.
 */
export function goldenBackupSql(database: string, fingerprint: string, compress = true): string {
  return [
    `IF NOT EXISTS (SELECT 1 FROM sys.dm_os_file_exists(${nstring(BACKUP_DIR)}) WHERE [file_is_a_directory] = 1)`,
    `  EXEC master.sys.xp_create_subdir ${nstring(BACKUP_DIR)};`,
    `BACKUP DATABASE ${quoteName(database)} TO DISK = ${nstring(goldenBackupPath(database))}`,
    `  WITH FORMAT, COPY_ONLY, INIT, ${compress ? 'COMPRESSION' : 'NO_COMPRESSION'}, NAME = ${nstring(goldenBackupName(fingerprint))};`,
  ].join('\n');
}

/** The header of the golden backup file (error 3201 when it does not exist). */
export function goldenHeaderSql(database: string): string {
  return `RESTORE HEADERONLY FROM DISK = ${nstring(goldenBackupPath(database))};`;
}

export const CANNOT_OPEN_BACKUP_DEVICE = 3201;

/**
 * What RESTORE HEADERONLY raises for a file that is there but not a whole backup (a backup stopped
 * halfway, a damaged volume): 3241 "The media family on device '%ls' is incorrectly formed", 3203
 * "Read on "%ls" failed", and 3013 "RESTORE HEADERONLY is terminating abnormally" after either
 * (docs/relational-databases/errors-events/database-engine-events-and-errors-3000-to-3999.md;
 * Microsoft's troubleshooting article for error 3013: "3241 is raised with 3013 and indicates issues
 * with the backup itself"). Such a file counts as no golden backup: reset rebuilds, and the next
 * golden backup overwrites it. That one needs FORMAT (goldenBackupSql): INIT keeps the media header
 * and "If the existing media header is invalid, the backup operation terminates"; FORMAT writes a new
 * one, "any existing media header and backup sets are overwritten" (docs/t-sql/statements/
 * backup-transact-sql.md, INIT and FORMAT).
 */
export const UNREADABLE_BACKUP_ERRORS: readonly number[] = [3241, 3203, 3013];

/**
 * NOTES: Temporal tables… — "RESTORE DATABASE … FROM DISK = … WITH REPLACE (after SINGLE_USER)";
 * RESTORE runs in autocommit only. The restored database comes back MULTI_USER from the backup; the
 * final SET MULTI_USER covers a restore of a backup taken while single-user. `online`: the database
 * exists and is ONLINE, so its users are ended first; a missing one has none, and one left RESTORING
 * refuses ALTER DATABASE (Msg 5052) while "RESTORE … WITH REPLACE … work[s] directly" (NOTES: Name
 * resolution… — a database left RESTORING).
 */
export function restoreGoldenSql(database: string, online: boolean): string {
  const db = quoteName(database);
  return [
    ...(online ? [`ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`] : []),
    `RESTORE DATABASE ${db} FROM DISK = ${nstring(goldenBackupPath(database))} WITH REPLACE;`,
    `ALTER DATABASE ${db} SET MULTI_USER;`,
  ].join('\n');
}

/**
 * NOTES: SQL CLR — "trust the exact bytes: EXEC sys.sp_add_trusted_assembly @hash = 0x<SHA2_512>,
 * @description = N'<clr_name>'; guarded by IF NOT EXISTS (… sys.trusted_assemblies WHERE hash = …)".
 * After a restore the list (server-level) is re-checked.
 */
export function ensureTrustedAssemblySql(sha512Hex: string, description: string): string {
  if (!/^[0-9a-fA-F]{128}$/.test(sha512Hex)) {
    throw new HartError('The CLR assembly hash is not a SHA2_512 hex string', { hint: 'Rebuild the CLR assembly (hart-dev up --only clr-build).', code: 'clr-hash' });
  }
  const hash = `0x${sha512Hex.toLowerCase()}`;
  return [
    `IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = ${hash})`,
    `  EXEC sys.sp_add_trusted_assembly @hash = ${hash}, @description = ${nstring(description)};`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// verify

/** Every user object (tables, views, routines, triggers, aggregates, queues) by schema-qualified name. */
export function listObjectsSql(): string {
  return [
    `SELECT s.[name] AS [schema], o.[name] AS name, RTRIM(o.[type]) AS type`,
    `FROM sys.objects AS o JOIN sys.schemas AS s ON s.[schema_id] = o.[schema_id]`,
    `WHERE o.[is_ms_shipped] = 0;`,
  ].join('\n');
}

/** NOTES: Embeddings — vectors are float32 LE VARBINARY; SQL CLR — bound as dbo.clr_CosineSimilarity (@a, @b VARBINARY(MAX)). */
export function cosineSelfSql(): string {
  return `SELECT dbo.clr_CosineSimilarity(@v, @v) AS similarity;`;
}

/** Row count of one table (name from the payload's catalog, quoted here). */
export function countRowsSql(schema: string, table: string): string {
  return `SELECT COUNT_BIG(*) AS n FROM ${quoteName(schema)}.${quoteName(table)};`;
}

/** Whether a procedure exists (parameter @name, schema-qualified). */
export function procedureExistsSql(): string {
  return `SELECT OBJECT_ID(@name, N'P') AS id;`;
}

/**
 * Runs the nearest-neighbour procedure with a seeded vector (parameters @tenantId, @v, @model): it
 * must return that atom first. NOTES: Embeddings on SQL Server — float32 LE VARBINARY.
 */
export function findNearestSql(): string {
  return `EXEC dbo.sp_FindNearestAtoms @TenantId = @tenantId, @QueryVector = @v, @ModelName = @model, @TopK = 1;`;
}

/** Seed counts in one row (parameters @tenantId, @model): the tenant, the plans, the sample embeddings. */
export function seedCountsSql(): string {
  return [
    `SELECT (SELECT COUNT_BIG(*) FROM [dbo].[Tenants] WHERE [TenantId] = @tenantId) AS tenants,`,
    `  (SELECT COUNT_BIG(*) FROM [dbo].[BillingPlans]) AS plans,`,
    `  (SELECT COUNT_BIG(*) FROM [dbo].[AtomEmbeddings] AS e JOIN [dbo].[Atoms] AS a ON a.[AtomId] = e.[AtomId] WHERE a.[TenantId] = @tenantId AND e.[ModelName] = @model) AS embeddings;`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// watch: what a change removes.

/** The modules `watch` drops (a removed script's, or a schema-bound dependent's before its base changes). */
export type DroppableKind = 'procedure' | 'function' | 'view' | 'trigger';

const DROP_WORDS: Record<DroppableKind, string> = { procedure: 'PROCEDURE', function: 'FUNCTION', view: 'VIEW', trigger: 'TRIGGER' };

/**
 * Drops a module if it exists: `DROP { PROCEDURE | FUNCTION | VIEW | TRIGGER } IF EXISTS [schema].[name]`
 * (docs: DROP PROCEDURE / FUNCTION / VIEW / TRIGGER — IF EXISTS since SQL Server 2016 (13.x)); a name
 * without schema is the dbo one, as the payload's one-part names are. A database DDL trigger (no
 * table) is `DROP TRIGGER IF EXISTS [name] ON DATABASE` (docs: DROP TRIGGER, DDL trigger syntax: no
 * schema). A module a schema-bound object still references is refused by the server (Msg 3729).
 */
export function dropModuleSql(kind: DroppableKind, parts: readonly string[], databaseTrigger = false): string {
  const name = parts[parts.length - 1] ?? '';
  if (kind === 'trigger' && databaseTrigger) return `DROP TRIGGER IF EXISTS ${quoteName(name)} ON DATABASE;`;
  const schema = parts.length >= 2 ? (parts[parts.length - 2] ?? 'dbo') : 'dbo';
  return `DROP ${DROP_WORDS[kind]} IF EXISTS ${quoteName(schema)}.${quoteName(name)};`;
}

/** Forgets a script whose file is gone (parameter @path): the next `up` does not look for it. */
export function forgetJournalSql(): string {
  return `DELETE FROM ${JOURNAL} WHERE [Path] = @path;`;
}

// ---------------------------------------------------------------------------------------------
// snapshot save / restore: named COPY_ONLY backups beside the golden one.

/**
 * The edition, to decide whether a backup may be compressed: "Backup compression is supported on SQL
 * Server editions: Enterprise, Standard, and Developer" (docs/relational-databases/backup-restore/
 * backup-compression-sql-server.md). SERVERPROPERTY('EngineEdition') is 2 for Standard, Web and
 * Business Intelligence, 3 for Evaluation, Developer and Enterprise, 4 for Express; 'Edition' names
 * it ('Web Edition', 'Express Edition', …) (docs/t-sql/functions/serverproperty-transact-sql.md).
 */
export function serverEditionSql(): string {
  return `SELECT CAST(SERVERPROPERTY('EngineEdition') AS int) AS engineEdition, CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition;`;
}

/** Whether BACKUP … WITH COMPRESSION is allowed: Enterprise/Developer/Evaluation (3), or Standard (2) but not Web. */
export function backupCompressionAllowed(engineEdition: number | undefined, edition: string | undefined): boolean {
  if (engineEdition === 3) return true;
  if (engineEdition === 2) return edition === undefined || !/^web/i.test(edition.trim());
  return false;
}

/** Msg 1844 "BACKUP DATABASE WITH COMPRESSION is not supported on <edition> Edition": the backup is taken again uncompressed. */
export const BACKUP_COMPRESSION_NOT_SUPPORTED = 1844;

/** Joins a server-side folder and a file name with the folder's own separator (Linux '/', Windows '\'). */
export function serverPath(dir: string, file: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator) ? `${dir}${file}` : `${dir}${separator}${file}`;
}

/** The backup set's name: RESTORE HEADERONLY shows which snapshot a file holds. */
export function snapshotBackupName(name: string): string {
  return `hart-dev snapshot ${name}`;
}

/**
 * A named snapshot's backup. NOTES: Temporal tables… — "BACKUP DATABASE … TO DISK = … WITH COPY_ONLY,
 * INIT, COMPRESSION" (COPY_ONLY: the database's own backup chain is not disturbed). FORMAT writes a
 * new media header so a file a stopped backup left unreadable is replaced (as goldenBackupSql); CHECKSUM
 * "verifies each page for checksum and torn page … and generate[s] a backup checksum for the entire
 * backup", which RESTORE … WITH CHECKSUM verifies again (docs/t-sql/statements/backup-transact-sql.md;
 * restore-statements-arguments-transact-sql.md: CHECKSUM "causes the restore operation to fail" when
 * the backup lacks checksums). NO_COMPRESSION where the edition has none (Express, Web: Msg 1844).
 * The folder is created by the server itself, guarded as in goldenBackupSql (Msg 22048 otherwise).
 */
export function snapshotBackupSql(database: string, dir: string, file: string, name: string, compress: boolean): string {
  return [
    `IF NOT EXISTS (SELECT 1 FROM sys.dm_os_file_exists(${nstring(dir)}) WHERE [file_is_a_directory] = 1)`,
    `  EXEC master.sys.xp_create_subdir ${nstring(dir)};`,
    `BACKUP DATABASE ${quoteName(database)} TO DISK = ${nstring(file)}`,
    `  WITH COPY_ONLY, FORMAT, INIT, CHECKSUM, ${compress ? 'COMPRESSION' : 'NO_COMPRESSION'}, NAME = ${nstring(snapshotBackupName(name))};`,
  ].join('\n');
}

/**
 * Size and SHA-256 of a backup file as the server reads it, so the manifest can name the bytes even
 * when the file is inside a container or on another machine: OPENROWSET(BULK …, SINGLE_BLOB) "returns
 * the contents of data_file as a single-row, single-column rowset of type varbinary(max)" and takes
 * the path only as a literal (docs/t-sql/functions/openrowset-bulk-transact-sql.md); HASHBYTES takes
 * input of any length since SQL Server 2016 ("For SQL Server 2014 (12.x) and earlier, allowed input
 * values are limited to 8000 bytes", docs/t-sql/functions/hashbytes-transact-sql.md).
 */
export function backupFileDigestSql(file: string): string {
  return [
    `SELECT DATALENGTH(f.[BulkColumn]) AS bytes, CONVERT(char(64), HASHBYTES('SHA2_256', f.[BulkColumn]), 2) AS sha256`,
    `FROM OPENROWSET(BULK ${nstring(file)}, SINGLE_BLOB) AS f;`,
  ].join('\n');
}

/**
 * The logical files of a backup, for WITH MOVE: RESTORE FILELISTONLY returns one row per file with
 * LogicalName, PhysicalName and Type (D data, L log, S FILESTREAM/In-Memory container)
 * (docs/t-sql/statements/restore-statements-filelistonly-transact-sql.md).
 */
export function backupFileListSql(file: string): string {
  return `RESTORE FILELISTONLY FROM DISK = ${nstring(file)};`;
}

/** Where a restored copy puts one file: beside the original, its name prefixed with the copy's database name. */
export interface FileMove {
  logicalName: string;
  physicalName: string;
}

/**
 * Restores a snapshot over the database, as restoreGoldenSql does (NOTES: Temporal tables… — after
 * SINGLE_USER, WITH REPLACE; a database that is not ONLINE is restored over directly), with CHECKSUM:
 * the backup's checksums are verified, and a damaged file stops the restore before the database is replaced.
 */
export function restoreSnapshotSql(database: string, file: string, online: boolean): string {
  const db = quoteName(database);
  return [
    ...(online ? [`ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`] : []),
    `RESTORE DATABASE ${db} FROM DISK = ${nstring(file)} WITH REPLACE, CHECKSUM;`,
    `ALTER DATABASE ${db} SET MULTI_USER;`,
  ].join('\n');
}

/**
 * Restores a snapshot as another database beside the main one (`snapshot restore NAME --as DB`): each
 * file moved to a new name — "If a RESTORE statement is used to relocate a database on the same server
 * or copy it to a different server, the MOVE option might be necessary to … avoid collisions with
 * existing files" — and NEW_BROKER, since the copy would otherwise carry the main database's broker
 * id (NOTES: Service Broker — 9772; NEW_BROKER "Specifies that the database be assigned a new Service
 * Broker identifier", restore-statements-arguments-transact-sql.md). REPLACE: an earlier copy of the
 * same name is replaced; the copy's users are ended first when it is ONLINE.
 */
export function restoreSnapshotCopySql(database: string, file: string, moves: readonly FileMove[], online: boolean): string {
  const db = quoteName(database);
  return [
    ...(online ? [`ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`] : []),
    `RESTORE DATABASE ${db} FROM DISK = ${nstring(file)}`,
    `  WITH ${moves.map((m) => `MOVE ${nstring(m.logicalName)} TO ${nstring(m.physicalName)}`).join(', ')},`,
    `  REPLACE, CHECKSUM, NEW_BROKER;`,
    `ALTER DATABASE ${db} SET MULTI_USER;`,
  ].join('\n');
}

/**
 * The user assemblies of a restored database with the SHA2_512 of their bytes, read from master so
 * the trusted list (server-level, NOTES: SQL CLR — "a fresh container has none, even after restoring
 * a database") can be completed with exactly what the snapshot holds. sys.assembly_files.content is
 * the assembly's bytes (file_id 1 is the assembly itself); HASHBYTES as in backupFileDigestSql.
 */
export function restoredAssembliesSql(database: string): string {
  const db = quoteName(database);
  return [
    `SELECT a.[name] AS name, CONVERT(char(128), HASHBYTES('SHA2_512', f.[content]), 2) AS sha512`,
    `FROM ${db}.sys.assemblies AS a JOIN ${db}.sys.assembly_files AS f ON f.[assembly_id] = a.[assembly_id] AND f.[file_id] = 1`,
    `WHERE a.[is_user_defined] = 1;`,
  ].join('\n');
}
