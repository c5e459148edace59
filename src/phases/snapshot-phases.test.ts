// snapshot save / restore phases of the SQL Server part against the recording fake session (SQL
// Server cannot run here), with the manifest they write and read.
import { describe, expect, it } from 'vitest';
import { fakeDeploy, fakePlan, fakeScript, outcomes } from '../../test/support/fake-deploy-fixture.js';
import { readManifest } from '../snapshot/manifest.js';
import { createSnapshotSqlRestorePhase } from './snapshot-restore.js';
import { createSnapshotRecordPhase, createSnapshotSqlSavePhase } from './snapshot-save.js';

const SHA = '12'.repeat(32);
const fn = fakeScript('programmability/functions/fn_A.sql', 'anytime', 'CREATE OR ALTER FUNCTION dbo.fn_A() RETURNS int AS BEGIN RETURN 1 END;');
const changed = fakeScript('programmability/functions/fn_A.sql', 'anytime', 'CREATE OR ALTER FUNCTION dbo.fn_A() RETURNS int AS BEGIN RETURN 2 END;');

function seededFixture() {
  const fixture = fakeDeploy(fakePlan({ programmability: [fn] }));
  fixture.db.exists = true;
  fixture.db.brokerEnabled = true;
  fixture.db.journalTable = true;
  fixture.db.journal.set(fn.path, { path: fn.path, kind: 'anytime', hash: fn.hash });
  fixture.db.journal.set('@verify', { path: '@verify', kind: 'verify', hash: 'fp-9' });
  fixture.server.on(/SERVERPROPERTY\('EngineEdition'\)/, [{ engineEdition: 3, edition: 'Developer Edition (64-bit)' }]);
  fixture.server.on(/OPENROWSET\(BULK/, [{ bytes: 2_500_000, sha256: SHA }]);
  return fixture;
}

describe('snapshot phases against a recording fake session', () => {
  it('save writes the backup into the container folder and records the manifest entry only after it', async () => {
    const fixture = seededFixture();
    const ctx = fixture.newContext();
    ctx.state.snapshot = { name: 'demo', message: 'before the demo' };
    const save = createSnapshotSqlSavePhase(fixture.deps);
    const result = await fixture.run([save, createSnapshotRecordPhase([save.id], '9.9.9')], { ctx });
    expect(result.status).toBe('success');
    expect(outcomes(result.events)).toEqual([
      'sqlserver: done',
      'snapshot-sql: done (Database Hartonomous saved to /var/opt/mssql/backup/snapshots/Hartonomous.demo.bak (2.4 MB, compressed))',
      'snapshot-record: done (Snapshot demo saved (database); restore it with hart-dev snapshot restore demo)',
    ]);
    const [entry] = readManifest(ctx.config.stateDir).snapshots;
    expect(entry).toMatchObject({
      name: 'demo',
      message: 'before the demo',
      kitVersion: '9.9.9',
      sql: { database: 'Hartonomous', file: '/var/opt/mssql/backup/snapshots/Hartonomous.demo.bak', bytes: 2_500_000, sha256: SHA, compressed: true, fingerprint: 'fp-9', scripts: 1 },
    });
    expect(entry?.graph).toBeUndefined();
  });

  it('a failed backup records nothing', async () => {
    const fixture = seededFixture();
    fixture.server.on(/BACKUP DATABASE/, new Error('disk full'));
    const ctx = fixture.newContext();
    ctx.state.snapshot = { name: 'demo' };
    const save = createSnapshotSqlSavePhase(fixture.deps);
    const result = await fixture.run([save, createSnapshotRecordPhase([save.id])], { ctx });
    expect(result.status).toBe('failed');
    expect(readManifest(ctx.config.stateDir).snapshots).toEqual([]);
  });

  it('restore --as gives a copy and says how to connect; a payload changed since the snapshot is counted', async () => {
    const fixture = seededFixture();
    fixture.db.backup = { name: 'hart-dev snapshot demo', journal: new Map(fixture.db.journal) };
    fixture.server.on(/^RESTORE FILELISTONLY/, [{ LogicalName: 'Hartonomous', PhysicalName: '/var/opt/mssql/data/Hartonomous.mdf', Type: 'D' }]);
    fixture.plan = fakePlan({ programmability: [changed, fakeScript('programmability/functions/fn_B.sql', 'anytime', 'SELECT 1;')] });
    const ctx = fixture.newContext();
    const entry = { name: 'demo', createdAt: '2026-12-04T19:00:00.000Z', kitVersion: '9.9.9', sql: { database: 'Hartonomous', file: '/b/Hartonomous.demo.bak', bytes: 1, sha256: SHA, compressed: true, fingerprint: 'fp-9', scripts: 1 } };
    ctx.state.snapshot = { name: 'demo', entry, copyAs: 'Hartonomous_it1' };
    const result = await fixture.run([createSnapshotSqlRestorePhase(fixture.deps)], { ctx });
    expect(outcomes(result.events)).toContain(
      'snapshot-sql-restore: done (Database Hartonomous_it1 restored from snapshot demo (saved from Hartonomous); 2 scripts of the payload differ from it: hart-dev up will re-apply them; connect with hart-dev status -o env --database Hartonomous_it1)',
    );
    expect(fixture.server.batches().find((b) => b.startsWith('RESTORE DATABASE') || b.includes('\nRESTORE DATABASE'))).toContain('NEW_BROKER');
  });

  it('restore of a snapshot without a database part skips, saying so', async () => {
    const fixture = seededFixture();
    const ctx = fixture.newContext();
    ctx.state.snapshot = { name: 'g', entry: { name: 'g', createdAt: '2026-12-04T19:00:00.000Z', kitVersion: '9.9.9' } };
    const result = await fixture.run([createSnapshotSqlRestorePhase(fixture.deps)], { ctx });
    expect(outcomes(result.events)).toContain('snapshot-sql-restore: skipped (Snapshot g holds no database)');
    expect(fixture.server.batches()).toEqual([]);
  });
});
