// `hart-dev snapshot` as a command against the suite's real Neo4j in external-Neo4j mode, graph part
// only (--only graph): preflight needs no Docker, the NDJSON stream says what each phase did, the
// manifest records the file with its SHA-256, and restore --yes brings the graph back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/io.js';
import { run as snapshot } from '../../src/cli/snapshot.js';
import { openGraph } from '../../src/neo4j/connect.js';
import { fileDigest, SHOW_CONSTRAINTS, SHOW_INDEXES } from '../../src/neo4j/graph-snapshot.js';
import { resetGraph } from '../../src/neo4j/reset.js';
import { readManifest } from '../../src/snapshot/manifest.js';
import { REPO, testNeo4j } from './neo4j-support.js';

const signal = new AbortController().signal;
let driver: Driver;
let cwd: string;

function io(): { io: CommandIo; out: () => string; err: () => string } {
  const server = testNeo4j();
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void): Writable => new Writable({ write: (chunk: Buffer, _e, callback) => { append(chunk.toString()); callback(); } });
  return {
    out: () => out,
    err: () => err,
    io: {
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      env: {
        HART_NEO4J_URL: server.url,
        HART_NEO4J_USER: server.user,
        HART_NEO4J_PASSWORD: server.password,
        HART_SQL_SA_PASSWORD: 'Str0ng.Passw0rd!',
        DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}`,
        HART_SQL_DIR: join(REPO, 'sql'),
        HART_READY_TIMEOUT: '20',
      },
      cwd,
      stderrIsTTY: false,
      stdinIsTTY: false,
      signal,
    },
  };
}

function finished(ndjson: string): string[] {
  return ndjson
    .trim()
    .split('\n')
    .map((l): unknown => JSON.parse(l))
    .flatMap((e) => (typeof e === 'object' && e !== null && Reflect.get(e, 'type') === 'phase-finished' ? [`${String(Reflect.get(e, 'id'))}: ${String(Reflect.get(e, 'status'))}`] : []));
}

async function count(query: string): Promise<number> {
  const { records } = await driver.executeQuery(query);
  return neo4j.integer.toNumber(records[0]?.get(0));
}

beforeAll(async () => {
  driver = await openGraph(testNeo4j(), { signal, timeoutMs: 60_000 });
  cwd = mkdtempSync(join(tmpdir(), 'hart-snapshot-command-'));
});
afterAll(async () => {
  // Leave the shared server as a fresh one: no data, and none of the schema these tests restored.
  await resetGraph(driver, testNeo4j(), { signal, yes: true });
  for (const query of [SHOW_CONSTRAINTS, SHOW_INDEXES]) {
    const { records } = await driver.executeQuery(query);
    for (const r of records) await driver.executeQuery(`${query === SHOW_CONSTRAINTS ? 'DROP CONSTRAINT' : 'DROP INDEX'} \`${String(r.get('name'))}\` IF EXISTS`);
  }
  rmSync(cwd, { recursive: true, force: true });
  await driver.close();
});

describe('hart-dev snapshot --only graph against the real Neo4j test server', () => {
  it('save → change → restore → list → delete', async () => {
    await resetGraph(driver, testNeo4j(), { signal, yes: true });
    await driver.executeQuery('UNWIND range(1, 50) AS i CREATE (:Item {i: i})-[:NEXT]->(:Item {i: i + 1000})');

    const save = io();
    expect(await snapshot(['save', 'fifty', '--only', 'graph', '--message', 'fifty pairs', '--json'], save.io)).toBe(0);
    expect(finished(save.out())).toEqual(['preflight: done', 'neo4j: done', 'snapshot-graph: done', 'snapshot-record: done']);
    const [entry] = readManifest(join(cwd, '.hart')).snapshots;
    expect(entry).toMatchObject({ name: 'fifty', message: 'fifty pairs', graph: { nodes: 100, relationships: 50, file: join('snapshots', 'fifty.graph.ndjson.gz') } });
    const file = join(cwd, '.hart', entry?.graph?.file ?? '');
    expect((await fileDigest(file)).sha256).toBe(entry?.graph?.sha256);
    // No password in the stream.
    expect(save.out()).not.toContain(testNeo4j().password);

    await driver.executeQuery('MATCH (n:Item) WHERE n.i > 1020 DETACH DELETE n');
    const restore = io();
    expect(await snapshot(['restore', 'fifty', '--yes', '--json'], restore.io)).toBe(0);
    expect(finished(restore.out())).toEqual(['preflight: done', 'neo4j: done', 'snapshot-graph-restore: done']);
    expect(await count('MATCH (n:Item) RETURN count(n)')).toBe(100);
    expect(await count('MATCH (:Item)-[r:NEXT]->(:Item) RETURN count(r)')).toBe(50);

    await expect(snapshot(['restore', 'fifty', '--only', 'sql', '--yes'], io().io)).rejects.toMatchObject({ message: 'Snapshot fifty holds no database', exitCode: 2 });

    const list = io();
    expect(await snapshot(['list'], list.io)).toBe(0);
    expect(list.out()).toMatch(/^NAME +CREATED +DATABASE +GRAPH +MESSAGE\nfifty +\d{4}-\d\d-\d\d \d\d:\d\d UTC +- +100 nodes .* fifty pairs\n$/);

    const remove = io();
    expect(await snapshot(['delete', 'fifty', '--yes'], remove.io)).toBe(0);
    expect(remove.out()).toBe('Snapshot fifty deleted.\n');
    expect(existsSync(file)).toBe(false);
    expect(readManifest(join(cwd, '.hart')).snapshots).toEqual([]);
  });
});
