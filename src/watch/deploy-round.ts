// Sends what roundDeploy decided, on one session: schema-bound dependents dropped, the scripts run
// batch by batch (each journaled after its last batch, apply-scripts.ts), the removed scripts' modules
// dropped and their journal rows deleted. Stops at the first error with the server's message at the
// payload's file:line; what ran before it stays applied and journaled (the next round resends the rest).
import type { PhaseReporter } from '../engine/phase.js';
import { applyScripts } from '../sqlserver/apply-scripts.js';
import type { Journal } from '../sqlserver/journal.js';
import type { SqlSession } from '../sqlserver/session.js';
import { toSqlHartError } from '../sqlserver/sql-error.js';
import { dropModuleSql } from '../sqlserver/tsql-texts.js';
import type { ModuleDrop, RoundDeploy } from './deploy-plan.js';

export interface DeployedRound {
  /** Scripts run, in order. */
  scripts: string[];
  /** Modules dropped: "dbo.v (view)". */
  dropped: string[];
  batches: number;
}

const SILENT: PhaseReporter = { progress: () => undefined, status: () => undefined, log: () => undefined };

async function drop(session: SqlSession, d: ModuleDrop): Promise<void> {
  try {
    await session.batch(dropModuleSql(d.kind, d.parts, d.databaseTrigger));
  } catch (error) {
    throw toSqlHartError(error);
  }
}

export async function deployRound(args: { session: SqlSession; deploy: RoundDeploy; journal: Journal; signal: AbortSignal; kitVersion: string; report?: PhaseReporter }): Promise<DeployedRound> {
  const { session, deploy, journal, signal } = args;
  const dropped: string[] = [];
  for (const d of deploy.dropFirst) {
    await drop(session, d);
    dropped.push(`${d.name} (${d.kind})`);
  }
  const batches = await applyScripts({ session, pending: deploy.pending, journal, signal, report: args.report ?? SILENT, kitVersion: args.kitVersion });
  for (const d of deploy.dropAfter) {
    await drop(session, d);
    dropped.push(`${d.name} (${d.kind})`);
  }
  for (const path of deploy.forget) await journal.forget(session, path);
  return { scripts: deploy.pending.map((p) => p.script.path), dropped, batches: batches + deploy.dropFirst.length + deploy.dropAfter.length };
}
