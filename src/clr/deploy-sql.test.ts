// Golden texts of clr-deploy; each test names the shared/SQLSERVER-NOTES.md fact the text relies on.
import { describe, expect, it } from 'vitest';
import {
  alterAssemblySql, assemblyStateSql, boundModulesSql, createAssemblySql, dropAssemblySql, dropModuleSql, enableClrSql,
  trustAssemblySql, untrustAssemblySql,
} from './deploy-sql.js';

const HASH = 'ab'.repeat(64);

describe('clr-deploy T-SQL', () => {
  it("enables CLR only when off (NOTES: SQL CLR — sp_configure 'clr enabled', 1; RECONFIGURE; not an advanced option)", () => {
    expect(enableClrSql()).toBe(
      "IF NOT EXISTS (SELECT 1 FROM sys.configurations WHERE [name] = N'clr enabled' AND CAST([value_in_use] AS INT) = 1)\nBEGIN\n  EXEC sp_configure 'clr enabled', 1;\n  RECONFIGURE;\nEND;",
    );
  });

  it('trusts the SHA2_512 of the bytes, guarded by sys.trusted_assemblies (NOTES: SQL CLR — clr strict security)', () => {
    expect(trustAssemblySql(HASH, "Hartonomous.Clr, version=1.0.0.0")).toBe(
      `IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = 0x${HASH})\n  EXEC sys.sp_add_trusted_assembly @hash = 0x${HASH}, @description = N'Hartonomous.Clr, version=1.0.0.0';`,
    );
  });

  it('drops the previous hash only when present and no ONLINE database has an assembly with those bytes: the trusted list is server-level (NOTES: SQL CLR — drop the old hash after; the list is server-level)', () => {
    expect(untrustAssemblySql(HASH).split('\n')).toEqual([
      `DECLARE @hash varbinary(64) = 0x${HASH};`,
      'DECLARE @used bit = 0;',
      'DECLARE @dropped bit = 0;',
      'DECLARE @sql nvarchar(max) = (',
      "  SELECT STRING_AGG(CAST(N'IF EXISTS (SELECT 1 FROM ' AS nvarchar(max)) + QUOTENAME(d.[name]) + N'.sys.assembly_files AS f WHERE f.[file_id] = 1 AND HASHBYTES(''SHA2_512'', f.[content]) = @hash) SET @used = 1;', NCHAR(10))",
      '  FROM sys.databases AS d',
      "  WHERE d.[state_desc] = N'ONLINE' AND HAS_DBACCESS(d.[name]) = 1",
      ');',
      "IF @sql IS NOT NULL EXEC sys.sp_executesql @sql, N'@hash varbinary(64), @used bit OUTPUT', @hash = @hash, @used = @used OUTPUT;",
      'IF @used = 0 AND EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = @hash)',
      'BEGIN',
      '  EXEC sys.sp_drop_trusted_assembly @hash = @hash;',
      '  SET @dropped = 1;',
      'END;',
      'SELECT @dropped AS dropped, @used AS inUse;',
    ]);
  });

  it('refuses a hash that is not SHA2_512 hex', () => {
    expect(() => trustAssemblySql("0x'; DROP", 'x')).toThrow(/not a SHA2_512 hex string/);
  });

  it('reads the deployed bytes from sys.assembly_files file_id 1 (NOTES: SQL CLR — ALTER with identical bits fails, 6285)', () => {
    expect(assemblyStateSql()).toBe(
      'SELECT a.[assembly_id] AS assemblyId, a.[clr_name] AS clrName, a.[permission_set_desc] AS permissionSet, f.[content] AS content\nFROM sys.assemblies AS a\nJOIN sys.assembly_files AS f ON f.[assembly_id] = a.[assembly_id] AND f.[file_id] = 1\nWHERE a.[name] = @name;',
    );
  });

  it('lists the bound objects with class and method (NOTES: SQL CLR — ALTER only if every bound method keeps its signature)', () => {
    expect(boundModulesSql()).toContain('FROM sys.assembly_modules AS m\nJOIN sys.objects AS o ON o.[object_id] = m.[object_id]\nWHERE m.[assembly_id] = @assemblyId');
  });

  it('creates and alters from a VARBINARY(MAX) parameter, SAFE (NOTES: SQL CLR — CREATE ASSEMBLY … FROM @bits WITH PERMISSION_SET = SAFE)', () => {
    expect(createAssemblySql('Hartonomous.Clr')).toBe('CREATE ASSEMBLY [Hartonomous.Clr] FROM @bits WITH PERMISSION_SET = SAFE;');
    expect(alterAssemblySql('Hartonomous.Clr')).toBe('ALTER ASSEMBLY [Hartonomous.Clr] FROM @bits WITH PERMISSION_SET = SAFE;');
  });

  it('drops bindings by kind, then the assembly (NOTES: SQL CLR — no ALTER AGGREGATE; drop bindings → drop assembly → create)', () => {
    expect(dropModuleSql('dbo', 'agg_VectorSum', 'AF')).toBe('DROP AGGREGATE [dbo].[agg_VectorSum];');
    expect(dropModuleSql('dbo', 'clr_DotProduct', 'FS')).toBe('DROP FUNCTION [dbo].[clr_DotProduct];');
    expect(dropModuleSql('dbo', 'usp_X', 'PC')).toBe('DROP PROCEDURE [dbo].[usp_X];');
    expect(dropAssemblySql('Hartonomous.Clr')).toBe('DROP ASSEMBLY [Hartonomous.Clr];');
  });
});
