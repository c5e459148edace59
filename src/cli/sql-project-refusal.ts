// up and reset deploy the kit's payload folder only: an SSDT project (HART_SQL_PROJECT, --project
// PATH.sqlproj) is read by check and plan so far. Refused before anything starts or is written.
import type { Config } from '../config/load.js';
import { UsageError } from '../engine/errors.js';

export function refuseSqlProject(config: Config, command: string): void {
  const project = config.paths.sqlProject;
  if (project === undefined) return;
  const from = config.sources.HART_SQL_PROJECT === 'flag' ? 'the --project flag' : `HART_SQL_PROJECT (${config.sources.HART_SQL_PROJECT ?? 'environment'})`;
  throw new UsageError(`${command} does not deploy an SSDT project yet: ${project} comes from ${from}`, {
    hint: `Run 'hart-dev check' or 'hart-dev plan' on the project for now; unset HART_SQL_PROJECT (or leave out --project) to ${command} the SQL payload folder (HART_SQL_DIR).`,
  });
}
