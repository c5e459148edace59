// `hart-dev watch --only graph --json` against the suite's real Neo4j test server (HART_NEO4J_URL):
// up runs the graph chain first, then a saved change of schema.cypher is applied to the real Neo4j
// (the new index is there), and an abort ends the watch with 130.
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/io.js';
import { run as watch } from '../../src/cli/watch.js';
import { MemoryStream } from '../support/docker-project.js';
import { REPO, testNeo4j } from './neo4j-support.js';

const INDEX = 'watch_test_name';
const folders: string[] = [];
afterAll(async () => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  const server = testNeo4j();
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
  try {
    await driver.executeQuery(`DROP INDEX ${INDEX} IF EXISTS`);
  } finally {
    await driver.close();
  }
});

async function until(out: MemoryStream, pred: (e: { type: string; target?: string }) => boolean): Promise<void> {
  for (let k = 0; k < 600; k++) {
    const events = out.text.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { type: string });
    if (events.some(pred)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not seen; output so far:\n${out.text}`);
}

describe('watch --only graph (real Neo4j, no Docker, no SQL Server)', () => {
  it('applies a saved schema.cypher change to Neo4j, and stops with 130 on Ctrl-C', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'hart-watch-graph-'));
    folders.push(cwd);
    const sqlDir = join(cwd, 'sql');
    mkdirSync(sqlDir);
    cpSync(join(REPO, 'sql', 'neo4j'), join(sqlDir, 'neo4j'), { recursive: true });
    const seeds = join(cwd, 'seeds');
    mkdirSync(seeds);
    // Dimension 64, as the other graph tests on the shared server expect the vector index.
    writeFileSync(join(seeds, 'embeddings.json'), JSON.stringify({ count: 60, dim: 64, topics: 3, seed: 11 }));
    const server = testNeo4j();
    const out = new MemoryStream();
    const err = new MemoryStream();
    const controller = new AbortController();
    const io: CommandIo = {
      stdout: out,
      stderr: err,
      env: { HART_NEO4J_URL: server.url, HART_NEO4J_USER: server.user, HART_NEO4J_PASSWORD: server.password, HART_SQL_DIR: sqlDir, HART_SEEDS_DIR: seeds, DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}` },
      cwd,
      stderrIsTTY: false,
      stdinIsTTY: false,
      signal: controller.signal,
    };
    const running = watch(['--only', 'graph', '--json'], io);
    await until(out, (e) => e.type === 'watch-ready');
    const schema = join(sqlDir, 'neo4j', 'schema.cypher');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')}\nCREATE INDEX ${INDEX} IF NOT EXISTS FOR (w:WatchTest) ON (w.name);\n`);
    await until(out, (e) => e.type === 'deployed' && e.target === 'graph');
    const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
    try {
      const { records } = await driver.executeQuery('SHOW INDEXES YIELD name WHERE name = $name RETURN name', { name: INDEX });
      expect(records.map((r) => r.get('name'))).toEqual([INDEX]);
    } finally {
      await driver.close();
    }
    controller.abort();
    expect(await running).toBe(130);
    expect(out.text).not.toContain(server.password);
  });
});
