// The sqlcmd variables a project's scripts see: the configuration's (DatabaseName, … as for the kit,
// src/tsql/sqlcmd-variables.ts), then each SqlCmdVariable of the project with its value, which the
// environment, .env.local or .env override under the variable's own name (highest first, as for
// every setting). A variable with no value anywhere stays undefined: the script reader reports its
// first use, and the hint there says where to set it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import type { SqlProject } from './project-file.js';

function envFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parse(readFileSync(path));
  } catch {
    // An unreadable .env is reported by the configuration, which reads it first.
    return {};
  }
}

export interface ProjectVariableOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The configuration's variables (sqlcmdVariables): a project variable of the same name wins. */
  base: Record<string, string>;
}

export function projectVariables(project: Pick<SqlProject, 'variables'>, options: ProjectVariableOptions): Record<string, string> {
  const local = envFile(join(options.cwd, '.env.local'));
  const dotenv = envFile(join(options.cwd, '.env'));
  const out: Record<string, string> = { ...options.base };
  for (const v of project.variables) {
    const value = [options.env[v.name], local[v.name], dotenv[v.name], v.value].find((x) => x !== undefined && x !== '');
    if (value !== undefined) out[v.name] = value;
  }
  return out;
}
