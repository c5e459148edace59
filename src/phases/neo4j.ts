// neo4j: Neo4j running and accepting logins; fills ctx.state.neo4j. The project's own container, or
// with HART_NEO4J_URL an existing server: then only its readiness is checked, without Docker.
import { neo4jEndpoint } from '../docker/external-endpoints.js';
import { neo4jLoginProbe, waitForNeo4j, type LoginProbe, type ReadinessOptions } from '../docker/readiness.js';
import { neo4jSpec } from '../docker/service-specs.js';
import { done, type Phase } from '../engine/phase.js';
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import type { UpContext } from './context.js';
import { bringUpContainer, externalReadiness } from './service-phase.js';

export const NEO4J_PHASE_ID = 'neo4j';

export interface Neo4jPhaseOptions {
  /** The login probe; tests replace it where no real server can run. */
  probe?: (endpoint: Neo4jEndpoint) => LoginProbe;
}

export function createNeo4jPhase(options: Neo4jPhaseOptions = {}): Phase<UpContext> {
  return {
    id: NEO4J_PHASE_ID,
    title: 'Neo4j',
    needs: ['preflight'],
    async run(ctx, { signal, report }) {
      const { config } = ctx;
      const endpoint = neo4jEndpoint(config);
      const probe = (options.probe ?? ((e: Neo4jEndpoint) => neo4jLoginProbe(e)))(endpoint);
      let message: string;
      if (endpoint.external) {
        await waitForNeo4j(endpoint, externalReadiness(config, report, signal), probe);
        message = `Neo4j at ${endpoint.url} (external)`;
      } else {
        const run = { service: 'neo4j' as const, spec: neo4jSpec(config), probe, wait: (o: ReadinessOptions) => waitForNeo4j(endpoint, o, probe) };
        message = await bringUpContainer(run, config, ctx.env, report, signal);
      }
      ctx.state.neo4j = endpoint;
      return done(message);
    },
  };
}

export const neo4jPhase: Phase<UpContext> = createNeo4jPhase();
