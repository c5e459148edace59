// migration: the run-once scripts of sql/migrations/ in name order (EF Core idempotent form). It needs
// only the database, not clr-deploy: the InitialCreate migration references no CLR function (the
// procedures in sql/programmability do), so tables are created while the CLR assembly is still being
// built, and a machine without a CLR toolchain still gets its tables.
import type { Phase } from '../engine/phase.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import type { SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { createScriptsPhase } from '../sqlserver/scripts-phase.js';
import type { UpContext } from './context.js';

export function createMigrationPhase(deps: SqlDeployDeps): Phase<UpContext> {
  return createScriptsPhase({ id: 'migration', title: 'Migration', needs: ['database'], folder: 'sql/migrations', scripts: (plan) => plan.migrations }, deps);
}

export const migrationPhase = createMigrationPhase(defaultDeployDeps);
