// `status -o env`: the stack's connection settings in the .NET configuration convention (a double
// underscore for ":"), so the Hartonomous services' appsettings pick them up from the environment.
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import { MASK } from '../engine/redact.js';

/** A connection-string value: quoted when it contains what would end or confuse the pair. */
export function connectionStringValue(value: string): string {
  return /[;'"=]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function sqlConnectionString(endpoint: SqlEndpoint, showSecrets: boolean): string {
  const password = showSecrets ? connectionStringValue(endpoint.password) : MASK;
  const server = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return [
    `Server=${server},${endpoint.port}`,
    `Database=${connectionStringValue(endpoint.database)}`,
    `User Id=${connectionStringValue(endpoint.user)}`,
    `Password=${password}`,
    // The container's certificate is self-signed; an external server keeps the client's default check.
    ...(endpoint.external ? [] : ['TrustServerCertificate=True']),
  ].join(';');
}

/** The settings as [name, value]. */
export function dotnetVariables(sql: SqlEndpoint, neo4j: Neo4jEndpoint, showSecrets: boolean): [string, string][] {
  return [
    ['ConnectionStrings__Hartonomous', sqlConnectionString(sql, showSecrets)],
    ['Neo4j__Uri', neo4j.url],
    ['Neo4j__User', neo4j.user],
    ['Neo4j__Password', showSecrets ? neo4j.password : MASK],
  ];
}

/** A value in POSIX shell single quotes (a ' inside written as '\''): nothing in it is expanded. */
export function shellQuoted(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * `export NAME='value'` lines: `eval "$(hart-dev status -o env --show-secrets)"` sets them in the
 * shell whatever the passwords hold (spaces, ;, $, quotes); dotenv reads the same lines.
 */
export function shellExports(sql: SqlEndpoint, neo4j: Neo4jEndpoint, showSecrets: boolean): string[] {
  return dotnetVariables(sql, neo4j, showSecrets).map(([name, value]) => `export ${name}=${shellQuoted(value)}`);
}
