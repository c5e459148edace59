// `plan` of an SSDT project: the project's settings, its pre-deployment scripts, every object of its
// model in deploy order with the objects it depends on, its post-deployment scripts. As text wrapped
// to the terminal, or one JSON object with --json. Variable values are not shown (a project may keep
// a password in one): only their names.
import { projectObjects, type ProjectObject } from '../sqlproj/project-objects.js';
import type { LoadedProject } from '../sqlproj/load-project.js';
import { terminalColumns, wrapLine } from '../ui/wrap.js';
import { formatDiagnostic } from './check.js';
import { writeLine, type CommandIo } from './io.js';

function projectInfo(loaded: LoadedProject, cwd: string): Record<string, unknown> {
  const p = loaded.project;
  const file = p.file.startsWith(`${cwd}/`) ? p.file.slice(cwd.length + 1) : p.file;
  return {
    file,
    name: p.name,
    style: p.style,
    ...(p.sdk === undefined ? {} : { sdk: p.sdk }),
    ...(p.defaultCollation === undefined ? {} : { defaultCollation: p.defaultCollation }),
    ...(p.defaultSchema === undefined ? {} : { defaultSchema: p.defaultSchema }),
    systemDatabases: p.systemDatabases,
    externalReferences: p.externalReferences,
    variables: p.variables.map((v) => v.name),
  };
}

function textLines(loaded: LoadedProject, objects: readonly ProjectObject[], pre: string[], post: string[], columns: number): string[] {
  const p = loaded.project;
  const facts = [p.style === 'sdk' ? `SDK-style (${p.sdk ?? 'SDK'})` : 'classic', ...(p.defaultCollation === undefined ? [] : [`DefaultCollation ${p.defaultCollation}`]), ...(p.systemDatabases.length === 0 ? [] : [`references ${p.systemDatabases.join(', ')}`])];
  const lines = [`SQL project ${p.name}: ${facts.join(', ')}`];
  const files = (title: string, list: string[]): void => {
    lines.push('', `${title}: ${list.length === 0 ? 'none' : list.length === 1 ? '1 script' : `${list.length} scripts`}`);
    for (const f of list) lines.push(...wrapLine(`  ${f}`, { width: columns, hang: 4 }));
  };
  files('pre-deploy', pre);
  lines.push('', `objects in deploy order: ${objects.length}`);
  const width = String(objects.length).length;
  objects.forEach((o, k) => {
    const head = `  ${String(k + 1).padStart(width)}  `;
    const after = o.dependencies.length === 0 ? '' : `  after ${o.dependencies.join(', ')}`;
    lines.push(...wrapLine(`${head}${o.kind} ${o.name}  ${o.file}:${o.line}${after}`, { width: columns, hang: head.length + 2 }));
  });
  files('post-deploy', post);
  return lines;
}

export function planProjectOutput(loaded: LoadedProject, json: boolean, io: CommandIo): number {
  const scripts = loaded.plan.programmability;
  const models = scripts.filter((s) => s.kind === 'run-once');
  const firstModel = scripts.findIndex((s) => s.kind === 'run-once');
  const deployFiles = (list: typeof scripts): string[] => list.filter((s) => s.kind !== 'run-once').map((s) => s.path);
  const pre = deployFiles(firstModel < 0 ? scripts.slice(0, loaded.project.preDeploy.length) : scripts.slice(0, firstModel));
  const post = deployFiles(scripts.slice(pre.length + models.length));
  const objects = projectObjects(scripts, models);
  if (json) {
    writeLine(io.stdout, JSON.stringify({ project: projectInfo(loaded, io.cwd), preDeploy: pre, objects, postDeploy: post }));
  } else {
    for (const line of textLines(loaded, objects, pre, post, terminalColumns(io.stdout))) writeLine(io.stdout, line);
  }
  for (const d of loaded.plan.diagnostics) for (const line of formatDiagnostic(d)) writeLine(io.stderr, line);
  return loaded.plan.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
