// neo4j-schema: the Cypher files of sql/neo4j (uniqueness constraints, the atom vector index with
// the configured dimension), then every index online. Runs against the container of this run or,
// with HART_NEO4J_URL, an existing Neo4j. The Neo4j phases import the modules that load neo4j-driver
// (≈0.7 s) inside run, so building the plan of `up`, `reset` or `seed` costs nothing.
import { done, type Phase } from '../engine/phase.js';
import type { OpenOptions } from '../neo4j/connect.js';
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import { resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import { deployOptions } from '../sqlserver/deploy-run.js';
import { loadEmbeddingSettings } from '../seed/settings.js';
import type { EmbeddingSettings } from '../seed/types.js';
import type { UpContext } from './context.js';

/** The same generator settings as the SQL seed phase (seeds/embeddings.json ← seed flags). */
export function graphSettings(ctx: UpContext): EmbeddingSettings {
  return loadEmbeddingSettings(ctx.config.paths.seedsDir, deployOptions(ctx).seedOverrides ?? {});
}

/** How the Neo4j phases connect: the run's deadline, and the container's log when it is unreachable. */
export function graphOpenOptions(ctx: UpContext, endpoint: Neo4jEndpoint, signal: AbortSignal, status: (m: string) => void): OpenOptions {
  const options: OpenOptions = { signal, timeoutMs: ctx.config.readyTimeoutMs, status };
  const container = endpoint.container;
  if (container !== undefined && !endpoint.external) {
    options.logs = async () => {
      const { connectDocker } = await import('../docker/connect.js');
      const { logTail } = await import('../docker/container-logs.js');
      const { docker } = await connectDocker(ctx.env);
      return logTail(docker.getContainer(container), 50);
    };
  }
  return options;
}

export const neo4jSchemaPhase: Phase<UpContext> = {
  id: 'neo4j-schema',
  title: 'Neo4j schema',
  needs: ['neo4j'],
  async run(ctx, { signal, report }) {
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    const settings = graphSettings(ctx);
    const [{ withGraph }, { applyGraphSchema }] = await Promise.all([import('../neo4j/connect.js'), import('../neo4j/schema.js')]);
    const result = await withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), (driver) =>
      applyGraphSchema(driver, {
        sqlDir: ctx.config.paths.sqlDir,
        dimension: settings.dim,
        signal,
        report,
        indexTimeoutMs: ctx.config.readyTimeoutMs,
      }),
    );
    const recreated = result.recreated.length > 0 ? `; recreated ${result.recreated.join(', ')} for ${settings.dim} dimensions` : '';
    return done(`Schema applied (${result.statements} statements, indexes online${recreated})`);
  },
};
