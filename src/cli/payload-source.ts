// Where `plan` and `check` take their scripts from: the PATHs given, or the configured sql/ folder.
import { relative, resolve, sep } from 'node:path';
import { loadConfig, missingPayloadFolder, type Config } from '../config/load.js';
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
