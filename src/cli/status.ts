// `hart-dev status [-o text|json|env] [--show-secrets]`: each service's state, health, image, ports,
// uptime and volume; `-o env` prints the connection settings in the .NET configuration convention.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { dockerUnreachable, isConnectionError, openDocker } from '../docker/connect.js';
import { shellExports } from '../docker/dotnet-settings.js';
import { neo4jEndpoint, sqlEndpoint } from '../docker/external-endpoints.js';
import { formatUptime, projectStates, type ServiceState } from '../docker/project-inventory.js';
import { SERVICES } from '../docker/service-specs.js';
import { UsageError } from '../engine/errors.js';
import { displayWidth, terminalColumns, wrapLine } from '../ui/wrap.js';
import { writeLine, writeText, type CommandIo } from './io.js';

export const STATUS_HELP = [
  'Usage: hart-dev status [-o text|json|env] [--database DB] [--show-secrets]',
  '',
  "Shows the project's SQL Server and Neo4j: state, health, image, ports, uptime, volume.",
  '',
  'Options:',
  "  -o, --output text|json|env   env: settings for the Hartonomous services (.NET convention) as shell exports, e.g. export Neo4j__Uri='…'; load them with `eval \"$(hart-dev status -o env --show-secrets)\"`",
  '  --database DB                with -o env: the connection of database DB on the same server (a copy from `hart-dev snapshot restore NAME --as DB`)',
  '  --show-secrets               print passwords instead of a placeholder',
].join('\n');

const OUTPUTS = ['text', 'json', 'env'] as const;
type Output = (typeof OUTPUTS)[number];

function isOutput(value: string): value is Output {
  return OUTPUTS.some((o) => o === value);
}

export interface StatusRow extends ServiceState {
  external: string | undefined;
}

function cellsOf(r: StatusRow): string[] {
  return r.external !== undefined
    ? [r.service, 'external', '-', '-', r.external, '-', '-']
    : [r.service, r.state, r.health, r.image ?? '-', r.ports.join(', ') || '-', r.uptimeSeconds === undefined ? '-' : formatUptime(r.uptimeSeconds), r.volume];
}

const HEADER = ['SERVICE', 'STATE', 'HEALTH', 'IMAGE', 'PORTS', 'UPTIME', 'VOLUME'];

/**
 * A table when it fits `columns`; else a block per service: its state on the first line, then image,
 * ports and volume under it, each wrapped with a hanging indent.
 */
export function statusLines(rows: readonly StatusRow[], columns: number): string[] {
  const cells = rows.map(cellsOf);
  const widths = HEADER.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))));
  const line = (c: string[]): string => c.map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(v)))).join('  ').trimEnd();
  const table = [line(HEADER), ...cells.map(line)];
  if (table.every((l) => displayWidth(l) <= columns)) return table;
  const name = Math.max(...rows.map((r) => displayWidth(r.service))) + 2;
  const wrap = (text: string, hang: number): string[] => wrapLine(text, { width: columns, hang });
  return rows.flatMap((r) => {
    const head = r.service.padEnd(name);
    if (r.external !== undefined) return wrap(`${head}external: ${r.external}`, name);
    const [, state, health, image, ports, uptime, volume] = cellsOf(r);
    const facts: [string, string | undefined][] = [
      ['image', image],
      ['ports', ports],
      ['volume', volume === '' ? undefined : volume],
    ];
    return [
      ...wrap(`${head}${[state, health === 'none' ? undefined : health, uptime === '-' ? undefined : `up ${uptime}`].filter((v) => v !== undefined).join(', ')}`, name),
      ...facts.flatMap(([label, value]) => (value === undefined || value === '-' ? [] : wrap(`${' '.repeat(name)}${label.padEnd(8)}${value}`, name + 8))),
    ];
  });
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  let values: { output?: string; 'show-secrets'?: boolean; help?: boolean; project?: string; json?: boolean; database?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean' },
        'show-secrets': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        project: { type: 'string' },
        database: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: STATUS_HELP.split('\n')[0] });
  }
  if (values.help === true) {
    writeText(io.stdout, STATUS_HELP);
    return 0;
  }
  const output = values.output ?? (values.json === true ? 'json' : 'text');
  if (!isOutput(output)) throw new UsageError(`-o "${output}" is not an output format`, { hint: 'Use -o text, -o json or -o env' });
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags: { project: values.project } });
  if (values.database !== undefined && output !== 'env') throw new UsageError('--database goes with -o env', { hint: `Run: hart-dev status -o env --database ${values.database}` });
  if (values.database !== undefined && values.database.trim() === '') throw new UsageError('--database needs a database name', { hint: 'e.g. hart-dev status -o env --database Hartonomous_it1' });
  const sql = values.database === undefined ? sqlEndpoint(config) : { ...sqlEndpoint(config), database: values.database };
  const neo4j = neo4jEndpoint(config);

  if (output === 'env') {
    // Settings follow from the configuration alone: no engine round trip needed.
    const show = values['show-secrets'] === true;
    for (const line of shellExports(sql, neo4j, show)) writeLine(io.stdout, line);
    if (!show) writeText(io.stderr, 'Passwords are masked: add --show-secrets to print them (`eval "$(hart-dev status -o env --show-secrets)"`).');
    return 0;
  }

  const externals: Record<string, string | undefined> = {
    sqlserver: sql.external ? `${sql.host},${sql.port}` : undefined,
    neo4j: neo4j.external ? neo4j.url : undefined,
  };
  let states: ServiceState[] = [];
  if (SERVICES.some((s) => externals[s] === undefined)) {
    const { docker, target } = await openDocker(io.env);
    try {
      states = await projectStates(docker, config.project);
    } catch (error) {
      throw isConnectionError(error) ? dockerUnreachable(target, error) : error;
    }
  }
  const rows: StatusRow[] = SERVICES.map((service) => {
    const state = states.find((s) => s.service === service);
    const base: ServiceState = state ?? {
      service,
      container: '',
      state: 'external',
      health: 'none',
      image: undefined,
      ports: [],
      startedAt: undefined,
      uptimeSeconds: undefined,
      volume: '',
      id: undefined,
    };
    return { ...base, external: externals[service] };
  });

  if (output === 'json') {
    writeLine(
      io.stdout,
      JSON.stringify({
        project: config.project,
        services: rows.map((r) => ({
          service: r.service,
          external: r.external ?? null,
          container: r.external === undefined ? r.container : null,
          state: r.external === undefined ? r.state : 'external',
          health: r.health,
          image: r.image ?? null,
          ports: r.ports,
          startedAt: r.startedAt ?? null,
          uptimeSeconds: r.uptimeSeconds ?? null,
          volume: r.external === undefined ? r.volume : null,
        })),
      }),
    );
    return 0;
  }
  for (const line of statusLines(rows, terminalColumns(io.stdout))) writeLine(io.stdout, line);
  const notOurs = rows.filter((r) => r.state === 'not-ours');
  for (const r of notOurs) writeLine(io.stderr, `${r.container} exists but has no dev.hart.project=${config.project} label: hart-dev did not create it and leaves it alone.`);
  return 0;
}
