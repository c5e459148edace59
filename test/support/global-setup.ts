// Global setup of the integration suite: one real Neo4j Community 5.26 (test/neo4j-server, from
// Maven Central, JDK 17) for every test file, stopped afterwards. Tests read its Bolt URL and
// credentials with inject('neo4j') or from HART_TEST_NEO4J_URL / _USER / _PASSWORD.
// A server that is already running (HART_TEST_NEO4J_URL set, e.g. by `npm run neo4j:test-server`)
// is reused. If Java, Maven or the artifacts are missing, the suite fails here — it never skips.
import type { TestProject } from 'vitest/node';
import { buildNeo4jTestServer, startNeo4jTestServer, type Neo4jTestServer } from '../neo4j-server/server.js';

export interface TestNeo4j {
  url: string;
  user: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env['HART_TEST_NEO4J_URL'];
  let server: Neo4jTestServer | undefined;
  let neo4j: TestNeo4j;
  if (existing !== undefined && existing !== '') {
    neo4j = {
      url: existing,
      user: process.env['HART_TEST_NEO4J_USER'] ?? 'neo4j',
      password: process.env['HART_TEST_NEO4J_PASSWORD'] ?? 'hart-test-password',
    };
  } else {
    buildNeo4jTestServer();
    server = await startNeo4jTestServer({ password: 'hart-test-password' });
    neo4j = { url: server.url, user: server.user, password: server.password };
  }
  process.env['HART_TEST_NEO4J_URL'] = neo4j.url;
  process.env['HART_TEST_NEO4J_USER'] = neo4j.user;
  process.env['HART_TEST_NEO4J_PASSWORD'] = neo4j.password;
  project.provide('neo4j', neo4j);
  return async () => {
    await server?.stop();
  };
}
