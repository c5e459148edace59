// seed: tenant and plans upserted on natural keys; sample embeddings bulk-loaded (TDS, checkConstraints)
// into a staging table and merged; progress in rows. Re-runs only when the seed content changed, or
// always for `hart-dev seed`.
import { HartError, InterruptedError, throwIfAborted } from '../engine/errors.js';
import { done, skipped, type Phase } from '../engine/phase.js';
import { loadEmbeddingSettings } from '../seed/settings.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { deployOptions, endpointOf, markChanged, rememberJournal, rememberedJournal } from '../sqlserver/deploy-run.js';
import { loadJournal } from '../sqlserver/journal.js';
import { BULK_CHUNK_ROWS, seedHash, type SeedDeployDeps } from '../sqlserver/seed-program.js';
import type { SqlSession } from '../sqlserver/session.js';
import { toSqlHartError } from '../sqlserver/sql-error.js';
import { payloadSeedSource } from '../sqlserver/payload-seed-source.js';
import type { UpContext } from './context.js';

/** The journal row of the seed. */
export const SEED_JOURNAL_PATH = '@seed';

async function send(session: SqlSession, text: string, signal: AbortSignal, action: string): Promise<void> {
  throwIfAborted(signal);
  try {
    await session.batch(text);
  } catch (error) {
    if (signal.aborted) throw new InterruptedError();
    throw toSqlHartError(error, { action, hint: 'Run `hart-dev seed` again after fixing the cause; nothing of this seed was recorded as done.' });
  }
}

export function createSeedPhase(deps: SeedDeployDeps): Phase<UpContext> {
  return {
    id: 'seed',
    title: 'Seed data',
    needs: ['programmability'],
    async run(ctx, { signal, report }) {
      const options = deployOptions(ctx);
      const settings = loadEmbeddingSettings(ctx.config.paths.seedsDir, options.seedOverrides ?? {});
      const program = await deps.seed.program(settings);
      const hash = seedHash(settings, program);
      let session: SqlSession | undefined;
      const open = async (): Promise<SqlSession> => {
        session ??= await deps.openSession(endpointOf(ctx), { database: ctx.config.sql.database, signal, requestTimeoutMs: 0 });
        return session;
      };
      try {
        let journal = rememberedJournal(ctx);
        if (journal === undefined) {
          journal = await loadJournal(await open());
          rememberJournal(ctx, journal);
        }
        if (options.forceSeed !== true && journal.get(SEED_JOURNAL_PATH)?.hash === hash) return skipped('Unchanged since last run');
        const s = await open();
        const started = performance.now();
        report.status('Upserting tenant and billing plans');
        for (const text of program.prepare) await send(s, text, signal, 'Seeding fixed data');
        const atoms = deps.seed.atoms(settings);
        report.status(`Loading ${atoms.length} sample embeddings`);
        report.progress({ done: 0, total: atoms.length, unit: 'rows' });
        let loaded = 0;
        for (let i = 0; i < atoms.length; i += BULK_CHUNK_ROWS) {
          throwIfAborted(signal);
          const chunk = atoms.slice(i, i + BULK_CHUNK_ROWS);
          try {
            loaded += await s.bulk({ name: program.staging.name, columns: program.staging.columns, rows: chunk.map((a) => program.row(a)) });
          } catch (error) {
            if (signal.aborted) throw new InterruptedError();
            throw toSqlHartError(error, { action: `Bulk-loading ${program.staging.name}` });
          }
          report.progress({ done: loaded, total: atoms.length, unit: 'rows' });
        }
        if (loaded !== atoms.length) {
          throw new HartError(`The bulk load wrote ${loaded} of ${atoms.length} rows into ${program.staging.name}`, { code: 'seed-bulk', hint: 'Run `hart-dev seed` again.' });
        }
        report.status('Merging sample atoms and embeddings');
        for (const text of program.merge) await send(s, text, signal, 'Merging seed rows');
        await journal.record(s, { path: SEED_JOURNAL_PATH, kind: 'seed', hash, durationMs: performance.now() - started, kitVersion: deps.kitVersion });
        markChanged(ctx, 'seed');
        return done(`Seeded the default tenant, ${program.prepare.length > 0 ? 'billing plans, ' : ''}${loaded} sample embeddings (${settings.dim} dimensions)`);
      } finally {
        await session?.close();
      }
    },
  };
}

export const seedPhase = createSeedPhase({ ...defaultDeployDeps, seed: payloadSeedSource });
