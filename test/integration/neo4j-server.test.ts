// The startup errors of a real Neo4j 5.26: strict configuration validation stops the server on a
// misspelled setting, and the kit turns that log line into a message naming the setting to fix.
import { describe, expect, it } from 'vitest';
import { HartError } from '../../src/engine/errors.js';
import { openGraph } from '../../src/neo4j/connect.js';
import { startupFailureFromLogs } from '../../src/neo4j/errors.js';
import { Neo4jStartError, startNeo4jTestServer } from '../neo4j-server/server.js';

describe('a Neo4j that refuses to start', () => {
  it('is explained from its log: the misspelled setting and the container variable', async () => {
    const failure = await startNeo4jTestServer({ settings: ['server.memory.heap.max_sizee=1g'], heap: '256m', timeoutMs: 120_000 }).then(
      async (server) => {
        await server.stop();
        throw new Error('the server started despite a misspelled setting');
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Neo4jStartError);
    const output = failure instanceof Neo4jStartError ? failure.output : [];

    const explained = startupFailureFromLogs(output);
    expect(explained?.message).toBe('Neo4j refuses to start: it does not know the setting "server.memory.heap.max_sizee"');
    expect(explained?.hint).toContain('NEO4J_server_memory_heap_max__sizee');

    // Waiting for such a server stops as soon as its log shows why, long before the deadline.
    const started = Date.now();
    const error = await openGraph(
      { url: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'whatever1', external: false, container: 'hart-neo4j' },
      { signal: new AbortController().signal, timeoutMs: 120_000, logs: async () => output },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HartError);
    expect(error).toMatchObject({ code: 'neo4j-config', message: explained?.message });
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
