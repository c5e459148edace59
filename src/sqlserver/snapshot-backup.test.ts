// The SQL part of snapshots against the recording fake session (SQL Server cannot run here): the
// texts sent, in order, and what the code does with the answers.
import { describe, expect, it } from 'vitest';
import { RecordingFakeServer, SimulatedDatabase, fakeSqlError } from '../../test/support/recording-fake-session.js';
import type { PhaseReporter } from '../engine/phase.js';
import { Journal } from './journal.js';
import { copyFileMoves, restoreSqlSnapshot, saveSqlSnapshot, scriptsToReapply, snapshotBackupFile } from './snapshot-backup.js';

const signal = new AbortController().signal;
const SHA = 'ab'.repeat(32);
const ASSEMBLY_SHA = 'CD'.repeat(64);
const FILE = '/var/opt/mssql/backup/snapshots/Hartonomous.demo.bak';

function recorder(): { report: PhaseReporter; lines: string[] } {
  const lines: string[] = [];
  return { lines, report: { progress: () => undefined, status: (m) => lines.push(m), log: (l) => lines.push(l) } };
}

function seeded(server: RecordingFakeServer): SimulatedDatabase {
  const db = new SimulatedDatabase(server, 'Hartonomous');
  db.exists = true;
  db.brokerEnabled = true;
  db.journalTable = true;
  db.journal.set('migrations/001.sql', { path: 'migrations/001.sql', kind: 'run-once', hash: 'h1' });
  db.journal.set('programmability/f.sql', { path: 'programmability/f.sql', kind: 'anytime', hash: 'h2' });
  db.journal.set('@verify', { path: '@verify', kind: 'verify', hash: 'fp-1' });
  server.on(/SERVERPROPERTY\('EngineEdition'\)/, [{ engineEdition: 3, edition: 'Developer Edition (64-bit)' }]);
  server.on(/OPENROWSET\(BULK/, [{ bytes: 4096, sha256: SHA.toUpperCase() }]);
  return db;
}

describe('SQL snapshots through the recording fake session', () => {
  it('save: reads the state, takes a compressed COPY_ONLY backup on Developer, hashes the file on the server and keeps the journal fingerprint', async () => {
    const server = new RecordingFakeServer();
    seeded(server);
    const saved = await saveSqlSnapshot(server.open('master'), { database: 'Hartonomous', dir: '/var/opt/mssql/backup/snapshots', name: 'demo', signal });
    expect(saved).toEqual({ database: 'Hartonomous', file: FILE, bytes: 4096, sha256: SHA, compressed: true, fingerprint: 'fp-1', scripts: 2 });
    const backup = server.batches().find((b) => b.includes('BACKUP DATABASE'));
    expect(backup).toContain("WITH COPY_ONLY, FORMAT, INIT, CHECKSUM, COMPRESSION, NAME = N'hart-dev snapshot demo';");
    expect(server.queries().at(-1)).toContain(`OPENROWSET(BULK N'${FILE}', SINGLE_BLOB)`);
  });

  it('save on Express writes NO_COMPRESSION; a server that still refuses compression (Msg 1844) gets the backup again uncompressed', async () => {
    const express = new RecordingFakeServer();
    seeded(express);
    express.on(/SERVERPROPERTY\('EngineEdition'\)/, [{ engineEdition: 4, edition: 'Express Edition (64-bit)' }]);
    expect((await saveSqlSnapshot(express.open('master'), { database: 'Hartonomous', dir: '/b', name: 'x', signal })).compressed).toBe(false);
    expect(express.batches().find((b) => b.includes('BACKUP'))).toContain('NO_COMPRESSION');

    const refusing = new RecordingFakeServer();
    seeded(refusing);
    refusing.on(/, COMPRESSION, NAME/, fakeSqlError(1844, 'BACKUP DATABASE WITH COMPRESSION is not supported on Web Edition (64-bit).'), 1);
    const { report, lines } = recorder();
    const saved = await saveSqlSnapshot(refusing.open('master'), { database: 'Hartonomous', dir: '/b', name: 'x', signal, report });
    expect(saved.compressed).toBe(false);
    expect(refusing.batches().filter((b) => b.includes('BACKUP')).map((b) => /, (NO_)?COMPRESSION,/.exec(b)?.[0])).toEqual([', COMPRESSION,', ', NO_COMPRESSION,']);
    expect(lines).toContain('SQL Server compresses no backups in this edition: /b/Hartonomous.x.bak is written uncompressed');
  });

  it('save of a missing database says to run up first and sends no backup', async () => {
    const server = new RecordingFakeServer();
    new SimulatedDatabase(server, 'Hartonomous');
    await expect(saveSqlSnapshot(server.open('master'), { database: 'Hartonomous', dir: '/b', name: 'x', signal })).rejects.toMatchObject({ message: 'Database Hartonomous does not exist: there is nothing to save', code: 'snapshot-no-database' });
    expect(server.batches()).toEqual([]);
  });

  it('restore: checks the file hash, restores over the database WITH REPLACE, CHECKSUM after SINGLE_USER, re-enables the broker and trusts the restored assembly', async () => {
    const server = new RecordingFakeServer();
    const db = seeded(server);
    db.backup = { name: 'hart-dev snapshot demo', journal: new Map(db.journal) };
    server.on(/sys\.assemblies AS a/, [{ name: 'Hartonomous.Clr', sha512: ASSEMBLY_SHA }]);
    const { report } = recorder();
    const restored = await restoreSqlSnapshot(server.open('master'), { database: 'Hartonomous', file: FILE, sha256: SHA, copy: false, signal, report });
    expect(restored.assemblies).toBe(1);
    expect([...restored.journal.entries.keys()]).toEqual(['migrations/001.sql', 'programmability/f.sql', '@verify']);
    expect(server.batches()).toEqual([
      ['ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;', `RESTORE DATABASE [Hartonomous] FROM DISK = N'${FILE}' WITH REPLACE, CHECKSUM;`, 'ALTER DATABASE [Hartonomous] SET MULTI_USER;'].join('\n'),
      'ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nALTER DATABASE [Hartonomous] SET ENABLE_BROKER;\nALTER DATABASE [Hartonomous] SET MULTI_USER;',
      `IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = 0x${ASSEMBLY_SHA.toLowerCase()})\n  EXEC sys.sp_add_trusted_assembly @hash = 0x${ASSEMBLY_SHA.toLowerCase()}, @description = N'Hartonomous.Clr';`,
    ]);
  });

  it('restore over a database left RESTORING sends no ALTER DATABASE before the RESTORE', async () => {
    const server = new RecordingFakeServer();
    const db = seeded(server);
    db.backup = { name: 'hart-dev snapshot demo', journal: new Map(db.journal) };
    db.state = 'RESTORING';
    const { report, lines } = recorder();
    await restoreSqlSnapshot(server.open('master'), { database: 'Hartonomous', file: FILE, sha256: SHA, copy: false, signal, report });
    expect(server.batches()[0]).toBe(`RESTORE DATABASE [Hartonomous] FROM DISK = N'${FILE}' WITH REPLACE, CHECKSUM;\nALTER DATABASE [Hartonomous] SET MULTI_USER;`);
    expect(lines).toContain('Database Hartonomous is RESTORING: replaced without SET SINGLE_USER');
  });

  it('restore refuses a file whose SHA-256 changed, and names a missing file, before anything is replaced', async () => {
    const changed = new RecordingFakeServer();
    seeded(changed);
    await expect(restoreSqlSnapshot(changed.open('master'), { database: 'Hartonomous', file: FILE, sha256: 'ff'.repeat(32), copy: false, signal, report: recorder().report })).rejects.toMatchObject({ code: 'snapshot-file-changed' });
    expect(changed.batches()).toEqual([]);

    const missing = new RecordingFakeServer();
    seeded(missing);
    missing.on(/OPENROWSET\(BULK/, fakeSqlError(4860, `Cannot bulk load. The file "${FILE}" does not exist or you don't have file access rights.`));
    await expect(restoreSqlSnapshot(missing.open('master'), { database: 'Hartonomous', file: FILE, sha256: SHA, copy: false, signal, report: recorder().report })).rejects.toMatchObject({ message: `The snapshot's backup file ${FILE} is gone`, code: 'snapshot-file-missing' });
    expect(missing.batches()).toEqual([]);
  });

  it('restore --as: the files listed by FILELISTONLY are moved beside the originals, and the copy gets NEW_BROKER', async () => {
    const server = new RecordingFakeServer();
    const db = seeded(server);
    db.backup = { name: 'hart-dev snapshot demo', journal: new Map(db.journal) };
    server.on(/^RESTORE FILELISTONLY/, [
      { LogicalName: 'Hartonomous', PhysicalName: '/var/opt/mssql/data/Hartonomous.mdf', Type: 'D' },
      { LogicalName: 'Hartonomous_log', PhysicalName: '/var/opt/mssql/data/Hartonomous_log.ldf', Type: 'L' },
    ]);
    // The copy does not exist yet: no users to end before the RESTORE.
    server.on(/FROM sys\.databases AS d WHERE d\.\[name\] = @db/, [], 1);
    await restoreSqlSnapshot(server.open('master'), { database: 'Hartonomous_it1', file: FILE, sha256: SHA, copy: true, signal, report: recorder().report });
    expect(server.batches()[0]).toBe(
      [
        `RESTORE DATABASE [Hartonomous_it1] FROM DISK = N'${FILE}'`,
        "  WITH MOVE N'Hartonomous' TO N'/var/opt/mssql/data/Hartonomous_it1_Hartonomous.mdf', MOVE N'Hartonomous_log' TO N'/var/opt/mssql/data/Hartonomous_it1_Hartonomous_log.ldf',",
        '  REPLACE, CHECKSUM, NEW_BROKER;',
        'ALTER DATABASE [Hartonomous_it1] SET MULTI_USER;',
      ].join('\n'),
    );
  });

  it('file moves keep Windows folders and extensions', () => {
    expect(copyFileMoves([{ LogicalName: 'Data', PhysicalName: 'D:\\Data\\Hart.mdf' }, { LogicalName: 'Log', PhysicalName: 'noext' }], 'Copy')).toEqual([
      { logicalName: 'Data', physicalName: 'D:\\Data\\Copy_Data.mdf' },
      { logicalName: 'Log', physicalName: 'Copy_Log' },
    ]);
    expect(snapshotBackupFile('D:\\Backups', 'Hart', 'x')).toBe('D:\\Backups\\Hart.x.bak');
  });

  it('counts the payload scripts up would apply to the restored journal: new and changed, not unchanged', () => {
    const journal = new Journal([{ path: 'a.sql', kind: 'anytime', hash: '1' }, { path: 'b.sql', kind: 'run-once', hash: '2' }]);
    const scripts = [
      { path: 'a.sql', kind: 'anytime' as const, hash: '1' },
      { path: 'b.sql', kind: 'run-once' as const, hash: 'changed' },
      { path: 'c.sql', kind: 'anytime' as const, hash: '3' },
      { path: 'd.sql', kind: 'every-time' as const, hash: '4' },
    ];
    expect(scriptsToReapply(scripts, journal)).toBe(2);
  });
});
