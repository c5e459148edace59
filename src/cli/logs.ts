// `hart-dev logs <sqlserver|neo4j> [-f] [--tail N]`: a service container's output.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { streamLogs } from '../docker/container-logs.js';
import { dockerUnreachable, isConnectionError, openDocker } from '../docker/connect.js';
import { isOurs } from '../docker/project-inventory.js';
import { inspectOrUndefined, notOursError } from '../docker/service-container.js';
import { containerName, SERVICES, type ServiceName } from '../docker/service-specs.js';
import { HartError, UsageError } from '../engine/errors.js';
import { createRedactor } from '../engine/redact.js';
import { writeText, type CommandIo } from './io.js';
import { joinNegativeValues } from './negative-values.js';

export const LOGS_HELP = [
  'Usage: hart-dev logs <sqlserver|neo4j> [-f] [--tail N]',
  '',
  "Prints the output of the project's SQL Server or Neo4j container.",
  '',
  'Options:',
  '  -f, --follow    keep printing new lines until Ctrl-C',
  '  --tail N        only the last N lines (default: all)',
].join('\n');

function isService(value: string): value is ServiceName {
  return SERVICES.some((s) => s === value);
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      // `--tail -1` is the value -1 (refused below for its range), not an unknown option.
      args: joinNegativeValues(args, new Set(['--tail'])),
      options: { follow: { type: 'boolean', short: 'f' }, tail: { type: 'string' }, help: { type: 'boolean', short: 'h' }, project: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'Bad arguments') : 'Bad arguments', { hint: LOGS_HELP.split('\n')[0] });
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    writeText(io.stdout, LOGS_HELP);
    return 0;
  }
  const service = positionals[0];
  if (service === undefined || !isService(service) || positionals.length > 1) {
    throw new UsageError(service === undefined ? 'logs needs a service name' : `Unknown service "${positionals.join(' ')}"`, {
      hint: 'Use hart-dev logs sqlserver or hart-dev logs neo4j',
    });
  }
  let tail: number | undefined;
  if (values.tail !== undefined) {
    if (!/^-?\d+$/.test(values.tail)) throw new UsageError(`--tail "${values.tail}" is not a number of lines`, { hint: 'e.g. --tail 100' });
    if (values.tail.startsWith('-')) throw new UsageError(`--tail ${values.tail} is out of range: give 0 or more lines`, { hint: 'e.g. --tail 100' });
    tail = Number(values.tail);
  }
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags: { project: values.project } });
  const name = containerName(config.project, service);
  const { docker, target } = await openDocker(io.env);
  let info;
  try {
    info = await inspectOrUndefined(docker, name);
  } catch (error) {
    throw isConnectionError(error) ? dockerUnreachable(target, error) : error;
  }
  if (info === undefined) {
    throw new HartError(`There is no ${name} container`, { hint: "Start it with 'hart-dev up'.", code: 'container-missing' });
  }
  if (!isOurs(info.Config.Labels, config.project)) throw notOursError(name, config.project);
  const redact = createRedactor(config.secrets);
  await streamLogs(docker.getContainer(info.Id), io.stdout, io.stderr, { tail, follow: values.follow === true, transform: redact, signal: io.signal });
  return 0;
}
