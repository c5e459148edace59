// The state of a run as the renderers see it, folded from the event stream by one pure reducer.
// Times are on the caller's clock (performance.now() live, fixed numbers in tests).
import type { ErrorInfo } from '../engine/errors.js';
import type { HartEvent, PhaseStatus, SummaryLine } from '../engine/events.js';
import type { PhaseId, Progress } from '../engine/phase.js';

export type RowStatus = 'pending' | 'running' | PhaseStatus;

export interface PhaseRow {
  id: PhaseId;
  title: string;
  needs: PhaseId[];
  status: RowStatus;
  startedAt?: number;
  durationMs?: number;
  progress?: Progress;
  statusLine?: string;
  /** skipped: the reason; cancelled: why; done: an optional summary line. */
  message?: string;
  error?: ErrorInfo;
  /** The last log lines, for the failure panel. */
  logs: string[];
}

export interface RunState {
  command: string;
  rows: PhaseRow[];
  /** Ids in the order their phases finished: finished rows are printed once, in this order. */
  finishedOrder: PhaseId[];
  summary: SummaryLine[];
  finished?: { status: 'success' | 'failed' | 'interrupted'; durationMs: number; exitCode: number; error?: ErrorInfo };
}

export const KEPT_LOG_LINES = 8;

export function initialRunState(command = ''): RunState {
  return { command, rows: [], finishedOrder: [], summary: [] };
}

function updateRow(state: RunState, id: PhaseId, change: (row: PhaseRow) => PhaseRow): RunState {
  return { ...state, rows: state.rows.map((row) => (row.id === id ? change(row) : row)) };
}

export function reduceRun(state: RunState, event: HartEvent, now: number): RunState {
  switch (event.type) {
    case 'run-started':
      return {
        ...initialRunState(event.command === '' ? state.command : event.command),
        rows: event.phases.map((p) => ({ id: p.id, title: p.title, needs: p.needs, status: 'pending', logs: [] })),
      };
    case 'phase-started':
      return updateRow(state, event.id, (row) => ({ ...row, status: 'running', startedAt: now }));
    case 'phase-progress': {
      const progress: Progress = event.total === undefined ? { done: event.done, unit: event.unit } : { done: event.done, total: event.total, unit: event.unit };
      return updateRow(state, event.id, (row) => ({ ...row, progress }));
    }
    case 'phase-status':
      return updateRow(state, event.id, (row) => ({ ...row, statusLine: event.message }));
    case 'phase-log':
      return updateRow(state, event.id, (row) => ({ ...row, logs: [...row.logs, event.line].slice(-KEPT_LOG_LINES) }));
    case 'phase-finished': {
      const next = updateRow(state, event.id, (row) => {
        const finished: PhaseRow = { ...row, status: event.status, durationMs: event.durationMs };
        if (event.message !== undefined) finished.message = event.message;
        if (event.error !== undefined) finished.error = event.error;
        return finished;
      });
      return { ...next, finishedOrder: [...next.finishedOrder, event.id] };
    }
    case 'summary':
      return { ...state, summary: [...state.summary, ...event.lines] };
    case 'run-finished': {
      const finished: NonNullable<RunState['finished']> = { status: event.status, durationMs: event.durationMs, exitCode: event.exitCode };
      if (event.error !== undefined) finished.error = event.error;
      return { ...state, finished };
    }
  }
}

/** The run's error when no phase carries it (bad configuration, a failure before the first phase). */
export function runLevelError(state: RunState): ErrorInfo | undefined {
  const error = state.finished?.error;
  if (error === undefined || state.finished?.status === 'interrupted') return undefined;
  return state.rows.some((row) => row.status === 'failed') ? undefined : error;
}
