import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingFakeServer, SimulatedDatabase } from '../../test/support/recording-fake-session.js';
import { FileEvents } from './file-events.js';
import { SqlRounds } from './sql-rounds.js';
import type { WatchEvent } from '../engine/watch-events.js';
import { watchLoop, type WatchKey } from './watch-loop.js';
import { watchedKind } from './watched-paths.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function write(root: string, path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Waits until an event matching `pred` was emitted (the loop runs on real file-system events). */
async function until(events: WatchEvent[], pred: (e: WatchEvent) => boolean): Promise<WatchEvent> {
  for (let k = 0; k < 400; k++) {
    const found = events.find(pred);
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no such event among ${JSON.stringify(events)}`);
}

describe('the watch loop (real file-system events; SQL Server through the recording fake session, the CLR/graph/seed phases recorded, not run)', () => {
  it('a saved procedure is sent, a .cypher change runs the graph schema, a seed settings change asks for s, q quits with 0', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hart-watch-loop-'));
    const sqlDir = join(root, 'sql');
    const seedsDir = join(root, 'seeds');
    write(sqlDir, 'migrations/1_Init.sql', 'CREATE TABLE dbo.Atoms (Id int NOT NULL PRIMARY KEY);\nGO\n');
    write(sqlDir, 'programmability/procedures/usp_A.sql', 'CREATE OR ALTER PROCEDURE dbo.usp_A AS SELECT a.Id FROM dbo.Atoms AS a;\nGO\n');
    write(sqlDir, 'neo4j/schema.cypher', 'CREATE CONSTRAINT atom_id IF NOT EXISTS FOR (a:Atom) REQUIRE a.id IS UNIQUE;\n');
    write(seedsDir, 'embeddings.json', '{"count": 10}\n');
    const server = new RecordingFakeServer();
    const db = new SimulatedDatabase(server, 'Hartonomous');
    db.exists = true;
    const events: WatchEvent[] = [];
    const emit = (e: WatchEvent): void => void events.push(e);
    const sql = new SqlRounds({ sqlDir, variables: {} }, { openSession: async () => server.open('Hartonomous'), kitVersion: '9.9.9', now: () => 0 }, emit);
    expect(await sql.start()).toBe(true);
    await sql.round([], true);
    const folders = { sqlDir, seedsDir };
    const fileEvents = new FileEvents({ roots: [sqlDir, seedsDir], relevant: (p) => watchedKind(p, folders) !== undefined, quietMs: 200, maxWaitMs: 5000 });
    cleanup.push(() => fileEvents.close(), () => rmSync(root, { recursive: true, force: true }));
    const phasesRun: string[] = [];
    let pressKey: ((k: WatchKey) => void) | undefined;
    const controller = new AbortController();
    const loop = watchLoop({
      events: fileEvents,
      folders,
      cwd: root,
      sql,
      graph: true,
      phases: async (what) => {
        phasesRun.push(what);
        return { ok: true, done: [`neo4j-schema: 1 statement`], ms: 5 };
      },
      emit,
      keys: () => new Promise((resolve) => (pressKey = resolve)),
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 100));
    events.splice(0);
    const sentBefore = server.batches().length;
    // An editor's save: a temporary file renamed over the script.
    const tmp = join(sqlDir, 'programmability/procedures/.usp_A.sql.swp');
    writeFileSync(tmp, 'CREATE OR ALTER PROCEDURE dbo.usp_A AS SELECT a.Id, 1 AS One FROM dbo.Atoms AS a;\nGO\n');
    renameSync(tmp, join(sqlDir, 'programmability/procedures/usp_A.sql'));
    expect(await until(events, (e) => e.type === 'deployed')).toMatchObject({ type: 'deployed', target: 'sql', objects: ['programmability/procedures/usp_A.sql'] });
    expect(events[0]).toMatchObject({ type: 'change', files: ['sql/programmability/procedures/usp_A.sql'] });
    expect(server.batches().slice(sentBefore).filter((b) => !b.includes('[hartdev]'))).toEqual(['CREATE OR ALTER PROCEDURE dbo.usp_A AS SELECT a.Id, 1 AS One FROM dbo.Atoms AS a;']);

    events.splice(0);
    write(sqlDir, 'neo4j/schema.cypher', 'CREATE CONSTRAINT atom_id IF NOT EXISTS FOR (a:Atom) REQUIRE a.id IS UNIQUE;\nCREATE INDEX atom_name IF NOT EXISTS FOR (a:Atom) ON (a.name);\n');
    expect(await until(events, (e) => e.type === 'deployed')).toMatchObject({ type: 'deployed', target: 'graph' });
    expect(phasesRun).toEqual(['graph']);

    events.splice(0);
    write(seedsDir, 'embeddings.json', '{"count": 20}\n');
    expect(await until(events, (e) => e.type === 'note')).toMatchObject({ message: expect.stringContaining('press s') });
    pressKey?.('s');
    await until(events, (e) => e.type === 'deployed');
    expect(phasesRun).toEqual(['graph', 'seed']);
    await new Promise((r) => setTimeout(r, 20));
    pressKey?.('q');
    expect(await loop).toBe(0);
  });

  it('Ctrl-C (an abort) ends the loop with 130', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hart-watch-loop-'));
    const fileEvents = new FileEvents({ roots: [root], relevant: () => true });
    cleanup.push(() => fileEvents.close(), () => rmSync(root, { recursive: true, force: true }));
    const controller = new AbortController();
    const loop = watchLoop({ events: fileEvents, folders: { sqlDir: root, seedsDir: root }, cwd: root, graph: false, phases: async () => ({ ok: true, done: [], ms: 0 }), emit: () => undefined, signal: controller.signal });
    controller.abort();
    expect(await loop).toBe(130);
  });
});
