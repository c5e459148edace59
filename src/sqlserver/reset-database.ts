// The reset step before a deploy: restore the golden backup when it holds exactly the current content
// (payload + CLR + seed), else drop the database so the phases after it build it from scratch.
import { basename } from 'node:path';
import { HartError, throwIfAborted } from '../engine/errors.js';
import { done, type Phase } from '../engine/phase.js';
import { enableBroker, readDatabaseStatus } from './database-steps.js';
import { endpointOf, forgetDatabase, setDeployOptions, type DeployContext } from './deploy-run.js';
import { goldenBackupState, restoreGoldenBackup } from './golden-backup.js';
import { currentFingerprint, type SeedDeployDeps } from './seed-program.js';
import { toSqlHartError } from './sql-error.js';
import { DATABASE_ONLINE, dropDatabaseSql, ensureTrustedAssemblySql, goldenBackupPath } from './tsql-texts.js';

export const RESET_PHASE_ID = 'reset-database';

export interface ResetChoice {
  /** --full: drop and deploy even when a golden backup matches. */
  full: boolean;
  /** --no-seed: an empty database (the golden backup holds seed data, so the full path is taken). */
  noSeed: boolean;
}

export function createResetDatabasePhase<C extends DeployContext>(deps: SeedDeployDeps, choice: ResetChoice): Phase<C> {
  return {
    id: RESET_PHASE_ID,
    title: 'Reset database',
    needs: ['sqlserver', 'clr-build'],
    async run(ctx, { signal, report }) {
      const endpoint = endpointOf(ctx);
      const database = ctx.config.sql.database;
      if (choice.noSeed) setDeployOptions(ctx, { noGoldenBackup: true });
      const session = await deps.openSession(endpoint, { database: 'master', signal, requestTimeoutMs: 0 });
      try {
        const { status } = await readDatabaseStatus(session, database);
        // The deploy phases after this one must read the database afresh.
        forgetDatabase(ctx);
        // Not ONLINE (e.g. RESTORING after an interrupted restore): no users to end, and ALTER DATABASE is refused.
        const online = status.exists && (status.state === undefined || status.state === DATABASE_ONLINE);
        if (status.exists && !online) report.log(`Database ${database} is ${status.state ?? 'not online'}: replaced without SET SINGLE_USER`);
        const fastPath = !choice.full && !choice.noSeed && !endpoint.external;
        if (fastPath) {
          report.status('Looking for a golden backup of the current content');
          const { fingerprint } = await currentFingerprint(ctx, deps);
          const golden = await goldenBackupState(session, database, fingerprint);
          if (golden.kind === 'unreadable') {
            report.log(`The golden backup ${goldenBackupPath(database)} cannot be read (${golden.reason}): rebuilding from scratch; a new one is taken after the deploy`);
          }
          if (golden.kind === 'current') {
            throwIfAborted(signal);
            report.status(`Restoring ${database} from the golden backup`);
            await restoreGoldenBackup(session, database, online);
            // NOTES: Temporal tables… — "After a restore, re-check Service Broker and trusted assemblies."
            const after = await readDatabaseStatus(session, database);
            if (after.status.brokerEnabled !== true) await enableBroker(session, database, signal, report);
            const clr = ctx.state.clr;
            if (clr !== undefined) {
              try {
                await session.batch(ensureTrustedAssemblySql(clr.sha512, basename(clr.dll).replace(/\.dll$/i, '')));
              } catch (error) {
                throw toSqlHartError(error, { action: 'Re-checking the trusted CLR assembly' });
              }
            }
            return done(`Database ${database} restored from the golden backup`);
          }
          if (golden.kind === 'absent') report.log('No golden backup holds the current payload, CLR and seed: rebuilding from scratch');
        }
        if (status.exists) {
          throwIfAborted(signal);
          report.status(`Dropping database ${database}`);
          try {
            await session.batch(dropDatabaseSql(database, online));
          } catch (error) {
            throw toSqlHartError(error, { action: `Dropping database ${database}` });
          }
        }
        return done(choice.full ? `Database ${database} dropped (--full): deploying from scratch` : `Database ${database} dropped: deploying from scratch`);
      } finally {
        await session.close();
      }
    },
  };
}

/** The up phases with the reset step in front of `database`. */
export function withResetStep<P extends { id: string; needs: readonly string[] }>(phases: readonly P[], reset: P): P[] {
  if (!phases.some((p) => p.id === 'database')) {
    throw new HartError('The deploy has no database phase to reset', { code: 'reset-plan', hint: 'Do not --skip database with reset.' });
  }
  // Listed right before `database` so the plan reads in run order.
  return phases.flatMap((p) => (p.id === 'database' ? [reset, { ...p, needs: [...p.needs, reset.id] }] : [p]));
}
