// A generic walk over the syntax tree: every property that holds a node (an object with `kind`) or
// an array of nodes is a child. Rules that care about a few node kinds walk with this and need not
// know the shape of every other node.
import type { NodeBase } from './ast.js';

const isNode = (v: unknown): v is NodeBase => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';

/** Calls `fn` with each direct child node of `node`, in source order of the properties. */
export function forEachChild(node: NodeBase, fn: (child: NodeBase) => void): void {
  for (const key in node) {
    const v: unknown = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) fn(item);
    } else if (isNode(v)) fn(v);
  }
}

/**
 * Visits `node` and its descendants depth-first; `visit` returning false skips the node's children.
 * Iterative (an explicit stack), so a deep tree cannot overflow the call stack.
 */
export function walk(node: NodeBase, visit: (n: NodeBase) => boolean | void): void {
  const stack: NodeBase[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as NodeBase;
    if (visit(n) === false) continue;
    const children: NodeBase[] = [];
    forEachChild(n, (c) => children.push(c));
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as NodeBase);
  }
}
