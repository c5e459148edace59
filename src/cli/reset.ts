// `hart-dev reset [--yes] [--full] [--no-seed] [--only/--skip]`: a fresh database and graph. Restores the
// golden backup of the current content when there is one (seconds), else drops the database and
// deploys it again; beside it, empties the Neo4j graph and applies its schema and seed again.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { VARIABLES } from '../config/variables.js';
import { UsageError } from '../engine/errors.js';
import { runPhases } from '../engine/runner.js';
import { checkResetAllowed, neo4jEndpointFromConfig } from '../neo4j/external-endpoint.js';
import type { UpContext } from '../phases/context.js';
import { resetPhases } from '../phases/reset-seed-plan.js';
import { selectRun } from '../phases/run-selection.js';
import { RESET_PHASE_ID } from '../sqlserver/reset-database.js';
import { renderRun } from '../ui/render-run.js';
import { isInteractive, writeLine, writeText, type CommandIo } from './io.js';
import { printStackNote } from './stack-note.js';
import { refuseSqlProject } from './sql-project-refusal.js';
import { upSummary } from './up.js';

/** Destructive commands ask first when interactive, or need --yes. */
export async function confirmOrYes(io: CommandIo, options: { yes: boolean; interactive: boolean; question: string; command: string }): Promise<boolean> {
  if (options.yes) return true;
  if (!options.interactive || !io.stdinIsTTY || io.stdin === undefined) {
    throw new UsageError(`${options.command} changes data and needs confirmation`, { hint: `Answer in a terminal, or pass --yes: hart-dev ${options.command} --yes` });
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(`${options.question} [y/N] `, { signal: io.signal });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function resetHelp(): string {
  return [
    'Usage: hart-dev reset [--yes] [--full] [--no-seed] [--only <ids>] [--skip <ids>] [--json]',
    '',
    'Gives a fresh Hartonomous database and graph. When a golden backup of the current payload, CLR and seed exists (kept after every full deploy) it is restored in seconds; otherwise the database is dropped and deployed again. Beside it, the Neo4j graph is emptied (batched DETACH DELETE), then its schema and seed are applied again. A Neo4j that is not on this machine is emptied only with --yes.',
    '',
    'Options:',
    '  -y, --yes      do not ask (required when not interactive, and for a Neo4j on another machine)',
    '  --full         drop and deploy from scratch even when a golden backup matches',
    '  --no-seed      leave the seed data out: an empty database (always a full deploy: the golden backup holds seed data) and an empty graph with its schema',
    '  --only <ids>   run only these phases (comma-separated) and what they need, e.g. --only neo4j-seed',
    '  --skip <ids>   leave these phases out (comma-separated)',
    '  --json         NDJSON events on stdout',
    '  (and the configuration flags of up, e.g. --neo4j-url, --sql-url)',
    '',
    `Phases: ${resetPhases({ full: false, noSeed: false }).map((p) => p.id).join(', ')} ('containers' names sqlserver and neo4j)`,
  ].join('\n');
}

function list(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** What the confirmation names: only the stores this run resets. */
function resetQuestion(database: string, sql: boolean, graph: boolean): string {
  if (sql && graph) return `Reset database ${database} and the Neo4j graph? Their data will be replaced.`;
  if (graph) return 'Empty and rebuild the Neo4j graph? Its data will be replaced.';
  return `Reset database ${database}? Its data will be replaced.`;
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const flagOptions: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {
    yes: { type: 'boolean', short: 'y' },
    full: { type: 'boolean' },
    'no-seed': { type: 'boolean' },
    only: { type: 'string' },
    skip: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of VARIABLES) if ('flag' in spec) flagOptions[spec.flag] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string' };
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: flagOptions, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev reset --help' for the options." });
  }
  if (values.help === true) {
    writeText(io.stdout, resetHelp());
    return 0;
  }
  const json = values.json === true;
  const interactive = isInteractive(io, json);
  const flags: Record<string, string | boolean | undefined> = {};
  for (const spec of VARIABLES) {
    const v = 'flag' in spec ? values[spec.flag] : undefined;
    if ('flag' in spec && (typeof v === 'string' || typeof v === 'boolean')) flags[spec.flag] = v;
  }
  refuseSqlProject(loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: false }), 'reset');
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: true });
  const yes = values.yes === true;
  const choice = { full: values.full === true, noSeed: values['no-seed'] === true };
  const { phases, services, state } = selectRun(resetPhases(choice), { only: list(values.only), skip: list(values.skip) }, config);
  const resetsSql = phases.some((p) => p.id === RESET_PHASE_ID);
  const resetsGraph = phases.some((p) => p.id === 'neo4j-reset');
  // A remote Neo4j needs --yes even after a "y" to the question; refuse before the SQL Server chain
  // starts in parallel, so nothing is half reset.
  const neo4j = neo4jEndpointFromConfig(config);
  if (resetsGraph && neo4j !== undefined) checkResetAllowed(neo4j, yes);
  const ok = await confirmOrYes(io, { yes, interactive, command: 'reset', question: resetQuestion(config.sql.database, resetsSql, resetsGraph) });
  if (!ok) {
    writeLine(io.stderr, 'Reset cancelled: nothing was changed.');
    return 1;
  }
  const ctx: UpContext = { config, interactive, yes, state, env: io.env };
  await printStackNote(io, config, 'reset', services);
  return renderRun(io, { command: 'reset', json, interactive }, async (session) => {
    session.addSecrets(config.secrets);
    const result = await runPhases({ command: 'reset', phases, ctx, signal: io.signal, emit: session.emit, summary: () => upSummary(config, ctx.state) });
    return result.exitCode;
  });
}
