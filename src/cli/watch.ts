// `hart-dev watch`: `up` first (warm, it sends nothing), then every save of a payload script, a CLR
// source, the graph schema or the seed settings is checked and sent (src/watch/). Plain lines, NDJSON
// with --json; keys r, s, q on a terminal.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config/load.js';
import { UsageError, toErrorInfo } from '../engine/errors.js';
import type { HartEvent } from '../engine/events.js';
import { createRedactor } from '../engine/redact.js';
import { redactEvent, runPhases } from '../engine/runner.js';
import type { UpContext } from '../phases/context.js';
import { seedPhases } from '../phases/reset-seed-plan.js';
import { selectRun } from '../phases/run-selection.js';
import { upPhases } from '../phases/up-plan.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { payloadVariables, setDeployOptions } from '../sqlserver/deploy-run.js';
import { watchLines } from '../ui/watch-lines.js';
import { FileEvents } from '../watch/file-events.js';
import { SqlRounds } from '../watch/sql-rounds.js';
import type { WatchEvent } from '../engine/watch-events.js';
import { watchLoop, type PhaseRound, type WatchKey } from '../watch/watch-loop.js';
import { watchedKind } from '../watch/watched-paths.js';
import { isInteractive, writeLine, writeText, type CommandIo } from './io.js';
import { runUp, upOptions } from './up.js';

export function watchHelp(): string {
  return [
    'Usage: hart-dev watch [--only sql|graph] [--json] [options of up]',
    '',
    'Runs up (a warm up sends nothing), then watches the payload (HART_SQL_DIR), the CLR sources, the graph schema and the seed settings. A saved script is checked with the scripts that depend on it, against the whole payload; with an error nothing is sent, otherwise exactly what changed is sent: the changed scripts, the views and schema-bound modules that must be made again, and the modules of a removed script are dropped. Migrations are never applied (reset does that). A server that is down never ends the watch.',
    '',
    'Options:',
    '  --only sql|graph   watch only the SQL Server side or only the Neo4j side',
    '  --json             NDJSON events on stdout: watch-ready, change, diagnostics, deployed, deploy-failed, note',
    '  (and the options of up)',
    '',
    'Keys (on a terminal): r send everything again, s seed again, q quit. Ctrl-C stops (exit 130).',
  ].join('\n');
}

function parseWatchArgs(args: string[]): { only?: 'sql' | 'graph'; json: boolean; help: boolean; upArgs: string[] } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: upOptions(), strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev watch --help' for the options." });
  }
  const only = values.only;
  if (only !== undefined && only !== 'sql' && only !== 'graph') throw new UsageError(`--only "${String(only)}" is not sql or graph`, { hint: 'Use --only sql (SQL Server only) or --only graph (Neo4j only).' });
  // up runs the part of the stack that is watched (and what it needs).
  const upArgs: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as string;
    if (a === '--only') k++;
    else if (!a.startsWith('--only=')) upArgs.push(a);
  }
  if (only !== undefined) upArgs.push('--only', only === 'sql' ? 'verify' : 'neo4j-verify');
  const out: { only?: 'sql' | 'graph'; json: boolean; help: boolean; upArgs: string[] } = { json: values.json === true, help: values.help === true, upArgs };
  if (only !== undefined) out.only = only;
  return out;
}

/** The phases of `up` for a round: the CLR rebuilt and bound, the graph schema, or the seed. */
async function phaseRound(what: 'clr' | 'graph' | 'seed', config: Config, io: CommandIo, signal: AbortSignal): Promise<PhaseRound> {
  const started = performance.now();
  const services = ['sqlserver', 'neo4j', 'preflight'];
  const target = what === 'clr' ? ['clr-deploy'] : what === 'graph' ? ['neo4j-schema'] : [];
  const plan = what === 'seed' ? seedPhases() : upPhases();
  const { phases, state } = selectRun(plan, { only: target, skip: services }, config);
  const ctx: UpContext = { config, interactive: false, yes: true, state, env: io.env };
  if (what === 'seed') setDeployOptions(ctx, { forceSeed: true, noGoldenBackup: true });
  const events: HartEvent[] = [];
  const result = await runPhases({ command: `watch ${what}`, phases, ctx, signal, emit: (e) => events.push(e) });
  const done = events.flatMap((e) => (e.type === 'phase-finished' && e.status === 'done' ? [`${e.id}${e.message === undefined ? '' : `: ${e.message}`}`] : []));
  const out: PhaseRound = { ok: result.status === 'success', done, ms: Math.round(performance.now() - started) };
  if (result.error !== undefined) {
    const error: NonNullable<PhaseRound['error']> = { message: result.error.message };
    if (result.error.hint !== undefined) error.hint = result.error.hint;
    if (result.error.location !== undefined) {
      error.file = result.error.location.file;
      if (result.error.location.line !== undefined) error.line = result.error.location.line;
    }
    out.error = error;
  }
  return out;
}

/** Keys from a terminal in raw mode; Ctrl-C (which raw mode no longer turns into SIGINT) aborts. */
function terminalKeys(io: CommandIo, abort: () => void): { next: () => Promise<WatchKey>; close: () => void } | undefined {
  const stdin = io.stdin as (NodeJS.ReadStream & { setRawMode?: (raw: boolean) => void }) | undefined;
  if (stdin === undefined || !io.stdinIsTTY || typeof stdin.setRawMode !== 'function') return undefined;
  const waiting: ((k: WatchKey) => void)[] = [];
  const onData = (data: Buffer): void => {
    const text = data.toString('utf8');
    if (text.includes('\u0003')) abort();
    for (const ch of text.toLowerCase()) if (ch === 'r' || ch === 's' || ch === 'q') waiting.shift()?.(ch);
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
    },
  };
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseWatchArgs(args);
  if (parsed.help) {
    writeText(io.stdout, watchHelp());
    return 0;
  }
  const up = await runUp(parsed.upArgs, io);
  if (up.exitCode !== 0 || up.ctx === undefined || up.config === undefined) return up.exitCode;
  const config = up.config;
  const ctx = up.ctx;
  const redact = createRedactor(config.secrets);
  const interactive = isInteractive(io, parsed.json);
  // On a terminal the persistent Ink view (on stderr, as up's); plain lines or NDJSON otherwise.
  const view = interactive ? (await import('../ui/ink/watch-renderer.js')).createWatchRenderer(io.stderr) : undefined;
  const emit = (event: WatchEvent): void => {
    const e = redactEvent(event, redact);
    if (parsed.json) writeLine(io.stdout, JSON.stringify(e));
    else if (view !== undefined) view.handle(e);
    else for (const line of watchLines(e)) writeLine(io.stdout, line);
  };
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  io.signal.addEventListener('abort', onAbort, { once: true });

  const folders = { sqlDir: config.paths.sqlDir, seedsDir: config.paths.seedsDir };
  const endpoint = ctx.state.sqlServer;
  const sql =
    parsed.only === 'graph' || endpoint === undefined
      ? undefined
      : new SqlRounds(
          { sqlDir: config.paths.sqlDir, variables: payloadVariables(ctx), collation: config.sql.collation, database: config.sql.database },
          { openSession: () => defaultDeployDeps.openSession(endpoint, { database: config.sql.database, requestTimeoutMs: 0, signal: stop.signal }), kitVersion: defaultDeployDeps.kitVersion },
          emit,
        );
  const roots = [config.paths.sqlDir, config.paths.seedsDir].filter((d) => existsSync(d));
  const events = new FileEvents({ roots, relevant: (p) => watchedKind(p, folders) !== undefined });
  const keys = interactive ? terminalKeys(io, () => stop.abort()) : undefined;
  try {
    if (sql !== undefined) await sql.start();
    emit({ type: 'watch-ready', watching: roots.map((r) => (r.startsWith(io.cwd) ? r.slice(io.cwd.length + 1) || '.' : r)), scripts: sql?.scriptCount ?? 0, time: new Date().toISOString() });
    if (keys !== undefined && view === undefined) emit({ type: 'note', message: 'Keys: r send everything again, s seed again, q quit.' });
    const loop = {
      events,
      folders,
      cwd: io.cwd,
      graph: parsed.only !== 'sql',
      phases: (what: 'clr' | 'graph' | 'seed', signal: AbortSignal) => phaseRound(what, config, io, signal),
      emit,
      signal: stop.signal,
    };
    return await watchLoop({ ...loop, ...(sql === undefined ? {} : { sql }), ...(keys === undefined ? {} : { keys: keys.next }) });
  } catch (error) {
    if (stop.signal.aborted) return 130;
    const info = toErrorInfo(error);
    emit({ type: 'deploy-failed', target: 'sql', message: info.message, hint: info.hint ?? 'Watching stopped: fix what the message names, then start hart-dev watch again.' });
    return 1;
  } finally {
    keys?.close();
    events.close();
    await view?.close();
    io.signal.removeEventListener('abort', onAbort);
    await sql?.close();
  }
}
