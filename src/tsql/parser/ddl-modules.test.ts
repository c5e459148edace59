// Modules (procedures, functions, views, triggers, schemas, aggregates, assemblies), security statements
// (GRANT / DENY / REVOKE, users, roles, logins, keys) and Service Broker objects.
import { describe, expect, it } from 'vitest';
import { parseBatch } from './index.js';

/** The first statement of a batch that must parse without error. */
function first(sql: string): unknown {
  const r = parseBatch(sql);
  expect(r.error, sql).toBeUndefined();
  return r.statements[0];
}

function errorOf(sql: string): { code: number; at: string } | undefined {
  const e = parseBatch(sql).error;
  return e === undefined ? undefined : { code: e.code, at: `${e.line}:${e.col}` };
}

describe('CREATE PROCEDURE', () => {
  it('reads parameters, options and the body up to the end of the batch', () => {
    const s = first(`CREATE OR ALTER PROCEDURE dbo.Upsert
  @Id int,
  @Name nvarchar(100) = N'x',
  @Tags dbo.TagList READONLY,
  @Count int = -1 OUTPUT,
  @c CURSOR VARYING OUTPUT
WITH RECOMPILE, EXECUTE AS OWNER
AS
SET NOCOUNT ON;
SELECT @Id;
RETURN 0`);
    expect(s).toMatchObject({
      kind: 'CreateProcedure',
      verb: 'CREATE',
      orAlter: true,
      name: { schema: { value: 'dbo' }, name: { value: 'Upsert' } },
      options: ['RECOMPILE', 'EXECUTE AS OWNER'],
      executeAs: 'OWNER',
      forReplication: false,
      parameters: [
        { name: '@Id', dataType: { name: { name: { value: 'int' } } }, output: false },
        { name: '@Name', default: { kind: 'Literal', type: 'nstring', value: 'x' } },
        { name: '@Tags', readonly: true },
        { name: '@Count', output: true, default: { kind: 'Literal', value: '-1' } },
        { name: '@c', varying: true, output: true, dataType: { name: { name: { value: 'CURSOR' } } } },
      ],
    });
    expect((s as { body: unknown[] }).body).toHaveLength(3);
  });

  it('takes parenthesised parameters, PROC, numbered procedures, FOR REPLICATION and CLR bodies', () => {
    expect(first('CREATE PROC p (@a int, @b AS varchar(10) = abc) AS SELECT 1')).toMatchObject({ kind: 'CreateProcedure', parameters: [{ name: '@a' }, { name: '@b', default: { value: 'abc' } }] });
    expect(first('CREATE PROCEDURE p;2 AS SELECT 1')).toMatchObject({ number: '2' });
    expect(first('CREATE PROCEDURE p @@ver int OUTPUT AS RETURN 0')).toMatchObject({ parameters: [{ name: '@@ver', output: true }] });
    expect(first('CREATE PROCEDURE p @s nvarchar(128) = @@SERVERNAME, @m money = $1.50, @n int = -3, @d int = DEFAULT, @i sysname = [x] AS SELECT 1')).toMatchObject({
      parameters: [{ default: { kind: 'GlobalVariable', name: '@@SERVERNAME' } }, { default: { type: 'money' } }, { default: { value: '-3' } }, { default: { kind: 'DefaultArgument' } }, { default: { value: 'x' } }],
    });
    expect(first('CREATE PROCEDURE p FOR REPLICATION AS SELECT 1')).toMatchObject({ forReplication: true });
    expect(first('ALTER PROC p AS BEGIN SELECT 1 END')).toMatchObject({ verb: 'ALTER', orAlter: false });
    expect(first('CREATE PROCEDURE p @x int AS EXTERNAL NAME Asm.[My.Ns.Procs].Run')).toMatchObject({
      external: { kind: 'ExternalName', assembly: { value: 'Asm' }, className: { value: 'My.Ns.Procs' }, method: { value: 'Run' } },
    });
    expect(first('DROP PROCEDURE IF EXISTS dbo.a, b')).toMatchObject({ kind: 'DropObjects', objectType: 'PROCEDURE', ifExists: true, names: [{ name: { value: 'a' } }, { name: { value: 'b' } }] });
    expect(first('DROP PROC p')).toMatchObject({ kind: 'DropObjects', objectType: 'PROCEDURE' });
  });

  it('rejects what the grammar does not allow', () => {
    expect(errorOf('CREATE PROCEDURE p @a int BEGIN SELECT 1 END')).toEqual({ code: 156, at: '1:27' });
    expect(errorOf('CREATE PROCEDURE p @a int @b int AS SELECT 1')).toEqual({ code: 102, at: '1:27' });
    expect(errorOf('CREATE PROCEDURE p @a int, AS SELECT 1')).toEqual({ code: 156, at: '1:28' });
    expect(errorOf('CREATE PROCEDURE p @d datetime = GETDATE() AS SELECT 1')).toEqual({ code: 102, at: '1:41' });
    expect(errorOf('CREATE PROCEDURE p () AS SELECT 1')).toEqual({ code: 102, at: '1:21' });
    expect(errorOf('CREATE PROCEDURE p WITH RECOMPLE AS SELECT 1')?.code).toBe(155);
    expect(first('CREATE PROCEDURE p AS')).toMatchObject({ kind: 'CreateProcedure', body: [] });
    expect(errorOf('CREATE PROCEDURE p @a int VARYING AS SELECT 1')?.code).toBe(156);
    expect(errorOf('CREATE PROCEDURE p @c CURSOR OUTPUT AS SELECT 1')?.code).toBe(102);
    expect(errorOf('CREATE PROCEDURE p @t dbo.T READONLY OUTPUT AS SELECT 1')?.code).toBe(102);
    expect(errorOf('CREATE PROCEDURE p @a int = +1 AS SELECT 1')?.code).toBe(102);
    expect(errorOf('CREATE PROCEDURE p WITH RECOMPILE, RECOMPILE AS SELECT 1')).toEqual({ code: 102, at: '1:36' });
    expect(errorOf('CREATE PROCEDURE db.dbo.p AS SELECT 1')).toEqual({ code: 166, at: '1:18' });
    expect(errorOf('CREATE PROCEDURE p FOR SELECT 1')).toEqual({ code: 156, at: '1:24' });
  });
});

describe('CREATE FUNCTION', () => {
  it('reads a scalar function', () => {
    expect(first(`CREATE FUNCTION dbo.Add1 (@x int = 0)
RETURNS int
WITH SCHEMABINDING, RETURNS NULL ON NULL INPUT
AS
BEGIN
  DECLARE @y int = @x + 1;
  RETURN @y;
END`)).toMatchObject({
      kind: 'CreateFunction',
      parameters: [{ name: '@x', default: { value: '0' } }],
      returns: { kind: 'ScalarReturns', dataType: { name: { name: { value: 'int' } } } },
      options: ['SCHEMABINDING', 'RETURNS NULL ON NULL INPUT'],
      body: [{ kind: 'Declare' }, { kind: 'Return' }],
    });
    expect(first('CREATE FUNCTION f() RETURNS bit BEGIN RETURN 1 END')).toMatchObject({ parameters: [], body: [{ kind: 'Return' }] });
    expect(first('CREATE FUNCTION f() RETURNS bit AS BEGIN BEGIN RETURN 1 END END')).toMatchObject({ body: [{ kind: 'Block' }] });
  });

  it('reads inline and multi-statement table-valued functions', () => {
    expect(first('CREATE FUNCTION f(@a int) RETURNS TABLE AS RETURN (SELECT a = @a)')).toMatchObject({ returns: { kind: 'InlineTableReturns' }, query: { kind: 'SelectStatement' }, body: [] });
    expect(first('CREATE OR ALTER FUNCTION f() RETURNS TABLE WITH SCHEMABINDING RETURN SELECT 1 AS a')).toMatchObject({ orAlter: true, query: { kind: 'SelectStatement' } });
    expect(first('CREATE FUNCTION f() RETURNS TABLE AS RETURN WITH c AS (SELECT 1 AS a) SELECT a FROM c')).toMatchObject({ query: { kind: 'SelectStatement', ctes: [{}] } });
    expect(first('CREATE FUNCTION f() RETURNS TABLE AS RETURN (WITH c AS (SELECT 1 AS a) SELECT a FROM c)')).toMatchObject({ query: { kind: 'SelectStatement', ctes: [{}] } });
    expect(first(`CREATE FUNCTION dbo.Split(@s nvarchar(max))
RETURNS @t TABLE (Id int NOT NULL PRIMARY KEY, Part nvarchar(100))
AS
BEGIN
  INSERT @t (Id, Part) VALUES (1, @s);
  RETURN;
END`)).toMatchObject({ returns: { kind: 'TableVariableReturns', name: '@t', elements: [{ kind: 'ColumnDefinition' }, { kind: 'ColumnDefinition' }] }, body: [{}, { kind: 'Return' }] });
  });

  it('reads CLR functions and options', () => {
    expect(first('CREATE FUNCTION f(@s nvarchar(4000)) RETURNS nvarchar(4000) WITH EXECUTE AS CALLER AS EXTERNAL NAME A.B.C')).toMatchObject({ executeAs: 'CALLER', external: { method: { value: 'C' } } });
    expect(first('CREATE FUNCTION f(@s nvarchar(4000)) RETURNS TABLE (v nvarchar(100)) ORDER (v) AS EXTERNAL NAME A.B.C')).toMatchObject({ returns: { kind: 'ClrTableReturns' } });
    expect(first('CREATE FUNCTION f() RETURNS int WITH INLINE = OFF, CALLED ON NULL INPUT AS BEGIN RETURN 1 END')).toMatchObject({ options: ['INLINE = OFF', 'CALLED ON NULL INPUT'] });
    expect(first('DROP FUNCTION IF EXISTS dbo.f')).toMatchObject({ kind: 'DropObjects', objectType: 'FUNCTION', ifExists: true });
  });

  it('takes each DDL event once (Msg 1095), and LOGON only on ALL SERVER (Msg 1098)', () => {
    expect(errorOf('CREATE TRIGGER t ON DATABASE FOR CREATE_TABLE, DROP_TABLE, CREATE_TABLE AS PRINT 1')).toEqual({ code: 1095, at: '1:60' });
    expect(errorOf('CREATE TRIGGER t ON DATABASE AFTER LOGON AS PRINT 1')).toEqual({ code: 1098, at: '1:36' });
    expect(errorOf('CREATE TRIGGER t ON ALL SERVER FOR LOGON, CREATE_LOGIN AS PRINT 1')).toBeUndefined();
  });

  it('takes the documented DDL events and event groups only (Msg 1084)', () => {
    expect(errorOf('CREATE TRIGGER t ON DATABASE FOR DDL_TABLE_VIEW_EVENTS, CREATE_SEQUENCE, RENAME, ALTER_AUTHORIZATION_DATABASE AS PRINT 1')).toBeUndefined();
    expect(errorOf('CREATE TRIGGER t ON ALL SERVER AFTER DDL_SERVER_LEVEL_EVENTS, DDL_RESOURCE_POOL, ADD_SERVER_ROLE_MEMBER AS PRINT 1')).toBeUndefined();
    expect(errorOf('CREATE TRIGGER t ON DATABASE FOR CREATE_TABLES AS PRINT 1')).toEqual({ code: 1084, at: '1:34' });
    expect(errorOf('CREATE TRIGGER t ON DATABASE FOR DROP_TABLE, TABLE_EVENTS AS PRINT 1')).toEqual({ code: 1084, at: '1:46' });
    // A trace event fires an event notification, not a trigger.
    expect(errorOf('CREATE TRIGGER t ON ALL SERVER FOR DEADLOCK_GRAPH AS PRINT 1')).toEqual({ code: 1084, at: '1:36' });
  });

  it('takes a value in every RETURN of a scalar function (Msg 1075)', () => {
    expect(errorOf('CREATE FUNCTION f() RETURNS int AS BEGIN IF 1 = 1 RETURN; RETURN 1 END')).toEqual({ code: 1075, at: '1:51' });
    expect(errorOf('CREATE FUNCTION f() RETURNS @t TABLE (a int) AS BEGIN IF 1 = 0 RETURN; INSERT @t VALUES (1); RETURN END')).toBeUndefined();
    expect(errorOf('CREATE FUNCTION f(@a int) RETURNS int AS BEGIN IF @a > 0 RETURN (SELECT 1); RETURN -1 END')).toBeUndefined();
    expect(errorOf('CREATE PROCEDURE p AS BEGIN IF 1 = 1 RETURN; RETURN 5 END')).toBeUndefined();
  });

  it('needs RETURN as the last statement (Msg 455) and the grammar elsewhere', () => {
    expect(errorOf('CREATE FUNCTION f() RETURNS int AS BEGIN DECLARE @a int = 1 END')).toEqual({ code: 455, at: '1:61' });
    expect(errorOf('CREATE FUNCTION f() RETURNS int AS BEGIN IF 1 = 1 RETURN 1 ELSE RETURN 2 END')?.code).toBe(455);
    expect(errorOf('CREATE FUNCTION f RETURNS int AS BEGIN RETURN 1 END')).toEqual({ code: 102, at: '1:19' });
    expect(errorOf('CREATE FUNCTION f() RETURN int AS BEGIN RETURN 1 END')).toEqual({ code: 156, at: '1:21' });
    expect(errorOf('CREATE FUNCTION f() RETURNS int AS RETURN 1')).toEqual({ code: 156, at: '1:36' });
    expect(errorOf('CREATE FUNCTION f() RETURNS TABLE AS BEGIN RETURN END')).toEqual({ code: 156, at: '1:38' });
    expect(errorOf('CREATE FUNCTION f() RETURNS int WITH NOPE AS BEGIN RETURN 1 END')?.code).toBe(155);
    expect(errorOf('CREATE FUNCTION f(@a int OUTPUT) RETURNS int AS BEGIN RETURN 1 END')).toEqual({ code: 181, at: '1:26' });
    expect(errorOf('CREATE FUNCTION f() RETURNS TABLE WITH EXECUTE AS OWNER AS RETURN SELECT 1 AS a')).toEqual({ code: 156, at: '1:40' });
    expect(errorOf('CREATE FUNCTION f() RETURNS TABLE AS RETURN SELECT 1 AS a OPTION (MAXDOP 1)')).toEqual({ code: 156, at: '1:59' });
    expect(errorOf('CREATE FUNCTION #f() RETURNS int AS BEGIN RETURN 1 END')?.code).toBe(102);
  });
});

describe('CREATE VIEW', () => {
  it('reads columns, options, the query and CHECK OPTION', () => {
    expect(first('CREATE VIEW dbo.v (a, b) WITH SCHEMABINDING, VIEW_METADATA AS SELECT x, y FROM dbo.t WITH CHECK OPTION')).toMatchObject({
      kind: 'CreateView',
      columns: [{ value: 'a' }, { value: 'b' }],
      options: ['SCHEMABINDING', 'VIEW_METADATA'],
      query: { kind: 'SelectStatement' },
      checkOption: true,
    });
    expect(first('CREATE OR ALTER VIEW v AS WITH c AS (SELECT 1 AS a) SELECT a FROM c')).toMatchObject({ orAlter: true, checkOption: false });
    expect(first('ALTER VIEW v AS SELECT 1 AS a UNION ALL SELECT 2')).toMatchObject({ verb: 'ALTER' });
    expect(first('DROP VIEW IF EXISTS v1, dbo.v2')).toMatchObject({ kind: 'DropObjects', objectType: 'VIEW', names: [{}, {}] });
  });

  it('rejects a missing AS, an empty column list and unknown options', () => {
    expect(errorOf('CREATE VIEW v SELECT 1 AS a')).toEqual({ code: 156, at: '1:15' });
    expect(errorOf('CREATE VIEW v () AS SELECT 1 AS a')).toEqual({ code: 102, at: '1:16' });
    expect(errorOf('CREATE VIEW v WITH RECOMPILE AS SELECT 1 AS a')?.code).toBe(155);
    expect(errorOf('CREATE VIEW v AS SELECT a FROM t ORDER BY a')).toEqual({ code: 1033, at: '1:34' });
    expect(errorOf('CREATE FUNCTION f() RETURNS TABLE AS RETURN SELECT a FROM t ORDER BY a')).toEqual({ code: 1033, at: '1:61' });
    expect(first('CREATE VIEW v AS SELECT TOP (5) a FROM t ORDER BY a')).toMatchObject({ kind: 'CreateView' });
    expect(first('CREATE VIEW v AS SELECT a FROM t ORDER BY a OFFSET 0 ROWS')).toMatchObject({ kind: 'CreateView' });
    expect(errorOf('CREATE VIEW v AS SELECT 1 AS a WITH CHECK')?.code).toBe(156);
  });
});

describe('CREATE TRIGGER', () => {
  it('reads DML triggers', () => {
    expect(first(`CREATE TRIGGER dbo.trg ON dbo.t WITH EXECUTE AS CALLER AFTER INSERT, UPDATE NOT FOR REPLICATION AS
IF @@ROWCOUNT = 0 RETURN;
SET NOCOUNT ON;`)).toMatchObject({
      kind: 'CreateTrigger',
      target: { name: { value: 't' } },
      timing: 'AFTER',
      events: ['INSERT', 'UPDATE'],
      options: ['EXECUTE AS CALLER'],
      notForReplication: true,
      body: [{ kind: 'If' }, {}],
    });
    expect(first('CREATE OR ALTER TRIGGER trg ON v INSTEAD OF DELETE AS SELECT 1')).toMatchObject({ timing: 'INSTEAD OF', events: ['DELETE'] });
    expect(first('CREATE TRIGGER trg ON t FOR INSERT WITH APPEND AS SELECT 1')).toMatchObject({ timing: 'FOR', withAppend: true });
  });

  it('reads DDL and logon triggers', () => {
    expect(first('CREATE TRIGGER ddl ON DATABASE FOR CREATE_TABLE, DROP_TABLE AS PRINT 1')).toMatchObject({ target: 'DATABASE', events: ['CREATE_TABLE', 'DROP_TABLE'] });
    expect(first('CREATE TRIGGER lg ON ALL SERVER WITH EXECUTE AS \'sa\' FOR LOGON AS ROLLBACK')).toMatchObject({ target: 'ALL SERVER', events: ['LOGON'], executeAs: "'sa'" });
    expect(first('DROP TRIGGER IF EXISTS ddl ON DATABASE')).toMatchObject({ kind: 'DropObjects', objectType: 'DATABASE TRIGGER', ifExists: true });
    expect(first('DROP TRIGGER a, dbo.b')).toMatchObject({ kind: 'DropObjects', objectType: 'TRIGGER', names: [{}, {}] });
  });

  it('rejects missing commas, timings and AS', () => {
    expect(errorOf('CREATE TRIGGER t ON x AFTER INSERT UPDATE AS SELECT 1')).toEqual({ code: 156, at: '1:36' });
    expect(errorOf('CREATE TRIGGER t ON x INSERT AS SELECT 1')).toEqual({ code: 156, at: '1:23' });
    expect(errorOf('CREATE TRIGGER t ON x AFTER INSERT SELECT 1')).toEqual({ code: 156, at: '1:36' });
    expect(errorOf('CREATE TRIGGER t ON DATABASE INSTEAD OF CREATE_TABLE AS SELECT 1')?.code).toBe(102);
    expect(errorOf('CREATE TRIGGER t ON x AFTER SELECT AS SELECT 1')?.code).toBe(156);
    expect(errorOf('CREATE TRIGGER t ON x AFTER INSERT, INSERT AS SELECT 1')).toEqual({ code: 156, at: '1:37' });
    expect(errorOf('CREATE TRIGGER t ON x AFTER INSERT AS')?.code).toBe(156);
    expect(first('CREATE TRIGGER t ON x AFTER INSERT AS; SELECT 1')).toMatchObject({ body: [{}] });
  });

  it('ENABLE / DISABLE TRIGGER', () => {
    expect(first('DISABLE TRIGGER dbo.a, b ON dbo.t')).toMatchObject({ kind: 'EnableDisableTrigger', enable: false, triggers: [{}, {}], target: { name: { value: 't' } } });
    expect(first('ENABLE TRIGGER ALL ON ALL SERVER')).toMatchObject({ enable: true, all: true, target: 'ALL SERVER' });
    expect(errorOf('ENABLE TRIGGER t')?.code).toBe(102);
  });
});

describe('CREATE SCHEMA', () => {
  it('reads schema elements without separators, up to a semicolon', () => {
    const r = parseBatch(`CREATE SCHEMA Sales AUTHORIZATION dbo
  CREATE TABLE Orders (Id int)
  CREATE VIEW V AS SELECT Id FROM Orders
  GRANT SELECT ON V TO public;
SELECT 1`);
    expect(r.error).toBeUndefined();
    expect(r.statements[0]).toMatchObject({ kind: 'CreateSchema', name: { value: 'Sales' }, authorization: { value: 'dbo' }, elements: [{ kind: 'CreateTable' }, { kind: 'CreateView' }, { kind: 'Grant' }] });
    expect(r.statements).toHaveLength(2);
    expect(first('CREATE SCHEMA s CREATE TABLE a (x int); CREATE TABLE b (y int);')).toMatchObject({ elements: [{ kind: 'CreateTable' }, { kind: 'CreateTable' }] });
    expect(first('CREATE SCHEMA AUTHORIZATION bob')).toMatchObject({ kind: 'CreateSchema', authorization: { value: 'bob' }, elements: [] });
    expect(first('ALTER SCHEMA s TRANSFER OBJECT::dbo.t')).toMatchObject({ kind: 'AlterSchema', classType: 'OBJECT', object: { name: { value: 't' } } });
    expect(first('ALTER SCHEMA s TRANSFER XML SCHEMA COLLECTION::dbo.c')).toMatchObject({ classType: 'XML SCHEMA COLLECTION' });
    expect(first('ALTER SCHEMA s TRANSFER dbo.t')).toMatchObject({ kind: 'AlterSchema', object: { schema: { value: 'dbo' } } });
    expect(first('DROP SCHEMA IF EXISTS s')).toMatchObject({ kind: 'DropObjects', objectType: 'SCHEMA' });
  });

  it('rejects OR ALTER, a missing TRANSFER and two names', () => {
    expect(errorOf('CREATE OR ALTER SCHEMA s')?.code).toBe(156);
    expect(errorOf('ALTER SCHEMA s dbo.t')?.code).toBe(102);
    expect(errorOf('DROP SCHEMA a, b')?.code).toBe(102);
  });
});

describe('AGGREGATE and ASSEMBLY', () => {
  it('reads them', () => {
    expect(first('CREATE AGGREGATE dbo.Concat (@v nvarchar(4000), @d AS nchar(1)) RETURNS nvarchar(max) EXTERNAL NAME Asm.[Ns.Concat]')).toMatchObject({
      kind: 'CreateAggregate',
      parameters: [{ name: '@v' }, { name: '@d' }],
      external: { assembly: { value: 'Asm' }, className: { value: 'Ns.Concat' } },
    });
    expect(first('CREATE AGGREGATE Concat (@v int) RETURNS int EXTERNAL NAME Asm')).toMatchObject({ external: { className: { value: 'Concat' } } });
    expect(first("CREATE ASSEMBLY Asm AUTHORIZATION dbo FROM 0x4D5A90 WITH PERMISSION_SET = SAFE")).toMatchObject({ kind: 'CreateAssembly', from: ['0x4D5A90'], options: [{ name: 'PERMISSION_SET', value: 'SAFE' }] });
    expect(first("CREATE ASSEMBLY Asm FROM 'C:\\a.dll', 'C:\\b.dll'")).toMatchObject({ from: ["'C:\\a.dll'", "'C:\\b.dll'"] });
    expect(first("ALTER ASSEMBLY Asm FROM 0x00 WITH PERMISSION_SET = EXTERNAL_ACCESS, UNCHECKED DATA")).toMatchObject({ verb: 'ALTER', options: [{}, { name: 'UNCHECKED DATA' }] });
    expect(first("ALTER ASSEMBLY Asm DROP FILE ALL ADD FILE FROM 'c:\\x.pdb'")).toMatchObject({ dropFiles: ['ALL'], addFiles: ["'c:\\x.pdb'"] });
    expect(first('DROP ASSEMBLY IF EXISTS a, b WITH NO DEPENDENTS')).toMatchObject({ kind: 'DropObjects', objectType: 'ASSEMBLY', names: [{}, {}] });
    expect(first('DROP AGGREGATE IF EXISTS dbo.Concat')).toMatchObject({ kind: 'DropObjects', objectType: 'AGGREGATE' });
  });

  it('rejects bad forms', () => {
    expect(errorOf('CREATE ASSEMBLY a FROM 0x00 WITH PERMISSION_SET = SAFEST')?.code).toBe(102);
    expect(errorOf('CREATE ASSEMBLY a')?.code).toBe(102);
    expect(errorOf('ALTER ASSEMBLY a')?.code).toBe(102);
    expect(errorOf('CREATE AGGREGATE a (@v int) RETURNS int')?.code).toBe(102);
  });
});

describe('GRANT / DENY / REVOKE', () => {
  it('reads permissions, securables and principals', () => {
    expect(first('GRANT SELECT, INSERT (a, b), VIEW DEFINITION ON OBJECT::dbo.t TO [app], public WITH GRANT OPTION AS dbo')).toMatchObject({
      kind: 'Grant',
      permissions: [{ name: 'SELECT' }, { name: 'INSERT', columns: [{ value: 'a' }, { value: 'b' }] }, { name: 'VIEW DEFINITION' }],
      on: { kind: 'SecurableRef', classType: 'OBJECT', name: { schema: { value: 'dbo' }, name: { value: 't' } } },
      principals: [{ value: 'app' }, { value: 'public' }],
      withGrantOption: true,
      as: { value: 'dbo' },
    });
    expect(first('GRANT EXECUTE ON SCHEMA::dbo TO r')).toMatchObject({ on: { classType: 'SCHEMA' } });
    expect(first('GRANT CREATE TABLE, ALTER ANY SCHEMA TO u')).toMatchObject({ permissions: [{ name: 'CREATE TABLE' }, { name: 'ALTER ANY SCHEMA' }] });
    expect(first('GRANT ALL PRIVILEGES ON t TO u')).toMatchObject({ permissions: [{ name: 'ALL PRIVILEGES' }] });
    expect(first('GRANT SELECT ON t (a, b) TO u')).toMatchObject({ on: { columns: [{}, {}] } });
    expect(first('GRANT SEND ON SERVICE::[//Hart/Svc] TO u')).toMatchObject({ on: { classType: 'SERVICE', name: { name: { value: '//Hart/Svc' } } } });
    expect(first('GRANT REFERENCES ON XML SCHEMA COLLECTION::dbo.c TO u')).toMatchObject({ on: { classType: 'XML SCHEMA COLLECTION' } });
    expect(first('DENY DELETE ON t TO u CASCADE')).toMatchObject({ kind: 'Deny', cascade: true });
    expect(first('REVOKE GRANT OPTION FOR SELECT ON t FROM u CASCADE')).toMatchObject({ kind: 'Revoke', grantOptionFor: true, cascade: true });
    expect(first('REVOKE EXEC ON dbo.p TO u')).toMatchObject({ kind: 'Revoke', permissions: [{ name: 'EXEC' }] });
    expect(first('GRANT SELECT ALL USER SECURABLES TO l')).toMatchObject({ permissions: [{ name: 'SELECT ALL USER SECURABLES' }] });
  });

  it('rejects missing TO, misspelt permissions and missing commas', () => {
    expect(errorOf('GRANT SELECT ON t u')).toEqual({ code: 102, at: '1:19' });
    expect(errorOf('GRANT SELCT ON t TO u')).toEqual({ code: 102, at: '1:7' });
    expect(errorOf('GRANT SELECT INSERT ON t TO u')).toEqual({ code: 156, at: '1:14' });
    expect(errorOf('GRANT SELECT ON t TO u,')?.code).toBe(102);
    expect(errorOf('GRANT SELECT ON SCHEM::dbo TO u')).toEqual({ code: 102, at: '1:17' });
    expect(errorOf('DENY SELECT ON t FROM u')).toEqual({ code: 156, at: '1:18' });
    expect(errorOf('GRANT SELECT ON t TO u CASCADE')?.code).toBe(156);
  });
});

describe('users, roles, logins, keys', () => {
  it('reads users and roles', () => {
    expect(first('CREATE USER [app] FOR LOGIN [app] WITH DEFAULT_SCHEMA = Sales')).toMatchObject({ kind: 'CreateUser', name: { value: 'app' }, login: { value: 'app' }, defaultSchema: { value: 'Sales' } });
    expect(first('CREATE USER u WITHOUT LOGIN')).toMatchObject({ withoutLogin: true });
    expect(first('CREATE USER u')).toMatchObject({ kind: 'CreateUser', withoutLogin: false });
    expect(first("CREATE USER u WITH PASSWORD = 'x', DEFAULT_SCHEMA = dbo")).toMatchObject({ options: [{ name: 'PASSWORD' }, { name: 'DEFAULT_SCHEMA' }] });
    expect(first('ALTER USER u WITH NAME = v, DEFAULT_SCHEMA = NULL')).toMatchObject({ verb: 'ALTER', options: [{ name: 'NAME' }, {}] });
    expect(first('DROP USER IF EXISTS u')).toMatchObject({ kind: 'DropObjects', objectType: 'USER' });
    expect(first('CREATE ROLE r AUTHORIZATION dbo')).toMatchObject({ kind: 'CreateRole', authorization: { value: 'dbo' } });
    expect(first('ALTER ROLE db_datareader ADD MEMBER [u]')).toMatchObject({ kind: 'AlterRole', add: { value: 'u' } });
    expect(first('ALTER ROLE r DROP MEMBER u')).toMatchObject({ drop: { value: 'u' } });
    expect(first('ALTER ROLE r WITH NAME = r2')).toMatchObject({ newName: { value: 'r2' } });
    expect(first('ALTER SERVER ROLE sysadmin ADD MEMBER [DOMAIN\\x]')).toMatchObject({ kind: 'AlterRole', server: true });
    expect(first("CREATE APPLICATION ROLE a WITH PASSWORD = 'p', DEFAULT_SCHEMA = s")).toMatchObject({ kind: 'CreateApplicationRole', options: [{}, {}] });
    expect(first('DROP APPLICATION ROLE a')).toMatchObject({ kind: 'DropObjects', objectType: 'APPLICATION ROLE' });
  });

  it('reads logins, certificates, keys and credentials', () => {
    expect(first("CREATE LOGIN l WITH PASSWORD = 'p' MUST_CHANGE, CHECK_EXPIRATION = ON, DEFAULT_DATABASE = [db]")).toMatchObject({ kind: 'CreateLogin', options: [{ name: 'PASSWORD', flags: ['MUST_CHANGE'] }, {}, {}] });
    expect(first('CREATE LOGIN [DOMAIN\\u] FROM WINDOWS WITH DEFAULT_DATABASE = master')).toMatchObject({ source: 'WINDOWS' });
    expect(first("ALTER LOGIN l WITH PASSWORD = 'n' OLD_PASSWORD = 'o'")).toMatchObject({ options: [{ name: 'PASSWORD' }] });
    expect(first('ALTER LOGIN l DISABLE')).toMatchObject({ action: 'DISABLE' });
    expect(first("CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'x'")).toMatchObject({ kind: 'CreateKey', objectType: 'MASTER KEY' });
    expect(first("CREATE CERTIFICATE c WITH SUBJECT = 's', EXPIRY_DATE = '20300101'")).toMatchObject({ objectType: 'CERTIFICATE', name: { value: 'c' } });
    expect(first("CREATE CERTIFICATE c FROM FILE = 'c.cer' WITH PRIVATE KEY (FILE = 'c.pvk', DECRYPTION BY PASSWORD = 'x')")).toMatchObject({ objectType: 'CERTIFICATE' });
    expect(first('CREATE SYMMETRIC KEY k WITH ALGORITHM = AES_256 ENCRYPTION BY CERTIFICATE c')).toMatchObject({ objectType: 'SYMMETRIC KEY', options: [{ name: 'ALGORITHM' }, { name: 'ENCRYPTION BY CERTIFICATE' }] });
    expect(first("CREATE ASYMMETRIC KEY k WITH ALGORITHM = RSA_2048 ENCRYPTION BY PASSWORD = 'x'")).toMatchObject({ objectType: 'ASYMMETRIC KEY' });
    expect(first("CREATE CREDENTIAL c WITH IDENTITY = 'i', SECRET = 's'")).toMatchObject({ objectType: 'CREDENTIAL', options: [{ name: 'IDENTITY' }, { name: 'SECRET' }] });
    expect(first('DROP MASTER KEY')).toMatchObject({ kind: 'DropObjects', objectType: 'MASTER KEY' });
    expect(first("CREATE SYMMETRIC KEY k WITH ALGORITHM = AES_256, KEY_SOURCE = 'a' ENCRYPTION BY PASSWORD = 'x', CERTIFICATE c")).toMatchObject({ options: [{}, {}, { name: 'ENCRYPTION BY PASSWORD' }, { name: 'ENCRYPTION BY CERTIFICATE' }] });
    expect(first('ALTER MASTER KEY ADD ENCRYPTION BY SERVICE MASTER KEY')).toMatchObject({ options: [{ name: 'ADD ENCRYPTION BY SERVICE MASTER KEY' }] });
    expect(first('DROP SYMMETRIC KEY k REMOVE PROVIDER KEY')).toMatchObject({ kind: 'DropObjects', objectType: 'SYMMETRIC KEY' });
    expect(first('ALTER SERVICE MASTER KEY FORCE REGENERATE')).toMatchObject({ objectType: 'SERVICE MASTER KEY' });
  });

  it('reads security policies, signatures and ALTER AUTHORIZATION', () => {
    expect(first(`CREATE SECURITY POLICY sec.P
  ADD FILTER PREDICATE sec.fn(TenantId) ON dbo.T,
  ADD BLOCK PREDICATE sec.fn(TenantId) ON dbo.T AFTER INSERT
WITH (STATE = ON, SCHEMABINDING = ON) NOT FOR REPLICATION`)).toMatchObject({
      kind: 'CreateSecurityPolicy',
      predicates: [
        { action: 'ADD', predicateType: 'FILTER', function: { name: { value: 'fn' } }, arguments: [{ kind: 'ColumnRef' }], table: { name: { value: 'T' } } },
        { predicateType: 'BLOCK', operation: 'AFTER INSERT' },
      ],
      options: [{ name: 'STATE', value: 'ON' }, { name: 'SCHEMABINDING' }],
      notForReplication: true,
    });
    expect(first('ALTER SECURITY POLICY P DROP FILTER PREDICATE ON dbo.T, ALTER BLOCK PREDICATE f(a) ON dbo.T BEFORE DELETE')).toMatchObject({ verb: 'ALTER', predicates: [{ action: 'DROP' }, { action: 'ALTER', operation: 'BEFORE DELETE' }] });
    expect(first('ALTER SECURITY POLICY P WITH (STATE = OFF)')).toMatchObject({ options: [{ value: 'OFF' }] });
    expect(first('DROP SECURITY POLICY IF EXISTS sec.P')).toMatchObject({ kind: 'DropObjects', objectType: 'SECURITY POLICY', ifExists: true });
    expect(first("ADD SIGNATURE TO dbo.p BY CERTIFICATE c WITH PASSWORD = 'x'")).toMatchObject({ kind: 'Signature', drop: false, module: { name: { value: 'p' } }, by: [{ name: 'CERTIFICATE', value: 'c' }] });
    expect(first('DROP COUNTER SIGNATURE FROM OBJECT::dbo.p BY ASYMMETRIC KEY k')).toMatchObject({ kind: 'Signature', drop: true, counter: true, classType: 'OBJECT' });
    expect(first('ALTER AUTHORIZATION ON SCHEMA::Sales TO dbo')).toMatchObject({ kind: 'AlterAuthorization', on: { classType: 'SCHEMA' }, principal: { value: 'dbo' } });
    expect(first('ALTER AUTHORIZATION ON dbo.t TO SCHEMA OWNER')).toMatchObject({ schemaOwner: true });
    expect(errorOf('CREATE SECURITY POLICY P ADD FILTER PREDICATE f(a) dbo.T')?.code).toBe(102);
    expect(errorOf('CREATE SECURITY POLICY P WITH (STATE = MAYBE)')).toEqual({ code: 102, at: '1:40' });
    expect(errorOf('DROP SECURITY POLICY Sales.sec.P')).toEqual({ code: 102, at: '1:22' });
    expect(errorOf('ADD SIGNATURE dbo.p BY CERTIFICATE c')?.code).toBe(102);
  });

  it('rejects bad forms', () => {
    expect(errorOf('CREATE USER u FOR l')?.code).toBe(102);
    expect(errorOf('CREATE USER u WITH DEFAULT_SCHEMA dbo')?.code).toBe(102);
    expect(errorOf('ALTER ROLE r ADD u')?.code).toBe(102);
    expect(errorOf('CREATE LOGIN l')?.code).toBe(102);
    expect(errorOf("CREATE CREDENTIAL c WITH IDENTITI = 'x'")?.code).toBe(102);
    expect(errorOf('DROP LOGIN IF EXISTS l')?.code).toBe(156);
    expect(errorOf('CREATE OR ALTER USER u')?.code).toBe(156);
  });
});

describe('Service Broker', () => {
  it('reads message types, contracts, queues and services', () => {
    expect(first('CREATE MESSAGE TYPE [//Hart/Req] AUTHORIZATION dbo VALIDATION = WELL_FORMED_XML')).toMatchObject({ kind: 'CreateMessageType', name: { value: '//Hart/Req' }, validation: 'WELL_FORMED_XML' });
    expect(first('CREATE MESSAGE TYPE m VALIDATION = VALID_XML WITH SCHEMA COLLECTION dbo.s')).toMatchObject({ schemaCollection: { name: { value: 's' } } });
    expect(first('CREATE CONTRACT [//Hart/C] ([//Hart/Req] SENT BY INITIATOR, [DEFAULT] SENT BY ANY)')).toMatchObject({
      kind: 'CreateContract',
      messages: [{ messageType: { value: '//Hart/Req' }, sentBy: 'INITIATOR' }, { messageType: { value: 'DEFAULT' }, sentBy: 'ANY' }],
    });
    expect(first(`CREATE QUEUE dbo.Q WITH STATUS = ON, RETENTION = OFF,
  ACTIVATION (STATUS = ON, PROCEDURE_NAME = dbo.Act, MAX_QUEUE_READERS = 2, EXECUTE AS OWNER),
  POISON_MESSAGE_HANDLING (STATUS = OFF) ON [DEFAULT]`)).toMatchObject({
      kind: 'CreateQueue',
      status: 'ON',
      retention: 'OFF',
      activation: { status: 'ON', procedureName: { name: { value: 'Act' } }, maxQueueReaders: '2', executeAs: 'OWNER' },
      poisonMessageHandling: 'OFF',
      on: { value: 'DEFAULT' },
    });
    expect(first('ALTER QUEUE q WITH ACTIVATION (DROP)')).toMatchObject({ verb: 'ALTER', activation: { drop: true } });
    expect(first('ALTER QUEUE q REBUILD WITH (MAXDOP = 2)')).toMatchObject({ action: 'REBUILD' });
    expect(first('ALTER QUEUE q MOVE TO fg2')).toMatchObject({ action: 'MOVE TO', on: { value: 'fg2' } });
    expect(first('CREATE SERVICE [//Hart/S] ON QUEUE dbo.Q ([//Hart/C], [DEFAULT])')).toMatchObject({ kind: 'CreateService', queue: { name: { value: 'Q' } }, contracts: [{}, { value: 'DEFAULT' }] });
    expect(first('ALTER SERVICE s (ADD CONTRACT c1, DROP CONTRACT c2)')).toMatchObject({ addContracts: [{ value: 'c1' }], dropContracts: [{ value: 'c2' }] });
    expect(first('DROP QUEUE dbo.Q')).toMatchObject({ kind: 'DropObjects', objectType: 'QUEUE' });
    expect(first('DROP MESSAGE TYPE [//x]')).toMatchObject({ kind: 'DropObjects', objectType: 'MESSAGE TYPE' });
  });

  it('reads routes, bindings, priorities and event notifications', () => {
    expect(first("CREATE ROUTE r WITH SERVICE_NAME = '//s', ADDRESS = 'TCP://h:4022'")).toMatchObject({ kind: 'CreateRoute', options: [{ name: 'SERVICE_NAME' }, { name: 'ADDRESS' }] });
    expect(first("CREATE REMOTE SERVICE BINDING b TO SERVICE '//s' WITH USER = u, ANONYMOUS = OFF")).toMatchObject({ kind: 'CreateRemoteServiceBinding', service: "'//s'" });
    expect(first("CREATE BROKER PRIORITY p FOR CONVERSATION SET (CONTRACT_NAME = [//c], LOCAL_SERVICE_NAME = ANY, PRIORITY_LEVEL = 7)")).toMatchObject({ kind: 'CreateBrokerPriority', options: [{}, {}, {}] });
    expect(first("CREATE EVENT NOTIFICATION n ON DATABASE FOR CREATE_TABLE, DDL_INDEX_EVENTS TO SERVICE '//s', 'current database'")).toMatchObject({ kind: 'CreateEventNotification', scope: 'DATABASE', events: ['CREATE_TABLE', 'DDL_INDEX_EVENTS'] });
    expect(first('DROP EVENT NOTIFICATION a, b ON QUEUE dbo.q')).toMatchObject({ kind: 'DropObjects', objectType: 'EVENT NOTIFICATION', on: { name: { value: 'q' } } });
    expect(first('DROP REMOTE SERVICE BINDING b')).toMatchObject({ objectType: 'REMOTE SERVICE BINDING' });
  });

  it('rejects bad forms', () => {
    expect(errorOf('CREATE CONTRACT c (m SENT INITIATOR)')?.code).toBe(102);
    expect(errorOf('CREATE CONTRACT c ()')?.code).toBe(102);
    expect(errorOf('CREATE CONTRACT c (m SENT BY INITIATOR,)')?.code).toBe(102);
    expect(errorOf('CREATE QUEUE q WITH STATUS = MAYBE')?.code).toBe(102);
    // CREATE QUEUE's activation names the procedure, the readers and the user; each option once.
    expect(errorOf('CREATE QUEUE q WITH ACTIVATION (STATUS = ON, PROCEDURE_NAME = dbo.p, EXECUTE AS OWNER)')).toEqual({ code: 102, at: '1:86' });
    expect(errorOf('CREATE QUEUE q WITH ACTIVATION (MAX_QUEUE_READERS = 2, EXECUTE AS SELF)')).toEqual({ code: 102, at: '1:71' });
    expect(errorOf("CREATE QUEUE q WITH ACTIVATION (EXECUTE AS 'u', MAX_QUEUE_READERS = 2, PROCEDURE_NAME = p, STATUS = OFF)")).toBeUndefined();
    expect(errorOf('CREATE QUEUE q WITH ACTIVATION (PROCEDURE_NAME = p, MAX_QUEUE_READERS = 2, MAX_QUEUE_READERS = 3, EXECUTE AS SELF)')).toEqual({ code: 102, at: '1:76' });
    expect(errorOf('ALTER QUEUE q WITH ACTIVATION (MAX_QUEUE_READERS = 4)')).toBeUndefined();
    expect(errorOf('CREATE SERVICE s ON q')?.code).toBe(102);
    // ADDRESS may be left out: the SQL Server 2022 parser accepts a route with BROKER_INSTANCE or SERVICE_NAME only.
    expect(errorOf("CREATE ROUTE r WITH SERVICE_NAME = 's'")).toBeUndefined();
    expect(errorOf('ALTER ASSEMBLY a WITH PERMISSION_SET = SAFE, VISIBILITY = ON, PERMISSION_SET = UNSAFE')).toEqual({ code: 102, at: '1:63' });
    expect(errorOf('ALTER ASSEMBLY a WITH UNCHECKED DATA, UNCHECKED DATA')).toEqual({ code: 102, at: '1:39' });
    expect(errorOf('ALTER ASSEMBLY a WITH PERMISSION_SET = SAFE, VISIBILITY = OFF, UNCHECKED DATA')).toBeUndefined();
    expect(errorOf("CREATE ROUTE r WITH LIFETIME = 60, ADDRESS = 'LOCAL', LIFETIME = 30")).toEqual({ code: 102, at: '1:55' });
    expect(errorOf("ALTER ROUTE r WITH ADDRESS = 'TCP://h:4022', ADDRESS = 'LOCAL'")).toEqual({ code: 102, at: '1:46' });
    expect(errorOf("CREATE EVENT NOTIFICATION n ON DATABASE FOR CREATE_TABLE TO SERVICE '//s'")?.code).toBe(102);
    // The FOR list names DDL or trace events and groups (Msg 1084 for any other name).
    expect(errorOf("CREATE EVENT NOTIFICATION n ON SERVER FOR DEADLOCK_GRAPH, TRC_LOCKS, DDL_LOGIN_EVENTS, USERCONFIGURABLE_3 TO SERVICE '//s', 'current database'")).toBeUndefined();
    expect(errorOf("CREATE EVENT NOTIFICATION n ON SERVER FOR AUDIT_LOGIN, LOGIN_AUDIT TO SERVICE '//s', 'current database'")).toEqual({ code: 1084, at: '1:56' });
    expect(errorOf('ALTER CONTRACT c')?.code).toBe(102);
  });
});

describe('external objects and Resource Governor (the SQL Server 2022 parser option lists)', () => {
  it('reads external data sources, file formats, tables, libraries and languages', () => {
    expect(first("CREATE EXTERNAL DATA SOURCE Lake WITH (TYPE = HADOOP, LOCATION = 'hdfs://n:8020', CREDENTIAL = LakeCred, PUSHDOWN = ON)")).toMatchObject({
      kind: 'ServerObject',
      verb: 'CREATE',
      objectType: 'EXTERNAL DATA SOURCE',
      name: { name: { value: 'Lake' } },
      options: [{ name: 'TYPE', value: 'HADOOP' }, { name: 'LOCATION' }, { name: 'CREDENTIAL', ident: { value: 'LakeCred' } }, { name: 'PUSHDOWN', value: 'ON' }],
    });
    expect(first("ALTER EXTERNAL DATA SOURCE Lake SET LOCATION = 'hdfs://m:8020', RESOURCE_MANAGER_LOCATION = 'm:8032'")).toMatchObject({ verb: 'ALTER', options: [{ name: 'LOCATION' }, { name: 'RESOURCE_MANAGER_LOCATION' }] });
    expect(first("CREATE EXTERNAL FILE FORMAT Csv WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = ',', FIRST_ROW = 2, USE_TYPE_DEFAULT = TRUE), DATA_COMPRESSION = 'org.apache.hadoop.io.compress.GzipCodec')")).toMatchObject({
      objectType: 'EXTERNAL FILE FORMAT',
      options: [{ name: 'FORMAT_TYPE', value: 'DELIMITEDTEXT' }, { name: 'FIELD_TERMINATOR' }, { name: 'FIRST_ROW', value: '2' }, { name: 'USE_TYPE_DEFAULT', value: 'TRUE' }, { name: 'DATA_COMPRESSION' }],
    });
    expect(first("CREATE EXTERNAL TABLE ext.Sales (Id int NOT NULL, Region nvarchar(20) COLLATE Latin1_General_BIN2) WITH (LOCATION = '/sales/', DATA_SOURCE = Lake, FILE_FORMAT = Csv, REJECT_TYPE = PERCENTAGE, REJECT_VALUE = 2.5, REJECT_SAMPLE_VALUE = 100)")).toMatchObject({
      objectType: 'EXTERNAL TABLE',
      name: { schema: { value: 'ext' }, name: { value: 'Sales' } },
      columns: [{ kind: 'ExternalColumn', name: { value: 'Id' }, notNull: true }, { name: { value: 'Region' }, collation: { value: 'Latin1_General_BIN2' } }],
    });
    expect(first("CREATE EXTERNAL TABLE ext.Copy WITH (LOCATION = '/copy/', DATA_SOURCE = Lake, FILE_FORMAT = Csv) AS SELECT a FROM t")).toMatchObject({ query: { kind: 'SelectStatement' } });
    expect(first("CREATE EXTERNAL TABLE r (c int) WITH (DATA_SOURCE = Remote, DISTRIBUTION = SHARDED(c), SCHEMA_NAME = 'dbo', OBJECT_NAME = 'r')")).toMatchObject({ options: [{}, { name: 'DISTRIBUTION', value: 'SHARDED(c)' }, {}, {}] });
    expect(first("CREATE EXTERNAL LIBRARY pkg AUTHORIZATION dbo FROM (CONTENT = 'C:\\pkg.zip', PLATFORM = WINDOWS), (CONTENT = 0x0102) WITH (LANGUAGE = 'R')")).toMatchObject({ authorization: { value: 'dbo' } });
    expect(first("ALTER EXTERNAL LIBRARY pkg SET (CONTENT = 0x01) WITH (LANGUAGE = 'Python')")).toMatchObject({ verb: 'ALTER' });
    expect(first("CREATE EXTERNAL LANGUAGE Java FROM (CONTENT = N'C:\\java.zip', FILE_NAME = 'javaextension.dll', PLATFORM = WINDOWS)")).toMatchObject({ objectType: 'EXTERNAL LANGUAGE' });
    expect(first('ALTER EXTERNAL LANGUAGE Java REMOVE PLATFORM LINUX')).toMatchObject({ options: [{ name: 'REMOVE PLATFORM', value: 'LINUX' }] });
    expect(first('DROP EXTERNAL TABLE ext.Sales, ext.Copy')).toMatchObject({ kind: 'DropObjects', objectType: 'EXTERNAL TABLE', names: [{}, {}] });
    expect(first('DROP EXTERNAL FILE FORMAT Csv')).toMatchObject({ kind: 'DropObjects', objectType: 'EXTERNAL FILE FORMAT' });
    expect(first('DROP EXTERNAL LIBRARY pkg AUTHORIZATION dbo')).toMatchObject({ objectType: 'EXTERNAL LIBRARY' });
    // Microsoft's Azure Blob sample leaves a comma before the closing parenthesis.
    expect(errorOf("CREATE EXTERNAL DATA SOURCE b WITH (TYPE = BLOB_STORAGE, LOCATION = 'https://x/y',\n)")).toBeUndefined();
  });

  it('rejects misspelt words, missing commas or equals signs, wrong value kinds and repeated options', () => {
    expect(errorOf("CREATE EXTERNAL DATA SORCE d WITH (LOCATION = 'x')")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (LOCATION = 'x' CREDENTIAL = c)")).toEqual({ code: 102, at: '1:52' });
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (LOCATON = 'x')")).toEqual({ code: 102, at: '1:37' });
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (LOCATION 'x')")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (CREDENTIAL = 'c')")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (DATABASE_NAME = db, LOCATION = 'x')")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (LOCATION = 'x', LOCATION = 'y')")).toEqual({ code: 102, at: '1:53' });
    expect(errorOf("ALTER EXTERNAL DATA SOURCE d SET TYPE = HADOOP")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL FILE FORMAT f WITH (FORMAT_TYPE = TEXTFILE)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL FILE FORMAT f WITH (FORMAT_OPTIONS (FIELD_TERMINATOR = ','), FORMAT_TYPE = ORC)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL FILE FORMAT f WITH (FORMAT_TYPE = ORC, FORMAT_OPTIONS (FIRST_ROW = '2'))")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL TABLE t (c int) WITH (LOCATION = /x)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL TABLE t (c int) WITH (DATA_SOURCE = d, DISTRIBUTION = SHARDED)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL TABLE t (c int) WITH (DATA_SOURCE = d, REJECT_VALUE = ten)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL TABLE t (c int) WITH (REJECT_TYPE = VALU)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL TABLE t (c int)")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL TABLE t AS SELECT 1")?.code).toBe(156);
    expect(errorOf("CREATE EXTERNAL TABLE t WITH (LOCATION = '/x', DATA_SOURCE = d, FILE_FORMAT = f) SELECT 1")?.code).toBe(156);
    expect(errorOf("CREATE EXTERNAL LIBRARY l FROM (CONTENT = 0x01) WITH LANGUAGE = 'R'")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL LIBRARY l FROM (0x01) WITH (LANGUAGE = 'R')")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL LIBRARY l FROM (CONTENT = 0x01, PLATFORM = 'linux') WITH (LANGUAGE = 'R')")?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL LIBARY l FROM (CONTENT = 0x01) WITH (LANGUAGE = 'R')")?.code).toBe(102);
    expect(errorOf('DROP EXTERNAL TBLE t')?.code).toBe(102);
    expect(errorOf('DROP EXTERNAL DATA SORCE d')?.code).toBe(102);
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (TYPE = HADOOOP, LOCATION = 'hdfs://h:8020')")).toEqual({ code: 102, at: '1:44' });
    expect(errorOf("CREATE EXTERNAL DATA SOURCE d WITH (TYPE = Blob_Storage, LOCATION = 'https://a.blob.core.windows.net/c')")).toBeUndefined();
  });

  it('reads resource pools, workload groups, classifiers and ALTER RESOURCE GOVERNOR', () => {
    expect(first('CREATE RESOURCE POOL Reports WITH (MIN_CPU_PERCENT = 10, MAX_CPU_PERCENT = 40, AFFINITY SCHEDULER = (0 TO 3, 8), MAX_IOPS_PER_VOLUME = 500)')).toMatchObject({
      objectType: 'RESOURCE POOL',
      options: [{ name: 'MIN_CPU_PERCENT', value: '10' }, {}, { name: 'AFFINITY SCHEDULER', value: '(0 TO 3, 8)' }, {}],
    });
    expect(first('ALTER RESOURCE POOL Reports WITH (MAX_MEMORY_PERCENT = 50, MAX_MEMORY_PERCENT = 40)')).toMatchObject({ verb: 'ALTER' });
    expect(first('CREATE EXTERNAL RESOURCE POOL ml WITH (MAX_CPU_PERCENT = 50, AFFINITY CPU = AUTO)')).toMatchObject({ objectType: 'EXTERNAL RESOURCE POOL' });
    expect(first('CREATE WORKLOAD GROUP Ad WITH (IMPORTANCE = LOW, REQUEST_MAX_MEMORY_GRANT_PERCENT = 25, MAX_DOP = 4) USING Reports, EXTERNAL ml')).toMatchObject({
      objectType: 'WORKLOAD GROUP',
      options: [{ name: 'IMPORTANCE', value: 'LOW' }, {}, {}, { name: 'USING', value: 'Reports' }, { name: 'USING EXTERNAL', value: 'ml' }],
    });
    expect(first("CREATE WORKLOAD CLASSIFIER c WITH (WORKLOAD_GROUP = 'Ad', MEMBERNAME = 'etl', IMPORTANCE = ABOVE_NORMAL)")).toMatchObject({ objectType: 'WORKLOAD CLASSIFIER' });
    expect(first('ALTER RESOURCE GOVERNOR WITH (CLASSIFIER_FUNCTION = dbo.Classify)')).toMatchObject({ objectType: 'RESOURCE GOVERNOR', options: [{ name: 'CLASSIFIER_FUNCTION', value: 'dbo.Classify' }] });
    expect(first('ALTER RESOURCE GOVERNOR RECONFIGURE')).toMatchObject({ options: [{ name: 'RECONFIGURE' }] });
    expect(first('ALTER RESOURCE GOVERNOR RESET STATISTICS')).toMatchObject({ options: [{ name: 'RESET STATISTICS' }] });
    expect(first('DROP WORKLOAD GROUP Ad')).toMatchObject({ kind: 'DropObjects', objectType: 'WORKLOAD GROUP' });
    expect(first('DROP EXTERNAL RESOURCE POOL ml')).toMatchObject({ objectType: 'EXTERNAL RESOURCE POOL' });
  });

  it('rejects malformed pool and group options', () => {
    expect(errorOf('CREATE RESOURCE POOL p WITH ;')?.code).toBe(102);
    expect(errorOf('CREATE RESOURCE POOL p WITH (MIN_CPU_PERCENT = 20,)')?.code).toBe(102);
    expect(errorOf('CREATE RESOURCE POOL p WITH MIN_CPU_PERCENT = 20')?.code).toBe(102);
    expect(errorOf('ALTER RESOURCE POOL p WITH (MIN_CPU_PERCENT = 20), (MAX_CPU_PERCENT = 30)')?.code).toBe(102);
    expect(errorOf('ALTER RESOURCE POOL p WITH (MIN_CPU_PERCENTAGE = 20)')).toEqual({ code: 102, at: '1:29' });
    expect(errorOf('ALTER RESOURCE POOL p WITH (MIN_IOPS_PER_VOLUME = -2)')?.code).toBe(102);
    expect(errorOf('CREATE EXTERNAL RESOURCE POOL p WITH (MAX_CPU_PERCENT = 20, MAX_CPU_PERCENT = 30)')?.code).toBe(102);
    expect(errorOf('CREATE EXTERNAL RESOURCE POOL p WITH (AFFINITY NUMANODE = AUTO)')?.code).toBe(102);
    expect(errorOf('CREATE EXTERNAL RESOURCE POOL p WITH (AFFINITY CPU = (a))')?.code).toBe(102);
    expect(errorOf('CREATE WORKLOAD GROUP g WITH (IMPORTANC = HIGH)')?.code).toBe(102);
    expect(errorOf('CREATE WORKLOAD GROUP g WITH (MAX_DOP = ab)')?.code).toBe(102);
    expect(errorOf('CREATE WORKLOAD GROUP g USING p1, p2')).toEqual({ code: 102, at: '1:35' });
    expect(errorOf('CREATE WORKLOAD CLASSIFIER c WITH (IMPORTANCE = ab)')?.code).toBe(102);
    expect(errorOf('CREATE RESOURCE GOVERNOR WITH (CLASSIFIER_FUNCTION = NULL)')?.code).toBe(102);
  });

  it('takes the percentages in their documented ranges', () => {
    expect(errorOf('CREATE RESOURCE POOL p WITH (MIN_CPU_PERCENT = 0, MAX_CPU_PERCENT = 100, CAP_CPU_PERCENT = 1, MIN_MEMORY_PERCENT = 0, MAX_MEMORY_PERCENT = 1)')).toBeUndefined();
    expect(errorOf('CREATE RESOURCE POOL p WITH (MAX_CPU_PERCENT = 0)')).toEqual({ code: 102, at: '1:48' });
    expect(errorOf('ALTER RESOURCE POOL p WITH (MIN_MEMORY_PERCENT = 101)')).toEqual({ code: 102, at: '1:50' });
    expect(errorOf('CREATE EXTERNAL RESOURCE POOL p WITH (MAX_MEMORY_PERCENT = 0)')).toEqual({ code: 102, at: '1:60' });
    expect(errorOf('ALTER EXTERNAL RESOURCE POOL p WITH (MAX_CPU_PERCENT = 150)')).toEqual({ code: 102, at: '1:56' });
  });
});

describe('security and broker conformance with the SQL Server 2022 parser', () => {
  it('accepts the documented forms the first version refused', () => {
    expect(first("ADD SIGNATURE TO DATABASE::db1 BY PASSWORD = 'p', CERTIFICATE c1 WITH SIGNATURE = 0x20")).toMatchObject({ kind: 'Signature', by: [{ name: 'PASSWORD' }, { name: 'CERTIFICATE' }] });
    expect(first('ALTER CERTIFICATE c1 REMOVE ATTESTED OPTION')).toMatchObject({ options: [{ name: 'REMOVE ATTESTED OPTION' }] });
    expect(first("ALTER ASYMMETRIC KEY k1 ATTESTED BY 'C:\\k.dll'")).toMatchObject({ options: [{ name: 'ATTESTED BY' }] });
    expect(first('CREATE USER u FOR EXTERNAL PROVIDER')).toMatchObject({ kind: 'CreateUser', externalProvider: true });
    expect(first('CREATE LOGIN l FROM CERTIFICATE c WITH CREDENTIAL = cr')).toMatchObject({ source: 'CERTIFICATE', options: [{ name: 'CREDENTIAL' }] });
    expect(first('ALTER APPLICATION ROLE r WITH NAME = r2, LOGIN = l1')).toMatchObject({ kind: 'CreateApplicationRole' });
    expect(first('CREATE SECURITY POLICY dbo.p')).toMatchObject({ kind: 'CreateSecurityPolicy', predicates: [] });
    expect(first('ALTER SECURITY POLICY dbo.p DROP BLOCK PREDICATE ON dbo.t AFTER UPDATE, ADD FILTER PREDICATE dbo.f(c) ON dbo.t')).toMatchObject({ predicates: [{ action: 'DROP', operation: 'AFTER UPDATE' }, { action: 'ADD' }] });
    expect(first('ALTER SECURITY POLICY dbo.p ADD NOT FOR REPLICATION')).toMatchObject({ notForReplication: true });
    expect(first("CREATE REMOTE SERVICE BINDING b TO SERVICE '//s' WITH ANONYMOUS = OFF, USER = u")).toMatchObject({ kind: 'CreateRemoteServiceBinding' });
    expect(first("CREATE ROUTE r WITH BROKER_INSTANCE = 'b1'")).toMatchObject({ kind: 'CreateRoute' });
    expect(first("CREATE BROKER PRIORITY bp FOR CONVERSATION SET (CONTRACT_NAME = [//c], LOCAL_SERVICE_NAME = ANY, REMOTE_SERVICE_NAME = '//r', PRIORITY_LEVEL = DEFAULT)")).toMatchObject({ options: [{}, { value: 'ANY' }, {}, { value: 'DEFAULT' }] });
  });

  it('rejects what Microsoft\'s parser rejects', () => {
    expect(errorOf("CREATE CREDENTIAL c WITH SECRET = 's', IDENTITY = 'i'")?.code).toBe(102);
    expect(errorOf("CREATE CREDENTIAL c WITH IDENTITY = i")?.code).toBe(102);
    expect(errorOf("CREATE LOGIN l FROM EXTERNAL PROVIDER WITH SID = 0x01, TYPE = 'X'")?.code).toBe(102);
    expect(errorOf("CREATE SYMMETRIC KEY k WITH ALGORITHM = AES_256, ALGORITHM = AES_128 ENCRYPTION BY PASSWORD = 'p'")).toEqual({ code: 102, at: '1:50' });
    expect(errorOf('ALTER SECURITY POLICY dbo.p WITH (SCHEMABINDING = ON)')?.code).toBe(102);
    expect(errorOf('ALTER SECURITY POLICY dbo.p WITH (STATE = ON) NOT FOR REPLICATION')?.code).toBe(156);
    expect(errorOf('CREATE SECURITY POLICY dbo.p ADD FILTER PREDICATE dbo.f(c) ON db.dbo.t')?.code).toBe(102);
    expect(errorOf('CREATE SECURITY POLICY p WITH (STATE = ON, STATE = OFF)')?.code).toBe(102);
    expect(errorOf("CREATE REMOTE SERVICE BINDING b TO SERVICE '//s' WITH ANONYMOUS = ON")).toEqual({ code: 156, at: '1:67' });
    expect(errorOf('CREATE BROKER PRIORITY bp FOR CONVERSATION SET (PRIORITY_LEVEL = ANY)')?.code).toBe(156);
    expect(errorOf("CREATE BROKER PRIORITY bp FOR CONVERSATION SET (CONTRACT_NAME = 'c')")?.code).toBe(102);
    expect(errorOf('CREATE BROKER PRIORITY bp FOR CONVERSATION SET (REMOTE_SERVICE_NAME = r)')?.code).toBe(102);
    expect(errorOf('CREATE BROKER PRIORITY bp FOR CONVERSATION SET (PRIORITY_LEVEL = 5, PRIORITY_LEVEL = 6)')?.code).toBe(102);
  });
});

describe('false errors removed (round 2): forms of the 2022 grammar', () => {
  it('reads ADD / DROP SENSITIVITY CLASSIFICATION', () => {
    expect(first("ADD SENSITIVITY CLASSIFICATION TO dbo.Person.Email, Person.Phone WITH (LABEL = 'Confidential', INFORMATION_TYPE = 'Contact Info', RANK = MEDIUM)")).toMatchObject({
      kind: 'SensitivityClassification',
      drop: false,
      columns: [{ parts: [{ value: 'dbo' }, { value: 'Person' }, { value: 'Email' }] }, { parts: [{}, {}] }],
      options: [{ name: 'LABEL' }, { name: 'INFORMATION_TYPE' }, { name: 'RANK', value: 'MEDIUM' }],
    });
    expect(first('DROP SENSITIVITY CLASSIFICATION FROM Person.Email')).toMatchObject({ kind: 'SensitivityClassification', drop: true, options: [] });
    // The table must be named; options are known, not repeated, not empty; RANK takes a level.
    expect(errorOf("ADD SENSITIVITY CLASSIFICATION TO Email WITH (LABEL = 'x')")).toEqual({ code: 156, at: '1:41' });
    expect(errorOf("ADD SENSITIVITY CLASSIFICATION TO t.c WITH (LABEL = 'x', LABEL = 'y')")).toEqual({ code: 102, at: '1:58' });
    expect(errorOf("ADD SENSITIVITY CLASSIFICATION TO t.c WITH (LABLE = 'x')")).toEqual({ code: 102, at: '1:45' });
    expect(errorOf("ADD SENSITIVITY CLASSIFICATION TO t.c WITH (LABEL = '')")).toEqual({ code: 102, at: '1:53' });
    expect(errorOf('ADD SENSITIVITY CLASSIFICATION TO t.c WITH (RANK = SEVERE)')).toEqual({ code: 102, at: '1:52' });
    expect(errorOf('ADD SENSITIVITY CLASSIFICATION TO t.c')).toEqual({ code: 102, at: '1:37' });
  });
});

describe('false errors removed (round 2): modules, security, broker', () => {
  it('reads a CLR table-valued function ORDER hint after the function options', () => {
    expect(first("CREATE FUNCTION dbo.f(@p int) RETURNS TABLE (c1 int, c3 datetime) WITH EXECUTE AS 'User1' ORDER (c3 DESC, c1 ASC) AS EXTERNAL NAME A.B.F")).toMatchObject({
      returns: { kind: 'ClrTableReturns', order: [{ name: { value: 'c3' }, descending: true }, { name: { value: 'c1' }, descending: false }] },
      external: {},
    });
    // The hint follows the options, and lists at least one column.
    expect(errorOf('CREATE FUNCTION f() RETURNS TABLE (c int) ORDER (c) WITH EXECUTE AS CALLER AS EXTERNAL NAME a.b.c')).toEqual({ code: 156, at: '1:53' });
    expect(errorOf('CREATE FUNCTION f() RETURNS TABLE (c int) ORDER () AS EXTERNAL NAME a.b.c')).toEqual({ code: 102, at: '1:50' });
  });

  it('takes any expression as a CREATE ASSEMBLY source', () => {
    expect(first("CREATE ASSEMBLY Hello FROM @SamplesPath + 'Hello.dll', 0x4D5A WITH PERMISSION_SET = SAFE")).toMatchObject({ kind: 'CreateAssembly', from: ["@SamplesPath + 'Hello.dll'", '0x4D5A'] });
    expect(errorOf("CREATE ASSEMBLY a FROM 'x', WITH PERMISSION_SET = SAFE")).toEqual({ code: 156, at: '1:29' });
  });

  it('takes NULL as a grantee, a string as a queue filegroup, a list in DROP AGGREGATE', () => {
    expect(first('GRANT CREATE TABLE TO NULL WITH GRANT OPTION')).toMatchObject({ kind: 'Grant', principals: [{ value: 'NULL' }] });
    expect(first("DENY SELECT ON OBJECT::a.b TO public, NULL, [u1], u2")).toMatchObject({ principals: [{}, { value: 'NULL' }, {}, {}] });
    expect(first("CREATE QUEUE [q1] ON 'filegroup'")).toMatchObject({ kind: 'CreateQueue', on: { value: 'filegroup' } });
    expect(first('DROP AGGREGATE a, dbo.[b], c')).toMatchObject({ kind: 'DropObjects', objectType: 'AGGREGATE', names: [{}, {}, {}] });
    expect(errorOf('DROP AGGREGATE a,')).toEqual({ code: 102, at: '1:17' });
  });

  it('takes money defaults with spaces or a sign after the currency sign', () => {
    expect(first('CREATE PROCEDURE p (@m1 money = $23, @m2 money = -$   10.12, @m3 money = -$-23.00) AS SELECT 1')).toMatchObject({
      parameters: [{ default: { type: 'money', value: '$23' } }, { default: { type: 'money', value: '-$10.12' } }, { default: { type: 'money', value: '-$-23.00' } }],
    });
    // `$` alone is the constant 0; a default is one constant, not `$ - 1`.
    expect(first('CREATE PROCEDURE p @m money = $ AS SELECT 1')).toMatchObject({ parameters: [{ default: { type: 'money', value: '$0' } }] });
    expect(errorOf('CREATE PROCEDURE p @m money = $ - 1 AS SELECT 1')).toEqual({ code: 102, at: '1:33' });
  });

  it('rejects columns named both after a permission and after the object', () => {
    expect(errorOf('GRANT UPDATE, SELECT (c1) ON t1 (c1) TO public')).toEqual({ code: 102, at: '1:34' });
    expect(first('GRANT UPDATE, SELECT ON t1 (c1) TO public')).toMatchObject({ on: { columns: [{ value: 'c1' }] } });
  });

  it('reads SERVER and DATABASE AUDIT SPECIFICATION', () => {
    expect(first('CREATE DATABASE AUDIT SPECIFICATION s FOR SERVER AUDIT a ADD (SELECT, INSERT ON SCHEMA::dbo BY public, [u]), ADD (DATABASE_ROLE_MEMBER_CHANGE_GROUP) WITH (STATE = ON)')).toMatchObject({
      kind: 'AuditSpecification',
      verb: 'CREATE',
      scope: 'DATABASE',
      audit: { value: 'a' },
      parts: [
        { drop: false, actions: ['SELECT', 'INSERT'], on: { classType: 'SCHEMA' }, principals: [{ value: 'public' }, { value: 'u' }] },
        { drop: false, group: { value: 'DATABASE_ROLE_MEMBER_CHANGE_GROUP' } },
      ],
      state: 'ON',
    });
    const r = parseBatch('ALTER SERVER AUDIT SPECIFICATION s FOR SERVER AUDIT a ADD (SERVER_PRINCIPAL_CHANGE_GROUP), DROP (SERVER_OBJECT_CHANGE_GROUP) WITH (STATE = OFF)\nDROP SERVER AUDIT SPECIFICATION s');
    expect(r.error).toBeUndefined();
    expect(r.statements).toMatchObject([{ kind: 'AuditSpecification', scope: 'SERVER', parts: [{ drop: false }, { drop: true }], state: 'OFF' }, { kind: 'DropObjects', objectType: 'SERVER AUDIT SPECIFICATION' }]);
    // CREATE names its audit and only adds; an audited object has no column list; STATE is ON or OFF.
    expect(errorOf('CREATE SERVER AUDIT SPECIFICATION s ADD (X_GROUP)')).toEqual({ code: 156, at: '1:37' });
    expect(errorOf('CREATE SERVER AUDIT SPECIFICATION s FOR SERVER AUDIT a DROP (X_GROUP)')).toEqual({ code: 102, at: '1:61' });
    expect(errorOf('CREATE DATABASE AUDIT SPECIFICATION s FOR SERVER AUDIT a ADD (UPDATE ON t1 (c1) BY public)')).toEqual({ code: 102, at: '1:77' });
    expect(errorOf('ALTER SERVER AUDIT SPECIFICATION s WITH (STATE = MAYBE)')).toEqual({ code: 102, at: '1:50' });
  });
});


describe('endpoints', () => {
  it('reads TCP endpoints for Transact-SQL, Service Broker and database mirroring', () => {
    expect(first("CREATE ENDPOINT Mirror STATE = STARTED AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL) FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS KERBEROS, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = PARTNER)")).toMatchObject({ kind: 'ServerObject', objectType: 'ENDPOINT' });
    expect(errorOf('CREATE ENDPOINT Broker AUTHORIZATION sa AS TCP (LISTENER_PORT = 4022) FOR SERVICE_BROKER (AUTHENTICATION = CERTIFICATE c1 WINDOWS NEGOTIATE, ENCRYPTION = SUPPORTED ALGORITHM RC4 AES, MESSAGE_FORWARDING = ENABLED, MESSAGE_FORWARD_SIZE = 10)')).toBeUndefined();
    expect(errorOf('CREATE ENDPOINT t STATE = STOPPED AS TCP (LISTENER_IP = (10.0.0.1)) FOR TSQL ()')).toBeUndefined();
    expect(errorOf("CREATE ENDPOINT t AS TCP (LISTENER_PORT = 1433 LISTENER_IP = ('::1')) FOR TSQL ()")).toBeUndefined();
    expect(errorOf('ALTER ENDPOINT Mirror STATE = STOPPED')).toBeUndefined();
    expect(errorOf('ALTER ENDPOINT Mirror FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED)')).toBeUndefined();
    expect(first('DROP ENDPOINT Mirror')).toMatchObject({ kind: 'DropObjects', objectType: 'ENDPOINT' });
  });

  it('rejects a malformed address, a port outside 1024 to 32767, and mirroring without ROLE', () => {
    expect(errorOf('CREATE ENDPOINT t AS TCP (LISTENER_IP = (10.0 0.1)) FOR TSQL ()')).toEqual({ code: 102, at: '1:47' });
    expect(errorOf('CREATE ENDPOINT t AS TCP (LISTENER_IP = (10.0.0.1.5)) FOR TSQL ()')).toEqual({ code: 102, at: '1:50' });
    expect(errorOf('CREATE ENDPOINT t AS TCP (LISTENER_IP = (10.0.1)) FOR TSQL ()')).toEqual({ code: 102, at: '1:48' });
    expect(errorOf('CREATE ENDPOINT t AS TCP (LISTENER_PORT = 80) FOR TSQL ()')).toEqual({ code: 102, at: '1:43' });
    expect(errorOf('CREATE ENDPOINT t AS TCP (LISTENER_PORT = 40000) FOR SERVICE_BROKER ()')).toEqual({ code: 102, at: '1:43' });
    expect(errorOf('CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS)')).toEqual({ code: 102, at: '1:97' });
    expect(errorOf('CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022) FOR SERVICE_BROKER (ROLE = ALL)')).toEqual({ code: 102, at: '1:69' });
    expect(errorOf('CREATE ENDPOINT m STATE = STARTED FOR TSQL ()')).toEqual({ code: 156, at: '1:35' });
  });
});

describe('Always Encrypted keys', () => {
  it('reads column master keys and column encryption keys', () => {
    expect(first("CREATE COLUMN MASTER KEY cmk WITH (KEY_STORE_PROVIDER_NAME = N'MSSQL_CERTIFICATE_STORE', KEY_PATH = N'CurrentUser/My/AB12', ENCLAVE_COMPUTATIONS (SIGNATURE = 0x01AB))")).toMatchObject({ kind: 'CreateKey', objectType: 'COLUMN MASTER KEY' });
    expect(first("CREATE COLUMN ENCRYPTION KEY cek WITH VALUES (COLUMN_MASTER_KEY = cmk, ALGORITHM = 'RSA_OAEP', ENCRYPTED_VALUE = 0x016E), (COLUMN_MASTER_KEY = cmk2, ALGORITHM = 'RSA_OAEP', ENCRYPTED_VALUE = 0x02)")).toMatchObject({ objectType: 'COLUMN ENCRYPTION KEY' });
    expect(errorOf("ALTER COLUMN ENCRYPTION KEY cek ADD VALUE (COLUMN_MASTER_KEY = cmk2, ALGORITHM = 'RSA_OAEP', ENCRYPTED_VALUE = 0x03)")).toBeUndefined();
    expect(errorOf('ALTER COLUMN ENCRYPTION KEY cek DROP VALUE (COLUMN_MASTER_KEY = cmk)')).toBeUndefined();
    expect(first('DROP COLUMN MASTER KEY cmk')).toMatchObject({ kind: 'DropObjects', objectType: 'COLUMN MASTER KEY' });
    expect(first('DROP COLUMN ENCRYPTION KEY cek')).toMatchObject({ kind: 'DropObjects', objectType: 'COLUMN ENCRYPTION KEY' });
  });

  it('rejects a missing name, a missing or repeated setting, and a setting DROP VALUE does not take', () => {
    expect(errorOf('DROP COLUMN MASTER KEY')).toEqual({ code: 156, at: '1:20' });
    expect(errorOf('DROP COLUMN ENCRYPTION cek')).toEqual({ code: 102, at: '1:24' });
    expect(errorOf("CREATE COLUMN MASTER KEY cmk WITH (KEY_PATH = N'x')")).toEqual({ code: 102, at: '1:51' });
    expect(errorOf("CREATE COLUMN ENCRYPTION KEY cek WITH VALUES (COLUMN_MASTER_KEY = cmk, ALGORITHM = 'RSA_OAEP', ALGORITHM = 'RSA_OAEP')")).toEqual({ code: 102, at: '1:96' });
    expect(errorOf('ALTER COLUMN ENCRYPTION KEY cek ADD VALUE (COLUMN_MASTER_KEY = cmk)')).toEqual({ code: 102, at: '1:67' });
    expect(errorOf("ALTER COLUMN ENCRYPTION KEY cek DROP VALUE (COLUMN_MASTER_KEY = cmk, ALGORITHM = 'RSA_OAEP')")).toEqual({ code: 102, at: '1:70' });
    expect(errorOf("ALTER COLUMN MASTER KEY cmk WITH (KEY_PATH = N'x')")).toEqual({ code: 102, at: '1:14' });
  });
});
