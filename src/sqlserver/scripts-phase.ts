// The shape shared by migration, broker and programmability: pick scripts from the payload plan,
// let the journal decide, open a session only when something must run, apply with progress in batches.
import { done, skipped, type Phase, type PhaseId } from '../engine/phase.js';
import type { PayloadPlan, Script } from '../tsql/types.js';
import { applyScripts, selectScripts } from './apply-scripts.js';
import { deployOptions, endpointOf, type DeployContext, markChanged, planOf, rememberJournal, rememberedJournal, type SqlDeployDeps } from './deploy-run.js';
import { loadJournal, type Journal } from './journal.js';
import type { SqlSession } from './session.js';

export interface ScriptsPhaseSpec {
  id: PhaseId;
  title: string;
  needs: readonly PhaseId[];
  /** Which scripts of the plan this phase applies, in deploy order. */
  scripts(plan: PayloadPlan): Script[];
  /** The payload folder, for the "nothing to do" reason. */
  folder: string;
}

export function createScriptsPhase<C extends DeployContext>(spec: ScriptsPhaseSpec, deps: SqlDeployDeps): Phase<C> {
  return {
    id: spec.id,
    title: spec.title,
    needs: spec.needs,
    async run(ctx, { signal, report }) {
      const scripts = spec.scripts(await planOf(ctx, deps));
      if (scripts.length === 0) return skipped(`No scripts in ${spec.folder}`);
      let session: SqlSession | undefined;
      const open = async (): Promise<SqlSession> => {
        session ??= await deps.openSession(endpointOf(ctx), { database: ctx.config.sql.database, signal, requestTimeoutMs: 0 });
        return session;
      };
      try {
        let journal: Journal | undefined = rememberedJournal(ctx);
        if (journal === undefined) {
          journal = await loadJournal(await open());
          rememberJournal(ctx, journal);
        }
        const { pending, unchanged } = selectScripts(scripts, journal, deployOptions(ctx).allowChangedMigration === true);
        if (pending.length === 0) return skipped(`Unchanged since last run (${unchanged} ${unchanged === 1 ? 'script' : 'scripts'})`);
        const batches = await applyScripts({ session: await open(), pending, journal, signal, report, kitVersion: deps.kitVersion });
        markChanged(ctx, spec.id);
        const kept = unchanged > 0 ? `, ${unchanged} unchanged` : '';
        return done(`${pending.length} ${pending.length === 1 ? 'script' : 'scripts'} applied (${batches} batches${kept})`);
      } finally {
        await session?.close();
      }
    },
  };
}
