// The SQL Server side of `watch`: the payload kept between rounds (payload-state.ts), a round's
// check (changed scripts and their dependents against the whole payload) and, when it is clean, its
// deploy (deploy-plan.ts, deploy-round.ts) on a session kept open between rounds. A server that is
// down never ends the watch: the round says so and the next one sends what is still missing (the
// journal decides, so nothing is lost in between).
import { toErrorInfo } from '../engine/errors.js';
import { Journal, loadJournal } from '../sqlserver/journal.js';
import type { SqlSession } from '../sqlserver/session.js';
import type { Diagnostic, Script } from '../tsql/types.js';
import { roundDeploy, isEmptyDeploy } from './deploy-plan.js';
import { deployRound } from './deploy-round.js';
import { PayloadState, type PayloadStateOptions } from './payload-state.js';
import type { WatchEvent, WatchSink } from '../engine/watch-events.js';

export interface SqlRoundsDeps {
  openSession(): Promise<SqlSession>;
  kitVersion: string;
  now?: () => number;
}

const shown = (d: Diagnostic): Extract<WatchEvent, { type: 'diagnostics' }>['diagnostics'][number] => {
  const out: Extract<WatchEvent, { type: 'diagnostics' }>['diagnostics'][number] = { file: d.file, line: d.line, col: d.col, severity: d.severity, rule: d.rule, message: d.message };
  if (d.code !== undefined) out.code = d.code;
  if (d.hint !== undefined) out.hint = d.hint;
  return out;
};

export class SqlRounds {
  readonly payload: PayloadState;
  private session: SqlSession | undefined;
  private journal: Journal | undefined;
  /** Scripts removed while their drop could not be sent (server down, a failed round): sent later. */
  private removed: Script[] = [];

  constructor(
    options: PayloadStateOptions,
    private readonly deps: SqlRoundsDeps,
    private readonly emit: WatchSink,
  ) {
    this.payload = new PayloadState(options);
  }

  /** Loads and checks the whole payload; true when it has no error. */
  async start(): Promise<boolean> {
    await this.payload.reload();
    return this.report(await this.payload.checkAll());
  }

  get scriptCount(): number {
    const p = this.payload.plan;
    return p.migrations.length + p.broker.length + p.programmability.length + p.clrBindings.length;
  }

  /** Emits the findings (errors and warnings); true when none is an error. */
  private report(diagnostics: readonly Diagnostic[]): boolean {
    const shownOnes = diagnostics.filter((d) => d.severity !== 'note');
    if (shownOnes.length > 0) this.emit({ type: 'diagnostics', diagnostics: shownOnes.map(shown) });
    return !shownOnes.some((d) => d.severity === 'error');
  }

  /**
   * One round for changed payload files (absolute paths); `all`: send every script again (key r).
   * An abort stops between batches: a script is journaled only once all its batches ran.
   */
  async round(files: readonly string[], all = false, signal: AbortSignal = new AbortController().signal): Promise<void> {
    const change = await this.payload.reload(files);
    this.removed.push(...change.removed);
    if (!all && change.changed.length === 0 && change.removed.length === 0 && this.removed.length === 0) {
      if (files.length > 0) this.emit({ type: 'note', message: 'Saved without a change: nothing to check or send.' });
      return;
    }
    const checked = await this.payload.checkChange(change);
    if (!this.report(checked.diagnostics)) return;
    await this.deploy(all, new Set(change.changed.map((s) => s.path)), signal);
  }

  private async deploy(all: boolean, changedNow: ReadonlySet<string>, signal: AbortSignal): Promise<void> {
    const now = this.deps.now ?? (() => performance.now());
    const started = now();
    try {
      const session = await this.open();
      this.journal ??= await loadJournal(session);
      const deploy = roundDeploy(this.payload.plan, all ? new Journal() : this.journal, this.removed, this.payload.catalog);
      for (const m of deploy.migrations) {
        if (!changedNow.has(m.path)) continue;
        const ran = this.journal.get(m.path) !== undefined;
        this.emit({ type: 'note', message: ran ? `${m.path} differs from what this database ran: watch never applies a migration. Run hart-dev reset to rebuild the database with it.` : `${m.path} has not run on this database: watch never applies a migration. Run hart-dev up to apply it.` });
      }
      if (deploy.leftInPlace.length > 0) this.emit({ type: 'note', message: `Left in place (watch drops only procedures, functions, views and triggers): ${deploy.leftInPlace.join(', ')}` });
      if (isEmptyDeploy(deploy)) {
        this.removed = [];
        this.emit({ type: 'note', message: 'The database already has this version: nothing to send.' });
        return;
      }
      const sent = await deployRound({ session, deploy, journal: this.journal, signal, kitVersion: this.deps.kitVersion });
      this.removed = [];
      this.emit({ type: 'deployed', target: 'sql', objects: [...sent.scripts, ...sent.dropped.map((d) => `dropped ${d}`)], batches: sent.batches, ms: Math.round(now() - started) });
    } catch (error) {
      if (signal.aborted) throw error;
      const info = toErrorInfo(error);
      const failed: Extract<WatchEvent, { type: 'deploy-failed' }> = { type: 'deploy-failed', target: 'sql', message: info.message };
      if (info.location !== undefined) {
        failed.file = info.location.file;
        if (info.location.line !== undefined) failed.line = info.location.line;
      }
      const unreachable = this.session === undefined;
      failed.hint = info.hint ?? (unreachable ? 'SQL Server did not answer: watch keeps checking files and sends what is missing with the next change.' : 'Fix the script and save it again.');
      this.emit(failed);
      // The session may be broken: a fresh one (and a fresh journal read) next round.
      await this.close();
    }
  }

  private async open(): Promise<SqlSession> {
    this.session ??= await this.deps.openSession();
    return this.session;
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    this.journal = undefined;
    await s?.close().catch(() => undefined);
  }
}
