import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/load.js';
import type { HartEvent } from '../engine/events.js';
import { RunView } from './ink/run-view.js';
import { createPlainRenderer } from './plain-renderer.js';
import { renderRun, rendererKind } from './render-run.js';
import type { Renderer } from './renderer.js';
import { initialRunState, reduceRun, type RunState } from './run-state.js';

const SECRET = 'Sup3r.Secret-Pass';

/** A run of `up` as the engine reports it: one phase done, one skipped, one failing, one cancelled, one running. */
const events: HartEvent[] = [
  {
    type: 'run-started',
    command: 'up',
    time: '2026-01-01T00:00:00.000Z',
    phases: [
      { id: 'preflight', title: 'Preflight checks', needs: [] },
      { id: 'clr-build', title: 'SQL CLR assembly built', needs: ['preflight'] },
      { id: 'containers', title: 'Containers', needs: ['preflight'] },
      { id: 'migration', title: 'Migration', needs: ['containers'] },
      { id: 'seed', title: 'Seed data', needs: ['migration'] },
    ],
  },
  { type: 'phase-started', id: 'preflight', time: '' },
  { type: 'phase-status', id: 'preflight', message: 'Checked Docker 27.3.1' },
  { type: 'phase-finished', id: 'preflight', status: 'done', durationMs: 412 },
  { type: 'phase-started', id: 'clr-build', time: '' },
  { type: 'phase-finished', id: 'clr-build', status: 'skipped', durationMs: 3, message: 'unchanged since last run' },
  { type: 'phase-started', id: 'containers', time: '' },
  { type: 'phase-progress', id: 'containers', done: 300, total: 1000, unit: 'MB' },
  { type: 'phase-status', id: 'containers', message: `Pulling with password ${SECRET}` },
];

const failure: HartEvent[] = [
  { type: 'phase-log', id: 'containers', line: 'SQL Server is starting' },
  { type: 'phase-log', id: 'containers', line: `Login failed for sa with ${SECRET}` },
  {
    type: 'phase-finished',
    id: 'containers',
    status: 'failed',
    durationMs: 65_400,
    error: { message: 'SQL Server refuses the sa login (error 18456)', hint: 'Remove the volume: hart-dev down --volumes', location: { file: 'sql/migrations/InitialCreate.sql', line: 12 }, code: 'sql-login' },
  },
  { type: 'phase-finished', id: 'migration', status: 'cancelled', durationMs: 0, message: 'needs containers, which did not finish' },
  { type: 'phase-finished', id: 'seed', status: 'cancelled', durationMs: 0, message: 'needs migration, which did not finish' },
  { type: 'run-finished', status: 'failed', durationMs: 66_000, exitCode: 1 },
];

const success: HartEvent[] = [
  { type: 'phase-finished', id: 'containers', status: 'done', durationMs: 20_000 },
  { type: 'phase-started', id: 'migration', time: '' },
  { type: 'phase-finished', id: 'migration', status: 'done', durationMs: 1_500, message: '1 migration applied' },
  { type: 'phase-started', id: 'seed', time: '' },
  { type: 'phase-finished', id: 'seed', status: 'done', durationMs: 900 },
  { type: 'summary', lines: [{ label: 'SQL Server', value: 'sqlserver://sa@127.0.0.1:1433/Hartonomous' }, { label: 'sa password', value: SECRET }] },
  { type: 'run-finished', status: 'success', durationMs: 23_100, exitCode: 0 },
];

function collector(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => stripVTControlCharacters(out) };
}

/** Feeds events through renderRun (so they are redacted as in a real run) into a renderer. */
async function through(renderer: Renderer, list: HartEvent[], secrets: string[] = [SECRET]): Promise<number> {
  const io = { stdout: collector().stream, stderr: collector().stream };
  return renderRun(io, { command: 'up', json: false, interactive: false }, async (session) => {
    session.addSecrets(secrets);
    for (const event of list) session.emit(event);
    return 0;
  }, renderer);
}

function stateOf(list: HartEvent[]): RunState {
  // phase-started at t=0 for every phase; the view is drawn at t=1234 ms.
  return list.reduce((s, e) => reduceRun(s, e, 0), initialRunState());
}

async function viewOf(list: HartEvent[], now = 1234): Promise<string> {
  // Redact as renderRun does, then draw at a fixed width.
  const seen: HartEvent[] = [];
  await through({ handle: (e) => void seen.push(e), stopping: () => undefined, close: async () => {} }, list);
  return stripVTControlCharacters(renderToString(<RunView state={stateOf(seen)} now={now} />, { columns: 80 }));
}

describe('Ink view (rendered to a string, 80 columns)', () => {
  it('shows finished rows, a spinner row with elapsed time, progress bar and status, and pending rows', async () => {
    expect(await viewOf(events)).toMatchInlineSnapshot(`
      "✔ Preflight checks 0.4s
      ↷ SQL CLR assembly built skipped: unchanged since last run
      ⠴ Containers 1.2s ██████░░░░░░░░░░░░░░ 300/1000 MB
        Pulling with password ********
      · Migration (after containers)
      · Seed data (after migration)"
    `);
  });

  it('shows a failure panel with message, file:line, hint and last log lines', async () => {
    expect(await viewOf([...events, ...failure])).toMatchInlineSnapshot(`
      "✔ Preflight checks 0.4s
      ↷ SQL CLR assembly built skipped: unchanged since last run
      ✖ Containers 1m 05s
        ╭───────────────────────────────────────────────╮
        │ SQL Server refuses the sa login (error 18456) │
        │ at sql/migrations/InitialCreate.sql:12        │
        │ → Remove the volume: hart-dev down --volumes  │
        │                                               │
        │ Last log lines:                               │
        │ SQL Server is starting                        │
        │ Login failed for sa with ********             │
        ╰───────────────────────────────────────────────╯
      ■ 2 phases not started: they need containers
      ✖ up failed after 1m 06s (exit code 1)"
    `);
  });

  it('ends with the summary and the total time', async () => {
    expect(await viewOf([...events, ...success])).toMatchInlineSnapshot(`
      "✔ Preflight checks 0.4s
      ↷ SQL CLR assembly built skipped: unchanged since last run
      ✔ Containers 20.0s
      ✔ Migration 1.5s 1 migration applied
      ✔ Seed data 0.9s

      SQL Server   sqlserver://sa@127.0.0.1:1433/Hartonomous
      sa password  ********
      ✔ up finished in 23.1s"
    `);
  });

  it('explains a failure that happened before any phase (bad configuration)', () => {
    const state = [{ type: 'run-finished', status: 'failed', durationMs: 5, exitCode: 2, error: { message: 'HART_SQL_PORT "x" from the environment is not a whole number', hint: 'Set a valid value, e.g. HART_SQL_PORT=1433', code: 'config-invalid' } } satisfies HartEvent].reduce((s, e) => reduceRun(s, e, 0), initialRunState('up'));
    expect(stripVTControlCharacters(renderToString(<RunView state={state} now={0} />, { columns: 80 }))).toMatchInlineSnapshot(`
      "  ╭──────────────────────────────────────────────────────────────╮
        │ HART_SQL_PORT "x" from the environment is not a whole number │
        │ → Set a valid value, e.g. HART_SQL_PORT=1433                 │
        ╰──────────────────────────────────────────────────────────────╯
      ✖ up failed after 0.0s (exit code 2)"
    `);
  });
});

describe('plain renderer', () => {
  it('prints listr2-style lines with timings, progress in tenths, and failure details', async () => {
    const out = collector();
    await through(createPlainRenderer(out.stream, { now: () => 0 }), [...events, ...failure]);
    expect(out.text()).toMatchInlineSnapshot(`
      "[STARTED] Preflight checks
      [OUTPUT] Preflight checks: Checked Docker 27.3.1
      [COMPLETED] Preflight checks [0.4s]
      [STARTED] SQL CLR assembly built
      [SKIPPED] SQL CLR assembly built: unchanged since last run
      [STARTED] Containers
      [OUTPUT] Containers: 300/1000 MB
      [OUTPUT] Containers: Pulling with password ********
      [FAILED] Containers [1m 05s]
        SQL Server refuses the sa login (error 18456)
        at sql/migrations/InitialCreate.sql:12
        → Remove the volume: hart-dev down --volumes
        Last log lines:
          SQL Server is starting
          Login failed for sa with ********
      [CANCELLED] 2 phases not started: they need containers
      up failed in 1m 06s (exit code 1)
      "
    `);
  });

  it('prints the summary and the total time on success', async () => {
    const out = collector();
    await through(createPlainRenderer(out.stream, { now: () => 0 }), [...events, ...success]);
    expect(out.text().split('\n').slice(-5).join('\n')).toMatchInlineSnapshot(`
      "[COMPLETED] Seed data [0.9s]
      SQL Server: sqlserver://sa@127.0.0.1:1433/Hartonomous
      sa password: ********
      up finished in 23.1s
      "
    `);
  });
});

describe('first Ctrl-C', () => {
  it('the plain renderer says the run is stopping and how to force it', async () => {
    const out = collector();
    const controller = new AbortController();
    await renderRun({ stdout: collector().stream, stderr: out.stream, signal: controller.signal }, { command: 'up', json: false, interactive: false }, async () => {
      controller.abort();
      return 130;
    });
    expect(out.text()).toBe('Stopping… (press Ctrl-C again to force)\n');
  });
});

describe('NDJSON renderer', () => {
  it('writes one event per line on stdout, as data, and nothing on stderr', async () => {
    const stdout = collector();
    const stderr = collector();
    const code = await renderRun({ stdout: stdout.stream, stderr: stderr.stream }, { command: 'up', json: true, interactive: true }, async (session) => {
      session.addSecrets([SECRET]);
      for (const event of [...events, ...success]) session.emit(event);
      return 0;
    });
    expect(code).toBe(0);
    expect(stderr.text()).toBe('');
    const parsed: unknown[] = stdout.text().trim().split('\n').map((line) => JSON.parse(line));
    expect(parsed).toHaveLength(events.length + success.length);
    expect(parsed[3]).toEqual({ type: 'phase-finished', id: 'preflight', status: 'done', durationMs: 412 });
    expect(parsed.at(-2)).toEqual({ type: 'summary', lines: [{ label: 'SQL Server', value: 'sqlserver://sa@127.0.0.1:1433/Hartonomous' }, { label: 'sa password', value: '********' }] });
    expect(parsed.at(-1)).toEqual({ type: 'run-finished', status: 'success', durationMs: 23_100, exitCode: 0 });
  });

  it('turns a configuration error thrown before the run into run-finished with exit code 2 and the hint', async () => {
    const stdout = collector();
    const code = await renderRun({ stdout: stdout.stream, stderr: collector().stream }, { command: 'up', json: true, interactive: false }, async () => {
      throw new ConfigError('HART_SQL_PORT', 'HART_SQL_PORT "x" from the environment is not a whole number', 'Set a valid value, e.g. HART_SQL_PORT=1433');
    });
    expect(code).toBe(2);
    const [event] = stdout.text().trim().split('\n').map((line) => JSON.parse(line));
    expect(event).toMatchObject({ type: 'run-finished', status: 'failed', exitCode: 2, error: { message: 'HART_SQL_PORT "x" from the environment is not a whole number', hint: 'Set a valid value, e.g. HART_SQL_PORT=1433', code: 'config-invalid' } });
  });
});

describe('renderer choice and secrets', () => {
  it('is decided once from json and interactive', () => {
    expect(rendererKind({ json: true, interactive: true })).toBe('json');
    expect(rendererKind({ json: false, interactive: true })).toBe('ink');
    expect(rendererKind({ json: false, interactive: false })).toBe('plain');
  });

  it('no renderer shows a secret, unless the command did not register it (--show-secrets)', async () => {
    const all = [...events, ...failure];
    const plain = collector();
    await through(createPlainRenderer(plain.stream, { now: () => 0 }), all);
    const json = collector();
    await renderRun({ stdout: json.stream, stderr: collector().stream }, { command: 'up', json: true, interactive: false }, async (s) => {
      s.addSecrets([SECRET]);
      for (const e of [...all, ...success]) s.emit(e);
      return 0;
    });
    for (const text of [plain.text(), json.text(), await viewOf(all), await viewOf([...events, ...success])]) {
      expect(text).not.toContain(SECRET);
    }
    const shown = collector();
    await through(createPlainRenderer(shown.stream, { now: () => 0 }), [...events, ...success], []);
    expect(shown.text()).toContain(`sa password: ${SECRET}`);
  });
});
