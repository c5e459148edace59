import { describe, expect, it } from 'vitest';
import { bind, codes } from './test-support.js';

const tables = ['CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, Name nvarchar(100) NOT NULL, City nvarchar(50) NULL)', 'CREATE TABLE dbo.Orders (OrderId int IDENTITY PRIMARY KEY, CustomerId int NOT NULL, Amount money NOT NULL, Total AS Amount * 2)'];

describe('query shape rules', () => {
  it('107 for x.* whose prefix is no table source or alias of the query', () => {
    expect(bind('SELECT x.* FROM dbo.Customer AS c', tables)).toMatchObject([{ code: 107, message: "The column prefix 'x' does not match with a table name or alias name used in the query." }]);
    expect(codes('SELECT Customer.* FROM dbo.Customer AS c', tables)).toEqual([107]);
    expect(codes('SELECT dbo.Orders.* FROM dbo.Customer', tables)).toEqual([107]);
    expect(codes('SELECT c.*, o.* FROM dbo.Customer AS c JOIN dbo.Orders AS o ON o.CustomerId = c.CustomerId', tables)).toEqual([]);
    expect(codes('SELECT Customer.*, dbo.Customer.* FROM dbo.Customer', tables)).toEqual([]);
    expect(codes('SELECT d.* FROM (SELECT 1 AS a) AS d')).toEqual([]);
    expect(codes('SELECT o.* FROM sys.objects AS o; SELECT x.* FROM OtherDb.dbo.T AS x; SELECT COUNT(*) AS n FROM dbo.Missing')).toEqual([]);
    expect(codes('DELETE FROM dbo.Orders OUTPUT deleted.* WHERE OrderId = 1', tables)).toEqual([]);
  });
  it('PREDICT: the data source by its alias beside the scores', () => {
    const predict = (list: string) => `DECLARE @m varbinary(max); SELECT ${list} FROM PREDICT(MODEL = @m, DATA = dbo.Orders AS d) WITH (Score float) AS p`;
    expect(codes(predict('d.*, p.*'), tables)).toEqual([]);
    expect(codes(predict('d.Amount, p.Score'), tables)).toEqual([]);
    expect(codes(predict('d.Nope'), tables)).toEqual([207]);
    expect(codes(predict('p.Nope'), tables)).toEqual([207]);
    expect(codes(predict('x.*'), tables)).toEqual([107]);
  });
  it('239 for a CTE name used twice in one WITH', () => {
    expect(bind('WITH c AS (SELECT 1 AS a), c AS (SELECT 2 AS a) SELECT a FROM c')).toMatchObject([{ code: 239, message: "Duplicate common table expression name 'c' was specified." }]);
    expect(codes('WITH c AS (SELECT 1 AS a), d AS (SELECT a FROM c) SELECT a FROM d')).toEqual([]);
  });
  it('1013 / 1011 for duplicate exposed names in one FROM', () => {
    expect(bind('SELECT 1 AS x FROM dbo.Customer, dbo.Customer', tables)).toMatchObject([{ code: 1013, message: 'The objects "dbo.Customer" and "dbo.Customer" in the FROM clause have duplicate exposed names. Use correlation names to distinguish them.' }]);
    expect(codes('SELECT 1 AS x FROM dbo.Customer AS a JOIN dbo.Orders AS a ON 1 = 1', tables)).toEqual([1011]);
    expect(codes('SELECT 1 AS x FROM dbo.Customer AS a JOIN dbo.Customer AS b ON a.CustomerId = b.CustomerId', tables)).toEqual([]);
    expect(codes('SELECT 1 AS x FROM dbo.Customer WHERE EXISTS (SELECT 1 FROM dbo.Customer)', tables)).toEqual([]);
  });
  it('8155 for a derived table or CTE column without a name', () => {
    expect(bind('SELECT * FROM (SELECT 1) AS d')).toMatchObject([{ code: 8155, message: "No column name was specified for column 1 of 'd'." }]);
    expect(codes('WITH c AS (SELECT 1 AS a, 2) SELECT * FROM c')).toEqual([8155]);
    expect(codes('SELECT * FROM (SELECT 1) AS d (a)')).toEqual([]);
    expect(codes('WITH c (a, b) AS (SELECT 1, 2) SELECT * FROM c')).toEqual([]);
    expect(codes('SELECT * FROM (SELECT 1 AS a UNION ALL SELECT 2) AS d')).toEqual([]);
  });
  it('4511 / 4506 for view and inline function columns', () => {
    expect(bind('CREATE VIEW dbo.v AS SELECT 1')).toMatchObject([{ code: 4511, message: 'Create View or Function failed because no column name was specified for column 1.' }]);
    expect(bind('CREATE VIEW dbo.v AS SELECT c.Name, o.Name FROM dbo.Customer AS c CROSS JOIN dbo.Customer AS o', tables)).toMatchObject([{ code: 4506, message: "Column names in each view or function must be unique. Column name 'Name' in view or function 'v' is specified more than once." }]);
    expect(codes('CREATE FUNCTION dbo.f () RETURNS TABLE AS RETURN SELECT 1 AS a, 2')).toEqual([4511]);
    expect(codes('CREATE VIEW dbo.v (a, b) AS SELECT 1, 2')).toEqual([]);
    expect(codes('CREATE VIEW dbo.v AS SELECT 1 AS a, x = 2')).toEqual([]);
  });
  it('147 / 4108 / 144: aggregates and window functions where not allowed', () => {
    expect(codes('SELECT Name FROM dbo.Customer WHERE COUNT(*) > 1', tables)).toEqual([147]);
    expect(codes('SELECT Name FROM dbo.Customer WHERE ROW_NUMBER() OVER (ORDER BY Name) = 1', tables)).toEqual([4108]);
    expect(codes('SELECT COUNT(*) AS n FROM dbo.Customer GROUP BY COUNT(*)', tables)).toEqual([144]);
    expect(codes('SELECT City FROM dbo.Customer GROUP BY City HAVING COUNT(*) > 1', tables)).toEqual([]);
    expect(codes('SELECT c.Name FROM dbo.Customer AS c GROUP BY c.Name HAVING EXISTS (SELECT 1 FROM dbo.Orders AS o WHERE o.Amount > MAX(c.CustomerId))', tables)).toEqual([]);
    expect(codes('SELECT Name, ROW_NUMBER() OVER (ORDER BY Name) AS r FROM dbo.Customer ORDER BY ROW_NUMBER() OVER (ORDER BY City)', tables)).toEqual([]);
    expect(codes('SELECT Name FROM dbo.Customer WHERE CustomerId IN (SELECT MAX(CustomerId) FROM dbo.Orders)', tables)).toEqual([]);
  });
  it('116 for a subquery with more than one column where one value is needed', () => {
    expect(bind('SELECT Name FROM dbo.Customer WHERE CustomerId IN (SELECT CustomerId, Amount FROM dbo.Orders)', tables)).toMatchObject([{ code: 116, message: 'Only one expression can be specified in the select list when the subquery is not introduced with EXISTS.' }]);
    expect(codes('SELECT (SELECT 1 AS a, 2 AS b) AS x')).toEqual([116]);
    expect(codes('SELECT Name FROM dbo.Customer WHERE EXISTS (SELECT CustomerId, Amount FROM dbo.Orders)', tables)).toEqual([]);
    expect(codes("SELECT (SELECT Name, City FROM dbo.Customer FOR XML PATH('')) AS x", tables)).toEqual([]);
    expect(codes('SELECT (SELECT Name, City FROM dbo.Customer FOR JSON PATH) AS x', tables)).toEqual([]);
  });
  it('128 for a column name in INSERT … VALUES', () => {
    expect(bind('INSERT INTO dbo.Customer (CustomerId, Name) VALUES (1, Name)', tables)).toMatchObject([{ code: 128, message: 'The name "Name" is not permitted in this context. Valid expressions are constants, constant expressions, and (in some contexts) variables. Column names are not permitted.' }]);
    expect(codes('DECLARE @n nvarchar(10) = N\'x\'; INSERT INTO dbo.Customer (CustomerId, Name) VALUES (1, @n), (2, DEFAULT), (3, (SELECT MAX(Name) FROM dbo.Customer))', tables)).toEqual([]);
  });
  it('213 for INSERT without a column list and the wrong number of values', () => {
    expect(bind('INSERT INTO dbo.Customer VALUES (1)', tables)).toMatchObject([{ code: 213, message: 'Column name or number of supplied values does not match table definition.' }]);
    expect(codes("INSERT INTO dbo.Customer VALUES (1, N'a', NULL)", tables)).toEqual([]);
    // identity and computed columns take no value
    expect(codes('INSERT INTO dbo.Orders VALUES (1, 10)', tables)).toEqual([]);
    expect(codes('INSERT INTO dbo.Orders VALUES (1, 10, 20)', tables)).toEqual([213]);
    expect(codes('INSERT INTO dbo.Customer VALUES (1)', [...tables, 'ALTER TABLE dbo.Customer ADD Extra int NULL'])).toEqual([]);
    expect(codes('INSERT INTO dbo.T VALUES (1)', ['CREATE TABLE dbo.T (a int, rv rowversion)'])).toEqual([]);
  });
});
