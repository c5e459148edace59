// The phase runner: starts every phase whose needs are met (so independent phases run in
// parallel), stops dependants of a failed phase, and turns Ctrl-C (the AbortSignal) into
// "cancelled" for everything in flight. It knows nothing about rendering: it emits HartEvents.
import { InterruptedError, toErrorInfo, type ErrorInfo } from './errors.js';
import type { EventSink, HartEvent, PhaseStatus, SummaryLine } from './events.js';
import type { Phase, PhaseId, PhaseOutcome } from './phase.js';
import type { Redactor } from './redact.js';

export interface RunOptions<C> {
  command: string;
  phases: readonly Phase<C>[];
  ctx: C;
  signal: AbortSignal;
  emit: EventSink;
  redact?: Redactor;
  now?: () => number;
  /**
   * Lines of the final summary (connection details, …), asked for only when every phase succeeded
   * and emitted as a 'summary' event just before 'run-finished'.
   */
  summary?: () => SummaryLine[];
}

export interface RunResult {
  status: 'success' | 'failed' | 'interrupted';
  exitCode: number;
  durationMs: number;
  phases: Map<PhaseId, PhaseStatus>;
  error?: ErrorInfo;
}

export async function runPhases<C>(options: RunOptions<C>): Promise<RunResult> {
  const { phases, ctx, signal } = options;
  const now = options.now ?? (() => performance.now());
  const redact = options.redact ?? ((t: string) => t);
  const emit = (event: HartEvent): void => options.emit(redactEvent(event, redact));
  const start = now();
  const inPlan = new Set(phases.map((p) => p.id));
  const status = new Map<PhaseId, PhaseStatus>();
  const running = new Map<PhaseId, Promise<void>>();
  let firstError: ErrorInfo | undefined;

  emit({
    type: 'run-started',
    command: options.command,
    phases: phases.map((p) => ({ id: p.id, title: p.title, needs: p.needs.filter((n) => inPlan.has(n)) })),
    time: new Date().toISOString(),
  });

  const finish = (id: PhaseId, st: PhaseStatus, durationMs: number, extra: { message?: string; error?: ErrorInfo } = {}): void => {
    status.set(id, st);
    emit({ type: 'phase-finished', id, status: st, durationMs: Math.round(durationMs), ...extra });
  };

  const runOne = async (phase: Phase<C>): Promise<void> => {
    const t0 = now();
    emit({ type: 'phase-started', id: phase.id, time: new Date().toISOString() });
    const report = {
      progress: (p: { done: number; total?: number; unit: string }) => emit({ type: 'phase-progress', id: phase.id, ...p }),
      status: (message: string) => emit({ type: 'phase-status', id: phase.id, message }),
      log: (line: string) => emit({ type: 'phase-log', id: phase.id, line }),
    };
    try {
      const outcome: PhaseOutcome | void = await phase.run(ctx, { signal, report });
      if (signal.aborted) {
        // Finished work stays finished; but a phase that returned because of the abort is not done.
        if (outcome === undefined || outcome.status === 'done') {
          finish(phase.id, 'cancelled', now() - t0, { message: 'interrupted' });
          return;
        }
      }
      if (outcome !== undefined && outcome.status === 'skipped') {
        finish(phase.id, 'skipped', now() - t0, { message: outcome.reason });
      } else {
        const message = outcome?.message;
        finish(phase.id, 'done', now() - t0, message === undefined ? {} : { message });
      }
    } catch (error) {
      if (signal.aborted || error instanceof InterruptedError) {
        finish(phase.id, 'cancelled', now() - t0, { message: 'interrupted' });
        return;
      }
      const info = toErrorInfo(error);
      firstError ??= info;
      finish(phase.id, 'failed', now() - t0, { error: info });
    }
  };

  // Event-driven scheduling: after any phase settles, start everything that became ready.
  await new Promise<void>((resolveAll) => {
    const schedule = (): void => {
      for (const phase of phases) {
        if (status.has(phase.id) || running.has(phase.id)) continue;
        const needs = phase.needs.filter((n) => inPlan.has(n));
        const blocker = needs.find((n) => {
          const s = status.get(n);
          return s === 'failed' || s === 'cancelled';
        });
        if (blocker !== undefined || signal.aborted) {
          const why = signal.aborted ? 'interrupted' : `needs ${blocker}, which did not finish`;
          finish(phase.id, 'cancelled', 0, { message: why });
          continue;
        }
        if (!needs.every((n) => status.get(n) === 'done' || status.get(n) === 'skipped')) continue;
        const p = runOne(phase).finally(() => {
          running.delete(phase.id);
          schedule();
        });
        running.set(phase.id, p);
      }
      if (running.size === 0) resolveAll();
    };
    schedule();
  });

  const durationMs = Math.round(now() - start);
  const interrupted = signal.aborted;
  const failed = [...status.values()].some((s) => s === 'failed');
  const result: RunResult = interrupted
    ? { status: 'interrupted', exitCode: 130, durationMs, phases: status, error: toErrorInfo(new InterruptedError()) }
    : failed
      ? { status: 'failed', exitCode: 1, durationMs, phases: status }
      : { status: 'success', exitCode: 0, durationMs, phases: status };
  if (!interrupted && failed && firstError !== undefined) result.error = firstError;
  if (result.status === 'success' && options.summary !== undefined) {
    const lines = options.summary();
    if (lines.length > 0) emit({ type: 'summary', lines });
  }
  const finished: HartEvent = { type: 'run-finished', status: result.status, durationMs, exitCode: result.exitCode };
  if (result.error !== undefined) finished.error = result.error;
  emit(finished);
  return result;
}

/** Applies the redactor to every string inside an event (messages, logs, error hints, details). */
export function redactEvent<E extends object = HartEvent>(event: E, redact: Redactor): E {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  // walk() preserves the shape of the event: every key and every non-string value is kept.
  return walk(event) as E;
}
