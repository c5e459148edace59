// The phases of `reset` and `seed`, derived from the up plan so that a phase added to `up` is reset
// and seeded too. The runner derives the parallelism from `needs`, so each store is its own chain:
//
//   reset:  sqlserver → reset-database → database → … → seed → verify       (SQL Server)
//           neo4j → neo4j-reset → neo4j-schema → neo4j-seed → neo4j-verify   (Neo4j)
//           --no-seed leaves out seed, neo4j-seed and neo4j-verify: both stores end empty.
//   seed:   seed and neo4j-seed with what they need (those skip when unchanged);
//           with --target only the seed phase, against that other SQL Server.
import type { Phase } from '../engine/phase.js';
import { selectPhases } from '../engine/select.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import type { SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { payloadSeedSource } from '../sqlserver/payload-seed-source.js';
import { createResetDatabasePhase, withResetStep, type ResetChoice } from '../sqlserver/reset-database.js';
import type { SeedDeployDeps } from '../sqlserver/seed-program.js';
import type { UpContext } from './context.js';
import { neo4jResetPhase } from './neo4j-reset.js';
import { createSeedPhase } from './seed.js';
import { upPhases } from './up-plan.js';

/** What --no-seed leaves out: the seeds, and the graph check that expects seeded nodes. */
const SEED_PHASE_IDS: readonly string[] = ['seed', 'neo4j-seed', 'neo4j-verify'];

/** `step` runs right before the phase `before` (which now needs it), after what `step` needs. */
export function insertStepBefore(phases: readonly Phase<UpContext>[], before: string, step: Phase<UpContext>): Phase<UpContext>[] {
  const at = phases.findIndex((p) => p.id === before);
  const wired = phases.map((p) => (p.id === before ? { ...p, needs: [...p.needs, step.id] } : p));
  return [...wired.slice(0, Math.max(at, 0)), step, ...wired.slice(Math.max(at, 0))];
}

export interface ResetPlanOptions extends ResetChoice {
  /** The deploy that is reset (default: the up plan). */
  deploy?: Phase<UpContext>[];
  /** How the reset step reaches SQL Server (default: mssql and the payload's seed). */
  sqlDeps?: SeedDeployDeps;
}

export function resetPhases(options: ResetPlanOptions): Phase<UpContext>[] {
  const deploy = options.deploy ?? upPhases();
  const resetDatabase = createResetDatabasePhase<UpContext>(options.sqlDeps ?? { ...defaultDeployDeps, seed: payloadSeedSource }, options);
  let phases = withResetStep(deploy, resetDatabase);
  // Neo4j is reset when the deploy builds a graph: emptied, then schema (and seed) again.
  if (phases.some((p) => p.id === 'neo4j-schema')) phases = insertStepBefore(phases, 'neo4j-schema', neo4jResetPhase);
  if (options.noSeed) phases = phases.filter((p) => !SEED_PHASE_IDS.includes(p.id));
  return phases;
}

export interface SeedPlanOptions {
  /** --target: seed only this other SQL Server (reached with these deps); the graph is left alone. */
  target?: SqlDeployDeps;
  /** The deploy whose seeds run again (default: the up plan). */
  deploy?: Phase<UpContext>[];
}

export function seedPhases(options: SeedPlanOptions = {}): Phase<UpContext>[] {
  if (options.target !== undefined) return [{ ...createSeedPhase({ ...options.target, seed: payloadSeedSource }), needs: [] }];
  const deploy = options.deploy ?? upPhases();
  const seeds = ['seed', 'neo4j-seed'].filter((id) => deploy.some((p) => p.id === id));
  return seeds.length === 0 ? [] : selectPhases(deploy, { only: seeds });
}
