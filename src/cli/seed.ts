// `hart-dev seed [--embeddings N] [--dim D] [--topics K] [--seed S] [--target CONNECTION] [--auth sql|entra] [--yes]`:
// runs the seed phase again, on the local database (after the phases it needs, which skip when
// unchanged) or on another SQL Server given by --target (e.g. a shared Azure SQL dev database).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../engine/errors.js';
import type { Phase } from '../engine/phase.js';
import { runPhases } from '../engine/runner.js';
import { selectPhases } from '../engine/select.js';
import type { UpContext } from '../phases/context.js';
import { createSeedPhase } from '../phases/seed.js';
import { upPhases } from '../phases/up-plan.js';
import type { EmbeddingSettings } from '../seed/types.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import { setDeployOptions, type SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { payloadSeedSource } from '../sqlserver/payload-seed-source.js';
import { parseTarget } from '../sqlserver/target.js';
import { renderRun } from '../ui/render-run.js';
import { isInteractive, writeLine, type CommandIo } from './io.js';

export const SEED_HELP = [
  'Usage: hart-dev seed [options]',
  '',
  'Loads the seed data again: default tenant, billing plans, sample embeddings.',
  '',
  'Options:',
  '  --embeddings N       number of sample atoms (seeds/embeddings.json: count)',
  '  --dim D              vector dimension (default 1536)',
  '  --topics K           topic clusters',
  '  --seed S             generator seed (same seed, same vectors on every machine)',
  '  --target CONNECTION  seed another SQL Server: sqlserver://user:pass@host:1433/db or Server=…;Database=…',
  '  --auth sql|entra     entra: sign in with DefaultAzureCredential (az login, managed identity), no password',
  '  -y, --yes            do not ask (required for a --target)',
  '  --json               NDJSON events on stdout',
].join('\n');

function intFlag(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`--${flag} "${String(value)}" is not a whole number`, { hint: `e.g. --${flag} 1000` });
  return Number(value);
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        embeddings: { type: 'string' }, dim: { type: 'string' }, topics: { type: 'string' }, seed: { type: 'string' },
        target: { type: 'string' }, auth: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev seed --help' for the options." });
  }
  if (values.help === true) {
    writeLine(io.stdout, SEED_HELP);
    return 0;
  }
  const auth = values.auth ?? 'sql';
  if (auth !== 'sql' && auth !== 'entra') throw new UsageError(`--auth "${String(auth)}" is not sql or entra`, { hint: 'Use --auth sql (user and password) or --auth entra (DefaultAzureCredential).' });
  if (auth === 'entra' && values.target === undefined) throw new UsageError('--auth entra needs a --target', { hint: 'The local container uses its sa login; pass --target for an Azure SQL database.' });
  const overrides: Partial<EmbeddingSettings> = {};
  const set = (key: keyof EmbeddingSettings, flag: string): void => {
    const n = intFlag(values[flag], flag);
    if (n !== undefined) overrides[key] = n;
  };
  set('count', 'embeddings');
  set('dim', 'dim');
  set('topics', 'topics');
  set('seed', 'seed');
  const json = values.json === true;
  const interactive = isInteractive(io, json);
  const config = loadConfig({ cwd: io.cwd, env: io.env, persistGenerated: typeof values.target !== 'string' });
  const ctx: UpContext = { config, interactive, yes: values.yes === true, state: {} };
  setDeployOptions(ctx, { forceSeed: true, seedOverrides: overrides, noGoldenBackup: true });

  let phases: Phase<UpContext>[];
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
    phases = [{ ...createSeedPhase({ ...deps, seed: payloadSeedSource }), needs: [] }];
  } else {
    // The local database: upserts on natural keys, nothing else is touched, so no question.
    const plan = upPhases();
    if (!plan.some((p) => p.id === 'seed')) throw new UsageError('This build has no seed phase', { hint: 'Run hart-dev up first.' });
    phases = selectPhases(plan, { only: ['seed'] });
  }
  return renderRun(io, { command: 'seed', json, interactive }, async (session) => {
    session.addSecrets(secrets);
    const result = await runPhases({ command: 'seed', phases, ctx, signal: io.signal, emit: session.emit });
    return result.exitCode;
  });
}
