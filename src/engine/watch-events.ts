// What `watch` reports (src/watch/), next to the run events every renderer consumes: one event per line with --json (NDJSON). Plain data; paths are relative to
// the working folder (payload findings: to the payload folder, as `check` gives them).

export type WatchTarget = 'sql' | 'graph' | 'clr';

/** A finding of the round's check, as `check --json` gives it. */
export interface WatchDiagnostic {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning' | 'note';
  rule: string;
  code?: number;
  message: string;
  hint?: string;
}

export type WatchEvent =
  | { type: 'watch-ready'; watching: string[]; scripts: number; time: string }
  | { type: 'change'; files: string[]; time: string }
  | { type: 'diagnostics'; diagnostics: WatchDiagnostic[] }
  | { type: 'deployed'; target: WatchTarget; objects: string[]; batches: number; ms: number }
  | { type: 'deploy-failed'; target: WatchTarget; message: string; file?: string; line?: number; hint?: string }
  | { type: 'note'; message: string };

export type WatchSink = (event: WatchEvent) => void;
