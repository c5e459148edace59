// Finding the Docker engine the way the docker CLI does: DOCKER_HOST, then DOCKER_CONTEXT or the
// current context of ~/.docker/config.json, then the default socket, then the Podman sockets.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { HartError } from '../engine/errors.js';
import { dockerodeReader, httpEngineReader, type EngineReader } from './engine-reader.js';

export interface DockerTarget {
  /** What we connect to, as a user would write it: unix:///var/run/docker.sock, tcp://…, ssh://… */
  host: string;
  /** Where that came from: "DOCKER_HOST", "docker context colima", "default socket", "Podman socket". */
  source: string;
}

/** What the engine says about itself: proof that it answers. */
export interface EngineFacts {
  target: DockerTarget;
  /** Engine version as the server reports it. */
  serverVersion: string;
  /** Server OS/arch, memory available to the engine (bytes), CPU count. */
  info: { os: string; arch: string; memTotal: number; cpus: number; name: string; rootDir: string };
}

export interface DockerConnection extends EngineFacts {
  docker: Dockerode;
}

/** An engine that answered, with the light reader (see engine-reader.ts) for further reads. */
export interface EngineProbe extends EngineFacts {
  reader: EngineReader;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null && key in obj ? (obj as Record<string, unknown>)[key] : undefined;
}

function contextHost(env: NodeJS.ProcessEnv): DockerTarget | undefined {
  const dockerConfigDir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  const name = env.DOCKER_CONTEXT ?? (() => {
    const current = field(readJson(join(dockerConfigDir, 'config.json')), 'currentContext');
    return typeof current === 'string' ? current : undefined;
  })();
  if (name === undefined || name === 'default') return undefined;
  // The CLI stores each context under the SHA-256 of its name.
  const dir = createHash('sha256').update(name).digest('hex');
  const meta = readJson(join(dockerConfigDir, 'contexts', 'meta', dir, 'meta.json'));
  const host = field(field(field(meta, 'Endpoints'), 'docker'), 'Host');
  if (typeof host !== 'string') {
    throw new HartError(`Docker context "${name}" has no engine address`, {
      hint: `Check it with 'docker context inspect ${name}', or switch with 'docker context use default'.`,
      code: 'docker-context',
    });
  }
  return { host, source: `docker context ${name}` };
}

/** Decides where the engine is without connecting. */
export function resolveDockerTarget(env: NodeJS.ProcessEnv): DockerTarget {
  if (env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '') return { host: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  const fromContext = contextHost(env);
  if (fromContext !== undefined) return fromContext;
  const candidates: [string, string][] = [
    ['/var/run/docker.sock', 'default socket'],
    [join(homedir(), '.docker', 'run', 'docker.sock'), 'Docker Desktop socket'],
    [join(homedir(), '.colima', 'default', 'docker.sock'), 'Colima socket'],
    ...(env.XDG_RUNTIME_DIR === undefined ? [] : ([[join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'), 'Podman socket']] as [string, string][])),
    ['/run/podman/podman.sock', 'Podman socket'],
  ];
  for (const [path, source] of candidates) {
    if (existsSync(path)) return { host: `unix://${path}`, source };
  }
  return { host: 'unix:///var/run/docker.sock', source: 'default socket' };
}

/** Options for dockerode (docker-modem) from a host string. */
export function modemOptions(host: string, env: NodeJS.ProcessEnv = {}): Dockerode.DockerOptions {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('npipe://')) return { socketPath: host.slice('npipe://'.length).replace(/\//g, '\\') };
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const tls = url.protocol === 'https:' || (env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0');
    const options: Dockerode.DockerOptions = { host: url.hostname, port: url.port === '' ? (tls ? 2376 : 2375) : Number(url.port), protocol: tls ? 'https' : 'http' };
    if (tls) {
      // As the docker CLI does: client certificates from DOCKER_CERT_PATH (default ~/.docker).
      const certs = env.DOCKER_CERT_PATH ?? join(homedir(), '.docker');
      const read = (name: string): Buffer | undefined => (existsSync(join(certs, name)) ? readFileSync(join(certs, name)) : undefined);
      const ca = read('ca.pem');
      const cert = read('cert.pem');
      const key = read('key.pem');
      if (ca !== undefined) options.ca = ca;
      if (cert !== undefined) options.cert = cert;
      if (key !== undefined) options.key = key;
    }
    return options;
  }
  if (url.protocol === 'ssh:') {
    const options: Dockerode.DockerOptions = { host: url.hostname, protocol: 'ssh', port: url.port === '' ? 22 : Number(url.port) };
    if (url.username !== '') options.username = url.username;
    return options;
  }
  throw new HartError(`Can't use Docker host "${host}"`, {
    hint: 'DOCKER_HOST takes unix:///path, tcp://host:port or ssh://user@host.',
    code: 'docker-host',
    // A configuration mistake, as a bad HART_* value is.
    exitCode: 2,
  });
}

/** The error for an engine that does not answer, with what to do about it. */
export function dockerUnreachable(target: DockerTarget, error: unknown): HartError {
  const reason = error instanceof Error ? error.message : String(error);
  return new HartError(`Can't reach Docker at ${target.host} (${target.source}): ${reason}`, {
    hint:
      target.source === 'DOCKER_HOST'
        ? 'Start the engine, or fix or unset DOCKER_HOST.'
        : 'Start Docker Desktop, Colima, Podman (podman system service) or dockerd, then run the command again.',
    code: 'docker-unreachable',
    cause: error,
  });
}

/** A client without any API call: the warm path of `up` goes straight to the container inspects. */
export async function openDocker(env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<{ docker: Dockerode; target: DockerTarget }> {
  const target = resolveDockerTarget(env);
  const { default: Docker } = await import('dockerode');
  const options: Dockerode.DockerOptions = modemOptions(target.host, env);
  if (timeoutMs !== undefined) options.timeout = timeoutMs;
  return { docker: new Docker(options), target };
}

/** True for the errors of a socket that nobody listens on (as opposed to an API error). */
export function isConnectionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && ['ENOENT', 'ECONNREFUSED', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE'].includes(code);
}

function engineFacts(target: DockerTarget, version: Dockerode.DockerVersion, info: Record<string, unknown>): EngineFacts {
  return {
    target,
    serverVersion: String(version.Version),
    info: {
      os: String(info.OperatingSystem ?? info.OSType ?? ''),
      arch: String(info.Architecture ?? ''),
      memTotal: Number(info.MemTotal ?? 0),
      rootDir: String(info.DockerRootDir ?? ''),
      cpus: Number(info.NCPU ?? 0),
      name: String(info.Name ?? ''),
    },
  };
}

/**
 * A read-only client that does not load dockerode where it can: plain HTTP over the unix socket,
 * the Windows pipe or tcp:// without TLS. ssh:// and TLS hosts get dockerode behind the same interface.
 */
export async function openEngineReader(env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<{ reader: EngineReader; target: DockerTarget }> {
  const target = resolveDockerTarget(env);
  const options = modemOptions(target.host, env);
  if (options.socketPath !== undefined) {
    return { reader: httpEngineReader({ socketPath: options.socketPath }, timeoutMs), target };
  }
  if (options.protocol === 'http' && options.host !== undefined && options.port !== undefined) {
    return { reader: httpEngineReader({ host: options.host, port: Number(options.port) }, timeoutMs), target };
  }
  const { docker } = await openDocker(env, timeoutMs);
  return { reader: dockerodeReader(docker), target };
}

/** Asks the engine for its version and info through the light reader: what doctor and preflight need. */
export async function probeDocker(env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<EngineProbe> {
  const { reader, target } = await openEngineReader(env, timeoutMs);
  try {
    const [version, info] = await Promise.all([reader.version(), reader.info()]);
    return { ...engineFacts(target, version, info), reader };
  } catch (error) {
    throw dockerUnreachable(target, error);
  }
}

/** Connects with dockerode and asks the engine for its version: for callers that go on to change things. */
export async function connectDocker(env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<DockerConnection> {
  const target = resolveDockerTarget(env);
  const { default: Docker } = await import('dockerode');
  const docker = new Docker({ ...modemOptions(target.host, env), timeout: timeoutMs });
  try {
    const [version, info] = await Promise.all([docker.version(), docker.info()]);
    return { ...engineFacts(target, version, info), docker };
  } catch (error) {
    throw dockerUnreachable(target, error);
  }
}
