// buildSchema: the catalog of what the payload defines — tables (CREATE TABLE, ALTER TABLE ADD,
// SELECT … INTO), views and table-valued functions with their columns, table types, procedures with
// their parameters, and every other object name. Definitions are found anywhere: inside IF / BEGIN
// blocks (EF migrations guard them with IF NOT EXISTS) and inside constant `EXEC (N'…')` strings.
// What a script defines after a USE is another database's: known to exist, its columns not known.
import type { NodeBase, ParsedBatch } from '../parser/ast.js';
import { parseBatch } from '../parser/index.js';
import { child, children, columnIdent, eachChild, field, nameOf, nameText, objectParts, str, type NameParts } from './nodes.js';
import { DeployTracker } from './objects.js';
import { outputNames, type StarExpansion } from './query-shape.js';
import type { BindOptions, ParsedScriptInput, ProcedureInfo, ProcedureParameter, SchemaCatalog, TableInfo, TableKeys } from './types.js';

export function emptyCatalog(options: BindOptions): SchemaCatalog {
  return {
    caseSensitive: options.caseSensitive,
    ...(options.database === undefined ? {} : { database: options.database }),
    tables: new Map(),
    views: new Map(),
    tableTypes: new Map(),
    procedures: new Map(),
    otherObjects: new Set(),
    uncertainNames: new Set(),
    deployFindings: new Map(),
    keys: new Map(),
    keysUncertain: false,
  };
}

export function buildSchema(scripts: readonly ParsedScriptInput[], options: BindOptions): SchemaCatalog {
  const catalog = emptyCatalog(options);
  const builder = new CatalogBuilder(catalog);
  for (const script of scripts) {
    for (let i = 0; i < script.batches.length; i++) {
      const batch = script.batches[i];
      if (batch === undefined) continue;
      if (i === 0) builder.startScript();
      builder.tracker.startBatch(script.path, i, batch.error === undefined);
      builder.addBatch(batch, script.texts[i] ?? '');
    }
  }
  builder.finish();
  return catalog;
}

export const norm = (s: string, cs: boolean): string => (cs ? s : s.toLowerCase());

/** The catalog key of a schema-scoped name: `schema.name`, `dbo` when the schema is left out. */
export function objectKey(parts: NameParts, cs: boolean): string {
  return `${norm(parts.schema ?? 'dbo', cs)}.${norm(parts.name, cs)}`;
}

/** Whether `name` (a USE's database) is the payload's database `database`. */
export function isDatabase(name: string | undefined, database: string | undefined, cs: boolean): boolean {
  return name !== undefined && database !== undefined && norm(name, cs) === norm(database, cs);
}

/** Whether a name is a temporary table (#t, ##t) or a table variable. */
export const isTempName = (name: string): boolean => name.startsWith('#') || name.startsWith('@');

const MAX_DYNAMIC_DEPTH = 4;

/** Object words after CREATE / ALTER whose definitions a batch that fails to parse may hold. */
const DEFINING = /\b(?:CREATE|ALTER)\s+(?:OR\s+ALTER\s+)?(?:TABLE|VIEW|FUNCTION|TYPE|PROC|PROCEDURE)\s+((?:(?:\[[^\]]*\]|"[^"]*"|[^\s.(;]+)\s*\.\s*)*(?:\[[^\]]*\]|"[^"]*"|[^\s.(;]+))/giu;

/** Statements that hold other statements (the rest hold no definitions). */
export const CONTAINERS = new Set(['Block', 'If', 'While', 'TryCatch', 'AtomicBlock', 'CreateProcedure', 'CreateFunction', 'CreateTrigger', 'CreateSchema', 'Label']);

class CatalogBuilder {
  private readonly cs: boolean;
  private dynamicDepth = 0;
  /** Columns ALTER TABLE ADD gives, merged once every CREATE TABLE is known (scripts come in any order). */
  private readonly added = new Map<string, { parts: NameParts; columns: Map<string, string> }>();
  /** Tables some ALTER TABLE changes: their INSERT value count is not known. */
  private readonly altered = new Set<string>();
  /** Views and inline functions whose select list has a `*`: read once every table is known (scripts come in any order). */
  private readonly starred: { info: TableInfo; query: NodeBase }[] = [];

  /** A USE came before in the script (or the dynamic batch): what it defines is another database's. */
  private otherDatabase = false;
  /** Tables, views, functions and types defined in the payload's database, and in another one after a USE. */
  private readonly here = new Set<TableInfo>();
  private readonly elsewhere = new Set<TableInfo>();
  /** Procedures (keys) defined in the payload's database, and in another one. */
  private readonly proceduresHere = new Set<string>();
  private readonly proceduresElsewhere = new Set<string>();

  private readonly catalog: SchemaCatalog;
  readonly tracker: DeployTracker;

  constructor(catalog: SchemaCatalog) {
    this.catalog = catalog;
    this.cs = catalog.caseSensitive;
    this.tracker = new DeployTracker(this.cs, catalog.database);
    catalog.deployFindings = this.tracker.findings;
  }

  /** Each script starts in the payload's database. */
  startScript(): void {
    this.otherDatabase = false;
  }

  addBatch(batch: ParsedBatch, text: string): void {
    if (batch.error !== undefined) {
      this.scanUnparsed(text);
      // A key (UNIQUE index, constraint) it defines is unseen: 1776 cannot be decided.
      this.catalog.keysUncertain = true;
    }
    for (const s of batch.statements) this.visit(s, text);
  }

  private visit(n: NodeBase, text: string): void {
    // An ALTER TABLE SQL Server rejects (a constraint name taken) adds nothing. A rejected CREATE still
    // counts: the payload's scripts may target different databases, and its columns are what they use.
    if (!this.tracker.statement(n) && n.kind === 'AlterTable') return;
    if (!CONTAINERS.has(n.kind)) {
      this.visitStatement(n, text);
      return;
    }
    this.tracker.enter(n);
    try {
      this.visitStatement(n, text);
    } finally {
      this.tracker.leave(n);
    }
  }

  private visitStatement(n: NodeBase, text: string): void {
    switch (n.kind) {
      case 'CreateTable':
        this.createTable(n);
        return;
      case 'AlterTable':
        this.alterTable(n);
        return;
      case 'CreateIndex':
        this.createIndex(n);
        return;
      case 'CreateType':
        this.createType(n);
        return;
      case 'CreateView':
        this.createView(n);
        return;
      case 'CreateFunction':
        this.createFunction(n);
        break;
      case 'CreateProcedure':
        this.createProcedure(n);
        break;
      case 'SelectStatement':
        this.selectInto(n);
        return;
      case 'Execute':
        this.dynamicSql(n, text);
        return;
      case 'Use':
        this.otherDatabase = !isDatabase(nameOf(n, 'database'), this.catalog.database, this.cs);
        return;
      default:
        if (n.kind.startsWith('Create')) this.otherObject(n);
        // Only statements that hold statements are searched: definitions never sit in expressions.
        if (!CONTAINERS.has(n.kind)) return;
    }
    eachChild(n, (c) => this.visit(c, text));
  }

  private tableInfo(map: Map<string, TableInfo>, parts: NameParts): TableInfo {
    const key = objectKey(parts, this.cs);
    let info = map.get(key);
    if (info === undefined) map.set(key, (info = { name: parts.name, columns: new Map(), complete: true }));
    (this.otherDatabase ? this.elsewhere : this.here).add(info);
    return info;
  }

  private addColumns(info: TableInfo, elements: readonly NodeBase[]): void {
    for (const e of elements) {
      if (e.kind !== 'ColumnDefinition') continue;
      const name = nameOf(e, 'name');
      if (name !== undefined) info.columns.set(norm(name, this.cs), name);
    }
  }

  private createTable(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    if (parts === undefined || isTempName(parts.name) || parts.database !== undefined) return;
    const info = this.tableInfo(this.catalog.tables, parts);
    info.insertable = info.insertable === undefined && info.columns.size === 0 && str(n, 'tableType') === undefined ? insertableCount(children(n, 'elements')) : -1;
    this.addColumns(info, children(n, 'elements'));
    this.addKeys(parts, children(n, 'elements'));
    // FileTables have a fixed schema the statement does not spell out.
    if (str(n, 'tableType') === 'FILETABLE') info.complete = false;
  }

  private alterTable(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    const action = child(n, 'action');
    if (parts !== undefined) this.altered.add(objectKey(parts, this.cs));
    if (parts === undefined || action === undefined || action.kind !== 'AlterTableAdd') return;
    if (isTempName(parts.name) || parts.database !== undefined) return;
    const key = objectKey(parts, this.cs);
    let entry = this.added.get(key);
    if (entry === undefined) this.added.set(key, (entry = { parts, columns: new Map() }));
    const info: TableInfo = { name: parts.name, columns: entry.columns, complete: true };
    this.addColumns(info, children(action, 'elements'));
    this.addKeys(parts, children(action, 'elements'));
  }

  private keysOf(parts: NameParts): TableKeys {
    const key = objectKey(parts, this.cs);
    let keys = this.catalog.keys.get(key);
    if (keys === undefined) this.catalog.keys.set(key, (keys = { keys: new Set() }));
    return keys;
  }

  /** PRIMARY KEY and UNIQUE constraints (column or table level) and inline unique indexes. */
  private addKeys(parts: NameParts, elements: readonly NodeBase[]): void {
    for (const e of elements) {
      if (e.kind === 'ColumnDefinition') {
        const name = nameOf(e, 'name');
        if (name === undefined) continue;
        for (const c of children(e, 'constraints')) this.addKey(parts, str(c, 'constraintType'), [name]);
        const index = child(e, 'index');
        if (index !== undefined && field(index, 'unique') === true && child(index, 'where') === undefined) this.addKey(parts, 'UNIQUE', [name]);
      } else if (e.kind === 'TableConstraint') {
        const keyColumns = children(e, 'keyColumns');
        this.addKey(parts, str(e, 'constraintType'), (keyColumns.length > 0 ? keyColumns : children(e, 'columns')).map(columnName));
      } else if (e.kind === 'InlineIndex' && field(e, 'unique') === true && child(e, 'where') === undefined) {
        this.addKey(parts, 'UNIQUE', children(e, 'columns').map(columnName));
      }
    }
  }

  private addKey(parts: NameParts, type: string | undefined, columns: readonly string[]): void {
    if (type !== 'PRIMARY KEY' && type !== 'UNIQUE') return;
    if (columns.length === 0 || columns.includes('')) return;
    const normalized = columns.map((c) => norm(c, this.cs));
    const keys = this.keysOf(parts);
    keys.keys.add(keyOfColumns(normalized));
    if (type === 'PRIMARY KEY') keys.primaryKey = normalized;
  }

  private createIndex(n: NodeBase): void {
    const parts = objectParts(child(n, 'table'));
    if (parts === undefined || isTempName(parts.name) || parts.database !== undefined) return;
    if (field(n, 'unique') !== true || child(n, 'where') !== undefined || str(n, 'indexType') !== 'ROWSTORE') return;
    this.addKey(parts, 'UNIQUE', children(n, 'columns').map(columnName));
  }

  /** ALTER TABLE ADD columns join their table; a table only ever altered exists, its columns unknown. */
  finish(): void {
    for (const key of this.altered) {
      const info = this.catalog.tables.get(key);
      if (info !== undefined) info.insertable = -1;
    }
    for (const [key, entry] of this.added) {
      const info = this.catalog.tables.get(key);
      if (info === undefined) this.catalog.tables.set(key, { name: entry.parts.name, columns: entry.columns, complete: false });
      else for (const [k, v] of entry.columns) info.columns.set(k, v);
    }
    this.onlyElsewhere();
    // A definition in a batch that did not parse may give any columns.
    for (const map of [this.catalog.tables, this.catalog.views]) {
      for (const [key, info] of map) if (this.catalog.uncertainNames.has(key.slice(key.indexOf('.') + 1))) info.complete = false;
    }
    this.expandStarred();
    this.tracker.finish(this.catalog.uncertainNames);
  }

  /**
   * What only another database defines (after a USE) is not the payload database's: a query there of a
   * table of that name has unknown columns (SQL Server defers it), an EXEC of such a procedure is not checked.
   */
  private onlyElsewhere(): void {
    for (const info of this.elsewhere) if (!this.here.has(info)) info.complete = false;
    for (const key of this.proceduresElsewhere) {
      const info = this.catalog.procedures.get(key);
      if (info !== undefined && !this.proceduresHere.has(key)) info.conflicting = true;
    }
  }

  private createType(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    if (parts === undefined) return;
    if (field(n, 'elements') === undefined) {
      this.catalog.otherObjects.add(objectKey(parts, this.cs));
      return;
    }
    this.addColumns(this.tableInfo(this.catalog.tableTypes, parts), children(n, 'elements'));
  }

  private createView(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    if (parts === undefined) return;
    const info = this.tableInfo(this.catalog.views, parts);
    const columns = children(n, 'columns');
    if (columns.length > 0) this.setColumns(info, columns.map((c) => nameOf(c, 'value') ?? ''));
    else this.setQueryColumns(info, child(n, 'query'));
  }

  /** A view's or inline function's columns: its select list's names, a `*` expanded at the end. */
  private setQueryColumns(info: TableInfo, query: NodeBase | undefined): void {
    const names = outputNames(query);
    // With a WITH clause a name in FROM may be a CTE's: the star is not expanded.
    if (names === undefined && query !== undefined && children(query, 'ctes').length === 0) this.starred.push({ info, query });
    else this.setColumns(info, names);
  }

  /**
   * The `*` of views and inline functions over payload tables and views (`SELECT * FROM dbo.T`,
   * `SELECT a.*, b.x FROM dbo.A a JOIN dbo.B b …`): what it stands for once every definition is read.
   * A view over a view waits for that one; a source of unknown columns leaves them unknown.
   */
  private expandStarred(): void {
    let pending = this.starred;
    if (pending.length === 0) return;
    const waiting = new Set(pending.map((p) => p.info));
    // An unqualified name two schemas define may mean either (the module's schema is searched first).
    const bare = new Map<string, number>();
    for (const map of [this.catalog.tables, this.catalog.views]) {
      for (const key of map.keys()) {
        const name = key.slice(key.indexOf('.') + 1);
        bare.set(name, (bare.get(name) ?? 0) + 1);
      }
    }
    while (pending.length > 0) {
      const next: typeof pending = [];
      for (const p of pending) {
        let blocked = false;
        const expand: StarExpansion = (select, star) => {
          const sources = this.starSources(select, waiting, bare);
          if (sources === 'waiting') blocked = true;
          return sources === undefined || sources === 'waiting' ? undefined : starNames(sources, star, this.cs);
        };
        const names = outputNames(p.query, expand);
        if (blocked) next.push(p);
        else {
          this.setColumns(p.info, names);
          waiting.delete(p.info);
        }
      }
      if (next.length === pending.length) {
        for (const p of next) this.setColumns(p.info, undefined);
        return;
      }
      pending = next;
    }
  }

  /** A SELECT's FROM as named payload tables and views (joins of them); undefined for anything else. */
  private starSources(select: NodeBase, waiting: ReadonlySet<TableInfo>, bare: ReadonlyMap<string, number>): { exposed: string; info: TableInfo }[] | 'waiting' | undefined {
    const out: { exposed: string; info: TableInfo }[] = [];
    const stack = [...children(select, 'from')];
    let wait = false;
    for (let n = stack.shift(); n !== undefined; n = stack.shift()) {
      if (n.kind === 'Join') {
        const left = child(n, 'left');
        const right = child(n, 'right');
        if (left === undefined || right === undefined) return undefined;
        stack.unshift(left, right);
        continue;
      }
      if (n.kind !== 'NamedTable') return undefined;
      const parts = objectParts(child(n, 'name'));
      if (parts === undefined || parts.database !== undefined || parts.server !== undefined || isTempName(parts.name)) return undefined;
      if (parts.schema === undefined && (bare.get(norm(parts.name, this.cs)) ?? 0) > 1) return undefined;
      const key = objectKey(parts, this.cs);
      const info = this.catalog.tables.get(key) ?? this.catalog.views.get(key);
      if (info === undefined || (this.catalog.tables.has(key) && this.catalog.views.has(key))) return undefined;
      if (waiting.has(info)) wait = true;
      else if (!info.complete) return undefined;
      out.push({ exposed: norm(nameOf(n, 'alias') ?? parts.name, this.cs), info });
    }
    return wait ? 'waiting' : out;
  }

  private setColumns(info: TableInfo, names: readonly string[] | undefined): void {
    if (names === undefined) {
      info.complete = false;
      return;
    }
    for (const name of names) {
      if (name === '') info.complete = false;
      else info.columns.set(norm(name, this.cs), name);
    }
  }

  private createFunction(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    if (parts === undefined) return;
    const returns = child(n, 'returns');
    if (returns?.kind === 'TableVariableReturns') this.addColumns(this.tableInfo(this.catalog.views, parts), children(returns, 'elements'));
    else if (returns?.kind === 'InlineTableReturns') this.setQueryColumns(this.tableInfo(this.catalog.views, parts), child(n, 'query'));
    else this.catalog.otherObjects.add(objectKey(parts, this.cs));
  }

  private createProcedure(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    if (parts === undefined) return;
    const key = objectKey(parts, this.cs);
    (this.otherDatabase ? this.proceduresElsewhere : this.proceduresHere).add(key);
    const parameters: ProcedureParameter[] = [];
    for (const p of children(n, 'parameters')) {
      const name = str(p, 'name');
      if (name === undefined) continue;
      parameters.push({ name, key: norm(name, this.cs), optional: child(p, 'default') !== undefined || field(p, 'readonly') === true });
    }
    const known = this.catalog.procedures.get(key);
    if (known === undefined) {
      const info: ProcedureInfo = { name: parts.name, parameters, conflicting: false };
      this.catalog.procedures.set(key, info);
    } else if (!sameParameters(known.parameters, parameters)) known.conflicting = true;
  }

  /** SELECT … INTO a permanent table: its columns are the select list's names. */
  private selectInto(statement: NodeBase): void {
    let n = child(statement, 'query');
    while (n !== undefined && n.kind !== 'Select') n = child(n, n.kind === 'SetOperation' ? 'left' : 'query');
    if (n === undefined) return;
    const parts = objectParts(child(n, 'into'));
    if (parts === undefined || isTempName(parts.name) || parts.database !== undefined) return;
    this.setColumns(this.tableInfo(this.catalog.tables, parts), outputNames(n));
  }

  private otherObject(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    if (parts !== undefined) this.catalog.otherObjects.add(objectKey(parts, this.cs));
  }

  /** `EXEC (N'CREATE TABLE …')` and `EXEC sp_executesql N'…'` with constant text: its definitions count. */
  private dynamicSql(n: NodeBase, text: string): void {
    if (this.dynamicDepth >= MAX_DYNAMIC_DEPTH) {
      this.tracker.unknownChange();
      return;
    }
    let pieces = children(n, 'sql');
    if (pieces.length === 0) {
      if (child(n, 'procedureVariable') !== undefined) this.tracker.unknownChange();
      const proc = objectParts(child(n, 'procedure'));
      if (proc !== undefined && proc.name.toLowerCase() === 'sp_rename') this.renamed(n, text);
      if (proc === undefined || proc.name.toLowerCase() !== 'sp_executesql') return;
      const first = children(n, 'args')[0];
      const value = first === undefined ? undefined : child(first, 'value');
      if (value === undefined) return;
      pieces = [value];
    }
    let sql = '';
    for (const piece of pieces) {
      const s = literalText(piece, text);
      if (s === undefined) {
        // Built at run time: it may create or drop anything.
        this.tracker.unknownChange();
        return;
      }
      sql += s;
    }
    if (sql.length === 0) return;
    this.dynamicDepth++;
    this.tracker.enterDynamic();
    // A USE in the dynamic batch ends with it.
    const otherDatabase = this.otherDatabase;
    try {
      const parsed = parseBatch(sql);
      if (parsed.error !== undefined) this.tracker.unknownChange();
      this.addBatch(parsed, sql);
    } finally {
      this.dynamicDepth--;
      this.tracker.leaveDynamic();
      this.otherDatabase = otherDatabase;
    }
  }

  /**
   * `sp_rename 'dbo.T.c', 'd', 'COLUMN'` (or an object, an index): the table's columns are no longer
   * what its definition says. Both last name parts are uncertain (the table, or the table of the column).
   */
  private renamed(n: NodeBase, text: string): void {
    const first = children(n, 'args')[0];
    const value = first === undefined ? undefined : child(first, 'value');
    const name = value === undefined ? undefined : literalText(value, text);
    if (name === undefined) return;
    const parts = name.split('.').map((p) => p.trim().replace(/^[["]|[\]"]$/g, ''));
    for (const part of parts.slice(-2)) if (part !== '') this.catalog.uncertainNames.add(norm(part, this.cs));
  }

  /**
   * A batch that failed to parse may still define objects: the names after CREATE|ALTER TABLE|VIEW|
   * FUNCTION|TYPE|PROCEDURE are recorded as uncertain, so nothing about them is reported.
   */
  private scanUnparsed(text: string): void {
    for (const m of text.matchAll(DEFINING)) {
      const name = m[1];
      if (name === undefined) continue;
      const dot = name.lastIndexOf('.');
      let last = (dot < 0 ? name : name.slice(dot + 1)).trim();
      if (last.startsWith('[') || last.startsWith('"')) last = last.slice(1, -1);
      this.catalog.uncertainNames.add(norm(last, this.cs));
    }
  }
}

/** The columns `*` (every source) or `t.*` (the source exposed as t) stands for. */
function starNames(sources: readonly { exposed: string; info: TableInfo }[], star: NodeBase, cs: boolean): string[] | undefined {
  const parts = children(star, 'parts');
  const last = parts[parts.length - 1];
  const qualifier = last === undefined ? undefined : nameText(last);
  const out: string[] = [];
  for (const src of sources) {
    if (qualifier !== undefined && src.exposed !== norm(qualifier, cs)) continue;
    for (const name of src.info.columns.values()) out.push(name);
  }
  return out.length > 0 ? out : undefined;
}

/** A key as the catalog stores it: its normalized column names, sorted, joined by ','. */
export function keyOfColumns(normalized: readonly string[]): string {
  return [...normalized].sort().join(',');
}

/** Values an INSERT without a column list takes; -1 when a column makes that unsure. */
function insertableCount(elements: readonly NodeBase[]): number {
  let count = 0;
  for (const e of elements) {
    if (e.kind !== 'ColumnDefinition') continue;
    if (field(e, 'generatedAlways') !== undefined || field(e, 'columnSet') === true) return -1;
    const type = objectParts(child(child(e, 'dataType') ?? e, 'name'))?.name.toUpperCase();
    if (type === 'TIMESTAMP' || type === 'ROWVERSION') return -1;
    if (child(e, 'identity') !== undefined || child(e, 'computed') !== undefined) continue;
    count++;
  }
  return count;
}

function columnName(n: NodeBase): string {
  return nameText(columnIdent(n)) ?? '';
}

function sameParameters(a: readonly ProcedureParameter[], b: readonly ProcedureParameter[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || x.key !== y.key || x.optional !== y.optional) return false;
  }
  return true;
}

/** The value of a string literal node (N'…' or '…'), from the node or, failing that, the batch text. */
export function literalText(n: NodeBase, text: string): string | undefined {
  if (n.kind !== 'Literal') return undefined;
  const type = str(n, 'type');
  if (type !== 'string' && type !== 'nstring') return undefined;
  const value = str(n, 'value');
  if (value !== undefined) return value;
  let raw = text.slice(n.start, n.end);
  if (raw.startsWith('N') || raw.startsWith('n')) raw = raw.slice(1);
  return raw.slice(1, -1).replaceAll("''", "'");
}
