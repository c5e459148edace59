import { describe, expect, it } from 'vitest';
import { bind, codes } from './test-support.js';

describe('data type arguments: 2716 / 2750 / 131 / 2717', () => {
  it('2716 for a length or precision on a type that takes none', () => {
    expect(bind('CREATE TABLE dbo.T (a int NOT NULL, b int(10) NULL)')).toMatchObject([{ code: 2716, message: 'Column, parameter, or variable #2: Cannot specify a column width on data type int.' }]);
    expect(bind('DECLARE @a varchar(10), @b datetime(3)')).toMatchObject([{ code: 2716, message: 'Column, parameter, or variable #2: Cannot specify a column width on data type datetime.' }]);
    expect(codes('CREATE PROCEDURE dbo.p @a bigint(8) AS RETURN 0')).toEqual([2716]);
    expect(codes('DECLARE @t TABLE (a money(10, 2), b bit(1))')).toEqual([2716, 2716]);
    expect(codes('CREATE TABLE dbo.T (a uniqueidentifier(16))')).toEqual([2716]);
  });
  it('2750 for a precision above the maximum', () => {
    expect(bind('CREATE TABLE dbo.T (a decimal(40, 2))')).toMatchObject([{ code: 2750, message: 'Column or parameter #1: Specified column precision 40 is greater than the maximum precision of 38.' }]);
    expect(codes('CREATE FUNCTION dbo.f (@a int, @b numeric(39)) RETURNS int AS BEGIN RETURN 1 END')).toEqual([2750]);
    expect(bind('DECLARE @f float(54)')).toMatchObject([{ code: 2750, message: 'Column or parameter #1: Specified column precision 54 is greater than the maximum precision of 53.' }]);
  });
  it('131 above 8000 bytes, 2717 for nchar / nvarchar above 4000', () => {
    expect(bind('CREATE TABLE dbo.T (a varchar(9000))')).toMatchObject([{ code: 131, message: "The size (9000) given to the column 'a' exceeds the maximum allowed for any data type (8000)." }]);
    expect(bind('DECLARE @v varbinary(8001)')).toMatchObject([{ code: 131, message: "The size (8001) given to the type 'varbinary' exceeds the maximum allowed for any data type (8000)." }]);
    expect(bind('CREATE PROCEDURE dbo.p @p char(10000) AS RETURN 0')).toMatchObject([{ code: 131, message: "The size (10000) given to the parameter '@p' exceeds the maximum allowed for any data type (8000)." }]);
    expect(bind('CREATE TABLE dbo.T (a nvarchar(5000))')).toMatchObject([{ code: 2717, message: "The size (5000) given to the column 'a' exceeds the maximum allowed (4000)." }]);
    expect(codes('DECLARE @n nchar(4001)')).toEqual([2717]);
  });
  it('the documented lengths, precisions and MAX stay silent', () => {
    const sql = `CREATE TABLE dbo.T (a int, b decimal(38, 10), c numeric(18), d float(53), e float, f varchar(8000), g nvarchar(4000),
      h varbinary(max), i nvarchar(MAX), j char(1), k binary(8000), l datetime2(7), m time(0), n datetimeoffset(3), o real, p xml,
      q dbo.MyType, r sysname, s nchar(4000), t dec(10, 2))`;
    expect(codes(sql)).toEqual([]);
    expect(codes('DECLARE @a int, @b datetime, @c varchar(max), @d decimal(38, 0); SELECT CAST(1 AS decimal(10, 2)) AS x')).toEqual([]);
    expect(codes('CREATE PROCEDURE dbo.p @a nvarchar(4000), @b float(24) AS RETURN 0')).toEqual([]);
  });
});
