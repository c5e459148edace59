// neo4j-seed: the graph mirror of the SQL seed — plans, the tenant, atoms with embeddings and
// OWNED_BY edges, SIMILAR_TO edges to each atom's k nearest neighbours — from the same generator
// settings. Idempotent: running it twice leaves the same graph.
import { done, type Phase } from '../engine/phase.js';
import { resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import type { UpContext } from './context.js';
import { graphOpenOptions, graphSettings } from './neo4j-schema.js';

export const neo4jSeedPhase: Phase<UpContext> = {
  id: 'neo4j-seed',
  title: 'Neo4j seed',
  needs: ['neo4j-schema'],
  async run(ctx, { signal, report }) {
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    const settings = graphSettings(ctx);
    const [{ withGraph }, { graphSeedData }, { seedGraph }] = await Promise.all([
      import('../neo4j/connect.js'),
      import('../neo4j/graph-data.js'),
      import('../neo4j/graph-seed.js'),
    ]);
    report.status(`Generating ${settings.count} sample atoms`);
    const data = graphSeedData(settings, ctx.config.neo4j.similarK);
    const result = await withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), (driver) =>
      seedGraph(driver, data, { signal, report }),
    );
    const removed = result.removedAtoms > 0 ? `, ${result.removedAtoms} old sample atoms removed` : '';
    return done(`Graph seeded: ${result.atoms} atoms, ${result.similarTo} SIMILAR_TO edges${removed}`);
  },
};
