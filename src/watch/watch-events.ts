// What `watch` reports, one event per line with --json (NDJSON). Plain data; paths are relative to
// the working folder (payload findings: to the payload folder, as `check` gives them).
import type { Diagnostic } from '../tsql/types.js';

export type WatchTarget = 'sql' | 'graph' | 'clr';

export type WatchEvent =
  | { type: 'watch-ready'; watching: string[]; scripts: number; time: string }
  | { type: 'change'; files: string[]; time: string }
  | { type: 'diagnostics'; diagnostics: Pick<Diagnostic, 'file' | 'line' | 'col' | 'severity' | 'rule' | 'code' | 'message' | 'hint'>[] }
  | { type: 'deployed'; target: WatchTarget; objects: string[]; batches: number; ms: number }
  | { type: 'deploy-failed'; target: WatchTarget; message: string; file?: string; line?: number; hint?: string }
  | { type: 'note'; message: string };

export type WatchSink = (event: WatchEvent) => void;
