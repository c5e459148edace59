// Expression nodes (see expressions.ts). The contract nodes Variable, GlobalVariable and ColumnRef
// live in ast.ts.
import type { ColumnRef, GlobalVariable, Variable } from './ast.js';

export type ExpressionNode = Variable | GlobalVariable | ColumnRef;
