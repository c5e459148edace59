// What a `watch` round sends for a payload change, decided from the plan, the journal and what the
// change removed (pure: deploy-round.ts sends it).
//
// - Scripts of the broker and programmability phases whose text differs from what the journal
//   recorded, in deploy order (the journal decides, as `up` does: a change the server missed while it
//   was down is sent with the next round). Every-time scripts follow whenever anything is sent.
// - Modules that depend on a changed module and must be made again: a schema-bound one cannot stay
//   while what it references is altered (ALTER fails with Msg 3729), so it is dropped first and its
//   script runs again after; a view that is not schema-bound keeps the column list of its creation
//   (docs: sp_refreshview), so its script runs again after. Transitively.
// - A removed script's modules are dropped (unless another script defines them now); tables and other
//   objects stay and are named. Migrations are never applied: a changed one is named.
import type { Definition } from '../tsql/analysis-types.js';
import { Catalog } from '../tsql/catalog.js';
import { catalogAnalysisOf } from '../tsql/payload.js';
import type { PayloadPlan, Script } from '../tsql/types.js';
import type { PendingScript } from '../sqlserver/apply-scripts.js';
import { decideScript, type Journal } from '../sqlserver/journal.js';
import type { DroppableKind } from '../sqlserver/tsql-texts.js';

export interface ModuleDrop {
  kind: DroppableKind;
  parts: string[];
  name: string;
  /** A database DDL trigger (ON DATABASE). */
  databaseTrigger: boolean;
  why: 'schema-bound dependent' | 'script removed';
}

export interface RoundDeploy {
  /** Schema-bound dependents, dropped before anything is applied (dependents first). */
  dropFirst: ModuleDrop[];
  /** Scripts to run, in deploy order. */
  pending: PendingScript[];
  /** Modules of removed scripts, dropped after the scripts ran. */
  dropAfter: ModuleDrop[];
  /** Journal rows of removed scripts, deleted at the end. */
  forget: string[];
  /** Objects of removed scripts that are left in place (tables, types, broker objects …): "name (kind)". */
  leftInPlace: string[];
  /** Migrations whose text differs from the journal or that never ran: never applied by watch. */
  migrations: Script[];
}

const DROPPABLE: ReadonlySet<string> = new Set(['procedure', 'function', 'view', 'trigger']);

function moduleDrop(d: Definition, why: ModuleDrop['why']): ModuleDrop {
  return { kind: d.kind as DroppableKind, parts: d.parts, name: d.name, databaseTrigger: d.kind === 'trigger' && d.target === undefined, why };
}

export function roundDeploy(plan: PayloadPlan, journal: Journal, removed: readonly Script[], catalog?: Catalog): RoundDeploy {
  const deployable = [...plan.broker, ...plan.programmability.filter((s) => s.kind !== 'every-time')];
  const decisions = new Map(deployable.map((s) => [s, decideScript(s, journal.get(s.path), false)]));
  const changed = new Set(deployable.filter((s) => decisions.get(s)?.action === 'apply'));
  const migrations = plan.migrations.filter((s) => decideScript(s, journal.get(s.path), false).action !== 'skip');

  // Dependents to make again, found by what their modules reference (transitively through views).
  const scripts = [...plan.clrBindings, ...plan.migrations, ...deployable];
  const known = catalog ?? new Catalog(scripts.map((s) => ({ path: s.path, analysis: catalogAnalysisOf(s) })));
  const again = new Set<Script>();
  const dropFirst: ModuleDrop[] = [];
  let frontier = new Set([...changed].map((s) => s.path));
  while (frontier.size > 0) {
    const next = new Set<string>();
    for (const s of plan.programmability) {
      if (s.kind === 'every-time' || changed.has(s) || again.has(s)) continue;
      const a = catalogAnalysisOf(s);
      const bound = a.references.some((ref) => ref.module !== undefined && (ref.module.kind === 'view' || ref.module.schemaBound === true) && known.targets(ref).some((t) => frontier.has(t.script)));
      if (!bound) continue;
      again.add(s);
      next.add(s.path);
      for (const d of a.definitions) if (d.schemaBound === true && DROPPABLE.has(d.kind)) dropFirst.push(moduleDrop(d, 'schema-bound dependent'));
    }
    frontier = next;
  }

  const pending: PendingScript[] = [];
  for (const s of deployable) {
    const decision = decisions.get(s);
    if (decision?.action === 'apply') pending.push({ script: s, decision });
    else if (again.has(s)) pending.push({ script: s, decision: { action: 'apply', reason: 'dependent' } });
  }
  const everyTime = plan.programmability.filter((s) => s.kind === 'every-time');
  const dropAfter: ModuleDrop[] = [];
  const leftInPlace: string[] = [];
  for (const s of removed) {
    for (const d of catalogAnalysisOf(s).definitions) {
      if (known.byKey.has(d.key) || d.viaAlter === true || d.synthetic === true) continue;
      if (DROPPABLE.has(d.kind)) dropAfter.push(moduleDrop(d, 'script removed'));
      else leftInPlace.push(`${d.name} (${d.kind})`);
    }
  }
  const forget = removed.filter((s) => journal.get(s.path) !== undefined).map((s) => s.path);
  if (pending.length > 0 || dropAfter.length > 0) for (const s of everyTime) pending.push({ script: s, decision: { action: 'apply', reason: 'every-time' } });
  // Dependents before what they depend on: the reverse of the order they were found in.
  return { dropFirst: dropFirst.reverse(), pending, dropAfter: dropAfter.reverse(), forget, leftInPlace, migrations };
}

/** Nothing to send. */
export function isEmptyDeploy(d: RoundDeploy): boolean {
  return d.dropFirst.length === 0 && d.pending.length === 0 && d.dropAfter.length === 0 && d.forget.length === 0;
}
