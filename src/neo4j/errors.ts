// Neo4j failures a user can meet, each turned into a message that says what is wrong and what to do.
import { isConnectionRefused } from '../engine/connection-refused.js';
import { HartError } from '../engine/errors.js';
import type { Neo4jEndpoint } from './endpoint.js';

export const UNAUTHORIZED = 'Neo.ClientError.Security.Unauthorized';
export const RATE_LIMITED = 'Neo.ClientError.Security.AuthenticationRateLimit';
export const CREDENTIALS_EXPIRED = 'Neo.ClientError.Security.CredentialsExpired';

export function neo4jCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Neo4j's settings-name ↔ Docker environment mapping: '.' → '_', '_' → '__', prefix NEO4J_. */
export function neo4jEnvName(setting: string): string {
  return `NEO4J_${setting.replace(/_/g, '__').replace(/\./g, '_')}`;
}

/**
 * A server that stopped at startup because of its configuration, recognised from its log lines
 * (strict validation stops Neo4j on a misspelled or invalid setting).
 */
export function startupFailureFromLogs(lines: readonly string[]): HartError | undefined {
  for (const line of lines) {
    const unknown = /Unrecognized setting\. No declared setting with name: ([\w.]+?)\.?(?:\s|$)/.exec(line);
    if (unknown !== null) {
      const setting = unknown[1] ?? '';
      return new HartError(`Neo4j refuses to start: it does not know the setting "${setting}"`, {
        hint: `Fix or remove the setting (in a container: the ${neo4jEnvName(setting)} environment variable). Neo4j validates its configuration strictly; see the setting names in the Neo4j operations manual.`,
        details: [line.trim()],
        code: 'neo4j-config',
      });
    }
    const invalid = /Error evaluating value for setting '([\w.]+)'/.exec(line) ?? /Invalid value for setting '?([\w.]+)'?/.exec(line);
    if (invalid !== null) {
      const setting = invalid[1] ?? '';
      return new HartError(`Neo4j refuses to start: the value of "${setting}" is invalid`, {
        hint: `Correct the value (in a container: the ${neo4jEnvName(setting)} environment variable), e.g. sizes as 512m or 1g.`,
        details: [line.trim()],
        code: 'neo4j-config',
      });
    }
  }
  return undefined;
}

export function unauthorizedError(endpoint: Neo4jEndpoint, cause: unknown): HartError {
  const hint = endpoint.external
    ? `Check HART_NEO4J_USER and HART_NEO4J_PASSWORD for ${endpoint.url}.`
    : 'The Neo4j data volume keeps the password it was created with. Set HART_NEO4J_PASSWORD to that password, or remove the volume (hart-dev down --volumes) to start fresh.';
  return new HartError(`Neo4j at ${endpoint.url} rejects user "${endpoint.user}": wrong user name or password`, {
    hint,
    code: 'neo4j-unauthorized',
    cause,
  });
}

export function unreachableError(endpoint: Neo4jEndpoint, waitedMs: number, cause: unknown, logs: readonly string[] = []): HartError {
  const fromLogs = startupFailureFromLogs(logs);
  if (fromLogs !== undefined) return fromLogs;
  const where = endpoint.container === undefined ? endpoint.url : `${endpoint.url} (container ${endpoint.container})`;
  const hint = endpoint.external
    ? `Start that Neo4j, or check the host and port in HART_NEO4J_URL (use bolt:// when the port is forwarded or remapped).`
    : isConnectionRefused(cause)
      ? `Nothing listens there: see 'hart-dev status' and 'hart-dev logs neo4j'. The neo4j phase starts the container (leave it out of --skip).`
      : `Look at the container's log (docker logs ${endpoint.container ?? '<container>'}), or raise HART_READY_TIMEOUT if the machine is slow.`;
  return new HartError(`Can't reach Neo4j at ${where} after ${Math.round(waitedMs / 1000)} s: ${messageOf(cause)}`, {
    hint,
    details: logs.slice(-20),
    code: 'neo4j-unreachable',
    cause,
  });
}

/** Any other server error: the Neo4j code and message, and where the statement came from. */
export function queryError(what: string, error: unknown, location?: { file: string; line: number }): HartError {
  const code = neo4jCode(error);
  const options = {
    hint: code?.startsWith('Neo.ClientError.Statement') === true ? 'Fix the statement; the Neo4j message says what is wrong.' : 'Check the Neo4j log for details and run the command again.',
    code: 'neo4j-error',
    cause: error,
    ...(location === undefined ? {} : { location }),
  };
  return new HartError(`${what} failed${code === undefined ? '' : ` (${code})`}: ${messageOf(error)}`, options);
}
