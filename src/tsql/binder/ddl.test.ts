import { describe, expect, it } from 'vitest';
import { bind, codes } from './test-support.js';

describe('built-in functions: 195 / 174 / 189', () => {
  it('195 for an unqualified call of no built-in', () => {
    expect(bind('SELECT MyFunc(1)')).toMatchObject([{ code: 195, message: "'MyFunc' is not a recognized built-in function name.", offset: 7 }]);
  });
  it('built-ins of every family are accepted', () => {
    const sql = `SELECT LEN('a'), LEFT('ab', 1), RIGHT('ab', 1), ISNULL(NULL, 1), COALESCE(NULL, 1), NULLIF(1, 2), IIF(1 = 1, 1, 0),
      DATEADD(day, 1, GETDATE()), DATEDIFF(day, SYSDATETIME(), SYSUTCDATETIME()), EOMONTH(GETDATE()), DATETRUNC(month, GETDATE()),
      GREATEST(1, 2), LEAST(1, 2), STRING_AGG(name, ',') WITHIN GROUP (ORDER BY name), APPROX_COUNT_DISTINCT(name),
      JSON_VALUE(N'{}', '$.a'), ISJSON(N'{}'), OBJECT_ID(N'x'), SCOPE_IDENTITY(), ERROR_MESSAGE(), HASHBYTES('SHA2_256', N'x'),
      ROW_NUMBER() OVER (ORDER BY name), LAG(name) OVER (ORDER BY name), COUNT(*), COUNT_BIG(DISTINCT name), CHECKSUM(*),
      TRY_CAST('1' AS int), CONCAT('a', 'b'), CONCAT_WS(',', 'a', 'b'), TRIM(name), QUOTENAME(name), FORMAT(1, 'N'),
      SUSER_SNAME(), DB_NAME(), HOST_NAME(), APP_NAME(), NEWID(), CRYPT_GEN_RANDOM(4), TRIGGER_NESTLEVEL(), CURSOR_STATUS('global', 'c'),
      fn_varbintohexstr(0x01), GET_BIT(1, 0), DATE_BUCKET(week, 1, GETDATE())
      FROM sys.objects`;
    expect(codes(sql)).toEqual([]);
  });
  it('ODBC scalar functions are not built-ins of T-SQL', () => {
    expect(codes('SELECT {fn CURDATE()}, {fn UCASE(N\'a\')}, {fn TIMESTAMPADD(SQL_TSI_DAY, 1, GETDATE())}')).toEqual([]);
  });
  it('schema-qualified calls are user functions or methods', () => {
    expect(codes('SELECT dbo.MyFunc(1), x.y.z()')).toEqual([]);
  });
  it('a table-valued function in FROM needs no schema', () => {
    expect(codes('SELECT * FROM MyTvf(1) t')).toEqual([]);
  });
  it('174 for a wrong argument count', () => {
    expect(bind('SELECT LEFT(N\'abc\')')).toMatchObject([{ code: 174, message: 'The left function requires 2 argument(s).' }]);
    expect(codes("SELECT SUBSTRING('abc', 1), DATEADD(day, 1), ISNULL(1)")).toEqual([174, 174, 174]);
  });
  it('189 for a count outside a range', () => {
    expect(bind("SELECT CHARINDEX('a')")).toMatchObject([{ code: 189, message: 'The charindex function requires 2 to 3 arguments.' }]);
  });
});

describe('111: statements that must start a batch', () => {
  it('CREATE VIEW after another statement', () => {
    expect(bind('SELECT 1;\nCREATE VIEW dbo.v AS SELECT 1 AS a')).toMatchObject([{ code: 111, message: "'CREATE VIEW' must be the first statement in a query batch.", offset: 10 }]);
  });
  it('CREATE PROCEDURE, FUNCTION, TRIGGER, SCHEMA too', () => {
    expect(codes('PRINT 1; CREATE PROCEDURE dbo.p AS SELECT 1')).toEqual([111]);
    expect(codes('PRINT 1; CREATE FUNCTION dbo.f () RETURNS int AS BEGIN RETURN 1 END')).toEqual([111]);
    expect(codes('SET NOCOUNT ON; CREATE SCHEMA s')).toEqual([111]);
  });
  it('a CREATE after a procedure or trigger without GO is in its body: not first in the batch', () => {
    expect(bind('CREATE PROCEDURE dbo.p AS SELECT 1;\nCREATE PROCEDURE dbo.q AS SELECT 2;')).toMatchObject([{ code: 111, message: "'CREATE/ALTER PROCEDURE' must be the first statement in a query batch.", offset: 36 }]);
    expect(codes('CREATE PROCEDURE dbo.p AS\nBEGIN\n  SELECT 1;\nEND\nCREATE VIEW dbo.v AS SELECT 1 AS a')).toEqual([111]);
    expect(codes('CREATE TRIGGER trg ON DATABASE FOR CREATE_TABLE AS PRINT 1;\nCREATE FUNCTION dbo.f () RETURNS int AS BEGIN RETURN 1 END')).toEqual([111]);
    expect(codes('CREATE PROCEDURE dbo.p AS SELECT 1;\nCREATE PROCEDURE dbo.q AS SELECT 2;\nCREATE PROCEDURE dbo.r AS SELECT 3;')).toEqual([111, 111]);
    expect(codes('CREATE PROCEDURE dbo.p AS SELECT 1;\nCREATE TABLE #t (a int);\nEXEC dbo.q;')).toEqual([]);
  });
  it('first in its batch is fine', () => {
    expect(codes('SELECT 1\nGO\nCREATE VIEW dbo.v AS SELECT 1 AS a\nGO\nCREATE OR ALTER PROCEDURE dbo.p AS SELECT 1')).toEqual([]);
  });
});

describe('table definitions: 2705 / 1911 / 1767 / 1769 / 1770', () => {
  it('2705 for a column twice in one table', () => {
    expect(bind('CREATE TABLE dbo.T (a int, b int, A int)')).toMatchObject([{ code: 2705, message: "Column names in each table must be unique. Column name 'A' in table 'T' is specified more than once." }]);
    expect(codes('DECLARE @t TABLE (a int, a int)')).toEqual([2705]);
  });
  it('2705 for ALTER TABLE ADD of a column the script created', () => {
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T ADD a int')).toEqual([2705]);
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T ADD b int\nGO\nALTER TABLE dbo.T ADD b int')).toEqual([2705]);
  });
  it('no 2705 for guarded or re-created columns', () => {
    expect(codes("CREATE TABLE dbo.T (a int)\nGO\nIF COL_LENGTH('dbo.T', 'a') IS NULL ALTER TABLE dbo.T ADD a int")).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T DROP COLUMN a\nGO\nALTER TABLE dbo.T ADD a int')).toEqual([]);
  });
  it('1911 for the column of a key written after another column that the table lacks', () => {
    expect(codes('CREATE TABLE dbo.T (a int, b int NOT NULL CONSTRAINT pk PRIMARY KEY (c))')).toEqual([1911]);
    expect(codes('DECLARE @t TABLE (a int, b int UNIQUE (c))')).toEqual([1911]);
    expect(codes('CREATE TYPE dbo.TT AS TABLE (a int, b int PRIMARY KEY NONCLUSTERED (a))')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int, b int NOT NULL PRIMARY KEY (a) UNIQUE (b))')).toEqual([]);
  });
  it('8140 for a key or foreign key written after a column that lists more than one column', () => {
    expect(bind('CREATE TABLE dbo.T (a int, b int NOT NULL PRIMARY KEY (a, b))')).toMatchObject([{ code: 8140, message: "More than one key specified in column level PRIMARY KEY constraint, table 'T'." }]);
    expect(codes('DECLARE @t TABLE (a int, b int UNIQUE (a, b))')).toEqual([8140]);
    expect(codes('CREATE TABLE dbo.T (a int, b int CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES dbo.T (a, b), CONSTRAINT uq UNIQUE (a, b))')).toEqual([8140]);
    expect(codes('CREATE TABLE dbo.T (a int, b int NOT NULL PRIMARY KEY (b), CONSTRAINT uq UNIQUE (b, a))')).toEqual([]);
  });
  it('1911 for key and index columns the table lacks', () => {
    expect(bind('CREATE TABLE dbo.T (a int, CONSTRAINT pk PRIMARY KEY (b))')).toMatchObject([{ code: 1911, message: "Column name 'b' does not exist in the target table or view." }]);
    expect(codes('CREATE TABLE dbo.T (a int, INDEX ix (a) INCLUDE (c))')).toEqual([1911]);
    expect(codes('CREATE TABLE dbo.T (a int, b int)\nGO\nCREATE INDEX ix ON dbo.T (a, z) INCLUDE (b, y)')).toEqual([1911, 1911]);
    expect(codes('CREATE INDEX ix ON dbo.Unknown (z)')).toEqual([]);
  });
  it('foreign keys', () => {
    const parent = 'CREATE TABLE dbo.P (Id int PRIMARY KEY)\nGO\n';
    expect(codes(`${parent}CREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))`)).toEqual([]);
    expect(bind(`${parent}CREATE TABLE dbo.C (Id int, PId int, CONSTRAINT fk FOREIGN KEY (PIdx) REFERENCES dbo.P (Id))`)).toMatchObject([{ code: 1769, message: "Foreign key 'fk' references invalid column 'PIdx' in referencing table 'C'." }]);
    expect(bind(`${parent}CREATE TABLE dbo.C (Id int, PId int, CONSTRAINT fk FOREIGN KEY (PId) REFERENCES dbo.P (Nope))`)).toMatchObject([{ code: 1770, message: "Foreign key 'fk' references invalid column 'Nope' in referenced table 'dbo.P'." }]);
    expect(bind('CREATE TABLE dbo.C (Id int, PId int CONSTRAINT fk REFERENCES dbo.Missing (Id))')).toMatchObject([{ code: 1767, message: "Foreign key 'fk' references invalid table 'dbo.Missing'." }]);
  });
  it('a referenced table defined in another script or later is known', () => {
    expect(codes('CREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))', ['CREATE TABLE dbo.P (Id int PRIMARY KEY)'])).toEqual([]);
    expect(codes('CREATE TABLE dbo.C (Id int PRIMARY KEY, P int, CONSTRAINT fk FOREIGN KEY (P) REFERENCES dbo.C (Id))')).toEqual([]);
  });
  it('1767 for a table only this script creates, after the foreign key to it', () => {
    const parent = 'CREATE TABLE dbo.P (Id int PRIMARY KEY);';
    expect(bind(`CREATE TABLE dbo.C (Id int, PId int CONSTRAINT fk REFERENCES dbo.P (Id));\n${parent}`)).toMatchObject([{ code: 1767, message: "Foreign key 'fk' references invalid table 'dbo.P'.", offset: 61 }]);
    expect(codes(`CREATE TABLE dbo.C (Id int, PId int, FOREIGN KEY (PId) REFERENCES dbo.P (Id))\nGO\n${parent}`)).toEqual([1767]);
    expect(codes(`CREATE TABLE dbo.C (Id int, PId int)\nGO\nALTER TABLE dbo.C ADD CONSTRAINT fk FOREIGN KEY (PId) REFERENCES dbo.P (Id)\nGO\n${parent}`)).toEqual([1767]);
    expect(codes(`${parent}\nGO\nDROP TABLE dbo.P\nGO\nCREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))\nGO\n${parent}`)).toEqual([1767]);
  });
  it('no 1767 for a table another script creates too, or when the foreign key may not run then', () => {
    const parent = 'CREATE TABLE dbo.P (Id int PRIMARY KEY);';
    expect(codes(`CREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))\nGO\n${parent}`, [`IF OBJECT_ID(N'dbo.P') IS NULL ${parent}`])).toEqual([]);
    expect(codes(`IF OBJECT_ID(N'dbo.C') IS NULL CREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))\nGO\n${parent}`)).toEqual([]);
    expect(codes(`CREATE PROCEDURE dbo.MakeC AS CREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))\nGO\n${parent}`)).toEqual([]);
    expect(codes(`EXEC (N'${parent}')\nGO\nCREATE TABLE dbo.C (Id int, PId int REFERENCES dbo.P (Id))\nGO\n${parent}`)).toEqual([]);
  });
  it('8141 for a CHECK written after a column that names another column', () => {
    expect(bind('CREATE TABLE dbo.T (a int, b int NOT NULL CHECK (b > a))')).toMatchObject([{ code: 8141, message: "Column CHECK constraint for column 'b' references another column, table 'T'." }]);
    expect(codes('CREATE TABLE dbo.T (a date, b date CONSTRAINT ck CHECK (DATEDIFF(day, a, b) >= 0) NULL)')).toEqual([8141]);
    expect(codes('DECLARE @t TABLE (a int, b int CHECK (a IS NOT NULL OR b IS NOT NULL))')).toEqual([8141]);
    expect(codes('CREATE TYPE dbo.TT AS TABLE (a int, b int CHECK (A < 0))')).toEqual([8141]);
    expect(codes('CREATE TABLE dbo.T (a int, b date NOT NULL CHECK (DATEPART(year, [B]) > 2000 AND b < GETDATE()), c int, CHECK (c > a))')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int, b int CHECK (b BETWEEN 0 AND 9) CHECK (b <> 5), CONSTRAINT ck CHECK (b > a))')).toEqual([]);
  });
  it('8148 for two DEFAULT definitions on one column', () => {
    expect(bind('CREATE TABLE dbo.T (a int NOT NULL DEFAULT 0 DEFAULT 1)')).toMatchObject([{ code: 8148, message: "More than one column DEFAULT constraint specified for column 'a', table 'T'." }]);
    expect(codes('CREATE TABLE #t (a int CONSTRAINT d1 DEFAULT 0 NOT NULL CONSTRAINT d2 DEFAULT (1))')).toEqual([8148]);
    expect(codes('ALTER TABLE dbo.T ADD b int NULL DEFAULT 0 DEFAULT 0')).toEqual([8148]);
    expect(codes('CREATE TABLE dbo.T (a int NOT NULL DEFAULT 0, b int NULL DEFAULT 0 CHECK (b > 0))')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int NOT NULL CONSTRAINT df DEFAULT 0 PRIMARY KEY)')).toEqual([]);
  });
  it('8183 for a CHECK, FOREIGN KEY or NOT NULL on a computed column that is not PERSISTED', () => {
    expect(bind('CREATE TABLE dbo.T (a int, b AS a * 2 CHECK (b > 0))')).toMatchObject([{ code: 8183, message: 'Only UNIQUE or PRIMARY KEY constraints can be created on computed columns, while CHECK, FOREIGN KEY, and NOT NULL constraints require that computed columns be persisted.' }]);
    expect(codes('CREATE TABLE dbo.T (a int, b AS a + 1 NOT NULL)')).toEqual([8183]);
    expect(codes('CREATE TABLE dbo.T (a int, b AS a + 1 PERSISTED NOT NULL CHECK (b > 1), c AS a - 1 UNIQUE, d AS a PRIMARY KEY)')).toEqual([]);
  });
  it('8196 for a second ROWGUIDCOL column, 13502 / 13503 for a second ROW START / ROW END column', () => {
    expect(bind('CREATE TABLE dbo.T (a uniqueidentifier ROWGUIDCOL, b uniqueidentifier ROWGUIDCOL NOT NULL)')).toMatchObject([{ code: 8196, message: 'Duplicate column specified as ROWGUIDCOL.' }]);
    const period = 'PERIOD FOR SYSTEM_TIME (s, e)';
    expect(codes(`CREATE TABLE dbo.T (a int, s datetime2 GENERATED ALWAYS AS ROW START, s2 datetime2 GENERATED ALWAYS AS ROW START, e datetime2 GENERATED ALWAYS AS ROW END, ${period})`)).toEqual([13502]);
    expect(codes(`CREATE TABLE dbo.T (a int, s datetime2 GENERATED ALWAYS AS ROW START, e datetime2 GENERATED ALWAYS AS ROW END HIDDEN, e2 datetime2 GENERATED ALWAYS AS ROW END, ${period})`)).toEqual([13503]);
    expect(codes(`CREATE TABLE dbo.T (a uniqueidentifier ROWGUIDCOL, s datetime2 GENERATED ALWAYS AS ROW START, e datetime2 GENERATED ALWAYS AS ROW END, ${period})`)).toEqual([]);
  });
  it('13509 for a ROW START / ROW END column in a CREATE TABLE without PERIOD FOR SYSTEM_TIME', () => {
    expect(bind('CREATE TABLE dbo.T (a int, s datetime2 GENERATED ALWAYS AS ROW START NOT NULL, e datetime2 GENERATED ALWAYS AS ROW END NOT NULL)')).toMatchObject([{ code: 13509, message: 'Cannot create generated always column when SYSTEM_TIME period is not defined.' }]);
    expect(codes('CREATE TABLE dbo.T (a int, s datetime2 GENERATED ALWAYS AS ROW START NOT NULL, e datetime2 GENERATED ALWAYS AS ROW END NOT NULL, PERIOD FOR SYSTEM_TIME (s, e))')).toEqual([]);
    // Ledger columns need no period; ALTER TABLE ADD may add the columns and the period together or apart.
    expect(codes('CREATE TABLE dbo.L (a int, t bigint GENERATED ALWAYS AS TRANSACTION_ID START HIDDEN NOT NULL)')).toEqual([]);
    expect(codes('ALTER TABLE dbo.T ADD s datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL DEFAULT SYSUTCDATETIME()')).toEqual([]);
  });
  it('ALTER TABLE ADD CONSTRAINT against the known table', () => {
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nALTER TABLE dbo.T ADD CONSTRAINT pk PRIMARY KEY (b)')).toEqual([1911]);
  });
});

describe('EXEC of payload procedures (warnings)', () => {
  const proc = 'CREATE PROCEDURE dbo.SaveItem @Id int, @Name nvarchar(50) = NULL, @Rows dbo.RowList READONLY, @Out int = NULL OUTPUT AS SELECT 1';
  it('8144 too many arguments', () => {
    expect(bind('DECLARE @r dbo.RowList, @o int; EXEC dbo.SaveItem 1, N\'a\', @r, @o, 5', [proc])).toMatchObject([{ code: 8144, severity: 'warning', message: 'Procedure or function SaveItem has too many arguments specified.' }]);
  });
  it('201 a required parameter missing', () => {
    expect(bind('EXEC dbo.SaveItem @Name = N\'a\'', [proc])).toMatchObject([{ code: 201, severity: 'warning', message: "Procedure or function 'SaveItem' expects parameter '@Id', which was not supplied." }]);
  });
  it('8145 a named argument that is no parameter', () => {
    expect(bind('EXEC dbo.SaveItem @Id = 1, @Nam = 2', [proc])).toMatchObject([{ code: 8145, message: '@Nam is not a parameter for procedure SaveItem.' }]);
  });
  it('valid calls, unknown procedures', () => {
    expect(codes('EXEC dbo.SaveItem 1; EXEC dbo.SaveItem @id = 1, @out = @o OUTPUT; EXECUTE SaveItem 1, DEFAULT', [proc])).toEqual([137]);
    expect(codes('EXEC dbo.Other 1, 2, 3; EXEC sp_executesql N\'SELECT 1\'', [proc])).toEqual([]);
  });
});

describe('expressions of a table definition: 207', () => {
  it('computed columns and table CHECK constraints name the table\'s own columns', () => {
    expect(bind('CREATE TABLE dbo.C (a int, c AS a + zz)')).toMatchObject([{ code: 207, message: "Invalid column name 'zz'." }]);
    expect(codes('CREATE TABLE dbo.C (a int, CHECK (b > 0))')).toEqual([207]);
    expect(codes('CREATE TABLE dbo.C (a int, b nvarchar(9), c AS CONCAT(a, b) PERSISTED, CONSTRAINT ck CHECK (a < LEN(b)))')).toEqual([]);
    expect(codes('DECLARE @t TABLE (a int, CHECK (a > 0), d AS a * 2); SELECT d FROM @t')).toEqual([]);
  });
  it('ALTER TABLE ADD CHECK sees the table\'s columns and the ones added with it', () => {
    const t = 'CREATE TABLE dbo.T (a int)\nGO\n';
    expect(codes(`${t}ALTER TABLE dbo.T ADD CONSTRAINT ck CHECK (b > 0)`)).toEqual([207]);
    expect(codes(`${t}ALTER TABLE dbo.T ADD b int NULL, CONSTRAINT ck CHECK (b > a)`)).toEqual([]);
    expect(codes('ALTER TABLE dbo.Elsewhere ADD CONSTRAINT ck CHECK (x > 0)')).toEqual([]);
  });
  it('a filtered index names columns of its table', () => {
    expect(codes('CREATE TABLE dbo.T (a int, b int)\nGO\nCREATE INDEX ix ON dbo.T (a) WHERE c IS NOT NULL')).toEqual([207]);
    expect(codes('CREATE TABLE dbo.T (a int, b int)\nGO\nCREATE INDEX ix ON dbo.T (a) WHERE b IS NOT NULL')).toEqual([]);
  });
  it('a table a module creates or alters is not bound at CREATE (it is created when the module runs)', () => {
    expect(codes('CREATE PROCEDURE dbo.p AS CREATE TABLE #t (a int, b AS a * 2, CHECK (a > 0)); SELECT b FROM #t;')).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p AS CREATE TABLE dbo.Later (a int, b AS a * zz);')).toEqual([]);
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nCREATE PROCEDURE dbo.p AS ALTER TABLE dbo.T ADD CONSTRAINT ck CHECK (zz > 0); CREATE INDEX ix ON dbo.T (a) WHERE zz > 0;')).toEqual([]);
  });
});
