import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { HartEvent } from '../engine/events.js';
import { displayWidth } from './wrap.js';
import { RunView } from './ink/run-view.js';
import { createJsonRenderer } from './json-renderer.js';
import { createPlainRenderer } from './plain-renderer.js';
import { initialRunState, reduceRun } from './run-state.js';

const EULA = 'https://go.microsoft.com/fwlink/?linkid=857698';
const CONNECTION = 'Server=127.0.0.1,1433;Database=Hartonomous;User Id=sa;Password=********;TrustServerCertificate=True';

const downstream = ['database', 'filestream', 'clr-deploy', 'migration', 'broker', 'programmability', 'seed', 'verify', 'neo4j-schema', 'neo4j-seed', 'neo4j-verify'];

/** up on a machine where neither image can be pulled: both service phases fail, eleven phases never start. */
const failedRun: HartEvent[] = [
  {
    type: 'run-started',
    command: 'up',
    time: '',
    phases: [
      { id: 'preflight', title: 'Preflight checks', needs: [] },
      { id: 'sqlserver', title: 'SQL Server', needs: ['preflight'] },
      { id: 'neo4j', title: 'Neo4j', needs: ['preflight'] },
      ...downstream.map((id, i) => ({ id, title: id, needs: i === 0 ? ['sqlserver'] : id.startsWith('neo4j') ? ['neo4j'] : ['database'] })),
    ],
  },
  { type: 'phase-started', id: 'preflight', time: '' },
  { type: 'phase-finished', id: 'preflight', status: 'done', durationMs: 400, message: 'Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock (default socket)' },
  { type: 'phase-started', id: 'sqlserver', time: '' },
  { type: 'phase-started', id: 'neo4j', time: '' },
  {
    type: 'phase-finished',
    id: 'sqlserver',
    status: 'failed',
    durationMs: 2_000,
    error: {
      message: "Can't pull mcr.microsoft.com/mssql/server:2022-latest: the registry is unreachable from the Docker engine (offline?)",
      hint: "Check the network or proxy settings of the Docker engine, or load the image by hand: on a machine with internet access run 'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.",
      code: 'image-pull-offline',
    },
  },
  {
    type: 'phase-finished',
    id: 'neo4j',
    status: 'failed',
    durationMs: 2_100,
    error: { message: "Can't pull neo4j:5.26-community: the registry is unreachable from the Docker engine (offline?)", hint: `Read the EULA at ${EULA} and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula) to accept it.`, code: 'image-pull-offline' },
  },
  ...downstream.map((id): HartEvent => ({ type: 'phase-finished', id, status: 'cancelled', durationMs: 0, message: 'needs a phase which did not finish' })),
  { type: 'run-finished', status: 'failed', durationMs: 2_500, exitCode: 1 },
];

const succeededRun: HartEvent[] = [
  { type: 'run-started', command: 'up', time: '', phases: [{ id: 'sqlserver', title: 'SQL Server', needs: [] }] },
  { type: 'phase-started', id: 'sqlserver', time: '' },
  { type: 'phase-finished', id: 'sqlserver', status: 'done', durationMs: 1_000, message: 'SQL Server at sql.example.com,1433 (external)' },
  {
    type: 'summary',
    lines: [
      { label: 'SQL Server', value: 'sql.example.com,1433 database Hartonomous, login sa' },
      { label: 'Connection string', value: CONNECTION, copy: true },
      { label: 'Passwords kept in', value: '.hart/secrets.env (hart-dev up --show-secrets prints them)' },
    ],
  },
  { type: 'run-finished', status: 'success', durationMs: 1_100, exitCode: 0 },
];

function ink(list: HartEvent[], columns: number): string {
  const state = list.reduce((s, e) => reduceRun(s, e, 0), initialRunState());
  return stripVTControlCharacters(renderToString(<RunView state={state} now={0} columns={columns} />, { columns }));
}

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

function plain(list: HartEvent[], columns: number): string {
  const out = collector();
  const renderer = createPlainRenderer(out.stream, { now: () => 0, columns });
  for (const event of list) renderer.handle(event);
  return out.text();
}

const PULL = "'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.";

/** Every line fits, except one holding nothing but a command or a value to copy, which stays whole. */
function expectFits(text: string, columns: number): void {
  for (const line of text.split('\n')) {
    const bare = line.replace(/[│\s]/g, '');
    if (bare === CONNECTION.replace(/\s/g, '') || bare === PULL.replace(/\s/g, '')) continue;
    expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
  }
}

describe('Ink view at 60, 80 and 120 columns', () => {
  it('wraps rows and failure panels with a hanging indent, names both images, keeps the URL whole on its own line and folds the phases that never started', () => {
    const at60 = ink(failedRun, 60);
    expectFits(at60, 60);
    expect(at60).toMatchInlineSnapshot(`
      "✔ Preflight checks 0.4s Docker 20.10.24+dfsg1 answers at
        unix:///var/run/docker.sock (default socket)
      ✖ SQL Server 2.0s
        ╭────────────────────────────────────────────────────────╮
        │ Can't pull mcr.microsoft.com/mssql/server:2022-latest: │
        │   the registry is unreachable from the Docker engine   │
        │   (offline?)                                           │
        │ → Check the network or proxy settings of the Docker    │
        │   engine, or load the image by hand: on a machine with │
        │   internet access run                                  │
        │ 'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.
        ╰────────────────────────────────────────────────────────╯
      ✖ Neo4j 2.1s
        ╭────────────────────────────────────────────────────╮
        │ Can't pull neo4j:5.26-community: the registry is   │
        │   unreachable from the Docker engine (offline?)    │
        │ → Read the EULA at                                 │
        │   https://go.microsoft.com/fwlink/?linkid=857698   │
        │   and set HART_ACCEPT_EULA=Y (environment, .env or │
        │   --accept-eula) to accept it.                     │
        ╰────────────────────────────────────────────────────╯
      ■ 11 phases not started: they need sqlserver or neo4j
      ✖ up failed after 2.5s (exit code 1)"
    `);
    const at80 = ink(failedRun, 80);
    expectFits(at80, 80);
    expect(at80).toMatchInlineSnapshot(`
      "✔ Preflight checks 0.4s Docker 20.10.24+dfsg1 answers at
        unix:///var/run/docker.sock (default socket)
      ✖ SQL Server 2.0s
        ╭─────────────────────────────────────────────────────────────────────────╮
        │ Can't pull mcr.microsoft.com/mssql/server:2022-latest: the registry is  │
        │   unreachable from the Docker engine (offline?)                         │
        │ → Check the network or proxy settings of the Docker engine, or load the │
        │   image by hand: on a machine with internet access run                  │
        │ 'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.
        ╰─────────────────────────────────────────────────────────────────────────╯
      ✖ Neo4j 2.1s
        ╭───────────────────────────────────────────────────────────────────────╮
        │ Can't pull neo4j:5.26-community: the registry is unreachable from the │
        │   Docker engine (offline?)                                            │
        │ → Read the EULA at                                                    │
        │   https://go.microsoft.com/fwlink/?linkid=857698                      │
        │   and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula) to  │
        │   accept it.                                                          │
        ╰───────────────────────────────────────────────────────────────────────╯
      ■ 11 phases not started: they need sqlserver or neo4j
      ✖ up failed after 2.5s (exit code 1)"
    `);
    const at120 = ink(failedRun, 120);
    expectFits(at120, 120);
    expect(at120).toMatchInlineSnapshot(`
      "✔ Preflight checks 0.4s Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock (default socket)
      ✖ SQL Server 2.0s
        ╭───────────────────────────────────────────────────────────────────────────────────────────────────────────────────╮
        │ Can't pull mcr.microsoft.com/mssql/server:2022-latest: the registry is unreachable from the Docker engine         │
        │   (offline?)                                                                                                      │
        │ → Check the network or proxy settings of the Docker engine, or load the image by hand: on a machine with internet │
        │   access run 'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.                     │
        ╰───────────────────────────────────────────────────────────────────────────────────────────────────────────────────╯
      ✖ Neo4j 2.1s
        ╭────────────────────────────────────────────────────────────────────────────────────────────────╮
        │ Can't pull neo4j:5.26-community: the registry is unreachable from the Docker engine (offline?) │
        │ → Read the EULA at                                                                             │
        │   https://go.microsoft.com/fwlink/?linkid=857698                                               │
        │   and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula) to accept it.                │
        ╰────────────────────────────────────────────────────────────────────────────────────────────────╯
      ■ 11 phases not started: they need sqlserver or neo4j
      ✖ up failed after 2.5s (exit code 1)"
    `);
  });

  it('wraps a live row with its progress bar and status line, and pending rows', () => {
    const live: HartEvent[] = [
      {
        type: 'run-started',
        command: 'up',
        time: '',
        phases: [
          { id: 'sqlserver', title: 'SQL Server', needs: [] },
          { id: 'programmability', title: 'Functions, views, procedures', needs: ['migration', 'clr-deploy', 'broker'] },
        ],
      },
      { type: 'phase-started', id: 'sqlserver', time: '' },
      { type: 'phase-progress', id: 'sqlserver', done: 300 * 1024 * 1024, total: 1400 * 1024 * 1024, unit: 'bytes' },
      { type: 'phase-status', id: 'sqlserver', message: 'Waiting for SQL Server to accept logins: 52 s left, last error: connect ECONNREFUSED 127.0.0.1:1433' },
    ];
    expect(ink(live, 60)).toMatchInlineSnapshot(`
      "⠋ SQL Server 0.0s ████░░░░░░░░░░░░░░░░ 300 MB/1.4 GB
        Waiting for SQL Server to accept logins: 52 s left, last
          error: connect ECONNREFUSED 127.0.0.1:1433
      · Functions, views, procedures (after migration, clr-deploy,
        broker)"
    `);
  });

  it('keeps a connection string whole in the summary', () => {
    expect(ink(succeededRun, 60)).toMatchInlineSnapshot(`
      "✔ SQL Server 1.0s SQL Server at sql.example.com,1433
        (external)

      SQL Server         sql.example.com,1433 database
                         Hartonomous, login sa
      Connection string
      Server=127.0.0.1,1433;Database=Hartonomous;User Id=sa;Password=********;TrustServerCertificate=True
      Passwords kept in  .hart/secrets.env (hart-dev up
                         --show-secrets prints them)
      ✔ up finished in 1.1s"
    `);
    expect(ink(succeededRun, 120)).toMatchInlineSnapshot(`
      "✔ SQL Server 1.0s SQL Server at sql.example.com,1433 (external)

      SQL Server         sql.example.com,1433 database Hartonomous, login sa
      Connection string  Server=127.0.0.1,1433;Database=Hartonomous;User Id=sa;Password=********;TrustServerCertificate=True
      Passwords kept in  .hart/secrets.env (hart-dev up --show-secrets prints them)
      ✔ up finished in 1.1s"
    `);
  });
});

describe('plain lines at 60, 80 and 120 columns', () => {
  it('wraps under the text after [LEVEL], names both images, keeps the URL whole on its own line and folds the phases that never started', () => {
    const at60 = plain(failedRun, 60);
    expectFits(at60, 60);
    expect(at60).toMatchInlineSnapshot(`
      "[STARTED] Preflight checks
      [COMPLETED] Preflight checks: Docker 20.10.24+dfsg1 answers
                  at unix:///var/run/docker.sock (default socket)
                  [0.4s]
      [STARTED] SQL Server
      [STARTED] Neo4j
      [FAILED] SQL Server [2.0s]
        Can't pull mcr.microsoft.com/mssql/server:2022-latest: the
          registry is unreachable from the Docker engine
          (offline?)
        → Check the network or proxy settings of the Docker
          engine, or load the image by hand: on a machine with
          internet access run
      'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.
      [FAILED] Neo4j [2.1s]
        Can't pull neo4j:5.26-community: the registry is
          unreachable from the Docker engine (offline?)
        → Read the EULA at
          https://go.microsoft.com/fwlink/?linkid=857698
          and set HART_ACCEPT_EULA=Y (environment, .env or
          --accept-eula) to accept it.
      [CANCELLED] 11 phases not started: they need sqlserver or
                  neo4j
      up failed in 2.5s (exit code 1)
      "
    `);
    const at80 = plain(failedRun, 80);
    expectFits(at80, 80);
    expect(at80).toMatchInlineSnapshot(`
      "[STARTED] Preflight checks
      [COMPLETED] Preflight checks: Docker 20.10.24+dfsg1 answers at
                  unix:///var/run/docker.sock (default socket) [0.4s]
      [STARTED] SQL Server
      [STARTED] Neo4j
      [FAILED] SQL Server [2.0s]
        Can't pull mcr.microsoft.com/mssql/server:2022-latest: the registry is
          unreachable from the Docker engine (offline?)
        → Check the network or proxy settings of the Docker engine, or load the image
          by hand: on a machine with internet access run
      'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.
      [FAILED] Neo4j [2.1s]
        Can't pull neo4j:5.26-community: the registry is unreachable from the Docker
          engine (offline?)
        → Read the EULA at
          https://go.microsoft.com/fwlink/?linkid=857698
          and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula) to accept
          it.
      [CANCELLED] 11 phases not started: they need sqlserver or neo4j
      up failed in 2.5s (exit code 1)
      "
    `);
    const at120 = plain(failedRun, 120);
    expectFits(at120, 120);
    expect(at120).toMatchInlineSnapshot(`
      "[STARTED] Preflight checks
      [COMPLETED] Preflight checks: Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock (default socket) [0.4s]
      [STARTED] SQL Server
      [STARTED] Neo4j
      [FAILED] SQL Server [2.0s]
        Can't pull mcr.microsoft.com/mssql/server:2022-latest: the registry is unreachable from the Docker engine (offline?)
        → Check the network or proxy settings of the Docker engine, or load the image by hand: on a machine with internet
          access run 'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'.
      [FAILED] Neo4j [2.1s]
        Can't pull neo4j:5.26-community: the registry is unreachable from the Docker engine (offline?)
        → Read the EULA at
          https://go.microsoft.com/fwlink/?linkid=857698
          and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula) to accept it.
      [CANCELLED] 11 phases not started: they need sqlserver or neo4j
      up failed in 2.5s (exit code 1)
      "
    `);
  });

  it('keeps a connection string whole in the summary', () => {
    expect(plain(succeededRun, 60)).toMatchInlineSnapshot(`
      "[STARTED] SQL Server
      [COMPLETED] SQL Server: SQL Server at sql.example.com,1433
                  (external) [1.0s]
      SQL Server: sql.example.com,1433 database Hartonomous, login
                  sa
      Connection string:
      Server=127.0.0.1,1433;Database=Hartonomous;User Id=sa;Password=********;TrustServerCertificate=True
      Passwords kept in: .hart/secrets.env (hart-dev up
                         --show-secrets prints them)
      up finished in 1.1s
      "
    `);
  });
});

describe('NDJSON', () => {
  it('never wraps: one event per line, whatever its length', () => {
    const out = collector();
    const renderer = createJsonRenderer(out.stream, collector().stream);
    for (const event of failedRun) renderer.handle(event);
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(failedRun.length);
    expect(lines.map((line) => JSON.parse(line))).toEqual(failedRun);
  });
});
