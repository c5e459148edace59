import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config/load.js';
import type { HartEvent } from '../engine/events.js';
import { runPhases } from '../engine/runner.js';
import type { UpContext } from './context.js';
import { resetPhases } from './reset-seed-plan.js';
import { selectRun } from './run-selection.js';
import { upPhases } from './up-plan.js';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NEO4J_URL = 'bolt://127.0.0.1:7999';

function configWith(env: Record<string, string> = {}): Config {
  const cwd = mkdtempSync(join(tmpdir(), 'hart-selection-'));
  folders.push(cwd);
  return loadConfig({ cwd, env: { HART_SQL_SA_PASSWORD: 'Str0ng.Passw0rd!', HART_NEO4J_PASSWORD: 'Neo4j.Passw0rd', ...env } });
}

/** Runs only the chosen preflight, with Docker at a socket nobody listens on; its log lines and outcome. */
async function preflightOf(phases: ReturnType<typeof selectRun>['phases'], config: Config): Promise<{ status: string; lines: string[]; message: string }> {
  const preflight = phases.find((p) => p.id === 'preflight');
  if (preflight === undefined) throw new Error('no preflight in the plan');
  const events: HartEvent[] = [];
  const ctx: UpContext = { config, interactive: false, yes: false, state: {}, env: { DOCKER_HOST: `unix://${join(config.cwd, 'no-docker.sock')}` } };
  await runPhases({ command: 'up', phases: [{ ...preflight, needs: [] }], ctx, signal: new AbortController().signal, emit: (e) => events.push(e) });
  const end = events.find((e) => e.type === 'phase-finished');
  return {
    status: end?.type === 'phase-finished' ? end.status : 'none',
    message: end?.type === 'phase-finished' ? (end.error?.message ?? end.message ?? '') : '',
    lines: events.flatMap((e) => (e.type === 'phase-log' ? [e.line] : [])),
  };
}

describe('what a selection runs, and what its preflight checks', () => {
  it('graph-only work on an existing Neo4j: only the neo4j phase (a readiness check), no container, nothing to find', () => {
    const run = selectRun(upPhases(), { only: ['neo4j-seed'] }, configWith({ HART_NEO4J_URL: NEO4J_URL }));
    expect(run.phases.map((p) => p.id)).toEqual(['preflight', 'neo4j', 'neo4j-schema', 'neo4j-seed']);
    expect(run.services).toEqual(['neo4j']);
    expect(run.scope).toEqual({ containers: [], running: [] });
    expect(run.state).toEqual({});
  });

  it('graph-only work with the local Neo4j brings up only the Neo4j container', () => {
    const run = selectRun(upPhases(), { only: ['neo4j-seed'] }, configWith());
    expect(run.scope).toEqual({ containers: ['neo4j'], running: [] });
  });

  it('--skip sqlserver: the SQL Server phases use the project container as it runs, and preflight looks for it', () => {
    const config = configWith();
    const run = selectRun(upPhases(), { only: ['database'], skip: ['sqlserver'] }, config);
    expect(run.phases.map((p) => [p.id, p.needs.join(',')])).toEqual([
      ['preflight', ''],
      ['database', 'preflight'],
    ]);
    expect(run.scope).toEqual({ containers: [], running: ['sqlserver'] });
    expect(run.state.sqlServer).toMatchObject({ host: '127.0.0.1', port: config.sql.port, external: false, container: 'hart-sqlserver' });
    expect(run.state.neo4j).toBeUndefined();
  });

  it('--skip neo4j with HART_NEO4J_URL: the existing server, nothing to find', () => {
    const run = selectRun(resetPhases({ full: false, noSeed: false }), { only: ['neo4j-reset'], skip: ['neo4j'] }, configWith({ HART_NEO4J_URL: NEO4J_URL }));
    expect(run.phases.map((p) => p.id)).toEqual(['preflight', 'neo4j-reset']);
    expect(run.scope).toEqual({ containers: [], running: [] });
    expect(run.state.neo4j).toMatchObject({ url: NEO4J_URL, external: true });
  });

  it('the old name `containers` stands for both service phases; an unknown name gets the closest one', () => {
    const config = configWith();
    const run = selectRun(upPhases(), { only: ['neo4j-schema', 'database'], skip: ['containers'] }, config);
    expect(run.services).toEqual([]);
    expect(run.scope).toEqual({ containers: [], running: ['sqlserver', 'neo4j'] });
    expect(() => selectRun(upPhases(), { only: ['neo4j-sed'] }, config)).toThrow('Unknown phase "neo4j-sed" (did you mean "neo4j-seed"?)');
    expect(() => selectRun(upPhases(), { skip: ['sqlservr'] }, config)).toThrow('(did you mean "sqlserver"?)');
  });

  it('preflight of graph-only work on an existing Neo4j passes with Docker unreachable and no EULA consent; the whole up stops on both', async () => {
    const config = configWith({ HART_NEO4J_URL: NEO4J_URL });
    const graph = await preflightOf(selectRun(upPhases(), { only: ['neo4j-seed'] }, config).phases, config);
    expect(graph.status).toBe('done');
    expect(graph.lines).toContain('✔ Docker: Not needed: this run starts no container');
    expect(graph.lines).toContain('✔ SQL Server EULA: Not needed: this run starts no SQL Server container');
    expect(graph.lines.some((l) => l.includes('Port '))).toBe(false);

    const whole = await preflightOf(selectRun(upPhases(), {}, config).phases, config);
    expect(whole.status).toBe('failed');
    expect(whole.lines.some((l) => l.startsWith('✖ Docker:'))).toBe(true);
    expect(whole.lines.some((l) => l.startsWith('✖ SQL Server EULA:'))).toBe(true);
  });

  it('preflight of --skip sqlserver fails when Docker cannot be asked whether the container runs', async () => {
    const config = configWith({ HART_ACCEPT_EULA: 'Y' });
    const result = await preflightOf(selectRun(upPhases(), { only: ['database'], skip: ['sqlserver'] }, config).phases, config);
    expect(result.status).toBe('failed');
    expect(result.lines.some((l) => l.startsWith('✖ SQL Server container: Can\'t look for hart-sqlserver'))).toBe(true);
    expect(result.lines.some((l) => l.includes('EULA'))).toBe(true);
    expect(result.lines.some((l) => l.startsWith('✖ SQL Server EULA'))).toBe(false);
  });
});
