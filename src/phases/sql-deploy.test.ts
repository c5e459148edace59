import { describe, expect, it } from 'vitest';
import { createBrokerPhase } from './broker.js';
import { createDatabasePhase } from './database.js';
import { createMigrationPhase } from './migration.js';
import { createProgrammabilityPhase } from './programmability.js';
import { setDeployOptions } from '../sqlserver/deploy-run.js';
import { fakeDeploy, fakePlan, fakeScript, outcomes, type FakeDeploy } from '../../test/support/fake-deploy-fixture.js';
import { fakeSqlError } from '../../test/support/recording-fake-session.js';

const migration = fakeScript('migrations/20240101_InitialCreate.sql', 'run-once', 'CREATE TABLE dbo.Atoms (Id int);\nGO\nINSERT INTO [__EFMigrationsHistory] VALUES (N\'1\', N\'8\');');
const queue = fakeScript('broker/queues.sql', 'anytime', "IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE name = N'AtomQueue')\n  CREATE QUEUE dbo.AtomQueue;");
const fn = fakeScript('programmability/functions/fn_A.sql', 'anytime', 'CREATE OR ALTER FUNCTION dbo.fn_A() RETURNS int AS BEGIN RETURN 1 END;');
const proc = fakeScript('programmability/procedures/usp_B.sql', 'anytime', 'CREATE OR ALTER PROCEDURE dbo.usp_B\nAS\nSELECT dbo.fn_A();\nGO\nGRANT EXECUTE ON dbo.usp_B TO public;');

function phases(fixture: FakeDeploy) {
  return [createDatabasePhase(fixture.deps), createMigrationPhase(fixture.deps), createBrokerPhase(fixture.deps), createProgrammabilityPhase(fixture.deps)];
}

describe('SQL Server deploy against a recording fake session', () => {
  it('cold up creates the database the documented way, then applies every batch in plan order and journals each script', async () => {
    const fixture = fakeDeploy(fakePlan({ migrations: [migration], broker: [queue], programmability: [fn, proc] }));
    const result = await fixture.run(phases(fixture));
    expect(result.status).toBe('success');
    const batches = fixture.server.batches();
    expect(batches.slice(0, 4)).toEqual([
      'CREATE DATABASE [Hartonomous] COLLATE SQL_Latin1_General_CP1_CI_AS;',
      'ALTER DATABASE [Hartonomous] SET RECOVERY SIMPLE;',
      'ALTER DATABASE [Hartonomous] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;',
      'ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nALTER DATABASE [Hartonomous] SET ENABLE_BROKER;\nALTER DATABASE [Hartonomous] SET MULTI_USER;',
    ]);
    expect(batches[4]).toContain('CREATE TABLE [hartdev].[Journal]');
    expect(batches.slice(5)).toEqual([...migration.batches, ...queue.batches, ...fn.batches, ...proc.batches].map((b) => b.text));
    expect([...fixture.db.journal.keys()]).toEqual([migration.path, queue.path, fn.path, proc.path]);
    expect(fixture.db.journal.get(proc.path)).toMatchObject({ kind: 'anytime', hash: proc.hash, kitVersion: '9.9.9' });
    expect(outcomes(result.events)).toContain('programmability: done (2 scripts applied (3 batches))');
  });

  it('warm up with nothing changed sends no batch: one status query decides every phase', async () => {
    const fixture = fakeDeploy(fakePlan({ migrations: [migration], broker: [queue], programmability: [fn, proc] }));
    await fixture.run(phases(fixture));
    const before = fixture.server.calls.length;
    const result = await fixture.run(phases(fixture));
    const warm = fixture.server.calls.slice(before);
    expect(warm.filter((c) => c.kind === 'batch')).toEqual([]);
    expect(warm.filter((c) => c.kind === 'query')).toHaveLength(1);
    expect(outcomes(result.events)).toEqual([
      'sqlserver: done',
      'database: skipped (Database Hartonomous already configured)',
      'migration: skipped (Unchanged since last run (1 script))',
      'broker: skipped (Unchanged since last run (1 script))',
      'programmability: skipped (Unchanged since last run (2 scripts))',
    ]);
  });

  it('re-runs a changed anytime script and only that one', async () => {
    const fixture = fakeDeploy(fakePlan({ migrations: [migration], programmability: [fn, proc] }));
    await fixture.run(phases(fixture));
    const changed = fakeScript(fn.path, 'anytime', 'CREATE OR ALTER FUNCTION dbo.fn_A() RETURNS int AS BEGIN RETURN 2 END;');
    fixture.plan = fakePlan({ migrations: [migration], programmability: [changed, proc] });
    const before = fixture.server.batches().length;
    const result = await fixture.run(phases(fixture));
    expect(fixture.server.batches().slice(before)).toEqual([changed.batches[0]?.text]);
    expect(fixture.db.journal.get(fn.path)?.hash).toBe(changed.hash);
    expect(outcomes(result.events)).toContain('programmability: done (1 script applied (1 batches, 1 unchanged))');
  });

  it('refuses a changed run-once migration before sending anything, unless --allow-changed-migration', async () => {
    const fixture = fakeDeploy(fakePlan({ migrations: [migration] }));
    await fixture.run(phases(fixture));
    const edited = fakeScript(migration.path, 'run-once', 'CREATE TABLE dbo.Atoms (Id bigint);');
    fixture.plan = fakePlan({ migrations: [edited] });
    const before = fixture.server.batches().length;
    const refused = await fixture.run(phases(fixture));
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toBe('Migration migrations/20240101_InitialCreate.sql changed after it was applied to this database');
    expect(refused.error?.hint).toContain('--allow-changed-migration');
    expect(fixture.server.batches().length).toBe(before);

    const ctx = fixture.newContext();
    setDeployOptions(ctx, { allowChangedMigration: true });
    const allowed = await fixture.run(phases(fixture), { ctx });
    expect(allowed.status).toBe('success');
    expect(fixture.server.batches().slice(before)).toEqual(['CREATE TABLE dbo.Atoms (Id bigint);']);
    expect(fixture.db.journal.get(migration.path)?.hash).toBe(edited.hash);
  });

  it('maps a SQL error to the payload file:line with number, severity, message and the offending line', async () => {
    const fixture = fakeDeploy(fakePlan({ programmability: [fn, proc] }));
    // usp_B's second batch starts at line 5 of the file; the server reports line 1 of that batch.
    fixture.server.on(/^GRANT EXECUTE/, fakeSqlError(15151, "Cannot find the user 'public', because it does not exist or you do not have permission.", { lineNumber: 1, severity: 16 }));
    const result = await fixture.run(phases(fixture));
    expect(result.error).toMatchObject({
      code: 'sql-error',
      location: { file: 'programmability/procedures/usp_B.sql', line: 5 },
      message: "programmability/procedures/usp_B.sql:5: Cannot find the user 'public', because it does not exist or you do not have permission. (error 15151, severity 16)",
    });
    expect(result.error?.details).toEqual([
      'programmability/procedures/usp_B.sql:5: GRANT EXECUTE ON dbo.usp_B TO public;',
      'SQL Server error 15151, severity 16, state 1, batch line 1',
    ]);
  });

  it('journals nothing half-applied and continues from the failed script on the next run', async () => {
    const fixture = fakeDeploy(fakePlan({ programmability: [fn, proc] }));
    fixture.server.on(/^GRANT EXECUTE/, fakeSqlError(15151, 'Cannot find the user.'), 1);
    const failed = await fixture.run(phases(fixture));
    expect(failed.status).toBe('failed');
    expect([...fixture.db.journal.keys()]).toEqual([fn.path]);
    const before = fixture.server.batches().length;
    const resumed = await fixture.run(phases(fixture));
    expect(resumed.status).toBe('success');
    expect(fixture.server.batches().slice(before)).toEqual(proc.batches.map((b) => b.text));
    expect([...fixture.db.journal.keys()]).toEqual([fn.path, proc.path]);
  });

  it('stops cleanly on Ctrl-C between batches: the script in progress is not journaled', async () => {
    const fixture = fakeDeploy(fakePlan({ programmability: [fn, proc] }));
    const controller = new AbortController();
    fixture.server.onBatch = (text) => {
      if (text.startsWith('CREATE OR ALTER PROCEDURE')) controller.abort();
    };
    const result = await fixture.run(phases(fixture), { signal: controller.signal });
    expect(result.status).toBe('interrupted');
    expect(result.exitCode).toBe(130);
    expect(fixture.server.batches()).not.toContain('GRANT EXECUTE ON dbo.usp_B TO public;');
    expect([...fixture.db.journal.keys()]).toEqual([fn.path]);
  });

  it('gives a restored copy a new broker id when ENABLE_BROKER fails with 9772', async () => {
    const fixture = fakeDeploy(fakePlan());
    fixture.server.on(/SET ENABLE_BROKER/, fakeSqlError(9772, 'The Service Broker in database "Hartonomous" cannot be enabled because there is already an enabled Service Broker with the same ID.'), 1);
    const result = await fixture.run([createDatabasePhase(fixture.deps)]);
    expect(result.status).toBe('success');
    expect(fixture.server.batches()).toContain('ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nALTER DATABASE [Hartonomous] SET NEW_BROKER;\nALTER DATABASE [Hartonomous] SET MULTI_USER;');
  });
});
