import { describe, expect, it } from 'vitest';
import { readBindingsText } from './bindings-file.js';

describe('reading a CLR bindings file', () => {
  it('splits batches at GO lines, not inside comments or strings, and keeps file lines', () => {
    const text = [
      '/* header /* nested */ GO',
      'still comment */',
      'CREATE FUNCTION dbo.f(@a VARBINARY ( MAX ), @b varbinary(max))',
      "RETURNS FLOAT -- GO",
      'AS EXTERNAL NAME [Asm].[Ns.Cls].[M];',
      '  go  ',
      'CREATE AGGREGATE [dbo].[a](@v VARBINARY(MAX)) RETURNS VARBINARY(MAX) EXTERNAL NAME [Asm].[Ns.Agg];',
      'GO',
      "GRANT EXECUTE ON dbo.f TO [app]; SELECT 'GO';",
    ].join('\r\n');
    const file = readBindingsText(text, 'b.sql');
    expect(file.batches.map((b) => b.line)).toEqual([1, 7, 9]);
    expect(file.statements.map((s) => ({ kind: s.kind, name: `${s.schema}.${s.name}`, line: s.line, params: s.params.map((p) => `${p.name} ${p.type}`), returns: s.returns, ext: s.external?.parts, extLine: s.external?.line }))).toEqual([
      { kind: 'function', name: 'dbo.f', line: 3, params: ['@a VARBINARY(MAX)', '@b varbinary(max)'], returns: 'FLOAT', ext: ['Asm', 'Ns.Cls', 'M'], extLine: 5 },
      { kind: 'aggregate', name: 'dbo.a', line: 7, params: ['@v VARBINARY(MAX)'], returns: 'VARBINARY(MAX)', ext: ['Asm', 'Ns.Agg'], extLine: 7 },
    ]);
    expect(file.problems).toEqual([]);
  });

  it('reads procedures without parentheses and OUTPUT parameters', () => {
    const file = readBindingsText('CREATE PROCEDURE dbo.p @a INT, @b NVARCHAR(MAX) OUTPUT\nAS EXTERNAL NAME [A].[C].[M];\n', 'p.sql');
    expect(file.statements[0]?.params).toEqual([
      { name: '@a', type: 'INT', output: false },
      { name: '@b', type: 'NVARCHAR(MAX)', output: true },
    ]);
  });

  it('reports a CREATE without EXTERNAL NAME and an unclosed comment', () => {
    const file = readBindingsText('CREATE FUNCTION dbo.f() RETURNS INT AS BEGIN RETURN 1 END\nGO\n/* open', 'x.sql');
    expect(file.problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['1: CREATE FUNCTION dbo.f has no EXTERNAL NAME', '3: This block comment is never closed (*/)']);
  });
});
