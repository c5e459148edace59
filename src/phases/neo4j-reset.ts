// neo4j-reset (part of `reset`): empties the graph with batched DETACH DELETE; the schema and seed
// phases then build it again. A Neo4j that is not on this machine is emptied only with --yes.
// The Neo4j modules (and so neo4j-driver) load when the phase runs, not when a plan is built.
import { done, skipped, type Phase } from '../engine/phase.js';
import { checkResetAllowed, resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import type { UpContext } from './context.js';
import { graphOpenOptions } from './neo4j-schema.js';

export const neo4jResetPhase: Phase<UpContext> = {
  id: 'neo4j-reset',
  title: 'Neo4j reset',
  needs: ['neo4j'],
  async run(ctx, { signal, report }) {
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    // Before connecting: a refusal should not depend on the server being up.
    checkResetAllowed(endpoint, ctx.yes);
    const [{ withGraph }, { resetGraph }] = await Promise.all([import('../neo4j/connect.js'), import('../neo4j/reset.js')]);
    const { deleted } = await withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), (driver) =>
      resetGraph(driver, endpoint, { signal, report, yes: ctx.yes }),
    );
    return deleted === 0 ? skipped('The graph was already empty') : done(`Graph emptied (${deleted} nodes deleted)`);
  },
};
