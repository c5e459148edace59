// Runs payload scripts batch by batch on one session, with the journal deciding what runs. Between
// batches the abort signal is checked, so Ctrl-C stops after the batch in flight and the script stays
// unrecorded (it runs again next time). A failing batch becomes a HartError at the payload's file:line.
import { InterruptedError, throwIfAborted } from '../engine/errors.js';
import type { PhaseReporter } from '../engine/phase.js';
import type { Script } from '../tsql/types.js';
import { changedMigrationError, decideScript, type Journal, type ScriptDecision } from './journal.js';
import type { SqlSession } from './session.js';
import { toSqlHartError } from './sql-error.js';

export interface PendingScript {
  script: Script;
  decision: Extract<ScriptDecision, { action: 'apply' }>;
}

export interface ScriptSelection {
  pending: PendingScript[];
  unchanged: number;
}

/** Which scripts must run. Throws before anything runs when a run-once script changed (unless allowed). */
export function selectScripts(scripts: readonly Script[], journal: Journal, allowChangedMigration: boolean): ScriptSelection {
  const pending: PendingScript[] = [];
  let unchanged = 0;
  for (const script of scripts) {
    const decision = decideScript(script, journal.get(script.path), allowChangedMigration);
    if (decision.action === 'refuse') throw changedMigrationError(script);
    if (decision.action === 'skip') unchanged += 1;
    else pending.push({ script, decision });
  }
  return { pending, unchanged };
}

export function batchTotal(pending: readonly PendingScript[]): number {
  return pending.reduce((sum, p) => sum + p.script.batches.reduce((n, b) => n + (b.text.trim() === '' ? 0 : b.count), 0), 0);
}

export interface ApplyArgs {
  session: SqlSession;
  pending: readonly PendingScript[];
  journal: Journal;
  signal: AbortSignal;
  report: PhaseReporter;
  kitVersion: string;
  now?: () => number;
}

/** Applies every pending script in order; records each one after its last batch succeeded. */
export async function applyScripts(args: ApplyArgs): Promise<number> {
  const { session, pending, journal, signal, report } = args;
  const now = args.now ?? (() => performance.now());
  const total = batchTotal(pending);
  let done = 0;
  report.progress({ done, total, unit: 'batches' });
  for (const { script, decision } of pending) {
    report.status(`${decision.reason === 'new' ? 'Applying' : 'Re-applying'} ${script.path}`);
    const started = now();
    for (const batch of script.batches) {
      if (batch.text.trim() === '') continue;
      for (let i = 0; i < batch.count; i++) {
        throwIfAborted(signal);
        try {
          await session.batch(batch.text);
        } catch (error) {
          if (signal.aborted) throw new InterruptedError();
          throw toSqlHartError(error, { batch });
        }
        done += 1;
        report.progress({ done, total, unit: 'batches' });
      }
    }
    // Every batch succeeded, so the script is fully applied and is recorded even if Ctrl-C came
    // during its last batch; the next script will not start.
    await journal.record(session, { path: script.path, kind: script.kind, hash: script.hash, durationMs: now() - started, kitVersion: args.kitVersion });
    report.log(`${script.path} applied (${decision.reason})`);
  }
  return done;
}
