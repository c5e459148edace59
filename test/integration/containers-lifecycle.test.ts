// The container lifecycle of `up` against the real Docker engine, with stand-in images (the real
// SQL Server and Neo4j images cannot be pulled here): create, reuse untouched only after a login,
// stopped → started, recreate on a changed spec with the volume kept, ports on 127.0.0.1, and
// refusal to touch a container that only shares our name.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServiceContainer } from '../../src/docker/service-container.js';
import { LABEL_PROJECT, LABEL_SERVICE, LABEL_SPEC_HASH, neo4jSpec, sqlServerSpec } from '../../src/docker/service-specs.js';
import type { HartEvent } from '../../src/engine/events.js';
import { runPhases } from '../../src/engine/runner.js';
import type { LoginProbe } from '../../src/docker/readiness.js';
import type { UpContext } from '../../src/phases/context.js';
import { createNeo4jPhase } from '../../src/phases/neo4j.js';
import { createSqlServerPhase } from '../../src/phases/sqlserver.js';
import { createTestProject, freePort, testDocker, waitHealthy, type TestProject } from '../support/docker-project.js';
import { STANDIN_IMAGES } from '../support/docker-standins.js';

const quiet = { status: () => undefined, progress: () => undefined };
const never = new AbortController().signal;

async function logsOf(docker: Dockerode, name: string): Promise<string> {
  const raw = await docker.getContainer(name).logs({ stdout: true, stderr: true });
  return raw.toString('utf8');
}

/** Both service phases; `probe` replaces the login probes (the stand-ins never answer a login). */
async function runServicePhases(project: TestProject, probe?: LoginProbe, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ events: HartEvent[]; ctx: UpContext; exitCode: number }> {
  const events: HartEvent[] = [];
  const ctx: UpContext = { config: project.config(extraEnv), interactive: false, yes: false, state: {}, env: process.env };
  const options = probe === undefined ? {} : { probe: () => probe };
  const phases = [createSqlServerPhase(options), createNeo4jPhase(options)];
  const result = await runPhases({ command: 'up', phases, ctx, signal: never, emit: (e) => events.push(e) });
  return { events, ctx, exitCode: result.exitCode };
}

function finished(events: HartEvent[], id = 'sqlserver'): Extract<HartEvent, { type: 'phase-finished' }> | undefined {
  return events.find((e): e is Extract<HartEvent, { type: 'phase-finished' }> => e.type === 'phase-finished' && e.id === id);
}

describe('containers lifecycle (real Docker engine, stand-in images)', () => {
  let docker: Dockerode;
  let project: TestProject;

  beforeAll(async () => {
    docker = await testDocker();
    project = await createTestProject(docker);
  });
  afterAll(async () => {
    await project.cleanup();
  });

  it('creates both containers with labels, named volumes, ports on 127.0.0.1 and a short hostname', async () => {
    const config = project.config();
    const sql = await ensureServiceContainer(docker, sqlServerSpec(config, { eulaAccepted: true }), { report: quiet, signal: never });
    const neo = await ensureServiceContainer(docker, neo4jSpec(config), { report: quiet, signal: never });
    expect([sql.action, neo.action]).toEqual(['created', 'created']);
    expect(sql.volumeExisted).toBe(false);

    const info = await docker.getContainer(`${project.name}-sqlserver`).inspect();
    expect(info.Config.Labels[LABEL_PROJECT]).toBe(project.name);
    expect(info.Config.Labels[LABEL_SERVICE]).toBe('sqlserver');
    expect(info.Config.Labels[LABEL_SPEC_HASH]).toMatch(/^[0-9a-f]{16}$/);
    expect(info.Config.Hostname.length).toBeLessThanOrEqual(15);
    expect(info.Config.Env).toEqual(expect.arrayContaining(['ACCEPT_EULA=Y', 'MSSQL_PID=Developer', 'MSSQL_MEMORY_LIMIT_MB=2048']));
    expect(info.HostConfig.PortBindings).toEqual({ '1433/tcp': [{ HostIp: '127.0.0.1', HostPort: String(config.sql.port) }] });
    expect(info.Mounts.map((m) => [m.Name, m.Destination])).toEqual([[`${project.name}-mssql`, '/var/opt/mssql']]);

    const neoInfo = await docker.getContainer(`${project.name}-neo4j`).inspect();
    expect(neoInfo.HostConfig.PortBindings).toEqual({
      '7687/tcp': [{ HostIp: '127.0.0.1', HostPort: String(config.neo4j.boltPort) }],
      '7474/tcp': [{ HostIp: '127.0.0.1', HostPort: String(config.neo4j.httpPort) }],
    });
    expect(neoInfo.Mounts.map((m) => [m.Name, m.Destination])).toEqual([[`${project.name}-neo4j`, '/data']]);
    expect(neoInfo.Config.Env).toEqual(expect.arrayContaining([`NEO4J_AUTH=neo4j/${config.neo4j.password}`, 'NEO4J_server_memory_heap_max__size=1G']));
  });

  it('reuses a running, healthy container with an unchanged spec untouched once a login works (login probe replaced: the stand-ins never answer one)', async () => {
    const before = await docker.getContainer(`${project.name}-sqlserver`).inspect();
    await waitHealthy(docker, `${project.name}-sqlserver`);
    await waitHealthy(docker, `${project.name}-neo4j`);
    let logins = 0;
    const { events, ctx, exitCode } = await runServicePhases(project, async () => {
      logins += 1;
    });
    expect(finished(events)).toMatchObject({ status: 'done', message: `SQL Server reused (${project.name}-sqlserver)` });
    expect(finished(events, 'neo4j')).toMatchObject({ status: 'done', message: `Neo4j reused (${project.name}-neo4j)` });
    expect(logins).toBe(2);
    expect(exitCode).toBe(0);
    const after = await docker.getContainer(`${project.name}-sqlserver`).inspect();
    expect(after.Id).toBe(before.Id);
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
    expect(ctx.state.sqlServer).toMatchObject({ host: '127.0.0.1', port: project.config().sql.port, user: 'sa', external: false, container: `${project.name}-sqlserver` });
    expect(ctx.state.neo4j).toMatchObject({ url: `bolt://127.0.0.1:${project.config().neo4j.boltPort}`, user: 'neo4j', external: false });
  });

  it('a healthy container that refuses the login from here is not "reused": the phase waits for a login and fails at the deadline with its log lines', async () => {
    // The real login probes: the stand-in is healthy for Docker (its sqlcmd succeeds) and accepts
    // TCP on the published port, but never answers a login, like a server after a readiness timeout.
    await waitHealthy(docker, `${project.name}-sqlserver`);
    const before = await docker.getContainer(`${project.name}-sqlserver`).inspect();
    const { events, exitCode } = await runServicePhases(project, undefined, { HART_READY_TIMEOUT: '3' });
    expect(exitCode).toBe(1);
    const sql = finished(events);
    expect(sql?.status).toBe('failed');
    expect(sql?.error?.code).toBe('sqlserver-not-ready');
    expect(sql?.error?.message).toContain('did not accept a login before the deadline');
    expect(sql?.error?.details?.join('\n')).toContain('SQL Server is now ready for client connections');
    // The status line counted down and named the last error while it waited.
    const statuses = events.flatMap((e) => (e.type === 'phase-status' && e.id === 'sqlserver' ? [e.message] : []));
    expect(statuses.some((s) => /^Waiting for SQL Server at 127\.0\.0\.1,\d+: \d+ s left, last error: .+ · log: /.test(s))).toBe(true);
    const after = await docker.getContainer(`${project.name}-sqlserver`).inspect();
    expect(after.Id).toBe(before.Id);
  });

  it('starts a stopped container instead of recreating it', async () => {
    const name = `${project.name}-neo4j`;
    const before = await docker.getContainer(name).inspect();
    await docker.getContainer(name).stop({ t: 1 });
    const result = await ensureServiceContainer(docker, neo4jSpec(project.config()), { report: quiet, signal: never });
    expect(result.action).toBe('started');
    const after = await docker.getContainer(name).inspect();
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
  });

  it('recreates a container whose spec changed, says why without values, and keeps the volume', async () => {
    const name = `${project.name}-sqlserver`;
    const before = await docker.getContainer(name).inspect();
    const statuses: string[] = [];
    const changed = project.config({ HART_SQL_MEMORY_MB: '3072', HART_SQL_SA_PASSWORD: 'Another.Passw0rd-2' });
    const result = await ensureServiceContainer(docker, sqlServerSpec(changed, { eulaAccepted: true }), {
      report: { status: (m) => statuses.push(m), progress: () => undefined },
      signal: never,
    });
    expect(result.action).toBe('recreated');
    expect(result.reason).toBe('MSSQL_SA_PASSWORD, MSSQL_MEMORY_LIMIT_MB changed');
    expect(statuses.join('\n')).not.toContain('Another.Passw0rd-2');
    expect(result.volumeExisted).toBe(true);
    const after = await docker.getContainer(name).inspect();
    expect(after.Id).not.toBe(before.Id);
    expect(after.Mounts[0]?.Name).toBe(`${project.name}-mssql`);
    // The stand-in finds the data written by the first container in the kept volume.
    await expect.poll(() => logsOf(docker, name), { timeout: 10_000 }).toContain('Found existing data in /var/opt/mssql');
  });

  it('recreates on a changed host port and names the port', async () => {
    // A port known to be free: httpPort + 1 may be one the project's other containers publish.
    let port = await freePort();
    while (port === project.config().neo4j.httpPort) port = await freePort();
    const config = project.config({ HART_NEO4J_HTTP_PORT: String(port) });
    const result = await ensureServiceContainer(docker, neo4jSpec(config), { report: quiet, signal: never });
    expect(result.action).toBe('recreated');
    expect(result.reason).toMatch(/^HTTP port changed \(\d+ → \d+\)$/);
  });
});

describe('a container that only shares our name', () => {
  let docker: Dockerode;
  let project: TestProject;
  let strangerId = '';

  beforeAll(async () => {
    docker = await testDocker();
    project = await createTestProject(docker);
    const stranger = await docker.createContainer({ name: `${project.name}-sqlserver`, Image: STANDIN_IMAGES.neo4j, Labels: { purpose: 'unrelated' } });
    strangerId = stranger.id;
  });
  afterAll(async () => {
    await docker.getContainer(strangerId).remove({ force: true }).catch(() => undefined);
    await project.cleanup();
  });

  it('is refused by up, which explains and leaves it untouched', async () => {
    const { events } = await runServicePhases(project);
    const end = finished(events);
    expect(end?.status).toBe('failed');
    expect(end?.error?.message).toContain(`A container named ${project.name}-sqlserver exists but was not created by hart-dev`);
    expect(end?.error?.hint).toContain('leaves it alone');
    const info = await docker.getContainer(strangerId).inspect();
    expect(info.Config.Labels).toEqual({ purpose: 'unrelated' });
  });
});
