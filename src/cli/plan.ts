// `hart-dev plan [PATH…] [--json]`: what `up` would run, batch by batch. No Docker, no server.
import { parseArgs } from 'node:util';
import { HartError, UsageError } from '../engine/errors.js';
import { upPhases } from '../phases/up-plan.js';
import { terminalColumns } from '../ui/wrap.js';
import type { PayloadPlan, Script } from '../tsql/types.js';
import { writeLine, writeText, type CommandIo } from './io.js';
import { loadPayloadSource } from './payload-source.js';
import { formatDiagnostic, sqlProjectValue } from './check.js';
import { planProjectOutput } from './plan-project.js';
import { plannedCypher, type PlannedCypher } from './plan-cypher.js';
import { planLines } from './plan-text.js';

export const PLAN_HELP = `Usage: hart-dev plan [PATH…] [--json]

Prints the phases 'up' would run; for each SQL phase every script in deploy order (file, kind: run-once / anytime / every-time, hash) with each of its batches (line, repeat count, first line); then the Cypher statements of the graph phases (the schema files of sql/neo4j, the seed's statements). No Docker, no server.

Without PATHs the configured payload (HART_SQL_DIR, default sql/) is planned, or the SSDT project HART_SQL_PROJECT names. PATHs may be files or folders; folders that do not follow the payload layout count as programmability scripts (and no Cypher is listed). A .sqlproj PATH plans that SSDT database project: the pre-deployment scripts, every object in deploy order (each after what it depends on), the post-deployment scripts.

Options:
  --json                  {"phases":[{"id","title","needs"}],"batches":[{"phase","file","line","kind","count","hash","text"}],"cypher":[{"phase","file","line","step","text"}]}
                          for a project: {"project":{…},"preDeploy":[file…],"objects":[{"kind","name","file","line","dependencies"}],"postDeploy":[file…]}
  --sql-dir DIR           the payload folder (HART_SQL_DIR)
  --project PATH.sqlproj  an SSDT database project (HART_SQL_PROJECT; also --sql-project)`;

export interface PlannedBatch {
  phase: string;
  file: string;
  line: number;
  kind: Script['kind'];
  count: number;
  hash: string;
  text: string;
}

/** The SQL phases in the order `up` runs them, with the plan's scripts of each. */
export function sqlPhaseScripts(plan: PayloadPlan): { phase: string; scripts: Script[] }[] {
  return [
    { phase: 'clr-deploy', scripts: plan.clrBindings },
    { phase: 'migration', scripts: plan.migrations },
    { phase: 'broker', scripts: plan.broker },
    { phase: 'programmability', scripts: plan.programmability },
  ];
}

export function plannedBatches(plan: PayloadPlan): PlannedBatch[] {
  return sqlPhaseScripts(plan).flatMap(({ phase, scripts }) =>
    scripts.flatMap((s) => s.batches.map((b) => ({ phase, file: b.file, line: b.line, kind: s.kind, count: b.count, hash: s.hash, text: b.text }))),
  );
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false }, 'sql-dir': { type: 'string' }, project: { type: 'string' }, 'sql-project': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { hint: "Run 'hart-dev plan --help' for the options." });
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    writeText(io.stdout, PLAN_HELP);
    return 0;
  }
  // The order needs definitions and references only: no column uses, no reference positions.
  const source = await loadPayloadSource(positionals, io, { 'sql-dir': values['sql-dir'], project: sqlProjectValue(values.project), 'sql-project': values['sql-project'] }, { orderOnly: true });
  if (source.project !== undefined) return planProjectOutput(source.project, values.json === true, io);
  const phases = upPhases().map((p) => ({ id: p.id, title: p.title, needs: [...p.needs] }));
  const batches = plannedBatches(source.plan);
  const errors = source.plan.diagnostics.filter((d) => d.severity === 'error');
  // The graph's statements come from the configured payload; PATHs name SQL files only.
  let cypher: PlannedCypher[] = [];
  if (positionals.length === 0) {
    try {
      cypher = await plannedCypher(source.config, io.cwd);
    } catch (error) {
      if (!(error instanceof HartError)) throw error;
      writeLine(io.stderr, `⚠ neo4j-schema: ${error.message} (up would stop there)`);
      if (error.hint !== undefined) writeLine(io.stderr, `  ${error.hint}`);
    }
  }
  if (values.json === true) {
    writeLine(io.stdout, JSON.stringify({ phases, batches, cypher }));
  } else {
    for (const line of planLines(phases, sqlPhaseScripts(source.plan), cypher, terminalColumns(io.stdout))) writeLine(io.stdout, line);
  }
  for (const d of source.plan.diagnostics) for (const line of formatDiagnostic(d)) writeLine(io.stderr, line);
  return errors.length > 0 ? 1 : 0;
}
