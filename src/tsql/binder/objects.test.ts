import { describe, expect, it } from 'vitest';
import { bindScript, buildSchema } from './index.js';
import { bind, codes, script } from './test-support.js';

describe('2714 / 219 / 1913: objects created twice in deploy order', () => {
  it('2714 for a table, procedure or view created again', () => {
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nCREATE TABLE dbo.T (b int)')).toEqual([2714]);
    expect(bind('CREATE TABLE T (a int)\nGO\nCREATE VIEW dbo.T AS SELECT 1 AS a')).toMatchObject([{ code: 2714, message: "There is already an object named 'T' in the database." }]);
    expect(codes('CREATE PROCEDURE dbo.p AS SELECT 1\nGO\nCREATE FUNCTION dbo.p () RETURNS int AS BEGIN RETURN 1; END')).toEqual([2714]);
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nCREATE SYNONYM dbo.T FOR dbo.X')).toEqual([2714]);
    expect(codes('CREATE SCHEMA s\nGO\nCREATE SCHEMA s')).toEqual([2714]);
  });
  it('2714 across scripts, in the order they are given', () => {
    expect(codes('CREATE TABLE dbo.T (a int)', [])).toEqual([]);
    expect(bind('CREATE TABLE dbo.T (a int)', ['CREATE TABLE dbo.T (a int)'])).toEqual([]);
    const first = script('CREATE TABLE dbo.T (a int)', 'migrations/1.sql');
    const second = script('PRINT 1\nGO\nCREATE TABLE dbo.T (a int)', 'programmability/t.sql');
    const options = { caseSensitive: false };
    const schema = buildSchema([first, second], options);
    expect(bindScript(first, schema, options)).toEqual([]);
    expect(bindScript(second, schema, options)).toMatchObject([{ code: 2714, batch: 1 }]);
  });
  it('2714 for a constraint name used twice in a schema', () => {
    expect(codes('CREATE TABLE dbo.A (Id int CONSTRAINT PK_X PRIMARY KEY)\nGO\nCREATE TABLE dbo.B (Id int CONSTRAINT PK_X PRIMARY KEY)')).toEqual([2714]);
    expect(codes('CREATE TABLE dbo.A (Id int CONSTRAINT PK_X PRIMARY KEY)\nGO\nCREATE TABLE other.B (Id int CONSTRAINT PK_X PRIMARY KEY)')).toEqual([]);
    expect(codes('CREATE TABLE dbo.A (Id int, CONSTRAINT UQ UNIQUE (Id))\nGO\nALTER TABLE dbo.A ADD CONSTRAINT UQ CHECK (Id > 0)')).toEqual([2714]);
  });
  it('219 for a type created twice (types have their own namespace)', () => {
    expect(bind('CREATE TYPE dbo.Id FROM int\nGO\nCREATE TYPE dbo.Id FROM bigint')).toMatchObject([{ code: 219, message: "The type 'Id' already exists, or you do not have permission to create it." }]);
    expect(codes('CREATE TABLE dbo.Id (a int)\nGO\nCREATE TYPE dbo.Id FROM int')).toEqual([]);
  });
  it('1913 for an index name taken on its table', () => {
    expect(bind('CREATE TABLE dbo.T (a int, b int, INDEX IX_A (a))\nGO\nCREATE INDEX IX_A ON dbo.T (b)')).toMatchObject([{ code: 1913, message: "The operation failed because an index or statistics with name 'IX_A' already exists on table 'dbo.T'." }]);
    expect(codes('CREATE TABLE dbo.T (a int CONSTRAINT PK_T PRIMARY KEY)\nGO\nCREATE INDEX PK_T ON dbo.T (a)')).toEqual([1913]);
    expect(codes('CREATE TABLE dbo.T (a int, b int)\nGO\nCREATE INDEX IX ON dbo.T (a)\nGO\nCREATE INDEX IX ON dbo.T (b) WITH (DROP_EXISTING = ON)')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int)\nCREATE TABLE dbo.U (a int)\nCREATE INDEX IX ON dbo.T (a)\nCREATE INDEX IX ON dbo.U (a)')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int)\nCREATE INDEX IX ON dbo.T (a)\nDROP INDEX IX ON dbo.T\nCREATE INDEX IX ON dbo.T (a)')).toEqual([]);
  });
  it('2714 for a temporary table created twice in one batch or module, even dropped in between', () => {
    expect(codes('CREATE TABLE #t (a int)\nCREATE TABLE #t (b int)')).toEqual([2714]);
    expect(codes('CREATE PROCEDURE dbo.p AS\nIF 1 = 1 CREATE TABLE #t (a int) ELSE CREATE TABLE #t (b int)')).toEqual([2714]);
    expect(codes('CREATE TABLE #t (a int)\nDROP TABLE #t\nCREATE TABLE #t (b int)')).toEqual([2714]);
    expect(codes('CREATE TABLE #t (a int)\nGO\nDROP TABLE #t\nCREATE TABLE #t (b int)')).toEqual([]);
    expect(codes('CREATE TABLE #t (a int)\nGO\nCREATE PROCEDURE dbo.p AS CREATE TABLE #t (b int)')).toEqual([]);
  });
  it('2714 for a temporary table an earlier batch of the script created and did not drop (the session keeps it)', () => {
    expect(codes('CREATE TABLE #t (a int)\nGO\nCREATE TABLE #t (a int)')).toEqual([2714]);
    expect(codes('SELECT 1 AS a INTO #t\nGO\nSELECT 2 AS a INTO #t')).toEqual([2714]);
    expect(codes('CREATE TABLE #t (a int)\nGO\nIF OBJECT_ID(N\'tempdb..#t\') IS NULL CREATE TABLE #t (a int)')).toEqual([]);
    expect(codes('IF 1 = 1 CREATE TABLE #t (a int)\nGO\nCREATE TABLE #t (a int)')).toEqual([]);
    expect(codes('WHILE 1 = 0 CREATE TABLE #t (a int)\nGO\nCREATE TABLE #t (a int)')).toEqual([]);
    expect(codes('BEGIN TRY PRINT 1 END TRY BEGIN CATCH CREATE TABLE #t (a int) END CATCH\nGO\nCREATE TABLE #t (a int)')).toEqual([]);
    expect(codes('CREATE TABLE #t (a int)\nEXEC dbo.Cleanup\nGO\nCREATE TABLE #t (a int)')).toEqual([]);
  });
  it('no 2714 when something makes the second CREATE legal', () => {
    const t = 'CREATE TABLE dbo.T (a int)\nGO\n';
    expect(codes(`${t}DROP TABLE dbo.T\nGO\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}DROP TABLE IF EXISTS dbo.T\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}IF OBJECT_ID(N'dbo.T') IS NOT NULL DROP TABLE dbo.T\nGO\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}IF NOT EXISTS (SELECT * FROM sys.tables WHERE name = N'T') CREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'1')\nBEGIN\n    CREATE TABLE dbo.T (b int);\nEND`)).toEqual([]);
    expect(codes(`${t}BEGIN TRY CREATE TABLE dbo.T (b int) END TRY BEGIN CATCH PRINT 1 END CATCH`)).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p AS SELECT 1\nGO\nCREATE OR ALTER PROCEDURE dbo.p AS SELECT 2\nGO\nALTER PROCEDURE dbo.p AS SELECT 3')).toEqual([]);
    expect(codes(`${t}EXEC sp_rename N'dbo.T', N'U'\nGO\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}DECLARE @s nvarchar(max) = N'DROP TABLE dbo.T'; EXEC (@s)\nGO\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}EXEC (N'DROP TABLE dbo.T')\nGO\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes(`${t}EXEC tSQLt.DropClass 'x'\nGO\nCREATE TABLE dbo.T (b int)`)).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.Drop_T AS DROP TABLE dbo.T\nGO\nCREATE TABLE dbo.T (a int)\nGO\nEXEC dbo.Drop_T\nGO\nCREATE TABLE dbo.T (b int)')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nCREATE PROCEDURE dbo.p AS CREATE TABLE dbo.T (b int)')).toEqual([]);
  });
  it('a guarded first CREATE is only maybe there', () => {
    expect(codes("IF OBJECT_ID(N'dbo.T') IS NULL CREATE TABLE dbo.T (a int)\nGO\nCREATE TABLE dbo.T (b int)")).toEqual([]);
  });
  it('a CREATE that fails defines nothing (no 1776 hidden by it)', () => {
    expect(codes('CREATE TABLE dbo.P (Id int PRIMARY KEY, Name int, CONSTRAINT UQ UNIQUE (Id))\nGO\nALTER TABLE dbo.P ADD CONSTRAINT UQ UNIQUE (Name)\nGO\nCREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))')).toEqual([2714, 1776]);
  });
});

describe('USE: what a script creates after it belongs to that database', () => {
  const options = { caseSensitive: false };
  /** Findings of the last script, with the others before it in deploy order. */
  const last = (...texts: string[]): (number | string)[] => {
    const scripts = texts.map((t, i) => script(t, `s${i}.sql`));
    for (const b of scripts.flatMap((x) => x.batches)) expect(b.error).toBeUndefined();
    const schema = buildSchema(scripts, options);
    return bindScript(scripts[scripts.length - 1] ?? script(''), schema, options).map((d) => d.code);
  };
  it('an object of the payload\'s database and one of another database by the same name are two objects', () => {
    expect(last('CREATE TABLE dbo.T (a int)', 'USE OtherDb;\nGO\nCREATE TABLE dbo.T (a int)')).toEqual([]);
    expect(last('CREATE TABLE dbo.T (a int CONSTRAINT PK_T PRIMARY KEY)', 'USE OtherDb;\nCREATE TABLE dbo.T (a int CONSTRAINT PK_T PRIMARY KEY)')).toEqual([]);
    expect(last('CREATE PROCEDURE dbo.p AS SELECT 1', 'USE [$(DatabaseName)]\nGO\nCREATE PROCEDURE dbo.p AS SELECT 2')).toEqual([]);
    expect(last('CREATE SCHEMA app\nGO\nCREATE TYPE dbo.Id FROM int', 'USE OtherDb\nGO\nCREATE SCHEMA app\nGO\nCREATE TYPE dbo.Id FROM int')).toEqual([]);
    expect(last('CREATE TABLE dbo.T (a int)', 'USE OtherDb\nGO\nALTER TABLE dbo.T ADD a int')).toEqual([]);
  });
  it('each script starts in the payload\'s database', () => {
    expect(last('USE OtherDb\nGO\nCREATE TABLE dbo.T (a int)', 'CREATE TABLE dbo.T (a int)')).toEqual([]);
    expect(last('CREATE TABLE dbo.T (a int)', 'USE OtherDb', 'CREATE TABLE dbo.T (a int)')).toEqual([2714]);
  });
  it('2714 twice in the same other database', () => {
    expect(codes('USE OtherDb\nGO\nCREATE TABLE dbo.T (a int)\nGO\nCREATE TABLE dbo.T (a int)')).toEqual([2714]);
    expect(last('USE OtherDb\nGO\nCREATE TABLE dbo.T (a int)', 'USE OtherDb\nGO\nCREATE TABLE dbo.T (a int)')).toEqual([2714]);
  });
  it('USE of the payload\'s own database comes back to its objects', () => {
    const options = { caseSensitive: false, database: 'Main' };
    const scripts = [script('CREATE TABLE dbo.T (a int)', 's0.sql'), script('USE OtherDb\nGO\nUSE [main]\nGO\nCREATE TABLE dbo.T (a int)\nGO\nSELECT b FROM dbo.T', 's1.sql')];
    expect(bindScript(scripts[1] ?? script(''), buildSchema(scripts, options), options).map((d) => d.code)).toEqual([2714, 207]);
  });
  it('CREATE or DROP DATABASE makes a new database; a USE under IF or in dynamic SQL leaves it unknown or unchanged', () => {
    expect(last('USE OtherDb\nGO\nCREATE TABLE dbo.T (a int)', 'DROP DATABASE OtherDb\nGO\nCREATE DATABASE OtherDb\nGO\nUSE OtherDb\nGO\nCREATE TABLE dbo.T (a int)')).toEqual([]);
    expect(last('CREATE TABLE dbo.T (a int)', "IF DB_ID(N'OtherDb') IS NOT NULL USE OtherDb;\nGO\nCREATE TABLE dbo.T (a int)")).toEqual([]);
    expect(last('CREATE TABLE dbo.T (a int)', "EXEC (N'USE OtherDb');\nCREATE TABLE dbo.T (a int)")).toEqual([2714]);
  });
});

describe('2705: ALTER TABLE ADD of a column the table has, from any earlier script', () => {
  it('2705 across batches and scripts', () => {
    expect(bind('ALTER TABLE dbo.T ADD A int', ['CREATE TABLE dbo.T (a int)'])).toEqual([]);
    expect(bind('CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T ADD A int')).toMatchObject([{ code: 2705, message: "Column names in each table must be unique. Column name 'A' in table 'dbo.T' is specified more than once." }]);
  });
  it('a column twice in one ALTER TABLE ADD is one 2705', () => {
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T ADD b int, B int')).toEqual([2705]);
  });
  it('no 2705 under a guard or after a drop', () => {
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nIF COL_LENGTH(N\'dbo.T\', N\'a\') IS NULL ALTER TABLE dbo.T ADD a int')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nIF NOT EXISTS (SELECT * FROM sys.columns WHERE name = N\'a\') BEGIN ALTER TABLE dbo.T ADD a int END')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int, b int)\nGO\nALTER TABLE dbo.T DROP COLUMN a\nGO\nALTER TABLE dbo.T ADD a int')).toEqual([]);
    expect(codes('IF OBJECT_ID(N\'dbo.T\') IS NULL CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T ADD a int')).toEqual([]);
  });
});

describe('1776: a foreign key must reference a candidate key', () => {
  const parent = 'CREATE TABLE dbo.P (Id int CONSTRAINT PK_P PRIMARY KEY, Code int, Name int, Region int, CONSTRAINT UQ_P UNIQUE (Code, Region))';
  it('1776 for columns that are no key', () => {
    expect(bind('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))', [parent])).toMatchObject([{ code: 1776, message: "There are no primary or candidate keys in the referenced table 'dbo.P' that match the referencing column list in the foreign key 'FK__C__N__…'." }]);
    expect(codes('CREATE TABLE dbo.C (A int, B int, CONSTRAINT fk FOREIGN KEY (A, B) REFERENCES dbo.P (Id, Region))', [parent])).toEqual([1776]);
    expect(codes('CREATE TABLE dbo.C (A int, CONSTRAINT fk FOREIGN KEY (A) REFERENCES dbo.P (Code))', [parent])).toEqual([1776]);
  });
  it('no 1776 for a primary key, unique constraint or unique index', () => {
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Id))', [parent])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P)', [parent])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (A int, B int, CONSTRAINT fk FOREIGN KEY (A, B) REFERENCES dbo.P (Region, Code))', [parent])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))', [parent, 'CREATE UNIQUE INDEX UX ON dbo.P (Name)'])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))', [parent, 'ALTER TABLE dbo.P ADD CONSTRAINT UQ_N UNIQUE (Name)'])).toEqual([]);
  });
  it('a key written after a column with a column list is on the listed column, not on the one it follows', () => {
    const keyed = (key: string): string => `CREATE TABLE dbo.K (a int NOT NULL, b int NOT NULL ${key})`;
    for (const key of ['CONSTRAINT PK_K PRIMARY KEY CLUSTERED (a ASC)', 'UNIQUE NONCLUSTERED (a)', 'CONSTRAINT UQ_K UNIQUE (a) WITH (FILLFACTOR = 90)']) {
      expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.K (a))', [keyed(key)])).toEqual([]);
      expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.K (b))', [keyed(key)])).toEqual([1776]);
    }
    expect(codes('CREATE TABLE dbo.C (N int CONSTRAINT fk REFERENCES dbo.K)', [keyed('PRIMARY KEY (a)')])).toEqual([]);
    expect(codes('ALTER TABLE dbo.K ADD c int NOT NULL UNIQUE (c)\nGO\nCREATE TABLE dbo.C (N int REFERENCES dbo.K (c))', [keyed('PRIMARY KEY (a)')])).toEqual([]);
  });
  it('a foreign key written after a column with a column list is the listed column\'s', () => {
    expect(codes('CREATE TABLE dbo.C (A int, B int FOREIGN KEY (A) REFERENCES dbo.P (Id))', [parent])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (A int, B int CONSTRAINT fk FOREIGN KEY (A) REFERENCES dbo.P (Name))', [parent])).toEqual([1776]);
    expect(bind('CREATE TABLE dbo.C (A int, B int FOREIGN KEY (Z) REFERENCES dbo.P (Id))', [parent])).toMatchObject([{ code: 1769, message: "Foreign key 'FK__C__Z__…' references invalid column 'Z' in referencing table 'C'." }]);
  });
  it('a filtered unique index is no candidate key', () => {
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))', [parent, 'CREATE UNIQUE INDEX UX ON dbo.P (Name) WHERE Name IS NOT NULL'])).toEqual([1776]);
  });
  it('no 1776 when the referenced table is not fully known', () => {
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))', ['ALTER TABLE dbo.P ADD Name int'])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (N int REFERENCES dbo.P (Name))', [parent, 'CREATE UNIQUE INDEX UX ON dbo.P (Name) WITH (FOO'])).toEqual([]);
  });
});
