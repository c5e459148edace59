// Opening a driver for an endpoint: wait for Bolt until a deadline (no attempt outlives it, and the
// status line shows the time left and the last error), fail fast on a wrong password and on a port
// that keeps refusing connections, and always close the driver (withGraph).
import neo4j, { type Driver } from 'neo4j-driver';
import { briefError, isConnectionRefused, REFUSED_FAIL_MS, secondsLeft } from '../engine/connection-refused.js';
import { HartError, throwIfAborted } from '../engine/errors.js';
import type { Neo4jEndpoint } from './endpoint.js';
import { CREDENTIALS_EXPIRED, neo4jCode, RATE_LIMITED, startupFailureFromLogs as startupFailure, UNAUTHORIZED, unauthorizedError, unreachableError } from './errors.js';
import { sleep } from '../engine/sleep.js';

export interface OpenOptions {
  signal: AbortSignal;
  /** How long to wait for Bolt to accept a login (a container may still be starting). */
  timeoutMs?: number;
  /** The container's latest log lines, read when Neo4j cannot be reached (to explain why). */
  logs?: () => Promise<string[]>;
  status?: (message: string) => void;
}

const RETRY_MS = 500;

export function createDriver(endpoint: Neo4jEndpoint): Driver {
  return neo4j.driver(endpoint.url, neo4j.auth.basic(endpoint.user, endpoint.password), {
    connectionTimeout: 5_000,
    maxConnectionPoolSize: 8,
    userAgent: 'hart-dev',
    // Deprecation notices of the server are not the user's business here.
    notificationFilter: { minimumSeverityLevel: 'OFF' },
  });
}

/** `promise`, or a rejection when it has not settled within `ms` (a server that accepts but never answers). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.ceil(ms / 1000)} s`)), ms);
  });
  // The attempt that lost the race settles when the driver closes; nobody waits for it any more.
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A connected driver (verified with a real login), or a HartError saying why not. */
export async function openGraph(endpoint: Neo4jEndpoint, options: OpenOptions): Promise<Driver> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = Date.now();
  const deadline = started + timeoutMs;
  /** Since when every attempt found the port closed. */
  let refusedSince: number | undefined;
  let driver: Driver;
  try {
    driver = createDriver(endpoint);
  } catch (error) {
    throw new HartError(`The Neo4j URL ${endpoint.url} is not usable: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Use a URL like bolt://localhost:7687.',
      code: 'neo4j-url',
      cause: error,
    });
  }
  let attempts = 0;
  for (;;) {
    try {
      throwIfAborted(options.signal);
      await within(driver.verifyConnectivity(), Math.max(1, deadline - Date.now()));
      return driver;
    } catch (error) {
      const code = neo4jCode(error);
      if (code === UNAUTHORIZED || code === CREDENTIALS_EXPIRED || code === RATE_LIMITED || options.signal.aborted || error instanceof HartError) {
        await driver.close();
        if (error instanceof HartError) throw error;
        if (options.signal.aborted) throwIfAborted(options.signal);
        if (code === RATE_LIMITED) {
          throw new HartError(`Neo4j at ${endpoint.url} has locked user "${endpoint.user}" after failed logins`, {
            hint: 'Wait a few seconds, then run again with the right HART_NEO4J_PASSWORD.',
            code: 'neo4j-unauthorized',
            cause: error,
          });
        }
        if (code === CREDENTIALS_EXPIRED) {
          throw new HartError(`Neo4j at ${endpoint.url} asks user "${endpoint.user}" to change the password first`, {
            hint: 'Set a new password (Neo4j Browser, or ALTER CURRENT USER SET PASSWORD FROM … TO …) and put it in HART_NEO4J_PASSWORD.',
            code: 'neo4j-unauthorized',
            cause: error,
          });
        }
        throw unauthorizedError(endpoint, error);
      }
      const waited = Date.now() - started;
      refusedSince = isConnectionRefused(error) ? (refusedSince ?? Date.now()) : undefined;
      if (waited >= timeoutMs || (refusedSince !== undefined && Date.now() - refusedSince >= REFUSED_FAIL_MS)) {
        await driver.close();
        const logs = options.logs === undefined ? [] : await options.logs().catch(() => []);
        throw unreachableError(endpoint, waited, error, logs);
      }
      // A container that stopped on a bad setting will never answer: say so now, not at the deadline.
      if (options.logs !== undefined && attempts % 10 === 9) {
        const failure = startupFailure(await options.logs().catch(() => []));
        if (failure !== undefined) {
          await driver.close();
          throw failure;
        }
      }
      attempts += 1;
      options.status?.(`Waiting for Neo4j at ${endpoint.url}: ${secondsLeft(deadline)} s left, last error: ${briefError(error)}`);
      await sleep(RETRY_MS, options.signal);
    }
  }
}

/** Runs `work` with a connected driver and closes the driver whatever happens. */
export async function withGraph<T>(endpoint: Neo4jEndpoint, options: OpenOptions, work: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = await openGraph(endpoint, options);
  try {
    return await work(driver);
  } finally {
    await driver.close();
  }
}
