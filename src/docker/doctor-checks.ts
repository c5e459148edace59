// The checks of `hart-dev doctor`, also run by the preflight phase of `up`, `reset` and `seed`: each
// gives a verdict (ok / warn / fail) with a message and, when something is wrong, what to do. A `fail`
// is blocking: the run stops before touching anything. Docker, architecture, memory, host ports and
// the EULA concern only the containers the run brings up (doctor: every service without an URL).
import { statfs } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { arch as hostArch } from 'node:os';
import { EULA_URL } from '../config/consent.js';
import { ConfigError, missingPayloadFolder, type Config } from '../config/load.js';
import { SECRET_VARIABLES } from '../config/variables.js';
import { HartError } from '../engine/errors.js';
import { probeDocker, type EngineProbe } from './connect.js';
import { localServices } from './external-endpoints.js';
import { portHolder, publishedPorts } from './port-holder.js';
import { containerName, LABEL_PROJECT, type ServiceName } from './service-specs.js';

export type Verdict = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  id: string;
  title: string;
  verdict: Verdict;
  message: string;
  hint?: string;
}

export interface DoctorInput {
  env: NodeJS.ProcessEnv;
  /** The loaded configuration, or the error loading it gave. */
  config: Config | HartError;
  /** up can ask for the EULA consent in a terminal; without one a missing consent is blocking. */
  interactive: boolean;
  /** The services whose container the run brings up (default: every service without HART_*_URL). */
  containers?: readonly ServiceName[];
  /** The services whose container the run uses without bringing it up (`--skip sqlserver`): it must run already. */
  running?: readonly ServiceName[];
  /** Free disk space below which the disk check fails / warns (bytes). */
  diskFailBytes?: number;
  diskWarnBytes?: number;
}

const GB = 1024 ** 3;
/** SQL Server refuses to start with less than 2 GB of memory. */
export const MIN_ENGINE_MEMORY = 2 * GB;

function check(id: string, title: string, verdict: Verdict, message: string, hint?: string): CheckResult {
  return hint === undefined ? { id, title, verdict, message } : { id, title, verdict, message, hint };
}

function gigabytes(bytes: number): string {
  return `${(bytes / GB).toFixed(1)} GB`;
}

/**
 * The configuration, and the SQL payload folder it names: a folder set with HART_SQL_DIR or --sql-dir
 * that is not there fails (up would find nothing to deploy). Left at its default, a project without
 * its own sql/ uses the payload that ships with the kit (config/load.ts).
 */
function payloadFolderCheck(config: Config): CheckResult {
  const missing = missingPayloadFolder(config);
  if (missing === undefined) return check('configuration', 'Configuration', 'ok', 'Configuration is valid');
  return check('configuration', 'Configuration', 'fail', missing.message, missing.hint);
}

function configChecks(config: Config | HartError): CheckResult[] {
  if (!(config instanceof HartError)) {
    const generated = (['HART_SQL_SA_PASSWORD', 'HART_NEO4J_PASSWORD'] as const).filter((name) => config.sources[name] === 'generated');
    return [
      payloadFolderCheck(config),
      check(
        'passwords',
        'Passwords',
        'ok',
        generated.length === 0
          ? 'The sa and Neo4j passwords meet their policies'
          : `The passwords meet their policies (${generated.join(', ')} will be generated and kept in .hart/secrets.env by up)`,
      ),
    ];
  }
  const isPassword = config instanceof ConfigError && SECRET_VARIABLES.some((name) => name === config.variable);
  const failed = check(isPassword ? 'passwords' : 'configuration', isPassword ? 'Passwords' : 'Configuration', 'fail', config.message, config.hint);
  return isPassword ? [check('configuration', 'Configuration', 'ok', 'The other settings are valid'), failed] : [failed];
}

/** Why no container is needed, for the ok line of a check that was not needed. */
function noContainerReason(config: Config | undefined, service?: ServiceName): string {
  if (config !== undefined && service === 'sqlserver' && config.sql.url !== undefined) return 'SQL Server is external (HART_SQL_URL)';
  if (config !== undefined && service === undefined && config.sql.url !== undefined && config.neo4j.url !== undefined) {
    return 'HART_SQL_URL and HART_NEO4J_URL point to existing servers';
  }
  return service === undefined ? 'this run starts no container' : 'this run starts no SQL Server container';
}

function architectureCheck(arch: string, where: string): CheckResult {
  const normalized = arch === 'aarch64' ? 'arm64' : arch === 'x86_64' ? 'x64' : arch;
  if (normalized === 'arm64') {
    return check(
      'architecture',
      'Architecture',
      'warn',
      `${where} runs on arm64: SQL Server has no arm64 image and runs only under amd64 emulation`,
      'Enable amd64 emulation — Docker Desktop: Settings → General → "Use Rosetta for x86_64/amd64 emulation on Apple Silicon"; ' +
        'Colima: colima start --vm-type vz --vz-rosetta; Linux: docker run --privileged --rm tonistiigi/binfmt --install amd64 (QEMU).',
    );
  }
  if (normalized !== 'x64') {
    return check('architecture', 'Architecture', 'fail', `${where} runs on ${arch}: SQL Server runs only on amd64 (x86_64)`, 'Use an amd64 machine or set HART_SQL_URL to an existing SQL Server.');
  }
  return check('architecture', 'Architecture', 'ok', `${where} runs on amd64 (x86_64)`);
}

async function dockerChecks(input: DoctorInput, config: Config | undefined, containers: readonly ServiceName[]): Promise<{ results: CheckResult[]; connection?: EngineProbe }> {
  if (containers.length === 0 && (input.running ?? []).length === 0) {
    return { results: [check('docker', 'Docker', 'ok', `Not needed: ${noContainerReason(config)}`)] };
  }
  let connection: EngineProbe;
  try {
    // The light reader: doctor and preflight read only, and loading dockerode would cost more than all the checks.
    connection = await probeDocker(input.env);
  } catch (error) {
    const info = error instanceof HartError ? error : new HartError(String(error));
    return {
      results: [
        check('docker', 'Docker', 'fail', info.message, info.hint),
        ...(containers.includes('sqlserver') ? [architectureCheck(hostArch(), 'This machine')] : []),
      ],
    };
  }
  const { target, serverVersion, info } = connection;
  const results = [check('docker', 'Docker', 'ok', `Docker ${serverVersion} answers at ${target.host} (${target.source})`)];
  // Only finding running containers: nothing is created, so nothing more to ask of the engine.
  if (containers.length === 0) return { results, connection };
  const sqlLocal = containers.includes('sqlserver');
  results.push(sqlLocal ? architectureCheck(info.arch, 'The Docker engine') : check('architecture', 'Architecture', 'ok', `Not relevant: ${noContainerReason(config, 'sqlserver')}`));
  if (!sqlLocal) {
    results.push(check('memory', 'Memory', 'ok', `${gigabytes(info.memTotal)} available to the engine`));
  } else if (info.memTotal < MIN_ENGINE_MEMORY) {
    results.push(
      check('memory', 'Memory', 'fail', `${gigabytes(info.memTotal)} available to the Docker engine: SQL Server needs at least 2 GB`, 'Give the engine more memory (Docker Desktop: Settings → Resources; Colima: colima start --memory 4).'),
    );
  } else {
    const wanted = (config?.sql.memoryMb ?? 2048) * 1024 * 1024 + GB / 2;
    results.push(
      info.memTotal < wanted
        ? check('memory', 'Memory', 'warn', `${gigabytes(info.memTotal)} available to the engine: tight for SQL Server (${config?.sql.memoryMb ?? 2048} MB) and Neo4j together`, 'Give the engine 4 GB or more if containers get killed.')
        : check('memory', 'Memory', 'ok', `${gigabytes(info.memTotal)} available to the engine`),
    );
  }
  return { results, connection };
}

async function portChecks(config: Config, connection: EngineProbe | undefined, containers: readonly ServiceName[]): Promise<CheckResult[]> {
  const ports: { variable: string; port: number; what: string }[] = [];
  if (containers.includes('sqlserver')) ports.push({ variable: 'HART_SQL_PORT', port: config.sql.port, what: 'SQL Server' });
  if (containers.includes('neo4j')) {
    ports.push({ variable: 'HART_NEO4J_BOLT_PORT', port: config.neo4j.boltPort, what: 'Neo4j Bolt' });
    ports.push({ variable: 'HART_NEO4J_HTTP_PORT', port: config.neo4j.httpPort, what: 'Neo4j HTTP' });
  }
  let published;
  try {
    published = connection === undefined ? undefined : await publishedPorts(connection.reader);
  } catch {
    published = undefined;
  }
  const results: CheckResult[] = [];
  for (const { variable, port, what } of ports) {
    const id = `port-${variable.replace(/^HART_/, '').replace(/_PORT$/, '').toLowerCase().replace(/_/g, '-')}`;
    const title = `Port ${port}`;
    const other = `or choose another port, e.g. ${variable}=${port + 10000 <= 65535 ? port + 10000 : port - 1000}`;
    const holder = await portHolder(port, config.bindAddress, config.project, published);
    if (holder.kind === 'free') results.push(check(id, title, 'ok', `${config.bindAddress}:${port} is free for ${what}`));
    else if (holder.kind === 'our-container') results.push(check(id, title, 'ok', `${port} is held by ${holder.container}, this project's own container`));
    else if (holder.kind === 'container') {
      results.push(check(id, title, 'fail', `${port} (${what}) is taken by container ${holder.container} (${holder.image})`, `Stop it with 'docker stop ${holder.container}' ${other}.`));
    } else if (holder.code === 'EADDRINUSE') {
      results.push(check(id, title, 'fail', `${port} (${what}) is taken by another program`, `Find it with 'lsof -i :${port}' (or 'ss -ltnp'), stop it, ${other}.`));
    } else {
      results.push(check(id, title, 'fail', `Can't listen on ${config.bindAddress}:${port} (${what}): ${holder.code}`, `Check HART_BIND_ADDRESS=${config.bindAddress} is an address of this machine, ${other}.`));
    }
  }
  return results;
}

const SERVICE_TITLES: Record<ServiceName, string> = { sqlserver: 'SQL Server', neo4j: 'Neo4j' };

/** A skipped service phase: the run talks to this project's container, which must run already. */
async function runningCheck(config: Config, service: ServiceName, connection: EngineProbe | undefined): Promise<CheckResult> {
  const name = containerName(config.project, service);
  const title = `${SERVICE_TITLES[service]} container`;
  const id = `running-${service}`;
  if (connection === undefined) return check(id, title, 'fail', `Can't look for ${name}: Docker does not answer`, 'See the Docker check above.');
  const info = await connection.reader.inspectContainer(name).catch(() => undefined);
  const startIt = `Leave ${service} out of --skip so that the ${service} phase starts it.`;
  if (info === undefined) return check(id, title, 'fail', `${name} does not exist, and --skip ${service} does not create it`, startIt);
  if (info.Config.Labels[LABEL_PROJECT] !== config.project) return check(id, title, 'fail', `${name} was not created by hart-dev for project "${config.project}"`, `Remove or rename it (docker rm -f ${name}), then leave ${service} out of --skip.`);
  if (!info.State.Running) return check(id, title, 'fail', `${name} is not running, and --skip ${service} does not start it`, startIt);
  return check(id, title, 'ok', `${name} runs (--skip ${service} uses it as it is)`);
}

function eulaCheck(config: Config, interactive: boolean, containers: readonly ServiceName[]): CheckResult {
  if (!containers.includes('sqlserver')) return check('eula', 'SQL Server EULA', 'ok', `Not needed: ${noContainerReason(config, 'sqlserver')}`);
  if (config.sql.acceptEula) return check('eula', 'SQL Server EULA', 'ok', `Accepted (${config.sources.HART_ACCEPT_EULA ?? 'default'})`);
  const hint = `Read ${EULA_URL} and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula).`;
  const refused = config.sources.HART_ACCEPT_EULA !== undefined && config.sources.HART_ACCEPT_EULA !== 'default';
  if (interactive && !refused) return check('eula', 'SQL Server EULA', 'warn', 'The SQL Server EULA is not accepted yet: hart-dev up asks for it', hint);
  return check('eula', 'SQL Server EULA', 'fail', refused ? 'HART_ACCEPT_EULA says no to the SQL Server EULA: SQL Server does not start without it' : 'The SQL Server EULA is not accepted, and there is no terminal to ask', hint);
}

async function diskCheck(input: DoctorInput, cwd: string, connection: EngineProbe | undefined): Promise<CheckResult> {
  // The engine's data root when it is on this machine (plain dockerd), else the project folder.
  let path = cwd;
  if (connection !== undefined && connection.target.host.startsWith('unix://')) {
    // Reuses the info the connection already fetched: one engine round trip fewer on every up.
    const root = connection.info.rootDir;
    if (root !== '' && existsSync(root)) path = root;
  }
  const stats = await statfs(path);
  const free = stats.bavail * stats.bsize;
  const failBelow = input.diskFailBytes ?? 2 * GB;
  const warnBelow = input.diskWarnBytes ?? 6 * GB;
  const message = `${gigabytes(free)} free at ${path}`;
  const hint = 'The images take about 2.5 GB and the databases grow from there: free some space (docker system prune removes unused images).';
  if (free < failBelow) return check('disk', 'Disk space', 'fail', `${message}: not enough for the images`, hint);
  if (free < warnBelow) return check('disk', 'Disk space', 'warn', `${message}: little room for images and data`, hint);
  return check('disk', 'Disk space', 'ok', message);
}

export async function runDoctorChecks(input: DoctorInput, cwd: string): Promise<CheckResult[]> {
  const config = input.config instanceof HartError ? undefined : input.config;
  const results = configChecks(input.config);
  // Without a configuration, Docker is checked as if both services were containers.
  const containers = input.containers ?? (config === undefined ? ['sqlserver', 'neo4j'] : localServices(config));
  const docker = await dockerChecks(input, config, containers);
  results.push(...docker.results);
  if (config !== undefined) {
    results.push(...(await portChecks(config, docker.connection, containers)));
    results.push(eulaCheck(config, input.interactive, containers));
    for (const service of input.running ?? []) results.push(await runningCheck(config, service, docker.connection));
  }
  results.push(await diskCheck(input, cwd, docker.connection));
  return results;
}

export function blockingProblems(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.verdict === 'fail');
}
