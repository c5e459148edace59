// The phases of `snapshot restore`: the SQL Server part restored over the database (or `--as` a copy
// beside it) the golden reset's way, the graph part replacing the whole graph, side by side. Each
// part's file is checked against the manifest's SHA-256 before anything is replaced, and each says
// what `up` will do next when the payload or the seed settings changed since the snapshot was taken.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HartError } from '../engine/errors.js';
import { done, skipped, type Phase } from '../engine/phase.js';
import { resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { endpointOf, payloadVariables, type SqlDeployDeps } from '../sqlserver/deploy-run.js';
import type { UpContext } from './context.js';
import { graphOpenOptions, graphSettings } from './neo4j-schema.js';
import { snapshotRun } from './snapshot-save.js';

export const SNAPSHOT_SQL_RESTORE = 'snapshot-sql-restore';
export const SNAPSHOT_GRAPH_RESTORE = 'snapshot-graph-restore';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function createSnapshotSqlRestorePhase(deps: SqlDeployDeps = defaultDeployDeps): Phase<UpContext> {
  return {
    id: SNAPSHOT_SQL_RESTORE,
    title: 'Restore SQL Server',
    needs: ['sqlserver'],
    async run(ctx, { signal, report }) {
      const run = snapshotRun(ctx);
      const part = run.entry?.sql;
      if (part === undefined) return skipped(`Snapshot ${run.name} holds no database`);
      const endpoint = endpointOf(ctx);
      const database = run.copyAs ?? ctx.config.sql.database;
      const { restoreSqlSnapshot, scriptsToReapply } = await import('../sqlserver/snapshot-backup.js');
      const session = await deps.openSession(endpoint, { database: 'master', signal, requestTimeoutMs: 0 });
      let restored: Awaited<ReturnType<typeof restoreSqlSnapshot>>;
      try {
        restored = await restoreSqlSnapshot(session, { database, file: part.file, sha256: part.sha256, copy: run.copyAs !== undefined, signal, report });
      } finally {
        await session.close();
      }
      const from = part.database === database ? '' : ` (saved from ${part.database})`;
      const where = run.copyAs === undefined ? '' : `; connect with hart-dev status -o env --database ${database}`;
      let payload = '';
      try {
        const plan = await deps.loadPlan(ctx.config.paths.sqlDir, payloadVariables(ctx));
        const differ = scriptsToReapply([...plan.migrations, ...plan.clrBindings, ...plan.broker, ...plan.programmability], restored.journal);
        if (differ > 0) payload = `; ${plural(differ, 'script of the payload differs', 'scripts of the payload differ')} from it: hart-dev up will re-apply them`;
      } catch (error) {
        report.log(`The payload could not be compared with the snapshot: ${error instanceof Error ? error.message : String(error)}`);
      }
      return done(`Database ${database} restored from snapshot ${run.name}${from}${payload}${where}`);
    },
  };
}

export const snapshotSqlRestorePhase = createSnapshotSqlRestorePhase();

export const snapshotGraphRestorePhase: Phase<UpContext> = {
  id: SNAPSHOT_GRAPH_RESTORE,
  title: 'Restore Neo4j graph',
  needs: ['neo4j'],
  async run(ctx, { signal, report }) {
    const run = snapshotRun(ctx);
    const part = run.entry?.graph;
    if (part === undefined) return skipped(`Snapshot ${run.name} holds no graph`);
    const file = join(ctx.config.stateDir, part.file);
    if (!existsSync(file)) {
      throw new HartError(`The snapshot's graph file ${file} is gone`, { code: 'snapshot-file-missing', hint: `Delete the snapshot (hart-dev snapshot delete ${run.name}) or restore only the database with --only sql.` });
    }
    const [{ withGraph }, { fileDigest, restoreGraphSnapshot }, { graphSeedHash }] = await Promise.all([
      import('../neo4j/connect.js'),
      import('../neo4j/graph-snapshot.js'),
      import('../neo4j/graph-journal.js'),
    ]);
    report.status(`Checking the SHA-256 of ${file}`);
    const digest = await fileDigest(file);
    if (digest.sha256 !== part.sha256) {
      throw new HartError(`The snapshot's graph file ${file} changed since it was saved`, { code: 'snapshot-file-changed', hint: `Nothing was restored. Save the snapshot again, or delete it: hart-dev snapshot delete ${run.name}.` });
    }
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    const restored = await withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), (driver) =>
      restoreGraphSnapshot(driver, endpoint, file, { signal, report, yes: ctx.yes, indexTimeoutMs: ctx.config.readyTimeoutMs }),
    );
    const seed = part.fingerprint !== null && part.fingerprint !== graphSeedHash(graphSettings(ctx), ctx.config.neo4j.similarK) ? '; the seed settings changed since: hart-dev up will seed the graph again' : '';
    return done(`Graph restored from snapshot ${run.name}: ${restored.nodes} nodes, ${restored.relationships} relationships, ${plural(restored.constraints, 'constraint', 'constraints')}, ${plural(restored.indexes, 'index', 'indexes')}${seed}`);
  },
};
