// Golden tests of every T-SQL text the kit generates. Each names the SQLSERVER-NOTES.md fact it relies on.
import { describe, expect, it } from 'vitest';
import * as t from './tsql-texts.js';

describe('T-SQL texts (golden)', () => {
  it('journal table in its own schema; CREATE SCHEMA through EXEC since it must be alone in its batch (NOTES: Scripts)', () => {
    expect(t.ensureJournalSql()).toBe(
      [
        "IF SCHEMA_ID(N'hartdev') IS NULL EXEC(N'CREATE SCHEMA [hartdev] AUTHORIZATION [dbo]');",
        "IF OBJECT_ID(N'[hartdev].[Journal]', N'U') IS NULL",
        'CREATE TABLE [hartdev].[Journal] (',
        '  [Path] nvarchar(400) NOT NULL CONSTRAINT [PK_hartdev_Journal] PRIMARY KEY,',
        '  [Kind] nvarchar(20) NOT NULL,',
        '  [Hash] varchar(128) NOT NULL,',
        '  [AppliedAt] datetime2(3) NOT NULL,',
        '  [DurationMs] int NOT NULL,',
        '  [KitVersion] nvarchar(32) NOT NULL',
        ');',
      ].join('\n'),
    );
  });

  it('journal record is parameterised through sp_executesql (NOTES: The mssql package)', () => {
    expect(t.recordJournalSql()).toBe(
      [
        'UPDATE [hartdev].[Journal] SET [Kind] = @kind, [Hash] = @hash, [AppliedAt] = SYSUTCDATETIME(), [DurationMs] = @durationMs, [KitVersion] = @kitVersion WHERE [Path] = @path;',
        'IF @@ROWCOUNT = 0',
        '  INSERT INTO [hartdev].[Journal] ([Path], [Kind], [Hash], [AppliedAt], [DurationMs], [KitVersion])',
        '  VALUES (@path, @kind, @hash, SYSUTCDATETIME(), @durationMs, @kitVersion);',
      ].join('\n'),
    );
    expect(t.readJournalSql()).toBe('SELECT [Path] AS path, [Kind] AS kind, [Hash] AS hash, [AppliedAt] AS appliedAt, [DurationMs] AS durationMs, [KitVersion] AS kitVersion FROM [hartdev].[Journal];');
  });

  it('status query reads is_broker_enabled and the journal through dynamic SQL from master (NOTES: Service Broker)', () => {
    expect(t.databaseStatusSql('Hartonomous')).toBe(
      [
        'DECLARE @journal nvarchar(max) = NULL;',
        "IF DB_ID(@db) IS NOT NULL AND HAS_DBACCESS(@db) = 1 AND OBJECT_ID(N'[Hartonomous].[hartdev].[Journal]', N'U') IS NOT NULL",
        "  EXEC sys.sp_executesql N'SET @j = ISNULL((SELECT [Path] AS path, [Kind] AS kind, [Hash] AS hash, [DurationMs] AS durationMs, [KitVersion] AS kitVersion FROM [Hartonomous].[hartdev].[Journal] FOR JSON PATH), N''[]'');', N'@j nvarchar(max) OUTPUT', @j = @journal OUTPUT;",
        'SELECT d.[name] AS name, d.[collation_name] AS collation, d.[recovery_model_desc] AS recovery,',
        '  d.[is_read_committed_snapshot_on] AS readCommittedSnapshot, d.[is_broker_enabled] AS brokerEnabled,',
        '  d.[state_desc] AS state, d.[user_access_desc] AS userAccess, @journal AS journal',
        'FROM sys.databases AS d WHERE d.[name] = @db;',
      ].join('\n'),
    );
  });

  it('database creation with the configured collation, autocommit statements (NOTES: SQL Server 2022 in a Linux container — MSSQL_COLLATION; Temporal tables… — autocommit)', () => {
    expect(t.createDatabaseSql('Hartonomous', 'Latin1_General_100_CI_AS_SC_UTF8')).toBe('CREATE DATABASE [Hartonomous] COLLATE Latin1_General_100_CI_AS_SC_UTF8;');
    expect(() => t.createDatabaseSql('Hartonomous', "x; DROP DATABASE master --")).toThrow('is not a collation name');
    expect(t.setSimpleRecoverySql('Hartonomous')).toBe('ALTER DATABASE [Hartonomous] SET RECOVERY SIMPLE;');
    expect(t.setReadCommittedSnapshotSql('Hartonomous')).toBe('ALTER DATABASE [Hartonomous] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;');
  });

  it('Service Broker: SINGLE_USER → ENABLE_BROKER → MULTI_USER in one batch; 9772 → NEW_BROKER (NOTES: Service Broker)', () => {
    expect(t.enableBrokerSql('Hartonomous')).toBe(
      'ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nALTER DATABASE [Hartonomous] SET ENABLE_BROKER;\nALTER DATABASE [Hartonomous] SET MULTI_USER;',
    );
    expect(t.newBrokerSql('Hartonomous')).toBe(
      'ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nALTER DATABASE [Hartonomous] SET NEW_BROKER;\nALTER DATABASE [Hartonomous] SET MULTI_USER;',
    );
    expect(t.SERVICE_BROKER_DUPLICATE_ID).toBe(9772);
    expect(t.multiUserSql('Hartonomous')).toBe('ALTER DATABASE [Hartonomous] SET MULTI_USER;');
  });

  it('FILESTREAM only where the host is Windows (NOTES: SQL Server 2022 in a Linux container — not available on Linux)', () => {
    expect(t.hostPlatformSql()).toBe("SELECT host_platform AS platform, CAST(SERVERPROPERTY('FilestreamEffectiveLevel') AS int) AS filestreamLevel FROM sys.dm_os_host_info;");
    expect(t.enableFilestreamSql('Hartonomous')).toBe(
      [
        "EXEC sys.sp_configure N'filestream access level', 2;",
        'RECONFIGURE;',
        "IF NOT EXISTS (SELECT 1 FROM [Hartonomous].sys.filegroups WHERE [type] = 'FD')",
        'BEGIN',
        "  DECLARE @dir nvarchar(400) = CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(400)) + N'Hartonomous_filestream';",
        "  DECLARE @sql nvarchar(max) = N'ALTER DATABASE [Hartonomous] ADD FILE (NAME = N''Hartonomous_filestream'', FILENAME = N''' + REPLACE(@dir, N'''', N'''''') + N''') TO FILEGROUP [FileStreamGroup];';",
        "  EXEC(N'ALTER DATABASE [Hartonomous] ADD FILEGROUP [FileStreamGroup] CONTAINS FILESTREAM;');",
        '  EXEC(@sql);',
        'END',
      ].join('\n'),
    );
  });

  it('drop in one batch after SINGLE_USER (NOTES: Temporal tables, dropping, resetting)', () => {
    expect(t.dropDatabaseSql('Hartonomous')).toBe('ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nDROP DATABASE [Hartonomous];');
  });

  it('a database that is not ONLINE (left RESTORING) is dropped or restored over without SET SINGLE_USER: ALTER DATABASE is Msg 5052 there, DROP works in any state, RESTORE WITH REPLACE directly (NOTES: Name resolution… — a database left RESTORING; drop-database-transact-sql.md)', () => {
    expect(t.dropDatabaseSql('Hartonomous', false)).toBe('DROP DATABASE [Hartonomous];');
    expect(t.restoreGoldenSql('Hartonomous', false)).toBe(
      "RESTORE DATABASE [Hartonomous] FROM DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak' WITH REPLACE;\nALTER DATABASE [Hartonomous] SET MULTI_USER;",
    );
    expect(t.DATABASE_ONLINE).toBe('ONLINE');
  });

  it('golden backup COPY_ONLY, INIT, COMPRESSION inside the volume; RESTORE WITH REPLACE after SINGLE_USER (NOTES: Temporal tables… — fast reset)', () => {
    expect(t.goldenBackupSql('Hartonomous', 'abc123')).toBe(
      [
        "IF NOT EXISTS (SELECT 1 FROM sys.dm_os_file_exists(N'/var/opt/mssql/backup') WHERE [file_is_a_directory] = 1)",
        "  EXEC master.sys.xp_create_subdir N'/var/opt/mssql/backup';",
        "BACKUP DATABASE [Hartonomous] TO DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak'",
        "  WITH FORMAT, COPY_ONLY, INIT, COMPRESSION, NAME = N'hart-dev golden abc123';",
      ].join('\n'),
    );
    expect(t.goldenHeaderSql('Hartonomous')).toBe("RESTORE HEADERONLY FROM DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak';");
    expect(t.restoreGoldenSql('Hartonomous', true)).toBe(
      [
        'ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;',
        "RESTORE DATABASE [Hartonomous] FROM DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak' WITH REPLACE;",
        'ALTER DATABASE [Hartonomous] SET MULTI_USER;',
      ].join('\n'),
    );
    expect(t.restoreGoldenSql('Hartonomous', false)).not.toContain('SINGLE_USER');
  });

  it('the backup folder is created only when sys.dm_os_file_exists finds no directory there: xp_create_subdir on Linux raises Msg 22048 when it exists (NOTES: Name resolution… — xp_create_subdir)', () => {
    const [guard, create, backup] = t.goldenBackupSql('Hartonomous', 'abc123').split('\n');
    expect(guard).toBe("IF NOT EXISTS (SELECT 1 FROM sys.dm_os_file_exists(N'/var/opt/mssql/backup') WHERE [file_is_a_directory] = 1)");
    expect(create).toBe("  EXEC master.sys.xp_create_subdir N'/var/opt/mssql/backup';");
    // The BACKUP runs whatever the guard decided: it is not part of the IF.
    expect(backup).toMatch(/^BACKUP DATABASE /);
  });

  it('the golden backup writes a new media header (FORMAT), so it replaces a file a stopped backup left unreadable; INIT alone terminates on an invalid media header (NOTES: Temporal tables… — fast reset; backup-transact-sql.md — INIT, FORMAT)', () => {
    expect(t.goldenBackupSql('Hartonomous', 'abc123').split('\n').at(-1)).toBe("  WITH FORMAT, COPY_ONLY, INIT, COMPRESSION, NAME = N'hart-dev golden abc123';");
    // Express and Web have no backup compression (docs: Backup compression — supported on Enterprise, Standard and Developer; Msg 1844).
    expect(t.goldenBackupSql('Hartonomous', 'abc123', false).split('\n').at(-1)).toBe("  WITH FORMAT, COPY_ONLY, INIT, NO_COMPRESSION, NAME = N'hart-dev golden abc123';");
    expect(t.UNREADABLE_BACKUP_ERRORS).toEqual([3241, 3203, 3013]);
  });

  it('after a refused login into the database, master reads its state and user access: 4060 reaches the client as 18456 (NOTES: Name resolution… — tedious keeps only the last login error)', () => {
    expect(t.databaseAccessSql()).toBe('SELECT d.[state_desc] AS state, d.[user_access_desc] AS userAccess FROM sys.databases AS d WHERE d.[name] = @db;');
  });

  it('trusted assembly re-check is guarded by sys.trusted_assemblies (NOTES: SQL CLR — clr strict security)', () => {
    const hash = 'ab'.repeat(64);
    expect(t.ensureTrustedAssemblySql(hash, 'Hartonomous.Clr')).toBe(
      [`IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = 0x${hash})`, `  EXEC sys.sp_add_trusted_assembly @hash = 0x${hash}, @description = N'Hartonomous.Clr';`].join('\n'),
    );
    expect(() => t.ensureTrustedAssemblySql("00'; DROP", 'x')).toThrow('SHA2_512');
  });

  it('verify texts: catalog listing, CLR cosine on float32 VARBINARY, counts (NOTES: Embeddings on SQL Server; SQL CLR — bindings)', () => {
    expect(t.cosineSelfSql()).toBe('SELECT dbo.clr_CosineSimilarity(@v, @v) AS similarity;');
    expect(t.countRowsSql('dbo', 'Atoms')).toBe('SELECT COUNT_BIG(*) AS n FROM [dbo].[Atoms];');
    expect(t.listObjectsSql()).toBe(
      'SELECT s.[name] AS [schema], o.[name] AS name, RTRIM(o.[type]) AS type\nFROM sys.objects AS o JOIN sys.schemas AS s ON s.[schema_id] = o.[schema_id]\nWHERE o.[is_ms_shipped] = 0;',
    );
    expect(t.findNearestSql()).toBe('EXEC dbo.sp_FindNearestAtoms @TenantId = @tenantId, @QueryVector = @v, @ModelName = @model, @TopK = 1;');
    expect(t.seedCountsSql()).toContain('WHERE a.[TenantId] = @tenantId AND e.[ModelName] = @model) AS embeddings;');
    expect(t.procedureExistsSql()).toBe("SELECT OBJECT_ID(@name, N'P') AS id;");
  });

  it('quotes identifiers and strings the way QUOTENAME and N-literals do', () => {
    expect(t.quoteName('a]b')).toBe('[a]]b]');
    expect(t.nstring("O'Brien")).toBe("N'O''Brien'");
  });

  it('watch drops a module with DROP … IF EXISTS (docs: DROP PROCEDURE/FUNCTION/VIEW/TRIGGER, IF EXISTS since SQL Server 2016); a one-part name is the dbo one; a DDL trigger is ON DATABASE without schema (docs: DROP TRIGGER)', () => {
    expect(t.dropModuleSql('procedure', ['dbo', 'usp_A'])).toBe('DROP PROCEDURE IF EXISTS [dbo].[usp_A];');
    expect(t.dropModuleSql('function', ['fn]x'])).toBe('DROP FUNCTION IF EXISTS [dbo].[fn]]x];');
    expect(t.dropModuleSql('view', ['rpt', 'v'])).toBe('DROP VIEW IF EXISTS [rpt].[v];');
    expect(t.dropModuleSql('trigger', ['dbo', 'trg'])).toBe('DROP TRIGGER IF EXISTS [dbo].[trg];');
    expect(t.dropModuleSql('trigger', ['ddl_audit'], true)).toBe('DROP TRIGGER IF EXISTS [ddl_audit] ON DATABASE;');
  });

  it('watch forgets the journal row of a removed script, parameterised (NOTES: The mssql package)', () => {
    expect(t.forgetJournalSql()).toBe('DELETE FROM [hartdev].[Journal] WHERE [Path] = @path;');
  });
});
