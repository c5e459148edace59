// `hart-dev doctor` as a user runs it (the built CLI in a child process) against the real Docker engine.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_PROJECT } from '../../src/docker/service-specs.js';
import { freePort, testDocker, uniqueProject } from '../support/docker-project.js';
import { buildStandinImages, STANDIN_IMAGES } from '../support/docker-standins.js';

const CLI = new URL('../../bin/hart-dev.js', import.meta.url).pathname;

interface Check {
  id: string;
  verdict: 'ok' | 'warn' | 'fail';
  message: string;
  hint?: string;
}

function hartDev(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, cwd }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

async function doctorJson(env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; ok: boolean; checks: Map<string, Check> }> {
  const { code, stdout } = await hartDev(['doctor', '--json'], env, cwd);
  const report: { ok: boolean; checks: Check[] } = JSON.parse(stdout);
  return { code, ok: report.ok, checks: new Map(report.checks.map((c) => [c.id, c])) };
}

describe('hart-dev doctor', () => {
  let docker: Dockerode;
  let env: NodeJS.ProcessEnv;
  let cwd: string;
  let project: string;
  const containers: Dockerode.Container[] = [];

  beforeAll(async () => {
    docker = await testDocker();
    await buildStandinImages(docker);
    project = uniqueProject('hart-doc');
    cwd = mkdtempSync(join(tmpdir(), 'hart-doctor-'));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HART_PROJECT: project,
      HART_ACCEPT_EULA: 'Y',
      HART_SQL_PORT: String(await freePort()),
      HART_NEO4J_BOLT_PORT: String(await freePort()),
      HART_NEO4J_HTTP_PORT: String(await freePort()),
    };
  });

  afterAll(async () => {
    for (const container of containers) await container.remove({ force: true });
  });

  /** A running container publishing `hostPort`, with or without this project's label. */
  async function holdPort(hostPort: number, labels: Record<string, string>): Promise<string> {
    const name = `${uniqueProject('hart-holder')}`;
    const container = await docker.createContainer({
      name,
      Image: STANDIN_IMAGES.neo4j,
      Labels: labels,
      ExposedPorts: { '7474/tcp': {} },
      HostConfig: { PortBindings: { '7474/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] } },
    });
    containers.push(container);
    await container.start();
    return name;
  }

  it('finds the real engine with its version and passes on a ready machine (exit 0)', async () => {
    const version = await docker.version();
    const { code, ok, checks } = await doctorJson(env, cwd);
    expect(checks.get('docker')).toMatchObject({ verdict: 'ok', message: `Docker ${version.Version} answers at unix:///var/run/docker.sock (default socket)` });
    expect(checks.get('memory')?.verdict).toBe('ok');
    expect(checks.get('architecture')?.message).toBe('The Docker engine runs on amd64 (x86_64)');
    expect([...checks.keys()]).toEqual(['configuration', 'passwords', 'docker', 'architecture', 'memory', 'port-sql', 'port-neo4j-bolt', 'port-neo4j-http', 'eula', 'disk']);
    expect(ok).toBe(true);
    expect(code).toBe(0);
  });

  it('with DOCKER_HOST pointing nowhere: a clear error naming the address and what to do, exit 1', async () => {
    const nowhere = { ...env, DOCKER_HOST: `tcp://127.0.0.1:${await freePort()}` };
    const { code, checks } = await doctorJson(nowhere, cwd);
    expect(code).toBe(1);
    expect(checks.get('docker')).toMatchObject({ verdict: 'fail', hint: 'Start the engine, or fix or unset DOCKER_HOST.' });
    expect(checks.get('docker')?.message).toMatch(/^Can't reach Docker at tcp:\/\/127\.0\.0\.1:\d+ \(DOCKER_HOST\): connect ECONNREFUSED/);

    const human = await hartDev(['doctor'], nowhere, cwd);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("✖ Docker           Can't reach Docker at tcp://127.0.0.1:");
    expect(human.stdout).toContain('→ Start the engine, or fix or unset DOCKER_HOST.');
    expect(human.stdout).toContain("1 problem to fix before 'hart-dev up'.");
  });

  it('names the container holding a configured port, and accepts our own project\'s container', async () => {
    const foreignPort = await freePort();
    const ownPort = await freePort();
    const foreign = await holdPort(foreignPort, {});
    const own = await holdPort(ownPort, { [LABEL_PROJECT]: project });
    const { code, checks } = await doctorJson({ ...env, HART_SQL_PORT: String(foreignPort), HART_NEO4J_HTTP_PORT: String(ownPort) }, cwd);
    expect(checks.get('port-sql')).toMatchObject({
      verdict: 'fail',
      message: `${foreignPort} (SQL Server) is taken by container ${foreign} (${STANDIN_IMAGES.neo4j})`,
      hint: `Stop it with 'docker stop ${foreign}' or choose another port, e.g. HART_SQL_PORT=${foreignPort + 10000 <= 65535 ? foreignPort + 10000 : foreignPort - 1000}.`,
    });
    expect(checks.get('port-neo4j-http')).toMatchObject({ verdict: 'ok', message: `${ownPort} is held by ${own}, this project's own container` });
    expect(code).toBe(1);
  });

  it('says when another program listens on a port', async () => {
    const server: Server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    }));
    try {
      const { checks } = await doctorJson({ ...env, HART_NEO4J_BOLT_PORT: String(port) }, cwd);
      expect(checks.get('port-neo4j-bolt')).toMatchObject({ verdict: 'fail', message: `${port} (Neo4j Bolt) is taken by another program` });
    } finally {
      server.close();
    }
  });

  it('blocks on a missing EULA consent when not interactive, and on a bad password naming the variable', async () => {
    const { HART_ACCEPT_EULA: _omitted, ...withoutConsent } = env;
    const noConsent = await doctorJson(withoutConsent, cwd);
    expect(noConsent.checks.get('eula')).toMatchObject({ verdict: 'fail', message: 'The SQL Server EULA is not accepted, and there is no terminal to ask' });
    const weak = await doctorJson({ ...env, HART_SQL_SA_PASSWORD: 'password' }, cwd);
    expect(weak.checks.get('passwords')).toMatchObject({ verdict: 'fail', message: 'HART_SQL_SA_PASSWORD (hidden) from the environment uses fewer than three of: upper case, lower case, digits, symbols' });
    expect(weak.code).toBe(1);
  });

  it('fails the configuration when HART_SQL_DIR names a folder that is not there (exit 1)', async () => {
    const missing = await doctorJson({ ...env, HART_SQL_DIR: join(cwd, 'nope') }, cwd);
    expect(missing.checks.get('configuration')).toMatchObject({ verdict: 'fail', message: `The SQL payload folder ${join(cwd, 'nope')} does not exist (HART_SQL_DIR)` });
    expect(missing.code).toBe(1);
    // Left at its default, a folder without sql/ uses the payload that ships with the kit.
    expect((await doctorJson(env, cwd)).checks.get('configuration')).toMatchObject({ verdict: 'ok', message: 'Configuration is valid' });
  });

  it('does not need Docker when both servers are external', async () => {
    const { checks } = await doctorJson({ ...env, DOCKER_HOST: 'tcp://127.0.0.1:9', HART_SQL_URL: 'sqlserver://db.example:1433', HART_NEO4J_URL: 'bolt://graph.example:7687' }, cwd);
    expect(checks.get('docker')).toMatchObject({ verdict: 'ok', message: 'Not needed: HART_SQL_URL and HART_NEO4J_URL point to existing servers' });
    expect(checks.has('port-sql')).toBe(false);
  });
});
