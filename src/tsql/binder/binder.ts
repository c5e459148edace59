// The binder of one batch: one walk over its statements that resolves every column reference
// against the table sources in scope (Msg 207, 209, 4104; 107 for `x.*`), tracks variables (134,
// 137, 1087), checks built-in calls (195, 174, 189), table definitions (2705, 1911, 1767, 1769, 1770,
// 8148, 8183, 8196, 13502, 13503, 13509), the arguments of declared data types (2716, 2750, 131, 2717) and EXEC calls of payload
// procedures (8144, 8145, 201).
//
// Deferred name resolution: SQL Server binds a statement only when every object it names exists;
// when one is not in the payload (nor a system object) we cannot tell, so the statement's column
// findings are dropped. Each statement collects its findings in a frame for that reason; findings
// about temporary tables created inside a module are warnings (the table exists only at run time).
import type { NodeBase } from '../parser/ast.js';
import { SCALAR_TYPES, SYSTEM_SCHEMAS, SYSTEM_TABLES } from './builtins.js';
import { emptyCatalog, isDatabase, norm, objectKey } from './catalog.js';
import { checkIndexColumns, checkTableElements, type DdlCheckContext, type TableLookup } from './ddl-checks.js';
import { checkExecute } from './exec-checks.js';
import { checkFunctionCall } from './functions.js';
import { checkTypeArguments } from './type-checks.js';
import type { Findings } from './messages.js';
import { msg } from './messages.js';
import { bool, child, children, eachChild, field, isNode, nameOf, nameText, namesOf, num, objectParts, str, type NameParts } from './nodes.js';
import { outputNames, type StarExpansion } from './query-shape.js';
import { checkDerivedNames, checkModuleColumns, checkScalarSubquery, checkSelectClauses, checkValuesRows } from './query-rules.js';
import { findSchemaTable, findSource, mayBeColumn, resolveColumn, Scope, type Source } from './scope.js';
import type { ColumnSet, SchemaCatalog, TableInfo } from './types.js';
import { VariableTracker, type VariableKind } from './variables.js';

interface Pending {
  code: number;
  message: string;
  offset: number;
  hint?: string;
}

interface Frame {
  unresolved: boolean;
  moduleTemp: boolean;
  pending: Pending[];
}

export interface TempTable {
  columns: Map<string, string> | null;
  inModule: boolean;
  /** Certainly created at the script's top level and still there (no EXEC since, which may drop it): a later batch cannot create it again. */
  standing?: boolean;
}

interface CteEnv {
  map: Map<string, ColumnSet | null>;
  parent: CteEnv | undefined;
}

/** What a table name resolves to. */
interface Resolved {
  exists: boolean;
  columns: ColumnSet | null;
  moduleTemp?: boolean;
  system?: boolean;
}

/** State that outlives a batch: the session's temporary tables and, for Msg 2705 on ALTER TABLE ADD, the columns so far. */
export interface ScriptState {
  temps: Map<string, TempTable>;
  tables: Map<string, Set<string>>;
  /**
   * A USE came before (in this batch or an earlier one of the script): the connection is in another
   * database from there on, whose objects the payload does not describe, so nothing is looked up.
   */
  otherDatabase?: boolean;
}

type ModuleKind = 'batch' | 'procedure' | 'function' | 'view' | 'trigger';

const STATEMENT_KINDS = new Set([
  'SelectStatement', 'Insert', 'Update', 'Delete', 'Merge', 'TruncateTable', 'BulkInsert', 'Declare', 'DeclareCursor',
  'SetVariable', 'SetOption', 'If', 'While', 'Block', 'AtomicBlock', 'TryCatch', 'Return', 'Throw', 'Raiserror', 'Print',
  'Waitfor', 'Execute', 'Fetch', 'OpenCursor', 'CloseCursor', 'Deallocate', 'Send', 'Receive', 'BeginDialog',
  'EndConversation', 'CreateTable', 'AlterTable', 'CreateIndex', 'CreateView', 'CreateProcedure', 'CreateFunction',
  'CreateTrigger', 'CreateType', 'DropObjects',
]);

/** Nodes with nothing to bind below them. */
const LEAVES = new Set(['Literal', 'Ident', 'DataType', 'ObjectName', 'DatePart', 'GlobalVariable', 'NiladicFunction', 'PseudoColumn', 'DefaultArgument', 'TableHint', 'ForClause', 'SetOption', 'Use', 'Goto', 'Label', 'Break', 'Continue', 'Opaque']);

const QUERY_KINDS = new Set(['Select', 'SetOperation', 'ParenQuery', 'SelectStatement']);

/** Column names that are not columns: the identity / rowguid column keywords. */
const PSEUDO_COLUMNS = new Set(['IDENTITYCOL', 'ROWGUIDCOL']);

const APPLY = new Set(['CROSS APPLY', 'OUTER APPLY']);

const bareIndexes = new WeakMap<SchemaCatalog, Map<string, TableInfo | null>>();

/** Tables and views by their last name part alone: null when two schemas share it. */
function bareIndex(catalog: SchemaCatalog): Map<string, TableInfo | null> {
  let index = bareIndexes.get(catalog);
  if (index !== undefined) return index;
  index = new Map();
  for (const map of [catalog.tables, catalog.views]) {
    for (const [key, info] of map) {
      const bare = key.slice(key.indexOf('.') + 1);
      index.set(bare, index.has(bare) ? null : info);
    }
  }
  bareIndexes.set(catalog, index);
  return index;
}

/**
 * What OUTPUT sees beside inserted / deleted: the FROM (or USING) sources. A column of the modified
 * table is written `inserted.c` / `deleted.c` (OUTPUT clause: "any reference to columns in the table
 * being modified must be qualified with the INSERTED or DELETED prefix"), so an unqualified name
 * never binds to the target itself: it is the inserted (DELETE: deleted) column.
 */
function outputSources(sources: readonly Source[], target: Source): Source[] {
  return sources.map((s) => (s === target ? { ...s, qualifierOnly: true } : s));
}

/**
 * What a WHEN NOT MATCHED [BY TARGET] clause sees (the source: there is no target row) or a WHEN NOT
 * MATCHED BY SOURCE clause (the target): an unqualified name binds to that side only; a name of the
 * other side is not bound here (SQL Server rejects it with a message of its own).
 */
function mergeSideScope(hidden: readonly Source[], visible: readonly Source[]): Scope {
  const scope = new Scope(undefined);
  for (const s of hidden) scope.sources.push({ ...s, columns: null, qualifierOnly: true });
  scope.sources.push(...visible);
  return scope;
}

export class BatchBinder {
  private readonly cs: boolean;
  private readonly vars: VariableTracker;
  private readonly frames: Frame[] = [];
  private readonly tableVars = new Map<string, ColumnSet | null>();
  private readonly ddl: DdlCheckContext;
  private env: CteEnv | undefined;
  private temps: Map<string, TempTable>;
  private module: ModuleKind = 'batch';
  /** The schema of the module being bound, as written (undefined in a batch or when unqualified). */
  private moduleSchema: string | undefined;
  /** Columns of inserted/deleted in a DML trigger (null: unknown); undefined outside one. */
  private triggerColumns: ColumnSet | null | undefined;
  private conditional = 0;
  /** Temporary tables CREATEd in this batch or module (Msg 2714 for a second one). */
  private tempCreates = new Set<string>();
  /** The payload's schema; after a USE (ScriptState.otherDatabase), an empty one. */
  private catalog: SchemaCatalog;
  private readonly payload: SchemaCatalog;
  private readonly findings: Findings;
  private readonly state: ScriptState;

  /** The FROM sources of each bound SELECT whose list has a `*` (what the star stands for). */
  private readonly starSources = new Map<NodeBase, readonly Source[]>();

  /** `*` is every column of every FROM source, `t.*` every column of t; unknown when one source's columns are. */
  private readonly expandStar: StarExpansion = (select, star) => {
    const sources = this.starSources.get(select);
    if (sources === undefined) return undefined;
    const parts = namesOf(star, 'parts');
    const qualifier = parts[parts.length - 1];
    const out: string[] = [];
    for (const src of sources) {
      if (qualifier !== undefined && src.exposed !== this.key(qualifier)) continue;
      if (src.columns === null) return undefined;
      for (const name of src.columns.values()) out.push(name);
    }
    return out.length > 0 ? out : undefined;
  };

  /** `report` as a function value (made once per batch) for the rule helpers. */
  /** The position of the variable being declared in its DECLARE. */
  private declareOrdinal = 0;
  private readonly reportFn = (code: number, message: string, offset: number): void => this.report(code, message, offset);

  constructor(catalog: SchemaCatalog, findings: Findings, state: ScriptState) {
    this.payload = catalog;
    this.catalog = state.otherDatabase === true ? emptyCatalog({ caseSensitive: catalog.caseSensitive }) : catalog;
    this.findings = findings;
    this.state = state;
    this.cs = catalog.caseSensitive;
    this.vars = new VariableTracker(this.cs);
    this.temps = state.temps;
    this.ddl = { caseSensitive: this.cs, findings, lookup: (n) => this.lookupReferenced(n) };
  }

  bindBatch(statements: readonly NodeBase[]): void {
    for (const s of statements) this.visit(s, undefined);
    this.vars.finish(this.findings);
  }

  private key(name: string): string {
    return norm(name, this.cs);
  }

  // ---- frames ---------------------------------------------------------------------------------

  private report(code: number, message: string, offset: number, hint?: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) this.findings.error(code, message, offset, hint);
    else frame.pending.push(hint === undefined ? { code, message, offset } : { code, message, offset, hint });
  }

  /** Msg 207 for a column of a known table: the hint names the table. */
  private missingColumn(column: string, table: Source | undefined, offset: number): void {
    const name = table?.written;
    this.report(207, msg.invalidColumn(column), offset, name === undefined ? undefined : `Use a column ${name} has, or add the column where the table is defined.`);
  }

  private markUnresolved(): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame !== undefined) frame.unresolved = true;
  }

  private markModuleTemp(src: Source | undefined): void {
    if (src?.moduleTemp !== true) return;
    const frame = this.frames[this.frames.length - 1];
    if (frame !== undefined) frame.moduleTemp = true;
  }

  private statement(n: NodeBase): void {
    const frame: Frame = { unresolved: false, moduleTemp: false, pending: [] };
    this.frames.push(frame);
    try {
      this.dispatch(n, undefined);
    } finally {
      this.frames.pop();
    }
    if (frame.unresolved) return;
    for (const p of frame.pending) this.findings.add(p.code, frame.moduleTemp ? 'warning' : 'error', p.message, p.offset, p.hint);
  }

  // ---- the walk -------------------------------------------------------------------------------

  private visit(n: NodeBase, scope: Scope | undefined): void {
    if (n.kind === 'Use') {
      // USE of the payload's own database comes back to what the payload defines.
      const back = isDatabase(nameOf(n, 'database'), this.payload.database, this.cs);
      this.state.otherDatabase = !back;
      this.catalog = back ? this.payload : emptyCatalog({ caseSensitive: this.cs });
      return;
    }
    if (LEAVES.has(n.kind)) return;
    if (STATEMENT_KINDS.has(n.kind)) this.statement(n);
    else this.dispatch(n, scope);
  }

  /** Every child of a node the binder has no rule for (inlined: no closure per node). */
  private visitChildren(n: NodeBase, scope: Scope | undefined): void {
    const rec = n as unknown as Record<string, unknown>;
    for (const key in rec) {
      const v = rec[key];
      if (typeof v !== 'object' || v === null) continue;
      if (Array.isArray(v)) {
        for (const item of v) if (isNode(item)) this.visit(item, scope);
      } else if (isNode(v)) this.visit(v, scope);
    }
  }

  private visitAll(nodes: readonly NodeBase[], scope: Scope | undefined): void {
    for (const c of nodes) this.visit(c, scope);
  }

  private visitField(n: NodeBase, key: string, scope: Scope | undefined): void {
    for (const c of children(n, key)) this.visit(c, scope);
  }

  private dispatch(n: NodeBase, scope: Scope | undefined): void {
    switch (n.kind) {
      case 'ColumnRef':
        if (scope !== undefined) this.columnRef(n, scope);
        return;
      case 'Variable':
        this.variableUse(n);
        return;
      case 'FunctionCall':
        checkFunctionCall(n, this.findings);
        this.functionArguments(n, scope);
        return;
      case 'Select':
      case 'SetOperation':
      case 'ParenQuery':
        this.query(n, scope);
        return;
      case 'SelectStatement':
        this.selectStatement(n, scope);
        return;
      case 'Insert':
        this.insert(n);
        return;
      case 'Update':
        this.update(n);
        return;
      case 'Delete':
        this.delete(n);
        return;
      case 'Merge':
        this.merge(n);
        return;
      case 'VariableTable':
        this.tableSource(n, undefined, undefined);
        return;
      case 'Subquery':
      case 'InSubquery':
      case 'QuantifiedComparison':
        checkScalarSubquery(n, this.reportFn);
        this.visitChildren(n, scope);
        return;
      case 'Execute':
        checkExecute(n, this.catalog, this.findings);
        // A procedure or dynamic SQL run now may drop the session's temporary tables.
        if (this.module === 'batch') for (const temp of this.temps.values()) temp.standing = false;
        eachChild(n, (c) => (c.kind === 'ExecArgument' ? this.argument(child(c, 'value'), undefined) : this.visit(c, undefined)));
        return;
      case 'Receive':
        this.receive(n);
        return;
      default:
        this.dispatchDeclarations(n, scope);
    }
  }

  private dispatchDeclarations(n: NodeBase, scope: Scope | undefined): void {
    switch (n.kind) {
      case 'Declare':
        // Msg 2716's #N counts the variables of one DECLARE.
        this.declareOrdinal = 0;
        this.visitChildren(n, scope);
        return;
      case 'DeclareVariable':
        this.declareVariable(n);
        return;
      case 'DeclareTable':
        this.declareTable(n);
        return;
      case 'If':
      case 'While':
      case 'TryCatch':
        // What is under IF, in a loop or in a TRY … CATCH may run or not (or twice).
        this.conditional++;
        this.visitChildren(n, undefined);
        this.conditional--;
        return;
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
      case 'DropObjects':
        this.dropObjects(n);
        return;
      case 'CreateRule':
        // `CREATE RULE r AS @value > 0`: the variable is the rule's parameter.
        return;
      case 'UpdatedColumn':
        this.updatedColumn(n);
        return;
      case 'CreateProcedure':
        this.module_(n, 'procedure');
        return;
      case 'CreateFunction':
        this.module_(n, 'function');
        return;
      case 'CreateTrigger':
        this.module_(n, 'trigger');
        return;
      case 'CreateView':
        this.module_(n, 'view');
        return;
      default:
        this.visitChildren(n, scope);
    }
  }

  /** A call's arguments; ISJSON's second one is a JSON type keyword (VALUE, ARRAY, OBJECT, SCALAR), not a column, nor an ODBC interval (SQL_TSI_…). */
  private functionArguments(n: NodeBase, scope: Scope | undefined): void {
    const name = children(n, 'name');
    const first = name.length === 1 ? name[0] : undefined;
    const text = first === undefined ? undefined : nameText(first);
    const isJson = text !== undefined && text.length === 6 && text.toUpperCase() === 'ISJSON';
    const odbc = field(n, 'odbc') === true;
    // `dbo.f(@t)`: a user-defined function's argument may be a table variable.
    const userFunction = name.length > 1;
    eachChild(n, (c) => {
      if (isJson && c.kind === 'ColumnRef' && children(n, 'args')[1] === c) return;
      // `{fn TIMESTAMPADD(SQL_TSI_DAY, …)}`: the ODBC interval keyword is no column.
      if (odbc && c.kind === 'ColumnRef' && namesOf(c, 'parts')[0]?.toUpperCase().startsWith('SQL_TSI_') === true) return;
      if (userFunction) this.argument(c, scope);
      else this.visit(c, scope);
    });
  }

  // ---- variables ------------------------------------------------------------------------------

  private variableUse(n: NodeBase): void {
    const name = str(n, 'name');
    if (name !== undefined) this.vars.use(name, n.start);
  }

  /** An argument of EXEC or of a user-defined function: a variable there may be a table variable (a table-valued parameter). */
  private argument(n: NodeBase | undefined, scope: Scope | undefined): void {
    if (n === undefined) return;
    const name = n.kind === 'Variable' ? str(n, 'name') : undefined;
    if (name !== undefined) this.vars.argumentUse(name, n.start);
    else this.visit(n, scope);
  }

  private variableKind(dataType: NodeBase | undefined): { kind: VariableKind; columns: ColumnSet | null } {
    const parts = dataType === undefined ? undefined : objectParts(child(dataType, 'name'));
    if (parts === undefined) return { kind: 'unknown', columns: null };
    if (parts.schema === undefined && SCALAR_TYPES.has(parts.name.toUpperCase())) return { kind: 'scalar', columns: null };
    const type = this.catalog.tableTypes.get(objectKey(parts, this.cs));
    if (type !== undefined) return { kind: 'table', columns: type.complete ? type.columns : null };
    return { kind: 'unknown', columns: null };
  }

  private declareVariable(n: NodeBase): void {
    const name = str(n, 'name');
    const start = num(n, 'nameStart') ?? n.start;
    this.declareOrdinal++;
    checkTypeArguments(child(n, 'dataType'), { what: 'variable', name: name ?? '', ordinal: this.declareOrdinal }, this.reportFn);
    if (name !== undefined) {
      const { kind, columns } = bool(n, 'cursor') ? { kind: 'scalar' as const, columns: null } : this.variableKind(child(n, 'dataType'));
      this.vars.declare(name, start, kind);
      if (kind === 'table') this.tableVars.set(this.key(name), columns);
    }
    this.visitField(n, 'value', undefined);
  }

  private declareTable(n: NodeBase): void {
    const name = str(n, 'name');
    const start = num(n, 'nameStart') ?? n.start;
    const elements = children(n, 'elements');
    const columns = checkTableElements({ table: name ?? '', elements, existing: new Map() }, this.ddl);
    if (name !== undefined) {
      this.vars.declare(name, start, 'table');
      this.tableVars.set(this.key(name), columns);
    }
    this.tableExpressions(elements, name ?? '', columns);
  }

  private parameters(n: NodeBase): void {
    let ordinal = 0;
    for (const p of children(n, 'parameters')) {
      const name = str(p, 'name');
      checkTypeArguments(child(p, 'dataType'), { what: 'parameter', name: name ?? '', ordinal: ++ordinal }, this.reportFn);
      if (name === undefined) continue;
      const start = num(p, 'nameStart') ?? p.start;
      const declared = this.variableKind(child(p, 'dataType'));
      const columns = declared.columns;
      const kind = bool(p, 'readonly') ? 'table' : declared.kind;
      this.vars.declare(name, start, kind);
      if (kind === 'table') this.tableVars.set(this.key(name), columns);
      this.visitField(p, 'default', undefined);
    }
  }

  private receive(n: NodeBase): void {
    const into = child(n, 'into');
    if (into !== undefined) {
      const name = str(into, 'name');
      if (name !== undefined) this.vars.tableUse(name, into.start);
    }
    for (const item of children(n, 'items')) {
      this.visitField(item, 'target', undefined);
      this.visitField(item, 'expr', undefined);
    }
    this.visitField(n, 'top', undefined);
    this.visitField(n, 'where', undefined);
  }

  // ---- column references ----------------------------------------------------------------------

  private columnRef(n: NodeBase, scope: Scope): void {
    if (field(n, 'star') === true) {
      this.qualifiedStar(n, scope);
      return;
    }
    const parts = children(n, 'parts');
    const names: string[] = [];
    for (const p of parts) {
      const t = nameText(p);
      if (t === undefined || t.startsWith('$')) return;
      names.push(t);
    }
    const [first = '', second = ''] = names;
    if (names.length === 1) this.simpleColumn(n, first, scope);
    else if (names.length === 2) this.qualifiedColumn(n, first, second, scope);
    else if (names.length === 3) this.threePartColumn(n, names, scope);
  }

  /** `x.*` / `schema.table.*`: the prefix must name a table source of the query (Msg 107). */
  private qualifiedStar(n: NodeBase, scope: Scope): void {
    const names = namesOf(n, 'parts');
    if (names.length === 0 || names.length > 2 || names.some((t) => t.startsWith('$'))) return;
    const [a = '', b = ''] = names;
    const src = names.length === 1 ? findSource(scope, this.key(a)) : findSchemaTable(scope, this.key(a), this.key(b));
    if (src !== undefined) {
      this.markModuleTemp(src);
      return;
    }
    this.report(107, msg.columnPrefix(names.join('.')), n.start);
  }

  private simpleColumn(n: NodeBase, name: string, scope: Scope): void {
    if (PSEUDO_COLUMNS.has(name.toUpperCase())) return;
    const r = resolveColumn(scope, this.key(name));
    if (r.kind === 'missing') this.report(207, msg.invalidColumn(name), n.start);
    else if (r.kind === 'ambiguous') this.report(209, msg.ambiguousColumn(name), n.start);
    else if (r.kind === 'bound') this.markModuleTemp(r.source);
  }

  private qualifiedColumn(n: NodeBase, q: string, c: string, scope: Scope): void {
    const src = findSource(scope, this.key(q));
    if (src !== undefined) {
      this.markModuleTemp(src);
      if (src.columns !== null && !src.columns.has(this.key(c)) && !PSEUDO_COLUMNS.has(c.toUpperCase())) this.missingColumn(c, src, n.start);
      return;
    }
    // `col.Property` of a CLR-typed (geography, hierarchyid …) column.
    if (mayBeColumn(scope, this.key(q))) return;
    this.report(4104, msg.multipartNotBound(`${q}.${c}`), n.start);
  }

  private threePartColumn(n: NodeBase, names: readonly string[], scope: Scope): void {
    const [a = '', b = '', c = ''] = names;
    const table = findSchemaTable(scope, this.key(a), this.key(b));
    if (table !== undefined) {
      this.markModuleTemp(table);
      if (table.columns !== null && !table.columns.has(this.key(c))) this.missingColumn(c, table, n.start);
      return;
    }
    // alias.column.property, column.property.property
    if (findSource(scope, this.key(a)) !== undefined || mayBeColumn(scope, this.key(a))) return;
    this.report(4104, msg.multipartNotBound(names.join('.')), n.start);
  }

  // ---- queries --------------------------------------------------------------------------------

  private withCtes(n: NodeBase): CteEnv | undefined {
    const saved = this.env;
    const ctes = children(n, 'ctes');
    if (ctes.length === 0) return saved;
    const map = new Map<string, ColumnSet | null>();
    this.env = { map, parent: saved };
    for (const cte of ctes) {
      const name = nameOf(cte, 'name');
      if (name === undefined) continue;
      const key = this.key(name);
      if (map.has(key)) this.report(239, msg.duplicateCte(name), cte.start);
      if (children(cte, 'columns').length === 0) checkDerivedNames(child(cte, 'query'), name, cte.start, this.reportFn);
      // A recursive CTE sees itself, with columns not known yet.
      map.set(key, null);
      const query = child(cte, 'query');
      if (query !== undefined) this.query(query, undefined);
      const listed = namesOf(cte, 'columns');
      map.set(key, this.columnSet(listed.length > 0 ? listed : outputNames(query, this.expandStar)));
    }
    return saved;
  }

  private columnSet(names: readonly string[] | undefined): Map<string, string> | null {
    if (names === undefined) return null;
    const out = new Map<string, string>();
    for (const name of names) if (name !== '') out.set(this.key(name), name);
    return out;
  }

  private selectStatement(n: NodeBase, outer: Scope | undefined): void {
    const saved = this.withCtes(n);
    const query = child(n, 'query');
    const orderBy = children(n, 'orderBy');
    if (query?.kind === 'Select') this.select(query, outer, orderBy);
    else {
      if (query !== undefined) this.query(query, outer);
      // ORDER BY of a set operation names the result's columns: not bound here.
      this.visitAll(orderBy, undefined);
    }
    this.visitField(n, 'offset', undefined);
    this.visitField(n, 'option', undefined);
    this.env = saved;
  }

  private query(n: NodeBase, outer: Scope | undefined): void {
    switch (n.kind) {
      case 'Select':
        this.select(n, outer, []);
        return;
      case 'SetOperation':
        this.visitField(n, 'left', outer);
        this.visitField(n, 'right', outer);
        break;
      case 'ParenQuery':
        this.visitField(n, 'query', outer);
        break;
      case 'SelectStatement':
        this.selectStatement(n, outer);
        return;
      default:
        this.visit(n, outer);
        return;
    }
    this.visitField(n, 'orderBy', undefined);
    this.visitField(n, 'offset', undefined);
  }

  private select(n: NodeBase, outer: Scope | undefined, extraOrderBy: readonly NodeBase[]): void {
    const scope = new Scope(outer);
    this.fromClause(children(n, 'from'), scope, outer);
    this.exposedNames(scope);
    checkSelectClauses(n, outer === undefined, this.reportFn);
    for (const item of children(n, 'items')) {
      if (item.kind === 'SelectAssign') this.visitField(item, 'target', undefined);
      const expr = child(item, 'expr');
      if (expr?.kind === 'ColumnRef' && field(expr, 'star') === true) this.starSources.set(n, scope.sources);
      this.visitField(item, 'expr', scope);
    }
    this.visitField(n, 'where', scope);
    this.visitField(n, 'groupBy', scope);
    this.visitField(n, 'having', scope);
    this.visitField(n, 'window', scope);
    this.visitField(n, 'top', undefined);
    const own = children(n, 'orderBy');
    if (own.length > 0 || extraOrderBy.length > 0) {
      const { names, ambiguous } = this.resultNames(n);
      for (const item of own) this.orderByItem(item, scope, names, ambiguous);
      for (const item of extraOrderBy) this.orderByItem(item, scope, names, ambiguous);
    }
    this.visitField(n, 'offset', undefined);
    this.selectInto(n);
  }

  /**
   * An ORDER BY item: a name standing alone is first a result column of the select list — an alias, a
   * column's own name (`SELECT o.Id … ORDER BY Id` with a second Id in FROM is no ambiguity) or a
   * column of a qualified star. "The column alias must be used standalone, and not as a part of some
   * expression in ORDER BY clause" (SELECT - ORDER BY Clause), so inside one (`Amount + 1`, a CASE, a
   * function) only the FROM sources' columns are visible and the alias is Msg 207.
   */
  private orderByItem(item: NodeBase, scope: Scope, names: Set<string> | undefined, ambiguous: ReadonlySet<string> | undefined): void {
    const expr = item.kind === 'OrderByItem' ? child(item, 'expr') : item;
    const bare = expr?.kind === 'ColumnRef' && children(expr, 'parts').length === 1;
    // A qualified star of unknown columns may hold the name.
    if (bare && names === undefined) return;
    if (bare && ambiguous !== undefined) {
      const name = namesOf(expr, 'parts')[0];
      if (name !== undefined && ambiguous.has(this.key(name))) {
        this.report(209, msg.ambiguousColumn(name), expr.start, 'Give the select items different aliases, or order by the expression itself.');
        return;
      }
    }
    if (bare) scope.aliases = names;
    this.visit(item, scope);
    scope.aliases = undefined;
  }

  /**
   * The select list's result column names (normalized), and those an ORDER BY item cannot name alone
   * (Msg 209): two result columns carry the name and are not the same column (`SELECT a AS x, b AS x
   * … ORDER BY x`, `SELECT x, y AS x …`, `SELECT o.Id, l.Id …`). An unqualified `*` adds no names: its
   * columns are the FROM sources', where the item is bound anyway. Names undefined: a qualified star
   * stands for columns not known.
   */
  private resultNames(n: NodeBase): { names: Set<string> | undefined; ambiguous: Set<string> | undefined } {
    const seen = new Map<string, string>();
    let ambiguous: Set<string> | undefined;
    const add = (name: string, what: string): void => {
      const key = this.key(name);
      const before = seen.get(key);
      if (before === undefined) seen.set(key, what);
      else if (!sameResultColumn(before, what)) (ambiguous ??= new Set()).add(key);
    };
    let i = 0;
    for (const item of children(n, 'items')) {
      i++;
      const expr = child(item, 'expr');
      const alias = nameOf(item, 'alias');
      const parts = expr?.kind === 'ColumnRef' ? namesOf(expr, 'parts') : [];
      if (expr?.kind === 'ColumnRef' && field(expr, 'star') === true) {
        const qualifier = parts.at(-1);
        if (qualifier === undefined) continue;
        const columns = this.expandStar(n, expr);
        if (columns === undefined) return { names: undefined, ambiguous: undefined };
        for (const column of columns) add(column, `${this.key(qualifier)}.${this.key(column)}`);
        continue;
      }
      const name = alias ?? parts.at(-1);
      // The same column twice (`a AS x, t.a AS x`) is no ambiguity; any other expression is its own.
      if (name !== undefined) add(name, parts.length > 0 ? parts.map((p) => this.key(p)).join('.') : `#${i}`);
    }
    return { names: new Set(seen.keys()), ambiguous };
  }

  /** Two sources of one FROM with the same exposed name: Msg 1013 (tables without alias) or 1011 (aliases). */
  private exposedNames(scope: Scope): void {
    const sources = scope.sources;
    if (sources.length < 2) return;
    const seen = new Map<string, Source>();
    for (const src of sources) {
      if (src.exposed === '') continue;
      const prior = seen.get(src.exposed);
      if (prior === undefined) {
        seen.set(src.exposed, src);
        continue;
      }
      if (prior.aliased !== true && src.aliased !== true && prior.written !== undefined && src.written !== undefined) this.report(1013, msg.duplicateExposed(prior.written, src.written), src.offset ?? 0);
      else if (prior.aliased === true && src.aliased === true && src.alias !== undefined) this.report(1011, msg.duplicateCorrelation(src.alias), src.offset ?? 0);
      return;
    }
  }

  /** SELECT … INTO #t creates the temporary table with the select list's columns (a second one in the batch or module: Msg 2714). */
  private selectInto(n: NodeBase): void {
    const into = child(n, 'into');
    const parts = objectParts(into);
    if (into === undefined || parts === undefined || !parts.name.startsWith('#')) return;
    this.createTemp(parts.name, this.columnSet(outputNames(n, this.expandStar)), into.start);
  }

  /**
   * CREATE TABLE #t: two in one batch or module (not dropped in between) are Msg 2714 — "If more than one
   * temporary table is created inside a single stored procedure or batch, they must have different names"
   * (CREATE TABLE, Temporary tables), whatever IF branch each is in.
   */
  private createTemp(name: string, columns: Map<string, string> | null, offset: number): void {
    const key = this.key(name);
    // The session keeps a temporary table an earlier batch created until it is dropped.
    if (this.tempCreates.has(key) || (this.sequential() && this.temps.get(key)?.standing === true)) this.report(2714, msg.objectExists(name), offset);
    this.tempCreates.add(key);
    this.addTemp(name, columns);
    const temp = this.temps.get(key);
    if (temp !== undefined) temp.standing = this.sequential();
  }

  private addTemp(name: string, columns: Map<string, string> | null): void {
    const key = this.key(name);
    const known = this.temps.get(key);
    if (known !== undefined && known.columns !== null && columns !== null) for (const [k, v] of columns) known.columns.set(k, v);
    else this.temps.set(key, { columns: known === undefined ? columns : null, inModule: this.module !== 'batch' });
  }

  private fromClause(items: readonly NodeBase[], scope: Scope, outer: Scope | undefined): void {
    for (const item of items) {
      let lateral = outer;
      if (scope.sources.length > 0) {
        lateral = new Scope(outer);
        lateral.sources.push(...scope.sources);
      }
      scope.sources.push(...this.tableSource(item, outer, lateral));
    }
  }

  // ---- table sources --------------------------------------------------------------------------

  /**
   * The sources a FROM item exposes. `outer` is what a derived table's query and an ON condition
   * see beyond their own sources; `lateral` adds what APPLY's right side and a function's arguments
   * also see (the left side, earlier comma-separated items).
   */
  private tableSource(n: NodeBase, outer: Scope | undefined, lateral: Scope | undefined): Source[] {
    const alias = nameOf(n, 'alias');
    switch (n.kind) {
      case 'NamedTable':
        this.visitField(n, 'forSystemTime', undefined);
        this.visitField(n, 'tablesample', undefined);
        return [this.namedTable(n, alias)];
      case 'VariableTable':
        return [this.variableTable(n, alias)];
      case 'DerivedTable': {
        const query = child(n, 'query');
        if (query !== undefined) this.query(query, outer);
        const listed = namesOf(n, 'columns');
        if (listed.length === 0) checkDerivedNames(query, alias ?? '', n.start, this.reportFn);
        return [{ exposed: this.key(alias ?? ''), columns: this.columnSet(listed.length > 0 ? listed : outputNames(query, this.expandStar)) }];
      }
      case 'ValuesTable': {
        this.visitField(n, 'rows', lateral);
        const listed = namesOf(n, 'columns');
        return [{ exposed: this.key(alias ?? ''), columns: listed.length > 0 ? this.columnSet(listed) : null }];
      }
      case 'FunctionTable':
        return [this.functionTable(n, alias, lateral)];
      case 'Join':
        return this.join(n, outer, lateral);
      case 'Pivot':
        return [this.pivot(n, alias, outer, lateral)];
      case 'Unpivot':
        return [this.unpivot(n, alias, outer, lateral)];
      case 'Predict': {
        // PREDICT (MODEL = …, DATA = t AS d) WITH (…) AS p: the query sees the data source by its alias
        // (`d.*`) beside the scores (docs: "PREDICT (Transact-SQL)").
        this.visitField(n, 'model', undefined);
        const data = child(n, 'data');
        const scores = children(n, 'withColumns').map((c) => nameOf(c, 'name') ?? '');
        const own: Source = { exposed: this.key(alias ?? ''), columns: this.columnSet(scores.length > 0 ? scores : undefined) };
        return data === undefined ? [own] : [...this.tableSource(data, outer, lateral), own];
      }
      case 'RowsetFunction': {
        this.visitField(n, 'args', undefined);
        const listed = namesOf(n, 'columnAliases');
        const withColumns = children(n, 'withColumns').map((c) => nameOf(c, 'name') ?? '');
        const names = listed.length > 0 ? listed : withColumns.length > 0 ? withColumns : undefined;
        return [{ exposed: this.key(alias ?? ''), columns: this.columnSet(names) }];
      }
      default:
        this.visitChildren(n, undefined);
        return [{ exposed: this.key(alias ?? ''), columns: null }];
    }
  }

  private namedTable(n: NodeBase, alias: string | undefined): Source {
    const parts = objectParts(child(n, 'name'));
    if (parts === undefined) {
      this.markUnresolved();
      return { exposed: this.key(alias ?? ''), columns: null };
    }
    const r = this.resolveTable(parts);
    if (!r.exists) this.markUnresolved();
    // One object literal with every field: adding fields one by one made each Source walk V8's
    // shape transitions (measured: a quarter of the binder's time on a large payload).
    const src: Source = {
      exposed: this.key(alias ?? parts.name),
      schema: parts.schema === undefined ? undefined : this.key(parts.schema),
      tableKey: objectKey(parts, this.cs),
      aliased: alias !== undefined,
      alias,
      written: parts.schema === undefined ? parts.name : `${parts.schema}.${parts.name}`,
      offset: n.start,
      system: r.system === true,
      columns: r.columns,
      moduleTemp: r.moduleTemp === true,
    };
    if (src.moduleTemp === true) this.markModuleTemp(src);
    return src;
  }

  private resolveTable(parts: NameParts): Resolved {
    if (parts.server !== undefined || parts.database !== undefined) return { exists: false, columns: null };
    const key = this.key(parts.name);
    if (parts.schema === undefined) {
      for (let e = this.env; e !== undefined; e = e.parent) {
        if (e.map.has(key)) return { exists: true, columns: e.map.get(key) ?? null };
      }
      if (parts.name.startsWith('#')) {
        const temp = this.temps.get(key);
        if (temp === undefined) return { exists: false, columns: null };
        return { exists: true, columns: temp.columns, moduleTemp: temp.inModule };
      }
      const upper = parts.name.toUpperCase();
      if (this.triggerColumns !== undefined && (upper === 'INSERTED' || upper === 'DELETED')) return { exists: true, columns: this.triggerColumns };
      if (SYSTEM_TABLES.has(upper)) return { exists: true, columns: null, system: true };
    } else if (SYSTEM_SCHEMAS.has(parts.schema.toUpperCase())) return { exists: true, columns: null, system: true };
    const okey = objectKey(parts, this.cs);
    if (parts.schema === undefined && this.moduleHasOwn(parts.name, okey)) return { exists: true, columns: null };
    const table = this.catalog.tables.get(okey);
    const view = this.catalog.views.get(okey);
    // A name the payload defines both as a table and as a view (different projects): columns unknown.
    if (table !== undefined && view !== undefined) return { exists: true, columns: null };
    const info = table ?? view ?? (parts.schema === undefined ? bareIndex(this.catalog).get(key) : undefined);
    if (info !== undefined && info !== null) return { exists: true, columns: info.complete ? info.columns : null };
    if (info === null || this.catalog.otherObjects.has(okey)) return { exists: true, columns: null };
    return { exists: false, columns: null };
  }

  /**
   * An unqualified name in a module of another schema than dbo, where both that schema and dbo have a
   * table or view of the name: which one it names depends on the default schema it runs under (object
   * visibility: the user's default schema, then dbo), so its columns are not known.
   */
  private moduleHasOwn(name: string, dboKey: string): boolean {
    const schema = this.moduleSchema;
    if (schema === undefined) return false;
    const own = objectKey({ schema, name }, this.cs);
    const has = (key: string): boolean => this.catalog.tables.has(key) || this.catalog.views.has(key);
    return own !== dboKey && has(own) && has(dboKey);
  }

  private variableTable(n: NodeBase, alias: string | undefined): Source {
    const variable = child(n, 'variable');
    const name = variable === undefined ? undefined : str(variable, 'name');
    if (variable === undefined || name === undefined) return { exposed: this.key(alias ?? ''), columns: null };
    this.vars.tableUse(name, variable.start);
    const columns = this.tableVars.get(this.key(name));
    const src: Source = { exposed: this.key(alias ?? name), columns: columns ?? null, tableKey: this.key(name) };
    if (alias !== undefined) src.aliased = true;
    return src;
  }

  private functionTable(n: NodeBase, alias: string | undefined, lateral: Scope | undefined): Source {
    const call = child(n, 'call');
    const exposedOf = (fallback: string): string => this.key(alias ?? fallback);
    if (call === undefined) return { exposed: exposedOf(''), columns: null };
    // The function's name is not checked as a built-in (a table-valued function needs no schema).
    if (call.kind === 'FunctionCall') eachChild(call, (c) => this.argument(c, lateral));
    else this.visit(call, lateral);
    const listed = namesOf(n, 'columns');
    const withColumns = children(n, 'withColumns').map((c) => nameOf(c, 'name') ?? '');
    const nameParts = call.kind === 'FunctionCall' ? namesOf(call, 'name') : [];
    const last = nameParts[nameParts.length - 1] ?? '';
    const src: Source = { exposed: exposedOf(last), columns: null };
    if (listed.length > 0) src.columns = this.columnSet(listed);
    else if (withColumns.length > 0) src.columns = this.columnSet(withColumns);
    else if (nameParts.length === 1) src.columns = this.builtinTableColumns(last);
    else if (nameParts.length === 2) src.columns = this.userFunctionColumns(nameParts[0] ?? '', last, lateral);
    return src;
  }

  private builtinTableColumns(name: string): ColumnSet | null {
    switch (name.toUpperCase()) {
      case 'STRING_SPLIT':
        return this.columnSet(['value', 'ordinal']);
      case 'OPENJSON':
        return this.columnSet(['key', 'value', 'type']);
      case 'GENERATE_SERIES':
        return this.columnSet(['value']);
      default: {
        const info = this.catalog.views.get(objectKey({ name }, this.cs));
        if (info !== undefined) return info.complete ? info.columns : null;
        if (!name.toUpperCase().startsWith('FN_')) this.markUnresolved();
        return null;
      }
    }
  }

  /** `s.f(…)`: a payload table-valued function, or `col.nodes(…)` (a method: its columns come from the alias list). */
  private userFunctionColumns(schema: string, name: string, lateral: Scope | undefined): ColumnSet | null {
    const key = this.key(schema);
    if (findSource(lateral, key) !== undefined || mayBeColumn(lateral, key)) return null;
    const info = this.catalog.views.get(objectKey({ schema, name }, this.cs));
    if (info !== undefined) return info.complete ? info.columns : null;
    if (!SYSTEM_SCHEMAS.has(schema.toUpperCase())) this.markUnresolved();
    return null;
  }

  private join(n: NodeBase, outer: Scope | undefined, lateral: Scope | undefined): Source[] {
    const left = child(n, 'left');
    const right = child(n, 'right');
    const leftSources = left === undefined ? [] : this.tableSource(left, outer, lateral);
    let rightSources: Source[] = [];
    if (right !== undefined) {
      if (APPLY.has(str(n, 'joinType') ?? '')) {
        const sees = new Scope(lateral);
        sees.sources.push(...leftSources);
        rightSources = this.tableSource(right, sees, sees);
      } else rightSources = this.tableSource(right, outer, lateral);
    }
    const all = [...leftSources, ...rightSources];
    const on = child(n, 'on');
    if (on !== undefined) {
      const scope = new Scope(outer);
      scope.sources.push(...all);
      this.visit(on, scope);
    }
    return all;
  }

  private sourceScope(n: NodeBase, outer: Scope | undefined, lateral: Scope | undefined): { scope: Scope; columns: Map<string, string> | null } {
    const source = child(n, 'source');
    const sources = source === undefined ? [] : this.tableSource(source, outer, lateral);
    const scope = new Scope(outer);
    scope.sources.push(...sources);
    let columns: Map<string, string> | null = new Map();
    for (const s of sources) {
      if (s.columns === null) columns = null;
      else if (columns !== null) for (const [k, v] of s.columns) columns.set(k, v);
    }
    return { scope, columns };
  }

  /** PIVOT: the source's columns, less the aggregated and pivoted ones, plus the IN values. */
  private pivot(n: NodeBase, alias: string | undefined, outer: Scope | undefined, lateral: Scope | undefined): Source {
    const { scope, columns } = this.sourceScope(n, outer, lateral);
    const aggregate = child(n, 'aggregate');
    const column = child(n, 'column');
    if (aggregate !== undefined) this.visit(aggregate, scope);
    if (column !== undefined) this.visit(column, scope);
    if (columns !== null) {
      if (aggregate !== undefined) this.removeColumnRefs(aggregate, columns);
      if (column !== undefined) this.removeColumnRefs(column, columns);
      for (const v of namesOf(n, 'values')) columns.set(this.key(v), v);
    }
    return { exposed: this.key(alias ?? ''), columns };
  }

  /** UNPIVOT: the source's columns, less the unpivoted ones, plus the value and name columns. */
  private unpivot(n: NodeBase, alias: string | undefined, outer: Scope | undefined, lateral: Scope | undefined): Source {
    const { scope, columns } = this.sourceScope(n, outer, lateral);
    this.visitField(n, 'columns', scope);
    if (columns !== null) {
      for (const c of children(n, 'columns')) this.removeColumnRefs(c, columns);
      for (const key of ['valueColumn', 'nameColumn']) {
        const name = nameOf(n, key);
        if (name !== undefined) columns.set(this.key(name), name);
      }
    }
    return { exposed: this.key(alias ?? ''), columns };
  }

  private removeColumnRefs(n: NodeBase, columns: Map<string, string>): void {
    if (n.kind === 'ColumnRef') {
      const parts = namesOf(n, 'parts');
      const last = parts[parts.length - 1];
      if (last !== undefined) columns.delete(this.key(last));
      return;
    }
    eachChild(n, (c) => this.removeColumnRefs(c, columns));
  }

  // ---- data modification ----------------------------------------------------------------------

  private insert(n: NodeBase): void {
    const saved = this.withCtes(n);
    const target = child(n, 'target');
    const targetSource = target === undefined ? undefined : this.tableSource(target, undefined, undefined)[0];
    const columns = targetSource?.columns ?? null;
    if (columns !== null) this.checkTargetColumns(children(n, 'columns'), columns);
    const source = child(n, 'source');
    if (source?.kind === 'ValuesSource') {
      checkValuesRows(source, this.reportFn);
      if (children(n, 'columns').length === 0 && target !== undefined) this.insertCount(target, source);
    }
    if (source?.kind === 'Select') this.select(source, undefined, children(n, 'orderBy'));
    else if (source !== undefined) {
      // VALUES rows see no table: their names are not columns (Msg 128), not bound here.
      if (QUERY_KINDS.has(source.kind)) this.query(source, undefined);
      else this.visit(source, undefined);
      this.visitField(n, 'orderBy', undefined);
    }
    this.visitField(n, 'top', undefined);
    this.output(child(n, 'output'), [{ exposed: 'inserted', columns }]);
    this.env = saved;
  }

  /** INSERT without a column list: each row gives a value for every column but identity and computed ones (Msg 213). */
  private insertCount(target: NodeBase, source: NodeBase): void {
    if (target.kind !== 'NamedTable') return;
    const parts = objectParts(child(target, 'name'));
    if (parts === undefined || parts.database !== undefined || parts.name.startsWith('#')) return;
    const info = this.catalog.tables.get(objectKey(parts, this.cs));
    const expected = info?.insertable;
    if (info === undefined || !info.complete || expected === undefined || expected < 0 || this.catalog.views.has(objectKey(parts, this.cs))) return;
    for (const row of children(source, 'rows')) {
      if (children(row, 'values').length !== expected) {
        this.report(213, msg.insertCount, row.start);
        return;
      }
    }
  }

  /** The target of UPDATE / DELETE: an exposed name of FROM, or the table itself (added to the scope). */
  private dmlTarget(target: NodeBase | undefined, scope: Scope): Source {
    if (target === undefined) return { exposed: '', columns: null };
    if (target.kind === 'NamedTable' && field(target, 'alias') === undefined) {
      const parts = objectParts(child(target, 'name'));
      const src = parts === undefined ? undefined : scope.find(this.key(parts.name));
      if (src !== undefined) return src;
    }
    const src = this.tableSource(target, undefined, undefined)[0] ?? { exposed: '', columns: null };
    const same = src.tableKey === undefined ? undefined : scope.sources.find((s) => s.tableKey === src.tableKey);
    if (same !== undefined) return same;
    scope.sources.push(src);
    return src;
  }

  private update(n: NodeBase): void {
    const saved = this.withCtes(n);
    const scope = new Scope(undefined);
    this.fromClause(children(n, 'from'), scope, undefined);
    const target = this.dmlTarget(child(n, 'target'), scope);
    for (const set of children(n, 'sets')) this.setClause(set, target, scope);
    this.visitField(n, 'where', scope);
    this.visitField(n, 'currentOf', undefined);
    this.visitField(n, 'top', undefined);
    this.output(child(n, 'output'), [{ exposed: 'inserted', columns: target.columns }, { exposed: 'deleted', columns: target.columns, qualifierOnly: true }, ...outputSources(scope.sources, target)]);
    this.env = saved;
  }

  private delete(n: NodeBase): void {
    const saved = this.withCtes(n);
    const scope = new Scope(undefined);
    this.fromClause(children(n, 'from'), scope, undefined);
    const target = this.dmlTarget(child(n, 'target'), scope);
    this.visitField(n, 'where', scope);
    this.visitField(n, 'currentOf', undefined);
    this.visitField(n, 'top', undefined);
    this.output(child(n, 'output'), [{ exposed: 'deleted', columns: target.columns }, ...outputSources(scope.sources, target)]);
    this.env = saved;
  }

  private merge(n: NodeBase): void {
    const saved = this.withCtes(n);
    const targetNode = child(n, 'target');
    const sourceNode = child(n, 'source');
    const target = (targetNode === undefined ? undefined : this.tableSource(targetNode, undefined, undefined)[0]) ?? { exposed: '', columns: null };
    const scope = new Scope(undefined);
    scope.sources.push(target);
    const sources = sourceNode === undefined ? [] : this.tableSource(sourceNode, undefined, undefined);
    scope.sources.push(...sources);
    this.visitField(n, 'on', scope);
    let sourceOnly: Scope | undefined;
    let targetOnly: Scope | undefined;
    for (const clause of children(n, 'clauses')) {
      const when = str(clause, 'when');
      let sees = scope;
      if (when === 'NOT MATCHED') sees = sourceOnly ??= mergeSideScope([target], sources);
      else if (when === 'NOT MATCHED BY SOURCE') sees = targetOnly ??= mergeSideScope(sources, [target]);
      this.visitField(clause, 'condition', sees);
      for (const set of children(clause, 'sets')) this.setClause(set, target, sees);
      if (target.columns !== null) this.checkTargetColumns(children(clause, 'columns'), target.columns);
      this.visitField(clause, 'values', sees);
    }
    this.visitField(n, 'top', undefined);
    this.output(child(n, 'output'), [{ exposed: 'inserted', columns: target.columns }, { exposed: 'deleted', columns: target.columns, qualifierOnly: true }, ...outputSources(scope.sources, target)]);
    this.env = saved;
  }

  private checkTargetColumns(idents: readonly NodeBase[], columns: ColumnSet): void {
    for (const ident of idents) {
      const name = nameText(ident);
      // Graph pseudo-columns: INSERT INTO edge ($from_id, $to_id).
      if (name !== undefined && !name.startsWith('$') && !columns.has(this.key(name))) this.report(207, msg.invalidColumn(name), ident.start);
    }
  }

  private setClause(set: NodeBase, target: Source, scope: Scope): void {
    for (const key of ['target', 'column']) {
      const t = child(set, key);
      if (t === undefined) continue;
      if (t.kind === 'ColumnRef') this.targetColumn(t, target, scope);
      else this.visit(t, undefined);
    }
    this.visitField(set, 'expr', scope);
    this.visitField(set, 'args', scope);
  }

  /** The left side of SET: a column of the target (or `alias.col` of a FROM source). */
  private targetColumn(ref: NodeBase, target: Source, scope: Scope): void {
    const names = namesOf(ref, 'parts');
    const column = names[names.length - 1];
    if (column === undefined || column.startsWith('$')) return;
    let src: Source | undefined = target;
    if (names.length === 2) {
      src = findSource(scope, this.key(names[0] ?? ''));
      // `SET Location.Srid = 4326`: a property of a CLR-typed column (UPDATE: udt_column_name.property_name = expression).
      if (src === undefined && mayBeColumn(scope, this.key(names[0] ?? ''))) return;
      if (src === undefined) {
        this.report(4104, msg.multipartNotBound(names.join('.')), ref.start);
        return;
      }
    } else if (names.length > 2) return;
    if (src.columns !== null && !src.columns.has(this.key(column))) this.missingColumn(column, src, ref.start);
  }

  private output(out: NodeBase | undefined, sources: readonly Source[]): void {
    if (out === undefined) return;
    const scope = new Scope(undefined);
    scope.sources.push(...sources);
    for (const item of children(out, 'items')) this.visitField(item, 'expr', scope);
    const into = child(out, 'into');
    if (into !== undefined) {
      const target = this.tableSource(into, undefined, undefined)[0];
      if (target?.columns !== undefined && target.columns !== null) this.checkTargetColumns(children(out, 'intoColumns'), target.columns);
    }
    this.output(child(out, 'thenOutput'), sources);
  }

  // ---- table definitions ----------------------------------------------------------------------

  /** What a FOREIGN KEY's REFERENCES names: a payload table with its columns, something unknown, or nothing at all. */
  private lookupReferenced(n: NodeBase): TableLookup {
    // After a USE the payload describes nothing there: a table not found is unknown, never missing.
    if (this.state.otherDatabase === true) return { status: 'unknown' };
    const parts = objectParts(n);
    if (parts === undefined || parts.database !== undefined || parts.server !== undefined || parts.name.startsWith('#')) return { status: 'unknown' };
    if (parts.schema !== undefined && SYSTEM_SCHEMAS.has(parts.schema.toUpperCase())) return { status: 'unknown' };
    const okey = objectKey(parts, this.cs);
    const exact = this.catalog.tables.get(okey);
    const info = exact ?? (parts.schema === undefined ? bareIndex(this.catalog).get(this.key(parts.name)) : undefined);
    if (info !== undefined && info !== null) {
      if (!info.complete) return { status: 'unknown' };
      // Keys only of the table the name certainly means, and only when every batch parsed.
      const keys = exact === undefined || this.catalog.keysUncertain ? undefined : (this.catalog.keys.get(okey) ?? { keys: new Set<string>() });
      return keys === undefined ? { status: 'known', columns: info.columns } : { status: 'known', columns: info.columns, keys };
    }
    if (info === null || this.catalog.views.has(okey) || this.catalog.otherObjects.has(okey) || this.catalog.uncertainNames.has(this.key(parts.name))) return { status: 'unknown' };
    return { status: 'missing' };
  }

  /** Columns of a table as the catalog (or the batch, for #temp) knows them; null when unknown. */
  private knownColumns(parts: NameParts): ColumnSet | null {
    if (parts.database !== undefined || parts.server !== undefined) return null;
    if (parts.name.startsWith('#')) return this.temps.get(this.key(parts.name))?.columns ?? null;
    const okey = objectKey(parts, this.cs);
    const info = this.catalog.tables.get(okey) ?? this.catalog.views.get(okey);
    return info !== undefined && info.complete ? info.columns : null;
  }

  /** Whether this statement runs in order at the script's top level (not in a module, not under IF). */
  private sequential(): boolean {
    return this.module === 'batch' && this.conditional === 0;
  }

  private createTable(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    const elements = children(n, 'elements');
    const table = parts?.name ?? '';
    const added = checkTableElements({ table, elements, existing: new Map(), createTable: true }, this.ddl);
    // A table a module creates is created when it runs: its definition is not bound at CREATE.
    this.tableExpressions(elements, table, this.module !== 'batch' ? null : added);
    if (parts === undefined) return;
    if (table.startsWith('#')) this.createTemp(table, added, child(n, 'name')?.start ?? n.start);
    else if (this.sequential()) this.state.tables.set(objectKey(parts, this.cs), new Set(added.keys()));
  }

  private alterTable(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    const action = child(n, 'action');
    if (parts === undefined || action === undefined) return;
    const okey = objectKey(parts, this.cs);
    const tracked = this.sequential() ? this.state.tables.get(okey) : undefined;
    if (action.kind === 'AlterTableAdd') {
      const elements = children(action, 'elements');
      // A column the table already has is Msg 2705 of the deploy-order pass (objects.ts).
      const existing = this.knownColumns(parts);
      const added = checkTableElements({ table: parts.name, elements, existing }, this.ddl);
      const bound = existing !== null && !parts.name.startsWith('#') && this.module === 'batch';
      this.tableExpressions(elements, parts.name, bound ? new Map([...existing, ...added]) : null);
      if (tracked !== undefined) for (const k of added.keys()) tracked.add(k);
      if (parts.name.startsWith('#')) this.addTemp(parts.name, added);
      return;
    }
    if (action.kind === 'AlterTableDrop' && tracked !== undefined) {
      for (const item of children(action, 'items')) {
        const name = nameOf(item, 'name');
        if (str(item, 'what') === 'COLUMN' && name !== undefined) tracked.delete(this.key(name));
      }
    }
    this.visitChildren(action, undefined);
  }

  private createIndex(n: NodeBase): void {
    const parts = objectParts(child(n, 'table'));
    const columns = parts === undefined || parts.name.startsWith('#') || this.module !== 'batch' ? null : this.knownColumns(parts);
    if (parts !== undefined && str(n, 'indexType') !== 'FULLTEXT') checkIndexColumns(n, this.knownColumns(parts), this.ddl);
    // A filtered index's WHERE names columns of its table (Msg 207 for one it lacks).
    this.visitField(n, 'where', columns === null ? undefined : this.tableScope(parts?.name ?? '', columns));
  }

  private createType(n: NodeBase): void {
    const elements = children(n, 'elements');
    if (elements.length === 0) return;
    const table = nameOf(n, 'name') ?? '';
    this.tableExpressions(elements, table, checkTableElements({ table, elements, existing: new Map() }, this.ddl));
  }

  private tableScope(table: string, columns: ColumnSet): Scope {
    const scope = new Scope(undefined);
    scope.sources.push({ exposed: this.key(table), columns });
    return scope;
  }

  /**
   * A table definition's elements. A computed column's expression and a table-level CHECK name
   * columns of the table itself: one it does not have is Msg 207 (columns null: not known, not bound).
   */
  private tableExpressions(elements: readonly NodeBase[], table: string, columns: ColumnSet | null): void {
    const scope = columns === null ? undefined : this.tableScope(table, columns);
    for (const e of elements) {
      if (scope !== undefined && e.kind === 'ColumnDefinition') {
        this.visitField(e, 'computed', scope);
        for (const c of children(e, 'constraints')) this.visit(c, undefined);
        this.visitField(e, 'index', undefined);
      } else if (scope !== undefined && e.kind === 'TableConstraint' && str(e, 'constraintType') === 'CHECK') this.visitField(e, 'check', scope);
      else this.visit(e, undefined);
    }
  }

  private dropObjects(n: NodeBase): void {
    if (str(n, 'objectType') !== 'TABLE') return;
    for (const name of children(n, 'names')) {
      const parts = objectParts(name);
      if (parts === undefined) continue;
      // A DROP between two CREATEs of one temporary table does not help: the batch or module is compiled
      // whole, and the second CREATE is still Msg 2714 (tempCreates keeps the name).
      if (parts.name.startsWith('#')) this.temps.delete(this.key(parts.name));
      else if (this.sequential()) this.state.tables.delete(objectKey(parts, this.cs));
    }
  }

  // ---- modules --------------------------------------------------------------------------------

  private module_(n: NodeBase, kind: ModuleKind): void {
    const savedModule = this.module;
    const savedTemps = this.temps;
    const savedTrigger = this.triggerColumns;
    const savedCreates = this.tempCreates;
    const savedSchema = this.moduleSchema;
    this.tempCreates = new Set();
    this.module = kind;
    // A DML trigger is in its table's schema.
    this.moduleSchema = objectParts(child(n, 'name'))?.schema ?? (kind === 'trigger' ? objectParts(child(n, 'target'))?.schema : undefined);
    if (kind !== 'view') this.temps = new Map();
    try {
      this.parameters(n);
      if (kind === 'trigger') this.triggerColumns = this.triggerTable(n);
      const returns = child(n, 'returns');
      if (returns?.kind === 'TableVariableReturns') this.returnsTable(returns);
      this.visitField(n, 'body', undefined);
      const query = child(n, 'query');
      if (query !== undefined && children(n, 'columns').length === 0 && (kind === 'view' || returns?.kind === 'InlineTableReturns')) {
        checkModuleColumns(query, objectParts(child(n, 'name'))?.name ?? '', this.cs, n.start, (code, message, offset) => this.findings.error(code, message, offset));
      }
      if (query !== undefined) {
        if (QUERY_KINDS.has(query.kind) && query.kind !== 'SelectStatement') this.statementQuery(query);
        else this.visit(query, undefined);
      }
    } finally {
      this.module = savedModule;
      this.temps = savedTemps;
      this.triggerColumns = savedTrigger;
      this.tempCreates = savedCreates;
      this.moduleSchema = savedSchema;
    }
  }

  /** A bare query (a view's or inline function's) bound as a statement of its own. */
  private statementQuery(query: NodeBase): void {
    const frame: Frame = { unresolved: false, moduleTemp: false, pending: [] };
    this.frames.push(frame);
    try {
      this.query(query, undefined);
    } finally {
      this.frames.pop();
    }
    if (!frame.unresolved) for (const p of frame.pending) this.findings.error(p.code, p.message, p.offset);
  }

  /** `IF UPDATE (column)` in a DML trigger names a column of the trigger's table (Msg 207 for one it lacks). */
  private updatedColumn(n: NodeBase): void {
    const ident = child(n, 'column');
    const name = ident === undefined ? undefined : nameText(ident);
    const columns = this.triggerColumns;
    if (ident === undefined || name === undefined || columns === undefined || columns === null) return;
    if (!columns.has(this.key(name))) this.missingColumn(name, undefined, ident.start);
  }

  private triggerTable(n: NodeBase): ColumnSet | null | undefined {
    const target = child(n, 'target');
    const parts = objectParts(target);
    if (parts === undefined) return undefined;
    return this.knownColumns(parts);
  }

  private returnsTable(returns: NodeBase): void {
    const name = str(returns, 'name');
    const elements = children(returns, 'elements');
    const columns = checkTableElements({ table: name ?? '', elements, existing: new Map() }, this.ddl);
    if (name === undefined) return;
    this.vars.declare(name, returns.start, 'table');
    this.tableVars.set(this.key(name), columns);
  }
}

/** Whether two select items are the same column: equal names, or one unqualified and the other's last part (`a`, `t.a`). */
function sameResultColumn(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}
