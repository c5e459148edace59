// What a script defines and references, read from its syntax trees (parser/): the definitions the
// catalog and the deploy order need, the references module bodies and plain statements make, the
// principals they name, the objects they drop and create (for re-runnability), column renames, and
// the findings that need no catalog (DDL in a module body, a module cut by GO).
//
// A batch that does not parse has no tree: its syntax error is reported by the front end, and here
// only the names it CREATEs or ALTERs are read from its text (so other scripts' references to them
// still resolve) and its BEGIN/END balance (a body cut by GO).
import type { Batch } from './types.js';
import type { CreateStatement, Definition, Located, PrincipalRef, Reference, ReferenceKind, ScriptAnalysis } from './analysis-types.js';
import { BUILTIN_TYPES } from './builtins.js';
import { lexCode, type Token } from './lexer.js';
import { displayName, keyOf, type ObjectKind } from './names.js';
import type { NodeBase, ParsedBatch } from './parser/ast.js';
import { parseBatch } from './parser/index.js';
import { isReserved } from './parser/keywords.js';
import { literalText } from './binder/catalog.js';
import { child, children, eachChild, field, isNode, nameText, objectParts, str } from './binder/nodes.js';

export interface SummaryOptions {
  /** For the deploy order only (`plan`): references keep no positions. */
  orderOnly?: boolean;
}

const MODULE_KINDS: Record<string, ObjectKind> = { CreateProcedure: 'procedure', CreateFunction: 'function', CreateView: 'view', CreateTrigger: 'trigger' };
/** DROP <type>: the kind of what it drops. */
const DROP_KINDS: Record<string, ObjectKind> = {
  TABLE: 'table', VIEW: 'view', PROC: 'procedure', PROCEDURE: 'procedure', FUNCTION: 'function', TRIGGER: 'trigger', TYPE: 'type',
  SEQUENCE: 'sequence', SYNONYM: 'synonym', AGGREGATE: 'aggregate', SCHEMA: 'schema', USER: 'user', ROLE: 'role', QUEUE: 'queue',
  SERVICE: 'service', CONTRACT: 'contract', ASSEMBLY: 'assembly', 'MESSAGE TYPE': 'message-type',
};
/** Service Broker names are database-scoped, one part, compared exactly (see names.ts). */
const BROKER_KINDS = new Set<ObjectKind>(['message-type', 'contract', 'service']);
/** Rowset functions SQL Server provides: never a reference to a payload function. */
const BUILTIN_ROWSET = /^(OPENJSON|OPENROWSET|OPENQUERY|OPENDATASOURCE|OPENXML|STRING_SPLIT|GENERATE_SERIES|CHANGETABLE|CONTAINSTABLE|FREETEXTTABLE|PREDICT|SEMANTIC\w+|FN_\w+)$/i;
/** Words between CREATE and INDEX: the statement is still a CREATE INDEX. */
const INDEX_PREFIX = /^(?:UNIQUE|CLUSTERED|NONCLUSTERED|COLUMNSTORE|SPATIAL|PRIMARY|XML|FULLTEXT|SELECTIVE)$/i;
/** In a batch that did not parse: the kinds of CREATE / ALTER other scripts reference. */
const WORD_KINDS: Record<string, ObjectKind> = { TABLE: 'table', VIEW: 'view', FUNCTION: 'function', TYPE: 'type', PROC: 'procedure', PROCEDURE: 'procedure', TRIGGER: 'trigger', SCHEMA: 'schema' };
const MAX_DYNAMIC_DEPTH = 4;
/**
 * Nodes that reference nothing and hold nothing that does (names are read by the node that holds
 * them): not walked. Nearly half the nodes of a module body are Idents.
 */
const NO_REFERENCES = new Set(['Ident', 'ObjectName', 'ColumnRef', 'Variable', 'GlobalVariable', 'Literal']);
/** Table sources whose alias a module body binds (a one-part name equal to one is no object). */
const ALIASED_SOURCES = new Set(['NamedTable', 'DerivedTable', 'FunctionTable', 'VariableTable', 'ValuesTable', 'Pivot', 'Unpivot', 'RowsetFunction', 'ChangeTable']);

interface PendingReference {
  kind: ReferenceKind;
  parts: string[];
  at: NodeBase;
  unit: Unit;
  ordering: boolean;
  localName: string | undefined;
}

/** Where a unit's offsets are in the files: a batch, or a string literal run as its own batch. */
type Locator = (offset: number) => Located;

/** A reference with the offsets of its occurrences; their file positions are computed when read. */
class SummaryReference implements Reference {
  readonly kind: ReferenceKind;
  readonly parts: string[];
  readonly module: Definition | undefined;
  readonly ordering: boolean;
  private readonly at: { locate: Locator; offset: number }[] = [];

  constructor(kind: ReferenceKind, parts: string[], ordering: boolean, module: Definition | undefined) {
    this.kind = kind;
    this.parts = parts;
    this.ordering = ordering;
    this.module = module;
  }

  occurs(locate: Locator, offset: number): void {
    this.at.push({ locate, offset });
  }

  get locs(): Located[] {
    return this.at.map((o) => o.locate(o.offset));
  }
}

export function emptySummary(): ScriptAnalysis {
  return { definitions: [], references: [], principals: [], drops: [], creates: [], renamedColumns: [], findings: [] };
}

/** The summary of a script from its parsed batches (parseBatch of each batch, in order). */
export function summarizeScript(batches: readonly Batch[], parsed: readonly ParsedBatch[], options: SummaryOptions = {}): ScriptAnalysis {
  const summary = new Summarizer(options.orderOnly !== true);
  batches.forEach((batch, k) => {
    const result = parsed[k];
    if (result !== undefined) summary.batch(batch, result);
  });
  return summary.out;
}

/** The summary of a script, parsing its batches. */
export function summarizeBatches(batches: readonly Batch[], options: SummaryOptions = {}): ScriptAnalysis {
  return summarizeScript(batches, batches.map((b) => parseBatch(b.text)), options);
}

/** Line starts of a text, for offset → line and column by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return starts;
}

function lineColOf(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
}

/** Locates offsets of a batch's text in its file (sqlcmd :r includes mapped line by line). */
function batchLocator(batch: Batch): Locator {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(batch.text);
    const { line, col } = lineColOf(starts, offset);
    const mapped = batch.lineMap?.[line - 1];
    if (mapped !== undefined) return { file: mapped.file, line: mapped.line, col };
    return { file: batch.file, line: batch.line + line - 1, col };
  };
}

/** Locates offsets of a string literal's text run as a batch, from where its characters start in the enclosing unit. */
function literalLocator(outer: Locator, text: string, start: number): Locator {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(text);
    const { line, col } = lineColOf(starts, offset);
    const first = outer(start);
    return line === 1 ? { file: first.file, line: first.line, col: first.col + col - 1 } : { file: first.file, line: first.line + line - 1, col };
  };
}

/** The unquoted parts of an ObjectName (or an Ident) as written, leading ones left out as written. */
function partsOf(n: NodeBase | undefined): string[] | undefined {
  const p = objectParts(n);
  if (p === undefined) return undefined;
  if (p.server !== undefined) return [p.server, p.database ?? '', p.schema ?? '', p.name];
  if (p.database !== undefined) return [p.database, p.schema ?? '', p.name];
  if (p.schema !== undefined) return [p.schema, p.name];
  return [p.name];
}

/** The value of a string literal node (N'…' or '…'), or undefined. */
function stringValue(n: NodeBase | undefined, text: string): string | undefined {
  return n === undefined ? undefined : literalText(n, text);
}

/** A principal named in a string as written ('name', N'name'): its value. */
function principalText(written: string | undefined): string | undefined {
  if (written === undefined) return undefined;
  const m = /^N?'((?:[^']|'')*)'$/i.exec(written);
  return m === null ? undefined : (m[1] ?? '').replaceAll("''", "'");
}

/** The state of one unit (a batch, or a string literal run as one). */
interface Unit {
  text: string;
  locate: Locator;
  /** Nested in the batch that runs it (EXEC (N'…')): a module there is not "first in its batch" business. */
  nested: boolean;
  /** A CREATE from here on is guarded: an IF / ELSE / WHILE came before it at the batch's level, or the unit runs under one. */
  guarded: boolean;
  depth: number;
}

class Summarizer {
  readonly out: ScriptAnalysis = emptySummary();
  private seq = 0;
  private module: Definition | undefined;
  /**
   * The current module's references, in the order its body makes them, and the lower-cased names it
   * binds as CTEs or table aliases (gathered on the same walk): a one-part name among those is no
   * object, so the references are recorded once the module's body has been read (see flushModule).
   */
  private local: { names: Set<string>; refs: PendingReference[] } | undefined;
  private readonly refs = new Map<Definition | undefined, Map<string, SummaryReference>>();
  private readonly positions: boolean;

  constructor(positions: boolean) {
    this.positions = positions;
  }

  batch(batch: Batch, parsed: ParsedBatch): void {
    const unit: Unit = { text: batch.text, locate: batchLocator(batch), nested: false, guarded: false, depth: 0 };
    if (parsed.error !== undefined) {
      this.unparsed(unit);
      return;
    }
    this.statements(parsed.statements, unit, true);
  }

  // ---- recording ----------------------------------------------------------------------------------

  private define(kind: ObjectKind, parts: string[], at: NodeBase, unit: Unit, extra: Partial<Definition> = {}): Definition {
    const def: Definition = { kind, parts, key: keyOf(kind, parts), name: displayName(kind, parts), loc: unit.locate(at.start), seq: this.seq++, ...extra };
    this.out.definitions.push(def);
    return def;
  }

  private create(what: string, name: string, at: NodeBase, unit: Unit, orAlter: boolean, key?: string): void {
    const c: CreateStatement = { what, name, loc: unit.locate(at.start), orAlter, guarded: unit.guarded, seq: this.seq++ };
    if (key !== undefined) c.key = key;
    this.out.creates.push(c);
  }

  /** A reference the module makes unless `localName` turns out to be one of its CTEs or aliases. */
  private reference(kind: ReferenceKind, parts: string[], at: NodeBase, unit: Unit, ordering = true, localName?: string): void {
    if (this.local !== undefined) this.local.refs.push({ kind, parts, at, unit, ordering, localName });
    else this.recordReference(kind, parts, at, unit, ordering);
  }

  private flushModule(local: { names: Set<string>; refs: PendingReference[] }): void {
    for (const r of local.refs) {
      if (r.localName !== undefined && local.names.has(r.localName.toLowerCase())) continue;
      this.recordReference(r.kind, r.parts, r.at, r.unit, r.ordering);
    }
  }

  private recordReference(kind: ReferenceKind, parts: string[], at: NodeBase, unit: Unit, ordering: boolean): void {
    const module = this.module;
    let byKey = this.refs.get(module);
    if (byKey === undefined) {
      byKey = new Map();
      this.refs.set(module, byKey);
    }
    const key = `${kind}\u0000${ordering ? 1 : 0}\u0000${parts.join('\u0000')}`;
    let ref = byKey.get(key);
    if (ref === undefined) {
      ref = new SummaryReference(kind, parts, ordering, module);
      byKey.set(key, ref);
      this.out.references.push(ref);
    }
    if (this.positions) ref.occurs(unit.locate, at.start);
  }

  private principal(name: string | undefined, at: NodeBase, unit: Unit, context: string): void {
    if (name === undefined || name === '') return;
    const p: PrincipalRef = { name, loc: unit.locate(at.start), context };
    this.out.principals.push(p);
  }

  private finding(at: NodeBase | Located, unit: Unit, rule: string, message: string, hint: string): void {
    const loc = 'kind' in at ? unit.locate(at.start) : at;
    this.out.findings.push({ loc, severity: 'error', rule, message, hint });
  }

  // ---- statements ---------------------------------------------------------------------------------

  private statements(list: readonly NodeBase[], unit: Unit, top: boolean): void {
    list.forEach((s, k) => this.statement(s, unit, top && k === 0));
  }

  private statement(s: NodeBase, unit: Unit, first: boolean): void {
    const moduleKind = MODULE_KINDS[s.kind];
    if (moduleKind !== undefined) {
      this.defineModule(s, moduleKind, unit, first);
      return;
    }
    switch (s.kind) {
      case 'If':
      case 'While':
        // Old scripts guard a CREATE with an IF before it (IF OBJECT_ID(…) IS NOT NULL DROP …), or around it.
        if (this.module === undefined) unit.guarded = true;
        break;
      case 'CreateTable':
        this.createTable(s, unit);
        return;
      case 'AlterTable':
        this.alterTable(s, unit);
        return;
      case 'CreateSchema':
        this.createSchema(s, unit);
        return;
      case 'CreateType':
        this.createType(s, unit);
        return;
      case 'CreateSequence':
      case 'CreateSynonym':
      case 'CreateQueue':
      case 'CreateAggregate':
        this.createObject(s, unit);
        return;
      case 'CreateUser':
      case 'CreateRole':
        this.createPrincipal(s, unit);
        return;
      case 'AlterRole':
        if (field(s, 'server') === true) return;
        this.principal(nameText(field(s, 'name')), child(s, 'name') ?? s, unit, 'ALTER ROLE');
        for (const key of ['add', 'drop']) {
          const member = child(s, key);
          if (member !== undefined) this.principal(nameText(member), member, unit, 'ALTER ROLE … ADD MEMBER');
        }
        return;
      case 'AlterAuthorization': {
        const p = child(s, 'principal');
        if (p !== undefined) this.principal(nameText(p), p, unit, 'ALTER AUTHORIZATION');
        return;
      }
      case 'CreateMessageType':
      case 'CreateContract':
      case 'CreateService':
        this.createBroker(s, unit);
        return;
      case 'DropObjects':
        this.drop(s);
        return;
      case 'Execute':
        this.execute(s, unit);
        return;
      case 'ExecuteAs': {
        const context = child(s, 'context');
        const who = context === undefined ? undefined : child(context, 'principal');
        const user = context === undefined ? undefined : str(context, 'principalType');
        // A login is a server principal: only database users are looked for.
        if (who !== undefined && user !== 'LOGIN') this.principal(stringValue(who, unit.text), who, unit, user === 'USER' ? 'EXECUTE AS USER' : 'EXECUTE AS');
        return;
      }
      case 'Grant':
      case 'Deny':
      case 'Revoke':
        this.permission(s, unit);
        return;
      default:
        if (startsWithCreate(unit.text, s.start)) this.createOther(s, unit);
    }
    if (this.record(s, unit)) this.inner(s, unit);
  }

  /** The parts of a node: statements as statements, the rest as clauses and expressions. */
  private inner(n: NodeBase, unit: Unit): void {
    // eachChild's loop, written out: a closure per node costs more than the visit on a large payload.
    const rec = n as unknown as Record<string, unknown>;
    for (const key in rec) {
      const v = rec[key];
      if (Array.isArray(v)) {
        for (const item of v) if (isNode(item)) this.child(item, unit);
      } else if (isNode(v)) this.child(v, unit);
    }
  }

  private child(c: NodeBase, unit: Unit): void {
    if (NO_REFERENCES.has(c.kind)) return;
    if (isStatement(c)) this.statement(c, unit, false);
    else this.body(c, unit);
  }

  private defineModule(s: NodeBase, kind: ObjectKind, unit: Unit, first: boolean): void {
    const nameNode = child(s, 'name');
    const parts = partsOf(nameNode);
    if (parts === undefined || nameNode === undefined) return;
    const viaAlter = str(s, 'verb') === 'ALTER';
    const orAlter = field(s, 'orAlter') === true;
    if (!first && !unit.nested && this.module === undefined) {
      this.finding(s, unit, 'module-not-first', `CREATE ${kind.toUpperCase()} ${displayName(kind, parts)} is not the first statement of its batch`, 'Put GO before it: SQL Server requires a procedure, function, view or trigger to be alone in its batch (error 111).');
    }
    if (!viaAlter) this.create(kind.toUpperCase(), displayName(kind, parts), nameNode, unit, orAlter, keyOf(kind, parts));
    const extra: Partial<Definition> = { orAlter };
    if (viaAlter) extra.viaAlter = true;
    const options = field(s, 'options');
    if (Array.isArray(options) && options.includes('SCHEMABINDING')) extra.schemaBound = true;
    if (kind === 'trigger') {
      const target = partsOf(child(s, 'target'));
      if (target !== undefined) extra.target = target;
    }
    const external = child(s, 'external');
    if (external !== undefined && (kind === 'function' || kind === 'procedure')) {
      extra.external = { assembly: nameText(field(external, 'assembly')) ?? '', className: nameText(field(external, 'className')) ?? '', method: nameText(field(external, 'method')) ?? '' };
    }
    const outer = { module: this.module, local: this.local };
    this.module = this.define(kind, parts, nameNode, unit, extra);
    const local = { names: new Set<string>(), refs: [] };
    this.local = local;
    try {
      if (parts.length === 2) this.reference('schema', [parts[0] ?? ''], nameNode, unit);
      for (const p of children(s, 'parameters')) this.typeReference(child(p, 'dataType'), unit);
      this.executeAsPrincipal(str(s, 'executeAs'), s, unit);
      const returns = child(s, 'returns');
      if (returns !== undefined) this.body(returns, unit);
      for (const b of children(s, 'body')) this.statement(b, unit, false);
      const query = child(s, 'query');
      if (query !== undefined) this.body(query, unit);
      this.local = undefined;
      this.flushModule(local);
    } finally {
      this.module = outer.module;
      this.local = outer.local;
    }
  }

  /** WITH EXECUTE AS 'user' of a module or queue: the principal, located at its string. */
  private executeAsPrincipal(written: string | undefined, within: NodeBase, unit: Unit): void {
    const who = principalText(written);
    if (who === undefined || written === undefined) return;
    const offset = unit.text.indexOf(written, within.start);
    this.principal(who, offset >= 0 ? { kind: 'Literal', start: offset, end: offset + written.length } : within, unit, 'EXECUTE AS');
  }

  private createTable(s: NodeBase, unit: Unit): void {
    const nameNode = child(s, 'name');
    const parts = partsOf(nameNode);
    if (parts === undefined || nameNode === undefined || (parts[parts.length - 1] ?? '').startsWith('#')) {
      this.inner(s, unit);
      return;
    }
    const module = this.module;
    if (module !== undefined && (module.kind === 'procedure' || module.kind === 'function' || module.kind === 'trigger')) {
      this.finding(nameNode, unit, 'ddl-in-module', `${module.name} creates the table ${displayName('table', parts)} in its body`, 'Create tables in the migration (sql/migrations); a procedure may only create #temp tables.');
      return;
    }
    this.create('TABLE', displayName('table', parts), nameNode, unit, false, keyOf('table', parts));
    const columns = columnsOf(children(s, 'elements'));
    const def = this.define('table', parts, nameNode, unit);
    def.columns = columns;
    this.historyTable(s, unit, columns);
    this.inner(s, unit);
  }

  /** SYSTEM_VERSIONING = ON (HISTORY_TABLE = x.y) among a statement's options: the history table exists too. */
  private historyTable(s: NodeBase, unit: Unit, columns: Map<string, { name: string; type: string }> | undefined): void {
    let found: NodeBase | undefined;
    const search = (n: NodeBase): void => {
      if (found !== undefined) return;
      if (n.kind === 'DdlOption' && str(n, 'name') === 'HISTORY_TABLE') {
        found = child(n, 'object');
        return;
      }
      eachChild(n, search);
    };
    for (const o of children(s, 'options')) search(o);
    const action = child(s, 'action');
    if (action !== undefined) for (const o of children(action, 'options')) search(o);
    const parts = partsOf(found);
    if (parts === undefined || found === undefined) return;
    const def = this.define('table', parts, found, unit, { synthetic: true });
    if (columns !== undefined) def.columns = columns;
  }

  private alterTable(s: NodeBase, unit: Unit): void {
    const nameNode = child(s, 'name');
    const parts = partsOf(nameNode);
    if (parts === undefined || nameNode === undefined || (parts[0] ?? '').startsWith('#')) return;
    const action = child(s, 'action');
    if (action?.kind === 'AlterTableAdd') {
      const columns = columnsOf(children(action, 'elements'));
      if (columns.size > 0) this.define('table', parts, nameNode, unit, { synthetic: true, viaAlter: true, columns });
    }
    this.historyTable(s, unit, undefined);
    this.inner(s, unit);
  }

  private createSchema(s: NodeBase, unit: Unit): void {
    const nameNode = child(s, 'name') ?? child(s, 'authorization');
    const name = nameText(nameNode);
    if (name !== undefined && nameNode !== undefined) {
      this.create('SCHEMA', name, nameNode, unit, false, keyOf('schema', [name]));
      this.define('schema', [name], nameNode, unit);
    }
    const owner = child(s, 'authorization');
    if (owner !== undefined) this.principal(nameText(owner), owner, unit, 'CREATE SCHEMA … AUTHORIZATION');
    for (const e of children(s, 'elements')) this.statement(e, unit, false);
  }

  private createType(s: NodeBase, unit: Unit): void {
    const nameNode = child(s, 'name');
    const parts = partsOf(nameNode);
    if (parts === undefined || nameNode === undefined) return;
    this.create('TYPE', displayName('type', parts), nameNode, unit, false, keyOf('type', parts));
    const def = this.define('type', parts, nameNode, unit);
    if (Array.isArray(field(s, 'elements'))) def.columns = columnsOf(children(s, 'elements'));
  }

  /** Sequences, synonyms, queues and aggregates (CREATE; ALTER SEQUENCE / QUEUE define nothing). */
  private createObject(s: NodeBase, unit: Unit): void {
    if (str(s, 'verb') === 'ALTER') return;
    const kind: ObjectKind = s.kind === 'CreateSequence' ? 'sequence' : s.kind === 'CreateSynonym' ? 'synonym' : s.kind === 'CreateQueue' ? 'queue' : 'aggregate';
    const nameNode = child(s, 'name');
    const parts = partsOf(nameNode);
    if (parts === undefined || nameNode === undefined) return;
    const word = kind.toUpperCase();
    this.create(word, displayName(kind, parts), nameNode, unit, field(s, 'orAlter') === true, keyOf(kind, parts));
    const def = this.define(kind, parts, nameNode, unit);
    const external = child(s, 'external');
    if (kind === 'aggregate' && external !== undefined) {
      const className = [nameText(field(external, 'className')), nameText(field(external, 'method'))].filter((p) => p !== undefined).join('.');
      def.external = { assembly: nameText(field(external, 'assembly')) ?? '', className };
    }
    const activation = child(s, 'activation');
    if (kind === 'queue' && activation !== undefined) {
      const proc = child(activation, 'procedureName');
      const procParts = partsOf(proc);
      if (proc !== undefined && procParts !== undefined) this.reference('procedure', procParts, proc, unit, false);
      this.executeAsPrincipal(str(activation, 'executeAs'), activation, unit);
    }
  }

  private createPrincipal(s: NodeBase, unit: Unit): void {
    if (str(s, 'verb') === 'ALTER') return;
    const kind: ObjectKind = s.kind === 'CreateUser' ? 'user' : 'role';
    const nameNode = child(s, 'name');
    const name = nameText(nameNode);
    if (name === undefined || nameNode === undefined) return;
    // A server role is no database principal: only its re-runnability counts here.
    if (field(s, 'server') === true) {
      this.create('SERVER ROLE', name, nameNode, unit, false);
      return;
    }
    this.create(kind.toUpperCase(), name, nameNode, unit, false, keyOf(kind, [name]));
    this.define(kind, [name], nameNode, unit);
    const owner = child(s, 'authorization');
    if (kind === 'role' && owner !== undefined) this.principal(nameText(owner), owner, unit, 'CREATE ROLE … AUTHORIZATION');
  }

  private createBroker(s: NodeBase, unit: Unit): void {
    if (str(s, 'verb') === 'ALTER') return;
    const kind: ObjectKind = s.kind === 'CreateMessageType' ? 'message-type' : s.kind === 'CreateContract' ? 'contract' : 'service';
    const nameNode = child(s, 'name');
    const name = nameText(nameNode);
    if (name === undefined || nameNode === undefined) return;
    this.create(kind === 'message-type' ? 'MESSAGE TYPE' : kind.toUpperCase(), name, nameNode, unit, false, keyOf(kind, [name]));
    this.define(kind, [name], nameNode, unit);
    for (const m of children(s, 'messages')) {
      const type = child(m, 'messageType');
      const typeName = nameText(type);
      if (type !== undefined && typeName !== undefined && typeName.toUpperCase() !== 'DEFAULT') this.reference('message-type', [typeName], type, unit);
    }
    const queue = child(s, 'queue');
    const queueParts = partsOf(queue);
    if (queue !== undefined && queueParts !== undefined) this.reference('queue', queueParts, queue, unit);
    for (const c of children(s, 'contracts')) {
      const contract = nameText(c);
      if (contract !== undefined && contract.toUpperCase() !== 'DEFAULT') this.reference('contract', [contract], c, unit);
    }
  }

  /** CREATE INDEX, STATISTICS, ASSEMBLY, LOGIN, …: only re-runnability looks at them (and assemblies are defined). */
  private createOther(s: NodeBase, unit: Unit): void {
    const nameNode = child(s, 'name');
    const parts = partsOf(nameNode) ?? [];
    // The object words as written before the name, index options left out: CREATE UNIQUE CLUSTERED INDEX → INDEX.
    const end = nameNode !== undefined && nameNode.start > s.start ? nameNode.start : s.start + 60;
    const words = unit.text.slice(s.start, end).replace(/^\s*CREATE\s+(?:OR\s+ALTER\s+)?/i, '').split(/[^A-Za-z_]+/).filter((w) => w !== '');
    const objectWords = nameNode !== undefined ? words.filter((w) => !INDEX_PREFIX.test(w) && !/^ON$/i.test(w)) : words.slice(0, 2);
    const label = (objectWords.length > 0 ? objectWords : words.slice(-1)).join(' ').toUpperCase();
    if (s.kind === 'CreateAssembly' && nameNode !== undefined && parts.length > 0) {
      this.define('assembly', parts.slice(-1), nameNode, unit);
    }
    this.create(label, parts.join('.'), nameNode ?? s, unit, field(s, 'orAlter') === true, s.kind === 'CreateAssembly' && parts.length > 0 ? keyOf('assembly', parts) : undefined);
  }

  private drop(s: NodeBase): void {
    const kind = DROP_KINDS[str(s, 'objectType') ?? ''];
    if (kind === undefined) return;
    for (const n of children(s, 'names')) {
      const parts = partsOf(n);
      if (parts === undefined) continue;
      this.out.drops.push({ key: keyOf(kind, BROKER_KINDS.has(kind) ? [parts.join('.')] : parts), seq: this.seq++ });
    }
  }

  private permission(s: NodeBase, unit: Unit): void {
    const on = child(s, 'on');
    const nameNode = on === undefined ? undefined : child(on, 'name');
    const parts = partsOf(nameNode);
    if (on !== undefined && nameNode !== undefined && parts !== undefined) {
      const cls = str(on, 'classType') ?? 'OBJECT';
      if (cls === 'OBJECT' && parts.length <= 2) this.reference('object', parts, nameNode, unit, false);
      else if (cls === 'SCHEMA') this.reference('schema', parts.slice(-1), nameNode, unit, false);
      else if (cls === 'TYPE') this.reference('type', parts, nameNode, unit, false);
      else if (cls === 'SERVICE' || cls === 'CONTRACT' || cls === 'MESSAGE TYPE') {
        this.reference(cls === 'MESSAGE TYPE' ? 'message-type' : cls === 'SERVICE' ? 'service' : 'contract', [parts.join('.')], nameNode, unit, false);
      }
    }
    const verb = s.kind.toUpperCase();
    for (const p of children(s, 'principals')) this.principal(nameText(p), p, unit, verb);
  }

  private execute(s: NodeBase, unit: Unit): void {
    const sql = field(s, 'sql');
    if (Array.isArray(sql)) {
      this.dynamic(children(s, 'sql'), unit);
      const context = child(s, 'asContext');
      const who = context === undefined ? undefined : child(context, 'principal');
      const type = context === undefined ? undefined : str(context, 'principalType');
      if (who !== undefined && type !== 'LOGIN') this.principal(stringValue(who, unit.text), who, unit, type === 'USER' ? 'EXECUTE AS USER' : 'EXECUTE AS');
      return;
    }
    const proc = child(s, 'procedure');
    const parts = partsOf(proc);
    if (proc === undefined || parts === undefined) {
      this.inner(s, unit);
      return;
    }
    const last = (parts[parts.length - 1] ?? '').toLowerCase();
    const args = children(s, 'args');
    const argValue = (k: number): NodeBase | undefined => {
      const a = args[k];
      return a === undefined ? undefined : child(a, 'value');
    };
    if (last === 'sp_executesql') {
      const statement = argValue(0);
      if (statement !== undefined) this.dynamic([statement], unit);
      this.inner(s, unit);
      return;
    }
    if (last === 'sp_rename') {
      this.rename(argValue(0), argValue(1), argValue(2), unit);
      return;
    }
    if (last === 'sp_addrolemember') {
      for (const k of [0, 1]) {
        const a = argValue(k);
        if (a !== undefined) this.principal(stringValue(a, unit.text), a, unit, 'sp_addrolemember');
      }
      return;
    }
    if (this.module !== undefined) {
      const system = parts.length === 1 && /^(sp|xp)_/i.test(last);
      const schema = (parts[parts.length - 2] ?? '').toLowerCase();
      if (!system && schema !== 'sys' && parts.length <= 2) this.reference('procedure', parts, proc, unit, false);
    }
    for (const a of args) this.body(a, unit);
  }

  /** sp_rename 'dbo.T.Old', 'New', 'COLUMN' (a column), or 'dbo.Old', 'New' [, 'OBJECT']. */
  private rename(from: NodeBase | undefined, to: NodeBase | undefined, type: NodeBase | undefined, unit: Unit): void {
    const fromText = stringValue(from, unit.text);
    const toText = stringValue(to, unit.text);
    if (fromText === undefined || toText === undefined || from === undefined) return;
    const parts = nameParts(fromText);
    const typeText = type === undefined ? undefined : stringValue(type, unit.text);
    if (typeText?.toUpperCase() === 'COLUMN' && parts.length >= 2) this.out.renamedColumns.push({ table: parts.slice(0, -1), column: toText });
    else if (type === undefined || typeText === undefined || typeText.toUpperCase() === 'OBJECT') {
      this.define('table', [...parts.slice(0, -1), toText], from, unit, { synthetic: true, viaAlter: true });
    }
  }

  /** EXEC (N'…' + N'…') or sp_executesql N'…' with constant text: summarised as a batch of its own. */
  private dynamic(pieces: readonly NodeBase[], unit: Unit): void {
    if (unit.depth >= MAX_DYNAMIC_DEPTH || pieces.length === 0) return;
    let sql = '';
    for (const p of pieces) {
      const s = stringValue(p, unit.text);
      if (s === undefined) return;
      sql += s;
    }
    const first = pieces[0] as NodeBase;
    const prefix = /^n/i.test(unit.text.slice(first.start, first.start + 1)) ? 2 : 1;
    const inner: Unit = { text: sql, locate: literalLocator(unit.locate, sql, first.start + prefix), nested: true, guarded: unit.guarded, depth: unit.depth + 1 };
    const parsed = parseBatch(sql);
    const outer = { module: this.module, local: this.local };
    this.module = undefined;
    this.local = undefined;
    try {
      if (parsed.error !== undefined) this.unparsed(inner);
      else this.statements(parsed.statements, inner, true);
    } finally {
      this.module = outer.module;
      this.local = outer.local;
    }
  }

  // ---- module bodies ------------------------------------------------------------------------------

  /** The references a clause or expression of a module body makes, and the statements under it. */
  private body(n: NodeBase, unit: Unit): void {
    if (this.record(n, unit)) this.inner(n, unit);
  }

  /**
   * The reference a node of a module body makes itself (a table, a call, a sequence, a type, a broker
   * name); false when its parts were visited here too. Outside a module (a migration's INSERT …
   * SELECT) nothing is referenced.
   */
  private record(n: NodeBase, unit: Unit): boolean {
    if (this.module === undefined) return true;
    this.bindsName(n);
    switch (n.kind) {
      case 'NamedTable': {
        const nameNode = child(n, 'name');
        const parts = partsOf(nameNode);
        if (nameNode !== undefined && parts !== undefined && parts.length <= 2 && !(parts[0] ?? '').startsWith('#')) this.objectReference(parts, nameNode, unit);
        break;
      }
      case 'FunctionTable': {
        const call = child(n, 'call');
        if (call?.kind === 'FunctionCall') {
          const parts = identParts(call);
          const last = parts[parts.length - 1] ?? '';
          if (parts.length === 2 || (parts.length === 1 && !BUILTIN_ROWSET.test(last))) this.reference('function', parts, call, unit, true, parts[0]);
          for (const a of children(call, 'args')) this.body(a, unit);
          for (const c of children(n, 'withColumns')) this.body(c, unit);
          return false;
        }
        break;
      }
      case 'FunctionCall': {
        const parts = identParts(n);
        if (parts.length === 2) this.reference('function', parts, n, unit, true, parts[0]);
        break;
      }
      case 'NextValueFor': {
        const seq = child(n, 'sequence');
        const parts = partsOf(seq);
        if (seq !== undefined && parts !== undefined && parts.length <= 2) this.reference('sequence', parts, seq, unit);
        break;
      }
      case 'DataType':
        this.typeReference(n, unit);
        return false;
      case 'Send': {
        const type = child(n, 'messageType');
        if (type?.kind === 'Ident') this.reference('message-type', [nameText(type) ?? ''], type, unit);
        break;
      }
      case 'BeginDialog': {
        const from = child(n, 'fromService');
        if (from?.kind === 'Ident') this.reference('service', [nameText(from) ?? ''], from, unit);
        const contract = child(n, 'contract');
        if (contract?.kind === 'Ident') this.reference('contract', [nameText(contract) ?? ''], contract, unit);
        break;
      }
      case 'BulkInsert': {
        const table = child(n, 'table');
        const parts = partsOf(table);
        if (table !== undefined && parts !== undefined && parts.length <= 2 && !(parts[0] ?? '').startsWith('#')) this.objectReference(parts, table, unit);
        break;
      }
      case 'Receive': {
        const queue = child(n, 'queue');
        const parts = partsOf(queue);
        if (queue !== undefined && parts !== undefined && parts.length <= 2) this.objectReference(parts, queue, unit);
        break;
      }
      default:
        break;
    }
    return true;
  }


  private objectReference(parts: string[], at: NodeBase, unit: Unit): void {
    // A one-part name the module binds as a CTE or alias (UPDATE a … FROM dbo.T a) is no object.
    this.reference('object', parts, at, unit, true, parts.length === 1 ? parts[0] : undefined);
  }

  /** A CTE name or table alias the module binds (see `local`). */
  private bindsName(n: NodeBase): void {
    if (this.local === undefined) return;
    if (n.kind === 'Cte') {
      const name = nameText(field(n, 'name'));
      if (name !== undefined) this.local.names.add(name.toLowerCase());
    } else if (ALIASED_SOURCES.has(n.kind)) {
      const alias = field(n, 'alias');
      const text = alias === undefined ? undefined : nameText(alias);
      if (text !== undefined) this.local.names.add(text.toLowerCase());
    }
  }

  private typeReference(n: NodeBase | undefined, unit: Unit): void {
    if (n === undefined || n.kind !== 'DataType' || this.module === undefined) return;
    const nameNode = child(n, 'name');
    const parts = partsOf(nameNode);
    if (parts === undefined || nameNode === undefined || parts.length > 2) return;
    const last = parts[parts.length - 1] ?? '';
    if (parts.length === 1) {
      const first = unit.text.charAt(nameNode.start);
      const quoted = first === '[' || first === '"';
      if (BUILTIN_TYPES.has(last.toUpperCase()) || (!quoted && isReserved(last.toUpperCase()))) return;
    }
    this.reference('type', parts, nameNode, unit);
  }

  // ---- batches that did not parse -----------------------------------------------------------------

  /**
   * A batch without a tree: the objects it CREATEs or ALTERs (read from its tokens, comments and
   * strings left out; a table with its columns when its list is plain), and a module body cut by GO.
   */
  private unparsed(unit: Unit): void {
    const tokens = lexCode(unit.text);
    const word = (k: number): string => {
      const t = tokens[k];
      return t !== undefined && t.kind === 'word' ? t.upper : '';
    };
    let firstModule: Definition | undefined;
    for (let k = 0; k < tokens.length; k++) {
      const verb = word(k);
      if (verb !== 'CREATE' && verb !== 'ALTER') continue;
      const prior = word(k - 1);
      if (prior === 'GRANT' || prior === 'DENY' || prior === 'REVOKE') continue;
      let j = k + 1;
      const orAlter = word(j) === 'OR' && word(j + 1) === 'ALTER';
      if (orAlter) j += 2;
      const kind = WORD_KINDS[word(j)];
      if (kind === undefined || (verb === 'ALTER' && (kind === 'table' || kind === 'schema' || kind === 'type'))) continue;
      const name = tokenName(tokens, j + 1);
      if (name === undefined || (name.parts[name.parts.length - 1] ?? '').startsWith('#')) continue;
      const at = { kind: 'Ident', start: name.start, end: name.start };
      const extra: Partial<Definition> = { orAlter };
      if (verb === 'ALTER') extra.viaAlter = true;
      const def = this.define(kind, kind === 'schema' ? name.parts.slice(-1) : name.parts, at, unit, extra);
      if (firstModule === undefined && (kind === 'procedure' || kind === 'function' || kind === 'view' || kind === 'trigger')) firstModule = def;
    }
    if (firstModule === undefined || unit.nested) return;
    const open = openBlocks(tokens);
    if (open > 0) {
      this.finding(firstModule.loc, unit, 'go-in-body', `The body of ${firstModule.name} is cut by a GO: ${open} BEGIN/CASE block(s) are still open at the end of its batch`, 'Remove the GO inside the body (GO ends the batch, and with it the CREATE statement).');
    }
  }
}

/** A dotted name of tokens from index k: its parts ('' for a part left out) and where it starts. */
function tokenName(tokens: readonly Token[], k: number): { parts: string[]; start: number } | undefined {
  const first = tokens[k];
  if (first === undefined || (first.kind !== 'word' && first.kind !== 'quoted')) return undefined;
  const parts = [first.value];
  for (let j = k + 1; tokens[j]?.kind === 'punct' && tokens[j]?.text === '.'; ) {
    const next = tokens[j + 1];
    if (next !== undefined && (next.kind === 'word' || next.kind === 'quoted')) {
      parts.push(next.value);
      j += 2;
    } else if (next?.kind === 'punct' && next.text === '.') {
      parts.push('');
      j += 1;
    } else break;
  }
  return { parts, start: first.start };
}

/** Whether the text at `at` is the word CREATE (any case). */
function startsWithCreate(text: string, at: number): boolean {
  if (text.length < at + 6 || (text.charCodeAt(at) | 32) !== 99 /* c */) return false;
  if (text.slice(at, at + 6).toUpperCase() !== 'CREATE') return false;
  const next = text.charCodeAt(at + 6);
  // \b after CREATE: the end of the text or a character that is no word character.
  return Number.isNaN(next) || !((next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95);
}

/** Whether a node is a statement (as opposed to a clause or an expression). */
function isStatement(n: NodeBase): boolean {
  return STATEMENT_KINDS.has(n.kind) || n.kind.startsWith('Create') || n.kind.startsWith('Alter') || n.kind.startsWith('Drop');
}

const STATEMENT_KINDS = new Set([
  'If', 'While', 'Block', 'AtomicBlock', 'TryCatch', 'Execute', 'ExecuteAs', 'Grant', 'Deny', 'Revoke', 'SelectStatement', 'Insert', 'Update', 'Delete', 'Merge',
  'Declare', 'DeclareTable', 'DeclareCursor', 'SetVariable', 'Return', 'Send', 'Receive', 'BeginDialog', 'TruncateTable',
]);

/** Columns of a CREATE TABLE / table type / ALTER TABLE ADD element list, by lower-cased name. */
function columnsOf(elements: readonly NodeBase[]): Map<string, { name: string; type: string }> {
  const columns = new Map<string, { name: string; type: string }>();
  for (const e of elements) {
    if (e.kind !== 'ColumnDefinition') continue;
    const name = nameText(field(e, 'name'));
    if (name === undefined) continue;
    const dataType = child(e, 'dataType');
    const typeName = dataType === undefined ? undefined : nameText(field(dataType, 'name'));
    columns.set(name.toLowerCase(), { name, type: typeName ?? 'computed' });
  }
  return columns;
}

/** The parts of a FunctionCall's dotted name as written. */
function identParts(call: NodeBase): string[] {
  const parts: string[] = [];
  for (const p of children(call, 'name')) parts.push(nameText(p) ?? '');
  return parts;
}

/** Splits "[dbo].[T].[Col]" or "dbo.T.Col" (an sp_rename argument, a name in an unparsed batch) into its parts. */
function nameParts(text: string): string[] {
  const parts: string[] = [];
  for (const t of lexCode(text)) if (t.kind === 'word' || t.kind === 'quoted') parts.push(t.value);
  return parts;
}

/** BEGIN / CASE blocks a batch's tokens leave open (END closes one; BEGIN TRAN, END CONVERSATION are no blocks). */
function openBlocks(tokens: readonly Token[]): number {
  let open = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t === undefined || t.kind !== 'word') continue;
    const next = tokens[k + 1];
    const nextWord = next?.kind === 'word' ? next.upper : '';
    if (t.upper === 'END') {
      if (nextWord !== 'CONVERSATION') open--;
    } else if (t.upper === 'CASE') open++;
    else if (t.upper === 'BEGIN' && !NOT_BLOCKS.has(nextWord)) open++;
  }
  return open;
}

const NOT_BLOCKS = new Set(['TRAN', 'TRANSACTION', 'DISTRIBUTED', 'DIALOG', 'CONVERSATION']);
