// Table definitions against themselves and the catalog: Msg 2705 (a column name twice in one
// table), 1911 (a key, index or INCLUDE column the table does not have), 1769 (a FOREIGN KEY's own
// column the table does not have), 8140 (a key or foreign key written among a column's constraints that lists
// more than one column), 8141 (a column's CHECK that names another column), 1767 (a FOREIGN KEY to a table nothing defines) and 1770 (to a
// column the referenced table does not have), 8148 (a column with two DEFAULTs), 8183 (a CHECK, FOREIGN KEY
// or NOT NULL on a computed column that is not PERSISTED), 8196 (two ROWGUIDCOL columns), 13502 / 13503 (two
// GENERATED ALWAYS AS ROW START / END columns), 13509 (such a column in a CREATE TABLE without PERIOD FOR
// SYSTEM_TIME) and the arguments of each column's data type (type-checks.ts). A table the payload does not define is never a finding.
import type { NodeBase } from '../parser/ast.js';
import { walk } from '../parser/walk.js';
import type { Findings } from './messages.js';
import { msg } from './messages.js';
import { child, children, columnIdent, field, nameOf, nameText, objectParts, str } from './nodes.js';
import { keyOfColumns } from './catalog.js';
import { checkTypeArguments, type TypeReport } from './type-checks.js';
import type { ColumnSet, TableKeys } from './types.js';

/** What the catalog knows of a referenced table. */
export type TableLookup = { status: 'known'; columns: ColumnSet; keys?: TableKeys } | { status: 'unknown' } | { status: 'missing' };

export interface DdlCheckContext {
  caseSensitive: boolean;
  findings: Findings;
  lookup: (objectName: NodeBase) => TableLookup;
}

export interface ElementsCheck {
  /** The table's name as written (messages). */
  table: string;
  elements: readonly NodeBase[];
  /** Columns the table has before these elements (ALTER TABLE ADD); null when unknown. */
  existing: ColumnSet | null;
  /** Names a new column may not repeat (2705): the elements' own, plus these. */
  taken?: ReadonlySet<string>;
  /** CREATE TABLE: a GENERATED ALWAYS AS ROW START / END column needs the table's PERIOD FOR SYSTEM_TIME (13509). */
  createTable?: boolean;
}

/** Checks CREATE TABLE / DECLARE @t TABLE / CREATE TYPE AS TABLE / ALTER TABLE ADD elements; returns the columns they add. */
export function checkTableElements(check: ElementsCheck, ctx: DdlCheckContext): Map<string, string> {
  const cs = ctx.caseSensitive;
  const added = new Map<string, string>();
  for (const e of check.elements) {
    if (e.kind !== 'ColumnDefinition') continue;
    const ident = child(e, 'name');
    const name = ident === undefined ? undefined : nameText(ident);
    if (ident === undefined || name === undefined) continue;
    const key = cs ? name : name.toLowerCase();
    if (added.has(key) || check.taken?.has(key) === true) ctx.findings.error(2705, msg.duplicateColumn(name, check.table), ident.start);
    else added.set(key, name);
  }
  const columns: ColumnSet | null = check.existing === null ? null : new Map([...check.existing, ...added]);
  let ordinal = 0;
  const once = new Set<string>();
  for (const e of check.elements) {
    if (e.kind === 'ColumnDefinition') {
      ordinal++;
      checkTypeArguments(child(e, 'dataType'), { what: 'column', name: nameOf(e, 'name') ?? '', ordinal }, report(ctx));
      checkColumnDefinition(e, check.table, columns, ctx);
      checkOncePerTable(e, once, ctx);
    }
    else if (e.kind === 'TableConstraint') checkTableConstraint(e, check.table, columns, ctx);
    else if (e.kind === 'InlineIndex') checkIndexColumns(e, columns, ctx);
  }
  if (check.createTable === true) checkPeriodDefined(check.elements, ctx);
  return added;
}

/**
 * A temporal table's ROW START and ROW END columns come with its PERIOD FOR SYSTEM_TIME (docs "CREATE TABLE",
 * "Create a system-versioned temporal table"): without one, the first such column is Msg 13509.
 */
function checkPeriodDefined(elements: readonly NodeBase[], ctx: DdlCheckContext): void {
  let first: NodeBase | undefined;
  for (const e of elements) {
    if (e.kind === 'PeriodForSystemTime') return;
    const generated = e.kind === 'ColumnDefinition' ? str(e, 'generatedAlways') : undefined;
    if (first === undefined && (generated === 'ROW START' || generated === 'ROW END')) first = e;
  }
  if (first !== undefined) ctx.findings.error(13509, msg.periodNotDefined, first.start);
}

function report(ctx: DdlCheckContext): TypeReport {
  return (code, message, offset) => ctx.findings.error(code, message, offset);
}

function has(columns: ColumnSet, name: string, cs: boolean): boolean {
  return columns.has(cs ? name : name.toLowerCase());
}

/**
 * What one table has at most once: a ROWGUIDCOL column (Msg 8196), a GENERATED ALWAYS AS ROW START column
 * (13502) and a ROW END column (13503). `seen` holds what earlier columns of the table took.
 */
function checkOncePerTable(e: NodeBase, seen: Set<string>, ctx: DdlCheckContext): void {
  if (field(e, 'rowguidcol') === true) {
    if (seen.has('ROWGUIDCOL')) ctx.findings.error(8196, msg.duplicateRowguidcol, e.start);
    seen.add('ROWGUIDCOL');
  }
  const generated = str(e, 'generatedAlways');
  if (generated === 'ROW START' || generated === 'ROW END') {
    if (seen.has(generated)) ctx.findings.error(generated === 'ROW START' ? 13502 : 13503, msg.twoPeriodColumns(generated), e.start);
    seen.add(generated);
  }
}

/** The constraints a computed column takes only when PERSISTED (docs "CREATE TABLE", computed_column_definition). */
const PERSISTED_ONLY = new Set(['CHECK', 'FOREIGN KEY', 'NOT NULL']);

function checkColumnDefinition(e: NodeBase, table: string, columns: ColumnSet | null, ctx: DdlCheckContext): void {
  const column = nameOf(e, 'name') ?? '';
  const unpersisted = child(e, 'computed') !== undefined && field(e, 'persisted') !== true;
  let defaults = 0;
  for (const c of children(e, 'constraints')) {
    // A column has at most one DEFAULT (Msg 8148).
    if (nameOf(c, 'constraintType') === 'DEFAULT' && ++defaults === 2) ctx.findings.error(8148, msg.twoDefaults(column, table), c.start);
    // A computed column that is not PERSISTED takes only PRIMARY KEY and UNIQUE (Msg 8183).
    if (unpersisted && PERSISTED_ONLY.has(str(c, 'constraintType') ?? '')) ctx.findings.error(8183, msg.computedNotPersisted, c.start);
    const references = child(c, 'references');
    if (references !== undefined) checkReferences(references, fkName(c, table, column), ctx);
    if (columns !== null && str(c, 'constraintType') === 'CHECK') checkColumnCheck(c, column, table, columns, ctx);
  }
  const index = child(e, 'index');
  if (index !== undefined) checkIndexColumns(index, columns, ctx);
}

/**
 * A CHECK written among a column's constraints (no comma before it) is that column's: it may name no other
 * column of the table (Msg 8141; docs "CREATE TABLE": "A column-level CHECK constraint can reference only
 * the constrained column"). A condition on several columns is written as a table constraint, after a comma.
 */
function checkColumnCheck(c: NodeBase, column: string, table: string, columns: ColumnSet, ctx: DdlCheckContext): void {
  const condition = child(c, 'check');
  if (condition === undefined) return;
  const own = ctx.caseSensitive ? column : column.toLowerCase();
  let other = false;
  walk(condition, (n) => {
    if (other) return false;
    if (n.kind !== 'ColumnRef') return;
    const parts = children(n, 'parts');
    const name = parts.length === 1 ? nameText(parts[0] as NodeBase) : undefined;
    if (name === undefined || !has(columns, name, ctx.caseSensitive)) return;
    other = (ctx.caseSensitive ? name : name.toLowerCase()) !== own;
  });
  if (other) ctx.findings.error(8141, msg.columnCheckOtherColumn(column, table), c.start);
}

function checkTableConstraint(e: NodeBase, table: string, columns: ColumnSet | null, ctx: DdlCheckContext): void {
  const type = nameOf(e, 'constraintType');
  const keyColumns = children(e, 'keyColumns');
  const own = keyColumns.length > 0 ? keyColumns : children(e, 'columns');
  // Written among a column's constraints, a key or foreign key lists one column at most (Msg 8140).
  if (field(e, 'columnLevel') === true && own.length > 1) ctx.findings.error(8140, msg.columnLevelKeys(type ?? '', table), e.start);
  if (type === 'PRIMARY KEY' || type === 'UNIQUE') {
    if (columns !== null) reportMissing(own, columns, ctx, (c) => ctx.findings.error(1911, msg.columnNotInTarget(c.name), c.start));
    return;
  }
  if (type !== 'FOREIGN KEY') return;
  const first = own[0];
  const name = fkName(e, table, first === undefined ? '' : (nameText(columnIdent(first)) ?? ''));
  if (columns !== null) reportMissing(own, columns, ctx, (c) => ctx.findings.error(1769, msg.fkInvalidReferencingColumn(name, c.name, table), c.start));
  const references = child(e, 'references');
  if (references !== undefined) checkReferences(references, name, ctx);
}

/** CREATE INDEX and inline INDEX: key and INCLUDE columns must exist. */
export function checkIndexColumns(e: NodeBase, columns: ColumnSet | null, ctx: DdlCheckContext): void {
  if (columns === null) return;
  const report = (c: { name: string; start: number }): void => ctx.findings.error(1911, msg.columnNotInTarget(c.name), c.start);
  reportMissing(children(e, 'columns'), columns, ctx, report);
  reportMissing(children(e, 'include'), columns, ctx, report);
}

function reportMissing(idents: readonly NodeBase[], columns: ColumnSet, ctx: DdlCheckContext, report: (c: { name: string; start: number }) => void): void {
  for (const raw of idents) {
    const ident = columnIdent(raw);
    const name = nameText(ident);
    if (name === undefined || name.startsWith('$')) continue;
    if (!has(columns, name, ctx.caseSensitive)) report({ name, start: ident.start });
  }
}

function checkReferences(references: NodeBase, fk: string, ctx: DdlCheckContext): void {
  const tableNode = child(references, 'table');
  if (tableNode === undefined) return;
  const found = ctx.lookup(tableNode);
  const parts = objectParts(tableNode);
  const written = parts === undefined ? '' : parts.schema === undefined ? parts.name : `${parts.schema}.${parts.name}`;
  if (found.status === 'missing') {
    ctx.findings.error(1767, msg.fkInvalidTable(fk, written), tableNode.start);
    return;
  }
  if (found.status !== 'known') return;
  const referenced = children(references, 'columns');
  let missing = false;
  reportMissing(referenced, found.columns, ctx, (c) => {
    missing = true;
    ctx.findings.error(1770, msg.fkInvalidReferencedColumn(fk, c.name, written), c.start);
  });
  if (!missing && found.keys !== undefined) checkCandidateKey(referenced, found.keys, ctx, () => ctx.findings.error(1776, msg.fkNoMatchingKey(written, fk), tableNode.start));
}

/**
 * Msg 1776: the referenced columns (the primary key when none are listed) must be exactly the columns
 * of a PRIMARY KEY, UNIQUE constraint or unique index of the referenced table (in any order).
 */
function checkCandidateKey(referenced: readonly NodeBase[], keys: TableKeys, ctx: DdlCheckContext, report: () => void): void {
  if (referenced.length === 0) return; // No list: the primary key (none is Msg 1773, not checked).
  const names: string[] = [];
  for (const r of referenced) {
    const name = nameText(columnIdent(r));
    if (name === undefined) return;
    names.push(ctx.caseSensitive ? name : name.toLowerCase());
  }
  if (!keys.keys.has(keyOfColumns(names))) report();
}

/**
 * The constraint's name, or the shape of the one SQL Server generates for an unnamed one: FK__, the
 * table's and the column's names cut short, and a number only the server knows (shown as …):
 * `FK__Orders__Custo__5AEE82B9`.
 */
export function fkName(constraint: NodeBase, table: string, column: string): string {
  return nameOf(constraint, 'name') ?? `FK__${table.slice(0, 9)}__${column.slice(0, 5)}__…`;
}
