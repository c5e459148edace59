// The payload layout (sql/) → the scripts of each SQL phase, in deploy order.
//
//   sql/migrations/*.sql          run-once, in name order (phase "migration")
//   sql/broker/*.sql              anytime, in name order (phase "broker")
//   sql/programmability/**/*.sql  anytime, in the order computed from the catalog (phase "programmability")
//   sql/every-time/**/*.sql       every-time, in path order, after all programmability scripts and in
//                                 the same phase (PayloadPlan.programmability, kind "every-time"): they
//                                 run on every `up`, e.g. to refresh permissions after the modules exist
//   sql/clr/bindings.sql          the CLR bindings applied by clr-deploy (PayloadPlan.clrBindings)
//
// Name order is plain code-point order of the file names (EF migration ids sort by their timestamp).
// Script.path is relative to the payload folder with forward slashes (the journal's key); Batch.file
// and Diagnostic.file are relative to `root` (default: the payload folder).
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { ScriptAnalysis } from './analysis-types.js';
import { analyzeBatches, emptyAnalysis, type AnalysisOptions } from './analyze.js';
import { Catalog } from './catalog.js';
import { orderScripts } from './order.js';
import { readScriptSync } from './reader.js';
import type { Diagnostic, PayloadPlan, Script, ScriptKind } from './types.js';

export interface PayloadOptions {
  variables: Record<string, string>;
  /** Batch.file and Diagnostic.file are relative to it; default: the payload folder. */
  root?: string;
  /** Analyse for the deploy order only (`plan`), see AnalysisOptions. */
  orderOnly?: boolean;
}

const analyses = new WeakMap<Script, ScriptAnalysis>();
/** Analyses for the order only: never handed to a caller that asks for the full analysis. */
const orderOnlyAnalyses = new WeakMap<Script, ScriptAnalysis>();

/** The analysis of a script (computed once per Script object and options). */
export function analysisOf(script: Script, options: AnalysisOptions = {}): ScriptAnalysis {
  const full = analyses.get(script);
  if (full !== undefined) return full;
  const orderOnly = options.orderOnly === true;
  const cache = orderOnly ? orderOnlyAnalyses : analyses;
  let a = cache.get(script);
  if (a === undefined) {
    a = analyzeBatches(script.batches, emptyAnalysis(), { orderOnly });
    cache.set(script, a);
  }
  return a;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const slash = (p: string): string => p.split(sep).join('/');

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** .sql files under a folder (recursively or not), sorted by path. */
async function sqlFiles(dir: string, recursive: boolean): Promise<string[]> {
  if (!(await isDirectory(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive });
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.sql'))
    .map((e) => join(e.parentPath, e.name))
    .sort((a, b) => byCodePoint(slash(a), slash(b)));
}

function loadScript(file: string, pathBase: string, kind: ScriptKind, options: PayloadOptions, root: string, diagnostics: Diagnostic[]): Script {
  const read = readScriptSync(file, { variables: options.variables, root });
  diagnostics.push(...read.diagnostics);
  return { path: slash(relative(pathBase, file)), file: resolve(file), kind, hash: read.hash, batches: read.batches };
}

/** Loads files in order (see readScriptSync for why not in parallel); their diagnostics join `diagnostics`. */
function loadScripts(files: readonly string[], pathBase: string, kind: ScriptKind, options: PayloadOptions, root: string, diagnostics: Diagnostic[]): Script[] {
  return files.map((f) => loadScript(f, pathBase, kind, options, root, diagnostics));
}

/** True when a folder follows the payload layout. */
export async function isPayloadFolder(dir: string): Promise<boolean> {
  for (const sub of ['migrations', 'programmability', 'broker', 'every-time']) if (await isDirectory(join(dir, sub))) return true;
  return isFile(join(dir, 'clr', 'bindings.sql'));
}

interface Collected {
  migrations: Script[];
  broker: Script[];
  programmability: Script[];
  everyTime: Script[];
  clrBindings: Script[];
  diagnostics: Diagnostic[];
}

const emptyCollected = (): Collected => ({ migrations: [], broker: [], programmability: [], everyTime: [], clrBindings: [], diagnostics: [] });

async function collectPayload(sqlDir: string, options: PayloadOptions, into: Collected): Promise<void> {
  const dir = resolve(sqlDir);
  const root = options.root ?? dir;
  const load = (files: string[], kind: ScriptKind): Script[] => loadScripts(files, dir, kind, options, root, into.diagnostics);
  const byName = (files: string[]): string[] => files.sort((a, b) => byCodePoint(basename(a), basename(b)));
  into.migrations.push(...load(byName(await sqlFiles(join(dir, 'migrations'), false)), 'run-once'));
  into.broker.push(...load(byName(await sqlFiles(join(dir, 'broker'), false)), 'anytime'));
  into.programmability.push(...load(await sqlFiles(join(dir, 'programmability'), true), 'anytime'));
  into.everyTime.push(...load(await sqlFiles(join(dir, 'every-time'), true), 'every-time'));
  const bindings = join(dir, 'clr', 'bindings.sql');
  if (await isFile(bindings)) into.clrBindings.push(...load([bindings], 'anytime'));
}

function finish(c: Collected, options: PayloadOptions): PayloadPlan {
  const analysis: AnalysisOptions = { orderOnly: options.orderOnly === true };
  const all = [...c.clrBindings, ...c.migrations, ...c.broker, ...c.programmability, ...c.everyTime];
  const catalog = new Catalog(all.map((s) => ({ path: s.path, analysis: analysisOf(s, analysis) })));
  const inputs = c.programmability.map((s) => ({ path: s.path, analysis: analysisOf(s, analysis), script: s }));
  const { ordered, diagnostics } = orderScripts(inputs, catalog);
  return {
    migrations: c.migrations,
    broker: c.broker,
    programmability: [...ordered.map((o) => o.script), ...c.everyTime],
    clrBindings: c.clrBindings,
    diagnostics: [...c.diagnostics, ...diagnostics],
  };
}

/** The payload of a sql/ folder, every phase's scripts in deploy order. */
export async function loadPayloadPlan(sqlDir: string, options: PayloadOptions): Promise<PayloadPlan> {
  const c = emptyCollected();
  await collectPayload(sqlDir, options, c);
  return finish(c, options);
}

/**
 * `plan`/`check` over PATHs: a folder that follows the layout is a payload; any other folder or file
 * contributes every .sql file found as an anytime programmability script (Script.path relative to
 * `root`, default the working folder), ordered by the catalog with the rest.
 */
export async function loadPathsPlan(paths: readonly string[], options: PayloadOptions): Promise<PayloadPlan> {
  const c = emptyCollected();
  const root = resolve(options.root ?? process.cwd());
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = resolve(root, p);
    if (await isDirectory(abs)) {
      if (await isPayloadFolder(abs)) {
        await collectPayload(abs, { ...options, root }, c);
        continue;
      }
      const fresh = (await sqlFiles(abs, true)).filter((f) => !seen.has(f));
      for (const f of fresh) seen.add(f);
      c.programmability.push(...(loadScripts(fresh, root, 'anytime', options, root, c.diagnostics)));
    } else if (await isFile(abs)) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      c.programmability.push(...(loadScripts([abs], root, 'anytime', options, root, c.diagnostics)));
    } else {
      c.diagnostics.push({ file: slash(relative(root, abs)) || p, line: 1, col: 1, severity: 'error', rule: 'file-unreadable', message: `${p} does not exist`, hint: 'Give a .sql file or a folder of .sql files.' });
    }
  }
  return finish(c, options);
}
