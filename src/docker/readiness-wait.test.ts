// The wait for a server without a container (HART_SQL_URL, HART_NEO4J_URL): a port that keeps
// refusing connections ends the wait after REFUSED_FAIL_MS, not at the deadline, and the status line
// counts down with the last error. The clock is vitest's fake one; the login probes are stand-ins
// that fail the way the drivers do (ECONNREFUSED inside tedious' AggregateError, neo4j-driver's text).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFUSED_FAIL_MS } from '../engine/connection-refused.js';
import { HartError } from '../engine/errors.js';
import { waitForNeo4j, waitForSqlServer } from './readiness.js';

const refusedByTedious = (): Error =>
  Object.assign(new Error('Failed to connect to 127.0.0.1:1 - Could not connect (sequence)'), {
    code: 'ESOCKET',
    originalError: Object.assign(new Error('Could not connect (sequence)'), { cause: new AggregateError([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })]) }),
  });
const refusedByNeo4j = (): Error =>
  Object.assign(new Error('Failed to connect to server. Please ensure that your database is listening on the correct host and port. Caused by: connect ECONNREFUSED 127.0.0.1:7999'), { code: 'ServiceUnavailable' });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function settle(promise: Promise<void>, advanceMs: number): Promise<HartError | 'ready' | 'pending'> {
  let outcome: HartError | 'ready' | 'pending' = 'pending';
  promise.then(
    () => {
      outcome = 'ready';
    },
    (error: unknown) => {
      outcome = error instanceof HartError ? error : new HartError(String(error));
    },
  );
  await vi.advanceTimersByTimeAsync(advanceMs);
  return outcome;
}

describe('waiting for an existing server', () => {
  it('an existing SQL Server that refuses connections fails after REFUSED_FAIL_MS, long before a 120 s deadline', async () => {
    const signal = new AbortController().signal;
    const wait = waitForSqlServer(
      { host: '127.0.0.1', port: 1, user: 'sa', password: 'x', database: 'Hartonomous', external: true },
      { deadline: Date.now() + 120_000, signal, report: { status: () => undefined } },
      async () => {
        throw refusedByTedious();
      },
    );
    expect(await settle(wait, REFUSED_FAIL_MS - 1000)).toBe('pending');
    const outcome = await settle(wait, 2000);
    expect(outcome).toBeInstanceOf(HartError);
    expect(outcome).toMatchObject({ code: 'sqlserver-refused', message: expect.stringMatching(/^SQL Server at 127\.0\.0\.1,1 refuses connections: nothing listens there/), hint: expect.stringContaining('HART_SQL_URL') });
  });

  it('the status line shows the seconds left and the last error; a server that answers after refusing is ready', async () => {
    const signal = new AbortController().signal;
    const statuses: string[] = [];
    let attempts = 0;
    const wait = waitForNeo4j(
      { url: 'bolt://127.0.0.1:7999', user: 'neo4j', password: 'x', external: true },
      { deadline: Date.now() + 30_000, signal, report: { status: (m) => statuses.push(m) } },
      async () => {
        attempts += 1;
        if (attempts <= 3) throw refusedByNeo4j();
        if (attempts <= 5) throw new Error('Connection acquisition timed out in 3000 ms.');
      },
    );
    expect(await settle(wait, 10_000)).toBe('ready');
    expect(statuses.slice(0, 4)).toEqual([
      'Waiting for Neo4j at bolt://127.0.0.1:7999: 30 s left, last error: connection refused',
      'Waiting for Neo4j at bolt://127.0.0.1:7999: 29 s left, last error: connection refused',
      'Waiting for Neo4j at bolt://127.0.0.1:7999: 28 s left, last error: connection refused',
      'Waiting for Neo4j at bolt://127.0.0.1:7999: 27 s left, last error: Connection acquisition timed out in 3000 ms.',
    ]);
  });

  it('refusals that stop (the server came up but is still starting) do not end the wait early', async () => {
    const signal = new AbortController().signal;
    let attempts = 0;
    const wait = waitForNeo4j(
      { url: 'bolt://127.0.0.1:7999', user: 'neo4j', password: 'x', external: true },
      { deadline: Date.now() + 60_000, signal, report: { status: () => undefined } },
      async () => {
        attempts += 1;
        throw attempts % 5 === 0 ? new Error('Connection acquisition timed out') : refusedByNeo4j();
      },
    );
    expect(await settle(wait, 30_000)).toBe('pending');
    const outcome = await settle(wait, 31_000);
    expect(outcome).toMatchObject({ code: 'neo4j-not-ready' });
  });
});
