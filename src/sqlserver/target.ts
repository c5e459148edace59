// `hart-dev seed --target CONNECTION`: a URL (sqlserver://user:password@host:port/database) or an
// ADO.NET connection string (Server=host,port;Database=…;User Id=…;Password=…).
import { UsageError } from '../engine/errors.js';
import type { SqlEndpoint } from './endpoint.js';

const EXAMPLE = 'sqlserver://user:password@myserver.database.windows.net:1433/Hartonomous';

export function parseTarget(text: string, options: { auth: 'sql' | 'entra'; defaultDatabase: string }): SqlEndpoint {
  const bad = (why: string): never => {
    throw new UsageError(`--target ${why}`, { hint: `Pass a URL like ${EXAMPLE} or Server=host,1433;Database=Hartonomous;User Id=…;Password=…` });
  };
  let endpoint: SqlEndpoint;
  if (/^(sqlserver|mssql):\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return bad('is not a valid URL');
    }
    endpoint = {
      host: url.hostname,
      port: url.port === '' ? 1433 : Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')) || options.defaultDatabase,
      external: true,
    };
  } else if (text.includes('=')) {
    const pairs = new Map<string, string>();
    for (const part of text.split(';')) {
      const i = part.indexOf('=');
      if (i > 0) pairs.set(part.slice(0, i).trim().toLowerCase().replace(/\s+/g, ' '), part.slice(i + 1).trim());
    }
    const server = (pairs.get('server') ?? pairs.get('data source') ?? pairs.get('address') ?? '').replace(/^tcp:/i, '');
    const [host = '', port] = server.split(',');
    endpoint = {
      host,
      port: port === undefined ? 1433 : Number(port),
      user: pairs.get('user id') ?? pairs.get('uid') ?? pairs.get('user') ?? '',
      password: pairs.get('password') ?? pairs.get('pwd') ?? '',
      database: pairs.get('database') ?? pairs.get('initial catalog') ?? options.defaultDatabase,
      external: true,
    };
  } else {
    return bad('is neither a sqlserver:// URL nor a connection string');
  }
  if (endpoint.host === '') bad('names no server');
  if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535) bad('has an invalid port');
  if (options.auth === 'sql' && (endpoint.user === '' || endpoint.password === '')) bad('needs a user and password (or use --auth entra)');
  return endpoint;
}
