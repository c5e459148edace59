// A second thread for `plan` and `check` on a large payload. Reading, lexing and analysing are most
// of their time and each script is analysed on its own, so a worker takes every other file. What
// comes back is small on purpose: the script (its batches) and the summary the deploy order and
// the catalog need (definitions, ordering references, column renames, drops). The analysis itself,
// hundreds of thousands of objects, stays in the worker, which runs the per-script checks of its
// scripts against the catalog it is sent (see check.ts). Copying the analyses between threads cost
// more than computing them.
//
// The worker is the compiled analysis-worker.js next to this module; running from the TypeScript
// sources (the unit tests), or on a single core, there is none and everything runs on this thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Definition, Drop, ReferenceKind, ScriptAnalysis } from './analysis-types.js';
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
}

/** A script's definitions for the worker's catalog: its own scripts by number, others written out. */
export type CatalogEntry = { id: number } | { path: string; definitions: Definition[]; renamedColumns: ScriptAnalysis['renamedColumns'] };

export type CheckPhase = 'clr-deploy' | 'migration' | 'broker' | 'programmability';

export type WorkerRequest =
  | { type: 'load'; jobs: LoadJob[]; variables: Record<string, string>; orderOnly: boolean }
  | { type: 'check'; catalog: CatalogEntry[]; scripts: { id: number; phase: CheckPhase }[] };

export type WorkerReply = { type: 'loaded'; loaded: RemoteLoaded[] } | { type: 'checked'; diagnostics: Diagnostic[][] } | { type: 'error'; message: string };

/** The summary of an analysis (see OrderSummary). */
export function summarize(a: ScriptAnalysis): OrderSummary {
  const index = new Map(a.definitions.map((d, k) => [d, k]));
  const references = a.references.filter((r) => r.ordering).map((r) => ({ kind: r.kind, parts: r.parts, module: r.module === undefined ? -1 : (index.get(r.module) ?? -1) }));
  return { definitions: a.definitions, references, renamedColumns: a.renamedColumns, drops: a.drops };
}

export class AnalysisWorker {
  private closed = false;
  private pending: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void } | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(reply);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the analysis worker exited (code ${code})`)));
  }

  /** A worker, or undefined where there is none to start (one core, or no compiled worker). */
  static start(): AnalysisWorker | undefined {
    if (availableParallelism() < 2) return undefined;
    const url = new URL('./analysis-worker.js', import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return undefined;
    const worker = new Worker(url);
    // A worker kept for a later check never holds the process open.
    worker.unref();
    return new AnalysisWorker(worker);
  }

  get open(): boolean {
    return !this.closed;
  }

  async load(jobs: LoadJob[], variables: Record<string, string>, orderOnly: boolean): Promise<RemoteLoaded[]> {
    const reply = await this.request({ type: 'load', jobs, variables, orderOnly });
    if (reply.type !== 'loaded') throw new Error(reply.type === 'error' ? reply.message : 'unexpected reply');
    return reply.loaded;
  }

  /** The diagnostics of the per-script checks of the worker's scripts `scripts`, against the catalog of `catalog`. */
  async check(catalog: CatalogEntry[], scripts: { id: number; phase: CheckPhase }[]): Promise<Diagnostic[][]> {
    const reply = await this.request({ type: 'check', catalog, scripts });
    if (reply.type !== 'checked') throw new Error(reply.type === 'error' ? reply.message : 'unexpected reply');
    return reply.diagnostics;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }

  private request(request: WorkerRequest): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('the analysis worker is closed'));
    if (this.pending !== undefined) return Promise.reject(new Error('the analysis worker is busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  private fail(error: Error): void {
    this.closed = true;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(error);
  }
}
