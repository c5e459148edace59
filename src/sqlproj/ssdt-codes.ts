// The SSDT build's error code for the findings an SSDT build also reports, added to the hint of a
// finding in one of the project's model files, so a team that knows the build's output recognises it:
// - SQL71501 "… contains an unresolved reference to an object": a table, column, function, type or
//   user the model does not define (Microsoft's "Troubleshoot SQL project build": unresolved
//   references SQL71501/SQL71502; system objects need a reference to master or msdb).
// The hints of a missing reference and of DDL in a module speak of the project, not of the kit's
// migration; a sqlcmd
// variable the project declares without a value says where to give it one. A call of a procedure
// the project lacks is a warning in a model file: SQL Server creates the calling module (procedure
// names resolve when the call runs) and only the call fails. So is any missing object when the
// project references another .dacpac or project, whose objects are not read here: it may be there.
import type { Diagnostic } from '../tsql/types.js';
import type { SqlProject } from './project-file.js';

/** Binder messages that are unresolved references in SSDT's words: 207 column, 208 object, 4104 qualifier, foreign key targets. */
const UNRESOLVED_CODES = new Set([207, 208, 4104, 1767, 1769, 1770]);

function ssdtCode(d: Diagnostic): string | undefined {
  if (d.rule === 'missing-reference' || d.rule === 'missing-principal') return 'SQL71501';
  if (d.rule === 'binding' && d.code !== undefined && UNRESOLVED_CODES.has(d.code)) return 'SQL71501';
  return undefined;
}

const MISSING_REFERENCE_HINT = 'Add the object to the project (a file with its CREATE), fix the name, or add a database reference for an object of another database (master and msdb: a system database reference).';

const DDL_IN_MODULE_HINT = 'Declare the table in a file of its own in the project (Tables/…): a procedure may only create #temp tables.';

export interface SsdtCodeOptions {
  /** Script.path of every model file (Build items). */
  modelFiles: ReadonlySet<string>;
  project: Pick<SqlProject, 'variables' | 'externalReferences'>;
}

export function withSsdtCodes(diagnostics: readonly Diagnostic[], options: SsdtCodeOptions): Diagnostic[] {
  const valueless = new Set(options.project.variables.filter((v) => v.value === undefined).map((v) => v.name.toLowerCase()));
  return diagnostics.map((d) => {
    if (d.rule === 'sqlcmd-undefined-variable') {
      const name = /\$\(([^)]+)\)/.exec(d.message)?.[1];
      if (name !== undefined && valueless.has(name.toLowerCase())) {
        return { ...d, hint: `The project declares $(${name}) without a value: give its SqlCmdVariable a <DefaultValue>, or set ${name} in the environment, .env or .env.local.` };
      }
      return d;
    }
    if (!options.modelFiles.has(d.file)) return d;
    if (d.rule === 'ddl-in-module') return { ...d, hint: DDL_IN_MODULE_HINT };
    const code = ssdtCode(d);
    if (code === undefined) return d;
    const hint = d.rule === 'missing-reference' ? MISSING_REFERENCE_HINT : (d.hint ?? '');
    const call = d.rule === 'missing-reference' && / references the procedure /.test(d.message);
    const external = d.rule === 'missing-reference' && options.project.externalReferences.length > 0;
    const elsewhere = external ? ` It may be defined by a referenced database (${options.project.externalReferences.join(', ')}), which check does not read.` : '';
    return { ...d, ...(call || external ? { severity: 'warning' as const } : {}), hint: `${hint}${elsewhere} The SSDT build reports this as ${code} (unresolved reference).`.trim() };
  });
}
