// The phases a run never started (their needs failed, or Ctrl-C came first): one line for all of them
// ("11 phases not started: they need containers") instead of a row each.
import type { PhaseId } from '../engine/phase.js';
import type { PhaseRow, RunState } from './run-state.js';

export function neverStarted(row: PhaseRow): boolean {
  return row.status === 'cancelled' && row.startedAt === undefined;
}

/** The failed phases a row waits for, directly or through phases that did not run either. */
function failedNeeds(state: RunState, row: PhaseRow, seen: Set<PhaseId>): PhaseId[] {
  const found: PhaseId[] = [];
  for (const id of row.needs) {
    if (seen.has(id)) continue;
    seen.add(id);
    const need = state.rows.find((r) => r.id === id);
    if (need === undefined) continue;
    if (need.status === 'failed') found.push(id);
    else if (need.status === 'cancelled') found.push(...failedNeeds(state, need, seen));
  }
  return found;
}

/** "11 phases not started: they need containers", or undefined when every phase started. */
export function notStartedLine(state: RunState): string | undefined {
  const rows = state.rows.filter(neverStarted);
  if (rows.length === 0) return undefined;
  const blockers = [...new Set(rows.flatMap((row) => failedNeeds(state, row, new Set())))].sort(
    (a, b) => state.rows.findIndex((r) => r.id === a) - state.rows.findIndex((r) => r.id === b),
  );
  const one = rows.length === 1;
  const count = `${rows.length} phase${one ? '' : 's'} not started`;
  if (blockers.length === 0) return `${count}: the run was interrupted`;
  return `${count}: ${one ? 'it needs' : 'they need'} ${blockers.join(' or ')}`;
}
