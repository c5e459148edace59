// Expressions with SQL Server's operator precedence.
import type { Expression } from './ast.js';
import type { Parser } from './core.js';

/** A scalar expression. */
export function parseExpression(p: Parser): Expression {
  return p.fail();
}

/** A search condition (WHERE, ON, HAVING, IF, WHILE, CHECK, WHEN). */
export function parseCondition(p: Parser): Expression {
  return p.fail();
}
