// What the SQL Server phases of one run share: the database status and journal read once by the
// `database` phase (so a warm `up` decides everything from one query), the payload plan loaded once,
// and per-command options (reset, seed). It lives in the run's state (`state.sqlRun`), next to the
// endpoints and the CLR artifact. Structural types only: infrastructure does not import the phases layer.
import { createHash } from 'node:crypto';
import { HartError } from '../engine/errors.js';
import type { ClrArtifact } from '../clr/artifact.js';
import type { Config } from '../config/load.js';
import type { EmbeddingSettings } from '../seed/types.js';
import type { PayloadPlan } from '../tsql/types.js';
import type { OpenSessionOptions } from './connect.js';
import type { SqlEndpoint } from './endpoint.js';
import type { Journal } from './journal.js';
import type { SqlSession } from './session.js';

export interface DeployOptions {
  /** --allow-changed-migration: run a changed run-once script again instead of stopping. */
  allowChangedMigration?: boolean;
  /** `hart-dev seed`: seed again even when the journal says this seed already ran. */
  forceSeed?: boolean;
  /** `hart-dev seed --embeddings/--dim/--topics/--seed`. */
  seedOverrides?: Partial<EmbeddingSettings>;
  /** Take no golden backup at the end of verify (seed --target, reset --no-seed). */
  noGoldenBackup?: boolean;
}

export interface DatabaseStatus {
  exists: boolean;
  /** sys.databases.state_desc: ONLINE, RESTORING, RECOVERING, RECOVERY_PENDING, SUSPECT, EMERGENCY, OFFLINE, … */
  state?: string;
  collation?: string;
  recovery?: string;
  readCommittedSnapshot?: boolean;
  brokerEnabled?: boolean;
  userAccess?: string;
}

/** What the phases need from outside; tests pass a recording fake session and an in-memory plan. */
export interface SqlDeployDeps {
  openSession(endpoint: SqlEndpoint, options?: OpenSessionOptions): Promise<SqlSession>;
  loadPlan(sqlDir: string, variables: Record<string, string>): Promise<PayloadPlan>;
  kitVersion: string;
}

/** The part of a phase context (UpContext) the SQL Server code reads. */
export interface DeployState {
  sqlServer?: SqlEndpoint;
  clr?: ClrArtifact;
  /** Made by the first SQL Server phase (or the command's options) of the run. */
  sqlRun?: SqlRunState;
}

export interface DeployContext {
  config: Config;
  state: DeployState;
}

export interface SqlRunState {
  options: DeployOptions;
  status?: DatabaseStatus;
  journal?: Journal;
  plan?: Promise<PayloadPlan>;
  /** Phases that changed the database in this run (verify takes a golden backup only then). */
  changed: Set<string>;
}

function runOf(state: DeployState): SqlRunState {
  state.sqlRun ??= { options: {}, changed: new Set() };
  return state.sqlRun;
}

/** Commands (up, reset, seed) set their options before the run starts. */
export function setDeployOptions(ctx: Pick<DeployContext, 'state'>, options: DeployOptions): void {
  runOf(ctx.state).options = { ...runOf(ctx.state).options, ...options };
}

export function deployOptions(ctx: Pick<DeployContext, 'state'>): DeployOptions {
  return runOf(ctx.state).options;
}

export function rememberDatabase(ctx: Pick<DeployContext, 'state'>, status: DatabaseStatus, journal: Journal): void {
  const run = runOf(ctx.state);
  run.status = status;
  run.journal = journal;
}

/** A phase that read the journal itself (the database phase did not run) shares it with the next ones. */
export function rememberJournal(ctx: Pick<DeployContext, 'state'>, journal: Journal): void {
  runOf(ctx.state).journal = journal;
}

/** Forget what this run read (reset drops or restores the database, so the next read must be fresh). */
export function forgetDatabase(ctx: Pick<DeployContext, 'state'>): void {
  const run = runOf(ctx.state);
  delete run.status;
  delete run.journal;
}

/** The journal read by the database phase in this run, if it ran. */
export function rememberedJournal(ctx: Pick<DeployContext, 'state'>): Journal | undefined {
  return runOf(ctx.state).journal;
}

export function markChanged(ctx: Pick<DeployContext, 'state'>, phase: string): void {
  runOf(ctx.state).changed.add(phase);
}

export function changedPhases(ctx: Pick<DeployContext, 'state'>): ReadonlySet<string> {
  return runOf(ctx.state).changed;
}

/** sqlcmd variables the payload may use ($(DatabaseName)). */
export function payloadVariables(ctx: Pick<DeployContext, 'config'>): Record<string, string> {
  return { DatabaseName: ctx.config.sql.database };
}

/** The payload plan, loaded once per run; a payload with errors stops here with the first one. */
export function planOf(ctx: DeployContext, deps: SqlDeployDeps): Promise<PayloadPlan> {
  const run = runOf(ctx.state);
  run.plan ??= deps.loadPlan(ctx.config.paths.sqlDir, payloadVariables(ctx)).then((plan) => {
    const first = plan.diagnostics.find((d) => d.severity === 'error');
    if (first !== undefined) {
      const more = plan.diagnostics.filter((d) => d.severity === 'error').length - 1;
      throw new HartError(`${first.file}:${first.line}: ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`, {
        code: 'payload-invalid',
        location: { file: first.file, line: first.line, col: first.col },
        hint: first.hint ?? 'Fix the script (hart-dev check lists every problem) and run the command again.',
      });
    }
    return plan;
  });
  return run.plan;
}

/** The endpoint the sqlserver phase (or HART_SQL_URL) gave this run. */
export function endpointOf(ctx: Pick<DeployContext, 'state'>): SqlEndpoint {
  const endpoint = ctx.state.sqlServer;
  if (endpoint === undefined) {
    throw new HartError('No SQL Server is known to this run', {
      code: 'no-sql-endpoint',
      hint: 'Keep the sqlserver phase in the run (not in --skip), or set HART_SQL_URL to an existing server.',
    });
  }
  return endpoint;
}

/**
 * One hash of everything a deployed database is made of: every script's path, kind and hash, the CLR
 * assembly's SHA2_512, the seed content, the database name and collation, and the kit version. Keys
 * the golden backup and verify's journal row.
 */
export function deployFingerprint(input: {
  plan: PayloadPlan;
  clrSha512: string | undefined;
  /** Hash of the seed content (settings, fixed data, upsert text): see seedHash in seed-data.ts. */
  seedHash: string | undefined;
  database: string;
  collation: string;
  kitVersion: string;
}): string {
  const scripts = [...input.plan.migrations, ...input.plan.clrBindings, ...input.plan.broker, ...input.plan.programmability].map((s) => [s.path, s.kind, s.hash]);
  const payload = JSON.stringify({
    scripts,
    clr: input.clrSha512 ?? null,
    seed: input.seedHash ?? null,
    database: input.database,
    collation: input.collation,
    kit: input.kitVersion,
  });
  return createHash('sha256').update(payload).digest('hex');
}
