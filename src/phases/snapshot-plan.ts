// The phases of `snapshot save` and `snapshot restore`: preflight and the service phases (a stopped
// stack is started as `up` would), then one phase per part — SQL Server and graph side by side —
// and, for save, the manifest entry after both. `--only sql|graph` keeps one part.
import type { Phase } from '../engine/phase.js';
import type { UpContext } from './context.js';
import { neo4jPhase } from './neo4j.js';
import { preflightPhase } from './preflight.js';
import { snapshotGraphRestorePhase, snapshotSqlRestorePhase } from './snapshot-restore.js';
import { createSnapshotRecordPhase, snapshotGraphSavePhase, snapshotSqlSavePhase } from './snapshot-save.js';
import { sqlServerPhase } from './sqlserver.js';

export type SnapshotPart = 'sql' | 'graph';

export const SNAPSHOT_PARTS: readonly SnapshotPart[] = ['sql', 'graph'];

export interface SnapshotPlanOptions {
  parts: readonly SnapshotPart[];
  /** Stand-ins for tests (the SQL phases on a recording fake session). */
  phases?: Partial<Record<'sqlSave' | 'graphSave' | 'sqlRestore' | 'graphRestore', Phase<UpContext>>>;
}

export function snapshotSavePhases(options: SnapshotPlanOptions): Phase<UpContext>[] {
  const sql = options.parts.includes('sql') ? [options.phases?.sqlSave ?? snapshotSqlSavePhase] : [];
  const graph = options.parts.includes('graph') ? [options.phases?.graphSave ?? snapshotGraphSavePhase] : [];
  const record = createSnapshotRecordPhase([...sql, ...graph].map((p) => p.id));
  return [preflightPhase, ...(sql.length > 0 ? [sqlServerPhase] : []), ...(graph.length > 0 ? [neo4jPhase] : []), ...sql, ...graph, record];
}

export function snapshotRestorePhases(options: SnapshotPlanOptions): Phase<UpContext>[] {
  const sql = options.parts.includes('sql') ? [options.phases?.sqlRestore ?? snapshotSqlRestorePhase] : [];
  const graph = options.parts.includes('graph') ? [options.phases?.graphRestore ?? snapshotGraphRestorePhase] : [];
  return [preflightPhase, ...(sql.length > 0 ? [sqlServerPhase] : []), ...(graph.length > 0 ? [neo4jPhase] : []), ...sql, ...graph];
}
