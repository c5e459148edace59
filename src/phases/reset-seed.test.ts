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
      if (c.kind === 'batch' && /#SeedAtoms|BACKUP/.test(c.text)) return [c.text.split('\n')[1] ?? c.text];
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
