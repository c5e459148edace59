// verify: every cataloged object exists, the CLR cosine of a vector with itself is 1, the nearest-
// neighbour procedure finds a seeded atom, the seed counts match; then the connection summary and,
// for the local container, a golden backup of this exact content for a fast `reset`.
import { HartError, throwIfAborted } from '../engine/errors.js';
import { done, skipped, type Phase } from '../engine/phase.js';
import { SAMPLE_MODEL_NAME, encodeVector } from '../seed/embeddings.js';
import { DEFAULT_TENANT } from '../seed/fixed-data.js';
import { connectionString } from '../sqlserver/connection-string.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { changedPhases, deployOptions, endpointOf, planOf, rememberJournal, rememberedJournal } from '../sqlserver/deploy-run.js';
import { expectedObjects } from '../sqlserver/expected-objects.js';
import { ensureGoldenBackup } from '../sqlserver/golden-backup.js';
import { loadJournal } from '../sqlserver/journal.js';
import { currentFingerprint, type SeedDeployDeps } from '../sqlserver/seed-program.js';
import type { SqlSession } from '../sqlserver/session.js';
import { toSqlHartError } from '../sqlserver/sql-error.js';
import { cosineSelfSql, findNearestSql, listObjectsSql, seedCountsSql } from '../sqlserver/tsql-texts.js';
import { payloadSeedSource } from '../sqlserver/payload-seed-source.js';
import type { UpContext } from './context.js';
import { SEED_JOURNAL_PATH } from './seed.js';

export const VERIFY_JOURNAL_PATH = '@verify';

function fail(message: string, hint: string, details: string[] = []): HartError {
  return new HartError(message, { code: 'verify-failed', hint, details });
}

export function createVerifyPhase(deps: SeedDeployDeps): Phase<UpContext> {
  return {
    id: 'verify',
    title: 'Verify',
    needs: ['seed'],
    async run(ctx, { signal, report }) {
      const endpoint = endpointOf(ctx);
      const plan = await planOf(ctx, deps);
      const { fingerprint, settings } = await currentFingerprint(ctx, deps);
      const summary = `Connect with ${connectionString(endpoint, { maskPassword: true })} (hart-dev status -o env prints it for copying)`;
      let session: SqlSession | undefined;
      const open = async (): Promise<SqlSession> => {
        session ??= await deps.openSession(endpoint, { database: ctx.config.sql.database, signal, requestTimeoutMs: 0 });
        return session;
      };
      try {
        let journal = rememberedJournal(ctx);
        if (journal === undefined) {
          journal = await loadJournal(await open());
          rememberJournal(ctx, journal);
        }
        if (changedPhases(ctx).size === 0 && journal.get(VERIFY_JOURNAL_PATH)?.hash === fingerprint) {
          report.log(summary);
          return skipped('Verified unchanged since last run');
        }
        const s = await open();
        const started = performance.now();
        const query = async (text: string, params: Parameters<SqlSession['query']>[1], action: string) => {
          throwIfAborted(signal);
          try {
            return await s.query(text, params);
          } catch (error) {
            throw toSqlHartError(error, { action });
          }
        };

        report.status('Checking every object of the payload');
        const present = new Set((await query(listObjectsSql(), undefined, 'Listing objects')).map((r) => `${String(r.schema)}.${String(r.name)}`.toLowerCase()));
        const missing = expectedObjects(plan).filter((o) => !present.has(o.name));
        if (missing.length > 0) {
          throw fail(`${missing.length} ${missing.length === 1 ? 'object is' : 'objects are'} missing after deploy: ${missing.slice(0, 5).map((m) => m.name).join(', ')}${missing.length > 5 ? ', …' : ''}`,
            'Run the command again; if it stays missing, `hart-dev reset --full` rebuilds the database.',
            missing.map((m) => `${m.kind} ${m.name} (defined in ${m.script})`));
        }

        const probe = new Float32Array(16).fill(0.25);
        if (present.has('dbo.clr_cosinesimilarity')) {
          report.status('Calling the CLR cosine function');
          const [row] = await query(cosineSelfSql(), { v: { type: 'varbinary', value: encodeVector(probe) } }, 'Calling dbo.clr_CosineSimilarity');
          const similarity = Number(row?.similarity);
          if (!(Math.abs(similarity - 1) < 1e-6)) {
            throw fail(`dbo.clr_CosineSimilarity of a vector with itself returns ${String(row?.similarity)}, not 1`, 'Rebuild and redeploy the CLR assembly: hart-dev up --only clr-deploy.');
          }
        }

        const seeded = journal.get(SEED_JOURNAL_PATH) !== undefined;
        if (seeded) {
          report.status('Checking the seed');
          const [counts] = await query(seedCountsSql(), { tenantId: { type: 'int', value: DEFAULT_TENANT.id }, model: { type: 'nvarchar', value: SAMPLE_MODEL_NAME } }, 'Counting seed rows');
          const embeddings = Number(counts?.embeddings);
          if (Number(counts?.tenants) !== 1 || embeddings !== settings.count) {
            throw fail(`The seed counts do not match: ${String(counts?.tenants)} default tenant, ${embeddings} of ${settings.count} sample embeddings`, 'Run `hart-dev seed` to load the seed again.');
          }
          if (present.has('dbo.sp_findnearestatoms')) {
            const [first] = deps.seed.atoms(settings);
            if (first !== undefined) {
              report.status('Running dbo.sp_FindNearestAtoms');
              const [nearest] = await query(findNearestSql(), { tenantId: { type: 'int', value: DEFAULT_TENANT.id }, v: { type: 'varbinary', value: encodeVector(first.vector) }, model: { type: 'nvarchar', value: SAMPLE_MODEL_NAME } }, 'Running dbo.sp_FindNearestAtoms');
              if (nearest?.AtomKey !== first.key) {
                throw fail(`dbo.sp_FindNearestAtoms does not find ${first.key} as its own nearest atom (got ${String(nearest?.AtomKey)})`, 'Check the procedure and the CLR functions, then run the command again.');
              }
            }
          }
        }
        await journal.record(s, { path: VERIFY_JOURNAL_PATH, kind: 'verify', hash: fingerprint, durationMs: performance.now() - started, kitVersion: deps.kitVersion });
        if (!endpoint.external && seeded && deployOptions(ctx).noGoldenBackup !== true) {
          report.status('Keeping a golden backup for a fast reset');
          await ensureGoldenBackup(s, ctx.config.sql.database, fingerprint, signal);
        }
        report.log(summary);
        return done(summary);
      } finally {
        await session?.close();
      }
    },
  };
}

export const verifyPhase = createVerifyPhase({ ...defaultDeployDeps, seed: payloadSeedSource });
