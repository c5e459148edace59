// A throwaway hart-dev project for tests against the real Docker engine: a unique project name (so
// runs never collide and can be repeated), a temporary working folder, free host ports, and a
// cleanup that removes exactly what carries the project's label.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { CommandIo } from '../../src/cli/io.js';
import { loadConfig, type Config } from '../../src/config/load.js';
import { openDocker } from '../../src/docker/connect.js';
import { LABEL_PROJECT } from '../../src/docker/service-specs.js';
import { buildStandinImages, STANDIN_IMAGES } from './docker-standins.js';

export async function testDocker(): Promise<Dockerode> {
  return (await openDocker(process.env)).docker;
}

export function uniqueProject(prefix = 'hart-t'): string {
  return `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1296).toString(36)}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestProject {
  name: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  config(extra?: NodeJS.ProcessEnv): Config;
  cleanup(): Promise<void>;
}

/** A project using the stand-in images, on free ports, with EULA consent given. */
export async function createTestProject(docker: Dockerode, extra: NodeJS.ProcessEnv = {}): Promise<TestProject> {
  await buildStandinImages(docker);
  const name = uniqueProject();
  const cwd = mkdtempSync(join(tmpdir(), `${name}-`));
  const [sqlPort, boltPort, httpPort] = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HART_PROJECT: name,
    HART_SQL_IMAGE: STANDIN_IMAGES.sqlserver,
    HART_NEO4J_IMAGE: STANDIN_IMAGES.neo4j,
    HART_SQL_PORT: String(sqlPort),
    HART_NEO4J_BOLT_PORT: String(boltPort),
    HART_NEO4J_HTTP_PORT: String(httpPort),
    HART_ACCEPT_EULA: 'Y',
    HART_READY_TIMEOUT: '6',
    ...(process.env.DOCKER_HOST === undefined ? {} : { DOCKER_HOST: process.env.DOCKER_HOST }),
    ...extra,
  };
  return {
    name,
    cwd,
    env,
    config: (more = {}) => loadConfig({ cwd, env: { ...env, ...more }, persistGenerated: true }),
    cleanup: async () => {
      await removeProject(docker, name);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** Removes every container and volume labelled with the project (and nothing else). */
export async function removeProject(docker: Dockerode, project: string): Promise<void> {
  const filters = { label: [`${LABEL_PROJECT}=${project}`] };
  for (const c of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  const volumes = await docker.listVolumes({ filters });
  for (const v of volumes.Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
}

/** Polls until Docker's healthcheck reports healthy (the warm path of `up` relies on it). */
export async function waitHealthy(docker: Dockerode, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await docker.getContainer(name).inspect();
    if (info.State.Health?.Status === 'healthy') return;
    if (!info.State.Running) throw new Error(`${name} stopped while waiting for healthy`);
    if (Date.now() > deadline) throw new Error(`${name} not healthy after ${timeoutMs} ms (${info.State.Health?.Status ?? 'no healthcheck'})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export class MemoryStream extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface CapturedIo extends CommandIo {
  out: MemoryStream;
  err: MemoryStream;
}

/** A non-interactive CommandIo (as in CI) that keeps what the command wrote. */
export function captureIo(project: TestProject, signal = new AbortController().signal): CapturedIo {
  const out = new MemoryStream();
  const err = new MemoryStream();
  return { stdout: out, stderr: err, out, err, env: project.env, cwd: project.cwd, stderrIsTTY: false, stdinIsTTY: false, signal };
}
