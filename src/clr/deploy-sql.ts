// The T-SQL clr-deploy sends, one function per statement. Each names the fact of
// shared/SQLSERVER-NOTES.md ("NOTES: SQL CLR — …") it relies on; golden tests hold the exact text.
import { HartError } from '../engine/errors.js';
import { bracket } from './bindings-generate.js';

function hashLiteral(sha512Hex: string): string {
  if (!/^[0-9a-fA-F]{128}$/.test(sha512Hex)) {
    throw new HartError('The CLR assembly hash is not a SHA2_512 hex string', { hint: 'Rebuild the CLR assembly (hart-dev clr build).', code: 'clr-hash' });
  }
  return `0x${sha512Hex.toLowerCase()}`;
}

function nstring(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

/**
 * NOTES: SQL CLR — "EXEC sp_configure 'clr enabled', 1; RECONFIGURE; (not an advanced option). Without
 * it objects can be created but calling them fails with 6263." Guarded so a configured server sees no
 * RECONFIGURE. `clr strict security` is left as it is.
 */
export function enableClrSql(): string {
  return [
    `IF NOT EXISTS (SELECT 1 FROM sys.configurations WHERE [name] = N'clr enabled' AND CAST([value_in_use] AS INT) = 1)`,
    `BEGIN`,
    `  EXEC sp_configure 'clr enabled', 1;`,
    `  RECONFIGURE;`,
    `END;`,
  ].join('\n');
}

/**
 * NOTES: SQL CLR — "clr strict security is 1 by default since 2017 … trust the exact bytes:
 * EXEC sys.sp_add_trusted_assembly @hash = 0x<SHA2_512 of the DLL bytes>, @description = N'<clr_name>';
 * guarded by IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE hash = …)."
 */
export function trustAssemblySql(sha512Hex: string, clrName: string): string {
  const hash = hashLiteral(sha512Hex);
  return [
    `IF NOT EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = ${hash})`,
    `  EXEC sys.sp_add_trusted_assembly @hash = ${hash}, @description = ${nstring(clrName)};`,
  ].join('\n');
}

/**
 * NOTES: SQL CLR — "Add the new trusted hash before creating; drop the old hash after." The list is
 * server-level (NOTES: "The list is server-level") while assemblies live in each database: another
 * database on the instance (a second checkout's database, a restored copy) may still run an assembly
 * with the old bytes, and removing their hash would make it untrusted (error 10343). So the hash is
 * dropped only when no ONLINE database's sys.assembly_files (file_id 1, the assembly itself) has
 * those bytes, compared as HASHBYTES('SHA2_512', content), the hash sys.trusted_assemblies holds
 * (docs/relational-databases/system-stored-procedures/sys-sp-add-trusted-assembly-transact-sql.md;
 * HASHBYTES takes varbinary(max) input since SQL Server 2016, docs/t-sql/functions/hashbytes-transact-sql.md).
 * Each database is read through dynamic SQL built with STRING_AGG over an nvarchar(max) input, whose
 * result is then nvarchar(max) (docs/t-sql/functions/string-agg-transact-sql.md), and QUOTENAME.
 * Returns one row: dropped = 1 when the hash was removed, inUse = 1 when another database kept it.
 */
export function untrustAssemblySql(sha512Hex: string): string {
  const hash = hashLiteral(sha512Hex);
  return [
    `DECLARE @hash varbinary(64) = ${hash};`,
    `DECLARE @used bit = 0;`,
    `DECLARE @dropped bit = 0;`,
    `DECLARE @sql nvarchar(max) = (`,
    `  SELECT STRING_AGG(CAST(N'IF EXISTS (SELECT 1 FROM ' AS nvarchar(max)) + QUOTENAME(d.[name]) + N'.sys.assembly_files AS f WHERE f.[file_id] = 1 AND HASHBYTES(''SHA2_512'', f.[content]) = @hash) SET @used = 1;', NCHAR(10))`,
    `  FROM sys.databases AS d`,
    `  WHERE d.[state_desc] = N'ONLINE' AND HAS_DBACCESS(d.[name]) = 1`,
    `);`,
    `IF @sql IS NOT NULL EXEC sys.sp_executesql @sql, N'@hash varbinary(64), @used bit OUTPUT', @hash = @hash, @used = @used OUTPUT;`,
    `IF @used = 0 AND EXISTS (SELECT 1 FROM sys.trusted_assemblies WHERE [hash] = @hash)`,
    `BEGIN`,
    `  EXEC sys.sp_drop_trusted_assembly @hash = @hash;`,
    `  SET @dropped = 1;`,
    `END;`,
    `SELECT @dropped AS dropped, @used AS inUse;`,
  ].join('\n');
}

/**
 * NOTES: SQL CLR — "ALTER ASSEMBLY with identical bits fails (6285): compare with
 * sys.assembly_files.content (file_id = 1) first." Parameter @name: the assembly's SQL name.
 */
export function assemblyStateSql(): string {
  return [
    `SELECT a.[assembly_id] AS assemblyId, a.[clr_name] AS clrName, a.[permission_set_desc] AS permissionSet, f.[content] AS content`,
    `FROM sys.assemblies AS a`,
    `JOIN sys.assembly_files AS f ON f.[assembly_id] = a.[assembly_id] AND f.[file_id] = 1`,
    `WHERE a.[name] = @name;`,
  ].join('\n');
}

/**
 * NOTES: SQL CLR — "ALTER works only if every bound method keeps its signature; otherwise drop the
 * bound functions/aggregates": the objects bound to the assembly, with the class and method they name
 * (assembly_method is NULL for aggregates). Parameter @assemblyId.
 */
export function boundModulesSql(): string {
  return [
    `SELECT SCHEMA_NAME(o.[schema_id]) AS [schema], o.[name] AS name, RTRIM(o.[type]) AS type,`,
    `       m.[assembly_class] AS assemblyClass, m.[assembly_method] AS assemblyMethod`,
    `FROM sys.assembly_modules AS m`,
    `JOIN sys.objects AS o ON o.[object_id] = m.[object_id]`,
    `WHERE m.[assembly_id] = @assemblyId`,
    `ORDER BY o.[name];`,
  ].join('\n');
}

/** NOTES: SQL CLR — "CREATE ASSEMBLY [Name] FROM @bits WITH PERMISSION_SET = SAFE; — @bits may be a VARBINARY(MAX) parameter". */
export function createAssemblySql(name: string): string {
  return `CREATE ASSEMBLY ${bracket(name)} FROM @bits WITH PERMISSION_SET = SAFE;`;
}

/** NOTES: SQL CLR — "ALTER works only if every bound method keeps its signature" (the caller checked); bits as for CREATE. */
export function alterAssemblySql(name: string): string {
  return `ALTER ASSEMBLY ${bracket(name)} FROM @bits WITH PERMISSION_SET = SAFE;`;
}

/** NOTES: SQL CLR — "drop the bound functions/aggregates, drop the assembly, create it, create the bindings again". */
export function dropAssemblySql(name: string): string {
  return `DROP ASSEMBLY ${bracket(name)};`;
}

const DROP_KIND: Record<string, string> = {
  FS: 'FUNCTION',
  FT: 'FUNCTION',
  AF: 'AGGREGATE',
  PC: 'PROCEDURE',
  TA: 'TRIGGER',
};

/**
 * NOTES: SQL CLR — "There is no ALTER AGGREGATE": a changed binding is dropped and created again.
 * `type` is sys.objects.type (FS, FT, AF, PC, TA).
 */
export function dropModuleSql(schema: string, name: string, type: string): string {
  const kind = DROP_KIND[type.trim()];
  if (kind === undefined) throw new HartError(`Can't drop ${schema}.${name}: unexpected CLR object type ${type}`, { code: 'clr-deploy' });
  return `DROP ${kind} ${bracket(schema)}.${bracket(name)};`;
}

/** NOTES: Scripts — "EF 8 keeps a transaction open across batches: run a script on one session": the replacement is one transaction on one session. */
export const BEGIN_SQL = 'BEGIN TRANSACTION;';
export const COMMIT_SQL = 'COMMIT TRANSACTION;';
export const ROLLBACK_SQL = 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;';
