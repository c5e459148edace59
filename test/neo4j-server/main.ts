// `npm run neo4j:test-server -- --port P [--password X]`: builds if needed, starts the Neo4j test
// server alone, prints the Bolt URL and credentials, and runs until Ctrl-C.
import { parseArgs } from 'node:util';
import { buildNeo4jTestServer, Neo4jStartError, startNeo4jTestServer } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, password: { type: 'string' }, heap: { type: 'string' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${values.port} is not a port number (0–65535; 0 picks a free one)`);
  process.exit(2);
}
try {
  buildNeo4jTestServer();
  console.error('Starting Neo4j Community 5.26…');
  const server = await startNeo4jTestServer({
    port,
    ...(values.password === undefined ? {} : { password: values.password }),
    ...(values.heap === undefined ? {} : { heap: values.heap }),
  });
  console.log(`Neo4j is ready.\n  Bolt URL: ${server.url}\n  User:     ${server.user}\n  Password: ${server.password}`);
  console.log(`  Use it:   HART_NEO4J_URL=${server.url} HART_NEO4J_USER=${server.user} HART_NEO4J_PASSWORD=${server.password}`);
  console.log(`  Tests:    HART_TEST_NEO4J_URL=${server.url} HART_TEST_NEO4J_PASSWORD=${server.password} (the suite reuses it)`);
  console.error('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error('Stopping Neo4j…');
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Neo4jStartError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
