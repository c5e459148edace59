import { describe, expect, it } from 'vitest';
import { checkPayload } from './check.js';
import { loadPayloadPlan } from './payload.js';
import { writeTree } from './test-support.js';
import type { Diagnostic } from './types.js';

const MIGRATION = `IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'1_Init')
BEGIN
    IF SCHEMA_ID(N'app') IS NULL EXEC(N'CREATE SCHEMA [app];');
    CREATE TABLE [dbo].[Atom] (
        [AtomId] bigint NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Geo] geography NULL,
        [Len] AS LEN([Name]),
        [ValidFrom] datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
        [ValidTo] datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
        PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo]),
        CONSTRAINT [PK_Atom] PRIMARY KEY ([AtomId])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[AtomHistory]));
    EXEC(N'CREATE TABLE [app].[Job] ([JobId] int NOT NULL, CONSTRAINT [PK_Job] PRIMARY KEY ([JobId]))');
    EXEC(N'ALTER TABLE [app].[Job] ADD [Status] int NOT NULL DEFAULT 0');
    EXEC(N'CREATE USER [hart_app] WITHOUT LOGIN');
    CREATE ROLE [hart_reader];
    EXEC(N'CREATE TYPE [dbo].[IdList] AS TABLE ([Id] bigint NOT NULL)');
    CREATE SEQUENCE [dbo].[Numbers] START WITH 1;
END;
GO
`;

async function check(files: Record<string, string>): Promise<Diagnostic[]> {
  const dir = writeTree({ 'migrations/1_Init.sql': MIGRATION, ...files });
  return checkPayload(await loadPayloadPlan(dir, { variables: {} }));
}

const rules = async (files: Record<string, string>): Promise<string[]> => (await check(files)).map((d) => `${d.rule}@${d.file}:${d.line}`);

const proc = (body: string, name = 'dbo.P'): string => `CREATE OR ALTER PROCEDURE ${name}\nAS\nBEGIN\n${body}\nEND;\nGO\n`;

describe('checkPayload on valid T-SQL', () => {
  it('finds nothing in objects the migration defines, built-ins, temp tables, table variables and CTEs', async () => {
    const body = `
    DECLARE @t TABLE (Id int); DECLARE @g geography = geography::Point(1, 2, 4326), @ids dbo.IdList;
    CREATE TABLE #w (Id int);
    ;WITH c AS (SELECT a.AtomId, a.Geo.STDistance(@g) AS D, a.Geo.STX AS X, a.Len FROM dbo.Atom AS a)
    SELECT c.AtomId, w.Id, h.Name FROM c JOIN #w w ON w.Id = c.AtomId CROSS APPLY STRING_SPLIT(N'a b', N' ') s
      JOIN dbo.AtomHistory h ON h.AtomId = c.AtomId;
    INSERT INTO @t (Id) SELECT Id FROM #w;
    UPDATE j SET j.Status = NEXT VALUE FOR dbo.Numbers FROM app.Job j WHERE j.JobId = 1;
    INSERT INTO app.Job (JobId, Status) OUTPUT inserted.JobId VALUES (1, 0);
    SELECT o.name, TRIM(N' ' FROM o.name) FROM sys.objects o JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_NAME = o.name;
    SELECT d.x FROM (SELECT 1 AS x) AS d;
    EXEC sp_executesql N'SELECT 1'; EXEC dbo.Q;`;
    expect(await rules({ 'programmability/p.sql': proc(body), 'programmability/q.sql': proc('SELECT 1;', 'dbo.Q') })).toEqual([]);
  });

  it('accepts guarded and drop-then-create statements in anytime scripts', async () => {
    const broker = `IF NOT EXISTS (SELECT 1 FROM sys.service_queues WHERE name = N'Q')\n    CREATE QUEUE dbo.Q;\nGO\nDROP SYNONYM IF EXISTS dbo.S;\nCREATE SYNONYM dbo.S FOR dbo.Atom;\nGO\n`;
    expect(await rules({ 'broker/b.sql': broker })).toEqual([]);
  });
});

describe('rules', () => {
  it('duplicate-definition: the same object in two files', async () => {
    expect(await rules({ 'programmability/a.sql': proc('SELECT 1;'), 'programmability/b.sql': proc('SELECT 2;') })).toEqual(['duplicate-definition@programmability/b.sql:1']);
  });

  it('a table created twice is one finding: SQL Server\'s Msg 2714, where the older rule reports the same spot', async () => {
    const found = await check({ 'migrations/1_A.sql': 'CREATE TABLE dbo.T (Id int);\nGO\n', 'migrations/2_B.sql': 'CREATE TABLE dbo.T (Id int);\nGO\n' });
    expect(found.map((d) => `${d.rule} ${d.code ?? ''}@${d.file}:${d.line}`)).toEqual(['binding 2714@migrations/2_B.sql:1']);
  });

  it('ddl-in-module: a procedure that creates a permanent table', async () => {
    expect(await rules({ 'programmability/a.sql': proc('CREATE TABLE dbo.Oops (Id int);') })).toEqual(['ddl-in-module@programmability/a.sql:4']);
  });

  it('missing-reference: tables, procedures, functions, types, sequences that no script defines', async () => {
    const body = 'SELECT * FROM dbo.Nope;\nEXEC dbo.NoProc;\nSELECT dbo.NoFn(1);\nDECLARE @x dbo.NoType;\nSELECT NEXT VALUE FOR dbo.NoSeq;';
    expect(await rules({ 'programmability/a.sql': proc(body) })).toEqual([
      'missing-reference@programmability/a.sql:4',
      'missing-reference@programmability/a.sql:5',
      'missing-reference@programmability/a.sql:6',
      'missing-reference@programmability/a.sql:7',
      'missing-reference@programmability/a.sql:8',
    ]);
  });

  it('Msg 207: alias.column where the table has no such column', async () => {
    const found = await check({ 'programmability/a.sql': proc('SELECT a.SpatialKey FROM dbo.Atom a;') });
    // SQL Server's Msg 207 (the binder); the hint names the table.
    expect(found).toMatchObject([{ rule: 'binding', code: 207, line: 4, col: 8, message: "Msg 207: Invalid column name 'SpatialKey'.", hint: 'Use a column dbo.Atom has, or add the column where the table is defined.' }]);
  });

  it('a payload loaded for plan (order only) orders the same, and check on it still finds a missing column', async () => {
    const files = { 'migrations/1_Init.sql': MIGRATION, 'programmability/a.sql': proc('SELECT a.SpatialKey FROM dbo.Atom a; EXEC dbo.Q;'), 'programmability/b.sql': proc('SELECT 1;', 'dbo.Q') };
    const full = await loadPayloadPlan(writeTree(files), { variables: {} });
    const forPlan = await loadPayloadPlan(writeTree(files), { variables: {}, orderOnly: true });
    expect(forPlan.programmability.map((s) => s.path)).toEqual(full.programmability.map((s) => s.path));
    expect(forPlan.diagnostics).toEqual(full.diagnostics);
    expect((await checkPayload(forPlan)).map((d) => `${d.rule} ${d.code ?? ''}`)).toEqual(['binding 207']);
  });

  it('missing-principal: GRANT, ALTER ROLE and EXECUTE AS naming nobody', async () => {
    const script = `${proc('SELECT 1;')}GRANT EXECUTE ON dbo.P TO [hart_app], [ghost];\nALTER ROLE [hart_reader] ADD MEMBER [nobody];\nGO\nCREATE OR ALTER PROCEDURE dbo.R WITH EXECUTE AS 'stranger' AS SELECT 1;\nGO\n`;
    expect(await rules({ 'programmability/a.sql': script })).toEqual([
      'missing-principal@programmability/a.sql:7',
      'missing-principal@programmability/a.sql:8',
      'missing-principal@programmability/a.sql:10',
    ]);
  });

  it('not-rerunnable: plain CREATE of a module or unguarded CREATE of anything else', async () => {
    expect(await rules({ 'programmability/a.sql': 'CREATE PROCEDURE dbo.P AS SELECT 1;\nGO\nCREATE TABLE dbo.T (Id int);\nGO\n' })).toEqual([
      'not-rerunnable@programmability/a.sql:1',
      'not-rerunnable@programmability/a.sql:3',
    ]);
    // Run-once migrations may create plainly.
    expect(await rules({ 'migrations/2_More.sql': 'CREATE TABLE dbo.T (Id int);\nGO\n' })).toEqual([]);
  });

  it('go-in-body counts the blocks of each batch alone: a body ending in END, after a batch with END CONVERSATION, is whole', async () => {
    // The same token positions in both batches: the first one's CONVERSATION follows where the second one ends.
    const script = 'CREATE OR ALTER PROCEDURE dbo.A AS BEGIN END CONVERSATION @h; END\nGO\nCREATE OR ALTER PROCEDURE dbo.B AS BEGIN END\nGO\nCREATE OR ALTER PROCEDURE dbo.C AS BEGIN BEGIN TRAN; COMMIT; END\nGO\nCREATE OR ALTER PROCEDURE dbo.D AS BEGIN\nGO\n';
    // SQL Server also rejects the undeclared @h (Msg 137), the empty BEGIN END (Msg 102) and the cut body.
    expect(await rules({ 'programmability/a.sql': script })).toEqual(['binding@programmability/a.sql:1', 'syntax@programmability/a.sql:3', 'go-in-body@programmability/a.sql:7', 'syntax@programmability/a.sql:7']);
  });

  it('go-in-body and module-not-first', async () => {
    const script = 'CREATE OR ALTER PROCEDURE dbo.P AS\nBEGIN\n  SELECT 1;\nGO\nEND\nGO\nSET NOCOUNT ON;\nCREATE OR ALTER VIEW dbo.V AS SELECT 1 AS x;\nGO\n';
    // The cut body fails to parse in both halves (Msg 102, 156); the view not first in its batch is Msg 111.
    expect(await rules({ 'programmability/a.sql': script })).toEqual(['go-in-body@programmability/a.sql:1', 'syntax@programmability/a.sql:3', 'syntax@programmability/a.sql:5', 'binding@programmability/a.sql:8']);
  });

  it('reader rules come through: GO;, undefined variables', async () => {
    expect(await rules({ 'programmability/a.sql': 'SELECT $(Nope);\nGO;\n' })).toEqual(['sqlcmd-undefined-variable@programmability/a.sql:1', 'go-semicolon@programmability/a.sql:2']);
  });

  it('takes extra diagnostics and providers from the caller', async () => {
    const dir = writeTree({ 'programmability/a.sql': proc('SELECT 1;') });
    const plan = await loadPayloadPlan(dir, { variables: {} });
    const extra: Diagnostic = { file: 'clr/bindings.sql', line: 1, col: 1, severity: 'warning', rule: 'clr-binding', message: 'm', hint: 'h' };
    const found = await checkPayload(plan, { extraDiagnostics: [extra], providers: [({ catalog }) => (catalog.all().length === 1 ? [{ ...extra, rule: 'provided' }] : [])] });
    expect(found.map((d) => d.rule)).toEqual(['clr-binding', 'provided']);
  });
});
