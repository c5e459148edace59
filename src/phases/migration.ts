// migration: the run-once scripts of sql/migrations/ in name order (EF Core idempotent form). It runs
// after clr-deploy: the design's order, and a migration may use the CLR functions (computed columns,
// defaults, check constraints), which must exist when the table is created.
import type { Phase } from '../engine/phase.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import type { SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { createScriptsPhase } from '../sqlserver/scripts-phase.js';
import type { UpContext } from './context.js';

export function createMigrationPhase(deps: SqlDeployDeps): Phase<UpContext> {
  return createScriptsPhase({ id: 'migration', title: 'Migration', needs: ['database', 'clr-deploy'], folder: 'sql/migrations', scripts: (plan) => plan.migrations }, deps);
}

export const migrationPhase = createMigrationPhase(defaultDeployDeps);
