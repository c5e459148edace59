import { describe, expect, it } from 'vitest';
import { expectedGraphCounts } from './graph-data.js';
import { neo4jEnvName, startupFailureFromLogs, unauthorizedError } from './errors.js';
import { checkResetAllowed, isLocalNeo4jUrl } from './external-endpoint.js';

describe('startupFailureFromLogs', () => {
  it('names a misspelled setting and the container variable to fix', () => {
    const error = startupFailureFromLogs([
      '2026-01-01 INFO Starting...',
      "java.lang.IllegalArgumentException: Unrecognized setting. No declared setting with name: server.memory.heap.max_sizee. Cleanup the config or disable 'server.config.strict_validation.enabled' to continue.",
    ]);
    expect(error?.message).toBe('Neo4j refuses to start: it does not know the setting "server.memory.heap.max_sizee"');
    expect(error?.hint).toContain('NEO4J_server_memory_heap_max__sizee');
    expect(error?.code).toBe('neo4j-config');
  });

  it('names a setting with an invalid value', () => {
    const error = startupFailureFromLogs(["Error evaluating value for setting 'server.memory.pagecache.size'. Size must be a number"]);
    expect(error?.message).toBe('Neo4j refuses to start: the value of "server.memory.pagecache.size" is invalid');
    expect(error?.hint).toContain('NEO4J_server_memory_pagecache_size');
  });

  it('finds nothing in an ordinary log', () => {
    expect(startupFailureFromLogs(['Bolt enabled on 0.0.0.0:7687.', 'Started.'])).toBeUndefined();
  });

  it('maps setting names to Docker variables as the image does', () => {
    expect(neo4jEnvName('dbms.security.auth_enabled')).toBe('NEO4J_dbms_security_auth__enabled');
  });
});

describe('wrong password', () => {
  it('tells a container user about the volume that keeps the old password', () => {
    const error = unauthorizedError({ url: 'bolt://127.0.0.1:7687', user: 'neo4j', password: 'x', external: false, container: 'hart-neo4j' }, new Error('401'));
    expect(error.message).toBe('Neo4j at bolt://127.0.0.1:7687 rejects user "neo4j": wrong user name or password');
    expect(error.hint).toContain('keeps the password it was created with');
  });
});

describe('reset of a Neo4j elsewhere', () => {
  const remote = { url: 'bolt://graph.team.example:7687', user: 'neo4j', password: 'secret-pass', external: true };
  it('knows loopback URLs', () => {
    expect(['bolt://localhost:7687', 'bolt://127.0.0.1:1', 'neo4j://[::1]:7687', 'bolt://127.1.2.3'].map(isLocalNeo4jUrl)).toEqual([true, true, true, true]);
    expect(['bolt://10.0.0.5:7687', 'neo4j+s://x.databases.neo4j.io', 'not a url'].map(isLocalNeo4jUrl)).toEqual([false, false, false]);
  });

  it('needs --yes for a remote server, not for a local one or the container', () => {
    expect(() => checkResetAllowed(remote, false)).toThrow('Refusing to empty the Neo4j at bolt://graph.team.example:7687: it is not on this machine');
    expect(() => checkResetAllowed(remote, true)).not.toThrow();
    expect(() => checkResetAllowed({ ...remote, url: 'bolt://localhost:7687' }, false)).not.toThrow();
    expect(() => checkResetAllowed({ ...remote, external: false }, false)).not.toThrow();
  });
});

describe('expectedGraphCounts', () => {
  it('follows the generator settings and k, capped at n − 1', () => {
    expect(expectedGraphCounts({ count: 2000, dim: 1536, topics: 8, seed: 1 })).toEqual({ tenants: 1, plans: 3, atoms: 2000, ownedBy: 2000, subscribesTo: 1, similarTo: 10_000 });
    expect(expectedGraphCounts({ count: 3, dim: 4, topics: 1, seed: 1 }, 5).similarTo).toBe(6);
    expect(expectedGraphCounts({ count: 10, dim: 4, topics: 1, seed: 1 }, 0).similarTo).toBe(0);
  });
});
