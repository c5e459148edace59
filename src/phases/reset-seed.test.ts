import { describe, expect, it } from 'vitest';
import { createBrokerPhase } from './broker.js';
import { createDatabasePhase } from './database.js';
import { createMigrationPhase } from './migration.js';
import { createProgrammabilityPhase } from './programmability.js';
import { resetPhases, seedPhases } from './reset-seed-plan.js';
import { createSeedPhase } from './seed.js';
import { createVerifyPhase } from './verify.js';
import { generateSampleAtoms } from '../seed/embeddings.js';
import { setDeployOptions } from '../sqlserver/deploy-run.js';
import { fakeDeploy, fakePlan, fakeScript, outcomes, type FakeDeploy } from '../../test/support/fake-deploy-fixture.js';
import { fakeSqlError } from '../../test/support/recording-fake-session.js';
import type { SeedDeployDeps, SeedSource } from '../sqlserver/seed-program.js';

const fn = fakeScript('programmability/functions/fn_A.sql', 'anytime', 'CREATE OR ALTER FUNCTION dbo.fn_A() RETURNS int AS BEGIN RETURN 1 END;');

const seedSource: SeedSource = {
  program: () => ({
    prepare: ['MERGE dbo.BillingPlans AS t USING (VALUES (N\'free\')) AS s(PlanCode) ON t.PlanCode = s.PlanCode WHEN NOT MATCHED THEN INSERT (PlanCode) VALUES (s.PlanCode);', 'CREATE TABLE #SeedAtoms (AtomKey nvarchar(128) NOT NULL, EmbeddingVector varbinary(max) NOT NULL);'],
    staging: { name: '#SeedAtoms', columns: [{ name: 'AtomKey', type: 'nvarchar', nullable: false, length: 128 }, { name: 'EmbeddingVector', type: 'varbinary', nullable: false, length: 'max' }] },
    row: (atom) => [atom.key, Buffer.from(atom.vector.buffer)],
    merge: ['MERGE dbo.Atoms AS t USING #SeedAtoms AS s ON t.AtomKey = s.AtomKey WHEN NOT MATCHED THEN INSERT (AtomKey) VALUES (s.AtomKey);', 'DROP TABLE #SeedAtoms;'],
  }),
  atoms: generateSampleAtoms,
};

function seededDeps(fixture: FakeDeploy): SeedDeployDeps {
  return { ...fixture.deps, seed: seedSource };
}

function deployPhases(fixture: FakeDeploy) {
  const deps = seededDeps(fixture);
  return [createDatabasePhase(deps), createMigrationPhase(deps), createBrokerPhase(deps), createProgrammabilityPhase(deps), createSeedPhase(deps), createVerifyPhase(deps)];
}

function withSeedAnswers(fixture: FakeDeploy): void {
  fixture.server.on(/^SELECT s\.\[name\] AS \[schema\]/, [{ schema: 'dbo', name: 'fn_A', type: 'FN' }]);
  fixture.server.on(/AS embeddings;$/, [{ tenants: 1, plans: 3, embeddings: 20 }]);
}

/** The reset plan of the command, over the SQL Server phases wired to the recording fake. */
function fakeResetPhases(fixture: FakeDeploy, choice: { full: boolean; noSeed: boolean }) {
  return resetPhases({ ...choice, deploy: deployPhases(fixture), sqlDeps: seededDeps(fixture) });
}

/** The order the runner starts phases in: each wave is what becomes ready once the waves before it are done. */
function waves(phases: readonly { id: string; needs: readonly string[] }[]): string[][] {
  const inPlan = new Set(phases.map((p) => p.id));
  const finished = new Set<string>();
  const result: string[][] = [];
  while (finished.size < phases.length) {
    const ready = phases.filter((p) => !finished.has(p.id) && p.needs.every((n) => finished.has(n) || !inPlan.has(n))).map((p) => p.id);
    if (ready.length === 0) throw new Error(`cycle among ${phases.filter((p) => !finished.has(p.id)).map((p) => p.id).join(', ')}`);
    for (const id of ready) finished.add(id);
    result.push(ready.sort());
  }
  return result;
}

async function deployed(): Promise<FakeDeploy> {
  const fixture = fakeDeploy(fakePlan({ programmability: [fn] }));
  withSeedAnswers(fixture);
  const ctx = fixture.newContext();
  setDeployOptions(ctx, { seedOverrides: { count: 20, dim: 8, topics: 2 } });
  const first = await fixture.run(deployPhases(fixture), { ctx });
  expect(first.status).toBe('success');
  return fixture;
}

function smallSeed(fixture: FakeDeploy) {
  const ctx = fixture.newContext();
  setDeployOptions(ctx, { seedOverrides: { count: 20, dim: 8, topics: 2 } });
  return ctx;
}

describe('seed, verify and reset against a recording fake session', () => {
  it('seeds by bulk load into the staging table between the upserts and the merge, and keeps a golden backup', async () => {
    const fixture = await deployed();
    const kinds = fixture.server.calls.flatMap((c) => {
      if (c.kind === 'bulk') return [`bulk ${c.table.name} ${c.table.rows.length} rows`];
      if (c.kind === 'batch' && /#SeedAtoms|BACKUP/.test(c.text)) return [c.text.split('\n').find((line) => line.startsWith('BACKUP')) ?? c.text];
      return [];
    });
    expect(kinds).toEqual([
      'CREATE TABLE #SeedAtoms (AtomKey nvarchar(128) NOT NULL, EmbeddingVector varbinary(max) NOT NULL);',
      'bulk #SeedAtoms 20 rows',
      'MERGE dbo.Atoms AS t USING #SeedAtoms AS s ON t.AtomKey = s.AtomKey WHEN NOT MATCHED THEN INSERT (AtomKey) VALUES (s.AtomKey);',
      'DROP TABLE #SeedAtoms;',
      "BACKUP DATABASE [Hartonomous] TO DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak'",
    ]);
    expect(fixture.db.backup?.name).toMatch(/^hart-dev golden [0-9a-f]{64}$/);
  });

  it('a second golden backup goes into the folder the first made: xp_create_subdir only when sys.dm_os_file_exists finds no directory (Linux raises Msg 22048 for an existing one; NOTES: Name resolution… — xp_create_subdir)', async () => {
    const fixture = await deployed();
    const first = fixture.db.backup?.name;
    // A changed function: a new fingerprint, so verify takes a new golden backup into the same folder.
    fixture.plan = fakePlan({ programmability: [fakeScript('programmability/functions/fn_A.sql', 'anytime', 'CREATE OR ALTER FUNCTION dbo.fn_A() RETURNS int AS BEGIN RETURN 2 END;')] });
    const before = fixture.server.calls.length;
    const second = await fixture.run(deployPhases(fixture), { ctx: smallSeed(fixture) });
    expect(second.status).toBe('success');
    const backups = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' && c.text.includes('BACKUP DATABASE') ? [c.text.split('\n')] : []));
    expect(backups).toHaveLength(1);
    expect(backups[0]?.slice(0, 2)).toEqual([
      "IF NOT EXISTS (SELECT 1 FROM sys.dm_os_file_exists(N'/var/opt/mssql/backup') WHERE [file_is_a_directory] = 1)",
      "  EXEC master.sys.xp_create_subdir N'/var/opt/mssql/backup';",
    ]);
    expect(fixture.db.backup?.name).not.toBe(first);
  });

  it('warm up after a full deploy skips seed and verify without a batch', async () => {
    const fixture = await deployed();
    const before = fixture.server.calls.length;
    const warm = await fixture.run(deployPhases(fixture), { ctx: smallSeed(fixture) });
    expect(fixture.server.calls.slice(before).filter((c) => c.kind === 'batch' || c.kind === 'bulk')).toEqual([]);
    expect(outcomes(warm.events).slice(-2)).toEqual(['seed: skipped (Unchanged since last run)', 'verify: skipped (Verified unchanged since last run)']);
  });

  it('reset restores the golden backup when it matches, re-enables the broker, and deploys nothing again', async () => {
    const fixture = await deployed();
    const before = fixture.server.calls.length;
    const result = await fixture.run(fakeResetPhases(fixture, { full: false, noSeed: false }), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    const batches = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' ? [c.text] : []));
    expect(batches[0]).toContain("RESTORE DATABASE [Hartonomous] FROM DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak' WITH REPLACE;");
    expect(batches[1]).toContain('SET ENABLE_BROKER;');
    expect(batches).toHaveLength(2);
    expect(outcomes(result.events)).toContain('reset-database: done (Database Hartonomous restored from the golden backup)');
  });

  it('reset drops and deploys from scratch when no golden backup holds the current content', async () => {
    const fixture = await deployed();
    fixture.db.backup = undefined;
    const before = fixture.server.calls.length;
    const result = await fixture.run(fakeResetPhases(fixture, { full: false, noSeed: false }), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    const batches = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' ? [c.text] : []));
    expect(batches[0]).toBe('ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nDROP DATABASE [Hartonomous];');
    expect(batches).toContain('CREATE DATABASE [Hartonomous] COLLATE SQL_Latin1_General_CP1_CI_AS;');
    expect(batches).toContain(fn.batches[0]?.text);
    expect(fixture.db.backup).toBeDefined();
  });

  it.each([
    ['3241 then 3013', [3241, "The media family on device '/var/opt/mssql/backup/Hartonomous.golden.bak' is incorrectly formed. SQL Server cannot process this media family."]],
    ['3203 then 3013', [3203, 'Read on "/var/opt/mssql/backup/Hartonomous.golden.bak" failed: 38(Reached the end of the file.)']],
  ] as const)('reset takes a golden backup that RESTORE HEADERONLY cannot read (%s: a partial or damaged file) for no golden backup: it rebuilds, and verify overwrites the file with a new one', async (_name, [number, message]) => {
    const fixture = await deployed();
    const backup = fixture.db.backup;
    if (backup === undefined) throw new Error('the deploy took no golden backup');
    const current = backup.name;
    backup.name = 'a backup stopped halfway';
    // tedious throws the last error (3013) and keeps the cause in precedingErrors.
    const unreadable = Object.assign(fakeSqlError(3013, 'RESTORE HEADERONLY is terminating abnormally.'), { precedingErrors: [fakeSqlError(number, message)] });
    fixture.server.on(/^RESTORE HEADERONLY/, () => (fixture.db.backup?.name === 'a backup stopped halfway' ? unreadable : [[{ BackupName: fixture.db.backup?.name }]]));
    const before = fixture.server.calls.length;
    const result = await fixture.run(fakeResetPhases(fixture, { full: false, noSeed: false }), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    const batches = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' ? [c.text] : []));
    expect(batches.some((b) => b.includes('RESTORE DATABASE'))).toBe(false);
    expect(batches[0]).toBe('ALTER DATABASE [Hartonomous] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nDROP DATABASE [Hartonomous];');
    expect(result.events.filter((e) => e.type === 'phase-log' && e.id === 'reset-database').map((e) => (e.type === 'phase-log' ? e.line : ''))).toEqual([
      `The golden backup /var/opt/mssql/backup/Hartonomous.golden.bak cannot be read (error ${number}: ${message}): rebuilding from scratch; a new one is taken after the deploy`,
    ]);
    expect(batches.filter((b) => b.includes('BACKUP DATABASE')).map((b) => b.split('\n').at(-1))).toEqual([`  WITH FORMAT, COPY_ONLY, INIT, COMPRESSION, NAME = N'${current}';`]);
    expect(fixture.db.backup?.name).toBe(current);
  });

  it('reset restores a database left RESTORING (an interrupted restore) from the golden backup without SET SINGLE_USER, which it refuses with Msg 5052 (NOTES: Name resolution… — a database left RESTORING)', async () => {
    const fixture = await deployed();
    fixture.db.state = 'RESTORING';
    const before = fixture.server.calls.length;
    const result = await fixture.run(fakeResetPhases(fixture, { full: false, noSeed: false }), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    const batches = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' ? [c.text] : []));
    expect(batches[0]).toBe("RESTORE DATABASE [Hartonomous] FROM DISK = N'/var/opt/mssql/backup/Hartonomous.golden.bak' WITH REPLACE;\nALTER DATABASE [Hartonomous] SET MULTI_USER;");
    expect(outcomes(result.events)).toContain('reset-database: done (Database Hartonomous restored from the golden backup)');
    expect(fixture.db.state).toBe('ONLINE');
  });

  it('reset --full drops a database left RESTORING directly: DROP DATABASE works in any state, ALTER DATABASE does not (Msg 5052; drop-database-transact-sql.md)', async () => {
    const fixture = await deployed();
    fixture.db.state = 'RESTORING';
    const before = fixture.server.calls.length;
    const result = await fixture.run(fakeResetPhases(fixture, { full: true, noSeed: false }), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    const batches = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' ? [c.text] : []));
    expect(batches[0]).toBe('DROP DATABASE [Hartonomous];');
    expect(batches).toContain('CREATE DATABASE [Hartonomous] COLLATE SQL_Latin1_General_CP1_CI_AS;');
    expect(result.events.some((e) => e.type === 'phase-log' && e.line === 'Database Hartonomous is RESTORING: replaced without SET SINGLE_USER')).toBe(true);
  });

  it('up stops on a database that is not ONLINE before sending any batch, and says to run reset --full', async () => {
    const fixture = await deployed();
    fixture.db.state = 'RESTORING';
    const before = fixture.server.calls.length;
    const result = await fixture.run(deployPhases(fixture), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('failed');
    expect(fixture.server.calls.slice(before).filter((c) => c.kind === 'batch' || c.kind === 'bulk')).toEqual([]);
    const failed = result.events.find((e) => e.type === 'phase-finished' && e.id === 'database');
    expect(failed).toMatchObject({
      status: 'failed',
      error: {
        message: 'Database Hartonomous is RESTORING, not ONLINE',
        hint: 'A restore of Hartonomous was interrupted (e.g. Ctrl-C during `hart-dev reset`). Run `hart-dev reset --full` to drop it and deploy it again.',
      },
    });
    fixture.db.state = 'OFFLINE';
    const offline = await fixture.run(deployPhases(fixture), { ctx: smallSeed(fixture) });
    expect(offline.events.find((e) => e.type === 'phase-finished' && e.id === 'database')).toMatchObject({
      error: { message: 'Database Hartonomous is OFFLINE, not ONLINE', hint: expect.stringContaining('hart-dev reset --full') },
    });
  });

  it('reset --full drops even when the golden backup matches', async () => {
    const fixture = await deployed();
    const before = fixture.server.calls.length;
    const result = await fixture.run(fakeResetPhases(fixture, { full: true, noSeed: false }), { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    const texts = fixture.server.calls.slice(before).flatMap((c) => (c.kind === 'batch' || c.kind === 'query' ? [c.text] : []));
    expect(texts.some((t) => t.includes('RESTORE DATABASE'))).toBe(false);
    expect(texts.some((t) => t.includes('DROP DATABASE [Hartonomous]'))).toBe(true);
    expect(outcomes(result.events)).toContain('reset-database: done (Database Hartonomous dropped (--full): deploying from scratch)');
  });
});

describe('the reset and seed plans', () => {
  it('reset empties and rebuilds both stores as two chains, each after its service phase: SQL Server and Neo4j', () => {
    expect(waves(resetPhases({ full: false, noSeed: false }))).toEqual([
      ['preflight'],
      ['clr-build', 'neo4j', 'sqlserver'],
      ['neo4j-reset', 'reset-database'],
      ['database', 'neo4j-schema'],
      ['clr-deploy', 'filestream', 'migration', 'neo4j-seed'],
      ['broker', 'neo4j-verify'],
      ['programmability'],
      ['seed'],
      ['verify'],
    ]);
  });

  it('reset --no-seed leaves out both seeds and the graph check, so the graph ends empty with its schema', () => {
    const ids = resetPhases({ full: false, noSeed: true }).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['reset-database', 'database', 'verify', 'neo4j-reset', 'neo4j-schema']));
    expect(ids).not.toContain('seed');
    expect(ids).not.toContain('neo4j-seed');
    expect(ids).not.toContain('neo4j-verify');
  });

  it('seed runs the SQL and graph seeds after what they need, without verify; with a target only the SQL seed', () => {
    const local = seedPhases().map((p) => p.id);
    expect(local).toEqual(expect.arrayContaining(['seed', 'neo4j-schema', 'neo4j-seed', 'programmability']));
    expect(local).not.toContain('verify');
    expect(local).not.toContain('neo4j-verify');
    expect(local).not.toContain('neo4j-reset');
    const target = seedPhases({ target: fakeDeploy(fakePlan()).deps });
    expect(target.map((p) => [p.id, p.needs])).toEqual([['seed', []]]);
  });

  it('the reset plan over a deploy without Neo4j phases resets only SQL Server, and runs through the recording fake session', async () => {
    const fixture = await deployed();
    fixture.db.backup = undefined;
    const phases = fakeResetPhases(fixture, { full: false, noSeed: true });
    expect(phases.map((p) => p.id)).toEqual(['reset-database', 'database', 'migration', 'broker', 'programmability', 'verify']);
    const before = fixture.server.calls.length;
    const result = await fixture.run(phases, { ctx: smallSeed(fixture) });
    expect(result.status).toBe('success');
    expect(outcomes(result.events)).toContain('reset-database: done (Database Hartonomous dropped: deploying from scratch)');
    // --no-seed: no seed rows and no golden backup of an unseeded database.
    const after = fixture.server.calls.slice(before);
    expect(after.some((c) => c.kind === 'batch' && c.text.includes('DROP DATABASE [Hartonomous]'))).toBe(true);
    expect(after.some((c) => c.kind === 'bulk' || (c.kind === 'batch' && c.text.includes('#SeedAtoms')))).toBe(false);
    expect(fixture.db.backup).toBeUndefined();
  });
});
