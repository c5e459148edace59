// The payload as `watch` keeps it between rounds: every file's Script object (with the analysis and
// schema skeleton cached on it) stays until the file changes, so a round reads and parses only the
// files that changed, and checks them (and the scripts that depend on what they define) against the
// catalog and schema of the whole payload.
import { Catalog } from '../tsql/catalog.js';
import { checkPayload, scriptsOf } from '../tsql/check.js';
import { catalogAnalysisOf, loadPayloadPlan, type LoadedScript } from '../tsql/payload.js';
import type { Diagnostic, PayloadPlan, Script } from '../tsql/types.js';

export interface PayloadStateOptions {
  sqlDir: string;
  variables: Record<string, string>;
  collation?: string;
  database?: string;
}

/** What changed in the payload between two loads, by Script.path. */
export interface PayloadChange {
  /** New or changed scripts (their new Script objects). */
  changed: Script[];
  /** Scripts whose file is gone: the old Script objects (what they defined is in their analysis). */
  removed: Script[];
}

export interface CheckedChange extends PayloadChange {
  /** Scripts checked again because they reference what a changed or removed script defines. */
  dependents: Script[];
  /** Findings of the changed scripts and their dependents (and the payload's load findings about them). */
  diagnostics: Diagnostic[];
}

const allScripts = (plan: PayloadPlan): Script[] => scriptsOf(plan).map((s) => s.script);

export class PayloadState {
  private readonly cache = new Map<string, LoadedScript>();
  private current: PayloadPlan | undefined;
  private currentCatalog: Catalog | undefined;

  constructor(private readonly options: PayloadStateOptions) {}

  get plan(): PayloadPlan {
    if (this.current === undefined) throw new Error('the payload is not loaded yet');
    return this.current;
  }

  /** The catalog of the whole payload as loaded now (built once per load). */
  get catalog(): Catalog {
    this.currentCatalog ??= catalogOf(allScripts(this.plan));
    return this.currentCatalog;
  }

  /**
   * Loads the payload again: files listed in `changedFiles` (absolute paths) are read again, every
   * other file keeps its Script object. A file read again with the same content keeps its old one.
   */
  async reload(changedFiles: Iterable<string> = []): Promise<PayloadChange> {
    const before = this.current === undefined ? new Map<string, Script>() : new Map(allScripts(this.current).map((s) => [s.path, s]));
    // One thread: which thread loads a script must not change what its analysis holds. A file saved
    // without a change keeps its old Script (the cache compares the text it reads again).
    const last = this.current === undefined ? {} : { previous: this.current };
    const plan = await loadPayloadPlan(this.options.sqlDir, { variables: this.options.variables, cache: this.cache, stale: new Set(changedFiles), ...last });
    const files = new Set(allScripts(plan).map((s) => s.file));
    for (const file of this.cache.keys()) if (!files.has(file)) this.cache.delete(file);
    this.current = plan;
    this.currentCatalog = undefined;
    const after = allScripts(plan);
    const changed = after.filter((s) => before.get(s.path) !== s);
    const paths = new Set(after.map((s) => s.path));
    const removed = [...before.values()].filter((s) => !paths.has(s.path));
    return { changed, removed };
  }

  /** The whole payload's findings (the first check of a watch). */
  async checkAll(): Promise<Diagnostic[]> {
    return checkPayload(this.plan, this.checkOptions());
  }

  /** The findings of a change: its scripts and their dependents, against the whole payload. */
  async checkChange(change: PayloadChange): Promise<CheckedChange> {
    const plan = this.plan;
    const dependents = dependentsOf(plan, change, this.catalog);
    const own = new Set([...change.changed, ...dependents]);
    if (own.size === 0) return { ...change, dependents, diagnostics: [] };
    const paths = new Set([...own].map((s) => s.path));
    const subset: PayloadPlan = {
      migrations: plan.migrations.filter((s) => own.has(s)),
      broker: plan.broker.filter((s) => own.has(s)),
      programmability: plan.programmability.filter((s) => own.has(s)),
      clrBindings: plan.clrBindings.filter((s) => own.has(s)),
      // Diagnostic.file is relative to the payload folder, as Script.path is.
      diagnostics: plan.diagnostics.filter((d) => paths.has(d.file)),
    };
    const diagnostics = await checkPayload(subset, { ...this.checkOptions(), context: plan, catalog: this.catalog });
    return { ...change, dependents, diagnostics };
  }

  private checkOptions(): { keepSkeletons: true; collation?: string; database?: string } {
    const out: { keepSkeletons: true; collation?: string; database?: string } = { keepSkeletons: true };
    if (this.options.collation !== undefined) out.collation = this.options.collation;
    if (this.options.database !== undefined) out.database = this.options.database;
    return out;
  }
}

/** The definitions of scripts, by the catalog key the references resolve to. */
function definedKeys(scripts: readonly Script[]): Set<string> {
  const keys = new Set<string>();
  for (const s of scripts) for (const d of catalogAnalysisOf(s).definitions) keys.add(d.key);
  return keys;
}

/**
 * The scripts (other than the changed ones) whose references name an object a changed or removed
 * script defines: what they reference may have changed shape (columns, parameters) or be gone.
 */
export function dependentsOf(plan: PayloadPlan, change: PayloadChange, catalog: Catalog = catalogOf(allScripts(plan))): Script[] {
  const keys = definedKeys([...change.changed, ...change.removed]);
  if (keys.size === 0) return [];
  const changed = new Set(change.changed);
  const removedCatalog = change.removed.length === 0 ? undefined : catalogOf(change.removed);
  const hits = (targets: readonly { key: string }[]): boolean => targets.some((t) => keys.has(t.key));
  return allScripts(plan).filter((s) => {
    if (changed.has(s)) return false;
    for (const ref of catalogAnalysisOf(s).references) {
      if (hits(catalog.targets(ref)) || (removedCatalog !== undefined && hits(removedCatalog.targets(ref)))) return true;
    }
    return false;
  });
}

/** The catalog of scripts, in the order given. */
export function catalogOf(scripts: readonly Script[]): Catalog {
  return new Catalog(scripts.map((s) => ({ path: s.path, analysis: catalogAnalysisOf(s) })));
}
