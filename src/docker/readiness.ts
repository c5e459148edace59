// Waiting for a service until a deadline: a real login (SQL Server: `SELECT 1` through mssql; Neo4j:
// verifyConnectivity over Bolt), retried while the status line shows the time left, the last error and
// the container's latest log line. When the container exits or the deadline passes, the error carries
// the last 30 log lines and the known cause. An existing server (no container) that refuses
// connections for REFUSED_FAIL_MS is reported then, not at the deadline.
import type Dockerode from 'dockerode';
import { briefError, isConnectionRefused, REFUSED_FAIL_MS, secondsLeft } from '../engine/connection-refused.js';
import { HartError, InterruptedError } from '../engine/errors.js';
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import { logTail } from './container-logs.js';
import { oldPasswordCause, oomCause, recogniseCause, type KnownCause } from './log-causes.js';
import type { ServiceName } from './service-specs.js';
import { sleep } from '../engine/sleep.js';

export const FAILURE_LOG_LINES = 30;

/** The container behind an endpoint, so readiness can watch it and quote its log. */
export interface WatchedContainer {
  docker: Dockerode;
  id: string;
  name: string;
  service: ServiceName;
  project: string;
  volumeExisted: boolean;
}

export interface ReadinessOptions {
  /** Absolute time (Date.now()) after which we give up. */
  deadline: number;
  signal: AbortSignal;
  report: { status(message: string): void };
  container?: WatchedContainer;
  /** Pause between attempts. */
  intervalMs?: number;
}

/** One login attempt: resolves when the server answered, rejects with why not. */
export type LoginProbe = (signal: AbortSignal) => Promise<void>;

export type ProbeVerdict = 'retry' | 'wrong-password';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** mssql reports login error 18456 as a ConnectionError with code ELOGIN and this message. */
export function isSqlLoginFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const text = messageOf(error);
  return (code === 'ELOGIN' && /Login failed for user/i.test(text)) || /\b18456\b/.test(text);
}

export function isNeo4jAuthFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'Neo.ClientError.Security.Unauthorized';
}

function serverName(service: ServiceName): string {
  return service === 'sqlserver' ? 'SQL Server' : 'Neo4j';
}

function failure(message: string, cause: KnownCause | undefined, hint: string, details: string[], code: string): HartError {
  if (cause !== undefined) return new HartError(`${message}: ${cause.message}`, { hint: cause.hint, details, code: cause.code });
  return new HartError(message, { hint, details, code });
}

/**
 * Runs `probe` until it succeeds, the container stops, a wrong password is certain, or the
 * deadline passes. `classify` tells a login refusal from "not up yet".
 */
export async function waitUntilReady(
  service: ServiceName,
  target: string,
  probe: LoginProbe,
  classify: (error: unknown) => ProbeVerdict,
  options: ReadinessOptions,
): Promise<void> {
  const { signal, report, container } = options;
  const name = serverName(service);
  const interval = options.intervalMs ?? 1000;
  let lastError: string;
  let brief: string;
  let refusals = 0;
  /** Since when every attempt found the port closed (undefined: the last attempt got further). */
  let refusedSince: number | undefined;
  for (;;) {
    if (signal.aborted) throw new InterruptedError();
    try {
      await probe(signal);
      return;
    } catch (error) {
      if (signal.aborted) throw new InterruptedError();
      lastError = messageOf(error);
      brief = briefError(error);
      if (classify(error) === 'wrong-password') refusals += 1;
      refusedSince = isConnectionRefused(error) ? (refusedSince ?? Date.now()) : undefined;
    }
    const waiting = `Waiting for ${name} at ${target}: ${secondsLeft(options.deadline)} s left, last error: ${brief}`;
    if (container === undefined) {
      if (refusals > 0) {
        throw new HartError(`${name} at ${target} refuses the login: ${lastError}`, {
          hint: service === 'sqlserver' ? 'Check the user and password in HART_SQL_URL / HART_SQL_SA_PASSWORD.' : 'Check the user and password in HART_NEO4J_URL / HART_NEO4J_USER / HART_NEO4J_PASSWORD.',
          code: `${service}-login`,
        });
      }
      if (refusedSince !== undefined && Date.now() - refusedSince >= REFUSED_FAIL_MS) {
        throw new HartError(`${name} at ${target} refuses connections: nothing listens there (${lastError})`, {
          hint:
            service === 'sqlserver'
              ? 'Start that SQL Server, or check the host and port in HART_SQL_URL (--sql-url).'
              : 'Start that Neo4j, or check the host and port in HART_NEO4J_URL (--neo4j-url).',
          code: `${service}-refused`,
        });
      }
      report.status(waiting);
    } else {
      const handle = container.docker.getContainer(container.id);
      const [info, lines] = await Promise.all([handle.inspect().catch(() => undefined), logTail(handle, FAILURE_LOG_LINES)]);
      const latest = lines[lines.length - 1];
      report.status(latest === undefined ? waiting : `${waiting} · log: ${latest}`);
      if (info === undefined || !info.State.Running) {
        const exit = info === undefined ? 'was removed' : `exited with code ${info.State.ExitCode}`;
        const cause = info?.State.OOMKilled === true ? oomCause(service) : recogniseCause(service, container.project, lines);
        throw failure(`${name} container ${container.name} ${exit}`, cause, `See the log lines below, or 'hart-dev logs ${service}'.`, lines, `${service}-exited`);
      }
      // A server that keeps refusing the password on a volume from an earlier run: the volume
      // kept the password it was initialised with (SQL Server answers 18456, Neo4j Unauthorized).
      const logged = recogniseCause(service, container.project, lines);
      if (logged !== undefined && logged.code === `${service}-old-password` && container.volumeExisted) {
        throw failure(`${name} does not accept the login`, logged, '', lines, logged.code);
      }
      if (refusals >= (service === 'sqlserver' ? 3 : 1)) {
        const cause = container.volumeExisted ? oldPasswordCause(container.project, service) : undefined;
        throw failure(`${name} does not accept the login (${lastError})`, cause, `See 'hart-dev logs ${service}'.`, lines, `${service}-login`);
      }
    }
    if (Date.now() + interval > options.deadline) {
      const lines = container === undefined ? [] : await logTail(container.docker.getContainer(container.id), FAILURE_LOG_LINES);
      const cause = container === undefined ? undefined : recogniseCause(service, container.project, lines);
      throw failure(
        `${name} at ${target} did not accept a login before the deadline (last error: ${lastError})`,
        cause,
        container === undefined
          ? 'Check that the server runs and is reachable from here; raise HART_READY_TIMEOUT if it is just slow.'
          : `The container runs but does not answer yet: raise HART_READY_TIMEOUT if the machine is slow, or look at 'hart-dev logs ${service}'.`,
        lines,
        `${service}-not-ready`,
      );
    }
    await sleep(interval, signal);
  }
}

/** A real SQL Server login and `SELECT 1` (the log line "ready for client connections" is no proof). */
export function sqlLoginProbe(endpoint: SqlEndpoint, connectTimeoutMs = 3000): LoginProbe {
  return async () => {
    const { default: sql } = await import('mssql');
    const pool = new sql.ConnectionPool({
      server: endpoint.host,
      port: endpoint.port,
      user: endpoint.user,
      password: endpoint.password,
      database: 'master',
      connectionTimeout: connectTimeoutMs,
      requestTimeout: connectTimeoutMs,
      pool: { max: 1, min: 0 },
      options: { encrypt: true, trustServerCertificate: true },
    });
    // The pool emits 'error' for a socket that dies later; the attempt has failed already then.
    pool.on('error', () => undefined);
    try {
      await pool.connect();
      await pool.request().query('SELECT 1 AS ready');
    } finally {
      await pool.close().catch(() => undefined);
    }
  };
}

/** Neo4j's own readiness check over Bolt. */
export function neo4jLoginProbe(endpoint: Neo4jEndpoint, connectTimeoutMs = 3000): LoginProbe {
  return async () => {
    const { default: neo4j } = await import('neo4j-driver');
    const driver = neo4j.driver(endpoint.url, neo4j.auth.basic(endpoint.user, endpoint.password), {
      connectionTimeout: connectTimeoutMs,
      connectionAcquisitionTimeout: connectTimeoutMs,
      maxConnectionPoolSize: 1,
    });
    try {
      await driver.verifyConnectivity();
    } finally {
      await driver.close().catch(() => undefined);
    }
  };
}

export async function waitForSqlServer(endpoint: SqlEndpoint, options: ReadinessOptions, probe: LoginProbe = sqlLoginProbe(endpoint)): Promise<void> {
  await waitUntilReady('sqlserver', `${endpoint.host},${endpoint.port}`, probe, (e) => (isSqlLoginFailure(e) ? 'wrong-password' : 'retry'), options);
}

export async function waitForNeo4j(endpoint: Neo4jEndpoint, options: ReadinessOptions, probe: LoginProbe = neo4jLoginProbe(endpoint)): Promise<void> {
  await waitUntilReady('neo4j', endpoint.url, probe, (e) => (isNeo4jAuthFailure(e) ? 'wrong-password' : 'retry'), options);
}
