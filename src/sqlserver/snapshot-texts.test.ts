// Golden tests of the snapshot T-SQL texts (tsql-texts.ts); each names the documented fact it relies on.
import { describe, expect, it } from 'vitest';
import * as t from './tsql-texts.js';

describe('snapshot T-SQL texts (golden)', () => {
  it('the edition decides compression: Enterprise, Standard and Developer compress; Express (4) and Web (2) do not (backup-compression-sql-server.md; serverproperty-transact-sql.md — EngineEdition)', () => {
    expect(t.serverEditionSql()).toBe("SELECT CAST(SERVERPROPERTY('EngineEdition') AS int) AS engineEdition, CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition;");
    expect(t.backupCompressionAllowed(3, 'Developer Edition (64-bit)')).toBe(true);
    expect(t.backupCompressionAllowed(2, 'Standard Edition (64-bit)')).toBe(true);
    expect(t.backupCompressionAllowed(2, 'Web Edition (64-bit)')).toBe(false);
    expect(t.backupCompressionAllowed(4, 'Express Edition (64-bit)')).toBe(false);
    expect(t.backupCompressionAllowed(undefined, undefined)).toBe(false);
    expect(t.BACKUP_COMPRESSION_NOT_SUPPORTED).toBe(1844);
  });

  it('a snapshot backup is COPY_ONLY, FORMAT, INIT, CHECKSUM, compressed or not, in a folder the server creates when missing (NOTES: Temporal tables… — fast reset; backup-transact-sql.md — CHECKSUM, FORMAT; NOTES: xp_create_subdir)', () => {
    expect(t.snapshotBackupSql('Hartonomous', '/var/opt/mssql/backup/snapshots', '/var/opt/mssql/backup/snapshots/Hartonomous.before-demo.bak', 'before-demo', true)).toBe(
      [
        "IF NOT EXISTS (SELECT 1 FROM sys.dm_os_file_exists(N'/var/opt/mssql/backup/snapshots') WHERE [file_is_a_directory] = 1)",
        "  EXEC master.sys.xp_create_subdir N'/var/opt/mssql/backup/snapshots';",
        "BACKUP DATABASE [Hartonomous] TO DISK = N'/var/opt/mssql/backup/snapshots/Hartonomous.before-demo.bak'",
        "  WITH COPY_ONLY, FORMAT, INIT, CHECKSUM, COMPRESSION, NAME = N'hart-dev snapshot before-demo';",
      ].join('\n'),
    );
    expect(t.snapshotBackupSql('Hartonomous', '/b', '/b/x.bak', 'x', false).split('\n').at(-1)).toBe("  WITH COPY_ONLY, FORMAT, INIT, CHECKSUM, NO_COMPRESSION, NAME = N'hart-dev snapshot x';");
  });

  it('server paths keep the folder\'s own separator (Linux /, Windows \\)', () => {
    expect(t.serverPath('/var/opt/mssql/backup', 'a.bak')).toBe('/var/opt/mssql/backup/a.bak');
    expect(t.serverPath('/var/opt/mssql/backup/', 'a.bak')).toBe('/var/opt/mssql/backup/a.bak');
    expect(t.serverPath('D:\\Backups', 'a.bak')).toBe('D:\\Backups\\a.bak');
  });

  it('the file is measured and hashed by the server: OPENROWSET(BULK, SINGLE_BLOB) as one varbinary(max), HASHBYTES of any length since 2016 (openrowset-bulk-transact-sql.md; hashbytes-transact-sql.md)', () => {
    expect(t.backupFileDigestSql("/b/it's.bak")).toBe(
      [
        "SELECT DATALENGTH(f.[BulkColumn]) AS bytes, CONVERT(char(64), HASHBYTES('SHA2_256', f.[BulkColumn]), 2) AS sha256",
        "FROM OPENROWSET(BULK N'/b/it''s.bak', SINGLE_BLOB) AS f;",
      ].join('\n'),
    );
    expect(t.backupFileListSql('/b/x.bak')).toBe("RESTORE FILELISTONLY FROM DISK = N'/b/x.bak';");
  });

  it('a restore over the database is the golden reset\'s, with CHECKSUM; one left RESTORING is restored over without SINGLE_USER (NOTES: Temporal tables…; Name resolution… — a database left RESTORING; restore-statements-arguments-transact-sql.md — CHECKSUM)', () => {
    expect(t.restoreSnapshotSql('Hartonomous', '/b/x.bak', true)).toBe(
      [
        'ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;',
        "RESTORE DATABASE [Hartonomous] FROM DISK = N'/b/x.bak' WITH REPLACE, CHECKSUM;",
        'ALTER DATABASE [Hartonomous] SET MULTI_USER;',
      ].join('\n'),
    );
    expect(t.restoreSnapshotSql('Hartonomous', '/b/x.bak', false)).not.toContain('SINGLE_USER');
  });

  it('a copy beside the main database moves every file and gets a new broker id (restore-statements-arguments-transact-sql.md — MOVE, NEW_BROKER; NOTES: Service Broker — 9772)', () => {
    const moves = [
      { logicalName: 'Hartonomous', physicalName: '/var/opt/mssql/data/Hartonomous_test1_Hartonomous.mdf' },
      { logicalName: 'Hartonomous_log', physicalName: '/var/opt/mssql/data/Hartonomous_test1_Hartonomous_log.ldf' },
    ];
    expect(t.restoreSnapshotCopySql('Hartonomous_test1', '/b/x.bak', moves, false)).toBe(
      [
        "RESTORE DATABASE [Hartonomous_test1] FROM DISK = N'/b/x.bak'",
        "  WITH MOVE N'Hartonomous' TO N'/var/opt/mssql/data/Hartonomous_test1_Hartonomous.mdf', MOVE N'Hartonomous_log' TO N'/var/opt/mssql/data/Hartonomous_test1_Hartonomous_log.ldf',",
        '  REPLACE, CHECKSUM, NEW_BROKER;',
        'ALTER DATABASE [Hartonomous_test1] SET MULTI_USER;',
      ].join('\n'),
    );
    expect(t.restoreSnapshotCopySql('Hartonomous_test1', '/b/x.bak', moves, true).split('\n')[0]).toBe('ALTER DATABASE [Hartonomous_test1] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;');
  });

  it('the restored database\'s own assemblies give the hashes to trust (NOTES: SQL CLR — the trusted list is server-level)', () => {
    expect(t.restoredAssembliesSql('Hartonomous')).toBe(
      [
        "SELECT a.[name] AS name, CONVERT(char(128), HASHBYTES('SHA2_512', f.[content]), 2) AS sha512",
        'FROM [Hartonomous].sys.assemblies AS a JOIN [Hartonomous].sys.assembly_files AS f ON f.[assembly_id] = a.[assembly_id] AND f.[file_id] = 1',
        'WHERE a.[is_user_defined] = 1;',
      ].join('\n'),
    );
  });
});
