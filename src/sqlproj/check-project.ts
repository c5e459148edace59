// `check` of an SSDT project: every check of the payload (src/tsql/check.ts) over the project's
// scripts, the model-file rule (model-statements.ts), names compared under the project's
// DefaultCollation, and the SSDT build's own error code in the hint where SSDT has one for the
// same mistake (ssdt-codes.ts).
import { checkPayload } from '../tsql/check.js';
import type { Diagnostic } from '../tsql/types.js';
import type { LoadedProject } from './load-project.js';
import { modelFileStatements } from './model-statements.js';
import { withSsdtCodes } from './ssdt-codes.js';

export interface ProjectCheckOptions {
  /** HART_SQL_COLLATION: used when the project names no DefaultCollation. */
  collation: string;
  database: string;
}

export async function checkProject(loaded: LoadedProject, options: ProjectCheckOptions): Promise<Diagnostic[]> {
  const models = loaded.plan.programmability.filter((s) => s.kind === 'run-once');
  const diagnostics = await checkPayload(loaded.plan, {
    collation: loaded.project.defaultCollation ?? options.collation,
    database: options.database,
    extraDiagnostics: modelFileStatements(models, loaded.project.systemDatabases),
  });
  return withSsdtCodes(diagnostics, { modelFiles: new Set(models.map((s) => s.path)), project: loaded.project });
}
