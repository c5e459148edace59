// EXEC of a procedure the payload defines, against its parameter list. These fail only when the
// call runs (the procedure may be re-created before it does), so they are warnings: Msg 8144 (too
// many arguments), 8145 (a named argument that is no parameter), 201 (a required parameter missing).
import type { NodeBase } from '../parser/ast.js';
import { norm, objectKey } from './catalog.js';
import type { Findings } from './messages.js';
import { msg } from './messages.js';
import { bool, child, children, field, objectParts, str } from './nodes.js';
import type { SchemaCatalog } from './types.js';

export function checkExecute(exec: NodeBase, catalog: SchemaCatalog, findings: Findings): void {
  if (catalog.procedures.size === 0) return;
  const parts = objectParts(child(exec, 'procedure'));
  if (parts === undefined || parts.database !== undefined || parts.server !== undefined) return;
  if (field(exec, 'procedureNumber') !== undefined) return;
  const proc = catalog.procedures.get(objectKey(parts, catalog.caseSensitive));
  if (proc === undefined || proc.conflicting || catalog.uncertainNames.has(norm(parts.name, catalog.caseSensitive))) return;
  const cs = catalog.caseSensitive;
  const args = children(exec, 'args');
  const supplied = new Set<string>();
  let positional = 0;
  let bad = false;
  for (const arg of args) {
    const name = str(arg, 'name');
    if (name === undefined) {
      if (positional >= proc.parameters.length) {
        findings.warning(8144, msg.tooManyArguments(parts.name), arg.start);
        return;
      }
      const param = proc.parameters[positional];
      if (param !== undefined && !(bool(arg, 'isDefault') && !param.optional)) supplied.add(param.key);
      positional++;
      continue;
    }
    const key = norm(name, cs);
    if (!proc.parameters.some((p) => p.key === key)) {
      findings.warning(8145, msg.notAParameter(name, parts.name), arg.start);
      bad = true;
    } else if (!bool(arg, 'isDefault')) supplied.add(key);
    else if (proc.parameters.some((p) => p.key === key && p.optional)) supplied.add(key);
  }
  if (bad) return;
  for (const p of proc.parameters) {
    if (p.optional || supplied.has(p.key)) continue;
    findings.warning(201, msg.missingParameter(parts.name, p.name), exec.start);
    return;
  }
}
