// Static checks of a payload: every finding as file:line:col, severity, rule, message and hint.
//
// Rules: syntax and binding (the T-SQL front end, front-end.ts: SQL Server's message number in `code`),
// not-modelled (a note), duplicate-definition, ddl-in-module, missing-reference, missing-principal,
// not-rerunnable, module-not-first, go-in-body, go-semicolon, go-trailing-text,
// go-count, sqlcmd-undefined-variable, sqlcmd-include-cycle, sqlcmd-include-missing, sqlcmd-syntax,
// sqlcmd-unsupported, unterminated, dependency-cycle, file-unreadable.
// Callers add their own findings (e.g. the CLR bindings against the built DLL) through
// `extraDiagnostics` or `providers`, which receive the loaded plan and its catalog.
import type { ScriptAnalysis } from './analysis-types.js';
import { Catalog } from './catalog.js';
import { isCaseSensitiveCollation, parseScript, payloadSchema, schemaInput, scriptFrontEnd } from './front-end.js';
import { keyOf } from './names.js';
import { rememberSkeleton, skeletonOf } from './skeletons.js';
import type { AnalysisWorker, CatalogEntry, CheckPhase } from './parallel.js';
import { analysisOf, catalogAnalysisOf, releaseRemote, remoteScript } from './payload.js';
import type { Diagnostic, PayloadPlan, Script } from './types.js';

export type { CheckPhase };

export interface CheckContext {
  plan: PayloadPlan;
  catalog: Catalog;
  /** Every script of the plan with its phase. */
  scripts: { script: Script; phase: PhasedScript['phase'] }[];
}

export type DiagnosticProvider = (context: CheckContext) => Diagnostic[] | Promise<Diagnostic[]>;

export interface CheckOptions {
  extraDiagnostics?: readonly Diagnostic[];
  providers?: readonly DiagnosticProvider[];
  /** Scripts whose definitions count (e.g. the rest of the payload) but whose own findings are not reported. */
  context?: PayloadPlan;
  /** The database collation (HART_SQL_COLLATION): names compare case-sensitively under _CS_ and binary ones. */
  collation?: string;
  /** The payload's database (HART_SQL_DATABASE): a script's USE of it is no other database. */
  database?: string;
  /**
   * Keep every script's schema skeleton (skeletons.ts) for the next check of the same Script objects,
   * and build the context scripts' part of the schema from their kept skeletons (`watch`).
   */
  keepSkeletons?: boolean;
  /** The catalog of the context and the plan together, when the caller keeps one (`watch`): not built again. */
  catalog?: Catalog;
}

interface PhasedScript {
  script: Script;
  phase: CheckPhase;
}

export function scriptsOf(plan: PayloadPlan): PhasedScript[] {
  return [
    ...plan.clrBindings.map((script) => ({ script, phase: 'clr-deploy' as const })),
    ...plan.migrations.map((script) => ({ script, phase: 'migration' as const })),
    ...plan.broker.map((script) => ({ script, phase: 'broker' as const })),
    ...plan.programmability.map((script) => ({ script, phase: 'programmability' as const })),
  ];
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list
    .filter((d) => {
      const key = `${d.file}\u0000${d.line}\u0000${d.col}\u0000${d.rule}\u0000${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
}

export async function checkPayload(plan: PayloadPlan, options: CheckOptions = {}): Promise<Diagnostic[]> {
  const scripts = scriptsOf(plan);
  const own = new Set(scripts.map((s) => s.script.file));
  const contextScripts = options.context === undefined ? [] : scriptsOf(options.context).filter((s) => !own.has(s.script.file));
  const cataloged = [...contextScripts, ...scripts];
  const catalog = options.catalog ?? new Catalog(cataloged.map((s) => ({ path: s.script.path, analysis: catalogAnalysisOf(s.script) })));
  const out: Diagnostic[] = [...plan.diagnostics];
  const push = (loc: { file: string; line: number; col: number }, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error'): void => {
    out.push({ file: loc.file, line: loc.line, col: loc.col, severity, rule, message, hint });
  };

  const caseSensitive = isCaseSensitiveCollation(options.collation);
  // The schema every script defines: from the trees kept here, or a worker's skeleton of its scripts.
  const keep = options.keepSkeletons === true;
  const local = cataloged.map(({ script }, k) => (remoteScript(script) !== undefined || (keep && k < contextScripts.length) ? undefined : parseScript(script)));
  const schema = payloadSchema(
    cataloged.map(({ script }, k) => {
      const parsed = local[k]?.parsed;
      if (!keep) return schemaInput(script, parsed ?? remoteScript(script)?.skeleton ?? []);
      const remote = remoteScript(script)?.skeleton;
      if (parsed !== undefined || remote !== undefined) rememberSkeleton(script, parsed ?? remote ?? []);
      return schemaInput(script, skeletonOf(script));
    }),
    caseSensitive,
    options.database,
  );

  // A worker's scripts are checked there, at the same time as the rest here (parallel.ts).
  const checks = new Array<Diagnostic[] | undefined>(scripts.length);
  const frontEnds = new Array<Diagnostic[] | undefined>(cataloged.length);
  const remote = new Map<AnalysisWorker, { index: number; id: number; phase: CheckPhase }[]>();
  scripts.forEach(({ script, phase }, index) => {
    const r = remoteScript(script);
    if (r === undefined) return;
    const list = remote.get(r.worker) ?? [];
    list.push({ index, id: r.id, phase });
    remote.set(r.worker, list);
  });
  const remoteChecks = [...remote].map(async ([worker, list]) => {
    const entries: CatalogEntry[] = cataloged.map(({ script }) => {
      const r = remoteScript(script);
      if (r !== undefined && r.worker === worker) return { id: r.id };
      const a = catalogAnalysisOf(script);
      return { path: script.path, definitions: a.definitions, renamedColumns: a.renamedColumns };
    });
    try {
      const found = await worker.check({ catalog: entries, schema, caseSensitive, scripts: list.map(({ id, phase }) => ({ id, phase })) });
      list.forEach(({ index }, k) => {
        checks[index] = found[k]?.checks;
        frontEnds[contextScripts.length + index] = found[k]?.frontEnd;
      });
    } catch {
      // Checked here instead (below).
    }
  });
  for (let k = 0; k < cataloged.length; k++) {
    const parsed = local[k];
    // Each script's trees are let go once it is bound.
    local[k] = undefined;
    if (parsed === undefined || k < contextScripts.length) continue;
    const { script, phase } = cataloged[k] as PhasedScript;
    checks[k - contextScripts.length] = checkScript(script, phase, analysisOf(script), catalog);
    frontEnds[k] = scriptFrontEnd(parsed, schema, caseSensitive);
  }
  await Promise.all(remoteChecks);
  releaseRemote(cataloged.map((s) => s.script));
  scripts.forEach(({ script, phase }, k) => out.push(...(checks[k] ?? checkScript(script, phase, analysisOf(script), catalog))));
  checkDuplicates(cataloged.map((s) => ({ script: s.script, own: own.has(s.script.file) })), push);
  const frontEnd: Diagnostic[] = [];
  for (let k = contextScripts.length; k < cataloged.length; k++) {
    // A worker that failed: its scripts are parsed and bound here.
    frontEnd.push(...(frontEnds[k] ?? scriptFrontEnd(parseScript((cataloged[k] as PhasedScript).script), schema, caseSensitive)));
  }
  out.splice(0, out.length, ...mergeFrontEnd(out, frontEnd));

  out.push(...(options.extraDiagnostics ?? []));
  const context: CheckContext = { plan, catalog, scripts };
  for (const provider of options.providers ?? []) out.push(...(await provider(context)));
  return sortDiagnostics(out);
}

/**
 * The payload rules (summary.ts) that the binder also reports, with SQL Server's message number: where both
 * find the same spot, the front end's finding stays (with the older rule's more specific hint).
 */
const SUPERSEDED: Record<string, true> = { 'module-not-first': true, 'duplicate-definition': true };

function mergeFrontEnd(older: readonly Diagnostic[], frontEnd: readonly Diagnostic[]): Diagnostic[] {
  const at = (d: Diagnostic): string => `${d.file}\u0000${d.line}\u0000${d.col}`;
  const byPlace = new Map<string, Diagnostic>();
  for (const d of frontEnd) if (d.severity !== 'note' && !byPlace.has(at(d))) byPlace.set(at(d), d);
  const kept: Diagnostic[] = [];
  for (const d of older) {
    const same = SUPERSEDED[d.rule] === true ? byPlace.get(at(d)) : undefined;
    if (same === undefined) kept.push(d);
    else if (d.hint !== undefined) same.hint = d.hint;
  }
  return [...kept, ...frontEnd];
}

/** The checks of one script against the catalog: its own findings, references, principals, re-runnability. */
export function checkScript(script: Script, phase: CheckPhase, a: ScriptAnalysis, catalog: Catalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push: Push = (loc, rule, message, hint, severity = 'error') => {
    out.push({ file: loc.file, line: loc.line, col: loc.col, severity, rule, message, hint });
  };
  for (const f of a.findings) push(f.loc, f.rule, f.message, f.hint, f.severity);
  checkReferences(a, catalog, push);
  for (const p of a.principals) {
    if (!catalog.hasPrincipal(p.name)) {
      push(p.loc, 'missing-principal', `${p.context} names the user or role "${p.name}", which no script creates`, `Create it first (CREATE USER [${p.name}] WITHOUT LOGIN or CREATE ROLE [${p.name}]) or fix the name.`);
    }
  }
  if (phase === 'broker' || (phase === 'programmability' && script.kind !== 'run-once')) checkRerunnable(script, a, push);
  return out;
}

type Push = (loc: { file: string; line: number; col: number }, rule: string, message: string, hint: string, severity?: 'error' | 'warning') => void;

const KIND_WORDS: Record<string, string> = {
  object: 'table or view', procedure: 'procedure', function: 'function', type: 'type', sequence: 'sequence', schema: 'schema',
  'message-type': 'message type', contract: 'contract', service: 'service', queue: 'queue',
};

function checkReferences(a: ScriptAnalysis, catalog: Catalog, push: Push): void {
  for (const ref of a.references) {
    if (catalog.resolve(ref) !== 'missing') continue;
    const name = ref.parts.length === 1 && ref.kind !== 'schema' && ref.kind !== 'message-type' && ref.kind !== 'contract' && ref.kind !== 'service' ? `dbo.${ref.parts[0] ?? ''}` : ref.parts.join('.');
    const who = ref.module === undefined ? 'This statement' : ref.module.name;
    const what = KIND_WORDS[ref.kind] ?? ref.kind;
    const message = `${who} references the ${what} ${name}, which no script defines`;
    const hint = ref.kind === 'object' ? 'Define it (tables belong in the migration) or fix the name; SQL Server would accept the module and fail only when it runs.' : 'Define it in the payload or fix the name.';
    for (const loc of ref.locs) push(loc, 'missing-reference', message, hint);
  }
}

function checkRerunnable(script: Script, a: ScriptAnalysis, push: Push): void {
  const dropped = (key: string | undefined, seq: number): boolean => key !== undefined && a.drops.some((d) => d.key === key && d.seq < seq);
  for (const c of a.creates) {
    if (c.orAlter || c.guarded || dropped(c.key, c.seq)) continue;
    const module = ['PROCEDURE', 'FUNCTION', 'VIEW', 'TRIGGER'].includes(c.what);
    push(
      c.loc,
      'not-rerunnable',
      `${script.path} is run again whenever it changes, but CREATE ${c.what} ${c.name} fails the second time`,
      module ? `Write CREATE OR ALTER ${c.what}.` : `Guard it: IF NOT EXISTS (SELECT 1 FROM sys.… WHERE name = …) before the CREATE ${c.what}, or move it to the migration.`,
    );
  }
}

function checkDuplicates(scripts: { script: Script; own: boolean }[], push: Push): void {
  const first = new Map<string, { name: string; file: string; line: number; script: Script; seq: number }>();
  for (const { script, own } of scripts) {
    const a = catalogAnalysisOf(script);
    for (const d of a.definitions) {
      if (d.synthetic === true || d.viaAlter === true) continue;
      // CLR bindings are applied by clr-deploy, which drops them first.
      const key = d.key;
      const prior = first.get(key);
      if (prior === undefined) {
        first.set(key, { name: d.name, file: d.loc.file, line: d.loc.line, script, seq: d.seq });
        continue;
      }
      // Dropped in between (DROP … ; CREATE …) in the same script: a re-creation, not a duplicate.
      if (prior.script === script && a.drops.some((x) => x.key === key && x.seq > prior.seq && x.seq < d.seq)) {
        first.set(key, { name: d.name, file: d.loc.file, line: d.loc.line, script, seq: d.seq });
        continue;
      }
      if (!own) continue;
      push(d.loc, 'duplicate-definition', `${d.name} is defined again (first at ${prior.file}:${prior.line})`, 'Keep one definition: SQL Server fails on the second CREATE, or one silently replaces the other.');
    }
  }
}

export { keyOf };
