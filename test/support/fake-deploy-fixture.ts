// Test fixture: the SQL Server phases wired to a recording fake server with a simulated database,
// an in-memory payload plan, and a stand-in sqlserver phase that hands over the endpoint.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { HartEvent } from '../../src/engine/events.js';
import { done, type Phase } from '../../src/engine/phase.js';
import { runPhases, type RunResult } from '../../src/engine/runner.js';
import type { UpContext } from '../../src/phases/context.js';
import { scriptHash } from '../../src/tsql/hash.js';
import type { Batch, PayloadPlan, Script, ScriptKind } from '../../src/tsql/types.js';
import type { SqlDeployDeps } from '../../src/sqlserver/deploy-run.js';
import type { SqlEndpoint } from '../../src/sqlserver/endpoint.js';
import { RecordingFakeServer, SimulatedDatabase } from './recording-fake-session.js';

export const FAKE_ENDPOINT: SqlEndpoint = { host: '127.0.0.1', port: 14330, user: 'sa', password: 'Str0ng.Passw0rd!', database: 'Hartonomous', external: false, container: 'hart-sqlserver' };

/** A script whose batches are the GO-separated parts of `text` (lines counted like the batch reader). */
export function fakeScript(path: string, kind: ScriptKind, text: string): Script {
  const batches: Batch[] = [];
  let start = 1;
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.join('').trim() !== '') batches.push({ file: path, line: start, text: lines.join('\n'), count: 1 });
  };
  text.split('\n').forEach((line, index) => {
    if (/^\s*GO\s*$/i.test(line)) {
      flush();
      lines = [];
      start = index + 2;
    } else {
      lines.push(line);
    }
  });
  flush();
  return { path, file: `/payload/${path}`, kind, hash: scriptHash(text), batches };
}

export function fakePlan(parts: Partial<PayloadPlan> = {}): PayloadPlan {
  return { migrations: [], broker: [], programmability: [], clrBindings: [], diagnostics: [], ...parts };
}

export interface FakeDeploy {
  server: RecordingFakeServer;
  db: SimulatedDatabase;
  plan: PayloadPlan;
  deps: SqlDeployDeps;
  newContext(): UpContext;
  run(phases: Phase<UpContext>[], options?: { ctx?: UpContext; signal?: AbortSignal }): Promise<RunResult & { events: HartEvent[] }>;
}

export const fakeSqlServerPhase: Phase<UpContext> = {
  id: 'sqlserver',
  title: 'SQL Server',
  needs: [],
  async run(ctx) {
    ctx.state.sqlServer = FAKE_ENDPOINT;
    return done();
  },
};

export function fakeDeploy(plan: PayloadPlan): FakeDeploy {
  const server = new RecordingFakeServer();
  const db = new SimulatedDatabase(server, 'Hartonomous');
  const cwd = mkdtempSync(join(tmpdir(), 'hart-fake-'));
  const fixture: FakeDeploy = {
    server,
    db,
    plan,
    deps: {
      openSession: async (_endpoint, options) => server.open(options?.database ?? 'Hartonomous'),
      loadPlan: async () => fixture.plan,
      kitVersion: '9.9.9',
    },
    newContext: () => ({
      config: loadConfig({ cwd, env: { HART_SQL_SA_PASSWORD: FAKE_ENDPOINT.password, HART_NEO4J_PASSWORD: 'Neo4j.Passw0rd' } }),
      interactive: false,
      yes: true,
      state: {},
      env: {},
    }),
    async run(phases, options = {}) {
      const events: HartEvent[] = [];
      const result = await runPhases({
        command: 'up',
        phases: [fakeSqlServerPhase, ...phases],
        ctx: options.ctx ?? fixture.newContext(),
        signal: options.signal ?? new AbortController().signal,
        emit: (e) => events.push(e),
      });
      return { ...result, events };
    },
  };
  return fixture;
}

/** The phase-finished events as "id: status (message)" lines, for readable assertions. */
export function outcomes(events: HartEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'phase-finished' ? [`${e.id}: ${e.status}${e.message === undefined ? '' : ` (${e.message})`}`] : []));
}
