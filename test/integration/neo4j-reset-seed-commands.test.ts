// `hart-dev reset` and `hart-dev seed`, run as commands against the suite's real Neo4j in
// external-Neo4j mode, with only the Neo4j phases selected: preflight runs and needs no Docker
// (DOCKER_HOST names a socket nobody listens on), and the SQL Server chain is not part of these runs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run as reset } from '../../src/cli/reset.js';
import { run as seed } from '../../src/cli/seed.js';
import { run as up } from '../../src/cli/up.js';
import type { CommandIo } from '../../src/cli/io.js';
import type { HartEvent } from '../../src/engine/events.js';
import { openGraph } from '../../src/neo4j/connect.js';
import { expectedGraphCounts } from '../../src/neo4j/graph-data.js';
import { resetGraph } from '../../src/neo4j/reset.js';
import { applyGraphSchema } from '../../src/neo4j/schema.js';
import { countGraph } from '../../src/neo4j/verify.js';
import { SAMPLE_KEY_PREFIX } from '../../src/seed/embeddings.js';
import { BILLING_PLANS, DEFAULT_TENANT } from '../../src/seed/fixed-data.js';
import { REPO, testNeo4j } from './neo4j-support.js';

const SETTINGS = { count: 120, dim: 32, topics: 4, seed: 7 };
/** Only the graph: the Neo4j phases use HART_NEO4J_URL, so preflight checks no Docker and no EULA. */
const GRAPH_ONLY: string[] = [];
const signal = new AbortController().signal;
const folders: string[] = [];
let driver: Driver;

function command(): { io: CommandIo; events: () => HartEvent[] } {
  const cwd = mkdtempSync(join(tmpdir(), 'hart-neo4j-commands-'));
  folders.push(cwd);
  const seeds = join(cwd, 'seeds');
  mkdirSync(seeds);
  writeFileSync(join(seeds, 'embeddings.json'), JSON.stringify(SETTINGS));
  const server = testNeo4j();
  let out = '';
  const io: CommandIo = {
    stdout: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out += chunk.toString();
        callback();
      },
    }),
    stderr: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    env: {
      HART_NEO4J_URL: server.url,
      HART_NEO4J_USER: server.user,
      HART_NEO4J_PASSWORD: server.password,
      HART_SQL_SA_PASSWORD: 'Str0ng.Passw0rd!',
      DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}`,
      HART_SQL_DIR: join(REPO, 'sql'),
      HART_SEEDS_DIR: seeds,
      HART_READY_TIMEOUT: '20',
    },
    cwd,
    stderrIsTTY: false,
    stdinIsTTY: false,
    signal,
  };
  const events = (): HartEvent[] => out.trim().split('\n').map((line): HartEvent => JSON.parse(line));
  return { io, events };
}

/** "id: status (message)" of every finished phase. */
function allOutcomes(events: HartEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'phase-finished' ? [`${e.id}: ${e.status}${e.message === undefined ? '' : ` (${e.message})`}`] : []));
}

/** The same, of the graph's own phases (neo4j-…), after preflight and the readiness check of the neo4j phase. */
function outcomes(events: HartEvent[]): string[] {
  const all = allOutcomes(events);
  expect(all.slice(0, 2).map((line) => line.split(' (')[0])).toEqual(['preflight: done', 'neo4j: done']);
  return all.filter((line) => line.startsWith('neo4j-'));
}

async function scalar(query: string): Promise<number> {
  const { records } = await driver.executeQuery(query);
  return neo4j.integer.toNumber(records[0]?.get(0));
}

const counts = () => countGraph(driver, { tenantKey: DEFAULT_TENANT.key, tenantId: DEFAULT_TENANT.id, planCodes: BILLING_PLANS.map((p) => p.code), keyPrefix: SAMPLE_KEY_PREFIX });

beforeAll(async () => {
  driver = await openGraph(testNeo4j(), { signal, timeoutMs: 60_000 });
});
afterAll(async () => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  await driver.close();
});
beforeEach(async () => {
  await resetGraph(driver, testNeo4j(), { signal, yes: true });
  // The server is shared with other test files, which leave the vector index at their own dimension:
  // start from this file's dimension so the schema phase's outcome does not depend on file order.
  await applyGraphSchema(driver, { sqlDir: join(REPO, 'sql'), dimension: SETTINGS.dim, signal });
});

describe('reset and seed commands on the graph (real Neo4j, external mode)', () => {
  it('reset empties the graph, applies the schema and seeds it again; a second reset replaces the nodes', async () => {
    await driver.executeQuery('UNWIND range(1, 1234) AS i CREATE (:Scratch {i: i})');
    const first = command();
    expect(await reset(['--yes', '--json', '--only', 'neo4j-verify', ...GRAPH_ONLY], first.io)).toBe(0);
    expect(outcomes(first.events())).toEqual([
      'neo4j-reset: done (Graph emptied (1234 nodes deleted))',
      'neo4j-schema: done (Schema applied (5 statements, indexes online))',
      'neo4j-seed: done (Graph seeded: 120 atoms, 600 SIMILAR_TO edges)',
      'neo4j-verify: done (Graph matches the seed: 120 atoms, 600 SIMILAR_TO edges; vector query checked for 3 topics)',
    ]);
    expect(await scalar('MATCH (n:Scratch) RETURN count(n)')).toBe(0);
    expect(await counts()).toEqual(expectedGraphCounts(SETTINGS, 5));

    // A mark on a seeded atom is gone after the next reset: the nodes were deleted and created again, not merged.
    await driver.executeQuery('MATCH (a:Atom) SET a.marked = true');
    const second = command();
    expect(await reset(['--yes', '--json', '--only', 'neo4j-seed', ...GRAPH_ONLY], second.io)).toBe(0);
    // The tenant, the plans, the atoms and the journal node of the seed.
    expect(outcomes(second.events())[0]).toBe(`neo4j-reset: done (Graph emptied (${1 + BILLING_PLANS.length + SETTINGS.count + 1} nodes deleted))`);
    expect(outcomes(second.events())).toContain('neo4j-seed: done (Graph seeded: 120 atoms, 600 SIMILAR_TO edges)');
    expect(await scalar('MATCH (a:Atom) WHERE a.marked IS NOT NULL RETURN count(a)')).toBe(0);
    expect(await counts()).toEqual(expectedGraphCounts(SETTINGS, 5));
  });

  it('with the service phases skipped, a failed preflight (the payload folder is missing) stops reset before the graph is touched', async () => {
    await driver.executeQuery('UNWIND range(1, 25) AS i CREATE (:Scratch {i: i})');
    const run = command();
    run.io.env.HART_SQL_DIR = join(run.io.cwd, 'no-such-sql');
    expect(await reset(['--yes', '--json', '--only', 'neo4j-reset', '--skip', 'containers'], run.io)).not.toBe(0);
    const finished = allOutcomes(run.events());
    expect(finished.filter((line) => line.startsWith('preflight: failed'))).toHaveLength(1);
    expect(finished.some((line) => line.startsWith('neo4j-reset: done'))).toBe(false);
    expect(await scalar('MATCH (n:Scratch) RETURN count(n)')).toBe(25);
  });

  it('reset --no-seed leaves an empty graph with its schema', async () => {
    const seeded = command();
    expect(await reset(['--yes', '--json', '--only', 'neo4j-seed', ...GRAPH_ONLY], seeded.io)).toBe(0);
    const empty = command();
    expect(await reset(['--yes', '--json', '--no-seed', '--only', 'neo4j-schema', ...GRAPH_ONLY], empty.io)).toBe(0);
    expect(outcomes(empty.events()).map((line) => line.split(' (')[0])).toEqual(['neo4j-reset: done', 'neo4j-schema: done']);
    expect(await scalar('MATCH (n) RETURN count(n)')).toBe(0);
    expect(await scalar("SHOW VECTOR INDEXES YIELD name, state WHERE name = 'atom_embedding' AND state = 'ONLINE' RETURN count(*)")).toBe(1);
  });

  it('a second up writes nothing to the graph and says so; seed and reset still write', async () => {
    const first = command();
    expect(await up(['--json', '--only', 'neo4j-verify', ...GRAPH_ONLY], first.io)).toBe(0);
    expect(outcomes(first.events())).toContain('neo4j-seed: done (Graph seeded: 120 atoms, 600 SIMILAR_TO edges)');
    await driver.executeQuery("MATCH (a:Atom) SET a.text = 'marked'");

    const second = command();
    expect(await up(['--json', '--only', 'neo4j-verify', ...GRAPH_ONLY], second.io)).toBe(0);
    expect(outcomes(second.events())).toEqual([
      'neo4j-schema: done (Schema applied (5 statements, indexes online))',
      'neo4j-seed: skipped (Unchanged since last run: nothing written)',
      'neo4j-verify: done (Graph matches the seed: 120 atoms, 600 SIMILAR_TO edges; vector query checked for 3 topics)',
    ]);
    expect(second.events().some((e) => e.type === 'phase-progress' && e.id === 'neo4j-seed')).toBe(false);
    expect(await scalar("MATCH (a:Atom) WHERE a.text = 'marked' RETURN count(a)")).toBe(SETTINGS.count);

    const seeded = command();
    expect(await seed(['--json', '--only', 'neo4j-seed', ...GRAPH_ONLY], seeded.io)).toBe(0);
    expect(outcomes(seeded.events())).toContain('neo4j-seed: done (Graph seeded: 120 atoms, 600 SIMILAR_TO edges)');
    expect(await scalar("MATCH (a:Atom) WHERE a.text = 'marked' RETURN count(a)")).toBe(0);

    await driver.executeQuery("MATCH (a:Atom) SET a.text = 'marked'");
    const reseeded = command();
    expect(await reset(['--yes', '--json', '--only', 'neo4j-seed', ...GRAPH_ONLY], reseeded.io)).toBe(0);
    expect(outcomes(reseeded.events())).toContain('neo4j-seed: done (Graph seeded: 120 atoms, 600 SIMILAR_TO edges)');
    expect(await scalar("MATCH (a:Atom) WHERE a.text = 'marked' RETURN count(a)")).toBe(0);
  });

  it('seed re-runs the graph seed with the SQL seed flags (--embeddings, --dim)', async () => {
    const before = command();
    expect(await seed(['--json', '--only', 'neo4j-seed', ...GRAPH_ONLY], before.io)).toBe(0);
    const smaller = command();
    expect(await seed(['--json', '--only', 'neo4j-seed', '--embeddings', '40', '--dim', '16', ...GRAPH_ONLY], smaller.io)).toBe(0);
    expect(outcomes(smaller.events())).toEqual([
      'neo4j-schema: done (Schema applied (5 statements, indexes online; recreated atom_embedding for 16 dimensions))',
      'neo4j-seed: done (Graph seeded: 40 atoms, 200 SIMILAR_TO edges, 80 old sample atoms removed)',
    ]);
    expect(await counts()).toEqual(expectedGraphCounts({ ...SETTINGS, count: 40, dim: 16 }, 5));
    expect(await scalar('MATCH (a:Atom) RETURN max(size(a.embedding))')).toBe(16);
  });
});
