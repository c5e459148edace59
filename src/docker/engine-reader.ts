// A small read-only client of the Docker Engine API over node:http, for the calls the warm path of
// `up` and `doctor` make: GET /version, /info, /containers/json and /containers/{name}/json.
//
// Why it exists: importing dockerode costs ≈250–300 ms of CPU (measured with Node 22: 280 ms; 600–870 ms
// of wall time on a loaded machine), because it eagerly loads docker-modem, ssh2, @grpc/grpc-js and
// tar-fs. That was more than everything else `up` does when both containers already run unchanged.
// Whatever changes or streams (create, start, pull, logs, down) still goes through dockerode, loaded
// only then; so do ssh:// and TLS hosts, which this client does not speak.
//
// Paths are unversioned: every engine answers them in its own current API version, and the fields
// read here have been stable for years.
import type { RequestOptions } from 'node:http';
import type Dockerode from 'dockerode';

// Not `import … from 'node:http'`: an ES import builds the module's namespace, which evaluates its lazy
// WebSocket/CloseEvent/MessageEvent getters and so loads undici (≈65 ms of CPU, measured with Node 22);
// the built-in module itself costs ≈7 ms.
const { request } = process.getBuiltinModule('node:http');

export interface EngineReader {
  version(): Promise<Dockerode.DockerVersion>;
  /** GET /info; its fields vary between engines (Docker, Podman), hence unknown values. */
  info(): Promise<Record<string, unknown>>;
  /** Running containers, as `docker ps` lists them. */
  listContainers(): Promise<Dockerode.ContainerInfo[]>;
  /** The container's inspect data, or undefined when there is no container with that name. */
  inspectContainer(name: string): Promise<Dockerode.ContainerInspectInfo | undefined>;
}

/** Where a plain-HTTP engine listens: a unix socket (or Windows pipe), or host and port. */
export type HttpEndpoint = { socketPath: string } | { host: string; port: number };

/** An API answer outside 2xx; shaped like dockerode's errors (statusCode, json) so callers treat both alike. */
export class EngineApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'EngineApiError';
  }
}

function statusCodeOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * GET `path` and parse the JSON answer. The caller names its type as dockerode types it: like dockerode,
 * this does not validate the engine's answer. Connection errors (ENOENT, ECONNREFUSED, …) come through
 * unchanged, so callers classify them as before; no answer within `timeoutMs` fails with code ETIMEDOUT.
 */
function getJson<T>(endpoint: HttpEndpoint, path: string, timeoutMs: number | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // agent: false → one connection per request, closed after the answer: nothing keeps the process alive.
    const options: RequestOptions = { ...endpoint, path, method: 'GET', agent: false, headers: { Accept: 'application/json' } };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new EngineApiError(status, undefined, `The Docker engine answered GET ${path} with something other than JSON`));
          }
          return;
        }
        const json = parsed(text);
        const message = typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string' ? json.message : text.trim().slice(0, 200);
        reject(new EngineApiError(status, json, `(HTTP code ${status}) ${message || 'unexpected answer'}`));
      });
    });
    if (timeoutMs !== undefined) {
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    }
    req.on('error', reject);
    req.end();
  });
}

export function httpEngineReader(endpoint: HttpEndpoint, timeoutMs?: number): EngineReader {
  return {
    version: () => getJson(endpoint, '/version', timeoutMs),
    info: () => getJson(endpoint, '/info', timeoutMs),
    listContainers: () => getJson(endpoint, '/containers/json', timeoutMs),
    async inspectContainer(name) {
      try {
        return await getJson(endpoint, `/containers/${encodeURIComponent(name)}/json`, timeoutMs);
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    },
  };
}

/** The same reads through dockerode, for the hosts the HTTP client does not speak (ssh://, TLS). */
export function dockerodeReader(docker: Dockerode): EngineReader {
  return {
    version: () => docker.version(),
    info: () => docker.info(),
    listContainers: () => docker.listContainers(),
    async inspectContainer(name) {
      try {
        return await docker.getContainer(name).inspect();
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
    },
  };
}
