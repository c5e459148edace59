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
import type { Reference, ScriptAnalysis } from './analysis-types.js';
import type { ParsedBatch } from './parser/ast.js';
import { Catalog } from './catalog.js';
import { orderScripts } from './order.js';
import { AnalysisWorker, claimJob, type LoadJob, type Loaded, type OrderSummary } from './parallel.js';
import { parsedBatches } from './parsed.js';
import { readScriptSync } from './reader.js';
import { emptySummary, summarizeScript } from './summary.js';
import type { Diagnostic, PayloadPlan, Script, ScriptKind } from './types.js';

export interface PayloadOptions {
  variables: Record<string, string>;
  /** Batch.file and Diagnostic.file are relative to it; default: the payload folder. */
  root?: string;
  /** Summarise for the deploy order only (`plan`), see AnalysisOptions. */
  orderOnly?: boolean;
  /** Read and analyse a large payload on two threads (see parallel.ts): `plan` and `check` do. */
  parallel?: boolean;
  /**
   * Scripts loaded before, by absolute file path (`watch`): a file found here is not read again, and
   * every file read is put here. The caller deletes the files that changed before loading.
   */
  cache?: Map<string, LoadedScript>;
  /**
   * Files of the cache to read again (`watch`: the files that changed). One read with the same path,
   * kind and text as its cached script keeps the cached Script object (and what is cached on it).
   */
  stale?: ReadonlySet<string>;
  /**
   * The plan of the previous load (`watch`): its deploy order is kept when the programmability scripts
   * are the same files and none defines or orders by anything else than before.
   */
  previous?: PayloadPlan;
}

/** A file loaded as a script, with the reader's findings about it. */
export interface LoadedScript {
  script: Script;
  diagnostics: Diagnostic[];
}

const analyses = new WeakMap<Script, ScriptAnalysis>();
/** Analyses for the order only: never handed to a caller that asks for the full analysis. */
const orderOnlyAnalyses = new WeakMap<Script, ScriptAnalysis>();

/**
 * Scripts a worker read and summarised (see parallel.ts): the summary this thread orders and catalogs
 * by; for a check, the schema skeleton of their batches and, while the worker keeps the script (its
 * trees and analysis), the worker and the script's id there. Anything else asked of such a script
 * (its full analysis, its trees) is computed here.
 */
const remoteSummaries = new WeakMap<Script, ScriptAnalysis>();
/** A script a worker keeps for the check: the worker, the script's id there, and its batches' schema skeletons. */
interface RemoteHandle {
  worker: AnalysisWorker;
  id: number;
  skeleton: ParsedBatch[];
}
const remoteHandles = new WeakMap<Script, RemoteHandle>();
/** A script the worker keeps that nobody holds any more: the worker may drop it. */
const unreachable = new FinalizationRegistry<{ worker: AnalysisWorker; id: number }>((h) => h.worker.release([h.id]));

/** The worker that holds a script (its trees and analysis), while it is there to ask. */
export function remoteScript(script: Script): RemoteHandle | undefined {
  const r = remoteHandles.get(script);
  return r !== undefined && r.worker.open ? r : undefined;
}

/** After the check the worker ran: the scripts are no longer asked about there. */
export function releaseRemote(scripts: readonly Script[]): void {
  const byWorker = new Map<AnalysisWorker, number[]>();
  for (const s of scripts) {
    const r = remoteHandles.get(s);
    if (r === undefined) continue;
    remoteHandles.delete(s);
    unreachable.unregister(s);
    const ids = byWorker.get(r.worker);
    if (ids === undefined) byWorker.set(r.worker, [r.id]);
    else ids.push(r.id);
  }
  for (const [worker, ids] of byWorker) worker.release(ids);
}

/** What the catalog and the duplicate check read of a script (definitions, renames, drops): its analysis here, or a worker's summary. */
export function catalogAnalysisOf(script: Script): ScriptAnalysis {
  return analyses.get(script) ?? remoteSummaries.get(script) ?? analysisOf(script);
}

/** What the deploy order reads of a script: a worker's summary of it, or its order-only analysis here. */
export function orderAnalysisOf(script: Script): ScriptAnalysis {
  return analyses.get(script) ?? remoteSummaries.get(script) ?? analysisOf(script, { orderOnly: true });
}

/** A summary as an analysis (references without positions, as an order-only analysis has them). */
function summaryAnalysis(summary: OrderSummary): ScriptAnalysis {
  const references: Reference[] = summary.references.map((r) => {
    const ref: Reference = { kind: r.kind, parts: r.parts, locs: [], ordering: true };
    const module = summary.definitions[r.module];
    if (module !== undefined) ref.module = module;
    return ref;
  });
  return { ...emptySummary(), definitions: summary.definitions, references, renamedColumns: summary.renamedColumns, drops: summary.drops };
}

export interface AnalysisOptions {
  /** For the deploy order only (`plan`): no positions of references, and the trees are not kept for binding. */
  orderOnly?: boolean;
}

/**
 * The summary of a script (summary.ts), computed once per Script object and options from its syntax
 * trees; a full one keeps the trees for the front end (parsed.ts).
 */
export function analysisOf(script: Script, options: AnalysisOptions = {}): ScriptAnalysis {
  const full = analyses.get(script);
  if (full !== undefined) return full;
  const orderOnly = options.orderOnly === true;
  const cache = orderOnly ? orderOnlyAnalyses : analyses;
  let a = cache.get(script);
  if (a === undefined) {
    a = summarizeScript(script.batches, parsedBatches(script, !orderOnly), { orderOnly });
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

/** One file to load as a script of some phase (see LoadJob). */
export function loadScript(job: LoadJob, variables: Record<string, string>): { script: Script; diagnostics: Diagnostic[] } {
  const read = readScriptSync(job.file, { variables, root: job.root });
  return { script: { path: slash(relative(job.pathBase, job.file)), file: resolve(job.file), kind: job.kind, hash: read.hash, batches: read.batches }, diagnostics: read.diagnostics };
}

/** True when a folder follows the payload layout. */
export async function isPayloadFolder(dir: string): Promise<boolean> {
  for (const sub of ['migrations', 'programmability', 'broker', 'every-time']) if (await isDirectory(join(dir, sub))) return true;
  return isFile(join(dir, 'clr', 'bindings.sql'));
}

/** What a payload lists, in order: files to load (each joining a phase's list) and findings about paths. */
type Entry = { job: LoadJob; into: Script[] } | { diagnostic: Diagnostic };

interface Collected {
  migrations: Script[];
  broker: Script[];
  programmability: Script[];
  everyTime: Script[];
  clrBindings: Script[];
  entries: Entry[];
}

const emptyCollected = (): Collected => ({ migrations: [], broker: [], programmability: [], everyTime: [], clrBindings: [], entries: [] });

async function collectPayload(sqlDir: string, options: PayloadOptions, into: Collected): Promise<void> {
  const dir = resolve(sqlDir);
  const root = options.root ?? dir;
  const add = (files: string[], kind: ScriptKind, list: Script[]): void => {
    for (const file of files) into.entries.push({ job: { file, pathBase: dir, root, kind }, into: list });
  };
  const byName = (files: string[]): string[] => files.sort((a, b) => byCodePoint(basename(a), basename(b)));
  add(byName(await sqlFiles(join(dir, 'migrations'), false)), 'run-once', into.migrations);
  add(byName(await sqlFiles(join(dir, 'broker'), false)), 'anytime', into.broker);
  add(await sqlFiles(join(dir, 'programmability'), true), 'anytime', into.programmability);
  add(await sqlFiles(join(dir, 'every-time'), true), 'every-time', into.everyTime);
  const bindings = join(dir, 'clr', 'bindings.sql');
  if (await isFile(bindings)) add([bindings], 'anytime', into.clrBindings);
}

/**
 * Below this many files a second thread is not worth its messages, even a running one. A worker is
 * started only for a payload of WORKER_START_FILES files or more: a fresh one first loads and
 * compiles its code, and below that it costs more than it saves. Measured with `hart-dev check` in
 * fresh processes on the bench:tsql payloads: 250 files 0.53 s on one thread against 0.66 s with a
 * worker, 1,000 files about equal, 4,000 files 3.1 s against 2.5 s.
 */
const PARALLEL_MIN_FILES = 64;
const WORKER_START_FILES = 800;
/** Files this thread loads between two looks at the worker's messages. */
const YIELD_EVERY = 48;

/**
 * Loads every listed file into its phase's list, in order, and returns the diagnostics in the
 * order the entries list them. With `parallel` and more than a few files (see WORKER_START_FILES),
 * the process's analysis worker loads and analyses files too, each thread claiming the next file
 * when it is done with one (see parallel.ts); the result is the same as on one thread.
 */
async function loadEntries(c: Collected, options: PayloadOptions): Promise<Diagnostic[]> {
  const cache = options.cache;
  const stale = options.stale;
  const allJobs = c.entries.flatMap((e) => ('job' in e ? [e.job] : []));
  const results = allJobs.map((job) => (stale?.has(job.file) === true ? undefined : cache?.get(job.file)));
  // Only the files not in the cache are read (their results go back into the slots of allJobs).
  const slots = allJobs.flatMap((job, k) => (results[k] === undefined ? [k] : []));
  const jobs = slots.map((k) => allJobs[k] as LoadJob);
  const loadedAt = (k: number, loaded: LoadedScript): void => {
    const slot = slots[k] as number;
    const file = allJobs[slot]?.file as string;
    const old = cache?.get(file);
    const same = old !== undefined && old.script.hash === loaded.script.hash && old.script.kind === loaded.script.kind && old.script.path === loaded.script.path;
    const kept = same ? old : loaded;
    results[slot] = kept;
    cache?.set(file, kept);
  };
  const orderOnly = options.orderOnly === true;
  const worker = options.parallel !== true || jobs.length < PARALLEL_MIN_FILES ? undefined : jobs.length >= WORKER_START_FILES ? AnalysisWorker.get() : AnalysisWorker.running();
  if (worker === undefined) {
    for (let k = 0; k < jobs.length; k++) loadedAt(k, loadScript(jobs[k] as LoadJob, options.variables));
  } else {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const delivered = (loaded: Loaded[]): void => {
      for (const r of loaded) {
        loadedAt(r.index, { script: r.script, diagnostics: r.diagnostics });
        remoteSummaries.set(r.script, summaryAnalysis(r.summary));
        if (r.id >= 0 && r.skeleton !== undefined) {
          remoteHandles.set(r.script, { worker, id: r.id, skeleton: r.skeleton });
          unreachable.register(r.script, { worker, id: r.id }, r.script);
        }
      }
    };
    const remote = worker.load(jobs, next, options.variables, orderOnly, delivered);
    let mine = 0;
    for (let k = claimJob(next); k < jobs.length; k = claimJob(next)) {
      const loaded = loadScript(jobs[k] as LoadJob, options.variables);
      analysisOf(loaded.script, { orderOnly });
      loadedAt(k, loaded);
      // Now and then, let in what the worker sent so far (see AnalysisWorker.load).
      if (++mine % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // When this thread took every file (the worker was still starting), nothing is waited for.
    if (mine < jobs.length) {
      try {
        await remote;
      } catch {
        // The worker failed: what it did not deliver is loaded here (below).
      }
    } else remote.catch(() => undefined);
    for (let k = 0; k < jobs.length; k++) if (results[slots[k] as number] === undefined) loadedAt(k, loadScript(jobs[k] as LoadJob, options.variables));
  }
  const diagnostics: Diagnostic[] = [];
  let k = 0;
  for (const e of c.entries) {
    if ('diagnostic' in e) {
      diagnostics.push(e.diagnostic);
      continue;
    }
    const r = results[k++] as { script: Script; diagnostics: Diagnostic[] };
    e.into.push(r.script);
    diagnostics.push(...r.diagnostics);
  }
  return diagnostics;
}

/** What a script's place in the deploy order depends on: its definitions and ordering references. */
function orderingSignature(a: ScriptAnalysis): string {
  const defs = a.definitions.map((d) => `${d.kind}:${d.key}`);
  const refs = a.references.filter((r) => r.ordering).map((r) => `${r.kind}:${r.parts.join('.')}`);
  return `${defs.join('\u0001')}\u0002${refs.join('\u0001')}`;
}

/** The previous load's order for these scripts, when nothing it was computed from changed. */
function keptOrder(scripts: readonly Script[], previous: PayloadPlan | undefined, forOrder: (s: Script) => ScriptAnalysis): { ordered: Script[]; diagnostics: Diagnostic[] } | undefined {
  if (previous === undefined) return undefined;
  const before = new Map(previous.programmability.filter((s) => s.kind !== 'every-time').map((s) => [s.path, s]));
  if (before.size !== scripts.length) return undefined;
  const byPath = new Map<string, Script>();
  for (const s of scripts) {
    const old = before.get(s.path);
    if (old === undefined || (old !== s && orderingSignature(forOrder(old)) !== orderingSignature(forOrder(s)))) return undefined;
    byPath.set(s.path, s);
  }
  const ordered = [...before.keys()].map((path) => byPath.get(path) as Script);
  return { ordered, diagnostics: previous.diagnostics.filter((d) => d.rule === 'dependency-cycle') };
}

function finish(c: Collected, loadDiagnostics: Diagnostic[], options: PayloadOptions): PayloadPlan {
  const orderOnly = options.orderOnly === true;
  // What the order needs: a script analysed by the worker is represented by its summary here.
  const forOrder = (s: Script): ScriptAnalysis => remoteSummaries.get(s) ?? analysisOf(s, { orderOnly });
  let order = keptOrder(c.programmability, options.previous, forOrder);
  if (order === undefined) {
    const all = [...c.clrBindings, ...c.migrations, ...c.broker, ...c.programmability, ...c.everyTime];
    const catalog = new Catalog(all.map((s) => ({ path: s.path, analysis: forOrder(s) })));
    const inputs = c.programmability.map((s) => ({ path: s.path, analysis: forOrder(s), script: s }));
    const computed = orderScripts(inputs, catalog);
    order = { ordered: computed.ordered.map((o) => o.script), diagnostics: computed.diagnostics };
  }
  return {
    migrations: c.migrations,
    broker: c.broker,
    programmability: [...order.ordered, ...c.everyTime],
    clrBindings: c.clrBindings,
    diagnostics: [...loadDiagnostics, ...order.diagnostics],
  };
}

/** The payload of a sql/ folder, every phase's scripts in deploy order. */
export async function loadPayloadPlan(sqlDir: string, options: PayloadOptions): Promise<PayloadPlan> {
  const c = emptyCollected();
  await collectPayload(sqlDir, options, c);
  return finish(c, await loadEntries(c, options), options);
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
      for (const file of fresh) c.entries.push({ job: { file, pathBase: root, root, kind: 'anytime' }, into: c.programmability });
    } else if (await isFile(abs)) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      c.entries.push({ job: { file: abs, pathBase: root, root, kind: 'anytime' }, into: c.programmability });
    } else {
      c.entries.push({ diagnostic: { file: slash(relative(root, abs)) || p, line: 1, col: 1, severity: 'error', rule: 'file-unreadable', message: `${p} does not exist`, hint: 'Give a .sql file or a folder of .sql files.' } });
    }
  }
  return finish(c, await loadEntries(c, options), options);
}

/** The files of an SSDT project (src/sqlproj): its model's files, and the scripts run before and after them. */
export interface ProjectFiles {
  objects: readonly string[];
  preDeploy: readonly string[];
  postDeploy: readonly string[];
}

/**
 * An SSDT project's scripts as one programmability list: the pre-deployment scripts, the model's
 * files in the catalog's order, the post-deployment scripts. Each model file states its objects with
 * a plain CREATE, once (kind run-once: no re-runnability finding); the pre- and post-deployment
 * scripts run on every deployment (kind every-time). Script.path is relative to `root`.
 */
export async function loadProjectPlan(files: ProjectFiles, options: PayloadOptions): Promise<PayloadPlan> {
  const c = emptyCollected();
  const root = resolve(options.root ?? process.cwd());
  const deploy: Script[] = [];
  for (const file of files.preDeploy) c.entries.push({ job: { file, pathBase: root, root, kind: 'every-time' }, into: deploy });
  for (const file of files.objects) c.entries.push({ job: { file, pathBase: root, root, kind: 'run-once' }, into: c.programmability });
  for (const file of files.postDeploy) c.entries.push({ job: { file, pathBase: root, root, kind: 'every-time' }, into: deploy });
  const loaded = await loadEntries(c, options);
  c.everyTime.push(...deploy);
  const plan = finish(c, loaded, options);
  const objects = plan.programmability.slice(0, plan.programmability.length - deploy.length);
  return { ...plan, programmability: [...deploy.slice(0, files.preDeploy.length), ...objects, ...deploy.slice(files.preDeploy.length)] };
}
