import { describe, expect, it } from 'vitest';
import { RecordingFakeServer, fakeSqlError } from '../../test/support/recording-fake-session.js';
import { ensureGoldenBackup } from './golden-backup.js';

describe('golden backup (recording fake session: SQL Server cannot run here)', () => {
  it('an edition without backup compression (Msg 1844, Express or Web) gets the same backup without COMPRESSION', async () => {
    const server = new RecordingFakeServer();
    server.on(/^RESTORE HEADERONLY/, fakeSqlError(3201, 'Cannot open backup device.'));
    server.on(/, COMPRESSION,/, fakeSqlError(1844, 'BACKUP DATABASE WITH COMPRESSION is not supported on Express Edition (64-bit).'));
    expect(await ensureGoldenBackup(server.open('master'), 'Hartonomous', 'abc', new AbortController().signal)).toBe(true);
    const backups = server.batches().filter((b) => b.includes('BACKUP DATABASE'));
    expect(backups.map((b) => b.split('\n').at(-1))).toEqual([
      "  WITH FORMAT, COPY_ONLY, INIT, COMPRESSION, NAME = N'hart-dev golden abc';",
      "  WITH FORMAT, COPY_ONLY, INIT, NO_COMPRESSION, NAME = N'hart-dev golden abc';",
    ]);
  });

  it('any other backup error is reported, with no second try', async () => {
    const server = new RecordingFakeServer();
    server.on(/^RESTORE HEADERONLY/, fakeSqlError(3201, 'Cannot open backup device.'));
    server.on(/BACKUP DATABASE/, fakeSqlError(3202, 'Write on "/var/opt/mssql/backup/hart-dev/Hartonomous.bak" failed: 112(There is not enough space on the disk.)'));
    await expect(ensureGoldenBackup(server.open('master'), 'Hartonomous', 'abc', new AbortController().signal)).rejects.toMatchObject({ hint: expect.stringContaining('free disk space') });
    expect(server.batches().filter((b) => b.includes('BACKUP DATABASE'))).toHaveLength(1);
  });
});
