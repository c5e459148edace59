// The seed as the SQL Server seed phase runs it: batches that upsert the fixed data (tenant, plans)
// and create a staging table, a TDS bulk load of the sample atoms into that table, then batches that
// MERGE the staged rows on their natural keys. The T-SQL comes from the payload's seed module (src/seed);
// this file only fixes the shape the phase needs.
import { createHash } from 'node:crypto';
import type { EmbeddingSettings, SeedAtom } from '../seed/types.js';
import { loadEmbeddingSettings } from '../seed/settings.js';
import { deployFingerprint, deployOptions, planOf, type DeployContext, type SqlDeployDeps } from './deploy-run.js';
import type { BulkColumn, BulkTable } from './session.js';

export interface SeedProgram {
  /** Run first, in order: fixed-data upserts, CREATE TABLE of the staging table (e.g. #SeedAtoms). */
  prepare: string[];
  /** The bulk-load target. Period columns (temporal tables) are never part of it (NOTES: Temporal tables). */
  staging: { name: string; columns: BulkColumn[] };
  /** One staging row per sample atom, values in `staging.columns` order. */
  row(atom: SeedAtom): BulkTable['rows'][number];
  /** Run last: MERGE from staging on natural keys, drop the staging table. */
  merge: string[];
}

export interface SeedSource {
  program(settings: EmbeddingSettings): SeedProgram | Promise<SeedProgram>;
  atoms(settings: EmbeddingSettings): SeedAtom[];
}

/** Rows per bulk call: one call keeps TDS streaming; chunks let progress and Ctrl-C act between them. */
export const BULK_CHUNK_ROWS = 1000;

/** Hash of what the seed writes: settings and every T-SQL text. Same hash → the seed already ran. */
export function seedHash(settings: EmbeddingSettings, program: SeedProgram): string {
  return createHash('sha256')
    .update(JSON.stringify({ settings: [settings.count, settings.dim, settings.topics, settings.seed], prepare: program.prepare, staging: program.staging, merge: program.merge }))
    .digest('hex');
}

/** The SQL Server phases' dependencies plus the seed source (seed, verify, reset). */
export interface SeedDeployDeps extends SqlDeployDeps {
  seed: SeedSource;
}

/**
 * The content hash of what a full deploy would build now: payload scripts, CLR bytes, seed content.
 * Verify records it; the golden backup is named after it; reset restores only a matching backup.
 */
export async function currentFingerprint(ctx: DeployContext, deps: SeedDeployDeps): Promise<{ fingerprint: string; settings: EmbeddingSettings; program: SeedProgram }> {
  const plan = await planOf(ctx, deps);
  const settings = loadEmbeddingSettings(ctx.config.paths.seedsDir, deployOptions(ctx).seedOverrides ?? {});
  const program = await deps.seed.program(settings);
  const fingerprint = deployFingerprint({
    plan,
    clrSha512: ctx.state.clr?.sha512,
    seedHash: seedHash(settings, program),
    database: ctx.config.sql.database,
    collation: ctx.config.sql.collation,
    kitVersion: deps.kitVersion,
  });
  return { fingerprint, settings, program };
}
