// The light read-only engine client (src/docker/engine-reader.ts) against the real Docker engine: it
// must read exactly what dockerode reads, over the unix socket and over tcp://, and fail on a wrong
// DOCKER_HOST with the same error and hint as before.
import { createConnection, createServer, type Server } from 'node:net';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionError, openEngineReader, probeDocker } from '../../src/docker/connect.js';
import { HartError } from '../../src/engine/errors.js';
import { freePort, testDocker, uniqueProject } from '../support/docker-project.js';
import { buildStandinImages, STANDIN_IMAGES } from '../support/docker-standins.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve(typeof address === 'object' && address !== null ? address.port : 0);
  }));
}

describe('engine reader (real Docker engine)', () => {
  let docker: Dockerode;
  let container: Dockerode.Container;
  let name: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    docker = await testDocker();
    await buildStandinImages(docker);
    name = uniqueProject('hart-reader');
    container = await docker.createContainer({
      name,
      Image: STANDIN_IMAGES.neo4j,
      Labels: { 'dev.hart.test': name },
      ExposedPorts: { '7474/tcp': {} },
      HostConfig: { PortBindings: { '7474/tcp': [{ HostIp: '127.0.0.1', HostPort: String(await freePort()) }] } },
    });
    await container.start();
  });

  afterAll(async () => {
    for (const server of servers) server.close();
    await container?.remove({ force: true });
  });

  async function readsLikeDockerode(env: NodeJS.ProcessEnv): Promise<void> {
    const { reader } = await openEngineReader(env);
    const [version, info, listed, inspected, missing] = await Promise.all([
      reader.version(),
      reader.info(),
      reader.listContainers(),
      reader.inspectContainer(name),
      reader.inspectContainer(`${name}-missing`),
    ]);
    const expected = await container.inspect();
    expect(version.Version).toBe((await docker.version()).Version);
    expect(info.ID).toBe((await docker.info()).ID);
    const mine = listed.find((c) => c.Id === expected.Id);
    const published = mine?.Ports.filter((p) => p.PublicPort !== undefined).map((p) => `${p.IP}:${p.PublicPort}->${p.PrivatePort}`);
    expect(published).toEqual([`127.0.0.1:${expected.HostConfig.PortBindings['7474/tcp'][0].HostPort}->7474`]);
    expect(mine?.Labels).toEqual({ 'dev.hart.test': name });
    expect(inspected?.Id).toBe(expected.Id);
    expect(inspected?.Config.Labels).toEqual({ 'dev.hart.test': name });
    expect(inspected?.State.Running).toBe(true);
    expect(missing).toBeUndefined();
  }

  it('reads version, info, running containers and one container over the unix socket, as dockerode does', async () => {
    await readsLikeDockerode({ DOCKER_HOST: 'unix:///var/run/docker.sock' });
  });

  it('reads the same over tcp:// (the engine behind a TCP relay to its socket)', async () => {
    const relay = createServer((client) => {
      const engine = createConnection('/var/run/docker.sock');
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    });
    servers.push(relay);
    const port = await listen(relay);
    await readsLikeDockerode({ DOCKER_HOST: `tcp://127.0.0.1:${port}` });
  });

  it('probeDocker reports the engine version and where it was found', async () => {
    const probe = await probeDocker({ DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(probe.serverVersion).toBe((await docker.version()).Version);
    expect(probe.target).toEqual({ host: 'unix:///var/run/docker.sock', source: 'DOCKER_HOST' });
    expect(probe.info.memTotal).toBeGreaterThan(0);
  });

  it('a DOCKER_HOST socket that does not exist: the unreachable error with its hint, and a connection error underneath', async () => {
    const env = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
    const error = await probeDocker(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({
      message: "Can't reach Docker at unix:///nonexistent/docker.sock (DOCKER_HOST): connect ENOENT /nonexistent/docker.sock",
      hint: 'Start the engine, or fix or unset DOCKER_HOST.',
      code: 'docker-unreachable',
    });
    const { reader } = await openEngineReader(env);
    const raw = await reader.inspectContainer(name).catch((e: unknown) => e);
    expect(isConnectionError(raw)).toBe(true);
  });

  it('a DOCKER_HOST tcp port nobody listens on: connection refused', async () => {
    const port = await freePort();
    const error = await probeDocker({ DOCKER_HOST: `tcp://127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: `Can't reach Docker at tcp://127.0.0.1:${port} (DOCKER_HOST): connect ECONNREFUSED 127.0.0.1:${port}`, code: 'docker-unreachable' });
  });

  it('a DOCKER_HOST that accepts connections but never answers: unreachable after the timeout', async () => {
    const silent = createServer(() => undefined);
    servers.push(silent);
    const port = await listen(silent);
    const error = await probeDocker({ DOCKER_HOST: `tcp://127.0.0.1:${port}` }, 300).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: `Can't reach Docker at tcp://127.0.0.1:${port} (DOCKER_HOST): no answer within 300 ms`, code: 'docker-unreachable' });
  });

  it('an ssh:// DOCKER_HOST goes through dockerode and fails the same way when nothing answers', async () => {
    const port = await freePort();
    const error = await probeDocker({ DOCKER_HOST: `ssh://nobody@127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringMatching(new RegExp(`^Can't reach Docker at ssh://nobody@127\\.0\\.0\\.1:${port} \\(DOCKER_HOST\\): connect ECONNREFUSED`)), code: 'docker-unreachable' });
  });
});
