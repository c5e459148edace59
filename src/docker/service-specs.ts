// The two containers of a project as plain data: image, environment, ports, volume, labels,
// healthcheck. One place decides them; `up` creates from them, compose/docker-compose.yml mirrors them
// (a test keeps the two in step) and the spec hash label tells whether a container still matches.
import { createHash } from 'node:crypto';
import type { Config } from '../config/load.js';

export type ServiceName = 'sqlserver' | 'neo4j';
export const SERVICES: readonly ServiceName[] = ['sqlserver', 'neo4j'];

export const LABEL_PROJECT = 'dev.hart.project';
export const LABEL_SERVICE = 'dev.hart.service';
export const LABEL_SPEC_HASH = 'dev.hart.spec-hash';

export interface PortSpec {
  /** Port inside the container. */
  container: number;
  host: number;
  /** What it is, for messages: "SQL Server", "Bolt", "HTTP". */
  label: string;
}

export interface HealthcheckSpec {
  /** ["CMD-SHELL", "…"]: the shell runs inside the container, so secrets stay in its environment. */
  test: string[];
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

export interface ContainerSpec {
  service: ServiceName;
  /** <project>-sqlserver, <project>-neo4j */
  name: string;
  project: string;
  image: string;
  /** linux/amd64 for SQL Server (no arm64 image exists); undefined = the engine's own. */
  platform: string | undefined;
  hostname: string | undefined;
  /** NAME → value. Values may be secrets: never print them, print `envNames` instead. */
  env: Record<string, string>;
  ports: PortSpec[];
  volume: { name: string; target: string };
  bindAddress: string;
  healthcheck: HealthcheckSpec;
}

export const SQL_DATA_DIR = '/var/opt/mssql';
export const NEO4J_DATA_DIR = '/data';
export const SQLCMD = '/opt/mssql-tools18/bin/sqlcmd';

export function containerName(project: string, service: ServiceName): string {
  return `${project}-${service}`;
}

export function volumeName(project: string, service: ServiceName): string {
  return `${project}-${service === 'sqlserver' ? 'mssql' : 'neo4j'}`;
}

/**
 * SQL Server refuses hostnames longer than 15 characters (the NetBIOS limit): "<project>-sql",
 * shortened, with only the characters a hostname may carry.
 */
export function sqlHostname(project: string): string {
  const base = project.replace(/[^a-z0-9-]/g, '-').slice(0, 11).replace(/-+$/, '');
  return `${base === '' ? 'hart' : base}-sql`;
}

/** Docker wants an IP in port bindings; "localhost" is the loopback address. */
export function dockerHostIp(bindAddress: string): string {
  return bindAddress === 'localhost' ? '127.0.0.1' : bindAddress;
}

/** Where a client on this machine connects: a wildcard bind address is reached over loopback. */
export function clientHost(bindAddress: string): string {
  if (bindAddress === '0.0.0.0' || bindAddress === 'localhost') return '127.0.0.1';
  if (bindAddress === '::') return '::1';
  return bindAddress;
}

export function isLoopback(bindAddress: string): boolean {
  return bindAddress === 'localhost' || bindAddress === '::1' || /^127\./.test(bindAddress);
}

/** SQL Server 2025 renamed the free edition: Developer became EnterpriseDeveloper. */
export function mssqlPid(image: string): string {
  const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : '';
  return tag.startsWith('2025') ? 'EnterpriseDeveloper' : 'Developer';
}

export interface SpecOptions {
  /** The user's consent to the SQL Server EULA: ACCEPT_EULA=Y only then. */
  eulaAccepted: boolean;
}

export function sqlServerSpec(config: Config, options: SpecOptions): ContainerSpec {
  const env: Record<string, string> = {
    MSSQL_SA_PASSWORD: config.sql.saPassword,
    MSSQL_PID: mssqlPid(config.sql.image),
    MSSQL_MEMORY_LIMIT_MB: String(config.sql.memoryMb),
    MSSQL_COLLATION: config.sql.collation,
  };
  if (options.eulaAccepted) env.ACCEPT_EULA = 'Y';
  return {
    service: 'sqlserver',
    name: containerName(config.project, 'sqlserver'),
    project: config.project,
    image: config.sql.image,
    platform: 'linux/amd64',
    hostname: sqlHostname(config.project),
    env,
    ports: [{ container: 1433, host: config.sql.port, label: 'SQL Server' }],
    volume: { name: volumeName(config.project, 'sqlserver'), target: SQL_DATA_DIR },
    bindAddress: config.bindAddress,
    healthcheck: {
      // sqlcmd reads SQLCMDPASSWORD itself: the password never appears on a command line.
      test: ['CMD-SHELL', `SQLCMDPASSWORD="$MSSQL_SA_PASSWORD" ${SQLCMD} -C -S localhost -U sa -Q "SELECT 1" -b -o /dev/null`],
      intervalSeconds: 5,
      timeoutSeconds: 5,
      retries: 24,
      startPeriodSeconds: 10,
    },
  };
}

export function neo4jSpec(config: Config): ContainerSpec {
  const env: Record<string, string> = {
    // The image only knows the built-in user "neo4j"; HART_NEO4J_USER applies to external servers.
    NEO4J_AUTH: `neo4j/${config.neo4j.password}`,
    NEO4J_server_memory_heap_initial__size: config.neo4j.heap,
    NEO4J_server_memory_heap_max__size: config.neo4j.heap,
    NEO4J_server_memory_pagecache_size: config.neo4j.pagecache,
  };
  if (config.neo4j.apoc) env.NEO4J_PLUGINS = '["apoc"]';
  return {
    service: 'neo4j',
    name: containerName(config.project, 'neo4j'),
    project: config.project,
    image: config.neo4j.image,
    platform: undefined,
    hostname: undefined,
    env,
    ports: [
      { container: 7687, host: config.neo4j.boltPort, label: 'Bolt' },
      { container: 7474, host: config.neo4j.httpPort, label: 'HTTP' },
    ],
    volume: { name: volumeName(config.project, 'neo4j'), target: NEO4J_DATA_DIR },
    bindAddress: config.bindAddress,
    healthcheck: {
      test: ['CMD-SHELL', 'wget -q --spider http://localhost:7474 || exit 1'],
      intervalSeconds: 5,
      timeoutSeconds: 5,
      retries: 24,
      startPeriodSeconds: 10,
    },
  };
}

/** Everything that defines the container, hashed: equal hash = the running container is what we want. */
export function specHash(spec: ContainerSpec): string {
  const canonical = JSON.stringify({
    image: spec.image,
    platform: spec.platform ?? null,
    hostname: spec.hostname ?? null,
    env: Object.keys(spec.env)
      .sort()
      .map((k) => [k, spec.env[k]]),
    ports: spec.ports.map((p) => [p.container, p.host]),
    volume: spec.volume,
    bind: dockerHostIp(spec.bindAddress),
    healthcheck: spec.healthcheck,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function specLabels(spec: ContainerSpec): Record<string, string> {
  return { [LABEL_PROJECT]: spec.project, [LABEL_SERVICE]: spec.service, [LABEL_SPEC_HASH]: specHash(spec) };
}

const NANOS_PER_SECOND = 1_000_000_000;

/** The body of POST /containers/create. */
export function createBody(spec: ContainerSpec): Record<string, unknown> {
  const hostIp = dockerHostIp(spec.bindAddress);
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    exposed[`${p.container}/tcp`] = {};
    bindings[`${p.container}/tcp`] = [{ HostIp: hostIp, HostPort: String(p.host) }];
  }
  const body: Record<string, unknown> = {
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: specLabels(spec),
    ExposedPorts: exposed,
    Healthcheck: {
      Test: spec.healthcheck.test,
      Interval: spec.healthcheck.intervalSeconds * NANOS_PER_SECOND,
      Timeout: spec.healthcheck.timeoutSeconds * NANOS_PER_SECOND,
      Retries: spec.healthcheck.retries,
      StartPeriod: spec.healthcheck.startPeriodSeconds * NANOS_PER_SECOND,
    },
    HostConfig: {
      PortBindings: bindings,
      Mounts: [{ Type: 'volume', Source: spec.volume.name, Target: spec.volume.target }],
      RestartPolicy: { Name: 'no' },
    },
  };
  if (spec.hostname !== undefined) body.Hostname = spec.hostname;
  return body;
}
