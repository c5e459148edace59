// A .sqlproj file → its scripts as a payload plan (src/tsql/payload.ts loadProjectPlan): the model's
// files in deploy order between the pre- and post-deployment scripts, read with the project's sqlcmd
// variables. Files that a pre- or post-deployment script includes with :r are not model files
// (Microsoft.Build.Sql's RemoveSqlCmdIncludeFilesFromBuild target, microsoft/DacFx#103): the
// deployment script runs them.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { loadProjectPlan } from '../tsql/payload.js';
import { readScriptSync } from '../tsql/reader.js';
import type { Diagnostic, PayloadPlan } from '../tsql/types.js';
import { readSqlProject, type SqlProject } from './project-file.js';
import { projectVariables } from './variables.js';

export interface LoadedProject {
  project: SqlProject;
  plan: PayloadPlan;
  variables: Record<string, string>;
}

export interface LoadProjectOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The configuration's sqlcmd variables (sqlcmdVariables). */
  base: Record<string, string>;
  orderOnly?: boolean;
  parallel?: boolean;
}

/** Every file the deployment scripts pull in with :r (absolute). */
function deploymentIncludes(project: SqlProject, variables: Record<string, string>, root: string): Set<string> {
  const files = new Set<string>();
  for (const script of [...project.preDeploy, ...project.postDeploy]) {
    for (const batch of readScriptSync(script, { variables, root }).batches) {
      for (const at of [batch.file, ...(batch.lineMap ?? []).map((l) => l.file)]) files.add(isAbsolute(at) ? at : resolve(root, at));
    }
  }
  return files;
}

const shown = (file: string, cwd: string): string => relative(cwd, file).split(sep).join('/') || file;

function missingItems(project: SqlProject, cwd: string): Diagnostic[] {
  return project.missing.map((m) => ({
    file: shown(project.file, cwd),
    line: m.line,
    col: m.col,
    severity: 'error',
    rule: 'project-item-missing',
    message: `The ${m.item} item "${m.include}" names a file that does not exist`,
    hint: 'Fix the path (relative to the project folder, \\ or /) or remove the item: the SSDT build fails on it too.',
  }));
}

export async function loadSqlProject(path: string, options: LoadProjectOptions): Promise<LoadedProject> {
  const project = readSqlProject(path, options.cwd);
  const variables = projectVariables(project, { cwd: options.cwd, env: options.env, base: options.base });
  const root = resolve(options.cwd);
  const included = deploymentIncludes(project, variables, root);
  const objects = project.build.filter((f) => !included.has(f));
  const plan = await loadProjectPlan(
    { objects, preDeploy: project.preDeploy, postDeploy: project.postDeploy },
    { variables, root, orderOnly: options.orderOnly === true, parallel: options.parallel === true },
  );
  plan.diagnostics.unshift(...missingItems(project, options.cwd));
  return { project, plan, variables };
}
