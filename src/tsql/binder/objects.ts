// The payload's objects in deploy order: Msg 2714 (an object, constraint or schema created when one
// of that name already exists), 219 (a type), 1913 (an index name taken on its table), 2705 (ALTER
// TABLE ADD of a column the table already has, from any earlier script) and 1767 (a FOREIGN KEY to a
// table its script creates only after it).
//
// Only what certainly runs counts: a CREATE at the top level of a batch (not under IF / WHILE / TRY,
// not inside a module body, not in dynamic SQL). A guarded or conditional CREATE makes the name
// "maybe there" (never a finding for it); a DROP anywhere makes it absent. Anything that may change
// objects we cannot see (a batch that did not parse, sp_rename, dynamic SQL built at run time, a
// procedure that drops or runs dynamic SQL, one the payload does not define) starts a new epoch: what
// was known before is only "maybe" from then on. Each script starts in the payload's database; what it
// creates after a USE of another one is that database's, and never collides with the payload's objects.
import type { NodeBase } from '../parser/ast.js';
import { msg } from './messages.js';
import { fkName } from './ddl-checks.js';
import { child, children, columnIdent, field, nameOf, nameText, objectParts, str, type NameParts } from './nodes.js';
import type { BinderDiagnostic } from './types.js';

interface Known {
  /** The epoch in which it was certainly created; -1 when only maybe there. */
  epoch: number;
}

interface TableState extends Known {
  /** Columns with whether they are certainly there (false: added under a guard). */
  columns: Map<string, boolean> | null;
  /** Constraint object keys (dropped with the table). */
  constraints: string[];
  /** Index names (normalized) on the table, with the epoch each was certainly created in. */
  indexes: Map<string, number>;
}

/** Statements under which another statement may not run. */
const CONDITIONAL = new Set(['If', 'While', 'TryCatch']);

/** Module definitions: their bodies run later, not when the batch runs. */
const MODULES = new Set(['CreateProcedure', 'CreateFunction', 'CreateTrigger']);

/** CREATE statements of schema-scoped objects sharing the object namespace (sys.objects). */
const OBJECT_CREATES = new Set(['CreateView', 'CreateProcedure', 'CreateFunction', 'CreateTrigger', 'CreateSequence', 'CreateSynonym', 'CreateDefault', 'CreateRule', 'CreateAggregate', 'CreateQueue']);

/** System procedures that never create, drop or rename objects of the payload's kind (prefix match on the rest). */
const RISKY_SYSTEM_WORDS = ['drop', 'rename', 'exec', 'foreach', 'remove', 'delete'];

export class DeployTracker {
  readonly findings = new Map<string, BinderDiagnostic[]>();
  private readonly objects = new Map<string, number>();
  private readonly types = new Map<string, number>();
  private readonly schemas = new Map<string, number>();
  private readonly tables = new Map<string, TableState>();
  /** Payload procedures: whether running one may change objects (drops, dynamic SQL, nested EXEC). */
  private readonly procedures = new Map<string, boolean>();
  private epoch = 0;
  private path = '';
  private batch = 0;
  private conditional = 0;
  private module = 0;
  private dynamic = 0;
  /**
   * The database the script's connection is in: '' for the payload's own (each script starts there),
   * else the one a USE named, with a generation each CREATE or DROP DATABASE of it starts anew (a new
   * database holds none of the old one's objects); undefined when not known (a USE under IF).
   */
  private database: string | undefined = '';
  private readonly databaseGenerations = new Map<string, number>();
  /** The database outside each dynamic SQL batch being visited (a USE inside one ends with it). */
  private readonly databasesOutside: (string | undefined)[] = [];
  /** Foreign keys to a table not there when they run (Msg 1767 when only their own script creates it, later). */
  private readonly laterReferences: { path: string; batch: number; offset: number; key: string; name: string; message: string }[] = [];
  /** The scripts that create each table (CREATE TABLE, SELECT … INTO; guarded or not). */
  private readonly tableScripts = new Map<string, Set<string>>();
  private readonly cs: boolean;

  /** The payload's database, when known: a USE of it comes back to the payload's objects. */
  private readonly payloadDatabase: string | undefined;

  constructor(caseSensitive: boolean, payloadDatabase?: string) {
    this.cs = caseSensitive;
    this.payloadDatabase = payloadDatabase;
  }

  private key(s: string): string {
    return this.cs ? s : s.toLowerCase();
  }

  private objectKey(parts: NameParts): string {
    return this.inDatabase(`${this.key(parts.schema ?? 'dbo')}.${this.key(parts.name)}`);
  }

  /** A name's key in the database the connection is in: objects of two databases never collide. */
  private inDatabase(key: string): string {
    return this.database === '' || this.database === undefined ? key : `${this.database}\u0000${key}`;
  }

  /** Whether the statement being visited certainly runs, in order, in a known database, when its batch runs. */
  private certain(): boolean {
    return this.conditional === 0 && this.module === 0 && this.dynamic === 0 && this.database !== undefined;
  }

  /** Findings so far: a statement that adds one is rejected by SQL Server and changes nothing. */
  private count = 0;
  /** Where each name of a namespace was certainly created (for the finding's hint). */
  private readonly origins = new Map<Map<string, number>, Map<string, { path: string; batch: number }>>();
  private firstAt: { path: string; batch: number } | undefined;

  private report(code: number, message: string, offset: number): void {
    this.count++;
    let list = this.findings.get(this.path);
    if (list === undefined) this.findings.set(this.path, (list = []));
    const first = this.firstAt;
    const where = first === undefined ? '' : first.path === this.path ? ` Created before in batch ${first.batch + 1} of this script.` : ` Created before in ${first.path} (batch ${first.batch + 1}).`;
    const hint = `SQL Server fails the second CREATE.${where} Drop it first, guard the CREATE (IF OBJECT_ID(…) IS NULL) or use CREATE OR ALTER.`;
    list.push({ code, severity: 'error', message, offset, batch: this.batch, hint });
  }

  // ---- position ---------------------------------------------------------------------------------

  startBatch(path: string, batch: number, parsed: boolean): void {
    // Each script runs on its own connection, in the payload's database until a USE.
    if (batch === 0 || path !== this.path) this.database = '';
    this.path = path;
    this.batch = batch;
    this.conditional = 0;
    this.module = 0;
    // What a batch that did not parse does is unknown.
    if (!parsed) this.epoch++;
  }

  enterDynamic(): void {
    this.dynamic++;
    this.databasesOutside.push(this.database);
  }

  leaveDynamic(): void {
    this.dynamic--;
    this.database = this.databasesOutside.pop() ?? '';
  }

  /** Called for every container statement before its children are visited (then `leave`). */
  enter(n: NodeBase): void {
    if (CONDITIONAL.has(n.kind)) this.conditional++;
    else if (MODULES.has(n.kind)) this.module++;
  }

  leave(n: NodeBase): void {
    if (CONDITIONAL.has(n.kind)) this.conditional--;
    else if (MODULES.has(n.kind)) this.module--;
  }

  // ---- the namespace ----------------------------------------------------------------------------

  /** A name created in `map`: the finding when it is certainly there already. Returns whether it was created now. */
  private create(map: Map<string, number>, key: string, report: () => void): boolean {
    const known = map.get(key);
    if (!this.certain()) {
      if (known === undefined) map.set(key, -1);
      return false;
    }
    if (known === this.epoch) {
      this.firstAt = this.origins.get(map)?.get(key);
      report();
      this.firstAt = undefined;
      return false;
    }
    map.set(key, this.epoch);
    let origins = this.origins.get(map);
    if (origins === undefined) this.origins.set(map, (origins = new Map()));
    origins.set(key, { path: this.path, batch: this.batch });
    return true;
  }

  private drop(map: Map<string, number>, key: string): void {
    if (this.module > 0) {
      // A module's DROP runs later, maybe: the name is maybe there from now on.
      if (map.has(key)) map.set(key, -1);
      return;
    }
    map.delete(key);
  }

  private createObject(parts: NameParts, offset: number): boolean {
    return this.create(this.objects, this.objectKey(parts), () => this.report(2714, msg.objectExists(parts.name), offset));
  }

  // ---- statements -------------------------------------------------------------------------------

  /** Tracks a statement; returns false when SQL Server rejects it (then it defines nothing). */
  statement(n: NodeBase): boolean {
    const before = this.count;
    this.track(n);
    return this.count === before;
  }

  private track(n: NodeBase): void {
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
      case 'CreateSchema':
        this.createSchema(n);
        return;
      case 'Use':
        this.use(n);
        return;
      case 'CreateDatabase':
        this.newDatabase(nameOf(n, 'name'));
        return;
      case 'DropObjects':
        this.dropObjects(n);
        return;
      case 'Execute':
        this.execute(n);
        return;
      case 'SelectStatement':
        this.selectInto(n);
        return;
      default:
        if (OBJECT_CREATES.has(n.kind)) this.createModuleOrObject(n);
    }
  }

  private createModuleOrObject(n: NodeBase): void {
    if (n.kind === 'CreateProcedure') this.procedures.set(this.objectKeyOf(n) ?? '', mayChangeObjects(children(n, 'body')));
    // CREATE OR ALTER and ALTER never fail for an existing object.
    if (field(n, 'orAlter') === true || str(n, 'verb') === 'ALTER') return;
    const nameNode = child(n, 'name');
    let parts = objectParts(nameNode);
    if (parts === undefined || nameNode === undefined) return;
    if (n.kind === 'CreateTrigger') {
      // A DDL trigger (ON DATABASE / ALL SERVER) is not schema-scoped; a DML trigger takes its table's schema.
      const target = child(n, 'target');
      if (target === undefined) return;
      const schema = objectParts(target)?.schema;
      if (parts.schema === undefined && schema !== undefined) parts = { ...parts, schema };
    }
    if (parts.database !== undefined || parts.name.startsWith('#')) return;
    this.createObject(parts, nameNode.start);
  }

  private objectKeyOf(n: NodeBase): string | undefined {
    const parts = objectParts(child(n, 'name'));
    return parts === undefined ? undefined : this.objectKey(parts);
  }

  private createTable(n: NodeBase): void {
    const nameNode = child(n, 'name');
    const parts = objectParts(nameNode);
    if (parts === undefined || nameNode === undefined || parts.database !== undefined || parts.name.startsWith('#')) return;
    const key = this.objectKey(parts);
    this.createdBy(key);
    if (!this.createObject(parts, nameNode.start)) {
      // Failed (2714) or maybe created: what we knew of the table stays; a new one is only maybe.
      if (!this.certain() && !this.tables.has(key)) this.tables.set(key, { epoch: -1, columns: null, constraints: [], indexes: new Map() });
      return;
    }
    const state: TableState = { epoch: this.epoch, columns: new Map(), constraints: [], indexes: new Map() };
    this.tables.set(key, state);
    if (str(n, 'tableType') === 'FILETABLE') state.columns = null;
    this.elements(parts, state, children(n, 'elements'), false);
  }

  /** Columns, constraints and inline indexes of CREATE TABLE or ALTER TABLE ADD. */
  private elements(parts: NameParts, state: TableState, elements: readonly NodeBase[], adding: boolean): void {
    const certain = this.certain();
    // A name twice in the statement itself is the binder's Msg 2705 (ddl-checks.ts), not reported again here.
    const own = new Set<string>();
    for (const e of elements) {
      if (e.kind === 'ColumnDefinition') {
        const ident = child(e, 'name');
        const name = ident === undefined ? undefined : nameText(ident);
        if (ident !== undefined && name !== undefined && state.columns !== null) {
          const k = this.key(name);
          const repeated = own.has(k);
          own.add(k);
          if (adding && certain && !repeated && state.epoch === this.epoch && state.columns.get(k) === true) this.report(2705, msg.duplicateColumn(name, tableWritten(parts)), ident.start);
          else if (!state.columns.has(k) || certain) state.columns.set(k, certain && state.epoch === this.epoch);
        }
        for (const c of children(e, 'constraints')) {
          this.constraint(parts, state, c);
          this.reference(parts, c, name ?? '');
        }
        const index = child(e, 'index');
        if (index !== undefined) this.index(parts, state, index, false);
      } else if (e.kind === 'TableConstraint') {
        this.constraint(parts, state, e);
        const own = children(e, 'keyColumns');
        const first = (own.length > 0 ? own : children(e, 'columns'))[0];
        this.reference(parts, e, first === undefined ? '' : (nameText(columnIdent(first)) ?? ''));
      }
      else if (e.kind === 'InlineIndex') this.index(parts, state, e, false);
    }
  }

  private constraint(parts: NameParts, state: TableState, c: NodeBase): void {
    const ident = child(c, 'name');
    const name = ident === undefined ? undefined : nameText(ident);
    if (ident === undefined || name === undefined) return;
    const key = this.objectKey({ schema: parts.schema ?? 'dbo', name });
    this.create(this.objects, key, () => this.report(2714, msg.objectExists(name), ident.start));
    state.constraints.push(key);
    const type = str(c, 'constraintType');
    // PRIMARY KEY and UNIQUE constraints are backed by an index of their name.
    if (type === 'PRIMARY KEY' || type === 'UNIQUE') this.indexName(state, this.key(name));
  }

  /**
   * A FOREIGN KEY to a table that is not there when the statement runs (never created so far, or
   * dropped): Msg 1767 if only this script creates that table, later (decided in `finish`, once every
   * script is read). A table another script creates may be deployed first: nothing is said of it.
   */
  private reference(parts: NameParts, c: NodeBase, column: string): void {
    const references = child(c, 'references');
    const tableNode = references === undefined ? undefined : child(references, 'table');
    const target = objectParts(tableNode);
    if (tableNode === undefined || target === undefined || !this.certain() || target.database !== undefined || target.name.startsWith('#')) return;
    const key = this.objectKey(target);
    if (this.objects.has(key)) return;
    const written = target.schema === undefined ? target.name : `${target.schema}.${target.name}`;
    const message = msg.fkInvalidTable(fkName(c, parts.name, column), written);
    this.laterReferences.push({ path: this.path, batch: this.batch, offset: tableNode.start, key, name: this.key(target.name), message });
  }

  /** Records the script that creates a table (certainly or not). */
  private createdBy(key: string): void {
    let scripts = this.tableScripts.get(key);
    if (scripts === undefined) this.tableScripts.set(key, (scripts = new Set()));
    scripts.add(this.path);
  }

  /** Msg 1767 for the foreign keys to a table only their own script creates, after them. `uncertain`: names a batch that did not parse may define. */
  finish(uncertain: ReadonlySet<string>): void {
    for (const r of this.laterReferences) {
      const scripts = this.tableScripts.get(r.key);
      if (scripts?.size !== 1 || !scripts.has(r.path) || uncertain.has(r.name)) continue;
      let list = this.findings.get(r.path);
      if (list === undefined) this.findings.set(r.path, (list = []));
      list.push({ code: 1767, severity: 'error', message: r.message, offset: r.offset, batch: r.batch, hint: 'The referenced table is created later in this script: create it before the table that references it, or add the foreign key after it (ALTER TABLE … ADD CONSTRAINT).' });
    }
  }

  private indexName(state: TableState, key: string): void {
    if (!state.indexes.has(key) || this.certain()) state.indexes.set(key, this.certain() ? this.epoch : -1);
  }

  private index(parts: NameParts, state: TableState, n: NodeBase, dropExisting: boolean): void {
    const ident = child(n, 'name');
    const name = ident === undefined ? undefined : nameText(ident);
    if (ident === undefined || name === undefined) return;
    const key = this.key(name);
    if (!dropExisting && this.certain() && state.epoch === this.epoch && state.indexes.get(key) === this.epoch) {
      this.report(1913, msg.indexExists(name, tableWritten(parts)), ident.start);
      return;
    }
    this.indexName(state, key);
  }

  private createIndex(n: NodeBase): void {
    const parts = objectParts(child(n, 'table'));
    if (parts === undefined || parts.database !== undefined || parts.name.startsWith('#')) return;
    const state = this.tables.get(this.objectKey(parts));
    if (state === undefined) return;
    const dropExisting = children(n, 'options').some((o) => str(o, 'name') === 'DROP_EXISTING' && str(o, 'value') !== 'OFF');
    this.index(parts, state, n, dropExisting);
  }

  private alterTable(n: NodeBase): void {
    const parts = objectParts(child(n, 'name'));
    const action = child(n, 'action');
    if (parts === undefined || action === undefined || parts.database !== undefined || parts.name.startsWith('#')) return;
    const state = this.tables.get(this.objectKey(parts));
    if (action.kind === 'AlterTableAdd') {
      if (state !== undefined) this.elements(parts, state, children(action, 'elements'), true);
      else for (const e of children(action, 'elements')) this.constraintsOnly(parts, e);
      return;
    }
    if (action.kind !== 'AlterTableDrop') return;
    for (const item of children(action, 'items')) {
      const name = nameOf(item, 'name');
      if (name === undefined) continue;
      const what = str(item, 'what');
      if (what === 'COLUMN') state?.columns?.delete(this.key(name));
      else if (what === 'INDEX') state?.indexes.delete(this.key(name));
      else {
        this.drop(this.objects, this.objectKey({ schema: parts.schema ?? 'dbo', name }));
        state?.indexes.delete(this.key(name));
      }
    }
  }

  /** ALTER TABLE ADD on a table the payload never created: its named constraints still take names. */
  private constraintsOnly(parts: NameParts, e: NodeBase): void {
    const scratch: TableState = { epoch: -1, columns: null, constraints: [], indexes: new Map() };
    if (e.kind === 'TableConstraint') this.constraint(parts, scratch, e);
    else if (e.kind === 'ColumnDefinition') for (const c of children(e, 'constraints')) this.constraint(parts, scratch, c);
  }

  private createType(n: NodeBase): void {
    const nameNode = child(n, 'name');
    const parts = objectParts(nameNode);
    if (parts === undefined || nameNode === undefined) return;
    this.create(this.types, this.objectKey(parts), () => this.report(219, msg.typeExists(parts.name), nameNode.start));
  }

  private createSchema(n: NodeBase): void {
    const ident = child(n, 'name');
    const name = ident === undefined ? undefined : nameText(ident);
    if (ident === undefined || name === undefined) return;
    this.create(this.schemas, this.inDatabase(this.key(name)), () => this.report(2714, msg.objectExists(name), ident.start));
  }

  /**
   * USE: what the script creates from here on belongs to that database (the connection's context), not
   * to the payload's. Under IF or WHILE the database is not known any more.
   */
  private use(n: NodeBase): void {
    const name = nameOf(n, 'database');
    if (name === undefined || this.conditional > 0) {
      this.database = undefined;
      return;
    }
    const key = this.key(name);
    this.database = this.payloadDatabase !== undefined && key === this.key(this.payloadDatabase) ? '' : `${key}#${this.databaseGenerations.get(key) ?? 0}`;
  }

  /** CREATE or DROP DATABASE: a database of that name has none of the objects created before. */
  private newDatabase(name: string | undefined): void {
    if (name === undefined) return;
    const key = this.key(name);
    this.databaseGenerations.set(key, (this.databaseGenerations.get(key) ?? 0) + 1);
  }

  private dropObjects(n: NodeBase): void {
    const type = str(n, 'objectType') ?? '';
    if (type === 'INDEX') {
      for (const item of children(n, 'indexes')) {
        const parts = objectParts(child(item, 'table'));
        const index = nameOf(item, 'index');
        if (parts !== undefined && index !== undefined) this.tables.get(this.objectKey(parts))?.indexes.delete(this.key(index));
      }
      return;
    }
    for (const nameNode of children(n, 'names')) {
      const parts = objectParts(nameNode);
      if (parts === undefined) continue;
      if (type === 'DATABASE') this.newDatabase(parts.name);
      else if (type === 'TYPE') this.drop(this.types, this.objectKey(parts));
      else if (type === 'SCHEMA') this.drop(this.schemas, this.inDatabase(this.key(parts.name)));
      else this.dropObject(this.objectKey(parts));
    }
  }

  private dropObject(key: string): void {
    this.drop(this.objects, key);
    const table = this.tables.get(key);
    if (table === undefined) return;
    for (const c of table.constraints) this.drop(this.objects, c);
    if (this.module > 0) table.epoch = -1;
    else this.tables.delete(key);
  }

  /** SELECT … INTO a permanent table creates it (columns not read here). */
  private selectInto(n: NodeBase): void {
    let q = child(n, 'query');
    while (q !== undefined && q.kind !== 'Select') q = child(q, q.kind === 'SetOperation' ? 'left' : 'query');
    const parts = q === undefined ? undefined : objectParts(child(q, 'into'));
    if (parts === undefined || parts.database !== undefined || parts.name.startsWith('#')) return;
    const key = this.objectKey(parts);
    this.createdBy(key);
    if (!this.objects.has(key)) this.objects.set(key, -1);
    this.tables.set(key, { epoch: -1, columns: null, constraints: [], indexes: new Map() });
  }

  /** EXEC: dynamic SQL built at run time, sp_rename and procedures that may drop things start a new epoch. */
  private execute(n: NodeBase): void {
    if (children(n, 'sql').length > 0 || child(n, 'procedureVariable') !== undefined) {
      // Constant dynamic SQL is parsed and visited (enterDynamic); the caller tells us when it is not.
      return;
    }
    const parts = objectParts(child(n, 'procedure'));
    if (parts === undefined) return;
    const last = parts.name.toLowerCase();
    if (parts.database === undefined && (last.startsWith('sp_') || last.startsWith('xp_'))) {
      if (last === 'sp_executesql' || RISKY_SYSTEM_WORDS.some((w) => last.includes(w))) this.unknownChange();
      return;
    }
    const known = this.procedures.get(this.objectKey(parts));
    if (known !== false) this.unknownChange();
  }

  /** Something may have changed objects in ways we cannot see. */
  unknownChange(): void {
    if (this.module === 0) this.epoch++;
  }
}

/** Whether a procedure body may change objects when run: a DROP, ALTER, dynamic SQL or a nested EXEC. */
function mayChangeObjects(statements: readonly NodeBase[]): boolean {
  for (const s of statements) {
    switch (s.kind) {
      case 'DropObjects':
      case 'AlterTable':
      case 'Execute':
        return true;
      case 'If':
      case 'While':
      case 'Block':
      case 'TryCatch':
      case 'AtomicBlock':
        if (mayChangeObjects(statementChildren(s))) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function statementChildren(s: NodeBase): NodeBase[] {
  const out: NodeBase[] = [];
  for (const key of ['then', 'else', 'body', 'statements', 'tryStatements', 'catchStatements']) out.push(...children(s, key));
  return out;
}

function tableWritten(parts: NameParts): string {
  return parts.schema === undefined ? parts.name : `${parts.schema}.${parts.name}`;
}
