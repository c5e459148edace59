// `hart-dev plan [PATH…] [--json]`: what `up` would run, batch by batch. No Docker, no server.
import { parseArgs } from 'node:util';
import { UsageError } from '../engine/errors.js';
import { upPhases } from '../phases/up-plan.js';
import type { PayloadPlan, Script } from '../tsql/types.js';
import { writeLine, type CommandIo } from './io.js';
import { loadPayloadSource } from './payload-source.js';
import { formatDiagnostic } from './check.js';

export const PLAN_HELP = `Usage: hart-dev plan [PATH…] [--json]

Prints the phases 'up' would run and, for each SQL phase, every batch in deploy order: file, line,
kind (run-once / anytime / every-time), repeat count, hash and first line. No Docker, no server.

Without PATHs the configured payload (HART_SQL_DIR, default sql/) is planned. PATHs may be files or
folders; folders that do not follow the payload layout count as programmability scripts.

Options:
  --json        {"phases":[{"id","title","needs"}],"batches":[{"phase","file","line","kind","count","hash","text"}]}
  --sql-dir DIR the payload folder (HART_SQL_DIR)`;

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

const firstLine = (text: string): string => {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const trimmed = line.trim();
  return trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
};

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false }, 'sql-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { hint: "Run 'hart-dev plan --help' for the options." });
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    writeLine(io.stdout, PLAN_HELP);
    return 0;
  }
  // The order needs definitions and references only: no column uses, no reference positions.
  const source = await loadPayloadSource(positionals, io, { 'sql-dir': values['sql-dir'] }, { orderOnly: true });
  const phases = upPhases().map((p) => ({ id: p.id, title: p.title, needs: [...p.needs] }));
  const batches = plannedBatches(source.plan);
  const errors = source.plan.diagnostics.filter((d) => d.severity === 'error');
  if (values.json === true) {
    writeLine(io.stdout, JSON.stringify({ phases, batches }));
  } else {
    writeLine(io.stdout, 'Phases:');
    for (const p of phases) writeLine(io.stdout, `  ${p.id.padEnd(18)}${p.title}${p.needs.length > 0 ? `  (after ${p.needs.join(', ')})` : ''}`);
    for (const { phase, scripts } of sqlPhaseScripts(source.plan)) {
      const count = scripts.reduce((n, s) => n + s.batches.length, 0);
      writeLine(io.stdout);
      writeLine(io.stdout, `${phase}: ${scripts.length} script${scripts.length === 1 ? '' : 's'}, ${count} batch${count === 1 ? '' : 'es'}`);
      for (const s of scripts) {
        for (const b of s.batches) {
          const repeat = b.count > 1 ? ` ×${b.count}` : '';
          writeLine(io.stdout, `  ${`${b.file}:${b.line}`.padEnd(48)} ${s.kind.padEnd(10)} ${s.hash.slice(0, 12)}${repeat}  ${firstLine(b.text)}`);
        }
      }
    }
  }
  for (const d of source.plan.diagnostics) for (const line of formatDiagnostic(d)) writeLine(io.stderr, line);
  return errors.length > 0 ? 1 : 0;
}
