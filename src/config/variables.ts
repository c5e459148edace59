// Every configuration variable in one table: its name, flag, default and one-line description.
// .env.example, `--help` and validation are all driven from here (a test keeps .env.example in step).

export type VariableKind = 'string' | 'port' | 'int' | 'bool' | 'secret' | 'path' | 'url' | 'host';

export interface VariableSpec {
  name: string;
  /** Long flag without dashes, when a flag makes sense. */
  flag?: string;
  kind: VariableKind;
  /** Default as written in .env.example; undefined = unset (e.g. generated passwords). */
  default?: string;
  description: string;
}

export const VARIABLES = [
  { name: 'HART_PROJECT', flag: 'project', kind: 'string', default: 'hart', description: 'Project name: prefix of container and volume names, value of the dev.hart.project label' },
  { name: 'HART_BIND_ADDRESS', flag: 'bind-address', kind: 'host', default: '127.0.0.1', description: 'Host address the container ports bind to (keep it on loopback: sa must not be reachable from the LAN)' },
  { name: 'HART_SQL_IMAGE', flag: 'sql-image', kind: 'string', default: 'mcr.microsoft.com/mssql/server:2022-latest', description: 'SQL Server image (linux/amd64)' },
  { name: 'HART_SQL_PORT', flag: 'sql-port', kind: 'port', default: '1433', description: 'Host port of SQL Server' },
  { name: 'HART_SQL_DATABASE', flag: 'database', kind: 'string', default: 'Hartonomous', description: 'Database name' },
  { name: 'HART_SQL_SA_PASSWORD', kind: 'secret', description: 'sa password (8-128 chars, three of upper/lower/digit/symbol); generated and kept in .hart/secrets.env when unset' },
  { name: 'HART_SQL_URL', flag: 'sql-url', kind: 'url', description: 'Use an existing SQL Server instead of a container, e.g. sqlserver://sa@db.example:1433' },
  { name: 'HART_SQL_MEMORY_MB', flag: 'sql-memory', kind: 'int', default: '2048', description: 'MSSQL_MEMORY_LIMIT_MB of the SQL Server container' },
  { name: 'HART_SQL_COLLATION', flag: 'collation', kind: 'string', default: 'SQL_Latin1_General_CP1_CI_AS', description: 'Collation of the database' },
  { name: 'HART_SQL_BACKUP_DIR', flag: 'sql-backup-dir', kind: 'string', description: 'Folder on the SQL Server machine where `snapshot save` writes backups (the server must be able to write it); needed with HART_SQL_URL, the container uses /var/opt/mssql/backup/snapshots' },
  { name: 'HART_SQL_FILESTREAM', flag: 'filestream', kind: 'bool', default: 'false', description: 'Enable FILESTREAM on an external Windows SQL Server (HART_SQL_URL); not available on Linux or in the container' },
  { name: 'HART_ACCEPT_EULA', flag: 'accept-eula', kind: 'bool', default: '', description: 'Y to accept the SQL Server EULA (https://go.microsoft.com/fwlink/?linkid=857698); asked once when interactive' },
  { name: 'HART_NEO4J_IMAGE', flag: 'neo4j-image', kind: 'string', default: 'neo4j:5.26-community', description: 'Neo4j image (community)' },
  { name: 'HART_NEO4J_BOLT_PORT', flag: 'neo4j-bolt-port', kind: 'port', default: '7687', description: 'Host port of Neo4j Bolt' },
  { name: 'HART_NEO4J_HTTP_PORT', flag: 'neo4j-http-port', kind: 'port', default: '7474', description: 'Host port of Neo4j HTTP (browser)' },
  { name: 'HART_NEO4J_USER', flag: 'neo4j-user', kind: 'string', default: 'neo4j', description: 'Neo4j user' },
  { name: 'HART_NEO4J_PASSWORD', kind: 'secret', description: 'Neo4j password (8+ chars, no "/", not "neo4j"); generated and kept in .hart/secrets.env when unset' },
  { name: 'HART_NEO4J_URL', flag: 'neo4j-url', kind: 'url', description: 'Use an existing Neo4j instead of a container, e.g. bolt://localhost:7687' },
  { name: 'HART_NEO4J_HEAP', flag: 'neo4j-heap', kind: 'string', default: '1G', description: 'Java heap of the Neo4j container (server.memory.heap.max_size), e.g. 512M, 2G' },
  { name: 'HART_NEO4J_PAGECACHE', flag: 'neo4j-pagecache', kind: 'string', default: '512M', description: 'Page cache of the Neo4j container (server.memory.pagecache.size), e.g. 256M, 1G' },
  { name: 'HART_NEO4J_SIMILAR_K', flag: 'similar-k', kind: 'int', default: '5', description: 'SIMILAR_TO edges per atom in the Neo4j seed (each atom\'s k nearest neighbours by cosine); 0 for none' },
  { name: 'HART_NEO4J_APOC', flag: 'neo4j-apoc', kind: 'bool', default: 'false', description: 'Enable the APOC plugin in the Neo4j container' },
  { name: 'HART_READY_TIMEOUT', flag: 'ready-timeout', kind: 'int', default: '120', description: 'Seconds to wait for a service to accept logins' },
  { name: 'HART_SQL_DIR', flag: 'sql-dir', kind: 'path', default: 'sql', description: 'Folder of the SQL payload (migrations, programmability, broker, clr, neo4j)' },
  { name: 'HART_SQL_PROJECT', flag: 'sql-project', kind: 'path', description: 'An SSDT database project (.sqlproj) for check and plan instead of the SQL payload folder (also --project PATH.sqlproj)' },
  { name: 'HART_SEEDS_DIR', flag: 'seeds-dir', kind: 'path', default: 'seeds', description: 'Folder of the seed data and generator settings' },
  { name: 'HART_CLR_DLL', flag: 'clr-dll', kind: 'path', description: 'A prebuilt SQL CLR DLL (skips the build)' },
  { name: 'HART_CLR_PROJECT', flag: 'clr-project', kind: 'path', description: 'The SQL CLR csproj to build (default: the payload\'s)' },
] as const satisfies readonly VariableSpec[];

export type VariableName = (typeof VARIABLES)[number]['name'];

export const SECRET_VARIABLES: readonly VariableName[] = VARIABLES.filter((v) => v.kind === 'secret').map((v) => v.name);
