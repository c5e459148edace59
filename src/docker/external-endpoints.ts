// HART_SQL_URL / HART_NEO4J_URL: an existing server instead of a container. The URL may carry the
// user, the password and (SQL Server) the database; what it leaves out comes from the configuration.
import type { Config } from '../config/load.js';
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import { clientHost, containerName, type ServiceName } from './service-specs.js';

/** sqlserver://user:password@host:port/database (or mssql://…; ?database=… also works). */
export function sqlEndpointFromUrl(url: string, config: Config): SqlEndpoint {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const path = decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
  const database = parsed.searchParams.get('database') ?? (path === '' ? config.sql.database : path);
  return {
    host: host === '' ? 'localhost' : host,
    port: parsed.port === '' ? 1433 : Number(parsed.port),
    user: parsed.username === '' ? 'sa' : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? config.sql.saPassword : decodeURIComponent(parsed.password),
    database,
    external: true,
  };
}

/** bolt://user:password@host:port: the endpoint's URL is given without the credentials. */
export function neo4jEndpointFromUrl(url: string, config: Config): Neo4jEndpoint {
  const parsed = new URL(url);
  const user = parsed.username === '' ? config.neo4j.user : decodeURIComponent(parsed.username);
  const password = parsed.password === '' ? config.neo4j.password : decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString().replace(/\/$/, ''), user, password, external: true };
}

export function sqlContainerEndpoint(config: Config): SqlEndpoint {
  return {
    host: clientHost(config.bindAddress),
    port: config.sql.port,
    user: 'sa',
    password: config.sql.saPassword,
    database: config.sql.database,
    external: false,
    container: containerName(config.project, 'sqlserver'),
  };
}

export function neo4jContainerEndpoint(config: Config): Neo4jEndpoint {
  const host = clientHost(config.bindAddress);
  return {
    url: `bolt://${host.includes(':') ? `[${host}]` : host}:${config.neo4j.boltPort}`,
    user: 'neo4j',
    password: config.neo4j.password,
    external: false,
    container: containerName(config.project, 'neo4j'),
  };
}

export function sqlEndpoint(config: Config): SqlEndpoint {
  return config.sql.url === undefined ? sqlContainerEndpoint(config) : sqlEndpointFromUrl(config.sql.url, config);
}

export function neo4jEndpoint(config: Config): Neo4jEndpoint {
  return config.neo4j.url === undefined ? neo4jContainerEndpoint(config) : neo4jEndpointFromUrl(config.neo4j.url, config);
}

/** The services the configuration runs as this project's containers (no HART_SQL_URL / HART_NEO4J_URL). */
export function localServices(config: Config): ServiceName[] {
  const services: ServiceName[] = [];
  if (config.sql.url === undefined) services.push('sqlserver');
  if (config.neo4j.url === undefined) services.push('neo4j');
  return services;
}
