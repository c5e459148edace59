// Readiness and failure paths against the real Docker engine: a container that exits during
// readiness (log tail + known cause), a server that accepts TCP but never answers a login (deadline),
// a missing image that cannot be pulled (offline message with the way to load it by hand).
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureImage } from '../../src/docker/image-pull.js';
import { waitForNeo4j, waitForSqlServer } from '../../src/docker/readiness.js';
import { ensureServiceContainer } from '../../src/docker/service-container.js';
import { neo4jSpec, sqlServerSpec } from '../../src/docker/service-specs.js';
import { sqlContainerEndpoint, neo4jContainerEndpoint } from '../../src/docker/external-endpoints.js';
import { HartError } from '../../src/engine/errors.js';
import type { HartEvent } from '../../src/engine/events.js';
import { runPhases } from '../../src/engine/runner.js';
import { createSqlServerPhase } from '../../src/phases/sqlserver.js';
import { createTestProject, testDocker, type TestProject } from '../support/docker-project.js';
import { STANDIN_IMAGES } from '../support/docker-standins.js';

const quiet = { status: () => undefined, progress: () => undefined };
const never = new AbortController().signal;

async function caught(promise: Promise<unknown>): Promise<HartError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HartError) return error;
    throw error;
  }
  throw new Error('expected a HartError');
}

describe('readiness failures (real Docker engine, stand-in images)', () => {
  let docker: Dockerode;
  let project: TestProject;

  beforeAll(async () => {
    docker = await testDocker();
    project = await createTestProject(docker);
  });
  afterAll(async () => {
    await project.cleanup();
  });

  it('a SQL Server that exits during `up` fails the phase with the log tail and the password policy cause', async () => {
    const events: HartEvent[] = [];
    const config = project.config({ HART_SQL_IMAGE: STANDIN_IMAGES.sqlserverWeakPassword });
    const result = await runPhases({
      command: 'up',
      phases: [createSqlServerPhase()],
      ctx: { config, interactive: false, yes: false, state: {}, env: process.env },
      signal: never,
      emit: (e) => events.push(e),
    });
    expect(result.exitCode).toBe(1);
    const error = result.error;
    expect(error?.message).toMatch(/^SQL Server container .*-sqlserver exited with code 1: SQL Server rejects the sa password/);
    expect(error?.hint).toContain('HART_SQL_SA_PASSWORD');
    expect(error?.code).toBe('sqlserver-password-policy');
    expect(error?.details?.some((l) => l.includes('Unable to set system administrator password'))).toBe(true);
    // The password itself never reaches an event.
    expect(JSON.stringify(events)).not.toContain(config.sql.saPassword);
  });

  it('a SQL Server started without EULA consent exits, and the error names HART_ACCEPT_EULA', async () => {
    const config = project.config();
    const spec = { ...sqlServerSpec(config, { eulaAccepted: false }), name: `${project.name}-sqlserver-noeula`, ports: [] };
    const ensured = await ensureServiceContainer(docker, spec, { report: quiet, signal: never });
    const error = await caught(
      waitForSqlServer(sqlContainerEndpoint(config), {
        deadline: Date.now() + 20_000,
        signal: never,
        report: { status: () => undefined },
        container: { docker, id: ensured.id, name: spec.name, service: 'sqlserver', project: project.name, volumeExisted: false },
        intervalMs: 300,
      }),
    );
    expect(error.code).toBe('sqlserver-eula');
    expect(error.hint).toContain('HART_ACCEPT_EULA=Y');
    expect(error.details.join('\n')).toContain('must be accepted before SQL Server can start');
  });

  it('a SQL Server that accepts TCP but never answers a login fails at the deadline with its log lines', async () => {
    const config = project.config();
    const ensured = await ensureServiceContainer(docker, sqlServerSpec(config, { eulaAccepted: true }), { report: quiet, signal: never });
    const statuses: string[] = [];
    const started = Date.now();
    const error = await caught(
      waitForSqlServer(sqlContainerEndpoint(config), {
        deadline: Date.now() + 4000,
        signal: never,
        report: { status: (m) => statuses.push(m) },
        container: { docker, id: ensured.id, name: ensured.name, service: 'sqlserver', project: project.name, volumeExisted: false },
      }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(error.code).toBe('sqlserver-not-ready');
    expect(error.message).toContain('did not accept a login before the deadline');
    expect(error.hint).toContain('HART_READY_TIMEOUT');
    expect(error.details.join('\n')).toContain('SQL Server is now ready for client connections');
    // While waiting, the status line showed the time left, the last error and the container's latest log line.
    expect(statuses.some((s) => /\d+ s left, last error: .+ · log: SQL Server is now ready for client connections\./.test(s))).toBe(true);
  });

  it('a Neo4j that accepts TCP but never answers Bolt fails verifyConnectivity at the deadline', async () => {
    const config = project.config();
    const ensured = await ensureServiceContainer(docker, neo4jSpec(config), { report: quiet, signal: never });
    const error = await caught(
      waitForNeo4j(neo4jContainerEndpoint(config), {
        deadline: Date.now() + 4000,
        signal: never,
        report: { status: () => undefined },
        container: { docker, id: ensured.id, name: ensured.name, service: 'neo4j', project: project.name, volumeExisted: false },
      }),
    );
    expect(error.code).toBe('neo4j-not-ready');
    expect(error.message).toMatch(/^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ did not accept a login before the deadline/);
    expect(error.details).toContain('Started.');
  });

  it('login error 18456 on an existing volume explains the old password and the two ways out (fake login probe with a recorded server error)', async () => {
    const config = project.config();
    const ensured = await ensureServiceContainer(docker, sqlServerSpec(config, { eulaAccepted: true }), { report: quiet, signal: never });
    // mssql's error for the server's 18456 answer: ConnectionError "Login failed for user 'sa'." (ELOGIN).
    const recorded = Object.assign(new Error("Login failed for user 'sa'."), { code: 'ELOGIN', name: 'ConnectionError' });
    const error = await caught(
      waitForSqlServer(
        sqlContainerEndpoint(config),
        {
          deadline: Date.now() + 30_000,
          signal: never,
          report: { status: () => undefined },
          container: { docker, id: ensured.id, name: ensured.name, service: 'sqlserver', project: project.name, volumeExisted: true },
          intervalMs: 100,
        },
        async () => {
          throw recorded;
        },
      ),
    );
    expect(error.code).toBe('sqlserver-old-password');
    expect(error.message).toContain(`the volume ${project.name}-mssql was initialised with another password`);
    expect(error.hint).toContain('HART_SQL_SA_PASSWORD');
    expect(error.hint).toContain("'hart-dev down --volumes'");
  });

  it('a missing image that cannot be pulled fails with the offline message and how to load it by hand', async () => {
    // Nothing listens on port 9 of loopback: the engine cannot reach this "registry".
    const image = '127.0.0.1:9/hart-test/missing:1';
    const error = await caught(ensureImage(docker, image, 'linux/amd64', quiet, never));
    expect(error.code).toBe('image-pull-offline');
    expect(error.message).toBe(`Can't pull ${image}: the registry is unreachable from the Docker engine (offline?)`);
    expect(error.hint).toContain(`docker pull --platform linux/amd64 ${image}`);
    expect(error.hint).toContain('docker save -o missing-1.tar');
    expect(error.hint).toContain('docker load -i missing-1.tar');
  });

  it('a present image is never pulled', async () => {
    const statuses: string[] = [];
    const result = await ensureImage(docker, STANDIN_IMAGES.neo4j, undefined, { status: (m) => statuses.push(m), progress: () => undefined }, never);
    expect(result).toBe('present');
    expect(statuses).toEqual([]);
  });
});
