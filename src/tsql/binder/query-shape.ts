// What a query returns, read from its select list without binding it: the output column names.
import type { NodeBase } from '../parser/ast.js';
import { child, children, field, nameOf, nameText } from './nodes.js';

/**
 * The output column names of a query (SelectStatement, Select, SetOperation, ParenQuery): '' for an
 * unnamed expression, undefined when they cannot be known (a `*`, an unknown node).
 */
export function outputNames(q: NodeBase | undefined, expandStar?: StarExpansion): string[] | undefined {
  let n = q;
  for (let guard = 0; n !== undefined && guard < 256; guard++) {
    if (n.kind === 'Select') return selectOutput(n, expandStar);
    if (n.kind === 'SetOperation') n = child(n, 'left');
    else if (n.kind === 'ParenQuery' || n.kind === 'SelectStatement') n = child(n, 'query');
    else return undefined;
  }
  return undefined;
}

/** The columns a `*` or `alias.*` of a SELECT stands for (undefined: not known). */
export type StarExpansion = (select: NodeBase, star: NodeBase) => readonly string[] | undefined;

function selectOutput(select: NodeBase, expandStar: StarExpansion | undefined): string[] | undefined {
  const out: string[] = [];
  for (const item of children(select, 'items')) {
    if (item.kind === 'SelectAssign') continue;
    if (item.kind !== 'SelectItem') return undefined;
    const alias = nameOf(item, 'alias');
    if (alias !== undefined) {
      out.push(alias);
      continue;
    }
    const expr = child(item, 'expr');
    if (expr === undefined) return undefined;
    if (expr.kind === 'ColumnRef') {
      if (field(expr, 'star') === true) {
        const expanded = expandStar?.(select, expr);
        if (expanded === undefined) return undefined;
        out.push(...expanded);
        continue;
      }
      const parts = children(expr, 'parts');
      const last = parts[parts.length - 1];
      out.push(last === undefined ? '' : (nameText(last) ?? ''));
    } else out.push('');
  }
  return out;
}
