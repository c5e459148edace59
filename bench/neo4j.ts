// npm run bench:neo4j — the graph seed against a real Neo4j Community 5.26 (the test server, or
// HART_TEST_NEO4J_URL when one is running): 10,000 atoms with 1,536-dim embeddings and 50,000
// SIMILAR_TO edges, batched, beside the same data written one query per row (measured on a
// 1,000-atom slice in the same run and scaled). Targets: ≤ 20 s for the full seed, ≥ 10× per-row.
// Options: --atoms N (10000), --dim D (1536), --slice N (1000).
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { openGraph } from '../src/neo4j/connect.js';
import type { Neo4jEndpoint } from '../src/neo4j/endpoint.js';
import { graphSeedData, type GraphSeedData } from '../src/neo4j/graph-data.js';
import { seedGraph, toFloatList, UPSERT_PLANS, UPSERT_TENANT } from '../src/neo4j/graph-seed.js';
import { nearestNeighbours } from '../src/neo4j/knn.js';
import { resetGraph } from '../src/neo4j/reset.js';
import { applyGraphSchema } from '../src/neo4j/schema.js';
import { buildNeo4jTestServer, startNeo4jTestServer, type Neo4jTestServer } from '../test/neo4j-server/server.js';

const { values } = parseArgs({ options: { atoms: { type: 'string', default: '10000' }, dim: { type: 'string', default: '1536' }, slice: { type: 'string', default: '1000' } } });
const ATOMS = Number(values.atoms);
const DIM = Number(values.dim);
const SLICE = Math.min(Number(values.slice), ATOMS);
const K = 5;
const signal = new AbortController().signal;
const sqlDir = new URL('../sql', import.meta.url).pathname;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function prepare(driver: Driver, endpoint: Neo4jEndpoint): Promise<void> {
  await resetGraph(driver, endpoint, { signal, yes: true });
  await applyGraphSchema(driver, { sqlDir, dimension: DIM, signal });
}

/** The same rows, one auto-commit query each: what a naive loader does. */
async function perRow(driver: Driver, data: GraphSeedData): Promise<number> {
  const knn = await nearestNeighbours({ vectors: data.atoms.map((a) => a.vector), groups: data.atoms.map((a) => a.topic), k: K });
  const session = driver.session();
  const started = performance.now();
  try {
    const tenantId = neo4j.int(data.tenant.id);
    for (const p of data.plans) {
      await session.run(UPSERT_PLANS, { rows: [{ ...p, monthlyPriceCents: neo4j.int(p.monthlyPriceCents), monthlyRequestQuota: neo4j.int(p.monthlyRequestQuota), monthlyTokenQuota: neo4j.int(p.monthlyTokenQuota), maxAtoms: neo4j.int(p.maxAtoms), requestsPerMinute: neo4j.int(p.requestsPerMinute) }] });
    }
    const t = data.tenant;
    await session.run(UPSERT_TENANT, { tenant: { key: t.key, id: tenantId, guid: t.guid, name: t.name, planCode: t.planCode } });
    for (const a of data.atoms) {
      await session.run(
        `MATCH (t:Tenant {id: $tenantId})
         MERGE (a:Atom {tenantId: $tenantId, key: $key})
         SET a.topic = $topic, a.topicName = $topicName, a.text = $text
         WITH t, a
         CALL db.create.setNodeVectorProperty(a, 'embedding', $embedding)
         MERGE (a)-[:OWNED_BY]->(t)`,
        { tenantId, key: a.key, topic: neo4j.int(a.topic), topicName: a.topicName, text: a.text, embedding: toFloatList(a.vector) },
      );
    }
    for (let i = 0; i < data.atoms.length; i++) {
      for (let r = 0; r < knn.k; r++) {
        const b = data.atoms[knn.index[i * knn.k + r] ?? -1];
        if (b === undefined) continue;
        await session.run(
          `MATCH (a:Atom {tenantId: $tenantId, key: $from}), (b:Atom {tenantId: $tenantId, key: $to})
           CREATE (a)-[:SIMILAR_TO {score: $score, rank: $rank}]->(b)`,
          { tenantId, from: data.atoms[i]?.key ?? '', to: b.key, score: knn.score[i * knn.k + r] ?? 0, rank: neo4j.int(r + 1) },
        );
      }
    }
  } finally {
    await session.close();
  }
  return performance.now() - started;
}

let server: Neo4jTestServer | undefined;
let endpoint: Neo4jEndpoint;
const existing = process.env['HART_TEST_NEO4J_URL'];
if (existing !== undefined && existing !== '') {
  endpoint = { url: existing, user: process.env['HART_TEST_NEO4J_USER'] ?? 'neo4j', password: process.env['HART_TEST_NEO4J_PASSWORD'] ?? 'hart-test-password', external: true };
} else {
  buildNeo4jTestServer();
  console.error('Starting the Neo4j test server…');
  server = await startNeo4jTestServer({ heap: '1500m', settings: ['server.memory.pagecache.size=512m'] });
  endpoint = { url: server.url, user: server.user, password: server.password, external: true };
}
const driver = await openGraph(endpoint, { signal, timeoutMs: 60_000 });
try {
  const settings = { count: ATOMS, dim: DIM, topics: 8, seed: 20240917 };
  console.error(`Generating ${ATOMS} atoms × ${DIM} dims…`);
  const data = graphSeedData(settings, K);

  // Warm-up (JIT on both sides) on a small slice; not timed.
  await prepare(driver, endpoint);
  await seedGraph(driver, { ...data, atoms: data.atoms.slice(0, 200) }, { signal });

  // The slice measurements run first: the server's JVM is then past its JIT warm-up (C2 compiling
  // Bolt decoding, the store and Lucene's HNSW code) when the full seed is timed, as on a server
  // that has been up a while. On a freshly started JVM the same seed takes ~1.5–2× as long here.
  await prepare(driver, endpoint);
  const slice = { ...data, atoms: data.atoms.slice(0, SLICE) };
  console.error(`Per-row writes: ${SLICE} atoms, ${SLICE * K} edges…`);
  const sliceMs = await perRow(driver, slice);
  const perRowScaled = sliceMs * (ATOMS / SLICE);

  // The batched writer on the same slice, for a like-for-like ratio as well.
  await prepare(driver, endpoint);
  const sliceBatched = await seedGraph(driver, slice, { signal });

  await prepare(driver, endpoint);
  console.error(`Batched seed: ${ATOMS} atoms, ${ATOMS * K} SIMILAR_TO edges…`);
  const started = performance.now();
  const result = await seedGraph(driver, data, { signal });
  const batchedMs = performance.now() - started;

  const ratio = perRowScaled / batchedMs;
  console.log(`Neo4j graph seed (${endpoint.url}), ${ATOMS} atoms × ${DIM} dims, ${result.similarTo} SIMILAR_TO edges`);
  console.log(`  batched seed, wall time:          ${seconds(batchedMs)}  (k-NN ${seconds(result.timings.neighboursMs)}, writes ${seconds(result.timings.writeMs)})  target ≤ 20 s: ${batchedMs <= 20_000 ? 'met' : 'MISSED'}`);
  console.log(`  per-row, ${SLICE}-atom slice:        ${seconds(sliceMs)}  → scaled to ${ATOMS}: ${seconds(perRowScaled)}`);
  console.log(`  batched, ${SLICE}-atom slice:        ${seconds(sliceBatched.timings.neighboursMs + sliceBatched.timings.writeMs)}  (writes ${seconds(sliceBatched.timings.writeMs)}; per-row/batched on the slice: ${(sliceMs / sliceBatched.timings.writeMs).toFixed(1)}×)`);
  console.log(`  speed-up vs per-row (scaled):      ${ratio.toFixed(1)}×  target ≥ 10×: ${ratio >= 10 ? 'met' : 'MISSED'}`);
  await resetGraph(driver, endpoint, { signal, yes: true });
} finally {
  await driver.close();
  await server?.stop();
}
