// The part of a parsed batch that buildSchema reads (catalog.ts and the deploy tracker of objects.ts):
// what a worker that parsed a script sends back so that this thread builds the same schema without
// the script's whole trees (parallel.ts). Statements that define nothing and drop nothing (queries,
// DML, assignments, declarations, control statements without statements inside) are left out; every
// other statement is kept whole, and statements that hold statements keep their own fields with their
// statements pruned the same way.
import type { NodeBase, ParsedBatch, Statement } from '../parser/ast.js';
import { CONTAINERS } from './catalog.js';
import { child, isNode } from './nodes.js';

/**
 * Statements buildSchema never reads: neither catalog.ts nor objects.ts has a rule for them, and none
 * holds a statement. A SELECT … INTO creates a table: only a SelectStatement without INTO is here.
 */
const DEFINES_NOTHING = new Set([
  'Insert', 'Update', 'Delete', 'Merge', 'SetVariable', 'Declare', 'DeclareTable', 'DeclareCursor', 'Return', 'Print',
  'Raiserror', 'Throw', 'SetOption', 'Break', 'Continue', 'Goto', 'OpenCursor', 'Fetch', 'CloseCursor', 'Deallocate',
  'BeginTransaction', 'Commit', 'Rollback', 'Save', 'Waitfor', 'Send', 'Receive', 'BeginDialog', 'EndConversation',
  'BeginConversationTimer', 'GetConversationGroup', 'MoveConversation', 'TruncateTable', 'Revert', 'LineNo',
]);

/**
 * The fields in which the statements that hold statements (catalog.ts CONTAINERS) hold them
 * (ast-*.ts): pruned. Their other fields are kept whole (an inline function's `query`, parameters,
 * RETURNS), since buildSchema reads them.
 */
const STATEMENT_FIELDS = new Set(['statements', 'then', 'else', 'body', 'tryStatements', 'catchStatements', 'elements']);

/** The batch as buildSchema sees it: its error, and its statements pruned (see the file comment). */
export function schemaSkeleton(batch: ParsedBatch): ParsedBatch {
  const statements: Statement[] = [];
  for (const s of batch.statements) {
    const kept = prune(s);
    if (kept !== undefined) statements.push(kept as Statement);
  }
  const out: ParsedBatch = { statements, opaque: [], tokens: 0, steps: 0 };
  if (batch.error !== undefined) out.error = batch.error;
  return out;
}

function prune(n: NodeBase): NodeBase | undefined {
  if (DEFINES_NOTHING.has(n.kind)) return undefined;
  if (n.kind === 'SelectStatement') return selectsInto(n) ? n : undefined;
  if (!CONTAINERS.has(n.kind)) return n;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(n)) {
    if (!STATEMENT_FIELDS.has(key)) copy[key] = value;
    else if (Array.isArray(value)) {
      const items: unknown[] = [];
      for (const item of value) {
        if (!isNode(item)) items.push(item);
        else {
          const kept = prune(item);
          if (kept !== undefined) items.push(kept);
        }
      }
      copy[key] = items;
    } else if (isNode(value)) {
      const kept = prune(value);
      if (kept !== undefined) copy[key] = kept;
    } else copy[key] = value;
  }
  return copy as unknown as NodeBase;
}

/** A SELECT … INTO: the first SELECT of the statement's query has INTO (as catalog.ts and objects.ts read it). */
function selectsInto(n: NodeBase): boolean {
  let q = child(n, 'query');
  while (q !== undefined && q.kind !== 'Select') q = child(q, q.kind === 'SetOperation' ? 'left' : 'query');
  return q !== undefined && child(q, 'into') !== undefined;
}
