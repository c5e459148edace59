// A phase is data: an id, a title, what it needs, and a run function. The runner (runner.ts) starts
// every phase whose needs are met, so independent work runs in parallel.

export type PhaseId = string;

export interface Progress {
  done: number;
  total?: number;
  /** "batches", "rows", "bytes", … */
  unit: string;
}

export interface PhaseReporter {
  progress(progress: Progress): void;
  /** One line saying what the phase is doing now ("Waiting for SQL Server to accept logins"). */
  status(message: string): void;
  /** A log line (e.g. a container's output); renderers keep the last few for failure panels. */
  log(line: string): void;
}

export interface PhaseRunArgs {
  signal: AbortSignal;
  report: PhaseReporter;
}

export type PhaseOutcome =
  | { status: 'done'; message?: string }
  | { status: 'skipped'; reason: string };

export interface Phase<C> {
  id: PhaseId;
  title: string;
  needs: readonly PhaseId[];
  /**
   * Resolve (optionally with an outcome) when finished, throw a HartError on failure.
   * Must stop promptly when `signal` aborts, leaving nothing half-recorded.
   */
  run(ctx: C, args: PhaseRunArgs): Promise<PhaseOutcome | void>;
}

export function done(message?: string): PhaseOutcome {
  return message === undefined ? { status: 'done' } : { status: 'done', message };
}

export function skipped(reason: string): PhaseOutcome {
  return { status: 'skipped', reason };
}
