// A second thread for `plan` and `check` on a large payload. Reading, lexing and analysing are most
// of their time and each script is analysed on its own, so this thread and one worker per process
// each take the next file from a shared counter until none is left. What comes back is small on
// purpose: the script (its batches) and the summary the deploy order and the catalog need
// (definitions, ordering references, column renames, drops) and, for `check`, the schema skeleton of
// its batches (binder/skeleton.ts: the statements that define tables, views, procedures …). The
// syntax trees themselves, millions of objects, stay in the worker: once this thread has built the
// payload's schema (from its own trees and the worker's skeletons), the worker runs the per-script
// checks, syntax and binding of its scripts against the catalog and schema it is sent (see check.ts).
// Copying trees between threads costs more than parsing them.
//
// The worker is the compiled analysis-worker.js next to this module; running from the TypeScript
// sources (the unit tests), or on a single core, there is none and everything runs on this thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Definition, Drop, ReferenceKind, ScriptAnalysis } from './analysis-types.js';
import type { SchemaCatalog } from './binder/index.js';
import type { ParsedBatch } from './parser/ast.js';
import type { Diagnostic, Script, ScriptKind } from './types.js';

/** A file to load as a script: Script.path is relative to pathBase, Batch.file to root. */
export interface LoadJob {
  file: string;
  pathBase: string;
  root: string;
  kind: ScriptKind;
}

/** What the order and the catalog read of a script's analysis. */
export interface OrderSummary {
  definitions: Definition[];
  /** The ordering references, their module as an index into `definitions` (-1: none). */
  references: { kind: ReferenceKind; parts: string[]; module: number }[];
  renamedColumns: ScriptAnalysis['renamedColumns'];
  drops: Drop[];
}

export interface RemoteLoaded {
  script: Script;
  diagnostics: Diagnostic[];
  summary: OrderSummary;
  /** For a check: each batch's schema skeleton (the worker keeps the trees). */
  skeleton?: ParsedBatch[];
}

/** A script's definitions for the worker's catalog: its own scripts by number, others written out. */
export type CatalogEntry = { id: number } | { path: string; definitions: Definition[]; renamedColumns: ScriptAnalysis['renamedColumns'] };

export type CheckPhase = 'clr-deploy' | 'migration' | 'broker' | 'programmability';

/** What the worker checks: its scripts by number, against the payload's catalog and schema. */
export interface CheckRequest {
  catalog: CatalogEntry[];
  schema: SchemaCatalog;
  caseSensitive: boolean;
  scripts: { id: number; phase: CheckPhase }[];
}

/** Per script of a CheckRequest: the per-script checks' findings and the front end's (syntax, binding). */
export interface CheckedScript {
  checks: Diagnostic[];
  frontEnd: Diagnostic[];
}

export type WorkerRequest =
  | { type: 'load'; jobs: LoadJob[]; next: Int32Array; variables: Record<string, string>; orderOnly: boolean }
  | ({ type: 'check' } & CheckRequest)
  | { type: 'release'; ids: number[] };

/** What the worker loaded: the job's index, and the id it keeps the script by (-1 when it keeps nothing). */
export type Loaded = RemoteLoaded & { index: number; id: number };

export type WorkerReply = { type: 'loaded'; loaded: Loaded[] } | { type: 'checked'; scripts: CheckedScript[] } | { type: 'released' } | { type: 'error'; message: string };

/** Sent while a load runs, before its reply: scripts loaded so far (see AnalysisWorker.load). */
export type WorkerProgress = { type: 'progress'; loaded: Loaded[] };

/** How many scripts the worker sends at a time while it loads. */
export const PROGRESS_EVERY = 32;

/** Takes the next job: both threads count on the same shared number, so neither waits on a fixed share. */
export function claimJob(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/** The summary of an analysis (see OrderSummary). */
export function summarize(a: ScriptAnalysis): OrderSummary {
  const index = new Map(a.definitions.map((d, k) => [d, k]));
  const references = a.references.filter((r) => r.ordering).map((r) => ({ kind: r.kind, parts: r.parts, module: r.module === undefined ? -1 : (index.get(r.module) ?? -1) }));
  return { definitions: a.definitions, references, renamedColumns: a.renamedColumns, drops: a.drops };
}

/** The worker's young generation (semi-spaces), MB. */
const YOUNG_GENERATION_MB = 96;

let shared: AnalysisWorker | undefined;

export class AnalysisWorker {
  private closed = false;
  private readonly pending: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void; progress?: (loaded: Loaded[]) => void }[] = [];

  private constructor(private readonly worker: Worker) {
    // Replies come in the order of the requests (the worker answers one message at a time).
    worker.on('message', (reply: WorkerReply | WorkerProgress) => {
      if (reply.type === 'progress') this.pending[0]?.progress?.(reply.loaded);
      else this.pending.shift()?.resolve(reply);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the analysis worker exited (code ${code})`)));
  }

  /** The process's worker if one is running (see get). */
  static running(): AnalysisWorker | undefined {
    return shared !== undefined && shared.open ? shared : undefined;
  }

  /**
   * The process's worker, started on first use and kept for later loads (its code is then compiled
   * and warm); undefined where there is none to start (one core, or no compiled worker).
   */
  static get(): AnalysisWorker | undefined {
    if (shared !== undefined && shared.open) return shared;
    if (availableParallelism() < 2) return undefined;
    const url = new URL('./analysis-worker.js', import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return undefined;
    // A larger young generation: the worker's parse garbage dies young, and fewer scavenges promote
    // less of it (measured on the 16x bench payload; the main thread keeps V8's default).
    const worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    shared = new AnalysisWorker(worker);
    // Idle, it never holds the process open. After the listeners: adding a 'message' listener refs
    // the worker's port again, and a script that started the worker and sent nothing would not exit.
    worker.unref();
    return shared;
  }

  get open(): boolean {
    return !this.closed;
  }

  /**
   * Loads the jobs it claims from `next` (see claimJob) until none is left. What it loads comes to
   * `progress` a few scripts at a time while it works (whenever this thread lets messages in), so
   * that copying the results between threads overlaps with the loading; the rest with the reply.
   */
  async load(jobs: LoadJob[], next: Int32Array, variables: Record<string, string>, orderOnly: boolean, progress: (loaded: Loaded[]) => void): Promise<void> {
    const reply = await this.request({ type: 'load', jobs, next, variables, orderOnly }, progress);
    if (reply.type !== 'loaded') throw new Error(reply.type === 'error' ? reply.message : 'unexpected reply');
    progress(reply.loaded);
  }

  /** The findings of the worker's scripts `request.scripts` (see CheckRequest). */
  async check(request: CheckRequest): Promise<CheckedScript[]> {
    const reply = await this.request({ type: 'check', ...request });
    if (reply.type !== 'checked') throw new Error(reply.type === 'error' ? reply.message : 'unexpected reply');
    return reply.scripts;
  }

  /** Lets the worker drop the scripts (and their trees) nobody will check there. */
  release(ids: number[]): void {
    if (ids.length > 0) this.request({ type: 'release', ids }).catch(() => undefined);
  }

  private request(request: WorkerRequest, progress?: (loaded: Loaded[]) => void): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('the analysis worker is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push(progress === undefined ? { resolve, reject } : { resolve, reject, progress });
      // Waiting for a reply keeps the process alive; an idle worker does not.
      if (this.pending.length === 1) this.worker.ref();
      this.worker.postMessage(request);
    }).finally(() => {
      if (this.pending.length === 0 && !this.closed) this.worker.unref();
    }) as Promise<WorkerReply>;
  }

  private fail(error: Error): void {
    this.closed = true;
    if (shared === this) shared = undefined;
    for (const p of this.pending.splice(0)) p.reject(error);
  }
}
