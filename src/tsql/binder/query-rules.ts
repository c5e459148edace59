// Rules of a query's shape SQL Server checks when it binds it: Msg 147 (an aggregate in WHERE), 4108
// (a window function outside SELECT / ORDER BY), 144 (an aggregate or subquery in GROUP BY), 116 (a
// subquery giving more than one column where one value is needed), 128 (a column name in INSERT …
// VALUES), 8155 / 4511 / 4506 (result columns without a name, or named twice).
import type { NodeBase } from '../parser/ast.js';
import { msg } from './messages.js';
import { child, children, eachChild, field, nameText } from './nodes.js';
import { outputNames } from './query-shape.js';

/** Built-in aggregate functions (docs: "Aggregate Functions (Transact-SQL)"). */
const AGGREGATES = new Set([
  'AVG', 'CHECKSUM_AGG', 'COUNT', 'COUNT_BIG', 'GROUPING', 'GROUPING_ID', 'MAX', 'MIN', 'STDEV', 'STDEVP', 'STRING_AGG', 'SUM', 'VAR', 'VARP',
  'APPROX_COUNT_DISTINCT', 'APPROX_PERCENTILE_CONT', 'APPROX_PERCENTILE_DISC',
]);

/** Nodes a search stops at: queries (their own rules apply to them). */
const QUERY_NODES = new Set(['Select', 'SetOperation', 'ParenQuery', 'SelectStatement']);

const SUBQUERIES = new Set(['Subquery', 'Exists', 'InSubquery', 'QuantifiedComparison']);

export type Report = (code: number, message: string, offset: number) => void;

/** A one-part call of a built-in aggregate without OVER. */
export function isAggregate(n: NodeBase): boolean {
  if (n.kind !== 'FunctionCall' || field(n, 'over') !== undefined) return false;
  const name = children(n, 'name');
  if (name.length !== 1 || name[0] === undefined) return false;
  const text = nameText(name[0]);
  return text !== undefined && AGGREGATES.has(text.toUpperCase());
}

const isWindowed = (n: NodeBase): boolean => n.kind === 'FunctionCall' && field(n, 'over') !== undefined;

/** The first node under `n` (itself included, queries excluded) that matches. */
export function findIn(n: NodeBase, match: (x: NodeBase) => boolean): NodeBase | undefined {
  if (match(n)) return n;
  if (QUERY_NODES.has(n.kind)) return undefined;
  let found: NodeBase | undefined;
  eachChild(n, (c) => {
    if (found === undefined) found = findIn(c, match);
  });
  return found;
}

/**
 * WHERE, GROUP BY and HAVING of one SELECT. Aggregates in WHERE are checked only for a query at the
 * top (a subquery's aggregate of an outer column is legal there).
 */
export function checkSelectClauses(select: NodeBase, topLevel: boolean, report: Report): void {
  for (const where of children(select, 'where')) {
    const windowed = findIn(where, isWindowed);
    if (windowed !== undefined) report(4108, msg.windowedOutside, windowed.start);
    else if (topLevel) {
      const aggregate = findIn(where, isAggregate);
      if (aggregate !== undefined) report(147, msg.aggregateInWhere, aggregate.start);
    }
  }
  for (const item of children(select, 'groupBy')) {
    const bad = findIn(item, (x) => isWindowed(x) || SUBQUERIES.has(x.kind) || (topLevel && isAggregate(x)));
    if (bad === undefined) continue;
    if (isWindowed(bad)) report(4108, msg.windowedOutside, bad.start);
    else report(144, msg.aggregateInGroupBy, bad.start);
  }
  for (const having of children(select, 'having')) {
    const windowed = findIn(having, isWindowed);
    if (windowed !== undefined) report(4108, msg.windowedOutside, windowed.start);
  }
}

/** The first SELECT of a query (the one that names a set operation's columns). */
function firstSelect(q: NodeBase | undefined): NodeBase | undefined {
  let n = q;
  for (let guard = 0; n !== undefined && guard < 256; guard++) {
    if (n.kind === 'Select') return n;
    n = child(n, n.kind === 'SetOperation' ? 'left' : 'query');
  }
  return undefined;
}

/** FOR XML / FOR JSON anywhere on the way to the first SELECT: the result is one column. */
function hasForClause(q: NodeBase | undefined): boolean {
  let n = q;
  for (let guard = 0; n !== undefined && guard < 256; guard++) {
    if (field(n, 'forClause') !== undefined || field(n, 'for') !== undefined) return true;
    if (n.kind === 'Select') return false;
    n = child(n, n.kind === 'SetOperation' ? 'left' : 'query');
  }
  return false;
}

/** `(SELECT a, b …)` as a value, `x IN (SELECT a, b …)`, `x = ANY (SELECT a, b …)`: Msg 116. */
export function checkScalarSubquery(n: NodeBase, report: Report): void {
  const select = firstSelect(child(n, 'query'));
  if (select === undefined || hasForClause(child(n, 'query'))) return;
  let count = 0;
  for (const item of children(select, 'items')) if (item.kind === 'SelectItem' || item.kind === 'SelectAssign') count++;
  if (count > 1) report(116, msg.subqueryColumns, select.start);
}

/** INSERT … VALUES: a bare name in a row is a column name, which is not allowed there (Msg 128). */
export function checkValuesRows(source: NodeBase, report: Report): void {
  for (const row of children(source, 'rows')) {
    for (const value of children(row, 'values')) {
      const ref = findIn(value, (x) => x.kind === 'ColumnRef' && field(x, 'star') !== true && children(x, 'parts').length === 1);
      if (ref === undefined) continue;
      const name = nameText(children(ref, 'parts')[0]);
      if (name !== undefined && !name.startsWith('$')) report(128, msg.columnNotPermitted(name), ref.start);
    }
  }
}

/** Derived tables and CTEs without a column list: every result column needs a name (Msg 8155). */
export function checkDerivedNames(query: NodeBase | undefined, name: string, offset: number, report: Report): void {
  const names = outputNames(query);
  if (names === undefined) return;
  const missing = names.indexOf('');
  if (missing >= 0) report(8155, msg.noColumnName(missing + 1, name), offset);
}

/** A view's or inline function's columns: each named (4511), no name twice (4506). */
export function checkModuleColumns(query: NodeBase | undefined, module: string, caseSensitive: boolean, offset: number, report: Report): void {
  const names = outputNames(query);
  if (names === undefined) return;
  const missing = names.indexOf('');
  if (missing >= 0) {
    report(4511, msg.viewNoColumnName(missing + 1), offset);
    return;
  }
  const seen = new Set<string>();
  for (const name of names) {
    const key = caseSensitive ? name : name.toLowerCase();
    if (seen.has(key)) {
      report(4506, msg.viewDuplicateColumn(name, module), offset);
      return;
    }
    seen.add(key);
  }
}
