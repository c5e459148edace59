// neo4j-verify (part of `verify`): the graph agrees with the SQL seed — node and edge counts equal
// what the generator settings produce — and a vector query ranks same-topic atoms first.
import { done, type Phase } from '../engine/phase.js';
import { resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import { SAMPLE_KEY_PREFIX } from '../seed/embeddings.js';
import { BILLING_PLANS, DEFAULT_TENANT } from '../seed/fixed-data.js';
import type { UpContext } from './context.js';
import { graphOpenOptions, graphSettings } from './neo4j-schema.js';

export const neo4jVerifyPhase: Phase<UpContext> = {
  id: 'neo4j-verify',
  title: 'Neo4j verify',
  needs: ['neo4j-seed'],
  async run(ctx, { signal, report }) {
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    const settings = graphSettings(ctx);
    const [{ withGraph }, { expectedGraphCounts }, { verifyGraph }] = await Promise.all([
      import('../neo4j/connect.js'),
      import('../neo4j/graph-data.js'),
      import('../neo4j/verify.js'),
    ]);
    report.status('Counting nodes and edges');
    const result = await withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), (driver) =>
      verifyGraph(
        driver,
        {
          tenantKey: DEFAULT_TENANT.key,
          tenantId: DEFAULT_TENANT.id,
          planCodes: BILLING_PLANS.map((p) => p.code),
          keyPrefix: SAMPLE_KEY_PREFIX,
          expected: expectedGraphCounts(settings, ctx.config.neo4j.similarK),
          topics: settings.topics,
        },
        signal,
      ),
    );
    const c = result.counts;
    return done(`Graph matches the seed: ${c.atoms} atoms, ${c.similarTo} SIMILAR_TO edges; vector query checked for ${result.probed.length} topics`);
  },
};
