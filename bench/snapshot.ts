// npm run bench:snapshot — save and restore times of a snapshot, measured in this run (never made up):
//   graph part against a real Neo4j Community 5.26 (the test server, or HART_TEST_NEO4J_URL when one
//   is running): the seeded graph (--atoms N × --dim D, default the seed's 2,000 × 1,536, k = 5 SIMILAR_TO edges), saved to a file and
//   restored, beside the baseline of seeding the same graph from scratch (restore ÷ seed is the ratio);
//   SQL part where a server is reachable (the local container with HART_SQL_SA_PASSWORD, or
//   HART_SQL_URL with HART_SQL_BACKUP_DIR): `hart-dev snapshot save|restore --only sql` of the deployed
//   database through the built CLI. Target: each ≤ 5 s for the seeded stack.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openGraph } from '../src/neo4j/connect.js';
import type { Neo4jEndpoint } from '../src/neo4j/endpoint.js';
import { graphSeedData } from '../src/neo4j/graph-data.js';
import { seedGraph } from '../src/neo4j/graph-seed.js';
import { restoreGraphSnapshot, saveGraphSnapshot } from '../src/neo4j/graph-snapshot.js';
import { resetGraph } from '../src/neo4j/reset.js';
import { applyGraphSchema } from '../src/neo4j/schema.js';
import { buildNeo4jTestServer, startNeo4jTestServer, type Neo4jTestServer } from '../test/neo4j-server/server.js';

const { values } = parseArgs({ options: { atoms: { type: 'string', default: '2000' }, dim: { type: 'string', default: '1536' } } });
const ATOMS = Number(values.atoms);
const DIM = Number(values.dim);
const signal = new AbortController().signal;
const sqlDir = fileURLToPath(new URL('../sql', import.meta.url));
const cli = fileURLToPath(new URL('../bin/hart-dev.js', import.meta.url));

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function graphPart(): Promise<void> {
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
  const dir = mkdtempSync(join(tmpdir(), 'hart-bench-snapshot-'));
  const driver = await openGraph(endpoint, { signal, timeoutMs: 60_000 });
  try {
    console.error(`Seeding ${ATOMS} atoms × ${DIM} dims (the baseline)…`);
    await resetGraph(driver, endpoint, { signal, yes: true });
    await applyGraphSchema(driver, { sqlDir, dimension: DIM, signal });
    const data = graphSeedData({ count: ATOMS, dim: DIM, topics: 8, seed: 20240917 }, 5);
    const seedStarted = performance.now();
    await seedGraph(driver, data, { signal });
    const seedMs = performance.now() - seedStarted;
    const file = join(dir, 'bench.graph.ndjson.gz');
    const saveStarted = performance.now();
    const saved = await saveGraphSnapshot(driver, file, { signal });
    const saveMs = performance.now() - saveStarted;
    const restoreStarted = performance.now();
    const restored = await restoreGraphSnapshot(driver, endpoint, file, { signal, yes: true });
    const restoreMs = performance.now() - restoreStarted;
    console.log(`graph: ${saved.nodes} nodes, ${saved.relationships} relationships, file ${megabytes(saved.bytes)}`);
    console.log(`  seed from scratch (baseline)  ${seconds(seedMs)}`);
    console.log(`  snapshot save                 ${seconds(saveMs)}  (${(saveMs / seedMs).toFixed(2)}× the seed)`);
    console.log(`  snapshot restore              ${seconds(restoreMs)}  (${(restoreMs / seedMs).toFixed(2)}× the seed; ${restored.nodes} nodes, ${restored.indexes} indexes online)`);
  } finally {
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, timeout: 3000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function hart(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args, '--json', '--yes'], { encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`hart-dev ${args.join(' ')} exited with ${String(result.status)}: ${result.stderr.slice(-2000)}`);
  return performance.now() - started;
}

async function sqlPart(): Promise<void> {
  const url = process.env['HART_SQL_URL'];
  const host = url !== undefined && url !== '' ? new URL(url).hostname : '127.0.0.1';
  const port = url !== undefined && url !== '' ? Number(new URL(url).port || 1433) : Number(process.env['HART_SQL_PORT'] ?? 1433);
  if ((url === undefined || url === '') && process.env['HART_SQL_SA_PASSWORD'] === undefined) {
    console.log('sql: not measured — no SQL Server is configured (set HART_SQL_SA_PASSWORD for the local container after `hart-dev up`, or HART_SQL_URL with HART_SQL_BACKUP_DIR)');
    return;
  }
  if (!(await reachable(host, port))) {
    console.log(`sql: not measured — no SQL Server answers at ${host}:${port}`);
    return;
  }
  const saveMs = hart(['snapshot', 'save', 'bench-snapshot', '--only', 'sql']);
  const restoreMs = hart(['snapshot', 'restore', 'bench-snapshot', '--only', 'sql']);
  hart(['snapshot', 'delete', 'bench-snapshot']);
  console.log(`sql (${host}:${port}, whole command incl. start-up)`);
  console.log(`  snapshot save     ${seconds(saveMs)}  (target ≤ 5 s)`);
  console.log(`  snapshot restore  ${seconds(restoreMs)}  (target ≤ 5 s)`);
}

await graphPart();
await sqlPart();
