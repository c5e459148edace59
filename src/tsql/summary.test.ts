// The payload summary read from the syntax trees: what each script defines, references (for the deploy
// order and the missing-reference rule), names as principals, drops and creates (re-runnability).
import { describe, expect, it } from 'vitest';
import type { ScriptAnalysis } from './analysis-types.js';
import { summarizeBatches } from './summary.js';
import type { Batch } from './types.js';

/** The batches of a script text split on GO lines, as the reader gives them. */
function batchesOf(text: string): Batch[] {
  const out: Batch[] = [];
  let line = 1;
  let current: string[] = [];
  let first = 1;
  for (const l of text.split('\n')) {
    if (/^\s*GO\s*$/i.test(l)) {
      out.push({ file: 's.sql', line: first, text: current.join('\n'), count: 1 });
      current = [];
      first = line + 1;
    } else current.push(l);
    line++;
  }
  if (current.join('').trim() !== '') out.push({ file: 's.sql', line: first, text: current.join('\n'), count: 1 });
  return out;
}

const summary = (text: string, orderOnly = false): ScriptAnalysis => summarizeBatches(batchesOf(text), { orderOnly });

const refs = (a: ScriptAnalysis): string[] => a.references.map((r) => `${r.module?.name ?? '-'} ${r.kind} ${r.parts.join('.')}${r.ordering ? '' : ' (late)'}`);

describe('summary: definitions', () => {
  it('a table with its columns, a view, a function, a procedure, a type, a sequence, a schema', () => {
    const a = summary(
      [
        'CREATE SCHEMA app;',
        'GO',
        'CREATE TABLE app.Atom (AtomId bigint NOT NULL, Name nvarchar(10), Total AS AtomId * 2);',
        'CREATE TYPE dbo.Ids AS TABLE (Id int);',
        'CREATE SEQUENCE dbo.Seq AS int;',
        'GO',
        'CREATE OR ALTER VIEW dbo.v AS SELECT AtomId FROM app.Atom;',
        'GO',
        'CREATE FUNCTION dbo.f(@x int) RETURNS int AS BEGIN RETURN @x; END;',
        'GO',
        'CREATE PROCEDURE dbo.p AS SELECT 1;',
        'GO',
      ].join('\n'),
    );
    expect(a.definitions.map((d) => `${d.kind} ${d.name}${d.orAlter === true ? ' (or alter)' : ''}`)).toEqual([
      'schema app',
      'table app.Atom',
      'type dbo.Ids',
      'sequence dbo.Seq',
      'view dbo.v (or alter)',
      'function dbo.f',
      'procedure dbo.p',
    ]);
    const atom = a.definitions.find((d) => d.name === 'app.Atom');
    expect([...(atom?.columns?.values() ?? [])].map((c) => `${c.name}:${c.type}`)).toEqual(['AtomId:bigint', 'Name:nvarchar', 'Total:computed']);
    expect(a.definitions.find((d) => d.name === 'app.Atom')?.loc).toMatchObject({ file: 's.sql', line: 3, col: 14 });
  });

  it('a trigger records its table; a CLR procedure its EXTERNAL NAME', () => {
    const a = summary(['CREATE TRIGGER dbo.trg ON dbo.T AFTER INSERT AS SELECT 1;', 'GO', 'CREATE PROCEDURE dbo.clr @x int AS EXTERNAL NAME Asm.[Ns.Cls].Run;', 'GO'].join('\n'));
    expect(a.definitions[0]).toMatchObject({ kind: 'trigger', target: ['dbo', 'T'] });
    expect(a.definitions[1]).toMatchObject({ kind: 'procedure', external: { assembly: 'Asm', className: 'Ns.Cls', method: 'Run' } });
  });

  it('sp_rename of a column is a renamed column; of a table, the new name is defined', () => {
    const a = summary("EXEC sp_rename 'dbo.T.Old', 'New', 'COLUMN';\nEXEC sp_rename 'dbo.T', 'T2';");
    expect(a.renamedColumns).toEqual([{ table: ['dbo', 'T'], column: 'New' }]);
    expect(a.definitions.map((d) => d.name)).toEqual(['dbo.T2']);
  });
});

describe('summary: references of module bodies', () => {
  it('tables, functions, types, sequences and procedures; a procedure call does not order', () => {
    const a = summary(
      [
        'CREATE PROCEDURE dbo.p @ids dbo.Ids READONLY AS',
        'BEGIN',
        '  SELECT dbo.f(a.Id), NEXT VALUE FOR dbo.Seq FROM dbo.Atom a JOIN @ids i ON i.Id = a.Id CROSS APPLY dbo.tvf(a.Id) x;',
        '  EXEC dbo.q;',
        'END;',
      ].join('\n'),
    );
    expect(refs(a)).toEqual([
      'dbo.p schema dbo',
      'dbo.p type dbo.Ids',
      'dbo.p function dbo.f',
      'dbo.p sequence dbo.Seq',
      'dbo.p object dbo.Atom',
      'dbo.p function dbo.tvf',
      'dbo.p procedure dbo.q (late)',
    ]);
  });

  it('a CTE name or an alias used as a one-part name is no object, wherever the module binds it', () => {
    const a = summary(
      [
        'CREATE PROCEDURE dbo.p AS',
        'BEGIN',
        '  UPDATE t SET Name = N\'x\' FROM dbo.Atom t;',
        '  WITH c AS (SELECT 1 AS n) SELECT n FROM c;',
        '  SELECT * FROM Missing;',
        'END;',
      ].join('\n'),
    );
    expect(refs(a)).toEqual(['dbo.p schema dbo', 'dbo.p object dbo.Atom', 'dbo.p object Missing']);
  });

  it('each reference once per module, with every place it is made', () => {
    const a = summary('CREATE VIEW dbo.v AS\nSELECT a.Id FROM dbo.Atom a\nUNION ALL SELECT b.Id FROM dbo.Atom b;');
    const atom = a.references.find((r) => r.parts.join('.') === 'dbo.Atom');
    expect(atom?.locs.map((l) => `${l.line}:${l.col}`)).toEqual(['2:18', '3:28']);
  });

  it('an order-only summary has the references without their places', () => {
    const a = summary('CREATE VIEW dbo.v AS SELECT Id FROM dbo.Atom;', true);
    expect(refs(a)).toEqual(['dbo.v schema dbo', 'dbo.v object dbo.Atom']);
    expect(a.references.every((r) => r.locs.length === 0)).toBe(true);
  });

  it('built-in types and rowset functions are no references', () => {
    const a = summary("CREATE FUNCTION dbo.f(@j nvarchar(max)) RETURNS TABLE AS RETURN SELECT value FROM OPENJSON(@j) CROSS APPLY STRING_SPLIT(N'a', N',') s;");
    expect(refs(a)).toEqual(['dbo.f schema dbo']);
  });

  it('constant dynamic SQL is summarised as a batch of its own, located inside the string', () => {
    const a = summary("EXEC (N'CREATE TABLE dbo.Dyn (Id int)');");
    expect(a.definitions.map((d) => d.name)).toEqual(['dbo.Dyn']);
    expect(a.definitions[0]?.loc).toMatchObject({ line: 1, col: 22 });
  });
});

describe('summary: principals, drops, creates and findings', () => {
  it('GRANT and ALTER ROLE name principals (the role too); EXECUTE AS of a module too', () => {
    const a = summary(["GRANT EXECUTE ON dbo.p TO AppUser;\nALTER ROLE db_datareader ADD MEMBER Reader;", 'GO', "CREATE PROCEDURE dbo.p WITH EXECUTE AS 'Owner' AS SELECT 1;"].join('\n'));
    expect(a.principals.map((p) => `${p.context}: ${p.name}`)).toEqual(['GRANT: AppUser', 'ALTER ROLE: db_datareader', 'ALTER ROLE … ADD MEMBER: Reader', 'EXECUTE AS: Owner']);
  });

  it('a CREATE under IF (or after one in its batch) is guarded; a DROP before a CREATE is recorded', () => {
    const a = summary("IF OBJECT_ID(N'dbo.T') IS NULL CREATE TABLE dbo.T (Id int);\nGO\nDROP TABLE IF EXISTS dbo.U;\nCREATE TABLE dbo.U (Id int);");
    expect(a.creates.map((c) => `${c.what} ${c.name}${c.guarded ? ' guarded' : ''}`)).toEqual(['TABLE dbo.T guarded', 'TABLE dbo.U']);
    expect(a.drops.length).toBe(1);
    expect(a.drops[0]?.seq).toBeLessThan(a.creates[1]?.seq ?? 0);
  });

  it('DDL inside a procedure and a module that is not first in its batch are findings', () => {
    const a = summary('SELECT 1;\nCREATE VIEW dbo.v AS SELECT 1 AS x;\nGO\nCREATE PROCEDURE dbo.p AS CREATE TABLE dbo.X (Id int);');
    expect(a.findings.map((f) => f.rule)).toEqual(['module-not-first', 'ddl-in-module']);
  });

  it('a batch that does not parse still defines what it CREATEs (read from its words)', () => {
    const a = summary('CREATE PROCEDURE dbo.broken AS SELECT FROM WHERE;');
    expect(a.definitions.map((d) => `${d.kind} ${d.name}`)).toEqual(['procedure dbo.broken']);
  });
});
