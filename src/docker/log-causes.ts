// Known reasons a container does not come up, recognised from its last log lines, each with what
// the user can do about it. The texts are those SQL Server and Neo4j print (see the comments).
import type { ServiceName } from './service-specs.js';

export interface KnownCause {
  code: string;
  /** Present tense: what is wrong. */
  message: string;
  /** What to do next. */
  hint: string;
}

interface Rule {
  service: ServiceName | 'any';
  pattern: RegExp;
  cause: (project: string) => KnownCause;
}

export function oldPasswordCause(project: string, service: ServiceName): KnownCause {
  const volume = `${project}-${service === 'sqlserver' ? 'mssql' : 'neo4j'}`;
  const variable = service === 'sqlserver' ? 'HART_SQL_SA_PASSWORD' : 'HART_NEO4J_PASSWORD';
  const server = service === 'sqlserver' ? 'SQL Server' : 'Neo4j';
  return {
    code: `${service}-old-password`,
    message: `${server} refuses the configured password: the volume ${volume} was initialised with another password, and an existing volume keeps it`,
    hint: `Either set ${variable} to the password the volume was created with, or start from an empty volume with 'hart-dev down --volumes' (this deletes the data in it).`,
  };
}

const RULES: Rule[] = [
  {
    // "ERROR: Unable to set system administrator password: Password validation failed. The password
    // does not meet SQL Server password policy requirements because it is not complex enough."
    service: 'sqlserver',
    pattern: /Unable to set system administrator password|password policy requirements|Password validation failed/i,
    cause: () => ({
      code: 'sqlserver-password-policy',
      message: 'SQL Server rejects the sa password: it does not meet the password policy',
      hint: 'Set HART_SQL_SA_PASSWORD to 8-128 characters from three of: upper case, lower case, digits, symbols (or unset it to have one generated).',
    }),
  },
  {
    // "The SQL Server End-User License Agreement (EULA) must be accepted before SQL Server can start."
    service: 'sqlserver',
    pattern: /End-User License Agreement|EULA\) must be accepted|ACCEPT_EULA/i,
    cause: () => ({
      code: 'sqlserver-eula',
      message: 'SQL Server stops because its license agreement (EULA) was not accepted',
      hint: 'Accept it with HART_ACCEPT_EULA=Y (read it at https://go.microsoft.com/fwlink/?linkid=857698), or answer yes when asked in a terminal.',
    }),
  },
  {
    // "sqlservr: This program requires a machine with at least 2000 megabytes of memory."
    service: 'sqlserver',
    pattern: /requires a machine with at least \d+ megabytes of memory/i,
    cause: () => ({
      code: 'sqlserver-memory',
      message: 'SQL Server stops because the Docker engine has too little memory (it needs at least 2 GB)',
      hint: 'Give the Docker VM more memory (Docker Desktop: Settings → Resources; Colima: colima start --memory 4), then run the command again.',
    }),
  },
  {
    // Neo4j's strict configuration validation: "Unrecognized setting. No declared setting with name: …"
    service: 'neo4j',
    pattern: /Unrecognized setting|No declared setting with name/i,
    cause: () => ({
      code: 'neo4j-config',
      message: 'Neo4j stops at an unknown setting (its configuration validation is strict)',
      hint: 'Check the NEO4J_* settings in the log lines below; a misspelled one stops the server.',
    }),
  },
  {
    service: 'neo4j',
    pattern: /OutOfMemoryError|Invalid maximum heap size|Could not reserve enough space for object heap/i,
    cause: () => ({
      code: 'neo4j-memory',
      message: 'Neo4j stops because it cannot get the memory it is configured for',
      hint: 'Lower HART_NEO4J_HEAP / HART_NEO4J_PAGECACHE, or give the Docker VM more memory.',
    }),
  },
  {
    // SQL Server writes failed logins to its error log (the container's output):
    // "Login failed for user 'sa'. Reason: Password did not match that for the login provided."
    service: 'sqlserver',
    pattern: /Password did not match that for the login provided/i,
    cause: (project) => oldPasswordCause(project, 'sqlserver'),
  },
];

/** The first known cause in the log lines (latest lines win: a later cause is the more relevant one). */
export function recogniseCause(service: ServiceName, project: string, lines: readonly string[]): KnownCause | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    const rule = RULES.find((r) => (r.service === service || r.service === 'any') && r.pattern.test(line));
    if (rule !== undefined) return rule.cause(project);
  }
  return undefined;
}

/** The container was killed for using more memory than it may (inspect State.OOMKilled). */
export function oomCause(service: ServiceName): KnownCause {
  return {
    code: `${service}-memory`,
    message: `The ${service === 'sqlserver' ? 'SQL Server' : 'Neo4j'} container was killed for running out of memory`,
    hint: 'Give the Docker VM more memory (SQL Server needs at least 2 GB), then run the command again.',
  };
}
