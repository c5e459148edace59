// The binder: name resolution over parsed T-SQL, reporting what SQL Server reports when it binds a
// batch (or would report when it runs it: warnings). `buildSchema` reads what the whole payload
// defines; `bindScript` checks one script against it.
import type { NodeBase } from '../parser/ast.js';
import { BatchBinder, type ScriptState } from './binder.js';
import { checkControlFlow } from './control-flow.js';
import { Findings, msg } from './messages.js';
import { children, field, str } from './nodes.js';
import type { BinderDiagnostic, BindOptions, ParsedScriptInput, SchemaCatalog } from './types.js';

export { buildSchema } from './catalog.js';
export type { BinderDiagnostic, BindOptions, ParsedScriptInput, SchemaCatalog } from './types.js';

export function bindScript(script: ParsedScriptInput, schema: SchemaCatalog, options: BindOptions): BinderDiagnostic[] {
  const catalog: SchemaCatalog = schema.caseSensitive === options.caseSensitive ? schema : { ...schema, caseSensitive: options.caseSensitive };
  const findings = new Findings();
  const state: ScriptState = { temps: new Map(), tables: new Map() };
  for (let i = 0; i < script.batches.length; i++) {
    const batch = script.batches[i];
    // A batch with a syntax error never runs: SQL Server binds nothing of it.
    if (batch === undefined || batch.error !== undefined) continue;
    findings.batch = i;
    checkFirstStatements(batch.statements, findings);
    checkControlFlow(batch.statements, findings, options.caseSensitive);
    new BatchBinder(catalog, findings, state).bindBatch(batch.statements);
  }
  const deploy = schema.deployFindings.get(script.path);
  if (deploy !== undefined) {
    findings.list.push(...deploy);
    findings.list.sort((a, b) => a.batch - b.batch || a.offset - b.offset);
  }
  return findings.list;
}

/** Statements that must start their batch (Msg 111). */
const FIRST_ONLY: ReadonlyMap<string, string> = new Map([
  ['CreateView', 'VIEW'],
  ['CreateProcedure', 'PROCEDURE'],
  ['CreateFunction', 'FUNCTION'],
  ['CreateTrigger', 'TRIGGER'],
  ['CreateSchema', 'SCHEMA'],
  ['CreateDefault', 'DEFAULT'],
  ['CreateRule', 'RULE'],
]);

/** Modules whose body runs to the end of the batch: a statement after them in the batch is in their body. */
const BODY_TO_END = new Set(['CreateProcedure', 'CreateTrigger']);

function checkFirstStatements(statements: readonly NodeBase[], findings: Findings): void {
  for (const [i, s] of statements.entries()) {
    if (i > 0) checkFirst(s, findings);
    if (BODY_TO_END.has(s.kind)) checkModuleBody(s, findings);
  }
}

/**
 * A procedure's or trigger's body is the rest of the batch, so a second CREATE PROCEDURE (or VIEW,
 * FUNCTION …) written after it without GO is a statement of its body: not first in the batch (Msg 111;
 * CREATE PROCEDURE: "The CREATE PROCEDURE statement can't be combined with other Transact-SQL statements
 * in a single batch").
 */
function checkModuleBody(module: NodeBase, findings: Findings): void {
  for (const s of children(module, 'body')) {
    checkFirst(s, findings);
    if (BODY_TO_END.has(s.kind)) checkModuleBody(s, findings);
  }
}

function checkFirst(s: NodeBase, findings: Findings): void {
  const what = FIRST_ONLY.get(s.kind);
  if (what === undefined) return;
  const verb = str(s, 'verb') ?? 'CREATE';
  const label = what === 'PROCEDURE' ? 'CREATE/ALTER PROCEDURE' : field(s, 'orAlter') === true ? `CREATE OR ALTER ${what}` : `${verb} ${what}`;
  findings.error(111, msg.firstInBatch(label), s.start);
}
