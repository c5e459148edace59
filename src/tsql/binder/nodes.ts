// Loose, shape-tolerant access to syntax-tree nodes. The binder reads the fields the syntax tree
// documents (ast-*.ts), but through these helpers rather than the node interfaces: a node kind or
// optional field the grammar gains later, or a field typed differently from what a rule expects (an
// alias as a string instead of an Ident), must never make the binder throw or report a false
// finding — it only makes it see less. (Binding over the typed unions with `switch (n.kind)` is the
// better shape; these helpers are the step before it.)
import type { NodeBase } from '../parser/ast.js';

export type AnyNode = NodeBase;

export const isNode = (v: unknown): v is NodeBase =>
  typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';

/** The raw value of a field. */
export function field(n: NodeBase, key: string): unknown {
  return (n as unknown as Record<string, unknown>)[key];
}

/** A child node held in `key`, if it is one. */
export function child(n: NodeBase, key: string): NodeBase | undefined {
  const v = field(n, key);
  return isNode(v) ? v : undefined;
}

const NO_NODES: readonly NodeBase[] = [];

/** The child nodes held in the array `key` (non-nodes skipped); an empty array otherwise. */
export function children(n: NodeBase, key: string): readonly NodeBase[] {
  const v = field(n, key);
  if (!Array.isArray(v)) return isNode(v) ? [v] : NO_NODES;
  let clean = true;
  for (const item of v) if (!isNode(item)) clean = false;
  return clean ? (v as NodeBase[]) : v.filter(isNode);
}

export function str(n: NodeBase, key: string): string | undefined {
  const v = field(n, key);
  return typeof v === 'string' ? v : undefined;
}

export function num(n: NodeBase, key: string): number | undefined {
  const v = field(n, key);
  return typeof v === 'number' ? v : undefined;
}

export function bool(n: NodeBase, key: string): boolean {
  return field(n, key) === true;
}

/** The text of a name held as an Ident node or a plain string. */
export function nameText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isNode(v)) {
    if (v.kind === 'Ident') {
      const value = field(v, 'value');
      return typeof value === 'string' ? value : undefined;
    }
    if (v.kind === 'ObjectName') return nameText(field(v, 'name'));
  }
  return undefined;
}

/** The name held in `key` of `n` (an Ident or a string). */
export function nameOf(n: NodeBase, key: string): string | undefined {
  return nameText(field(n, key));
}

/** The names of an array of Idents (or strings) in `key`. */
export function namesOf(n: NodeBase, key: string): string[] {
  const v = field(n, key);
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const item of v) {
    const t = nameText(item);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/** Ident nodes of an array field (names with their positions). */
export function identsOf(n: NodeBase, key: string): NodeBase[] {
  const out: NodeBase[] = [];
  for (const c of children(n, key)) if (c.kind === 'Ident' || c.kind === 'IndexColumn') out.push(c);
  return out;
}

/** The Ident of an IndexColumn, or the Ident itself. */
export function columnIdent(n: NodeBase): NodeBase {
  if (n.kind === 'IndexColumn') return child(n, 'name') ?? n;
  return n;
}

/** The parts of an ObjectName: [server, database, schema, name], absent ones undefined. */
export interface NameParts {
  server?: string;
  database?: string;
  schema?: string;
  name: string;
}

export function objectParts(n: NodeBase | undefined): NameParts | undefined {
  if (n === undefined) return undefined;
  if (n.kind === 'Ident') {
    const name = nameText(n);
    return name === undefined ? undefined : { name };
  }
  if (n.kind !== 'ObjectName') return undefined;
  const name = nameOf(n, 'name');
  if (name === undefined) return undefined;
  const out: NameParts = { name };
  const schema = nameOf(n, 'schema');
  const database = nameOf(n, 'database');
  const server = nameOf(n, 'server');
  if (schema !== undefined) out.schema = schema;
  if (database !== undefined) out.database = database;
  if (server !== undefined) out.server = server;
  return out;
}

/**
 * Calls `fn` with each direct child node, in the order of the node's fields. Inlined copy of
 * walk.ts's forEachChild without its closure-per-call cost in the binder's hot loop.
 */
export function eachChild(n: NodeBase, fn: (c: NodeBase) => void): void {
  const rec = n as unknown as Record<string, unknown>;
  for (const key in rec) {
    const v = rec[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) fn(item);
    } else if (isNode(v)) fn(v);
  }
}
