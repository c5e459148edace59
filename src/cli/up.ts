// `hart-dev up`: flags → Config → the phases of up, shown by the renderer chosen once.
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config/load.js';
import { VARIABLES } from '../config/variables.js';
import { sqlConnectionString } from '../docker/dotnet-settings.js';
import { neo4jEndpoint, sqlEndpoint } from '../docker/external-endpoints.js';
import { InterruptedError, UsageError } from '../engine/errors.js';
import type { SummaryLine } from '../engine/events.js';
import type { Phase } from '../engine/phase.js';
import { runPhases } from '../engine/runner.js';
import { testPhasesFromEnv } from '../engine/test-phases.js';
import type { UpContext, UpState } from '../phases/context.js';
import { selectRun } from '../phases/run-selection.js';
import { upPhases } from '../phases/up-plan.js';
import { setDeployOptions } from '../sqlserver/deploy-run.js';
import { renderRun } from '../ui/render-run.js';
import { isInteractive, writeText, type CommandIo } from './io.js';
import { refuseSqlProject } from './sql-project-refusal.js';

type FlagOption = { type: 'string' } | { type: 'boolean'; short?: string };

/** Every VARIABLES row with a flag, plus the run flags. */
export function upOptions(): Record<string, FlagOption> {
  const options: Record<string, FlagOption> = {
    json: { type: 'boolean' },
    only: { type: 'string' },
    skip: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'show-secrets': { type: 'boolean' },
    'allow-changed-migration': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of VARIABLES) {
    if ('flag' in spec) options[spec.flag] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string' };
  }
  return options;
}

export function upHelp(): string {
  const rows: [string, string][] = [
    ['--only <ids>', 'run only these phases (comma-separated) and what they need, e.g. --only neo4j-seed'],
    ['--skip <ids>', 'leave these phases out (comma-separated); --skip sqlserver uses the running container'],
    ['--json', 'NDJSON events on stdout, everything human on stderr'],
    ['-y, --yes', 'answer yes to confirmations (needed when not interactive)'],
    ['--show-secrets', 'print passwords instead of masking them'],
    ['--allow-changed-migration', 're-run a migration whose text changed after it was applied (this run only)'],
    ...VARIABLES.flatMap((spec): [string, string][] =>
      'flag' in spec ? [[`--${spec.flag}${spec.kind === 'bool' ? '' : ' <value>'}`, `${spec.description} [${spec.name}]`]] : [],
    ),
  ];
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return [
    'Usage: hart-dev up [options]',
    '',
    'Starts SQL Server and Neo4j and deploys the Hartonomous database: preflight checks, the SQL Server and Neo4j containers (or existing servers: HART_SQL_URL, HART_NEO4J_URL), CLR assembly, migration, Service Broker, programmability, seed data. Unchanged work is skipped.',
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    '',
    `Phases: ${upPhases().map((p) => p.id).join(', ')} ('containers' names sqlserver and neo4j)`,
    'Exit codes: 0 success, 1 a phase failed, 2 usage or configuration error, 130 interrupted.',
  ].join('\n');
}

function list(value: string | boolean | undefined): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

type UpValues = Record<string, string | boolean | undefined>;

function parseUpArgs(args: string[]): UpValues {
  try {
    const { values } = parseArgs({ args, options: upOptions(), strict: true, allowPositionals: false });
    const flat: UpValues = {};
    for (const [key, value] of Object.entries(values)) if (!Array.isArray(value)) flat[key] = value;
    return flat;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'Bad arguments' : 'Bad arguments', {
      hint: "Run 'hart-dev up --help' for the options.",
    });
  }
}

/**
 * Connection details for the final summary: the servers this run brought up or checked, and an
 * existing server it was pointed at (HART_SQL_URL / HART_NEO4J_URL) even when no phase of this run
 * checked it.
 */
export function upSummary(config: Config, state: UpState): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const sql = state.sqlServer ?? (config.sql.url === undefined ? undefined : sqlEndpoint(config));
  if (sql !== undefined) {
    lines.push({ label: 'SQL Server', value: `${sql.host},${sql.port} database ${sql.database}, login ${sql.user}${sql.external ? ' (existing server)' : ''}` });
    lines.push({ label: `${sql.user} password`, value: sql.password, copy: true });
    lines.push({ label: 'Connection string', value: sqlConnectionString(sql, true), copy: true });
  }
  const neo4j = state.neo4j ?? (config.neo4j.url === undefined ? undefined : neo4jEndpoint(config));
  if (neo4j !== undefined) {
    lines.push({ label: 'Neo4j', value: `${neo4j.url}, user ${neo4j.user}${neo4j.external ? ' (existing server)' : ''}` });
    lines.push({ label: 'Neo4j password', value: neo4j.password, copy: true });
    if (!neo4j.external) lines.push({ label: 'Neo4j Browser', value: `http://${config.bindAddress}:${config.neo4j.httpPort}` });
  }
  const kept = (name: 'HART_SQL_SA_PASSWORD' | 'HART_NEO4J_PASSWORD'): boolean => config.sources[name] === 'secrets' || config.sources[name] === 'generated';
  if ((sql?.external === false && kept('HART_SQL_SA_PASSWORD')) || (neo4j?.external === false && kept('HART_NEO4J_PASSWORD'))) {
    lines.push({ label: 'Passwords kept in', value: `${config.stateDir}/secrets.env (hart-dev up --show-secrets prints them)` });
  }
  return lines;
}

interface Prepared {
  config: Config;
  phases: Phase<UpContext>[];
  state: UpState;
}

async function prepare(values: UpValues, io: CommandIo, interactive: boolean): Promise<Prepared> {
  const flags: Record<string, string | boolean | undefined> = {};
  for (const spec of VARIABLES) if ('flag' in spec) flags[spec.flag] = values[spec.flag];
  refuseSqlProject(loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: false }), 'up');
  let config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: true });
  const plan: Phase<UpContext>[] = [...upPhases(), ...testPhasesFromEnv(io.env, [])];
  const selection = { only: list(values.only), skip: list(values.skip) };
  let run = selectRun(plan, selection, config);
  // Ask for the SQL Server EULA before the live view takes the terminal (asked once, then saved).
  const startsSqlServer = config.sql.url === undefined && run.services.includes('sqlserver');
  if (interactive && startsSqlServer && !config.sql.acceptEula && io.stdin !== undefined) {
    const { ensureEulaConsent } = await import('../docker/eula-consent.js');
    await ensureEulaConsent(config, { interactive, streams: { input: io.stdin, output: io.stderr }, signal: io.signal });
    config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: true });
    run = selectRun(plan, selection, config);
  }
  return { config, phases: run.phases, state: run.state };
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  return (await runUp(args, io)).exitCode;
}

/** What an `up` left behind: its exit code, and the run's context (endpoints, state) when it ran. */
export interface UpOutcome {
  exitCode: number;
  ctx?: UpContext;
  config?: Config;
}

/** `up` with its output; `watch` runs it first and goes on from its context. */
export async function runUp(args: string[], io: CommandIo, command = 'up'): Promise<UpOutcome> {
  const json = args.includes('--json');
  const interactive = isInteractive(io, json);
  const render = { command, json, interactive };
  let values: UpValues;
  let prepared: Prepared;
  try {
    values = parseUpArgs(args);
    if (values.help === true) {
      writeText(io.stdout, upHelp());
      return { exitCode: 0 };
    }
    prepared = await prepare(values, io, interactive);
  } catch (error) {
    // Ctrl-C at the EULA question is an interruption, not a "no".
    const reason = io.signal.aborted ? new InterruptedError() : error;
    return {
      exitCode: await renderRun(io, render, async () => {
        throw reason;
      }),
    };
  }
  const { config, phases, state } = prepared;
  const showSecrets = values['show-secrets'] === true;
  const ctx: UpContext = { config, interactive, yes: values.yes === true, state, env: io.env };
  if (values['allow-changed-migration'] === true) setDeployOptions(ctx, { allowChangedMigration: true });
  const exitCode = await renderRun(io, render, async (session) => {
    if (!showSecrets) session.addSecrets(config.secrets);
    const result = await runPhases({
      command,
      phases,
      ctx,
      signal: io.signal,
      emit: session.emit,
      summary: () => upSummary(config, ctx.state),
    });
    return result.exitCode;
  });
  return { exitCode, ctx, config };
}
