// `hart-dev check [PATH…] [--json]`: static checks of the SQL payload, no Docker, no server.
import { parseArgs } from 'node:util';
import { UsageError } from '../engine/errors.js';
import { checkProject } from '../sqlproj/check-project.js';
import { checkPayload } from '../tsql/check.js';
import type { Diagnostic } from '../tsql/types.js';
import { writeLine, writeText, type CommandIo } from './io.js';
import { checkPayloadClr } from './check-clr.js';
import { loadPayloadSource } from './payload-source.js';

export const CHECK_HELP = `Usage: hart-dev check [PATH…] [--json]

Checks the SQL payload before any server sees it: syntax as SQL Server parses it (Msg 102, 156, 105 …), variables, columns and built-in functions bound as SQL Server binds them at CREATE (Msg 134, 137, 207, 4104 …; the JSON gives the message number as "code"), duplicate objects, DDL inside procedures, references to tables, columns, functions, procedures, types, users and roles that no script defines, scripts that cannot run twice, GO and sqlcmd mistakes, cycles among functions and views, and every EXTERNAL NAME of the CLR bindings against the assembly's own metadata (HART_CLR_DLL, or a build with dotnet or Mono).

Without PATHs the configured payload (HART_SQL_DIR, default sql/) is checked, or the SSDT project HART_SQL_PROJECT names. PATHs may be files or folders; folders that do not follow the payload layout count as programmability scripts. A .sqlproj PATH checks that SSDT database project: its Build files as declared objects (a plain CREATE is right there), its pre- and post-deployment scripts, names under its DefaultCollation, statements a Build file may not hold, and SSDT's error code (SQL71501, SQL70001) in the hint where SSDT has one.

Options:
  --json                  {"diagnostics":[…],"summary":{"errors":N,"warnings":N,"notes":N}} on stdout
  --sql-dir DIR           the payload folder (HART_SQL_DIR)
  --project PATH.sqlproj  an SSDT database project (HART_SQL_PROJECT; also --sql-project)
  --skip-clr              leave out the CLR binding check (no assembly build)

Exit code: 0 without errors (warnings allowed), 1 with errors, 2 on bad usage.`;

export function formatDiagnostic(d: Diagnostic): string[] {
  const lines = [`${d.file}:${d.line}:${d.col}: ${d.severity} ${d.rule}: ${d.message}`];
  if (d.hint !== undefined) lines.push(`  ${d.hint}`);
  return lines;
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false }, 'sql-dir': { type: 'string' }, project: { type: 'string' }, 'sql-project': { type: 'string' }, 'skip-clr': { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { hint: "Run 'hart-dev check --help' for the options." });
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    writeText(io.stdout, CHECK_HELP);
    return 0;
  }
  const source = await loadPayloadSource(positionals, io, { 'sql-dir': values['sql-dir'], project: sqlProjectValue(values.project), 'sql-project': values['sql-project'] });
  const { collation, database } = source.config.sql;
  const diagnostics =
    source.project !== undefined
      ? await checkProject(source.project, { collation, database })
      : await checkPayload(source.plan, { collation, database, ...(source.context === undefined ? {} : { context: source.context }) });
  // A project has no CLR bindings file of the kit's layout.
  if (values['skip-clr'] !== true && source.project === undefined) {
    const clr = await checkPayloadClr(source.plan, source.config, io);
    diagnostics.push(...clr.diagnostics);
    if (clr.note !== undefined) writeLine(io.stderr, `ℹ ${clr.note}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const notes = diagnostics.length - errors - warnings;
  if (values.json === true) {
    const shaped = diagnostics.map((d) => ({ file: d.file, line: d.line, col: d.col, severity: d.severity, rule: d.rule, ...(d.code === undefined ? {} : { code: d.code }), message: d.message, hint: d.hint ?? '' }));
    writeLine(io.stdout, JSON.stringify({ diagnostics: shaped, summary: { errors, warnings, notes } }));
  } else {
    for (const d of diagnostics) for (const line of formatDiagnostic(d)) writeLine(io.stdout, line);
    const scripts = source.plan.migrations.length + source.plan.broker.length + source.plan.programmability.length + source.plan.clrBindings.length;
    const noted = notes === 0 ? '' : `, ${notes} note${notes === 1 ? '' : 's'}`;
    const summary = `${scripts} script${scripts === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${noted}`;
    writeLine(io.stderr, errors + warnings === 0 ? `✔ ${summary}` : `${errors > 0 ? '✖' : '⚠'} ${summary}`);
  }
  return errors > 0 ? 1 : 0;
}

/** check and plan read no project name: --project takes the .sqlproj path only, and says so otherwise. */
export function sqlProjectValue(value: string | undefined): string | undefined {
  if (value === undefined || /\.sqlproj$/i.test(value.trim())) return value;
  throw new UsageError(`--project ${value}: check and plan take a .sqlproj file there`, {
    hint: 'Give the SSDT project file, e.g. --project src/Hartonomous.Database/Hartonomous.Database.sqlproj (the container prefix HART_PROJECT plays no part in check and plan).',
  });
}
