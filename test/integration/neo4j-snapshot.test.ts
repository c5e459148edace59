// Graph snapshots against the real Neo4j Community 5.26 test server: save the seeded graph (plus
// values of every property type), change the graph and its schema behind the snapshot's back,
// restore, and find the same nodes, relationships, property types and vector values, and the same
// constraints and indexes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HartError } from '../../src/engine/errors.js';
import { openGraph } from '../../src/neo4j/connect.js';
import { encodeProperties } from '../../src/neo4j/graph-snapshot-values.js';
import { restoreGraphSnapshot, saveGraphSnapshot, SHOW_CONSTRAINTS, SHOW_INDEXES } from '../../src/neo4j/graph-snapshot.js';
import { resetGraph } from '../../src/neo4j/reset.js';
import { neo4jSchemaPhase } from '../../src/phases/neo4j-schema.js';
import { neo4jSeedPhase } from '../../src/phases/neo4j-seed.js';
import { contextOf, externalConfig, recorder, removeConfigFolders, testNeo4j } from './neo4j-support.js';

const SETTINGS = { count: 200, dim: 48, topics: 4, seed: 5 };
const signal = new AbortController().signal;
let driver: Driver;
let dir: string;

async function scalar(query: string): Promise<number> {
  const { records } = await driver.executeQuery(query);
  return neo4j.integer.toNumber(records[0]?.get(0));
}

/** The whole graph without element ids: each node by labels and typed properties, each relationship by its ends' content. */
async function dump(): Promise<string[]> {
  const { records: nodes } = await driver.executeQuery('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props');
  const byId = new Map(nodes.map((r) => [String(r.get('id')), JSON.stringify([[...r.get('labels')].sort(), encodeProperties(r.get('props'))])]));
  const { records: rels } = await driver.executeQuery('MATCH (a)-[r]->(b) RETURN elementId(a) AS s, elementId(b) AS e, type(r) AS t, properties(r) AS p');
  return [
    ...[...byId.values()].map((n) => `node ${n}`),
    ...rels.map((r) => `rel ${String(r.get('t'))} ${byId.get(String(r.get('s')))} → ${byId.get(String(r.get('e')))} ${JSON.stringify(encodeProperties(r.get('p')))}`),
  ].sort();
}

async function schema(): Promise<string[]> {
  const statements: string[] = [];
  for (const query of [SHOW_CONSTRAINTS, SHOW_INDEXES]) {
    const { records } = await driver.executeQuery(query);
    statements.push(...records.map((r) => String(r.get('createStatement'))));
  }
  return statements.sort();
}

beforeAll(async () => {
  driver = await openGraph(testNeo4j(), { signal, timeoutMs: 60_000 });
  dir = mkdtempSync(join(tmpdir(), 'hart-graph-snapshot-'));
});
afterAll(async () => {
  // Leave the shared server as a fresh one: no data, and none of the schema these tests restored.
  await resetGraph(driver, testNeo4j(), { signal, yes: true });
  for (const query of [SHOW_CONSTRAINTS, SHOW_INDEXES]) {
    const { records } = await driver.executeQuery(query);
    for (const r of records) await driver.executeQuery(`${query === SHOW_CONSTRAINTS ? 'DROP CONSTRAINT' : 'DROP INDEX'} \`${String(r.get('name'))}\` IF EXISTS`);
  }
  removeConfigFolders();
  rmSync(dir, { recursive: true, force: true });
  await driver.close();
});

describe('graph snapshots against the real Neo4j test server', () => {
  it('save → change → restore gives back the same nodes, relationships, property types, vector values and schema', async () => {
    await resetGraph(driver, testNeo4j(), { signal, yes: true });
    const ctx = contextOf(externalConfig(SETTINGS));
    await neo4jSchemaPhase.run(ctx, { signal, report: recorder().report });
    await neo4jSeedPhase.run(ctx, { signal, report: recorder().report });
    // Values of every other property type, and a float32 vector on a relationship.
    await driver.executeQuery(`
      CREATE (x:Probe:Extra {int: 42, big: 9223372036854775807, float: 1.0, text: 'a\\'b', flag: true,
        ints: [1, 2, 3], floats: [0.1, 0.2], words: ['x', 'y'], flags: [true],
        at: datetime('2026-12-04T19:05:01.123456789+01:00'), zoned: datetime('2026-03-29T02:30:00[Europe/Paris]'),
        local: localdatetime('2026-01-02T03:04:05'), day: date('1999-12-31'), clock: time('10:11:12.5-02:00'),
        wall: localtime('23:59:59'), span: duration('P1Y2M3DT4H5M6.000000007S'),
        where: point({x: 1.5, y: -2.0}), globe: point({latitude: 48.85, longitude: 2.35, height: 35.0}), bytes: $bytes})
      WITH x MATCH (a:Atom) WITH x, a ORDER BY a.key LIMIT 1
      CREATE (x)-[r:PROBES {weight: 0.5}]->(a)
      WITH r CALL db.create.setRelationshipVectorProperty(r, 'direction', [0.25, -0.5, 0.125])
      CREATE (:Lonely)`, { bytes: new Int8Array([-128, 0, 127]) });
    const before = await dump();
    const schemaBefore = await schema();
    const nodes = await scalar('MATCH (n) RETURN count(n)');
    const relationships = await scalar('MATCH ()-[r]->() RETURN count(r)');

    const file = join(dir, 'seeded.graph.ndjson.gz');
    const r = recorder();
    const saved = await saveGraphSnapshot(driver, file, { signal, report: r.report });
    expect(saved).toMatchObject({ file, nodes, relationships, constraints: 4, indexes: 1 });
    expect(saved.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(saved.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.progress.at(-1)).toEqual({ done: nodes + relationships, total: nodes + relationships, unit: 'rows' });

    // Behind the snapshot's back: data deleted and added, the vector index dropped, another index made.
    await driver.executeQuery("MATCH (a:Atom) WHERE a.topic = 0 DETACH DELETE a");
    await driver.executeQuery("CREATE (:Stranger {name: 'not in the snapshot'})");
    await driver.executeQuery('DROP INDEX atom_embedding');
    await driver.executeQuery('CREATE INDEX stranger_name FOR (s:Stranger) ON (s.name)');
    expect(await dump()).not.toEqual(before);

    const restored = await restoreGraphSnapshot(driver, testNeo4j(), file, { signal, report: recorder().report, yes: true, batchSize: 64 });
    expect(restored).toEqual({ nodes, relationships, constraints: 4, indexes: 1 });
    expect(await dump()).toEqual(before);
    expect(await schema()).toEqual(schemaBefore);

    // The embeddings are float32 again, bit for bit: the vector index finds each atom as its own nearest.
    const { records } = await driver.executeQuery(`
      MATCH (a:Atom) WITH a ORDER BY a.key LIMIT 3
      CALL db.index.vector.queryNodes('atom_embedding', 1, a.embedding) YIELD node, score
      RETURN a.key = node.key AS same, score`);
    expect(records.map((rec) => rec.get('same'))).toEqual([true, true, true]);
    const { records: typed } = await driver.executeQuery('MATCH (x:Probe) RETURN valueType(x.int) AS i, valueType(x.float) AS f, valueType(x.ints) AS li, valueType(x.at) AS at, valueType(x.span) AS d, valueType(x.where) AS p');
    expect(typed[0]?.toObject()).toEqual({ i: 'INTEGER NOT NULL', f: 'FLOAT NOT NULL', li: 'LIST<INTEGER NOT NULL> NOT NULL', at: 'ZONED DATETIME NOT NULL', d: 'DURATION NOT NULL', p: 'POINT NOT NULL' });
  });

  it('refuses a file cut short or damaged before the graph is touched', async () => {
    await resetGraph(driver, testNeo4j(), { signal, yes: true });
    await driver.executeQuery("CREATE (:Keep {n: 1})-[:TO]->(:Keep {n: 2})");
    const file = join(dir, 'small.graph.ndjson.gz');
    await saveGraphSnapshot(driver, file, { signal });
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    await driver.executeQuery("CREATE (:Current)");
    const current = await dump();

    const cut = join(dir, 'cut.graph.ndjson.gz');
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    const error = await restoreGraphSnapshot(driver, testNeo4j(), cut, { signal, yes: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({ message: `The graph snapshot ${cut} ends before its last line (it was cut short)`, code: 'snapshot-graph-format' });

    const other = join(dir, 'other.graph.ndjson.gz');
    writeFileSync(other, gzipSync('{"format":"something else"}\n'));
    await expect(restoreGraphSnapshot(driver, testNeo4j(), other, { signal, yes: true })).rejects.toMatchObject({ message: `The graph snapshot ${other} is not a hart-dev graph snapshot` });
    expect(await dump()).toEqual(current);
  });

  it('refuses to replace a Neo4j that is not on this machine without --yes, before reading anything', async () => {
    const remote = { ...testNeo4j(), url: 'bolt://graph.example.com:7687' };
    await expect(restoreGraphSnapshot(driver, remote, join(dir, 'none.gz'), { signal, yes: false })).rejects.toMatchObject({ code: 'neo4j-reset-remote', exitCode: 2 });
  });
});
