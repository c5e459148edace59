// Calls of built-in functions: Msg 195 for an unqualified name that is no built-in (user functions
// need a schema), Msg 174 / 189 for a wrong argument count of a built-in whose count the docs give.
import type { NodeBase } from '../parser/ast.js';
import { builtinArity, isBuiltinFunction } from './builtins.js';
import type { Findings } from './messages.js';
import { msg } from './messages.js';
import { children, field, nameText } from './nodes.js';

export function checkFunctionCall(call: NodeBase, findings: Findings): void {
  const name = children(call, 'name');
  // `{fn UCASE(x)}`: an ODBC scalar function (docs: ODBC Scalar Functions), not a built-in of T-SQL.
  if (name.length !== 1 || field(call, 'odbc') === true) return;
  const ident = name[0];
  const written = ident === undefined ? undefined : nameText(ident);
  if (ident === undefined || written === undefined) return;
  const upper = written.toUpperCase();
  if (!isBuiltinFunction(upper)) {
    findings.error(195, msg.notBuiltin(written), ident.start);
    return;
  }
  const arity = builtinArity(upper);
  if (arity === undefined) return;
  const count = field(call, 'star') === true ? 1 : children(call, 'args').length;
  const [min, max] = arity;
  if (count >= min && count <= max) return;
  // SQL Server names the function in lower case: "The left function requires 2 argument(s)."
  const lower = written.toLowerCase();
  findings.error(min === max ? 174 : 189, min === max ? msg.argCount(lower, min) : msg.argRange(lower, min, max), call.start);
}
