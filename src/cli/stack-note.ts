// `reset` and `seed` with no stack running start it first, as `up` does: one line says so before the
// run, so a long first start is not a surprise. Best effort: when Docker cannot be asked, nothing is
// said here (preflight reports the engine).
import type { Config } from '../config/load.js';
import { neo4jEndpoint, sqlEndpoint } from '../docker/external-endpoints.js';
import type { ServiceState } from '../docker/project-inventory.js';
import type { ServiceName } from '../docker/service-specs.js';
import type { CommandIo } from './io.js';
import { writeLine } from './io.js';

/** The line to print, given the states of the project's local service containers; undefined when one runs. */
export function stackNote(command: string, project: string, local: readonly ServiceState[]): string | undefined {
  if (local.length === 0 || local.some((s) => s.state === 'running')) return undefined;
  return `No ${project} stack is running: ${command} starts it first, as 'hart-dev up' does, then goes on.`;
}

/** Prints the stack note on stderr when the run's service phases start containers and none of this project's runs. */
export async function printStackNote(io: CommandIo, config: Config, command: string, services: readonly ServiceName[]): Promise<void> {
  const external = { sqlserver: sqlEndpoint(config).external, neo4j: neo4jEndpoint(config).external };
  const local = services.filter((s) => !external[s]);
  if (local.length === 0) return;
  try {
    const [{ openDocker }, { projectStates }] = await Promise.all([import('../docker/connect.js'), import('../docker/project-inventory.js')]);
    const { docker } = await openDocker(io.env);
    const states = (await projectStates(docker, config.project)).filter((s) => local.includes(s.service));
    const line = stackNote(command, config.project, states);
    if (line !== undefined) writeLine(io.stderr, line);
  } catch {
    // Docker unreachable or not configured: preflight says so.
  }
}
