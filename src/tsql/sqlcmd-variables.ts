// The sqlcmd variables the configuration provides to payload scripts ($(DatabaseName), …). A script's
// own :setvar wins over these. Secrets are never offered as variables.
import type { Config } from '../config/load.js';

export function sqlcmdVariables(config: Pick<Config, 'project' | 'sql'>): Record<string, string> {
  return {
    DatabaseName: config.sql.database,
    ProjectName: config.project,
    Collation: config.sql.collation,
  };
}
