// The Neo4j of a run when the user points at an existing server (HART_NEO4J_URL / --neo4j-url):
// Neo4j Desktop, a team server. No container is involved.
import type { Config } from '../config/load.js';
import { HartError } from '../engine/errors.js';
import type { Neo4jEndpoint } from './endpoint.js';

/** The external endpoint from config, or undefined when the container provides Neo4j. */
export function neo4jEndpointFromConfig(config: Config): Neo4jEndpoint | undefined {
  if (config.neo4j.url === undefined) return undefined;
  return { url: config.neo4j.url, user: config.neo4j.user, password: config.neo4j.password, external: true };
}

/** The endpoint the Neo4j phases use: the neo4j phase's, else the configured external one. */
export function resolveNeo4jEndpoint(state: { neo4j?: Neo4jEndpoint }, config: Config): Neo4jEndpoint {
  const endpoint = state.neo4j ?? neo4jEndpointFromConfig(config);
  if (endpoint === undefined) {
    throw new HartError('No Neo4j endpoint is known for this run', {
      hint: 'Keep the neo4j phase in the run (not in --skip), or point at an existing server with HART_NEO4J_URL=bolt://localhost:7687.',
      code: 'neo4j-no-endpoint',
    });
  }
  return endpoint;
}

/** Loopback hosts: a reset there touches only this machine. */
export function isLocalNeo4jUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare) || bare.endsWith('.localhost');
}

/**
 * Refuses to empty a remote Neo4j without --yes: a team server is not a scratch database. Here, not
 * in reset.ts, so `hart-dev reset` can refuse before it asks or touches anything (no driver needed).
 */
export function checkResetAllowed(endpoint: Neo4jEndpoint, yes: boolean): void {
  if (yes || !endpoint.external || isLocalNeo4jUrl(endpoint.url)) return;
  throw new HartError(`Refusing to empty the Neo4j at ${endpoint.url}: it is not on this machine`, {
    hint: 'Every node of that database would be deleted. If that is what you want, run again with --yes.',
    code: 'neo4j-reset-remote',
    exitCode: 2,
  });
}
