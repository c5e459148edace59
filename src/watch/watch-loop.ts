// The `watch` loop: waits for the next round of file changes (file-events.ts) or a key, and handles
// one at a time — payload scripts through SqlRounds, CLR sources, the graph schema and seeding through
// the phases `up` runs (passed in as `phases`). Nothing ends it but `q` (exit 0) or an abort (exit 130).
import { relative } from 'node:path';
import { toErrorInfo } from '../engine/errors.js';
import type { FileEvents } from './file-events.js';
import type { SqlRounds } from './sql-rounds.js';
import type { WatchEvent, WatchSink, WatchTarget } from '../engine/watch-events.js';
import { watchedKind, type WatchedFolders, type WatchedKind } from './watched-paths.js';

/** r: send every script again; s: seed again; q: quit. */
export type WatchKey = 'r' | 's' | 'q';

export interface PhaseRound {
  ok: boolean;
  /** The phases' summary lines ("clr-deploy: 3 bindings"). */
  done: string[];
  ms: number;
  error?: { message: string; hint?: string; file?: string; line?: number };
}

export interface WatchLoopOptions {
  events: FileEvents;
  folders: WatchedFolders;
  cwd: string;
  /** Absent with --only graph. */
  sql?: SqlRounds;
  /** Absent with --only sql. */
  graph: boolean;
  /** Runs the phases of `up` that rebuild the CLR, apply the graph schema, or seed. */
  phases(what: 'clr' | 'graph' | 'seed', signal: AbortSignal): Promise<PhaseRound>;
  emit: WatchSink;
  /** The next key pressed (interactive only). */
  keys?: () => Promise<WatchKey>;
  signal: AbortSignal;
}

export async function watchLoop(o: WatchLoopOptions): Promise<number> {
  let pendingKey: Promise<WatchKey> | undefined;
  for (;;) {
    if (o.signal.aborted) return 130;
    const stop = new AbortController();
    const abort = (): void => stop.abort();
    o.signal.addEventListener('abort', abort, { once: true });
    pendingKey ??= o.keys?.();
    let key: WatchKey | undefined;
    pendingKey?.then(
      (k) => {
        key = k;
        stop.abort();
      },
      () => undefined,
    );
    let files: string[];
    try {
      files = await o.events.next(stop.signal);
    } catch (error) {
      o.emit({ type: 'deploy-failed', target: 'sql', message: `Watching the files failed: ${toErrorInfo(error).message}`, hint: 'On Linux, raise fs.inotify.max_user_watches (sysctl) and start hart-dev watch again.' });
      return 1;
    } finally {
      o.signal.removeEventListener('abort', abort);
    }
    if (o.signal.aborted) return 130;
    if (key !== undefined) {
      pendingKey = undefined;
      if (key === 'q') return 0;
      await handleKey(o, key);
    }
    if (files.length > 0) await handleFiles(o, files);
  }
}

async function handleKey(o: WatchLoopOptions, key: 'r' | 's'): Promise<void> {
  if (key === 'r') {
    o.emit({ type: 'note', message: 'Sending everything again (r).' });
    await o.sql?.round([], true, o.signal);
    if (o.graph) await phaseRound(o, 'graph', 'graph');
  } else {
    o.emit({ type: 'note', message: 'Seeding again (s).' });
    await phaseRound(o, 'seed', o.sql === undefined ? 'graph' : 'sql');
  }
}

async function handleFiles(o: WatchLoopOptions, files: string[]): Promise<void> {
  const byKind = new Map<WatchedKind, string[]>();
  for (const f of files) {
    const kind = watchedKind(f, o.folders);
    if (kind === undefined) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  if (byKind.size === 0) return;
  o.emit({ type: 'change', files: files.filter((f) => watchedKind(f, o.folders) !== undefined).map((f) => relative(o.cwd, f) || f), time: new Date().toISOString() });
  const clr = byKind.get('clr');
  if (clr !== undefined && o.sql !== undefined) await phaseRound(o, 'clr', 'clr');
  const sql = byKind.get('sql');
  if (sql !== undefined && o.sql !== undefined) await o.sql.round(sql, false, o.signal);
  if (byKind.has('graph') && o.graph) await phaseRound(o, 'graph', 'graph');
  if (byKind.has('seed')) o.emit({ type: 'note', message: 'The seed settings changed: press s to seed again (or run hart-dev seed).' });
}

async function phaseRound(o: WatchLoopOptions, what: 'clr' | 'graph' | 'seed', target: WatchTarget): Promise<void> {
  const result = await o.phases(what, o.signal);
  if (o.signal.aborted) return;
  if (result.ok) {
    o.emit({ type: 'deployed', target, objects: result.done, batches: 0, ms: result.ms });
    return;
  }
  const failed: Extract<WatchEvent, { type: 'deploy-failed' }> = { type: 'deploy-failed', target, message: result.error?.message ?? `${what} failed` };
  if (result.error?.file !== undefined) failed.file = result.error.file;
  if (result.error?.line !== undefined) failed.line = result.error.line;
  if (result.error?.hint !== undefined) failed.hint = result.error.hint;
  o.emit(failed);
}
