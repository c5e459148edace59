import { describe, expect, it } from 'vitest';
import { bind, codes } from './test-support.js';

describe('variables: 134 / 137 / 1087', () => {
  it('137 for a use with no declaration', () => {
    const d = bind('DECLARE @a int;\nSELECT @b');
    expect(d).toMatchObject([{ code: 137, message: 'Must declare the scalar variable "@b".', offset: 23 }]);
  });
  it('137 when used before its declaration', () => {
    expect(codes('SET @a = 1; DECLARE @a int;')).toEqual([137]);
  });
  it('variables have no block scope', () => {
    expect(codes('IF 1 = 1 BEGIN DECLARE @a int; END; SELECT @a')).toEqual([]);
  });
  it('134 for a second declaration, case-insensitive', () => {
    const d = bind('DECLARE @x int; DECLARE @X int;');
    expect(d).toMatchObject([{ code: 134, message: "The variable name '@X' has already been declared. Variable names must be unique within a query batch or stored procedure.", offset: 24 }]);
  });
  it('no 134 for different case under a case-sensitive collation', () => {
    expect(codes('DECLARE @x int; DECLARE @X int;', [], true)).toEqual([]);
  });
  it('134 for a local that repeats a parameter', () => {
    expect(codes('CREATE PROCEDURE dbo.p @Id int AS DECLARE @id int; SELECT @id')).toEqual([134]);
  });
  it('parameters are declared for the whole body', () => {
    expect(codes('CREATE PROCEDURE dbo.p @a int, @b int = 2 AS SELECT @a + @b')).toEqual([]);
  });
  it('variables do not cross batches', () => {
    expect(codes('DECLARE @a int = 1\nGO\nSELECT @a')).toEqual([137]);
  });
  it('one finding per undeclared name', () => {
    expect(codes('SELECT @a; SELECT @a; SELECT @b')).toEqual([137, 137]);
  });
  it('@@ variables are not locals', () => {
    expect(codes('SELECT @@ROWCOUNT, @@SPID')).toEqual([]);
  });
  it('1087 for FROM @t with no table declaration', () => {
    expect(bind('SELECT * FROM @t')).toMatchObject([{ code: 1087, message: 'Must declare the table variable "@t".' }]);
  });
  it('1087 for a scalar used as a table', () => {
    expect(codes('DECLARE @t int; SELECT * FROM @t')).toEqual([1087]);
  });
  it('1087 for INSERT INTO an undeclared table variable', () => {
    expect(codes('INSERT INTO @t (a) VALUES (1)')).toEqual([1087]);
  });
  it('table variables and table-valued parameters are tables', () => {
    expect(codes('DECLARE @t TABLE (a int); INSERT INTO @t (a) VALUES (1); SELECT a FROM @t; DELETE FROM @t;')).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p @rows dbo.RowList READONLY AS SELECT * FROM @rows r')).toEqual([]);
  });
  it('137 for a table variable where only a scalar may stand (a value, @t.col)', () => {
    expect(bind('DECLARE @t TABLE (a int);\nSELECT @t')).toMatchObject([{ code: 137, message: 'Must declare the scalar variable "@t".' }]);
    expect(codes('DECLARE @t TABLE (a int);\nSELECT a FROM @t WHERE @t.a = 1')).toEqual([137]);
    expect(codes('DECLARE @t TABLE (a int); DECLARE @n int;\nSET @n = @t')).toEqual([137]);
    expect(codes('CREATE PROCEDURE dbo.p @rows dbo.RowList READONLY AS PRINT @rows', ['CREATE TYPE dbo.RowList AS TABLE (a int)'])).toEqual([137]);
    expect(codes('DECLARE @t TABLE (a int);\nSELECT [@t].a, x.a FROM @t JOIN @t AS x ON x.a = [@t].a')).toEqual([]);
  });
  it('a table variable passed to EXEC or a user-defined function is a table-valued parameter', () => {
    const type = ['CREATE TYPE dbo.RowList AS TABLE (a int)'];
    expect(codes('DECLARE @t dbo.RowList;\nEXEC dbo.p @rows = @t;\nEXEC dbo.p @t;', type)).toEqual([]);
    expect(codes("DECLARE @t dbo.RowList;\nEXEC sp_executesql N'SELECT a FROM @r', N'@r dbo.RowList READONLY', @r = @t;", type)).toEqual([]);
    expect(codes('DECLARE @t dbo.RowList;\nSELECT dbo.f(@t);\nSELECT * FROM dbo.tvf(@t) AS x;', type)).toEqual([]);
  });
  it('a variable of a user type may be a table', () => {
    expect(codes('DECLARE @t dbo.SomeType; SELECT * FROM @t')).toEqual([]);
  });
  it('a table variable of a payload table type has its columns', () => {
    expect(codes('DECLARE @t dbo.Pairs; SELECT c FROM @t', ['CREATE TYPE dbo.Pairs AS TABLE (a int, b int)'])).toEqual([207]);
  });
  it('OUTPUT INTO @t needs a table variable', () => {
    expect(codes('CREATE TABLE dbo.T (a int)\nGO\nDELETE dbo.T OUTPUT deleted.a INTO @gone')).toEqual([1087]);
  });
  it('RETURNS @t TABLE declares a table variable', () => {
    expect(codes('CREATE FUNCTION dbo.f () RETURNS @r TABLE (a int) AS BEGIN INSERT INTO @r (a) VALUES (1); RETURN; END')).toEqual([]);
  });
  it('cursor variables', () => {
    expect(codes('DECLARE @c CURSOR; SET @c = CURSOR FOR SELECT 1; OPEN @c; FETCH NEXT FROM @c INTO @x;')).toEqual([137]);
  });
  it('EXEC argument names are not variable uses', () => {
    expect(codes('EXEC dbo.p @Param = 1, @Other = DEFAULT')).toEqual([]);
  });
  it('SELECT @x = … needs @x declared', () => {
    expect(codes('SELECT @total = 1')).toEqual([137]);
  });
});
