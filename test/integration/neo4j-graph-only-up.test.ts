// `hart-dev up --only neo4j-seed` against an existing Neo4j (HART_NEO4J_URL, the suite's real Neo4j
// test server): graph-only work needs no Docker (DOCKER_HOST names a socket nobody listens on), no
// SQL Server and no EULA consent; and a Neo4j URL where nothing listens fails within seconds.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as up } from '../../src/cli/up.js';
import type { CommandIo } from '../../src/cli/io.js';
import type { HartEvent } from '../../src/engine/events.js';
import { MemoryStream } from '../support/docker-project.js';
import { REPO, testNeo4j } from './neo4j-support.js';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function command(neo4jUrl: string): { io: CommandIo; out: MemoryStream; err: MemoryStream; events: () => HartEvent[] } {
  const cwd = mkdtempSync(join(tmpdir(), 'hart-graph-only-'));
  folders.push(cwd);
  const seeds = join(cwd, 'seeds');
  mkdirSync(seeds);
  // Dimension 64, as neo4j-phases.test.ts (the next file on the shared server) expects the vector index.
  writeFileSync(join(seeds, 'embeddings.json'), JSON.stringify({ count: 60, dim: 64, topics: 3, seed: 11 }));
  const server = testNeo4j();
  const out = new MemoryStream();
  const err = new MemoryStream();
  const io: CommandIo = {
    stdout: out,
    stderr: err,
    // No HART_ACCEPT_EULA and no terminal: a run that needed the consent would stop in preflight.
    env: {
      HART_NEO4J_URL: neo4jUrl,
      HART_NEO4J_USER: server.user,
      HART_NEO4J_PASSWORD: server.password,
      HART_SQL_DIR: join(REPO, 'sql'),
      HART_SEEDS_DIR: seeds,
      DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}`,
    },
    cwd,
    stderrIsTTY: false,
    stdinIsTTY: false,
    signal: new AbortController().signal,
  };
  const events = (): HartEvent[] => out.text.trim().split('\n').map((line): HartEvent => JSON.parse(line));
  return { io, out, err, events };
}

function finished(events: HartEvent[]): Map<string, Extract<HartEvent, { type: 'phase-finished' }>> {
  return new Map(events.flatMap((e) => (e.type === 'phase-finished' ? [[e.id, e] as const] : [])));
}

describe('up --only neo4j-seed against an existing Neo4j (real Neo4j, Docker unreachable)', () => {
  it('seeds the graph without Docker, without SQL Server and without asking for the EULA', async () => {
    const run = command(testNeo4j().url);
    expect(await up(['--only', 'neo4j-seed', '--json'], run.io)).toBe(0);
    const events = run.events();
    const phases = finished(events);
    expect([...phases.keys()]).toEqual(['preflight', 'neo4j', 'neo4j-schema', 'neo4j-seed']);
    expect([...phases.values()].every((p) => p.status === 'done')).toBe(true);
    expect(phases.get('neo4j')?.message).toBe(`Neo4j at ${testNeo4j().url} (external)`);
    expect(phases.get('neo4j-seed')?.message).toMatch(/^Graph seeded: 60 atoms/);
    const preflightLog = events.flatMap((e) => (e.type === 'phase-log' && e.id === 'preflight' ? [e.line] : []));
    expect(preflightLog).toContain('✔ Docker: Not needed: this run starts no container');
    expect(preflightLog).toContain('✔ SQL Server EULA: Not needed: this run starts no SQL Server container');
    expect(preflightLog.some((line) => line.includes('Port '))).toBe(false);
    expect(run.err.text).not.toMatch(/license terms|EULA/);
    // The summary names only what this run used.
    const summary = events.find((e) => e.type === 'summary');
    const labels = summary?.type === 'summary' ? summary.lines.map((l) => l.label) : [];
    expect(labels.slice(0, 2)).toEqual(['Neo4j', 'Neo4j password']);
    expect(labels).not.toContain('SQL Server');
  });

  it('a Neo4j URL where nothing listens fails in the neo4j phase with what to check, and nothing after it runs', async () => {
    const run = command('bolt://127.0.0.1:1');
    expect(await up(['--only', 'neo4j-seed', '--json'], run.io)).toBe(1);
    const phases = finished(run.events());
    expect(phases.get('preflight')?.status).toBe('done');
    expect(phases.get('neo4j')?.error).toMatchObject({
      code: 'neo4j-refused',
      message: expect.stringMatching(/^Neo4j at bolt:\/\/127\.0\.0\.1:1 refuses connections: nothing listens there/),
      hint: expect.stringContaining('HART_NEO4J_URL'),
    });
    expect(phases.get('neo4j-schema')?.status).toBe('cancelled');
    const statuses = run.events().flatMap((e) => (e.type === 'phase-status' && e.id === 'neo4j' ? [e.message] : []));
    expect(statuses.some((s) => /^Waiting for Neo4j at bolt:\/\/127\.0\.0\.1:1: \d+ s left, last error: connection refused$/.test(s))).toBe(true);
  });
});
