// The parser's shared rules: names with parts left out, data types, SQL Server's error wording.
import { describe, expect, it } from 'vitest';
import { parseBatch } from './index.js';

const error = (sql: string): string | undefined => {
  const e = parseBatch(sql).error;
  return e === undefined ? undefined : `${e.code} ${e.line}:${e.col} ${e.message}`;
};

describe('names and types', () => {
  it('takes names with leading parts left out, as the 2022 grammar does', () => {
    for (const sql of ['SELECT * FROM .t1', 'SELECT * FROM ..t1', 'SELECT * FROM .db..t1', 'SELECT * FROM srv.db.dbo.t', 'SELECT * FROM db..t']) expect(error(sql)).toBeUndefined();
    expect(error('SELECT * FROM dbo.')).toBe("102 1:18 Incorrect syntax near '.'.");
    expect(error('SELECT * FROM a.b.c.d.e')).toBe("117 1:22 The object name 'a.b.c.d.e' contains more than the maximum number of prefixes. The maximum is 3.");
  });

  it('reads a keyword or alias written against a number', () => {
    expect(error('SELECT 1a, 2.5b FROM t WHERE c=1AND d=2OR e IN(1,2)AND f=0x1FOR g=1')).toBeUndefined();
    expect(error('CREATE DATABASE d ON (NAME = d, FILENAME = \'d.mdf\', SIZE = 10MB, FILEGROWTH = 5 MB)')).toBeUndefined();
    // The word after the number is still read as what it is.
    expect(error('SELECT 1FROM')).toBe("156 1:9 Incorrect syntax near the keyword 'FROM'.");
  });

  it('separates tokens by Unicode spaces as by a space', () => {
    expect(error('SELECT\u2003GREATEST(1,\u202f2)\u3000AS\u2009g')).toBeUndefined();
    expect(error('SELECT\u200b1\u2028+\u16802\u0085AS\u2029g')).toBeUndefined();
    expect(error('SELECT\u0001\u001f1\u0008FROM\u000et\u0000')).toBeUndefined();
    expect(error('SELECT 1\u200bFROM')).toBe("156 1:10 Incorrect syntax near the keyword 'FROM'.");
  });

  it('allows MAX only as the length of varchar, nvarchar and varbinary', () => {
    expect(error('DECLARE @a varchar(max), @b nvarchar(MAX), @c varbinary(max), @d char varying(max), @e ncharacter varying(10)')).toBeUndefined();
    expect(error('DECLARE @a char(max)')).toBe("102 1:17 Incorrect syntax near 'max'.");
    expect(error('DECLARE @a binary(MAX)')).toBe("102 1:19 Incorrect syntax near 'MAX'.");
  });

  it('words errors as SQL Server does: 156 at a keyword, 102 elsewhere, the last token at the end', () => {
    expect(error('SELECT * FROM')).toBe("156 1:10 Incorrect syntax near the keyword 'FROM'.");
    expect(error('SELECT 1 +')).toBe("102 1:10 Incorrect syntax near '+'.");
    expect(error("SELECT 'abc")).toBe("105 1:8 Unclosed quotation mark after the character string 'abc'.");
    expect(error('SELECT 1 /* open')).toBe("113 1:10 Missing end comment mark '*/'.");
  });
});

describe('statements the grammar keeps whole', () => {
  it('are notes, and the statement after one is still checked', () => {
    const kept = parseBatch('CREATE EVENT SESSION s ON SERVER ADD EVENT sqlserver.sql_statement_completed (ACTION (sqlserver.sql_text))\nSET NOCOUNT ON');
    expect(kept.error).toBeUndefined();
    expect(kept.opaque.map((o) => o.what)).toEqual(['CREATE EVENT SESSION']);
    expect(error('CREATE EVENT SESSION s ON SERVER ADD EVENT sqlserver.sql_statement_completed (ACTION (sqlserver.sql_text))\nSET NOCOUNT ONN')).toBe("102 2:13 Incorrect syntax near 'ONN'.");
  });

  it("keep an availability group's GRANT / DENY CREATE ANY DATABASE; a GRANT with TO is the next statement", () => {
    const kept = parseBatch('ALTER AVAILABILITY GROUP [ag] GRANT CREATE ANY DATABASE;\nALTER AVAILABILITY GROUP ag DENY CREATE ANY DATABASE');
    expect(kept.error).toBeUndefined();
    expect(kept.opaque.map((o) => o.what)).toEqual(['ALTER AVAILABILITY', 'ALTER AVAILABILITY']);
    expect(parseBatch('ALTER AVAILABILITY GROUP ag OFFLINE\nGRANT CREATE ANY DATABASE TO l').statements.map((s) => s.kind)).toEqual(['Opaque', 'Grant']);
    expect(error('ALTER AVAILABILITY GROUP ag OFFLINE\nGRANT CREATE ANY DATABASE TO')).toBe("156 2:27 Incorrect syntax near the keyword 'TO'.");
  });
});
