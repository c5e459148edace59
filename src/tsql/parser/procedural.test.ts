import { describe, expect, it } from 'vitest';
import type { Statement } from './ast.js';
import { lexCode } from '../lexer.js';
import { Parser } from './core.js';
import { parseBatch } from './index.js';
import { parseBlock, parseExecuteBody, parseImplicitExec } from './procedural.js';

/** The statements of a batch that must parse without error. */
function parse(sql: string): Statement[] {
  const r = parseBatch(sql);
  if (r.error !== undefined) throw new Error(`${r.error.code}@${r.error.line}:${r.error.col} ${r.error.message}`);
  return r.statements;
}

/** The one statement of `sql`. */
function one(sql: string): Statement {
  const s = parse(sql);
  expect(s).toHaveLength(1);
  return s[0] as Statement;
}

/** `ok`, or the batch's syntax error as `code@line:col`. */
function err(sql: string): string {
  const r = parseBatch(sql);
  return r.error === undefined ? 'ok' : `${r.error.code}@${r.error.line}:${r.error.col}`;
}

describe('DECLARE', () => {
  it('declares scalar variables with types and initial values', () => {
    expect(one('DECLARE @a int = 1, @b AS nvarchar(max), @c CURSOR')).toMatchObject({
      kind: 'Declare',
      items: [
        { kind: 'DeclareVariable', name: '@a', nameStart: 8, dataType: { name: { name: { value: 'int' } } }, value: { kind: 'Literal', value: '1' } },
        { kind: 'DeclareVariable', name: '@b', dataType: { args: ['MAX'] } },
        { kind: 'DeclareVariable', name: '@c', cursor: true },
      ],
    });
  });

  it('declares a table variable', () => {
    const s = one('DECLARE @t TABLE (id int PRIMARY KEY, name sysname NULL)');
    expect(s).toMatchObject({ kind: 'Declare', items: [{ kind: 'DeclareTable', name: '@t', nameStart: 8, elements: [{ kind: 'ColumnDefinition' }, { kind: 'ColumnDefinition' }] }] });
    expect(err('DECLARE @t AS TABLE (id int)')).toBe('ok');
    expect(err('DECLARE @t dbo.IdList')).toBe('ok');
    expect(err('DECLARE @d datetime2 NOT NULL = SYSDATETIME(), @e int NULL')).toBe('ok');
    expect(err('DECLARE @d datetime2 NOT = 1')).toBe('156@1:22');
  });

  it('rejects malformed declarations', () => {
    expect(err('DECLARE @a int, @t TABLE (id int)')).toBe('156@1:20');
    expect(err('DECLARE @a int,')).toBe('102@1:15');
    expect(err('DECLARE @a')).toBe('102@1:9');
    expect(err('DECLARE @a int @b int')).toBe('102@1:16');
    expect(err('DECLARE @a int = ')).toBe('102@1:16');
    expect(err('DECLARE @@a int')).toBe('102@1:9');
  });

  it('declares cursors (T-SQL and ISO forms)', () => {
    expect(one('DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT a FROM t')).toMatchObject({
      kind: 'DeclareCursor',
      name: { value: 'c' },
      options: ['LOCAL', 'FAST_FORWARD'],
      query: { kind: 'SelectStatement' },
    });
    expect(one('DECLARE c INSENSITIVE SCROLL CURSOR FOR SELECT a FROM t FOR READ ONLY')).toMatchObject({ kind: 'DeclareCursor', options: ['INSENSITIVE', 'SCROLL'], readOnly: true });
    expect(one('DECLARE c CURSOR FOR SELECT a FROM t FOR UPDATE OF a, b')).toMatchObject({ forUpdate: [{ value: 'a' }, { value: 'b' }] });
    expect(one('DECLARE c CURSOR FOR SELECT a FROM t FOR UPDATE')).toMatchObject({ forUpdate: [] });
    expect(err('DECLARE c CURSOR LOCAL STATIC READ_ONLY TYPE_WARNING FOR SELECT 1\nOPEN c')).toBe('ok');
    expect(err('DECLARE c CURSOR FOR WITH x AS (SELECT 1 AS a) SELECT a FROM x')).toBe('ok');
    expect(err('DECLARE c CURSOR LOCAL SELECT 1')).toBe('156@1:24');
    expect(err('DECLARE c CURSOR FOR')).toBe('156@1:18');
  });
});

describe('SET', () => {
  it('assigns variables', () => {
    expect(one('SET @x = @y + 1')).toMatchObject({ kind: 'SetVariable', target: { kind: 'Variable', name: '@x' }, op: '=', value: { kind: 'Binary' } });
    expect(one('SET @x += 1')).toMatchObject({ op: '+=' });
    expect(one('SET @x %= 2')).toMatchObject({ op: '%=' });
    expect(one('SET @x |= 2')).toMatchObject({ op: '|=' });
    expect(one('SET @x = (SELECT COUNT(*) FROM t)')).toMatchObject({ value: { kind: 'Subquery' } });
  });

  it('assigns a cursor and calls mutators', () => {
    expect(one('SET @c = CURSOR LOCAL FAST_FORWARD FOR SELECT a FROM t')).toMatchObject({ kind: 'SetVariable', op: '=', cursor: { kind: 'CursorDefinition', options: ['LOCAL', 'FAST_FORWARD'] } });
    expect(one("SET @x.modify('delete /a')")).toMatchObject({ kind: 'SetVariable', op: '', member: { value: 'modify' }, args: [{ kind: 'Literal' }] });
    expect(one('SET @p.X = 5')).toMatchObject({ kind: 'SetVariable', op: '=', member: { value: 'X' }, value: { kind: 'Literal' } });
  });

  it('rejects malformed assignments', () => {
    expect(err('SET @x 1')).toBe('102@1:8');
    expect(err('SET @x = ')).toBe('102@1:8');
    expect(err('SET @x = = 1')).toBe('102@1:10');
    expect(err('SET @x = 1 = 2')).toBe('102@1:12');
    expect(err('SET @x = a > b')).not.toBe('ok');
    expect(err('SET @@x = 1')).toBe('102@1:5');
  });

  it('sets session options', () => {
    expect(one('SET NOCOUNT ON')).toMatchObject({ kind: 'SetOption', options: ['NOCOUNT'], value: 'ON' });
    expect(one('SET ANSI_NULLS, QUOTED_IDENTIFIER OFF')).toMatchObject({ options: ['ANSI_NULLS', 'QUOTED_IDENTIFIER'], value: 'OFF' });
    expect(one('SET TRANSACTION ISOLATION LEVEL READ COMMITTED')).toMatchObject({ options: ['TRANSACTION ISOLATION LEVEL'], value: 'READ COMMITTED' });
    expect(one('SET TRANSACTION ISOLATION LEVEL SNAPSHOT')).toMatchObject({ value: 'SNAPSHOT' });
    expect(one('SET IDENTITY_INSERT dbo.t ON')).toMatchObject({ options: ['IDENTITY_INSERT'], table: { schema: { value: 'dbo' }, name: { value: 't' } }, value: 'ON' });
    expect(one('SET DEADLOCK_PRIORITY LOW')).toMatchObject({ value: 'LOW' });
    expect(one('SET DEADLOCK_PRIORITY -5')).toMatchObject({ expr: { kind: 'Unary' } });
    expect(one('SET DEADLOCK_PRIORITY @p')).toMatchObject({ expr: { kind: 'Variable' } });
    expect(one('SET LOCK_TIMEOUT -1')).toMatchObject({ options: ['LOCK_TIMEOUT'] });
    expect(one('SET DATEFORMAT dmy')).toMatchObject({ options: ['DATEFORMAT'], value: 'dmy' });
    expect(one('SET LANGUAGE us_english')).toMatchObject({ value: 'us_english' });
    expect(one("SET LANGUAGE N'British English'")).toMatchObject({ expr: { kind: 'Literal' } });
    expect(one('SET ROWCOUNT @n')).toMatchObject({ options: ['ROWCOUNT'], expr: { kind: 'Variable' } });
    expect(one('SET STATISTICS IO, TIME ON')).toMatchObject({ options: ['STATISTICS IO', 'STATISTICS TIME'], value: 'ON' });
    expect(one('SET CONTEXT_INFO 0x01')).toMatchObject({ expr: { kind: 'Literal', type: 'binary' } });
    for (const sql of ['SET XACT_ABORT ON', 'SET ARITHABORT ON', 'SET SHOWPLAN_XML ON', 'SET NOEXEC ON', 'SET PARSEONLY OFF', 'SET FMTONLY OFF', 'SET DATEFIRST 1', 'SET TEXTSIZE 2048', 'SET STATISTICS XML OFF', 'SET STATISTICS PROFILE ON', 'SET IMPLICIT_TRANSACTIONS OFF', 'SET ANSI_WARNINGS ON', 'SET CONCAT_NULL_YIELDS_NULL ON', 'SET NUMERIC_ROUNDABORT OFF', 'SET ANSI_PADDING ON', "SET FIPS_FLAGGER 'ENTRY'", 'SET QUERY_GOVERNOR_COST_LIMIT 0']) {
      expect(err(sql), sql).toBe('ok');
    }
  });

  it('rejects unknown or malformed options', () => {
    expect(err('SET NOCOUNTT ON')).toBe('195@1:5');
    expect(err('SET NOCOUNT')).toBe('102@1:5');
    expect(err('SET NOCOUNT 1')).toBe('102@1:13');
    expect(err('SET NOCOUNT, ON')).toBe('156@1:14');
    expect(err('SET ANSI_NULLS QUOTED_IDENTIFIER ON')).toBe('102@1:16');
    expect(err('SET TRANSACTION ISOLATION LEVEL READ')).toBe('156@1:33');
    expect(err('SET TRANSACTION LEVEL SNAPSHOT')).toBe('102@1:17');
    expect(err('SET STATISTICS IO')).toBe('102@1:16');
    expect(err('SET IDENTITY_INSERT t')).toBe('102@1:21');
    expect(err('SET ROWCOUNT')).toBe('156@1:5');
    expect(err('SET ROWCOUNT -1')).toBe('102@1:14');
    expect(err('SET TEXTSIZE @n')).toBe('102@1:14');
    expect(err('SET DISABLE_DEF_CNST_CHK ON')).toBe('195@1:5');
    // A reserved word is no option name at all: Msg 156, not 195.
    expect(err('SET SELECT ON')).toBe('156@1:5');
    expect(err("SET DATEFORMAT dmy, DATEFIRST 1, LANGUAGE 'us_english'")).toBe('ok');
    expect(err('SET TRAN ISOLATION LEVEL SERIALIZABLE')).toBe('ok');
    expect(err('SET LOCK_TIMEOUT 1 + 1')).toBe('102@1:20');
  });
});

describe('control of flow', () => {
  it('parses IF … ELSE with the ELSE on the nearest IF', () => {
    const s = one('IF @a = 1 IF @b = 2 PRINT 1 ELSE PRINT 2');
    expect(s).toMatchObject({ kind: 'If', condition: { kind: 'Comparison' }, then: { kind: 'If', then: { kind: 'Print' }, else: { kind: 'Print' } } });
    expect(s).not.toHaveProperty('else');
    expect(one('IF EXISTS (SELECT 1 FROM t) BEGIN PRINT 1; PRINT 2 END ELSE IF @x IS NULL RETURN')).toMatchObject({
      kind: 'If',
      then: { kind: 'Block', statements: [{ kind: 'Print' }, { kind: 'Print' }] },
      else: { kind: 'If', then: { kind: 'Return' } },
    });
    expect(err('IF 1 = 1 SELECT 1; ELSE SELECT 2')).toBe('ok');
    expect(err('IF 1 = 1 PRINT 1;; ELSE PRINT 2')).toBe('ok');
  });

  it('rejects malformed IF and WHILE', () => {
    expect(err('IF @x PRINT 1')).not.toBe('ok');
    expect(err('IF 1 = 1')).toBe('102@1:8');
    expect(err('IF 1 = 1 ELSE PRINT 1')).toBe('156@1:10');
    expect(err('PRINT 1 ELSE PRINT 2')).toBe('156@1:9');
    expect(err('WHILE 1 = 1')).toBe('102@1:11');
  });

  it('parses WHILE with BREAK and CONTINUE', () => {
    expect(one('WHILE @i < 10 BEGIN SET @i += 1; IF @i = 5 CONTINUE; IF @i = 8 BREAK END')).toMatchObject({
      kind: 'While',
      body: { kind: 'Block', statements: [{ kind: 'SetVariable' }, { kind: 'If', then: { kind: 'Continue' } }, { kind: 'If', then: { kind: 'Break' } }] },
    });
  });

  it('parses blocks and rejects empty or unclosed ones', () => {
    expect(one('BEGIN PRINT 1 END')).toMatchObject({ kind: 'Block', statements: [{ kind: 'Print' }], start: 0, end: 17 });
    expect(err('BEGIN END')).toBe('102@1:7');
    expect(err('BEGIN PRINT 1')).toBe('102@1:13');
    expect(err('END')).toBe('156@1:1');
    expect(err('BEGIN PRINT 1 END END')).toBe('156@1:19');
    expect(err('BEGIN BEGIN PRINT 1 END END')).toBe('ok');
  });

  it('parses TRY … CATCH (the CATCH block may be empty, the TRY block may not)', () => {
    expect(one('BEGIN TRY SELECT 1/0 END TRY BEGIN CATCH THROW; END CATCH')).toMatchObject({
      kind: 'TryCatch',
      tryStatements: [{ kind: 'SelectStatement' }],
      catchStatements: [{ kind: 'Throw', args: [] }],
    });
    expect(one('BEGIN TRY PRINT 1 END TRY BEGIN CATCH END CATCH')).toMatchObject({ kind: 'TryCatch', catchStatements: [] });
    expect(err('BEGIN TRY END TRY BEGIN CATCH END CATCH')).toBe('156@1:11');
    expect(err('BEGIN TRY PRINT 1 END TRY; BEGIN CATCH END CATCH')).toBe('102@1:26');
    expect(err('BEGIN TRY; PRINT 1; END TRY BEGIN CATCH; END CATCH;')).toBe('ok');
    expect(err('BEGIN TRY PRINT 1 END TRY PRINT 2 BEGIN CATCH END CATCH')).toBe('156@1:27');
    expect(err('BEGIN TRY PRINT 1 END BEGIN CATCH END CATCH')).toBe('156@1:23');
    expect(err('BEGIN TRY PRINT 1 END TRY BEGIN CATCH PRINT 2 END')).toBe('156@1:47');
  });

  it('parses RETURN with and without a value', () => {
    expect(one('RETURN')).toMatchObject({ kind: 'Return' });
    expect(one('RETURN @x + 1')).toMatchObject({ kind: 'Return', value: { kind: 'Binary' } });
    expect(one('RETURN (SELECT 1)')).toMatchObject({ kind: 'Return', value: { kind: 'Subquery' } });
    expect(parse('RETURN\nSELECT 1')).toMatchObject([{ kind: 'Return' }, { kind: 'SelectStatement' }]);
    expect(parse('IF @x = 1 RETURN\nPRINT 1')).toMatchObject([{ kind: 'If', then: { kind: 'Return' } }, { kind: 'Print' }]);
    expect(parse('BEGIN RETURN END')).toMatchObject([{ kind: 'Block', statements: [{ kind: 'Return' }] }]);
    expect(err('RETURN 1 2')).toBe('102@1:10');
  });

  it('parses GOTO and labels', () => {
    expect(parse('GOTO done\nPRINT 1\ndone:\nPRINT 2')).toMatchObject([{ kind: 'Goto', label: 'done' }, { kind: 'Print' }, { kind: 'Label', name: 'done' }, { kind: 'Print' }]);
    expect(err('GOTO')).toBe('156@1:1');
    expect(err('GOTO 1')).toBe('102@1:6');
  });

  it('parses THROW with zero or three arguments', () => {
    expect(one("THROW 50000, N'Bad', 1")).toMatchObject({ kind: 'Throw', args: [{ kind: 'Literal', value: '50000' }, { kind: 'Literal', type: 'nstring' }, { kind: 'Literal' }] });
    expect(one('THROW @n, @m, @s')).toMatchObject({ args: [{ kind: 'Variable' }, { kind: 'Variable' }, { kind: 'Variable' }] });
    expect(parse('BEGIN TRY PRINT 1 END TRY BEGIN CATCH THROW END CATCH')).toHaveLength(1);
    expect(err('THROW 50000')).toBe('102@1:7');
    expect(err("THROW 50000, 'a'")).toBe('102@1:14');
    expect(err("THROW 50000, 'a' + @b, 1")).toBe('102@1:18');
    expect(err("THROW 50000, 'a', 1,")).toBe('102@1:20');
    expect(err("THROW 50000, 12, 1")).toBe('102@1:14');
    expect(err("THROW 5.5, 'a', 1")).toBe('102@1:7');
  });

  it('parses RAISERROR and rejects the removed legacy form', () => {
    expect(one("RAISERROR (N'Bad %s %d', 16, 1, @name, 5) WITH NOWAIT, LOG")).toMatchObject({
      kind: 'Raiserror',
      args: [{ kind: 'Literal' }, { kind: 'Literal' }, { kind: 'Literal' }, { kind: 'Variable' }, { kind: 'Literal' }],
      options: ['NOWAIT', 'LOG'],
    });
    expect(err('RAISERROR(@msg, @sev, @state)')).toBe('ok');
    expect(err('RAISERROR(50001, 10, 1) WITH SETERROR')).toBe('ok');
    expect(err("RAISERROR 50001 'text'")).toBe('102@1:11');
    expect(err("RAISERROR('x', 16)")).toBe('102@1:18');
    expect(err("RAISERROR('x', 16, 1) WITH LOGG")).toBe('102@1:28');
    expect(err("RAISERROR('x', 16, 1,)")).toBe('102@1:22');
    expect(err("RAISERROR('x', 16.5, 1)")).toBe('102@1:16');
    expect(err("RAISERROR('x', 16, 1, -5, @@SPID, N'a')")).toBe('ok');
    expect(err("RAISERROR('x', -1, +1)")).toBe('102@1:20');
    expect(err("RAISERROR('x', 16, 1) WITH")).toBe('156@1:23');
  });

  it('parses PRINT and WAITFOR', () => {
    expect(one("PRINT 'a' + CAST(@x AS varchar(10))")).toMatchObject({ kind: 'Print', value: { kind: 'Binary' } });
    expect(err('PRINT')).toBe('156@1:1');
    expect(one("WAITFOR DELAY '00:00:01'")).toMatchObject({ kind: 'Waitfor', mode: 'DELAY', value: { kind: 'Literal' } });
    expect(one('WAITFOR TIME @t')).toMatchObject({ kind: 'Waitfor', mode: 'TIME' });
    expect(err("WAITFOR '00:00:01'")).toBe('102@1:9');
  });
});

describe('transactions', () => {
  it('parses BEGIN / COMMIT / ROLLBACK / SAVE', () => {
    expect(one('BEGIN TRAN')).toMatchObject({ kind: 'BeginTransaction', distributed: false });
    expect(one("BEGIN TRANSACTION t1 WITH MARK 'm'")).toMatchObject({ kind: 'BeginTransaction', name: { value: 't1' }, mark: true, markDescription: { kind: 'Literal' } });
    expect(one('BEGIN DISTRIBUTED TRANSACTION @t')).toMatchObject({ distributed: true, name: { kind: 'Variable' } });
    expect(one('COMMIT')).toMatchObject({ kind: 'Commit' });
    expect(one('COMMIT WORK')).toMatchObject({ kind: 'Commit' });
    expect(one('COMMIT TRAN t1')).toMatchObject({ kind: 'Commit', name: { value: 't1' } });
    expect(one('COMMIT TRANSACTION WITH (DELAYED_DURABILITY = ON)')).toMatchObject({ kind: 'Commit', delayedDurability: 'ON' });
    expect(one('ROLLBACK TRANSACTION sp1')).toMatchObject({ kind: 'Rollback', name: { value: 'sp1' } });
    expect(one('ROLLBACK')).toMatchObject({ kind: 'Rollback' });
    expect(one('SAVE TRAN @sp')).toMatchObject({ kind: 'Save', name: { kind: 'Variable' } });
    expect(parse('BEGIN TRAN\nUPDATE t SET a = 1\nCOMMIT')).toMatchObject([{ kind: 'BeginTransaction' }, { kind: 'Update' }, { kind: 'Commit' }]);
    expect(parse('IF @@TRANCOUNT > 0 ROLLBACK\nPRINT 1')).toMatchObject([{ kind: 'If', then: { kind: 'Rollback' } }, { kind: 'Print' }]);
  });

  it('rejects malformed transaction statements', () => {
    expect(err('SAVE TRAN')).toBe('156@1:6');
    expect(err('SAVE t1')).toBe('102@1:6');
    expect(err('COMMIT TRAN WITH (DELAYED_DURABILITY = MAYBE)')).toBe('102@1:40');
    expect(err('BEGIN TRAN t1 t2')).toBe('102@1:15');
    expect(err('BEGIN DISTRIBUTED')).toBe('156@1:7');
  });

  it('parses BEGIN ATOMIC blocks', () => {
    expect(parseBatch("BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N'us_english') SELECT 1 END").statements).toMatchObject([
      { kind: 'AtomicBlock', options: ['TRANSACTION ISOLATION LEVEL=SNAPSHOT', 'LANGUAGE=us_english'], statements: [{ kind: 'SelectStatement' }] },
    ]);
    expect(err('BEGIN ATOMIC SELECT 1 END')).toBe('156@1:14');
  });
});

describe('EXEC', () => {
  it('calls procedures with positional and named arguments', () => {
    expect(one('EXEC dbo.p 1, @a, @b OUTPUT')).toMatchObject({
      kind: 'Execute',
      procedure: { schema: { value: 'dbo' }, name: { value: 'p' } },
      args: [
        { kind: 'ExecArgument', value: { kind: 'Literal', value: '1' }, isDefault: false, output: false },
        { kind: 'ExecArgument', value: { kind: 'Variable', name: '@a' } },
        { kind: 'ExecArgument', value: { kind: 'Variable', name: '@b' }, output: true },
      ],
    });
    const named = one('EXECUTE p @x = 1, @y = @z OUT, @w = DEFAULT');
    expect(named).toMatchObject({
      args: [
        { name: '@x', value: { kind: 'Literal' } },
        { name: '@y', value: { kind: 'Variable', name: '@z' }, output: true },
        { name: '@w', isDefault: true },
      ],
    });
    expect(one('EXEC @rc = dbo.p')).toMatchObject({ returnStatus: { kind: 'Variable', name: '@rc' }, procedure: { name: { value: 'p' } }, args: [] });
    expect(one('EXEC @proc')).toMatchObject({ procedureVariable: { name: '@proc' } });
    expect(one('EXEC @rc = @proc 1')).toMatchObject({ returnStatus: { name: '@rc' }, procedureVariable: { name: '@proc' }, args: [{}] });
    expect(one('EXEC p @@SPID, @n = @@SERVERNAME')).toMatchObject({ args: [{ value: { kind: 'GlobalVariable' } }, { name: '@n', value: { kind: 'GlobalVariable' } }] });
    expect(one('EXEC p DEFAULT')).toMatchObject({ args: [{ isDefault: true }] });
    expect(one('EXEC db.dbo.p')).toMatchObject({ procedure: { database: { value: 'db' } } });
    expect(one('EXEC sp_help Atoms')).toMatchObject({ args: [{ value: { kind: 'Ident', value: 'Atoms' } }] });
    expect(one('EXEC p -1, $5, NULL, 0x0A')).toMatchObject({ args: [{ value: { kind: 'Unary' } }, { value: { type: 'money' } }, { value: { type: 'null' } }, { value: { type: 'binary' } }] });
    expect(one("EXEC sp_executesql @stmt, N'@p int', @p = 1")).toMatchObject({ args: [{ value: { name: '@stmt' } }, { value: { type: 'nstring' } }, { name: '@p' }] });
  });

  it('executes strings', () => {
    expect(one("EXEC ('SELECT 1')")).toMatchObject({ kind: 'Execute', sql: [{ kind: 'Literal' }], args: [] });
    expect(one("EXEC (N'a' + @b + 'c')")).toMatchObject({ sql: [{ kind: 'Literal' }, { kind: 'Variable' }, { kind: 'Literal' }] });
    expect(one('EXEC (@sql) AT LinkedServer')).toMatchObject({ sql: [{ kind: 'Variable' }], at: { value: 'LinkedServer' } });
    expect(one("EXEC (@sql) AS USER = 'x'")).toMatchObject({ asContext: { kind: 'ExecuteContext', principalType: 'USER', principal: { kind: 'Literal' } } });
    expect(one("EXEC ('SELECT ?', 5) AT srv")).toMatchObject({ args: [{ value: { value: '5' } }] });
    expect(one('EXEC (@sql) AT DATA_SOURCE ds')).toMatchObject({ atDataSource: true, at: { value: 'ds' } });
  });

  it('parses WITH options', () => {
    expect(one('EXEC p WITH RECOMPILE')).toMatchObject({ withOptions: ['RECOMPILE'] });
    expect(one('EXEC p WITH RESULT SETS NONE')).toMatchObject({ withOptions: ['RESULT SETS NONE'] });
    expect(one('EXEC p WITH RESULT SETS UNDEFINED')).toMatchObject({ withOptions: ['RESULT SETS UNDEFINED'] });
    expect(one('EXEC p WITH RESULT SETS ((a int NOT NULL, b nvarchar(10)), (c int))')).toMatchObject({
      withOptions: ['RESULT SETS'],
      resultSets: [{ columns: [{ name: { value: 'a' }, nullable: false }, { name: { value: 'b' } }] }, { columns: [{ name: { value: 'c' } }] }],
    });
    expect(one('EXEC p WITH RESULT SETS (AS OBJECT dbo.t)')).toMatchObject({ resultSets: [{ asObject: { name: { value: 't' } } }] });
    expect(err('EXEC p 1 WITH RECOMPILE, RESULT SETS NONE')).toBe('ok');
  });

  it('stops before the next statement', () => {
    expect(parse('EXEC p\nSELECT 1')).toMatchObject([{ kind: 'Execute', args: [] }, { kind: 'SelectStatement' }]);
    expect(parse('EXEC p 1\nEXEC q')).toMatchObject([{ kind: 'Execute', args: [{}] }, { kind: 'Execute' }]);
    expect(parse('IF 1 = 1 EXEC p\ndone:\nPRINT 1')).toMatchObject([{ kind: 'If' }, { kind: 'Label' }, { kind: 'Print' }]);
    expect(parse('EXEC p;2')).toMatchObject([{ kind: 'Execute', procedureNumber: 2 }]);
  });

  it('rejects expressions as arguments and other malformed calls', () => {
    expect(err('EXEC p 1 + 1')).toBe('102@1:10');
    expect(err('EXEC p @a + 1')).toBe('102@1:11');
    expect(err('EXEC p 1,')).toBe('102@1:9');
    expect(err('EXEC p dbo.x')).toBe('102@1:11');
    expect(err('EXEC p GETDATE()')).not.toBe('ok');
    expect(err("EXEC ('SELECT ' + CAST(1 AS varchar))")).toBe('102@1:19');
    expect(err('EXEC')).toBe('156@1:1');
    expect(err('EXEC ()')).toBe('102@1:7');
    expect(err('EXEC p WITH')).not.toBe('ok');
    expect(err('EXEC p WITH RESULT SETS')).toBe('102@1:20');
  });

  it('follows the SQL Server 2022 parser on argument values, OUTPUT and named arguments', () => {
    expect(err('EXEC p +1')).toBe('102@1:8');
    expect(err('EXEC p 1 OUTPUT')).toBe('102@1:10');
    expect(err('EXEC p DEFAULT OUTPUT')).toBe('102@1:16');
    expect(err('EXEC p @a = 1, 2')).toBe('119@1:16');
    expect(err('EXEC p 1, @a = 1, @b = 2')).toBe('ok');
    expect(err('EXEC p WITH x')).toBe('102@1:13');
    expect(err("EXEC ('x') AS USER = @u")).toBe('102@1:22');
    expect(err('EXEC (@@x)')).toBe('ok');
    expect(err('EXEC p 1.5, 1e3, -$2.5')).toBe('ok');
  });

  it('parses EXECUTE AS and REVERT', () => {
    expect(one("EXECUTE AS USER = 'u' WITH COOKIE INTO @c")).toMatchObject({ kind: 'ExecuteAs', context: { principalType: 'USER' }, cookieInto: { name: '@c' } });
    expect(one("EXEC AS LOGIN = 'l' WITH NO REVERT")).toMatchObject({ kind: 'ExecuteAs', context: { principalType: 'LOGIN' }, noRevert: true });
    expect(one('EXECUTE AS CALLER')).toMatchObject({ kind: 'ExecuteAs', context: { principalType: 'CALLER' } });
    expect(one('EXECUTE AS USER = @u')).toMatchObject({ kind: 'ExecuteAs', context: { principal: { kind: 'Variable' } } });
    expect(one('REVERT')).toMatchObject({ kind: 'Revert' });
    expect(one('REVERT WITH COOKIE = @c')).toMatchObject({ kind: 'Revert', cookie: { name: '@c' } });
    expect(err('EXECUTE AS USER')).toBe('156@1:12');
    expect(err("EXECUTE AS OWNER = 'x'")).toBe('102@1:12');
  });
});

describe('cursors', () => {
  it('takes one option of each bracket, and FAST_FORWARD without SCROLL (Msg 1048)', () => {
    expect(err('DECLARE c CURSOR LOCAL GLOBAL FOR SELECT 1')).toBe('1048@1:24');
    expect(err('DECLARE c CURSOR FAST_FORWARD SCROLL FOR SELECT 1')).toBe('1048@1:31');
    expect(err('DECLARE c CURSOR FORWARD_ONLY STATIC READ_ONLY OPTIMISTIC FOR SELECT a FROM t')).toBe('1048@1:48');
    expect(err('SET @c = CURSOR STATIC KEYSET FOR SELECT 1')).toBe('1048@1:24');
    expect(one('DECLARE c CURSOR LOCAL FORWARD_ONLY FAST_FORWARD READ_ONLY TYPE_WARNING FOR SELECT a FROM t')).toMatchObject({ options: ['LOCAL', 'FORWARD_ONLY', 'FAST_FORWARD', 'READ_ONLY', 'TYPE_WARNING'] });
  });
  it('opens, fetches, closes and deallocates', () => {
    expect(parse('OPEN c\nFETCH NEXT FROM c INTO @a, @b\nCLOSE c\nDEALLOCATE c')).toMatchObject([
      { kind: 'OpenCursor', cursor: { kind: 'Ident', value: 'c' }, global: false },
      { kind: 'Fetch', orientation: 'NEXT', cursor: { value: 'c' }, into: [{ name: '@a' }, { name: '@b' }] },
      { kind: 'CloseCursor', cursor: { value: 'c' } },
      { kind: 'Deallocate', cursor: { value: 'c' } },
    ]);
    expect(one('FETCH ABSOLUTE -2 FROM GLOBAL c')).toMatchObject({ kind: 'Fetch', orientation: 'ABSOLUTE', offset: { kind: 'Unary' }, global: true });
    expect(one('FETCH RELATIVE @n FROM @cur')).toMatchObject({ orientation: 'RELATIVE', cursor: { kind: 'Variable' } });
    expect(one('FETCH c INTO @a')).toMatchObject({ kind: 'Fetch', cursor: { value: 'c' } });
    expect(one('FETCH FROM c')).toMatchObject({ kind: 'Fetch', cursor: { value: 'c' } });
    expect(one('OPEN GLOBAL c')).toMatchObject({ global: true, cursor: { value: 'c' } });
    expect(one('DEALLOCATE @c')).toMatchObject({ cursor: { kind: 'Variable' } });
  });

  it('rejects malformed cursor statements', () => {
    expect(err('FETCH NEXT c')).toBe('102@1:12');
    expect(err('FETCH NEXT FROM c INTO')).toBe('156@1:19');
    expect(err('FETCH NEXT FROM c INTO @a,')).toBe('102@1:26');
    expect(err('OPEN')).toBe('156@1:1');
    expect(err('CLOSE 1')).toBe('102@1:7');
  });

  it('opens and closes keys', () => {
    expect(one("OPEN SYMMETRIC KEY k DECRYPTION BY CERTIFICATE c WITH PASSWORD = 'p'")).toMatchObject({ kind: 'OpenKey', keyType: 'SYMMETRIC KEY', name: { value: 'k' } });
    expect(one("OPEN MASTER KEY DECRYPTION BY PASSWORD = 'p'")).toMatchObject({ kind: 'OpenKey', keyType: 'MASTER KEY' });
    expect(one('CLOSE ALL SYMMETRIC KEYS')).toMatchObject({ kind: 'CloseKey', keyType: 'ALL SYMMETRIC KEYS' });
    expect(one('CLOSE SYMMETRIC KEY k')).toMatchObject({ kind: 'CloseKey', name: { value: 'k' } });
  });
});

describe('Service Broker conversations', () => {
  it('begins a dialog', () => {
    expect(one("BEGIN DIALOG CONVERSATION @h FROM SERVICE [//a/Init] TO SERVICE N'//a/Target', 'CURRENT DATABASE' ON CONTRACT [//a/C] WITH ENCRYPTION = OFF, LIFETIME = 600")).toMatchObject({
      kind: 'BeginDialog',
      handle: { kind: 'Variable', name: '@h' },
      fromService: { value: '//a/Init' },
      toService: { kind: 'Literal', value: '//a/Target' },
      toInstance: { kind: 'Literal' },
      contract: { value: '//a/C' },
      options: [{ name: 'ENCRYPTION', word: 'OFF' }, { name: 'LIFETIME', value: { kind: 'Literal' } }],
    });
    expect(err("BEGIN DIALOG @h FROM SERVICE s TO SERVICE 't' WITH RELATED_CONVERSATION_GROUP = @g")).toBe('ok');
    expect(err("BEGIN DIALOG @h FROM SERVICE s TO SERVICE t")).toBe('102@1:43');
    expect(err("BEGIN DIALOG @h TO SERVICE 't'")).toBe('156@1:17');
  });

  it('sends, receives and ends conversations', () => {
    expect(one('SEND ON CONVERSATION @h MESSAGE TYPE [//a/M] (@body)')).toMatchObject({ kind: 'Send', conversations: [{ name: '@h' }], messageType: { value: '//a/M' }, body: { kind: 'Variable' } });
    expect(one('SEND ON CONVERSATION (@h1, @h2) MESSAGE TYPE m')).toMatchObject({ conversations: [{ name: '@h1' }, { name: '@h2' }] });
    expect(one('RECEIVE TOP (1) @h = conversation_handle, @t = message_type_name, message_body FROM dbo.q INTO @msgs WHERE conversation_group_id = @g')).toMatchObject({
      kind: 'Receive',
      top: { kind: 'Literal' },
      items: [{ target: { name: '@h' }, expr: { kind: 'ColumnRef' } }, { target: { name: '@t' } }, { expr: { kind: 'ColumnRef' } }],
      queue: { schema: { value: 'dbo' }, name: { value: 'q' } },
      into: { name: '@msgs' },
      whereColumn: 'CONVERSATION_GROUP_ID',
      where: { kind: 'Variable', name: '@g' },
    });
    expect(one('RECEIVE * FROM q')).toMatchObject({ items: [{ expr: { kind: 'ColumnRef', star: true } }] });
    expect(one('WAITFOR (RECEIVE TOP (1) * FROM q), TIMEOUT 5000')).toMatchObject({ kind: 'Waitfor', mode: 'STATEMENT', statement: { kind: 'Receive' }, timeout: { kind: 'Literal' } });
    expect(one('WAITFOR (GET CONVERSATION GROUP @g FROM q), TIMEOUT @t')).toMatchObject({ statement: { kind: 'GetConversationGroup' } });
    expect(one("END CONVERSATION @h WITH ERROR = 1 DESCRIPTION = 'bad'")).toMatchObject({ kind: 'EndConversation', handle: { name: '@h' }, error: { kind: 'Literal' }, description: { kind: 'Literal' }, cleanup: false });
    expect(one('END CONVERSATION @h WITH CLEANUP')).toMatchObject({ cleanup: true });
    expect(parse('BEGIN END CONVERSATION @h END')).toMatchObject([{ kind: 'Block', statements: [{ kind: 'EndConversation' }] }]);
    expect(one('GET CONVERSATION GROUP @g FROM dbo.q')).toMatchObject({ kind: 'GetConversationGroup', target: { name: '@g' } });
    expect(one('MOVE CONVERSATION @h TO @g')).toMatchObject({ kind: 'MoveConversation' });
    expect(one('BEGIN CONVERSATION TIMER (@h) TIMEOUT = 60')).toMatchObject({ kind: 'BeginConversationTimer', timeout: { kind: 'Literal' } });
  });

  it('rejects malformed Service Broker statements', () => {
    expect(err('SEND @h')).toBe('102@1:6');
    expect(err('RECEIVE FROM q')).toBe('156@1:9');
    expect(err('RECEIVE * q')).toBe('102@1:11');
    expect(err('END CONVERSATION')).toBe('102@1:5');
    expect(err('END CONVERSATION @h WITH ERROR = 1')).toBe('102@1:34');
    expect(err('MOVE CONVERSATION @h @g')).toBe('102@1:22');
  });
});

describe('session and server statements', () => {
  it('parses USE, DBCC, CHECKPOINT, KILL, RECONFIGURE, SHUTDOWN, SETUSER', () => {
    expect(one('USE [master]')).toMatchObject({ kind: 'Use', database: { value: 'master', quoted: true } });
    expect(one("DBCC CHECKIDENT ('dbo.t', RESEED, 0) WITH NO_INFOMSGS")).toMatchObject({
      kind: 'Dbcc',
      command: 'CHECKIDENT',
      args: [{ kind: 'Literal' }, { kind: 'Ident', value: 'RESEED' }, { kind: 'Literal' }],
      options: ['NO_INFOMSGS'],
    });
    expect(one('DBCC FREEPROCCACHE')).toMatchObject({ kind: 'Dbcc', command: 'FREEPROCCACHE', args: [] });
    expect(one('DBCC TRACEON (1222, -1)')).toMatchObject({ args: [{ kind: 'Literal' }, { kind: 'Unary' }] });
    expect(one('DBCC CHECKDB WITH NO_INFOMSGS, ALL_ERRORMSGS, MAXDOP = 4')).toMatchObject({ options: ['NO_INFOMSGS', 'ALL_ERRORMSGS', 'MAXDOP'] });
    expect(one('CHECKPOINT')).toMatchObject({ kind: 'Checkpoint' });
    expect(one('CHECKPOINT 10')).toMatchObject({ kind: 'Checkpoint', duration: { kind: 'Literal' } });
    expect(one('KILL 52 WITH STATUSONLY')).toMatchObject({ kind: 'Kill', target: { kind: 'Literal' }, statusOnly: true });
    expect(one('KILL QUERY NOTIFICATION SUBSCRIPTION ALL')).toMatchObject({ kind: 'Kill', all: true });
    expect(one('RECONFIGURE WITH OVERRIDE')).toMatchObject({ kind: 'Reconfigure', override: true });
    expect(one('SHUTDOWN WITH NOWAIT')).toMatchObject({ kind: 'Shutdown', noWait: true });
    expect(one("SETUSER 'u' WITH NORESET")).toMatchObject({ kind: 'Setuser', noReset: true });
    expect(one('SETUSER')).toMatchObject({ kind: 'Setuser', noReset: false });
  });

  it('takes money constants as procedure arguments: spaces or a sign after the currency sign, or the sign alone', () => {
    expect(one('EXEC p $ 10.5, -$-2, $, @m = $')).toMatchObject({ kind: 'Execute' });
    expect(err('EXEC p $ - 1')).toBe('102@1:10');
  });

  it('takes WAIT_AT_LOW_PRIORITY after the shrink commands, with its abort choice', () => {
    expect(one('DBCC SHRINKDATABASE (d, 10) WITH WAIT_AT_LOW_PRIORITY (ABORT_AFTER_WAIT = SELF)')).toMatchObject({ options: ['WAIT_AT_LOW_PRIORITY'] });
    expect(one('DBCC SHRINKFILE (1, 10) WITH NO_INFOMSGS, WAIT_AT_LOW_PRIORITY')).toMatchObject({ options: ['NO_INFOMSGS', 'WAIT_AT_LOW_PRIORITY'] });
    expect(err('DBCC SHRINKFILE (1) WITH WAIT_AT_LOW_PRIORITY (ABORT_AFTER_WAIT = NONE)')).toBe('102@1:67');
    expect(err('DBCC SHRINKFILE (1) WITH WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1)')).toBe('102@1:48');
  });

  it('rejects malformed session statements', () => {
    expect(err('USE')).toBe('156@1:1');
    expect(err('DBCC CHECKDB (')).toBe('102@1:14');
    expect(err('DBCC CHECKDB (1,)')).toBe('102@1:17');
    expect(err('KILL')).toBe('156@1:1');
    expect(err('KILL @spid')).toBe('102@1:6');
    expect(err("KILL 'D5499C66-E398-45CA-BF7E-DC9C194B48CF'")).toBe('ok');
    expect(err('RECONFIGURE WITH')).not.toBe('ok');
  });

  it('models BACKUP and RESTORE of a database or log', () => {
    const r = parseBatch("BACKUP DATABASE db TO DISK = 'x.bak' WITH INIT, COMPRESSION, STATS = 10\nSELECT 1");
    expect(r.error).toBeUndefined();
    expect(r.statements).toMatchObject([
      { kind: 'BackupRestore', verb: 'BACKUP', target: 'DATABASE', database: { value: 'db' }, devices: [{ name: 'DISK', values: [{ value: 'x.bak' }] }], options: [{ name: 'INIT' }, { name: 'COMPRESSION' }, { name: 'STATS', values: [{ value: '10' }] }] },
      { kind: 'SelectStatement' },
    ]);
    expect(r.opaque).toHaveLength(0);
    expect(one("BACKUP DATABASE @db FILEGROUP = 'PRIMARY', FILE = ('f1', @f2) TO a_device, URL = @u MIRROR TO DISK = 'm.bak' WITH FORMAT")).toMatchObject({
      database: { name: '@db' },
      files: [{ name: 'FILEGROUP' }, { name: 'FILE', values: [{ kind: 'Literal' }, { kind: 'Variable' }] }],
      devices: [{ name: '', values: [{ value: 'a_device' }] }, { name: 'URL' }],
      mirrors: [[{ name: 'DISK' }]],
    });
    expect(one("BACKUP LOG db TO DISK = 'l.trn' WITH ENCRYPTION (ALGORITHM = AES_256, SERVER CERTIFICATE = BackupCert), COMPRESSION (ALGORITHM = QAT_DEFLATE)")).toMatchObject({ target: 'LOG', options: [{ name: 'ENCRYPTION' }, { name: 'COMPRESSION' }] });
    expect(parse("RESTORE DATABASE db FROM DISK = 'x.bak' WITH REPLACE, MOVE 'a' TO 'b', FILE = 2, STOPATMARK = 'm' AFTER @when, NORECOVERY\nPRINT 1")).toMatchObject([
      { kind: 'BackupRestore', verb: 'RESTORE', options: [{ name: 'REPLACE' }, { name: 'MOVE', values: [{}, {}] }, { name: 'FILE' }, { name: 'STOPATMARK', values: [{}, { kind: 'Variable' }] }, { name: 'NORECOVERY' }] },
      { kind: 'Print' },
    ]);
    expect(parse('RESTORE LOG @db WITH RECOVERY\nPRINT 1')).toMatchObject([{ kind: 'BackupRestore', target: 'LOG' }, { kind: 'Print' }]);
    expect(one("RESTORE FILELISTONLY FROM DISK = 'x'")).toMatchObject({ kind: 'BackupRestore', target: 'FILELISTONLY' });
    expect(one('RESTORE DATABASE WideWorldImporters FROM DISK = "/tmp/backup/w.bak"')).toMatchObject({ devices: [{ values: [{ value: '/tmp/backup/w.bak' }] }] });
    expect(one("RESTORE DATABASE db FROM DISK = 'x' WITH FILESTREAM (DIRECTORY_NAME = fsdir), STANDBY = 'undo.dat'")).toMatchObject({ options: [{ name: 'FILESTREAM' }, { name: 'STANDBY' }] });
    // The certificate and master key forms are kept whole, as notes.
    expect(parse("BACKUP CERTIFICATE c TO FILE = 'c.cer'\nPRINT 1")).toMatchObject([{ kind: 'Opaque', what: 'BACKUP CERTIFICATE' }, { kind: 'Print' }]);
  });

  it('reads READTEXT, WRITETEXT and UPDATETEXT of a table.column', () => {
    expect(parse("WRITETEXT t.c @ptr 'x'\nPRINT 1")).toMatchObject([{ kind: 'TextPointerStatement', command: 'WRITETEXT', column: { schema: { value: 't' }, name: { value: 'c' } } }, { kind: 'Print' }]);
    expect(one('READTEXT dbo.Docs.Body @ptr 0 100 HOLDLOCK')).toMatchObject({ kind: 'TextPointerStatement', command: 'READTEXT' });
    expect(one('WRITETEXT BULK Docs.Body @ptr WITH LOG NULL')).toMatchObject({ bulk: true });
    expect(one("UPDATETEXT Docs.Body @ptr NULL 0 WITH LOG N'tail'")).toMatchObject({ command: 'UPDATETEXT' });
    expect(parse('UPDATETEXT Docs.Body @ptr 5 -1 Drafts.Body @src\nPRINT 1')).toMatchObject([{ command: 'UPDATETEXT' }, { kind: 'Print' }]);
    expect(parse('UPDATETEXT Docs.Body @ptr @at @len\nPRINT 1')).toMatchObject([{ command: 'UPDATETEXT' }, { kind: 'Print' }]);
    // The column is named with its table; the pointer, offset and size are constants or variables.
    expect(err('READTEXT Body @ptr 0 100')).toBe('102@1:10');
    expect(err('READTEXT Docs.Body @ptr 0')).toBe('102@1:25');
    expect(err('WRITETEXT Docs.Body @ptr')).toBe('102@1:21');
  });

  it('rejects malformed BACKUP and RESTORE', () => {
    expect(err('BACKUP DATABASE')).toBe('156@1:8');
    // TRANSACTION / TRAN for LOG were removed in SQL Server 2008.
    expect(err('BACKUP TRANSACTION db TO dev')).toBe('156@1:8');
    expect(err('RESTORE TRAN @db FROM dev')).toBe('156@1:9');
    expect(err("BACKUP DATABASE db TO DISK = 'a', WITH INIT")).toBe('156@1:35');
    expect(err("BACKUP DATABASE db TO DISK 'a'")).toBe('102@1:28');
    expect(err("BACKUP DATABASE db TO DISK = 'a' WITH STATS = 1 + 1")).toBe('102@1:49');
    expect(err("BACKUP DATABASE db TO DISK = 'a' WITH")).not.toBe('ok');
    expect(err("RESTORE DATABASE db FROM DISK = 'a' WITH MOVE 'x' 'y'")).toBe('102@1:51');
    expect(err("RESTORE HEADERONLY DISK = 'a'")).toBe('102@1:20');
    expect(err("BACKUP LOG db FILE = 'f' TO DISK = 'a'")).toBe('156@1:15');
  });
});

describe('conformance with the SQL Server 2022 parser', () => {
  it('accepts the forms the SQL Server 2022 parser allows', () => {
    expect(one('BEGIN TRAN WITH MARK')).toMatchObject({ kind: 'BeginTransaction', mark: true });
    expect(one("BEGIN DISTRIBUTED TRANSACTION t WITH MARK 'm'")).toMatchObject({ distributed: true, mark: true });
    expect(one('SAVE TRAN 5:a.b')).toMatchObject({ kind: 'Save', name: { value: '5:a.b' } });
    expect(one('DBCC mycmd (a = NULL, b = -1, RESEED)')).toMatchObject({ kind: 'Dbcc', args: [{ kind: 'Literal' }, { kind: 'Unary' }, { value: 'RESEED' }] });
    expect(one('DBCC SHOW_STATISTICS (t, ix) WITH STAT_HEADER JOIN DENSITY_VECTOR')).toMatchObject({ options: ['STAT_HEADER', 'DENSITY_VECTOR'] });
    expect(one("DECLARE @c AS CURSOR = 'x'")).toMatchObject({ kind: 'Declare', items: [{ cursor: true, value: { kind: 'Literal' } }] });
    expect(one('END CONVERSATION 10')).toMatchObject({ kind: 'EndConversation', handle: { kind: 'Literal' } });
    expect(one('MOVE CONVERSATION @h + 0 TO @g')).toMatchObject({ kind: 'MoveConversation', handle: { kind: 'Binary' } });
    expect(one('SEND ON CONVERSATION ((@h)) MESSAGE TYPE @type')).toMatchObject({ kind: 'Send', messageType: { name: '@type' } });
    expect(one("RECEIVE message_body 'Body' FROM q WHERE conversation_handle = @h")).toMatchObject({ items: [{ alias: { value: 'Body' } }], whereColumn: 'CONVERSATION_HANDLE' });
    expect(one('BEGIN DIALOG @h FROM SERVICE @from TO SERVICE \'to\' ON CONTRACT @c WITH LIFETIME = 60 * 60, ENCRYPTION = OFF')).toMatchObject({ fromService: { name: '@from' }, contract: { name: '@c' }, options: [{ name: 'LIFETIME', value: { kind: 'Binary' } }, { name: 'ENCRYPTION', word: 'OFF' }] });
    expect(one('BEGIN CONVERSATION TIMER (@h) TIMEOUT = @t * 2')).toMatchObject({ kind: 'BeginConversationTimer', timeout: { kind: 'Binary' } });
    expect(one('REVERT WITH COOKIE = 10')).toMatchObject({ kind: 'Revert', cookie: { kind: 'Literal' } });
    expect(one('SET @x.method(1, DEFAULT)')).toMatchObject({ kind: 'SetVariable', args: [{ kind: 'Literal' }, { kind: 'DefaultArgument' }] });
    expect(one('SET @s ||= N\'x\'')).toMatchObject({ kind: 'SetVariable', op: '||=' });
    expect(one("EXEC OPENDATASOURCE('SQLNCLI', 'Data Source=s').db.dbo.p 1")).toMatchObject({ kind: 'Execute', dataSource: [{ value: 'SQLNCLI' }, {}], procedure: { name: { value: 'p' } } });
    expect(one("EXEC ('SELECT 1', 5, @a) AS LOGIN")).toMatchObject({ asContext: { principalType: 'LOGIN' } });
    expect(one('LINENO 42')).toMatchObject({ kind: 'LineNo' });
  });

  it('rejects what the SQL Server 2022 parser rejects', () => {
    expect(err('BEGIN TRAN WITH x')).toBe('102@1:17');
    expect(err('DBCC CHECKIDENT (\'t\', RESEED, @n + 1)')).toBe('102@1:34');
    expect(err('DBCC CHECKDB WITH NO_INFOMSGS JOIN ALL_ERRORMSGS, TABLOCK')).not.toBe('ok');
    expect(err("RECEIVE * FROM q WHERE message_type_name = 'x'")).toBe('102@1:24');
    expect(err('RECEIVE * FROM q WHERE conversation_handle = @a + 1')).toBe('102@1:49');
    expect(err('BEGIN DIALOG @h FROM SERVICE s TO SERVICE \'t\' WITH LIFETIME = 1 ENCRYPTION = ON')).toBe('102@1:65');
    expect(err('BEGIN DIALOG @h FROM SERVICE s TO SERVICE \'t\' WITH LIFETIME = 1, LIFETIME = 2')).toBe('102@1:66');
    expect(err('BEGIN DIALOG @h FROM SERVICE s TO SERVICE \'t\' WITH RELATED_CONVERSATION = @a, RELATED_CONVERSATION_GROUP = @b')).toBe('102@1:79');
    expect(err('EXEC p WITH RECOMPILE, RECOMPILE')).toBe('102@1:24');
    expect(err('EXEC p WITH RESULT SETS NONE, RESULT SETS UNDEFINED')).toBe('102@1:31');
    expect(err("EXEC ('SELECT 1') AS CALLER")).toBe('102@1:22');
    expect(err('GOTO [lbl]')).toBe('102@1:6');
    expect(err('LINENO x')).toBe('102@1:8');
    expect(err('SET @s | |= 1')).not.toBe('ok');
    expect(err("WAITFOR DELAY '00:00:01' + @extra")).toBe('102@1:26');
    expect(err('WAITFOR (RECEIVE * FROM q), TIMEOUT @t * 2')).toBe('102@1:40');
    expect(err('CHECKPOINT 1.5')).toBe('102@1:12');
    expect(err("EXEC ('SELECT ?', @p = N'a', 15)")).toBe('119@1:30');
  });
});

describe('realistic procedure bodies', () => {
  it('parses a cursor loop with TRY/CATCH and a transaction', () => {
    const sql = `
SET NOCOUNT ON;
DECLARE @id int, @name sysname;
DECLARE cur CURSOR LOCAL FAST_FORWARD FOR SELECT id, name FROM dbo.t WHERE active = 1;
OPEN cur;
FETCH NEXT FROM cur INTO @id, @name;
WHILE @@FETCH_STATUS = 0
BEGIN
  BEGIN TRY
    BEGIN TRAN;
    EXEC dbo.process @id = @id, @name = @name;
    COMMIT;
  END TRY
  BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK;
    DECLARE @msg nvarchar(4000) = ERROR_MESSAGE();
    RAISERROR(@msg, 16, 1) WITH NOWAIT;
  END CATCH
  FETCH NEXT FROM cur INTO @id, @name;
END
CLOSE cur;
DEALLOCATE cur;
RETURN 0;`;
    expect(parse(sql).map((s) => s.kind)).toEqual(['SetOption', 'Declare', 'DeclareCursor', 'OpenCursor', 'Fetch', 'While', 'CloseCursor', 'Deallocate', 'Return']);
  });
});

describe('exported entry points', () => {
  const parser = (sql: string): Parser => {
    // Loading index.js registered every area's statements.
    expect(parseBatch('PRINT 1').error).toBeUndefined();
    return new Parser(sql, lexCode(sql));
  };

  it('parseImplicitExec parses a call without EXEC', () => {
    const p = parser("sp_addrolemember N'db_owner', Atoms");
    expect(parseImplicitExec(p)).toMatchObject({ kind: 'Execute', procedure: { name: { value: 'sp_addrolemember' } }, args: [{ value: { kind: 'Literal' } }, { value: { kind: 'Ident', value: 'Atoms' } }] });
    expect(p.atEnd()).toBe(true);
  });

  it('parseExecuteBody parses what follows EXEC (for INSERT … EXEC)', () => {
    const p = parser('dbo.p @a = 1 SELECT 1');
    expect(parseExecuteBody(p, 0)).toMatchObject({ kind: 'Execute', start: 0, end: 12, args: [{ name: '@a' }] });
    expect(p.tok.upper).toBe('SELECT');
  });

  it('parseBlock parses BEGIN … END and BEGIN ATOMIC', () => {
    expect(parseBlock(parser('BEGIN RETURN 1 END'))).toMatchObject({ kind: 'Block', statements: [{ kind: 'Return' }] });
    expect(parseBlock(parser('BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N\'us_english\') RETURN 1 END'))).toMatchObject({ kind: 'AtomicBlock' });
  });
});

describe('false errors removed (round 2): RESTORE', () => {
  it('takes double-quoted paths in MOVE … TO (QUOTED_IDENTIFIER OFF under sqlcmd)', () => {
    const r = parseBatch('RESTORE DATABASE W FROM DISK = "/tmp/w.bak" WITH MOVE "W_Data" TO "/data/w.mdf", MOVE @log TO \'/data/w.ldf\', REPLACE');
    expect(r.error).toBeUndefined();
    expect(r.statements[0]).toMatchObject({ options: [{ name: 'MOVE', values: [{ kind: 'Ident', value: 'W_Data' }, { kind: 'Ident' }] }, { name: 'MOVE', values: [{ kind: 'Variable' }, {}] }, { name: 'REPLACE' }] });
    // A bracketed name is no path.
    expect(parseBatch("RESTORE DATABASE W FROM DISK = 'x' WITH MOVE [W_Data] TO 'y'").error).toMatchObject({ code: 102, line: 1, col: 46 });
  });
});

