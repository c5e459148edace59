// `hart-dev snapshot save|restore|list|delete`: named snapshots of the whole stack (the database and
// the Neo4j graph). save and restore run as phases (live rows, plain lines in CI, NDJSON with --json);
// list and delete read and write the manifest, .hart/snapshots.json.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { VARIABLES } from '../config/variables.js';
import { sqlEndpoint } from '../docker/external-endpoints.js';
import { UsageError } from '../engine/errors.js';
import { runPhases } from '../engine/runner.js';
import { checkResetAllowed, neo4jEndpointFromConfig } from '../neo4j/external-endpoint.js';
import type { UpContext } from '../phases/context.js';
import { selectRun } from '../phases/run-selection.js';
import { SNAPSHOT_PARTS, snapshotRestorePhases, snapshotSavePhases, type SnapshotPart } from '../phases/snapshot-plan.js';
import { checkSnapshotName, findSnapshot, forgetSnapshot, readManifest } from '../snapshot/manifest.js';
import { renderRun } from '../ui/render-run.js';
import { terminalColumns } from '../ui/wrap.js';
import { isInteractive, writeLine, writeText, type CommandIo } from './io.js';
import { confirmOrYes } from './reset.js';
import { snapshotListLines } from './snapshot-list.js';
import { printStackNote } from './stack-note.js';

export function snapshotHelp(): string {
  return [
    'Usage: hart-dev snapshot save NAME [--message M] [--only sql|graph]',
    '       hart-dev snapshot restore NAME [--only sql|graph] [--as DB] [--yes]',
    '       hart-dev snapshot list [--json]',
    '       hart-dev snapshot delete NAME [--yes]',
    '',
    'Saves the whole stack under a name and brings it back: the database as a COPY_ONLY backup the server writes (in the SQL Server volume, or HART_SQL_BACKUP_DIR for an existing server), the Neo4j graph as one file in .hart/snapshots/ (every node and relationship with its properties, constraints and indexes). .hart/snapshots.json lists them with their sizes and SHA-256; a file that changed is refused before anything is replaced.',
    '',
    'Options:',
    '  -m, --message M   a note kept with the snapshot (save)',
    '  --only sql|graph  save or restore one part only',
    '  --as DB           restore the database as DB beside the main one (files moved, new Service Broker id); `hart-dev status -o env --database DB` prints its connection',
    '  -y, --yes         do not ask (required to restore or delete when not interactive, and to restore into a Neo4j on another machine)',
    '  --json            NDJSON events (save, restore) or the manifest entries (list) on stdout',
    '  (and the configuration flags of up, e.g. --neo4j-url, --sql-url, --sql-backup-dir)',
    '',
    'Restoring a snapshot taken with another payload says how many scripts `hart-dev up` will re-apply.',
  ].join('\n');
}

const SUBCOMMANDS = ['save', 'restore', 'list', 'delete'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function isSubcommand(value: string): value is Subcommand {
  return SUBCOMMANDS.some((s) => s === value);
}

function isPart(value: string): value is SnapshotPart {
  return SNAPSHOT_PARTS.some((p) => p === value);
}

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const options: Record<string, { type: 'string'; short?: string } | { type: 'boolean'; short?: string }> = {
    message: { type: 'string', short: 'm' },
    only: { type: 'string' },
    as: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of VARIABLES) if ('flag' in spec) options[spec.flag] = spec.kind === 'bool' ? { type: 'boolean' } : { type: 'string' };
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: "Run 'hart-dev snapshot --help' for the options." });
  }
  const [sub, name, extra] = positionals;
  if (values.help === true || sub === undefined) {
    writeText(values.help === true ? io.stdout : io.stderr, snapshotHelp());
    return values.help === true ? 0 : 2;
  }
  if (!isSubcommand(sub)) throw new UsageError(`Unknown snapshot subcommand "${sub}"`, { hint: 'Use hart-dev snapshot save|restore|list|delete (hart-dev snapshot --help).' });
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`, { hint: 'Quote a message with spaces: --message "before the demo".' });
  const only = typeof values.only === 'string' ? values.only : undefined;
  if (only !== undefined && !isPart(only)) throw new UsageError(`--only "${only}" is not sql or graph`, { hint: 'Use --only sql (the database) or --only graph (the Neo4j graph).' });
  const flagOf = (flag: string, allowed: readonly Subcommand[]): void => {
    if (values[flag] !== undefined && !allowed.includes(sub)) throw new UsageError(`--${flag} belongs to snapshot ${allowed.join(' and ')}`, { hint: "Run 'hart-dev snapshot --help' for the options." });
  };
  flagOf('message', ['save']);
  flagOf('as', ['restore']);
  flagOf('only', ['save', 'restore']);
  const json = values.json === true;
  const flags: Record<string, string | boolean | undefined> = {};
  for (const spec of VARIABLES) {
    const v = 'flag' in spec ? values[spec.flag] : undefined;
    if ('flag' in spec && (typeof v === 'string' || typeof v === 'boolean')) flags[spec.flag] = v;
  }

  if (sub === 'list') {
    if (name !== undefined) throw new UsageError(`snapshot list takes no NAME (got "${name}")`, { hint: 'Run: hart-dev snapshot list' });
    const config = loadConfig({ cwd: io.cwd, env: io.env, flags });
    const { snapshots } = readManifest(config.stateDir);
    if (json) {
      writeLine(io.stdout, JSON.stringify({ snapshots }));
      return 0;
    }
    if (snapshots.length === 0) {
      writeLine(io.stderr, 'No snapshots yet: take one with hart-dev snapshot save NAME.');
      return 0;
    }
    for (const line of snapshotListLines(snapshots, terminalColumns(io.stdout))) writeLine(io.stdout, line);
    return 0;
  }

  const snapshotName = checkSnapshotName(name, sub);
  const interactive = isInteractive(io, json);
  const yes = values.yes === true;

  if (sub === 'delete') {
    const config = loadConfig({ cwd: io.cwd, env: io.env, flags });
    const entry = findSnapshot(readManifest(config.stateDir), snapshotName);
    const ok = await confirmOrYes(io, { yes, interactive, command: `snapshot delete ${snapshotName}`, question: `Delete snapshot ${snapshotName}? Its files are removed.` });
    if (!ok) {
      writeLine(io.stderr, 'Delete cancelled: nothing was changed.');
      return 1;
    }
    const notes: string[] = [];
    if (entry.sql !== undefined) {
      const endpoint = sqlEndpoint(config);
      if (endpoint.external || endpoint.container === undefined) {
        notes.push(`${entry.sql.file} is on the SQL Server machine: remove it there.`);
      } else {
        const [{ openDocker, isConnectionError, dockerUnreachable }, { removeContainerFile }] = await Promise.all([import('../docker/connect.js'), import('../docker/container-file.js')]);
        const { docker, target } = await openDocker(io.env);
        try {
          if ((await removeContainerFile(docker, endpoint.container, entry.sql.file)) === 'no-container') notes.push(`Container ${endpoint.container} does not exist: ${entry.sql.file} went with it or stays in its volume.`);
        } catch (error) {
          throw isConnectionError(error) ? dockerUnreachable(target, error) : error;
        }
      }
    }
    if (entry.graph !== undefined) rmSync(join(config.stateDir, entry.graph.file), { force: true });
    forgetSnapshot(config.stateDir, snapshotName);
    if (json) writeLine(io.stdout, JSON.stringify({ deleted: snapshotName, notes }));
    else writeLine(io.stdout, `Snapshot ${snapshotName} deleted.`);
    for (const note of notes) writeLine(io.stderr, note);
    return 0;
  }

  const config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: true });
  const ctx: UpContext = { config, interactive, yes, state: {}, env: io.env };
  let plan;
  if (sub === 'save') {
    const message = typeof values.message === 'string' ? values.message : undefined;
    ctx.state.snapshot = { name: snapshotName, ...(message === undefined ? {} : { message }) };
    const parts = only === undefined ? SNAPSHOT_PARTS : [only];
    if (parts.includes('sql') && config.sql.url !== undefined && config.sql.backupDir === undefined) {
      throw new UsageError('An existing SQL Server (HART_SQL_URL) needs a folder it can write the snapshot to', {
        hint: 'Set HART_SQL_BACKUP_DIR (or --sql-backup-dir) to a folder on the server machine, e.g. /var/opt/mssql/backup; or save the graph alone with --only graph.',
      });
    }
    plan = snapshotSavePhases({ parts });
  } else {
    const entry = findSnapshot(readManifest(config.stateDir), snapshotName);
    const copyAs = typeof values.as === 'string' ? values.as : undefined;
    if (copyAs !== undefined) {
      if (!DATABASE_NAME.test(copyAs)) throw new UsageError(`--as "${copyAs}" is not a database name`, { hint: 'Use letters, digits and "_" (e.g. --as Hartonomous_it1).' });
      if (copyAs.toLowerCase() === config.sql.database.toLowerCase()) throw new UsageError(`--as ${copyAs} is the main database`, { hint: `Restore over it without --as: hart-dev snapshot restore ${snapshotName}` });
      if (only === 'graph') throw new UsageError('--as restores the database, not the graph', { hint: 'Neo4j Community has one graph: restore it without --as (--only graph).' });
    }
    const wanted: SnapshotPart[] = copyAs !== undefined ? ['sql'] : only !== undefined ? [only] : SNAPSHOT_PARTS.filter((p) => (p === 'sql' ? entry.sql : entry.graph) !== undefined);
    for (const part of wanted) {
      if ((part === 'sql' ? entry.sql : entry.graph) === undefined) {
        throw new UsageError(`Snapshot ${snapshotName} holds no ${part === 'sql' ? 'database' : 'graph'}`, { hint: `It was saved with --only ${part === 'sql' ? 'graph' : 'sql'}; restore without --only.` });
      }
    }
    ctx.state.snapshot = { name: snapshotName, entry, ...(copyAs === undefined ? {} : { copyAs }) };
    plan = snapshotRestorePhases({ parts: wanted });
    const replacesMain = wanted.includes('sql') && copyAs === undefined;
    const replacesGraph = wanted.includes('graph');
    const neo4j = neo4jEndpointFromConfig(config);
    if (replacesGraph && neo4j !== undefined) checkResetAllowed(neo4j, yes);
    if (replacesMain || replacesGraph) {
      const what = replacesMain && replacesGraph ? `database ${config.sql.database} and the Neo4j graph` : replacesMain ? `database ${config.sql.database}` : 'the Neo4j graph';
      const ok = await confirmOrYes(io, { yes, interactive, command: `snapshot restore ${snapshotName}`, question: `Replace ${what} with snapshot ${snapshotName}? Their current data will be lost.` });
      if (!ok) {
        writeLine(io.stderr, 'Restore cancelled: nothing was changed.');
        return 1;
      }
    }
  }
  const { phases, services, state } = selectRun(plan, { only: [], skip: [] }, config);
  ctx.state = { ...state, ...ctx.state };
  await printStackNote(io, config, `snapshot ${sub}`, services);
  return renderRun(io, { command: `snapshot ${sub}`, json, interactive }, async (session) => {
    session.addSecrets(config.secrets);
    const result = await runPhases({ command: `snapshot ${sub}`, phases, ctx, signal: io.signal, emit: session.emit });
    return result.exitCode;
  });
}
