import { describe, expect, it } from 'vitest';
import { bind, codes } from './test-support.js';

const T = `CREATE TABLE dbo.Orders (Id int, CustomerId int, Total money, Placed datetime2);
CREATE TABLE dbo.Customers (Id int, Name nvarchar(50), Location geography);
GO
`;

describe('columns: 207 / 209 / 4104', () => {
  it('207 for a column the table does not have', () => {
    expect(bind(`${T}SELECT Nme FROM dbo.Customers`)).toMatchObject([{ code: 207, message: "Invalid column name 'Nme'.", batch: 1 }]);
  });
  it('column names compare case-insensitively by default', () => {
    expect(codes(`${T}SELECT name, NAME, [Name] FROM dbo.customers`)).toEqual([]);
  });
  it('case-sensitive collations compare exactly', () => {
    expect(codes(`${T}SELECT name FROM dbo.Customers`, [], true)).toEqual([207]);
  });
  it('209 for a column two sources have', () => {
    expect(bind(`${T}SELECT Id FROM dbo.Orders o JOIN dbo.Customers c ON c.Id = o.CustomerId`)).toMatchObject([{ code: 209, message: "Ambiguous column name 'Id'." }]);
  });
  it('4104 for a qualifier that names no source', () => {
    expect(bind(`${T}SELECT x.Id FROM dbo.Orders o`)).toMatchObject([{ code: 4104, message: 'The multi-part identifier "x.Id" could not be bound.' }]);
  });
  it('a table name is no qualifier once aliased', () => {
    expect(codes(`${T}SELECT Orders.Id FROM dbo.Orders o`)).toEqual([4104]);
  });
  it('the table name qualifies when not aliased, also with its schema', () => {
    expect(codes(`${T}SELECT Orders.Id, dbo.Orders.Total FROM dbo.Orders`)).toEqual([]);
  });
  it('207 for alias.column the source lacks', () => {
    expect(codes(`${T}SELECT o.Nope FROM dbo.Orders o`)).toEqual([207]);
  });
  it('alias.column.property and column.property of CLR types', () => {
    expect(codes(`${T}SELECT c.Location.Lat, Location.Long FROM dbo.Customers c`)).toEqual([]);
  });
  it('unknown tables make their columns unknown, and drop the statement', () => {
    expect(codes(`${T}SELECT Whatever, x.y FROM dbo.NotInPayload`)).toEqual([]);
    expect(codes(`${T}SELECT Whatever FROM dbo.Orders o JOIN OtherDb.dbo.T t ON t.a = o.Id`)).toEqual([]);
  });
  it('system views exist: 4104 still found, their columns unknown', () => {
    expect(codes('SELECT o.name, name FROM sys.objects o')).toEqual([]);
    expect(codes('SELECT x.name FROM sys.objects o')).toEqual([4104]);
  });
  it('SELECT without FROM: a name is an invalid column', () => {
    expect(codes('SELECT Foo')).toEqual([207]);
  });
  it('select-list aliases are visible in ORDER BY only', () => {
    expect(codes(`${T}SELECT Total AS Amount FROM dbo.Orders ORDER BY Amount`)).toEqual([]);
    expect(codes(`${T}SELECT Total AS Amount FROM dbo.Orders WHERE Amount > 1`)).toEqual([207]);
    expect(codes(`${T}SELECT Total AS Amount FROM dbo.Orders GROUP BY Amount`)).toEqual([207]);
  });
  it('an unqualified table in a module of another schema that has the name too is not known', () => {
    const schemas = ['CREATE TABLE dbo.Item (Id int); CREATE TABLE app.Item (Code int); CREATE TABLE app.Only (Code int)'];
    expect(codes('CREATE PROCEDURE app.p AS SELECT Code FROM Item', schemas)).toEqual([]);
    expect(codes('CREATE TRIGGER trg ON app.Only AFTER INSERT AS SELECT Code FROM Item', schemas)).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p AS SELECT Code FROM Item', schemas)).toEqual([207]);
    expect(codes('CREATE PROCEDURE app.p AS SELECT Id FROM dbo.Item; SELECT Code FROM app.Item', schemas)).toEqual([]);
    expect(codes('CREATE PROCEDURE app.p AS SELECT Nope FROM Only', schemas)).toEqual([207]);
    expect(codes('SELECT Code FROM Item', schemas)).toEqual([207]);
  });
  it('209 for an ORDER BY name two result columns share by an alias', () => {
    expect(bind(`${T}SELECT Id AS k, CustomerId AS k FROM dbo.Orders ORDER BY k`)).toMatchObject([{ code: 209, message: "Ambiguous column name 'k'.", hint: 'Give the select items different aliases, or order by the expression itself.' }]);
    expect(codes(`${T}SELECT Total AS CustomerId, CustomerId FROM dbo.Orders ORDER BY CustomerId DESC`)).toEqual([209]);
    expect(codes(`${T}SELECT Id AS k, Total * 2 AS k FROM dbo.Orders ORDER BY Placed, k`)).toEqual([209]);
    expect(codes(`${T}SELECT Id AS k, Id AS k FROM dbo.Orders ORDER BY k`)).toEqual([]);
    expect(codes(`${T}SELECT Id AS k, o.Id AS k FROM dbo.Orders o ORDER BY k`)).toEqual([]);
    expect(codes(`${T}SELECT Id AS k, CustomerId AS k FROM dbo.Orders ORDER BY Id`)).toEqual([]);
    expect(codes(`${T}SELECT Id AS k, CustomerId AS j FROM dbo.Orders ORDER BY k, j`)).toEqual([]);
  });
  it('an ORDER BY name is first a result column: a column of one source in the select list is no ambiguity', () => {
    const join = 'FROM dbo.Orders o JOIN dbo.Customers c ON c.Id = o.CustomerId';
    expect(codes(`${T}SELECT o.Id, c.Name ${join} ORDER BY Id`)).toEqual([]);
    expect(codes(`${T}SELECT o.*, c.Name ${join} ORDER BY Id DESC`)).toEqual([]);
    expect(codes(`${T}SELECT Id, o.Id FROM dbo.Orders o ORDER BY Id`)).toEqual([]);
    expect(codes(`${T}SELECT o.Id, c.Id ${join} ORDER BY Id`)).toEqual([209]);
    expect(codes(`${T}SELECT o.Id, 1 AS Id FROM dbo.Orders o ORDER BY Id`)).toEqual([209]);
    expect(codes(`${T}SELECT * ${join} ORDER BY Id`)).toEqual([209]);
    expect(codes(`${T}SELECT o.Total ${join} ORDER BY Id`)).toEqual([209]);
    expect(codes(`${T}SELECT o.Id ${join} ORDER BY Id + 1`)).toEqual([209]);
  });
  it('an ORDER BY name beside a qualified star of unknown columns may be one of them: not bound', () => {
    const join = 'FROM sys.objects s JOIN dbo.Orders o ON o.Id = s.object_id JOIN dbo.Customers c ON c.Id = o.CustomerId';
    expect(codes(`${T}SELECT s.*, o.Total ${join} ORDER BY Id`)).toEqual([]);
    expect(codes(`${T}SELECT s.*, o.Total ${join} ORDER BY o.Nope`)).toEqual([207]);
  });
  it('a select-list alias in an ORDER BY expression is no column', () => {
    expect(codes(`${T}SELECT Total AS Amount FROM dbo.Orders ORDER BY Amount DESC, Id OFFSET 0 ROWS`)).toEqual([]);
    expect(codes(`${T}SELECT Total AS Amount FROM dbo.Orders ORDER BY Amount + 1`)).toEqual([207]);
    expect(codes(`${T}SELECT Total AS Amount FROM dbo.Orders ORDER BY CASE WHEN Amount > 0 THEN 0 END`)).toEqual([207]);
    expect(codes(`${T}SELECT Total AS CustomerId FROM dbo.Orders ORDER BY CustomerId * 2`)).toEqual([]);
  });
  it('derived tables, CTEs and SELECT INTO of a star have the columns it stands for', () => {
    expect(codes(`${T}SELECT d.Placed FROM (SELECT * FROM dbo.Orders) d`)).toEqual([]);
    expect(codes(`${T}SELECT d.Nope FROM (SELECT * FROM dbo.Orders) d`)).toEqual([207]);
    expect(codes(`${T}SELECT d.Name, d.Total FROM (SELECT c.*, o.Total FROM dbo.Customers c JOIN dbo.Orders o ON o.CustomerId = c.Id) d`)).toEqual([]);
    expect(codes(`${T}SELECT d.Placed FROM (SELECT c.*, o.Total FROM dbo.Customers c JOIN dbo.Orders o ON o.CustomerId = c.Id) d`)).toEqual([207]);
    expect(codes(`${T}WITH a AS (SELECT * FROM dbo.Customers) SELECT Total FROM a`)).toEqual([207]);
    expect(codes(`${T}SELECT * INTO #o FROM dbo.Orders; SELECT Placed, Nope FROM #o`)).toEqual([207]);
    expect(codes(`${T}SELECT y.Total FROM (SELECT * FROM (SELECT * FROM dbo.Orders) x) y`)).toEqual([]);
  });
  it('a star over a source of unknown columns leaves the columns unknown', () => {
    expect(codes(`${T}SELECT d.anything FROM (SELECT * FROM dbo.Orders o CROSS JOIN sys.objects s) d`)).toEqual([]);
  });
  it('correlated subqueries see the outer query', () => {
    expect(codes(`${T}SELECT c.Name FROM dbo.Customers c WHERE EXISTS (SELECT 1 FROM dbo.Orders o WHERE o.CustomerId = c.Id AND Name IS NOT NULL)`)).toEqual([]);
    expect(codes(`${T}SELECT (SELECT MAX(Total) FROM dbo.Orders o WHERE o.CustomerId = c.Id) FROM dbo.Customers c`)).toEqual([]);
  });
  it('an inner source hides an outer one of the same column', () => {
    expect(codes(`${T}SELECT Id FROM dbo.Customers WHERE Id IN (SELECT Id FROM dbo.Orders)`)).toEqual([]);
  });
  it('derived tables: their own columns, not their siblings', () => {
    expect(codes(`${T}SELECT d.n FROM (SELECT Name AS n FROM dbo.Customers) AS d`)).toEqual([]);
    expect(codes(`${T}SELECT d.Name FROM (SELECT Name AS n FROM dbo.Customers) AS d`)).toEqual([207]);
    expect(codes(`${T}SELECT * FROM dbo.Orders o JOIN (SELECT Id FROM dbo.Customers WHERE Id = o.CustomerId) d ON d.Id = o.CustomerId`)).toEqual([4104]);
    expect(codes(`${T}SELECT d.x FROM (SELECT Name FROM dbo.Customers) AS d (x)`)).toEqual([]);
  });
  it('APPLY sees the left side', () => {
    expect(codes(`${T}SELECT c.Name, t.Total FROM dbo.Customers c CROSS APPLY (SELECT TOP (1) Total FROM dbo.Orders o WHERE o.CustomerId = c.Id ORDER BY Placed DESC) t`)).toEqual([]);
    expect(codes(`${T}SELECT c.Name, t.Total FROM dbo.Customers c OUTER APPLY (SELECT Total FROM dbo.Orders o WHERE o.CustomerId = c.Idx) t`)).toEqual([207]);
  });
  it('ON sees only its own join', () => {
    expect(codes(`${T}SELECT 1 FROM dbo.Orders o, dbo.Customers c JOIN dbo.Orders p ON p.Id = o.Id`)).toEqual([4104]);
  });
  it('CTEs: visible to the statement and later CTEs; recursive ones see themselves', () => {
    expect(codes(`${T}WITH a AS (SELECT Id, Name FROM dbo.Customers), b AS (SELECT Id FROM a) SELECT b.Id, a.Name FROM a JOIN b ON a.Id = b.Id`)).toEqual([]);
    expect(codes(`${T}WITH a AS (SELECT Id FROM dbo.Customers) SELECT Name FROM a`)).toEqual([207]);
    expect(codes(`${T}WITH a (x) AS (SELECT Id FROM dbo.Customers) SELECT x FROM a`)).toEqual([]);
    expect(codes('WITH n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n')).toEqual([]);
  });
  it('VALUES tables with column aliases', () => {
    expect(codes('SELECT v.a, b FROM (VALUES (1, 2), (3, 4)) AS v (a, b)')).toEqual([]);
    expect(codes('SELECT v.c FROM (VALUES (1, 2)) AS v (a, b)')).toEqual([207]);
  });
  it('UNION members bind separately', () => {
    expect(codes(`${T}SELECT Id FROM dbo.Orders UNION ALL SELECT Name FROM dbo.Customers ORDER BY Id`)).toEqual([]);
    expect(codes(`${T}SELECT Id FROM dbo.Orders UNION SELECT Nom FROM dbo.Customers`)).toEqual([207]);
  });
  it('tables added by ALTER TABLE ADD, in another script', () => {
    expect(codes(`${T}SELECT Email FROM dbo.Customers`, ['ALTER TABLE dbo.Customers ADD Email nvarchar(100)'])).toEqual([]);
  });
  it('tables created inside EF-style guards and EXEC strings', () => {
    const ef = "IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE name = 'Blogs') BEGIN CREATE TABLE dbo.Blogs (BlogId int, Url nvarchar(200)); END;\nGO\nEXEC(N'ALTER TABLE dbo.Blogs ADD Rating int');";
    expect(codes('SELECT BlogId, Rating FROM dbo.Blogs', [ef])).toEqual([]);
    expect(codes('SELECT Ratting FROM dbo.Blogs', [ef])).toEqual([207]);
  });
  it('views and inline functions expose their select lists', () => {
    const defs = [`${T}CREATE VIEW dbo.V AS SELECT Id, Name AS CustomerName FROM dbo.Customers`, 'CREATE FUNCTION dbo.F (@id int) RETURNS TABLE AS RETURN SELECT Id, Total FROM dbo.Orders WHERE CustomerId = @id'];
    expect(codes('SELECT CustomerName FROM dbo.V; SELECT f.Total FROM dbo.F(1) f', defs)).toEqual([]);
    expect(codes('SELECT Name FROM dbo.V', defs)).toEqual([207]);
    expect(codes('SELECT f.Name FROM dbo.F(1) AS f', defs)).toEqual([207]);
  });
  it('a view or inline function over `*` has the columns of its payload tables and views', () => {
    const defs = [`${T}CREATE VIEW dbo.V2 AS SELECT * FROM dbo.V1`, 'CREATE VIEW dbo.V1 AS SELECT c.*, o.Total FROM dbo.Customers c JOIN dbo.Orders o ON o.CustomerId = c.Id', 'CREATE FUNCTION dbo.F () RETURNS TABLE AS RETURN SELECT o.* FROM dbo.Orders AS o'];
    expect(codes('SELECT Name, Location, Total FROM dbo.V2; SELECT Placed FROM dbo.F()', defs)).toEqual([]);
    expect(codes('SELECT Placed FROM dbo.V2', defs)).toEqual([207]);
    expect(codes('SELECT Name FROM dbo.F()', defs)).toEqual([207]);
  });
  it('a view over `*` of something else has unknown columns', () => {
    expect(codes('SELECT anything FROM dbo.V', [`${T}CREATE VIEW dbo.V AS SELECT * FROM dbo.Orders o CROSS JOIN sys.objects s`])).toEqual([]);
    expect(codes('SELECT anything FROM dbo.V', ['CREATE VIEW dbo.V AS SELECT * FROM dbo.NotDefined'])).toEqual([]);
    expect(codes('SELECT n, Total FROM dbo.F()', [`${T}CREATE FUNCTION dbo.F () RETURNS TABLE AS RETURN WITH Customers (n) AS (SELECT 1) SELECT * FROM Customers`])).toEqual([]);
    expect(codes('SELECT anything FROM dbo.V', ['CREATE VIEW dbo.V AS SELECT * FROM dbo.W\nGO\nCREATE VIEW dbo.W AS SELECT * FROM dbo.V'])).toEqual([]);
    expect(codes('SELECT Extra FROM dbo.V', [`${T}CREATE VIEW dbo.V AS SELECT * FROM dbo.Orders`, 'ALTER TABLE dbo.Orders ADD Extra int'])).toEqual([]);
  });
  it('temporary tables created earlier in the batch or script', () => {
    expect(codes('CREATE TABLE #t (a int); SELECT a, b FROM #t')).toEqual([207]);
    expect(codes('CREATE TABLE #t (a int)\nGO\nSELECT b FROM #t')).toEqual([207]);
    expect(codes(`${T}SELECT Id, Name INTO #c FROM dbo.Customers; SELECT Name, Nope FROM #c`)).toEqual([207]);
    expect(codes('SELECT b FROM #notCreatedHere')).toEqual([]);
  });
  it('SELECT INTO a temporary table twice in one batch or module is Msg 2714, whatever IF branch or DROP between', () => {
    expect(codes(`${T}CREATE PROCEDURE dbo.p @a int AS IF @a = 1 SELECT Id INTO #x FROM dbo.Orders; ELSE SELECT Id INTO #x FROM dbo.Customers;`)).toEqual([2714]);
    expect(codes(`${T}SELECT Id INTO #x FROM dbo.Orders; DROP TABLE #x; SELECT Id INTO #x FROM dbo.Customers;`)).toEqual([2714]);
  });
  it('in a module, temporary-table findings are warnings', () => {
    expect(codes('CREATE PROCEDURE dbo.p AS CREATE TABLE #t (a int); SELECT b FROM #t;')).toEqual(['w207']);
  });
  it('deferred name resolution: a statement on a missing table reports nothing', () => {
    expect(codes(`${T}CREATE PROCEDURE dbo.p AS SELECT o.Id, x.Foo FROM dbo.Orders o JOIN dbo.Later l ON l.Id = o.Id; SELECT Nope FROM dbo.Orders;`)).toEqual([207]);
  });
  it('built-in table-valued functions', () => {
    expect(codes("SELECT value, ordinal FROM STRING_SPLIT('a,b', ',', 1)")).toEqual([]);
    expect(codes("SELECT [key], value, type FROM OPENJSON(N'{}')")).toEqual([]);
    expect(codes("SELECT j.id FROM OPENJSON(N'[]') WITH (id int '$.id') AS j")).toEqual([]);
    expect(codes("SELECT j.nope FROM OPENJSON(N'[]') WITH (id int '$.id') AS j")).toEqual([207]);
    expect(codes('SELECT value FROM GENERATE_SERIES(1, 10)')).toEqual([]);
  });
  it('xml nodes() defines its alias columns', () => {
    expect(codes("DECLARE @x xml; SELECT n.c.value('.', 'int') FROM @x.nodes('/a') AS n(c)")).toEqual([]);
  });
  it('PIVOT and UNPIVOT make new columns', () => {
    const s = `${T}SELECT p.[1], p.[2], CustomerId FROM (SELECT CustomerId, Id, Total FROM dbo.Orders) s PIVOT (SUM(Total) FOR Id IN ([1], [2])) AS p`;
    expect(codes(s)).toEqual([]);
    expect(codes(`${T}SELECT p.Total FROM (SELECT CustomerId, Id, Total FROM dbo.Orders) s PIVOT (SUM(Total) FOR Id IN ([1])) AS p`)).toEqual([207]);
  });
  it('pseudo-columns are not columns', () => {
    expect(codes(`${T}SELECT $IDENTITY, IDENTITYCOL FROM dbo.Orders`)).toEqual([]);
  });
});

describe('columns in data modification', () => {
  it('INSERT column lists are columns of the target', () => {
    expect(bind(`${T}INSERT INTO dbo.Orders (Id, Totl) VALUES (1, 2)`)).toMatchObject([{ code: 207, message: "Invalid column name 'Totl'." }]);
    expect(codes(`${T}INSERT dbo.Orders (Id, Total) SELECT Id, 0 FROM dbo.Customers`)).toEqual([]);
  });
  it('INSERT … SELECT does not see the target', () => {
    expect(codes(`${T}INSERT dbo.Orders (Id) SELECT Total FROM dbo.Customers`)).toEqual([207]);
  });
  it('UPDATE SET left side is a column of the target', () => {
    expect(codes(`${T}UPDATE dbo.Orders SET Totl = 1`)).toEqual([207]);
    expect(codes(`${T}UPDATE dbo.Orders SET Total = Total * 2 WHERE CustomerId = 1`)).toEqual([]);
  });
  it('UPDATE SET of a CLR-typed column\'s property or method is no multi-part identifier', () => {
    expect(codes(`${T}UPDATE dbo.Customers SET Location.STSrid = 4326 WHERE Id = 1`)).toEqual([]);
    expect(codes(`${T}UPDATE c SET Location.STSrid = 4326 FROM dbo.Customers c`)).toEqual([]);
    expect(codes(`${T}UPDATE dbo.Customers SET Nowhere.STSrid = 4326`)).toEqual([4104]);
  });
  it('UPDATE with FROM: the target may be an alias of FROM', () => {
    expect(codes(`${T}UPDATE o SET Total = 0 FROM dbo.Orders o JOIN dbo.Customers c ON c.Id = o.CustomerId WHERE c.Name = N'x'`)).toEqual([]);
    expect(codes(`${T}UPDATE o SET o.Total = c.Id FROM dbo.Orders AS o INNER JOIN dbo.Customers AS c ON c.Id = o.CustomerId`)).toEqual([]);
    expect(codes(`${T}UPDATE dbo.Orders SET Total = 0 FROM dbo.Orders JOIN dbo.Customers c ON c.Id = Orders.CustomerId`)).toEqual([]);
  });
  it('DELETE with FROM', () => {
    expect(codes(`${T}DELETE o FROM dbo.Orders o WHERE NOT EXISTS (SELECT 1 FROM dbo.Customers c WHERE c.Id = o.CustomerId)`)).toEqual([]);
    expect(codes(`${T}DELETE FROM dbo.Orders WHERE Nope = 1`)).toEqual([207]);
  });
  it('OUTPUT sees inserted / deleted', () => {
    expect(codes(`${T}DECLARE @ids TABLE (Id int); UPDATE dbo.Orders SET Total = 0 OUTPUT inserted.Id, deleted.Total INTO @ids (Id) WHERE Id = 1`)).toEqual([]);
    expect(codes(`${T}INSERT dbo.Orders (Id) OUTPUT inserted.Nope VALUES (1)`)).toEqual([207]);
    expect(codes(`${T}DECLARE @ids TABLE (Id int); DELETE dbo.Orders OUTPUT deleted.Id INTO @ids (Idx)`)).toEqual([207]);
  });
  it('OUTPUT: an unqualified name is the inserted (DELETE: deleted) column, or one of FROM', () => {
    expect(codes(`${T}DELETE dbo.Orders OUTPUT Id WHERE Id = 1`)).toEqual([]);
    expect(codes(`${T}UPDATE dbo.Orders SET Total = 0 OUTPUT Total, deleted.Total WHERE Id = 1`)).toEqual([]);
    expect(codes(`${T}UPDATE o SET Total = 0 OUTPUT Name, inserted.Total FROM dbo.Orders o JOIN dbo.Customers c ON c.Id = o.CustomerId`)).toEqual([]);
    expect(codes(`${T}DELETE dbo.Orders OUTPUT Nope WHERE Id = 1`)).toEqual([207]);
  });
  it('MERGE: ON / WHEN / SET see target and source', () => {
    const m = `${T}MERGE dbo.Orders AS t USING (SELECT Id, Name FROM dbo.Customers) AS s ON t.CustomerId = s.Id
WHEN MATCHED AND s.Name IS NULL THEN UPDATE SET Total = 0
WHEN NOT MATCHED BY TARGET THEN INSERT (Id, CustomerId) VALUES (s.Id, s.Id)
WHEN NOT MATCHED BY SOURCE THEN DELETE
OUTPUT $action, inserted.Id, deleted.Id, s.Name;`;
    expect(codes(m)).toEqual([]);
    expect(codes(`${T}MERGE dbo.Orders AS t USING dbo.Customers AS s ON t.CustomerId = s.Idx WHEN MATCHED THEN DELETE;`)).toEqual([207]);
    expect(codes(`${T}MERGE dbo.Orders AS t USING dbo.Customers AS s ON t.CustomerId = s.Id WHEN NOT MATCHED THEN INSERT (Idd) VALUES (s.Id);`)).toEqual([207]);
  });
  it('MERGE: WHEN NOT MATCHED sees only the source, WHEN NOT MATCHED BY SOURCE only the target', () => {
    const head = `${T}MERGE dbo.Customers AS t USING (SELECT Id, Name FROM dbo.Customers) AS s (Id, Name) ON t.Id = s.Id`;
    expect(codes(`${head} WHEN NOT MATCHED THEN INSERT (Id, Name) VALUES (Id, Name);`)).toEqual([]);
    expect(codes(`${head} WHEN NOT MATCHED BY TARGET AND Name IS NOT NULL THEN INSERT (Id) VALUES (Id);`)).toEqual([]);
    expect(codes(`${head} WHEN NOT MATCHED BY SOURCE AND Location IS NULL THEN UPDATE SET Name = NULL;`)).toEqual([]);
    expect(codes(`${head} WHEN MATCHED THEN UPDATE SET Name = Id;`)).toEqual([209]);
    expect(codes(`${head} WHEN NOT MATCHED THEN INSERT (Id) VALUES (Nope);`)).toEqual([207]);
  });
  it('triggers: inserted and deleted are the table', () => {
    expect(codes(`${T}CREATE TRIGGER dbo.tr ON dbo.Orders AFTER UPDATE AS SELECT i.Total, d.Total FROM inserted i JOIN deleted d ON d.Id = i.Id`)).toEqual([]);
    expect(codes(`${T}CREATE TRIGGER dbo.tr ON dbo.Orders AFTER INSERT AS SELECT Nope FROM inserted`)).toEqual([207]);
  });
  it('triggers: IF UPDATE (column) names a column of the trigger\'s table', () => {
    expect(bind(`${T}CREATE TRIGGER dbo.tr ON dbo.Orders AFTER UPDATE AS IF UPDATE(Totl) PRINT 1`)).toMatchObject([{ code: 207, message: "Invalid column name 'Totl'." }]);
    expect(codes(`${T}CREATE TRIGGER dbo.tr ON dbo.Orders AFTER UPDATE AS IF UPDATE(Total) OR NOT UPDATE([CustomerId]) PRINT 1`)).toEqual([]);
    expect(codes(`${T}CREATE TRIGGER dbo.tr ON dbo.Elsewhere AFTER UPDATE AS IF UPDATE(Anything) PRINT 1`)).toEqual([]);
  });
});

describe('columns: what is never reported', () => {
  it('dynamic SQL strings are not bound', () => {
    expect(codes("EXEC (N'SELECT nope FROM dbo.Orders'); EXEC sp_executesql N'SELECT @x'")).toEqual([]);
  });
  it('a batch with a syntax error binds nothing', () => {
    const d = bind('SELECT 1', ['SELECT FROM WHERE']);
    expect(d).toEqual([]);
  });
  it('a table whose definition did not parse has unknown columns', () => {
    expect(codes('SELECT Anything FROM dbo.Broken', ['CREATE TABLE dbo.Broken (a int NOT NULL NOT NULL NOT)'])).toEqual([]);
  });
  it('a table sp_rename renames (or renames a column of) has unknown columns', () => {
    const t = 'CREATE TABLE dbo.A (a int, b int)\nGO\n';
    expect(codes(`${t}EXEC sp_rename 'dbo.A.b', 'c', 'COLUMN'\nGO\nCREATE PROCEDURE dbo.p AS SELECT c FROM dbo.A;`)).toEqual([]);
    expect(codes(`${t}EXEC sys.sp_rename N'[dbo].[A].[b]', N'c', N'COLUMN'\nGO\nSELECT c FROM dbo.A`)).toEqual([]);
    expect(codes(`${t}EXEC sp_rename 'dbo.A', 'B'\nGO\nSELECT x FROM dbo.B`)).toEqual([]);
  });
  it('a table only altered (created elsewhere) has unknown columns', () => {
    expect(codes('SELECT Anything FROM dbo.Elsewhere', ['ALTER TABLE dbo.Elsewhere ADD b int'])).toEqual([]);
  });
  it('ISJSON type keywords are not columns', () => {
    expect(codes('DECLARE @j nvarchar(max); SELECT ISJSON(@j, OBJECT)')).toEqual([]);
  });
  it('CREATE RULE parameters are not variables', () => {
    expect(codes('CREATE RULE dbo.r AS @value > 0')).toEqual([]);
  });
  it('graph pseudo-columns in INSERT column lists', () => {
    expect(codes('CREATE TABLE dbo.Likes (w int) AS EDGE\nGO\nINSERT INTO dbo.Likes ($from_id, $to_id, w) VALUES (N\'a\', N\'b\', 1)')).toEqual([]);
  });
  it('SELECT list columns of unknown sources in a derived table', () => {
    expect(codes('SELECT d.name FROM (SELECT * FROM sys.objects) d')).toEqual([]);
  });
});

describe('columns: tricky valid scoping', () => {
  it('window clauses, HAVING subqueries, CTE targets, APPLY of a function', () => {
    const sql = `${T}SELECT CustomerId, SUM(Total) OVER (PARTITION BY CustomerId ORDER BY Placed ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS Running
FROM dbo.Orders;
SELECT CustomerId FROM dbo.Orders o GROUP BY CustomerId HAVING COUNT(*) > (SELECT COUNT(*) FROM dbo.Customers c WHERE c.Id = o.CustomerId);
WITH x AS (SELECT Id, Total FROM dbo.Orders) UPDATE x SET Total = 0 WHERE Id = 1;
SELECT c.Name, f.Total FROM dbo.Customers c CROSS APPLY dbo.F(c.Id) f;
SELECT TOP (1) WITH TIES Id FROM dbo.Orders ORDER BY ROW_NUMBER() OVER (PARTITION BY CustomerId ORDER BY Placed);
SELECT o.Id FROM dbo.Orders o WHERE o.Id IN (SELECT Id FROM dbo.Customers) AND NOT EXISTS (SELECT * FROM dbo.Customers WHERE Id = o.CustomerId);`;
    expect(codes(sql, ['CREATE FUNCTION dbo.F (@id int) RETURNS TABLE AS RETURN SELECT Id, Total FROM dbo.Orders WHERE CustomerId = @id'])).toEqual([]);
  });
  it('INSTEAD OF triggers on views, MERGE OUTPUT inserted.*', () => {
    const sql = `${T}CREATE VIEW dbo.VO AS SELECT Id, Total FROM dbo.Orders
GO
CREATE TRIGGER dbo.tvo ON dbo.VO INSTEAD OF INSERT AS INSERT dbo.Orders (Id, Total) SELECT Id, Total FROM inserted
GO
MERGE INTO dbo.Orders WITH (HOLDLOCK) AS t USING (VALUES (1, 2)) AS s (Id, Total) ON t.Id = s.Id
WHEN MATCHED THEN UPDATE SET t.Total = s.Total WHEN NOT MATCHED THEN INSERT (Id, Total) VALUES (s.Id, s.Total)
OUTPUT inserted.*, $action;`;
    expect(codes(sql)).toEqual([]);
  });
});

describe('USE: another database', () => {
  const TABLES = 'CREATE TABLE dbo.T (a int);';
  it('after USE, names are those of another database: nothing is looked up in the payload, in this batch or the next', () => {
    expect(codes('SELECT b FROM dbo.T;\nUSE OtherDb;\nSELECT b FROM dbo.T;', [TABLES])).toEqual([207]);
    expect(codes('USE OtherDb;\nGO\nSELECT b FROM dbo.T;\nEXEC dbo.p 1, 2, 3;', [TABLES, 'CREATE PROCEDURE dbo.p AS SELECT 1;'])).toEqual([]);
  });

  it('after USE, a foreign key or index on a table the script itself creates there is not reported missing (1767, 1911)', () => {
    expect(codes('USE OtherDb;\nGO\nCREATE TABLE dbo.A (Id int PRIMARY KEY);\nCREATE TABLE dbo.B (AId int REFERENCES dbo.A (Id));\nCREATE INDEX IX_B ON dbo.B (AId);', [TABLES])).toEqual([]);
  });

  it('what only another database defines (after a USE in another script) has unknown columns in the payload\'s database', () => {
    const elsewhere = 'USE OtherDb;\nGO\nCREATE TABLE dbo.X (a int);\nGO\nCREATE VIEW dbo.V AS SELECT 1 AS a;\nGO\nCREATE TYPE dbo.TT AS TABLE (a int);\nGO\nCREATE PROCEDURE dbo.q @a int AS SELECT @a;';
    expect(codes('SELECT b FROM dbo.X;\nSELECT b FROM dbo.V;\nDECLARE @t dbo.TT;\nSELECT b FROM @t;\nEXEC dbo.q;', [elsewhere])).toEqual([]);
    expect(codes('SELECT b FROM dbo.X;', [elsewhere, 'CREATE TABLE dbo.X (a int);'])).toEqual([207]);
    expect(codes('SELECT b FROM dbo.X;', ["EXEC (N'USE OtherDb');\nCREATE TABLE dbo.X (a int);"])).toEqual([207]);
  });

  it('variables declared before the USE stay declared after it (the batch is one scope)', () => {
    expect(codes('DECLARE @x int = 1;\nUSE OtherDb;\nSELECT @x;\nSELECT @y;', [TABLES])).toEqual([137]);
  });
});
