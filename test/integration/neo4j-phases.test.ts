// The Neo4j phases against a real Neo4j Community 5.26 (the suite's test server), in external-Neo4j
// mode (HART_NEO4J_URL): schema, seed, verify, reset, and the errors a user can meet.
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HartError, InterruptedError } from '../../src/engine/errors.js';
import { openGraph } from '../../src/neo4j/connect.js';
import { expectedGraphCounts } from '../../src/neo4j/graph-data.js';
import { resetGraph } from '../../src/neo4j/reset.js';
import { countGraph } from '../../src/neo4j/verify.js';
import { neo4jResetPhase } from '../../src/phases/neo4j-reset.js';
import { neo4jSchemaPhase } from '../../src/phases/neo4j-schema.js';
import { neo4jSeedPhase } from '../../src/phases/neo4j-seed.js';
import { neo4jVerifyPhase } from '../../src/phases/neo4j-verify.js';
import type { UpContext } from '../../src/phases/context.js';
import { SAMPLE_KEY_PREFIX } from '../../src/seed/embeddings.js';
import { setDeployOptions } from '../../src/sqlserver/deploy-run.js';
import { BILLING_PLANS, DEFAULT_TENANT } from '../../src/seed/fixed-data.js';
import { contextOf, externalConfig, recorder, removeConfigFolders, testNeo4j } from './neo4j-support.js';

const SETTINGS = { count: 300, dim: 64, topics: 6, seed: 11 };
const signal = new AbortController().signal;
let driver: Driver;

async function scalar(query: string): Promise<number> {
  const { records } = await driver.executeQuery(query);
  return neo4j.integer.toNumber(records[0]?.get(0));
}

async function run(phase: { run: (ctx: UpContext, args: { signal: AbortSignal; report: ReturnType<typeof recorder>['report'] }) => Promise<unknown> }, ctx: UpContext) {
  const r = recorder();
  const outcome = await phase.run(ctx, { signal, report: r.report });
  return { outcome, ...r };
}

/** Everything that defines the seeded graph, in a stable order. */
async function fingerprint(): Promise<unknown> {
  const { records } = await driver.executeQuery(`
    MATCH (a:Atom) OPTIONAL MATCH (a)-[s:SIMILAR_TO]->(b:Atom)
    WITH a, s, b ORDER BY a.key, s.rank
    RETURN a.key AS key, a.topic AS topic, size(a.embedding) AS dim, collect([b.key, s.rank, s.score]) AS edges
    ORDER BY key`);
  return records.map((r) => r.toObject());
}

beforeAll(async () => {
  driver = await openGraph(testNeo4j(), { signal, timeoutMs: 60_000 });
});
afterAll(async () => {
  removeConfigFolders();
  await driver.close();
});
beforeEach(async () => {
  await resetGraph(driver, testNeo4j(), { signal, yes: true });
});

describe('neo4j phases in external-Neo4j mode', () => {
  it('applies the schema, seeds the graph mirrored from the SQL seed settings, and verifies it', async () => {
    const ctx = contextOf(externalConfig(SETTINGS));
    const schema = await run(neo4jSchemaPhase, ctx);
    expect(schema.outcome).toEqual({ status: 'done', message: 'Schema applied (5 statements, indexes online)' });

    const { records: indexes } = await driver.executeQuery("SHOW VECTOR INDEXES YIELD name, state, options WHERE name = 'atom_embedding' RETURN name, state, options");
    expect(indexes.map((r) => [r.get('name'), r.get('state')])).toEqual([['atom_embedding', 'ONLINE']]);
    const config: unknown = indexes[0]?.get('options');
    expect(JSON.stringify(config, (_k, v: unknown) => (neo4j.isInt(v) ? v.toNumber() : v))).toContain('"vector.dimensions":64');

    const seed = await run(neo4jSeedPhase, ctx);
    expect(seed.outcome).toEqual({ status: 'done', message: 'Graph seeded: 300 atoms, 1500 SIMILAR_TO edges' });
    const last = seed.progress.at(-1);
    expect(last).toEqual({ done: 3 + 1 + 300 + 1500, total: 3 + 1 + 300 + 1500, unit: 'rows' });

    const counts = await countGraph(driver, { tenantKey: DEFAULT_TENANT.key, tenantId: DEFAULT_TENANT.id, planCodes: BILLING_PLANS.map((p) => p.code), keyPrefix: SAMPLE_KEY_PREFIX });
    expect(counts).toEqual(expectedGraphCounts(SETTINGS, 5));
    expect(counts).toEqual({ tenants: 1, plans: 3, atoms: 300, ownedBy: 300, subscribesTo: 1, similarTo: 1500 });

    // Integers are Neo4j integers, not floats: the tenant id and topics compare with integer literals.
    const { records: typed } = await driver.executeQuery(
      "MATCH (t:Tenant {id: 1})<-[:OWNED_BY]-(a:Atom {topic: 0})-[s:SIMILAR_TO {rank: 1}]->(b:Atom) RETURN count(a) AS n, min(s.score) AS low, max(s.score) AS high, collect(DISTINCT b.topic) AS topics",
    );
    expect(neo4j.integer.toNumber(typed[0]?.get('n'))).toBe(50);
    expect(typed[0]?.get('topics').map((t: unknown) => neo4j.integer.toNumber(neo4j.isInt(t) ? t : 0))).toEqual([0]);
    expect(typed[0]?.get('low')).toBeGreaterThan(0.3);

    const verify = await run(neo4jVerifyPhase, ctx);
    expect(verify.outcome).toEqual({ status: 'done', message: 'Graph matches the seed: 300 atoms, 1500 SIMILAR_TO edges; vector query checked for 3 topics' });
  });

  it('writes nothing when seeded twice with the same settings, and says so', async () => {
    const ctx = contextOf(externalConfig(SETTINGS));
    await run(neo4jSchemaPhase, ctx);
    await run(neo4jSeedPhase, ctx);
    const first = await fingerprint();
    // A mark on every atom and edge: a second seed that wrote them would clear it.
    await driver.executeQuery('MATCH (a:Atom) SET a.text = "marked" WITH a MATCH (a)-[s:SIMILAR_TO]->() SET s.score = -1.0');
    await run(neo4jSchemaPhase, ctx);
    const second = await run(neo4jSeedPhase, ctx);
    expect(second.outcome).toEqual({ status: 'skipped', reason: 'Unchanged since last run: nothing written' });
    expect(second.progress).toEqual([]);
    expect(await scalar("MATCH (a:Atom) WHERE a.text <> 'marked' RETURN count(a)")).toBe(0);
    expect(await scalar('MATCH (:Atom)-[s:SIMILAR_TO]->() WHERE s.score <> -1.0 RETURN count(s)')).toBe(0);
    expect(await scalar('MATCH (a:Atom) RETURN count(a)')).toBe(300);

    // `hart-dev seed` writes anyway, and leaves the same graph as the first seed.
    const forced = contextOf(externalConfig(SETTINGS));
    setDeployOptions(forced, { forceSeed: true });
    expect((await run(neo4jSeedPhase, forced)).outcome).toEqual({ status: 'done', message: 'Graph seeded: 300 atoms, 1500 SIMILAR_TO edges' });
    expect(await fingerprint()).toEqual(first);
  });

  it('a seed stopped halfway is not taken for done: the next run writes', async () => {
    const ctx = contextOf(externalConfig(SETTINGS));
    await run(neo4jSchemaPhase, ctx);
    await run(neo4jSeedPhase, ctx);
    // Another seed of the same settings, stopped after its first batch (Ctrl-C).
    const stop = new AbortController();
    const r = recorder();
    const stopped = await neo4jSeedPhase
      .run(contextOf(externalConfig({ ...SETTINGS, seed: 12 })), { signal: stop.signal, report: { ...r.report, progress: () => stop.abort() } })
      .catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(InterruptedError);
    expect(await scalar('MATCH (j:HartDevJournal) RETURN count(j)')).toBe(0);
    const again = await run(neo4jSeedPhase, ctx);
    expect(again.outcome).toEqual({ status: 'done', message: 'Graph seeded: 300 atoms, 1500 SIMILAR_TO edges' });
    await expect(run(neo4jVerifyPhase, ctx)).resolves.toMatchObject({ outcome: { status: 'done' } });
  });

  it('leaves the same graph when seeded twice, and follows changed settings', async () => {
    const ctx = contextOf(externalConfig(SETTINGS));
    setDeployOptions(ctx, { forceSeed: true });
    await run(neo4jSchemaPhase, ctx);
    await run(neo4jSeedPhase, ctx);
    const first = await fingerprint();
    await run(neo4jSchemaPhase, ctx);
    await run(neo4jSeedPhase, ctx);
    expect(await fingerprint()).toEqual(first);

    // Fewer atoms and k = 2: old sample atoms and their edges go, and verify agrees.
    const smaller = contextOf(externalConfig({ ...SETTINGS, count: 120 }, { HART_NEO4J_SIMILAR_K: '2' }));
    const seed = await run(neo4jSeedPhase, smaller);
    expect(seed.outcome).toEqual({ status: 'done', message: 'Graph seeded: 120 atoms, 240 SIMILAR_TO edges, 180 old sample atoms removed' });
    await expect(run(neo4jVerifyPhase, smaller)).resolves.toMatchObject({ outcome: { status: 'done' } });
  });

  it('recreates the vector index when the embedding dimension changes', async () => {
    await run(neo4jSchemaPhase, contextOf(externalConfig(SETTINGS)));
    const changed = await run(neo4jSchemaPhase, contextOf(externalConfig({ ...SETTINGS, dim: 32 })));
    expect(changed.outcome).toEqual({ status: 'done', message: 'Schema applied (5 statements, indexes online; recreated atom_embedding for 32 dimensions)' });
    const { records } = await driver.executeQuery("SHOW VECTOR INDEXES YIELD options RETURN options.indexConfig['vector.dimensions'] AS dim");
    expect(neo4j.integer.toNumber(records[0]?.get('dim'))).toBe(32);
  });

  it('verify names what differs when the graph does not match the seed', async () => {
    const ctx = contextOf(externalConfig(SETTINGS));
    await run(neo4jSchemaPhase, ctx);
    await run(neo4jSeedPhase, ctx);
    await driver.executeQuery("MATCH (:Atom {key: 'sample-000007'})-[s:SIMILAR_TO]->() DELETE s");
    await driver.executeQuery("MATCH (p:Plan {code: 'free'}) DETACH DELETE p");
    const error = await run(neo4jVerifyPhase, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({
      message: 'The Neo4j graph does not match the SQL seed',
      code: 'neo4j-verify-counts',
      details: ['Plan nodes: 2 in Neo4j, expected 3', 'SIMILAR_TO edges: 1495 in Neo4j, expected 1500'],
    });
  });

  it('reset empties the graph in batches, and schema + seed build it again', async () => {
    const ctx = contextOf(externalConfig(SETTINGS));
    await run(neo4jSchemaPhase, ctx);
    await run(neo4jSeedPhase, ctx);
    const reset = await run(neo4jResetPhase, ctx);
    // 3 plans, the tenant, 300 atoms and the journal node of the seed.
    expect(reset.outcome).toEqual({ status: 'done', message: 'Graph emptied (305 nodes deleted)' });
    expect(reset.progress.at(-1)).toEqual({ done: 305, total: 305, unit: 'nodes' });
    const { records } = await driver.executeQuery('MATCH (n) RETURN count(n) AS n');
    expect(neo4j.integer.toNumber(records[0]?.get('n'))).toBe(0);
    expect(await run(neo4jResetPhase, ctx)).toMatchObject({ outcome: { status: 'skipped', reason: 'The graph was already empty' } });
    await run(neo4jSchemaPhase, ctx);
    // The journal went with the graph: the seed after a reset writes.
    expect((await run(neo4jSeedPhase, ctx)).outcome).toEqual({ status: 'done', message: 'Graph seeded: 300 atoms, 1500 SIMILAR_TO edges' });
    await expect(run(neo4jVerifyPhase, ctx)).resolves.toMatchObject({ outcome: { status: 'done' } });
  });
});

describe('neo4j errors a user meets', () => {
  it('a wrong password fails at once with what to do', async () => {
    const ctx = contextOf(externalConfig(SETTINGS, { HART_NEO4J_PASSWORD: 'not-the-password' }));
    const started = Date.now();
    const error = await run(neo4jSchemaPhase, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: `Neo4j at ${testNeo4j().url} rejects user "neo4j": wrong user name or password`,
      hint: `Check HART_NEO4J_USER and HART_NEO4J_PASSWORD for ${testNeo4j().url}.`,
      code: 'neo4j-unauthorized',
    });
    // No retry loop until the readiness deadline (20 s here).
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an unreachable server fails at the deadline with the URL and a hint', async () => {
    const ctx = contextOf(externalConfig(SETTINGS, { HART_NEO4J_URL: 'bolt://127.0.0.1:1', HART_READY_TIMEOUT: '2' }));
    const error = await run(neo4jSchemaPhase, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({
      code: 'neo4j-unreachable',
      message: expect.stringMatching(/^Can't reach Neo4j at bolt:\/\/127\.0\.0\.1:1 after \d+ s: /),
      hint: expect.stringContaining('HART_NEO4J_URL'),
    });
  });

  it('a remote server is not emptied without --yes', async () => {
    const ctx = contextOf(externalConfig(SETTINGS, { HART_NEO4J_URL: 'bolt://graph.example.com:7687' }));
    await expect(run(neo4jResetPhase, ctx)).rejects.toMatchObject({
      message: 'Refusing to empty the Neo4j at bolt://graph.example.com:7687: it is not on this machine',
      code: 'neo4j-reset-remote',
    });
  });
});
