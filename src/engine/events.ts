// The one event stream every renderer consumes (Ink, plain lines, NDJSON). Plain data only:
// `--json` writes these objects as they are, one per line.
import type { ErrorInfo } from './errors.js';
import type { PhaseId } from './phase.js';

export type PhaseStatus = 'done' | 'skipped' | 'failed' | 'cancelled';

export interface PhaseInfo {
  id: PhaseId;
  title: string;
  needs: PhaseId[];
}

export type HartEvent =
  | { type: 'run-started'; command: string; phases: PhaseInfo[]; time: string }
  | { type: 'phase-started'; id: PhaseId; time: string }
  | { type: 'phase-progress'; id: PhaseId; done: number; total?: number; unit: string }
  | { type: 'phase-status'; id: PhaseId; message: string }
  | { type: 'phase-log'; id: PhaseId; line: string }
  | {
      type: 'phase-finished';
      id: PhaseId;
      status: PhaseStatus;
      durationMs: number;
      /** skipped: why; cancelled: "needs X, which failed" or "interrupted"; done: optional summary line */
      message?: string;
      error?: ErrorInfo;
    }
  | { type: 'summary'; lines: SummaryLine[] }
  | { type: 'run-finished'; status: 'success' | 'failed' | 'interrupted'; durationMs: number; exitCode: number; error?: ErrorInfo };

export interface SummaryLine {
  label: string;
  value: string;
  /** A value to copy (a password, a connection string): shown whole, never broken across lines. */
  copy?: boolean;
}

export type EventSink = (event: HartEvent) => void;
