// Where `plan` and `check` take their scripts from: the PATHs given, or the configured sql/ folder.
import { relative, resolve, sep } from 'node:path';
import { loadConfig, missingPayloadFolder, type Config } from '../config/load.js';
import { UsageError } from '../engine/errors.js';
import { loadSqlProject, type LoadedProject } from '../sqlproj/load-project.js';
import { loadPathsPlan, loadPayloadPlan } from '../tsql/payload.js';
import { sqlcmdVariables } from '../tsql/sqlcmd-variables.js';
import type { PayloadPlan } from '../tsql/types.js';
import type { CommandIo } from './io.js';

export interface PayloadSource {
  plan: PayloadPlan;
  /** The configured payload, when PATHs lie inside it: its definitions count for the checks. */
  context?: PayloadPlan;
  sqlDir: string;
  config: Config;
  /** The SSDT project read instead of a payload folder (a .sqlproj PATH, --project or HART_SQL_PROJECT). */
  project?: LoadedProject;
}

export interface PayloadSourceOptions {
  /** true for `plan`: the deploy order needs no reference positions, and no syntax trees are kept (see AnalysisOptions). */
  orderOnly?: boolean;
}

export async function loadPayloadSource(paths: string[], io: CommandIo, flags: Record<string, string | boolean | undefined>, options: PayloadSourceOptions = {}): Promise<PayloadSource> {
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags, persistGenerated: false });
  const variables = sqlcmdVariables(config);
  const sqlDir = config.paths.sqlDir;
  const root = io.cwd;
  const orderOnly = options.orderOnly === true;
  const projectPath = sqlProjectPath(paths, config);
  if (projectPath !== undefined) {
    const project = await loadSqlProject(projectPath, { cwd: root, env: io.env, base: variables, orderOnly, parallel: true });
    return { plan: project.plan, sqlDir, config, project };
  }
  // Without PATHs the configured folder is the payload: a folder that is not there would check as
  // "0 scripts, 0 errors", which says nothing is wrong when nothing was read.
  const missing = paths.length === 0 ? missingPayloadFolder(config) : undefined;
  if (missing !== undefined) throw missing;
  if (paths.length === 0) return { plan: await loadPayloadPlan(sqlDir, { variables, root, orderOnly, parallel: true }), sqlDir, config };
  const plan = await loadPathsPlan(paths, { variables, root, orderOnly, parallel: true });
  const inside = paths.every((p) => {
    const rel = relative(sqlDir, resolve(root, p));
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
  });
  if (!inside) return { plan, sqlDir, config };
  return { plan, context: await loadPayloadPlan(sqlDir, { variables, root, orderOnly, parallel: true }), sqlDir, config };
}

const isSqlProject = (path: string): boolean => /\.sqlproj$/i.test(path.trim());

/** The project to read: a .sqlproj given as the one PATH, else HART_SQL_PROJECT / --project when no PATH is given. */
function sqlProjectPath(paths: readonly string[], config: Config): string | undefined {
  const projects = paths.filter(isSqlProject);
  if (projects.length > 0) {
    if (paths.length > 1) {
      throw new UsageError(`A .sqlproj PATH stands alone: got ${paths.length} PATHs (${paths.join(', ')})`, {
        hint: 'Give the project file by itself (it names its own .sql files), or give .sql files and folders without it.',
      });
    }
    return projects[0];
  }
  return paths.length === 0 ? config.paths.sqlProject : undefined;
}
