// Query and data-modification nodes (see query.ts).
import type { NodeBase } from './ast.js';

export type QueryStatement = never;
export type QueryNode = NodeBase;
