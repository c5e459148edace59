// neo4j-seed: the graph mirror of the SQL seed — plans, the tenant, atoms with embeddings and
// OWNED_BY edges, SIMILAR_TO edges to each atom's k nearest neighbours — from the same generator
// settings. Idempotent: running it twice leaves the same graph. Idempotent in cost too: the graph's
// journal holds the fingerprint of the last finished seed, and an unchanged seed writes nothing
// (`hart-dev seed` writes anyway; `reset` empties the graph, journal included).
import { done, skipped, type Phase } from '../engine/phase.js';
import { resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import { deployOptions } from '../sqlserver/deploy-run.js';
import type { UpContext } from './context.js';
import { graphOpenOptions, graphSettings } from './neo4j-schema.js';

export const neo4jSeedPhase: Phase<UpContext> = {
  id: 'neo4j-seed',
  title: 'Neo4j seed',
  needs: ['neo4j-schema'],
  async run(ctx, { signal, report }) {
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    const settings = graphSettings(ctx);
    const similarK = ctx.config.neo4j.similarK;
    const [{ withGraph }, { graphSeedData }, { seedGraph }, journal] = await Promise.all([
      import('../neo4j/connect.js'),
      import('../neo4j/graph-data.js'),
      import('../neo4j/graph-seed.js'),
      import('../neo4j/graph-journal.js'),
    ]);
    const hash = journal.graphSeedHash(settings, similarK);
    const force = deployOptions(ctx).forceSeed === true;
    return withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), async (driver) => {
      if (!force && (await journal.readGraphJournal(driver, journal.GRAPH_SEED_PATH)) === hash) {
        return skipped('Unchanged since last run: nothing written');
      }
      report.status(`Generating ${settings.count} sample atoms`);
      const data = graphSeedData(settings, similarK);
      const started = performance.now();
      await journal.forgetGraphJournal(driver, journal.GRAPH_SEED_PATH);
      const result = await seedGraph(driver, data, { signal, report });
      await journal.recordGraphJournal(driver, { path: journal.GRAPH_SEED_PATH, kind: 'seed', hash, durationMs: performance.now() - started });
      const removed = result.removedAtoms > 0 ? `, ${result.removedAtoms} old sample atoms removed` : '';
      return done(`Graph seeded: ${result.atoms} atoms, ${result.similarTo} SIMILAR_TO edges${removed}`);
    });
  },
};
