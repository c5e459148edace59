// What an SSDT build accepts in a model file (a Build item): statements that declare the database
// model — CREATE of an object, ALTER TABLE for its constraints, CREATE INDEX, GRANT/DENY/REVOKE,
// role membership, extended properties, SET options. Anything that does work when it runs (INSERT,
// UPDATE, DELETE, MERGE, a SELECT, IF/WHILE, DECLARE, PRINT, DROP, USE, EXEC of a procedure) is
// refused by the build with SQL70001 "This statement is not recognized in this context"; such
// statements belong in the pre- or post-deployment script (microsoft/azuredatastudio#25713 and
// #24125: an IF … DROP PROCEDURE before the CREATE in a Build file fails with SQL70001).
//
// In the same pass: a three-part name in master or msdb when the project has no reference to that
// system database. SQL projects do not hold system objects in their model, so the build cannot
// resolve such a name without the reference (Microsoft's "System objects in SQL projects" and
// "Troubleshoot SQL project build": add a reference to master or msdb). SQL Server itself resolves the
// name when the statement runs, so it is a warning.
import { lineColAt, locateInBatch } from '../tsql/front-end.js';
import type { NodeBase, ObjectName, Statement } from '../tsql/parser/ast.js';
import { walk } from '../tsql/parser/walk.js';
import { parsedBatches } from '../tsql/parsed.js';
import type { Diagnostic, Script } from '../tsql/types.js';
import type { SystemDatabase } from './project-file.js';

const REFUSED: Record<string, string> = {
  SelectStatement: 'SELECT',
  Insert: 'INSERT',
  Update: 'UPDATE',
  Delete: 'DELETE',
  Merge: 'MERGE',
  TruncateTable: 'TRUNCATE TABLE',
  BulkInsert: 'BULK INSERT',
  Declare: 'DECLARE',
  DeclareCursor: 'DECLARE CURSOR',
  SetVariable: 'SET @variable',
  If: 'IF',
  While: 'WHILE',
  Block: 'BEGIN … END',
  TryCatch: 'BEGIN TRY',
  Print: 'PRINT',
  Use: 'USE',
  Return: 'RETURN',
  Throw: 'THROW',
  Raiserror: 'RAISERROR',
  BeginTransaction: 'BEGIN TRANSACTION',
  Commit: 'COMMIT',
  Rollback: 'ROLLBACK',
  Waitfor: 'WAITFOR',
  DropObjects: 'DROP',
  Dbcc: 'DBCC',
  BackupRestore: 'BACKUP/RESTORE',
};

/** System procedures whose calls the model records (extended properties, role membership). */
const MODEL_PROCEDURES = new Set(['sp_addextendedproperty', 'sp_addrolemember']);

function refusedWhat(statement: Statement): string | undefined {
  if (statement.kind === 'Execute') {
    const name = statement.procedure?.name.value.toLowerCase();
    if (name !== undefined && MODEL_PROCEDURES.has(name)) return undefined;
    return name === undefined ? 'EXECUTE' : `EXEC ${statement.procedure?.name.value ?? ''}`;
  }
  return REFUSED[statement.kind];
}

const isObjectName = (n: NodeBase): n is ObjectName => n.kind === 'ObjectName';

const PACKAGES: Record<SystemDatabase, string> = { master: 'Microsoft.SqlServer.Dacpacs.Master', msdb: 'Microsoft.SqlServer.Dacpacs.Msdb' };

/**
 * Statements of the project's model files that an SSDT build refuses (rule `statement-not-in-model`),
 * and names in a system database the project does not reference (rule `system-database-reference`).
 * The trees are parsed here and kept for the front end (parsed.ts), which binds the same scripts next.
 */
export function modelFileStatements(scripts: readonly Script[], referenced: readonly SystemDatabase[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const script of scripts) {
    const trees = parsedBatches(script, true);
    script.batches.forEach((batch, k) => {
      for (const statement of trees[k]?.statements ?? []) {
        walk(statement, (n) => {
          if (!isObjectName(n) || n.database === undefined) return;
          const db = n.database.value.toLowerCase();
          if ((db !== 'master' && db !== 'msdb') || referenced.includes(db)) return;
          const name = [n.database, n.schema, n.name].map((i) => i?.value ?? '').join('.');
          const at = lineColAt(batch.text, n.start);
          out.push({
            ...locateInBatch(batch, at.line, at.col),
            severity: 'warning',
            rule: 'system-database-reference',
            message: `${name} is an object of ${db}, which the project does not reference: the SSDT build cannot resolve it (SQL71501)`,
            hint: `Add a reference to ${db}: <PackageReference Include="${PACKAGES[db]}" Version="…" /> in an SDK-style project, or a database reference to ${db}.dacpac in a classic one.`,
          });
        });
        const what = refusedWhat(statement);
        if (what === undefined) continue;
        const { line, col } = lineColAt(batch.text, statement.start);
        out.push({
          ...locateInBatch(batch, line, col),
          severity: 'error',
          rule: 'statement-not-in-model',
          message: `${what} is not part of a database model: an SSDT build refuses it in a Build file (SQL70001: This statement is not recognized in this context)`,
          hint: 'A Build file declares objects (CREATE, ALTER TABLE … ADD CONSTRAINT, GRANT …). Move statements that do work when they run to the post-deployment script (PostDeploy), or mark the file <None Include="…" /> if it is not part of the model.',
        });
      }
    });
  }
  return out;
}
