// Static checks of a payload: every finding as file:line:col, severity, rule, message and hint.
//
// Rules: syntax and binding (the T-SQL front end, front-end.ts: SQL Server's message number in `code`),
// not-modelled (a note), duplicate-definition, ddl-in-module, missing-reference, missing-column,
// missing-principal, not-rerunnable, module-not-first, go-in-body, go-semicolon, go-trailing-text,
// go-count, sqlcmd-undefined-variable, sqlcmd-include-cycle, sqlcmd-include-missing, sqlcmd-syntax,
// sqlcmd-unsupported, unterminated, dependency-cycle, file-unreadable.
// Callers add their own findings (e.g. the CLR bindings against the built DLL) through
// `extraDiagnostics` or `providers`, which receive the loaded plan and its catalog.
import type { ModuleScope, ScriptAnalysis } from './analysis-types.js';
import { Catalog } from './catalog.js';
import { frontEndDiagnostics } from './front-end.js';
import { keyOf } from './names.js';
import type { AnalysisWorker, CatalogEntry, CheckPhase } from './parallel.js';
import { analysisOf, catalogAnalysisOf, releaseRemote, remoteScript } from './payload.js';
import type { Diagnostic, PayloadPlan, Script } from './types.js';

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
  const catalog = new Catalog(cataloged.map((s) => ({ path: s.script.path, analysis: catalogAnalysisOf(s.script) })));
  const out: Diagnostic[] = [...plan.diagnostics];
  const push = (loc: { file: string; line: number; col: number }, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error'): void => {
    out.push({ file: loc.file, line: loc.line, col: loc.col, severity, rule, message, hint });
  };

  // Scripts a worker analysed are checked there, at the same time as the rest here (parallel.ts).
  const perScript = new Array<Diagnostic[] | undefined>(scripts.length);
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
      const found = await worker.check(entries, list.map(({ id, phase }) => ({ id, phase })));
      list.forEach(({ index }, k) => (perScript[index] = found[k]));
    } catch {
      // Checked here instead (below).
    }
  });
  for (let k = 0; k < scripts.length; k++) {
    const { script, phase } = scripts[k] as PhasedScript;
    if (remoteScript(script) === undefined) perScript[k] = checkScript(script, phase, analysisOf(script), catalog);
  }
  await Promise.all(remoteChecks);
  releaseRemote(scripts.map((s) => s.script));
  for (let k = 0; k < scripts.length; k++) {
    const { script, phase } = scripts[k] as PhasedScript;
    out.push(...(perScript[k] ?? checkScript(script, phase, analysisOf(script), catalog)));
  }
  checkDuplicates(cataloged.map((s) => ({ script: s.script, own: own.has(s.script.file) })), push);
  const frontEnd = frontEndDiagnostics(cataloged.map((s) => ({ script: s.script, own: own.has(s.script.file) })), options.collation === undefined ? {} : { collation: options.collation });
  out.splice(0, out.length, ...mergeFrontEnd(out, frontEnd));

  out.push(...(options.extraDiagnostics ?? []));
  const context: CheckContext = { plan, catalog, scripts };
  for (const provider of options.providers ?? []) out.push(...(await provider(context)));
  return sortDiagnostics(out);
}

/**
 * The token-pattern rules that the front end now reports with SQL Server's message number: where both
 * find the same spot, the front end's finding stays (with the older rule's more specific hint).
 */
const SUPERSEDED: Record<string, true> = { 'missing-column': true, 'module-not-first': true, 'duplicate-definition': true };

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

/** The checks of one script against the catalog: its own findings, references, columns, principals, re-runnability. */
export function checkScript(script: Script, phase: CheckPhase, a: ScriptAnalysis, catalog: Catalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push: Push = (loc, rule, message, hint, severity = 'error') => {
    out.push({ file: loc.file, line: loc.line, col: loc.col, severity, rule, message, hint });
  };
  for (const f of a.findings) push(f.loc, f.rule, f.message, f.hint, f.severity);
  checkReferences(a, catalog, push);
  checkColumns(a.scopes, catalog, push);
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
  const scopeOf = new Map(a.scopes.map((s) => [s.module, s]));
  for (const ref of a.references) {
    const scope = ref.module === undefined ? undefined : scopeOf.get(ref.module);
    const last = (ref.parts[ref.parts.length - 1] ?? '').toLowerCase();
    if (scope !== undefined && ref.parts.length === 1 && (ref.kind === 'object' || ref.kind === 'function') && (scope.ctes.has(last) || scope.aliases.has(last))) {
      // An alias (UPDATE a … FROM dbo.T a) or a CTE name, not an object.
      const bindings = scope.aliases.get(last) ?? [];
      if (scope.ctes.has(last) || bindings.some((b) => b.type === 'opaque' || b.parts.length !== 1 || b.parts[0]?.toLowerCase() !== last)) continue;
    }
    if (catalog.resolve(ref) !== 'missing') continue;
    const name = ref.parts.length === 1 && ref.kind !== 'schema' && ref.kind !== 'message-type' && ref.kind !== 'contract' && ref.kind !== 'service' ? `dbo.${ref.parts[0] ?? ''}` : ref.parts.join('.');
    const who = ref.module === undefined ? 'This statement' : ref.module.name;
    const what = KIND_WORDS[ref.kind] ?? ref.kind;
    const message = `${who} references the ${what} ${name}, which no script defines`;
    const hint = ref.kind === 'object' ? 'Define it (tables belong in the migration) or fix the name; SQL Server would accept the module and fail only when it runs.' : 'Define it in the payload or fix the name.';
    for (const loc of ref.locs) push(loc, 'missing-reference', message, hint);
  }
}

/** The tables a column qualifier may stand for, each table once, with their column sets. */
interface QualifierTables {
  /** The first table as written: the one a finding names. */
  first: readonly string[];
  /** Column set of each distinct table (undefined: columns unknown, so no finding). */
  sets: (Set<string> | undefined)[];
}

/**
 * Resolves a list of table names to their distinct column sets. An alias is often bound many times
 * in one body (`FROM dbo.T a` in every statement): its bindings collapse to one table here, so a
 * column reference costs one lookup per distinct table instead of one per binding.
 */
function qualifierTables(tables: readonly (readonly string[])[], catalog: Catalog): QualifierTables | undefined {
  const first = tables[0];
  if (first === undefined) return undefined;
  const seen = new Set<string>();
  const sets: (Set<string> | undefined)[] = [];
  for (const t of tables) {
    // Catalog.columnsOf depends only on this key, so tables with equal keys have equal columns.
    const key = keyOf('table', t);
    if (seen.has(key)) continue;
    seen.add(key);
    sets.push(catalog.columnsOf(t));
  }
  return { first, sets };
}

function checkColumns(scopes: readonly ModuleScope[], catalog: Catalog, push: Push): void {
  // Lower-cased spellings, computed once per distinct spelling: a script names the same few
  // aliases and columns in every statement.
  const lowered = new Map<string, string>();
  const lower = (text: string): string => {
    let l = lowered.get(text);
    if (l === undefined) {
      l = text.toLowerCase();
      lowered.set(text, l);
    }
    return l;
  };
  // One table as written (INSERT INTO dbo.T (…), schema.table.column): its columns, once per spelling.
  const byTable = new Map<string, QualifierTables | undefined>();
  const tablesOf = (parts: readonly string[]): QualifierTables | undefined => {
    const key = JSON.stringify(parts);
    if (!byTable.has(key)) byTable.set(key, qualifierTables([parts], catalog));
    return byTable.get(key);
  };
  for (const scope of scopes) {
    // What each alias (or exposed table name) stands for, resolved once per module body and
    // keyed by the alias as written, so a repeated `a.column` costs one lookup.
    const byAlias = new Map<string, QualifierTables | 'skip'>();
    const aliasTables = (written: string): QualifierTables | 'skip' => {
      let resolved = byAlias.get(written);
      if (resolved === undefined) {
        const bindings = scope.aliases.get(lower(written));
        // No binding: not an alias, and a one-part qualifier names nothing else to check.
        if (bindings === undefined || bindings.some((b) => b.type === 'opaque')) resolved = 'skip';
        else resolved = qualifierTables(bindings.flatMap((b) => (b.type === 'table' ? [b.parts] : [])), catalog) ?? 'skip';
        byAlias.set(written, resolved);
      }
      return resolved;
    };
    const uses = scope.columnUses;
    for (let k = 0; k < uses.count; k++) {
      const written = uses.column(k);
      const qualifier = uses.qualifier(k);
      const direct = uses.direct(k);
      const column = lower(written);
      if (column === '*' || column === '') continue;
      let tables: QualifierTables | undefined;
      if (direct) tables = tablesOf(qualifier);
      else if (qualifier.length === 1) {
        const resolved = aliasTables(qualifier[0] ?? '');
        if (resolved === 'skip') continue;
        tables = resolved;
      } else if (qualifier.length === 2) {
        // alias.column.property, or schema.table.column.
        if (scope.aliases.has(lower(qualifier[0] ?? ''))) continue;
        if (catalog.object(qualifier) === undefined) continue;
        tables = tablesOf(qualifier);
      } else continue;
      if (tables === undefined) continue;
      let known = true;
      let found = false;
      for (const cols of tables.sets) {
        if (cols === undefined) known = false;
        else if (cols.has(column)) found = true;
      }
      if (!known || found) continue;
      const table = tables.first;
      const tableName = table.length === 1 ? `dbo.${table[0] ?? ''}` : table.join('.');
      const shown = direct ? written : `${qualifier.join('.')}.${written}`;
      const message = `${scope.module.name} uses ${shown}, but ${tableName} has no column ${written}`;
      for (const loc of uses.locs(k)) push(loc, 'missing-column', message, `Use a column ${tableName} has, or add the column in the migration.`);
    }
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
