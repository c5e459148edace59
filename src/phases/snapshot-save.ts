// The phases of `snapshot save`: the SQL Server part (a COPY_ONLY backup the server writes and hashes),
// the graph part (the whole graph streamed into .hart/snapshots/), side by side, then the manifest
// entry once every chosen part is saved — a save that failed halfway records nothing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HartError } from '../engine/errors.js';
import { done, type Phase } from '../engine/phase.js';
import { resolveNeo4jEndpoint } from '../neo4j/external-endpoint.js';
import { graphFileOf, recordSnapshot, snapshotsDir } from '../snapshot/manifest.js';
import type { SnapshotRunState } from '../snapshot/run-state.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { endpointOf, type SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { CONTAINER_SNAPSHOT_DIR } from '../sqlserver/snapshot-backup.js';
import type { UpContext } from './context.js';
import { graphOpenOptions } from './neo4j-schema.js';

export const SNAPSHOT_SQL_SAVE = 'snapshot-sql';
export const SNAPSHOT_GRAPH_SAVE = 'snapshot-graph';
export const SNAPSHOT_RECORD = 'snapshot-record';

export function snapshotRun(ctx: UpContext): SnapshotRunState {
  const run = ctx.state.snapshot;
  if (run === undefined) throw new HartError('No snapshot is named for this run', { code: 'snapshot-run', hint: 'Run it through hart-dev snapshot save|restore NAME.' });
  return run;
}

/** "12.3 MB": sizes in the summary lines. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'TB'}`;
}

export function createSnapshotSqlSavePhase(deps: SqlDeployDeps = defaultDeployDeps): Phase<UpContext> {
  return {
    id: SNAPSHOT_SQL_SAVE,
    title: 'Save SQL Server',
    needs: ['sqlserver'],
    async run(ctx, { signal, report }) {
      const run = snapshotRun(ctx);
      const endpoint = endpointOf(ctx);
      const dir = ctx.config.sql.backupDir ?? (endpoint.external ? undefined : CONTAINER_SNAPSHOT_DIR);
      if (dir === undefined) {
        throw new HartError('An existing SQL Server needs a folder it can write the snapshot to', {
          code: 'snapshot-backup-dir',
          exitCode: 2,
          hint: 'Set HART_SQL_BACKUP_DIR (or --sql-backup-dir) to a folder on the server machine, e.g. /var/opt/mssql/backup or D:\\Backups; or save the graph alone with --only graph.',
        });
      }
      const { saveSqlSnapshot } = await import('../sqlserver/snapshot-backup.js');
      const session = await deps.openSession(endpoint, { database: 'master', signal, requestTimeoutMs: 0 });
      try {
        const saved = await saveSqlSnapshot(session, { database: ctx.config.sql.database, dir, name: run.name, signal, report });
        run.sql = { ...saved, fingerprint: saved.fingerprint ?? null };
        return done(`Database ${saved.database} saved to ${saved.file} (${formatBytes(saved.bytes)}${saved.compressed ? ', compressed' : ''})`);
      } finally {
        await session.close();
      }
    },
  };
}

export const snapshotSqlSavePhase = createSnapshotSqlSavePhase();

export const snapshotGraphSavePhase: Phase<UpContext> = {
  id: SNAPSHOT_GRAPH_SAVE,
  title: 'Save Neo4j graph',
  needs: ['neo4j'],
  async run(ctx, { signal, report }) {
    const run = snapshotRun(ctx);
    const endpoint = resolveNeo4jEndpoint(ctx.state, ctx.config);
    const [{ withGraph }, { saveGraphSnapshot }] = await Promise.all([import('../neo4j/connect.js'), import('../neo4j/graph-snapshot.js')]);
    mkdirSync(snapshotsDir(ctx.config.stateDir), { recursive: true });
    const relative = graphFileOf(run.name);
    const saved = await withGraph(endpoint, graphOpenOptions(ctx, endpoint, signal, (m) => report.status(m)), (driver) =>
      saveGraphSnapshot(driver, join(ctx.config.stateDir, relative), { signal, report }),
    );
    run.graph = {
      file: relative,
      bytes: saved.bytes,
      sha256: saved.sha256,
      nodes: saved.nodes,
      relationships: saved.relationships,
      constraints: saved.constraints,
      indexes: saved.indexes,
      fingerprint: saved.seedHash ?? null,
    };
    return done(`Graph saved: ${saved.nodes} nodes, ${saved.relationships} relationships, ${saved.constraints} constraints, ${saved.indexes} indexes (${formatBytes(saved.bytes)})`);
  },
};

/** The manifest entry, after the part phases in `parts` (the ones this run saves). */
export function createSnapshotRecordPhase(parts: readonly string[], kitVersion: string = defaultDeployDeps.kitVersion): Phase<UpContext> {
  return {
    id: SNAPSHOT_RECORD,
    title: 'Record snapshot',
    needs: parts,
    async run(ctx) {
      const run = snapshotRun(ctx);
      const replaced = recordSnapshot(ctx.config.stateDir, {
        name: run.name,
        createdAt: new Date().toISOString(),
        ...(run.message === undefined ? {} : { message: run.message }),
        kitVersion,
        ...(run.sql === undefined ? {} : { sql: run.sql }),
        ...(run.graph === undefined ? {} : { graph: run.graph }),
      });
      const what = [run.sql === undefined ? undefined : 'database', run.graph === undefined ? undefined : 'graph'].filter((w) => w !== undefined).join(' and ');
      return done(`Snapshot ${run.name} ${replaced ? 'replaced' : 'saved'} (${what}); restore it with hart-dev snapshot restore ${run.name}`);
    },
  };
}
