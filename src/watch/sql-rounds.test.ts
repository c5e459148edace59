import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingFakeServer, SimulatedDatabase } from '../../test/support/recording-fake-session.js';
import { SqlRounds } from './sql-rounds.js';
import type { WatchEvent } from '../engine/watch-events.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const FILES: Record<string, string> = {
  'migrations/20240101_Init.sql': 'CREATE TABLE dbo.Atoms (Id int NOT NULL PRIMARY KEY, Name nvarchar(50) NULL);\nGO\n',
  'programmability/functions/fn_Double.sql': 'CREATE OR ALTER FUNCTION dbo.fn_Double(@x int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @x * 2 END;\nGO\n',
  'programmability/views/v_Doubled.sql': 'CREATE OR ALTER VIEW dbo.v_Doubled WITH SCHEMABINDING AS SELECT a.Id, dbo.fn_Double(a.Id) AS Twice FROM dbo.Atoms AS a;\nGO\n',
  'programmability/procedures/usp_List.sql': 'CREATE OR ALTER PROCEDURE dbo.usp_List AS SELECT v.Id, v.Twice FROM dbo.v_Doubled AS v;\nGO\n',
  'programmability/procedures/usp_Name.sql': 'CREATE OR ALTER PROCEDURE dbo.usp_Name @id int AS SELECT a.Name FROM dbo.Atoms AS a WHERE a.Id = @id;\nGO\n',
};

interface Rig {
  dir: string;
  rounds: SqlRounds;
  server: RecordingFakeServer;
  db: SimulatedDatabase;
  events: WatchEvent[];
  write(path: string, text: string): string;
  remove(path: string): string;
  /** Batches sent since the last call. */
  sent(): string[];
  down: boolean;
}

async function rig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'hart-watch-sql-'));
  dirs.push(dir);
  const server = new RecordingFakeServer();
  const db = new SimulatedDatabase(server, 'Hartonomous');
  db.exists = true;
  const events: WatchEvent[] = [];
  let seen = 0;
  const r: Rig = {
    dir,
    server,
    db,
    events,
    down: false,
    rounds: new SqlRounds(
      { sqlDir: dir, variables: { DatabaseName: 'Hartonomous' } },
      {
        openSession: async () => {
          if (r.down) throw Object.assign(new Error('Failed to connect to 127.0.0.1:14330 - connect ECONNREFUSED'), { code: 'ESOCKET' });
          return server.open('Hartonomous');
        },
        kitVersion: '9.9.9',
        now: () => 0,
      },
      (e) => events.push(e),
    ),
    write(path, text) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove(path) {
      const file = join(dir, path);
      rmSync(file);
      return file;
    },
    sent() {
      const all = server.batches().filter((b) => !b.includes('[hartdev].[Journal]'));
      const out = all.slice(seen);
      seen = all.length;
      return out;
    },
  };
  for (const [path, text] of Object.entries(FILES)) r.write(path, text);
  expect(await r.rounds.start()).toBe(true);
  // As after `up`: everything ran and is journaled.
  await r.rounds.round([], true);
  for (const m of r.rounds.payload.plan.migrations) db.journal.set(m.path, { path: m.path, kind: m.kind, hash: m.hash, durationMs: 1, kitVersion: '9.9.9' });
  await r.rounds.close();
  r.sent();
  events.splice(0);
  return r;
}

describe('watch rounds for SQL Server (recording fake session: SQL Server cannot run here)', () => {
  it('a changed procedure is checked and sent alone, then journaled', async () => {
    const r = await rig();
    const file = r.write('programmability/procedures/usp_Name.sql', 'CREATE OR ALTER PROCEDURE dbo.usp_Name @id int AS SELECT a.Name, a.Id FROM dbo.Atoms AS a WHERE a.Id = @id;\nGO\n');
    await r.rounds.round([file]);
    expect(r.sent()).toEqual(['CREATE OR ALTER PROCEDURE dbo.usp_Name @id int AS SELECT a.Name, a.Id FROM dbo.Atoms AS a WHERE a.Id = @id;']);
    expect(r.events).toEqual([{ type: 'deployed', target: 'sql', objects: ['programmability/procedures/usp_Name.sql'], batches: 1, ms: 0 }]);
    expect(r.db.journal.get('programmability/procedures/usp_Name.sql')).toBeDefined();
  });

  it('a mistake is shown at file:line:col with SQL Server\'s message number and nothing is sent', async () => {
    const r = await rig();
    const file = r.write('programmability/procedures/usp_Name.sql', 'CREATE OR ALTER PROCEDURE dbo.usp_Name @id int AS SELECT a.Nmae FROM dbo.Atoms AS a WHERE a.Id = @id;\nGO\n');
    await r.rounds.round([file]);
    expect(r.sent()).toEqual([]);
    expect(r.events).toMatchObject([{ type: 'diagnostics', diagnostics: [{ file: 'programmability/procedures/usp_Name.sql', line: 1, code: 207, severity: 'error' }] }]);
  });

  it('a function a schema-bound view uses: the view is dropped first and made again after (ALTER would fail with Msg 3729); the view\'s caller is checked, not sent', async () => {
    const r = await rig();
    const file = r.write('programmability/functions/fn_Double.sql', 'CREATE OR ALTER FUNCTION dbo.fn_Double(@x int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @x + @x END;\nGO\n');
    await r.rounds.round([file]);
    expect(r.sent()).toEqual([
      'DROP VIEW IF EXISTS [dbo].[v_Doubled];',
      'CREATE OR ALTER FUNCTION dbo.fn_Double(@x int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @x + @x END;',
      FILES['programmability/views/v_Doubled.sql']?.split('\nGO')[0],
    ]);
    expect(r.events).toMatchObject([{ type: 'deployed', objects: ['programmability/functions/fn_Double.sql', 'programmability/views/v_Doubled.sql', 'dropped dbo.v_Doubled (view)'] }]);
  });

  it('a view that loses a column its caller reads: the caller\'s error is shown, nothing is sent', async () => {
    const r = await rig();
    const file = r.write('programmability/views/v_Doubled.sql', 'CREATE OR ALTER VIEW dbo.v_Doubled WITH SCHEMABINDING AS SELECT a.Id FROM dbo.Atoms AS a;\nGO\n');
    await r.rounds.round([file]);
    expect(r.sent()).toEqual([]);
    expect(r.events).toMatchObject([{ type: 'diagnostics', diagnostics: [{ file: 'programmability/procedures/usp_List.sql', code: 207 }] }]);
  });

  it('a removed script drops its procedure and forgets its journal row; a removed function still in use stops the round', async () => {
    const r = await rig();
    await r.rounds.round([r.remove('programmability/procedures/usp_Name.sql')]);
    expect(r.sent()).toEqual(['DROP PROCEDURE IF EXISTS [dbo].[usp_Name];']);
    expect(r.db.journal.has('programmability/procedures/usp_Name.sql')).toBe(false);
    r.events.splice(0);
    await r.rounds.round([r.remove('programmability/functions/fn_Double.sql')]);
    expect(r.sent()).toEqual([]);
    expect(r.events).toMatchObject([{ type: 'diagnostics', diagnostics: [{ file: 'programmability/views/v_Doubled.sql', severity: 'error' }] }]);
  });

  it('a server that is down: the round says so, the watch goes on, and the next round sends what was missed', async () => {
    const r = await rig();
    r.down = true;
    const file = r.write('programmability/procedures/usp_Name.sql', 'CREATE OR ALTER PROCEDURE dbo.usp_Name @id int AS SELECT a.Id FROM dbo.Atoms AS a WHERE a.Id = @id;\nGO\n');
    await r.rounds.round([file]);
    expect(r.events).toMatchObject([{ type: 'deploy-failed', target: 'sql', hint: expect.stringContaining('next change') }]);
    r.down = false;
    r.events.splice(0);
    const other = r.write('programmability/procedures/usp_List.sql', 'CREATE OR ALTER PROCEDURE dbo.usp_List AS SELECT v.Id FROM dbo.v_Doubled AS v;\nGO\n');
    await r.rounds.round([other]);
    expect(r.sent()).toEqual(['CREATE OR ALTER PROCEDURE dbo.usp_List AS SELECT v.Id FROM dbo.v_Doubled AS v;', 'CREATE OR ALTER PROCEDURE dbo.usp_Name @id int AS SELECT a.Id FROM dbo.Atoms AS a WHERE a.Id = @id;']);
  });

  it('a changed migration is named with "reset" and never applied; a save without a change sends nothing', async () => {
    const r = await rig();
    const file = r.write('migrations/20240101_Init.sql', 'CREATE TABLE dbo.Atoms (Id int NOT NULL PRIMARY KEY, Name nvarchar(80) NULL);\nGO\n');
    await r.rounds.round([file]);
    expect(r.sent()).toEqual([]);
    expect(r.events).toContainEqual({ type: 'note', message: expect.stringContaining('hart-dev reset') });
    r.events.splice(0);
    await r.rounds.round([r.write('programmability/procedures/usp_Name.sql', FILES['programmability/procedures/usp_Name.sql'] as string)]);
    expect(r.sent()).toEqual([]);
    expect(r.events).toEqual([{ type: 'note', message: 'Saved without a change: nothing to check or send.' }]);
  });
});
