// `hart-dev seed [--embeddings N] [--dim D] [--topics K] [--seed S] [--target CONNECTION] [--auth sql|entra] [--yes]`:
// runs the seed phases again: the local database and the Neo4j graph from the same generator settings
// (after the phases they need, which skip when unchanged), or only another SQL Server given by
// --target (e.g. a shared Azure SQL dev database).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { VARIABLES } from '../config/variables.js';
import { UsageError } from '../engine/errors.js';
import type { Phase } from '../engine/phase.js';
import { runPhases } from '../engine/runner.js';
import type { UpContext } from '../phases/context.js';
import { seedPhases } from '../phases/reset-seed-plan.js';
import { selectRun } from '../phases/run-selection.js';
import { seedFlagRange, seedFlagValue } from '../seed/settings.js';
import type { EmbeddingSettings } from '../seed/types.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { setDeployOptions, type SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { parseTarget } from '../sqlserver/target.js';
import { renderRun } from '../ui/render-run.js';
import { isInteractive, writeText, type CommandIo } from './io.js';
import { printStackNote } from './stack-note.js';
import { joinNegativeValues } from './negative-values.js';

export function seedHelp(): string {
  return [
    'Usage: hart-dev seed [options]',
    '',
    'Loads the seed data again: default tenant, billing plans, sample embeddings in SQL Server, and the same tenant, plans and atoms (with their SIMILAR_TO edges) in the Neo4j graph, from one generator. With --target only that SQL Server is seeded: the local database and the Neo4j graph are left alone.',
    '',
    'Options:',
    `  --embeddings N       number of sample atoms, ${seedFlagRange('count')} (seeds/embeddings.json: count)`,
    `  --dim D              vector dimension, ${seedFlagRange('dim')} (default 1536; the graph's vector index follows it)`,
    `  --topics K           topic clusters, ${seedFlagRange('topics')}`,
    '  --seed S             generator seed (same seed, same vectors on every machine)',
    '  --target CONNECTION  seed only another SQL Server: sqlserver://user:pass@host:1433/db or Server=…;Database=…',
    '  --auth sql|entra     entra: sign in with DefaultAzureCredential (az login, managed identity), no password',
    '  --only <ids>         run only these phases (comma-separated) and what they need, e.g. --only neo4j-seed',
    '  --skip <ids>         leave these phases out (comma-separated)',
    '  -y, --yes            do not ask (required for a --target)',
    '  --json               NDJSON events on stdout',
    '  (and the configuration flags of up, e.g. --neo4j-url, --similar-k)',
    '',
    `Phases: ${seedPhases().map((p) => p.id).join(', ')}`,
  ].join('\n');
}

function list(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** The flags that take a number: `--dim -5` is read as the value -5 and refused for its range. */
const NUMERIC_FLAGS: ReadonlySet<string> = new Set(['--embeddings', '--dim', '--topics', '--seed']);

export async function run(args: string[], io: CommandIo): Promise<number> {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; short?: string }> = {
    embeddings: { type: 'string' }, dim: { type: 'string' }, topics: { type: 'string' }, seed: { type: 'string' },
    target: { type: 'string' }, auth: { type: 'string' }, only: { type: 'string' }, skip: { type: 'string' },
    yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  };
  for (const spec of VARIABLES) if ('flag' in spec) options[spec.flag] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = {};
    for (const [key, value] of Object.entries(parseArgs({ args: joinNegativeValues(args, NUMERIC_FLAGS), strict: true, allowPositionals: false, options }).values)) {
      if (!Array.isArray(value)) values[key] = value;
    }
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev seed --help' for the options." });
  }
  if (values.help === true) {
    writeText(io.stdout, seedHelp());
    return 0;
  }
  const auth = values.auth ?? 'sql';
  if (auth !== 'sql' && auth !== 'entra') throw new UsageError(`--auth "${String(auth)}" is not sql or entra`, { hint: 'Use --auth sql (user and password) or --auth entra (DefaultAzureCredential).' });
  if (auth === 'entra' && values.target === undefined) throw new UsageError('--auth entra needs a --target', { hint: 'The local container uses its sa login; pass --target for an Azure SQL database.' });
  const overrides: Partial<EmbeddingSettings> = {};
  const set = (key: keyof EmbeddingSettings, flag: string): void => {
    const written = values[flag];
    if (typeof written === 'string') overrides[key] = seedFlagValue(key, written);
  };
  set('count', 'embeddings');
  set('dim', 'dim');
  set('topics', 'topics');
  set('seed', 'seed');
  const json = values.json === true;
  const interactive = isInteractive(io, json);
  const flags: Record<string, string | boolean | undefined> = {};
  for (const spec of VARIABLES) if ('flag' in spec) flags[spec.flag] = values[spec.flag];
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: typeof values.target !== 'string' });
  const ctx: UpContext = { config, interactive, yes: values.yes === true, state: {}, env: io.env };
  setDeployOptions(ctx, { forceSeed: true, seedOverrides: overrides, noGoldenBackup: true });

  let plan: Phase<UpContext>[];
  const secrets = [...config.secrets];
  if (typeof values.target === 'string') {
    const endpoint = parseTarget(values.target, { auth, defaultDatabase: config.sql.database });
    if (endpoint.password !== '') secrets.push(endpoint.password);
    // Another server than the local container: never without an explicit --yes.
    if (values.yes !== true) throw new UsageError(`Seeding ${endpoint.host}/${endpoint.database} needs --yes`, { hint: 'A target that is not the local container is changed only with an explicit --yes.' });
    ctx.state.sqlServer = endpoint;
    ctx.config = { ...config, sql: { ...config.sql, database: endpoint.database } };
    const deps: SqlDeployDeps = auth === 'entra'
      ? { ...defaultDeployDeps, openSession: async (ep, options) => (await import('../sqlserver/connect.js')).openEntraSession({ host: ep.host, port: ep.port, database: ep.database }, options) }
      : defaultDeployDeps;
    plan = seedPhases({ target: deps });
  } else {
    // The local database and graph: upserts on natural keys, nothing else is touched, so no question.
    plan = seedPhases();
    if (plan.length === 0) throw new UsageError('This build has no seed phase', { hint: 'Run hart-dev up first.' });
  }
  const { phases, services, state } = selectRun(plan, { only: list(values.only), skip: list(values.skip) }, ctx.config);
  // Into the run's own state object (the deploy options above are kept with it); a --target stays.
  ctx.state.sqlServer ??= state.sqlServer;
  ctx.state.neo4j ??= state.neo4j;
  await printStackNote(io, ctx.config, 'seed', typeof values.target === 'string' ? [] : services);
  return renderRun(io, { command: 'seed', json, interactive }, async (session) => {
    session.addSecrets(secrets);
    const result = await runPhases({ command: 'seed', phases, ctx, signal: io.signal, emit: session.emit });
    return result.exitCode;
  });
}
