import { describe, expect, it } from 'vitest';
import { lexCode } from '../lexer.js';
import type { Expression } from './ast.js';
import { Parser, SyntaxFailure } from './core.js';
import { parseBatch } from './index.js';
import { parseCondition, parseExpression, parseExpressionOrDefault, parseExpressionOrStar, parseOverClause, startsExpression } from './expressions.js';

type Rule = (p: Parser) => unknown;

/** Parses all of `sql` with `rule`; the whole text must be consumed. */
function parseAll(rule: Rule, sql: string): unknown {
  const p = new Parser(sql, lexCode(sql));
  const node = rule(p);
  if (!p.atEnd()) throw new Error(`stopped at '${p.tok.text}' (offset ${p.tok.start})`);
  return node;
}

const expr = (sql: string): Expression => parseAll(parseExpression, sql) as Expression;
const cond = (sql: string): Expression => parseAll(parseCondition, sql) as Expression;

/** The syntax error `rule` gives on `sql` (or on the rest after it stops), as `code@line:col`. */
function errorOf(rule: Rule, sql: string): string {
  try {
    parseAll(rule, sql);
  } catch (e) {
    if (e instanceof SyntaxFailure) return `${e.code}@${e.token.line}:${e.token.col}`;
    if (e instanceof Error && e.message.startsWith('stopped at')) return e.message;
    throw e;
  }
  return 'no error';
}

describe('literals and names', () => {
  it('parses literals of every type', () => {
    expect(expr("'it''s'")).toMatchObject({ kind: 'Literal', type: 'string', value: "it's" });
    expect(expr("N'x'")).toMatchObject({ kind: 'Literal', type: 'nstring', value: 'x' });
    expect(expr('1.5E3')).toMatchObject({ kind: 'Literal', type: 'number', value: '1.5E3' });
    expect(expr('.5')).toMatchObject({ kind: 'Literal', type: 'number', value: '.5' });
    expect(expr('0x1F')).toMatchObject({ kind: 'Literal', type: 'binary', value: '0x1F' });
    expect(expr('$12.50')).toMatchObject({ kind: 'Literal', type: 'money', value: '12.50', start: 0, end: 6 });
    expect(expr('-$1')).toMatchObject({ kind: 'Unary', op: '-', operand: { kind: 'Literal', type: 'money' } });
    expect(expr('NULL')).toMatchObject({ kind: 'Literal', type: 'null' });
  });

  it('parses variables, global variables and column references', () => {
    expect(expr('@x')).toMatchObject({ kind: 'Variable', name: '@x' });
    expect(expr('@@ROWCOUNT')).toMatchObject({ kind: 'GlobalVariable', name: '@@ROWCOUNT' });
    expect(expr('a')).toMatchObject({ kind: 'ColumnRef', parts: [{ value: 'a' }] });
    expect(expr('db.dbo.[Order Details].[Id]')).toMatchObject({
      kind: 'ColumnRef',
      parts: [{ value: 'db' }, { value: 'dbo' }, { value: 'Order Details', quoted: true }, { value: 'Id' }],
      start: 0,
      end: 27,
    });
  });

  it('takes PRECISION as a column name, as SQL Server does', () => {
    expect(expr('c.precision + precision')).toMatchObject({ left: { kind: 'ColumnRef', parts: [{ value: 'c' }, { value: 'precision' }] }, right: { kind: 'ColumnRef' } });
    expect(errorOf(parseExpression, 'c.scale + select')).toBe('156@1:11');
  });

  it('allows * only through parseExpressionOrStar', () => {
    expect(parseAll(parseExpressionOrStar, '*')).toMatchObject({ kind: 'ColumnRef', parts: [], star: true });
    expect(parseAll(parseExpressionOrStar, 'dbo.t.*')).toMatchObject({ kind: 'ColumnRef', parts: [{ value: 'dbo' }, { value: 't' }], star: true });
    expect(parseAll(parseExpressionOrStar, 'a + 1')).toMatchObject({ kind: 'Binary' });
    expect(errorOf(parseExpression, '*')).toBe('102@1:1');
    expect(errorOf(parseExpression, 't.*')).toBe('102@1:3');
  });

  it('parses niladic functions and pseudo-columns', () => {
    expect(expr('CURRENT_TIMESTAMP')).toMatchObject({ kind: 'NiladicFunction', name: 'CURRENT_TIMESTAMP' });
    expect(expr('user')).toMatchObject({ kind: 'NiladicFunction', name: 'USER' });
    expect(expr('$action')).toMatchObject({ kind: 'PseudoColumn', name: '$ACTION', qualifier: [] });
    expect(expr('t.$IDENTITY')).toMatchObject({ kind: 'PseudoColumn', name: '$IDENTITY', qualifier: [{ value: 't' }] });
    expect(expr('$ROWGUID')).toMatchObject({ kind: 'PseudoColumn', name: '$ROWGUID' });
    expect(expr('$node_id')).toMatchObject({ kind: 'PseudoColumn', name: '$NODE_ID' });
    // CURRENT_DATE is SQL Server 2025 / Azure only.
    expect(errorOf(parseExpression, 'CURRENT_DATE')).toBe('156@1:1');
    // `$` apart from the word is the money constant 0, the word after it is not part of it.
    expect(errorOf(parseExpression, '$ foo')).toBe("stopped at 'foo' (offset 2)");
    expect(errorOf(parseExpression, '$bogus')).toBe('102@1:2');
  });

  it('parses $PARTITION with an optional database', () => {
    expect(expr('$PARTITION.pf(col)')).toMatchObject({ kind: 'PartitionFunctionCall', function: { value: 'pf' }, arg: { kind: 'ColumnRef' } });
    expect(expr('db.$PARTITION.pf(1)')).toMatchObject({ kind: 'PartitionFunctionCall', database: { value: 'db' }, function: { value: 'pf' } });
  });
});

describe('operators', () => {
  it('follows SQL Server precedence', () => {
    expect(expr('1 + 2 * 3')).toMatchObject({ kind: 'Binary', op: '+', left: { value: '1' }, right: { kind: 'Binary', op: '*' } });
    expect(expr('1 - 2 - 3')).toMatchObject({ kind: 'Binary', op: '-', left: { kind: 'Binary', op: '-' }, right: { value: '3' } });
    expect(expr('a % 2 & 1 | b ^ c')).toMatchObject({ kind: 'Binary', op: '^', left: { kind: 'Binary', op: '|' } });
    expect(expr('-a * b')).toMatchObject({ kind: 'Binary', op: '*', left: { kind: 'Unary', op: '-' } });
    expect(expr('~a')).toMatchObject({ kind: 'Unary', op: '~' });
    expect(expr('(1 + 2) * 3')).toMatchObject({ kind: 'Binary', op: '*', left: { kind: 'Paren', expr: { kind: 'Binary', op: '+' } } });
    expect(expr('1 + + 2')).toMatchObject({ kind: 'Binary', right: { kind: 'Unary', op: '+' } });
  });

  it('rejects doubled and dangling operators', () => {
    expect(errorOf(parseExpression, '1 * * 2')).toBe('102@1:5');
    expect(errorOf(parseExpression, '1 +')).toBe('102@1:3');
    expect(errorOf(parseExpression, '(1 + 2')).toBe('102@1:6');
    expect(errorOf(parseExpression, 'a = b')).toBe("stopped at '=' (offset 2)");
  });

  it('keeps compound assignment operators out of expressions', () => {
    const p = new Parser('@a %= 2', lexCode('@a %= 2'));
    expect(parseExpression(p)).toMatchObject({ kind: 'Variable' });
    expect(p.tok.text).toBe('%');
  });

  it('parses COLLATE and AT TIME ZONE as postfix operators', () => {
    expect(expr('a + b COLLATE Latin1_General_CI_AS')).toMatchObject({ kind: 'Binary', right: { kind: 'Collate', collation: { value: 'Latin1_General_CI_AS' } } });
    expect(expr("d AT TIME ZONE 'UTC' AT TIME ZONE @tz")).toMatchObject({
      kind: 'AtTimeZone',
      expr: { kind: 'AtTimeZone', zone: { kind: 'Literal', value: 'UTC' } },
      zone: { kind: 'Variable' },
    });
    expect(errorOf(parseExpression, 'a COLLATE')).toBe('156@1:3');
  });
});

describe('conditions', () => {
  it('parses comparisons and logical operators with NOT > AND > OR', () => {
    expect(cond('a = 1 OR b = 2 AND NOT c = 3')).toMatchObject({
      kind: 'Logical',
      op: 'OR',
      left: { kind: 'Comparison', op: '=' },
      right: { kind: 'Logical', op: 'AND', right: { kind: 'Not', operand: { kind: 'Comparison' } } },
    });
    for (const op of ['<>', '!=', '<', '>', '<=', '>=', '!<', '!>']) expect(cond(`a ${op} 1`)).toMatchObject({ kind: 'Comparison', op });
  });

  it('parses BETWEEN, IN, LIKE, IS NULL, IS DISTINCT FROM', () => {
    expect(cond('a NOT BETWEEN 1 AND 2 + 3')).toMatchObject({ kind: 'Between', not: true, high: { kind: 'Binary' } });
    expect(cond('a BETWEEN 1 AND 2 AND b = 1')).toMatchObject({ kind: 'Logical', op: 'AND', left: { kind: 'Between' } });
    expect(cond('a IN (1, @b, c)')).toMatchObject({ kind: 'InList', not: false, items: [{ kind: 'Literal' }, { kind: 'Variable' }, { kind: 'ColumnRef' }] });
    expect(cond("a NOT LIKE 'x!%' ESCAPE '!'")).toMatchObject({ kind: 'Like', not: true, escape: { value: '!' } });
    expect(cond('a IS NOT NULL')).toMatchObject({ kind: 'IsNull', not: true });
    expect(cond('a IS DISTINCT FROM b')).toMatchObject({ kind: 'IsDistinct', not: false });
    expect(cond('a IS NOT DISTINCT FROM b')).toMatchObject({ kind: 'IsDistinct', not: true });
  });

  it('lets parentheses hold a condition or a value', () => {
    expect(cond('(a = 1 OR b = 2) AND c = 3')).toMatchObject({ kind: 'Logical', op: 'AND', left: { kind: 'Paren', expr: { kind: 'Logical', op: 'OR' } } });
    expect(cond('(a + 1) * 2 > 3')).toMatchObject({ kind: 'Comparison', left: { kind: 'Binary', op: '*', left: { kind: 'Paren' } } });
    expect(cond('((a)) = 1')).toMatchObject({ kind: 'Comparison', left: { kind: 'Paren', expr: { kind: 'Paren' } } });
    expect(cond('((a = 1))')).toMatchObject({ kind: 'Paren', expr: { kind: 'Paren', expr: { kind: 'Comparison' } } });
    expect(cond('NOT (a = 1)')).toMatchObject({ kind: 'Not', operand: { kind: 'Paren' } });
  });

  it('rejects a bare value where a condition is expected (Msg 4145)', () => {
    expect(errorOf(parseCondition, 'a')).toBe('4145@1:1');
    expect(errorOf(parseCondition, '@x')).toBe('4145@1:1');
    expect(errorOf(parseCondition, 'a = 1 AND b')).toBe('4145@1:11');
    expect(errorOf(parseCondition, '(a)')).toBe('4145@1:3');
  });

  it('rejects malformed conditions', () => {
    expect(errorOf(parseCondition, 'a = = 1')).toBe('102@1:5');
    expect(errorOf(parseCondition, 'a BETWEEN 1 OR 2')).toBe('156@1:13');
    expect(errorOf(parseCondition, 'a IN ()')).toBe('102@1:7');
    expect(errorOf(parseCondition, 'a IN (1, 2,)')).toBe('102@1:12');
    expect(errorOf(parseCondition, 'a IS 1')).toBe('102@1:6');
    expect(errorOf(parseCondition, 'a = 1 AND')).toBe('156@1:7');
    expect(errorOf(parseCondition, 'a = 1 OR OR b = 1')).toBe('156@1:10');
    expect(errorOf(parseCondition, '(a = 1) + 1')).toBe("stopped at '+' (offset 8)");
    expect(errorOf(parseCondition, 'NOT a')).toBe('4145@1:5');
    expect(errorOf(parseCondition, 'a NOT = 1')).toBe('156@1:3');
  });

  it('parses UPDATE(col), CONTAINS and FREETEXT as predicates', () => {
    expect(cond('UPDATE(Name) OR UPDATE([Qty])')).toMatchObject({ kind: 'Logical', left: { kind: 'UpdatedColumn', column: { value: 'Name' } } });
    expect(cond("CONTAINS(Description, 'bike')")).toMatchObject({ kind: 'FullTextPredicate', predicate: 'CONTAINS', columns: [{ parts: [{ value: 'Description' }] }] });
    expect(cond("CONTAINS((a, t.b), @s, LANGUAGE 1033)")).toMatchObject({ columns: [{ kind: 'ColumnRef' }, { kind: 'ColumnRef' }], language: { value: '1033' } });
    expect(cond("FREETEXT(*, N'x')")).toMatchObject({ kind: 'FullTextPredicate', predicate: 'FREETEXT', star: true });
    expect(cond("CONTAINS(PROPERTY(Document, 'Title'), 'x')")).toMatchObject({ property: { value: 'Title' } });
    expect(errorOf(parseExpression, 'UPDATE(a)')).toBe('156@1:1');
    expect(errorOf(parseCondition, "CONTAINS(a 'x')")).toBe('102@1:12');
  });
});

describe('graph MATCH', () => {
  it('parses node-edge chains, LAST_NODE and SHORTEST_PATH', () => {
    expect(cond('MATCH(c1-(r)->c2)')).toMatchObject({ kind: 'GraphMatch', aliases: [{ value: 'c1' }, { value: 'r' }, { value: 'c2' }] });
    expect(cond('MATCH(p1-(f)->p2<-(l)-p3 AND p1-(x)->r) AND p1.name = @n')).toMatchObject({ kind: 'Logical', left: { kind: 'GraphMatch' } });
    expect(cond('MATCH(SHORTEST_PATH(P1(-(fo)->P2)+) AND LAST_NODE(P2)-(l)->R)')).toMatchObject({ kind: 'GraphMatch' });
    expect(cond('MATCH(SHORTEST_PATH(P1(-(fo)->P2){1,3}))')).toMatchObject({ kind: 'GraphMatch' });
    expect(expr("STRING_AGG(P2.name, '->') WITHIN GROUP (GRAPH PATH)")).toMatchObject({ graphPath: true });
    expect(errorOf(parseCondition, 'MATCH(c1)')).toBe('102@1:9');
    expect(errorOf(parseCondition, 'MATCH(c1-(r)-c2)')).toBe('102@1:14');
  });
});

describe('function calls', () => {
  it('parses built-ins, reserved-word functions and qualified calls', () => {
    expect(expr('GETDATE()')).toMatchObject({ kind: 'FunctionCall', name: [{ value: 'GETDATE' }], args: [] });
    expect(expr("LEFT(a, 2) + RIGHT(b, 1)")).toMatchObject({ left: { kind: 'FunctionCall', name: [{ value: 'LEFT' }], args: [{}, {}] } });
    expect(expr('COALESCE(a, b, 0)')).toMatchObject({ kind: 'FunctionCall', args: [{}, {}, {}] });
    expect(expr('NULLIF(a, 0)')).toMatchObject({ kind: 'FunctionCall', name: [{ value: 'NULLIF' }] });
    expect(expr('dbo.f(1, DEFAULT)')).toMatchObject({ kind: 'FunctionCall', name: [{ value: 'dbo' }, { value: 'f' }], args: [{ kind: 'Literal' }, { kind: 'DefaultArgument' }] });
    expect(expr('db.dbo.f()')).toMatchObject({ kind: 'FunctionCall', name: [{}, {}, { value: 'f' }] });
    expect(errorOf(parseExpression, 'f(1,)')).toBe('102@1:5');
    expect(errorOf(parseExpression, 'f(1 2)')).toBe('102@1:5');
    expect(errorOf(parseExpression, 'LEFT')).toBe('156@1:1');
  });

  it('parses aggregates with DISTINCT, *, WITHIN GROUP', () => {
    expect(expr('COUNT(*)')).toMatchObject({ kind: 'FunctionCall', star: true, args: [] });
    expect(expr('count_big(*)')).toMatchObject({ star: true });
    expect(expr('CHECKSUM(*)')).toMatchObject({ star: true });
    expect(expr('BINARY_CHECKSUM(*)')).toMatchObject({ star: true });
    expect(expr('COUNT(DISTINCT a)')).toMatchObject({ distinct: true, args: [{ kind: 'ColumnRef' }] });
    expect(expr('SUM(ALL a)')).toMatchObject({ args: [{ kind: 'ColumnRef' }] });
    expect(expr("STRING_AGG(name, ', ') WITHIN GROUP (ORDER BY name DESC)")).toMatchObject({
      withinGroup: [{ kind: 'OrderByItem', direction: 'DESC', expr: { kind: 'ColumnRef' } }],
    });
    expect(errorOf(parseExpression, 'SUM(*)')).toBe('102@1:5');
    expect(errorOf(parseExpression, 'COUNT()x')).toBe("stopped at 'x' (offset 7)");
  });

  it('parses OVER clauses', () => {
    expect(expr('ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY c DESC, d)')).toMatchObject({
      over: { kind: 'Over', partitionBy: [{}, {}], orderBy: [{ direction: 'DESC' }, {}] },
    });
    expect(expr('SUM(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')).toMatchObject({
      over: { frame: { unit: 'ROWS', from: { type: 'UNBOUNDED PRECEDING' }, to: { type: 'CURRENT ROW' } } },
    });
    expect(expr('AVG(x) OVER (ORDER BY d RANGE BETWEEN 2 PRECEDING AND 3 FOLLOWING)')).toMatchObject({
      over: { frame: { unit: 'RANGE', from: { type: 'PRECEDING', offset: { value: '2' } }, to: { type: 'FOLLOWING' } } },
    });
    expect(expr('SUM(x) OVER (ROWS UNBOUNDED PRECEDING)')).toMatchObject({ over: { frame: { from: { type: 'UNBOUNDED PRECEDING' } } } });
    expect(expr('SUM(x) OVER w')).toMatchObject({ over: { window: { value: 'w' }, partitionBy: [] } });
    expect(expr('SUM(x) OVER (w ORDER BY y)')).toMatchObject({ over: { window: { value: 'w' }, orderBy: [{}] } });
    expect(expr('COUNT(*) OVER ()')).toMatchObject({ over: { partitionBy: [], orderBy: [] } });
    expect(expr('FIRST_VALUE(x) IGNORE NULLS OVER (ORDER BY d)')).toMatchObject({ nulls: 'IGNORE', over: {} });
    expect(expr('PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g)')).toMatchObject({ withinGroup: [{}], over: { partitionBy: [{}] } });
    expect(errorOf(parseExpression, 'SUM(x) OVER (ROWS UNBOUNDED FOLLOWING)')).toBe('102@1:29');
    expect(errorOf(parseExpression, 'SUM(x) OVER (ORDER BY d ROWS BETWEEN CURRENT ROW)')).toBe('102@1:49');
    expect(errorOf(parseExpression, 'SUM(x) OVER (PARTITION a)')).toBe('102@1:24');
    expect(errorOf(parseExpression, 'SUM(x) OVER')).toBe('156@1:8');
  });

  it('parses CAST, CONVERT, PARSE and their TRY_ forms with data types', () => {
    expect(expr('CAST(a AS decimal(18, 4))')).toMatchObject({ kind: 'Cast', try: false, dataType: { name: { name: { value: 'decimal' } }, args: ['18', '4'] } });
    expect(expr('TRY_CAST(a AS int)')).toMatchObject({ kind: 'Cast', try: true });
    expect(expr('CONVERT(varchar(10), d, 120)')).toMatchObject({ kind: 'Convert', try: false, dataType: { args: ['10'] }, style: { value: '120' } });
    expect(expr('TRY_CONVERT(nvarchar(max), x)')).toMatchObject({ kind: 'Convert', try: true, dataType: { args: ['MAX'] } });
    expect(expr("PARSE(s AS datetime2 USING 'en-US')")).toMatchObject({ kind: 'Parse', culture: { value: 'en-US' } });
    expect(expr('TRY_PARSE(s AS int)')).toMatchObject({ kind: 'Parse', try: true });
    expect(expr('IDENTITY(int, 1, 1)')).toMatchObject({ kind: 'IdentityFunction', seed: { value: '1' } });
    expect(errorOf(parseExpression, 'CAST(a int)')).toBe('102@1:8');
    expect(errorOf(parseExpression, 'CAST(a AS)')).toBe('102@1:10');
    expect(errorOf(parseExpression, 'CONVERT(int a)')).toBe('102@1:13');
  });

  it('gives date parts as DatePart nodes and rejects unknown ones (Msg 155)', () => {
    expect(expr('DATEADD(day, 1, d)')).toMatchObject({ kind: 'FunctionCall', args: [{ kind: 'DatePart', value: 'DAY' }, {}, {}] });
    expect(expr('DATEDIFF(yy, a, b)')).toMatchObject({ args: [{ kind: 'DatePart', value: 'YY' }, {}, {}] });
    expect(expr('DATEPART(iso_week, d)')).toMatchObject({ args: [{ kind: 'DatePart', value: 'ISO_WEEK' }, {}] });
    expect(expr('DATE_BUCKET(week, 1, d)')).toMatchObject({ args: [{ kind: 'DatePart' }, {}, {}] });
    expect(errorOf(parseExpression, 'DATEADD(days, 1, d)')).toBe('155@1:9');
    expect(expr('DATEPART(@part, d)')).toMatchObject({ args: [{ kind: 'Variable' }, {}] });
  });

  it('parses IIF, CHOOSE, TRIM, JSON_OBJECT and JSON_ARRAY', () => {
    expect(expr("IIF(a > 1, 'x', 'y')")).toMatchObject({ kind: 'FunctionCall', args: [{ kind: 'Comparison' }, {}, {}] });
    expect(errorOf(parseExpression, "IIF(a, 'x', 'y')")).toBe('4145@1:6');
    expect(expr('CHOOSE(2, a, b)')).toMatchObject({ args: [{}, {}, {}] });
    expect(expr("TRIM('x' FROM s)")).toMatchObject({ args: [{ value: 'x' }, { kind: 'ColumnRef' }] });
    expect(expr("TRIM(LEADING '0' FROM s)")).toMatchObject({ trimSide: 'LEADING', args: [{}, {}] });
    expect(expr('TRIM(BOTH FROM s)')).toMatchObject({ trimSide: 'BOTH', args: [{}] });
    expect(expr('TRIM(s)')).toMatchObject({ args: [{ kind: 'ColumnRef' }] });
    expect(expr("JSON_OBJECT('a': 1, 'b': x ABSENT ON NULL)")).toMatchObject({ onNull: 'ABSENT', args: [{ kind: 'JsonKeyValue' }, { kind: 'JsonKeyValue', value: { kind: 'ColumnRef' } }] });
    expect(expr('JSON_OBJECT()')).toMatchObject({ args: [] });
    expect(expr('JSON_ARRAY(1, NULL NULL ON NULL)')).toMatchObject({ onNull: 'NULL', args: [{}, { type: 'null' }] });
    expect(errorOf(parseExpression, "JSON_OBJECT('a' 1)")).toBe('102@1:17');
  });

  it('parses NEXT VALUE FOR', () => {
    expect(expr('NEXT VALUE FOR dbo.Seq')).toMatchObject({ kind: 'NextValueFor', sequence: { schema: { value: 'dbo' }, name: { value: 'Seq' } } });
    expect(expr('NEXT VALUE FOR s OVER (ORDER BY a)')).toMatchObject({ over: { orderBy: [{}] } });
  });

  it('parses methods, properties and static methods', () => {
    expect(expr("@x.value('(/a)[1]', 'int')")).toMatchObject({ kind: 'MethodCall', target: { kind: 'Variable' }, method: { value: 'value' }, args: [{}, {}] });
    expect(expr('@g.STDistance(@h)')).toMatchObject({ kind: 'MethodCall' });
    expect(expr('@g.STX')).toMatchObject({ kind: 'PropertyAccess', property: { value: 'STX' } });
    expect(expr('(@g).STArea()')).toMatchObject({ kind: 'MethodCall', target: { kind: 'Paren' } });
    expect(expr('a.SpatialKey.STX')).toMatchObject({ kind: 'ColumnRef', parts: [{}, {}, {}] });
    expect(expr("x.query('.').value('.', 'int')")).toMatchObject({ kind: 'MethodCall', target: { kind: 'FunctionCall', name: [{ value: 'x' }, { value: 'query' }] } });
    expect(expr('geography::Point(1, 2, 4326)')).toMatchObject({ kind: 'StaticMethodCall', type: { name: { value: 'geography' } }, method: { value: 'Point' }, args: [{}, {}, {}] });
    expect(expr('hierarchyid::GetRoot().ToString()')).toMatchObject({ kind: 'MethodCall', target: { kind: 'StaticMethodCall' } });
    expect(expr("[geometry]::STGeomFromText('POINT(1 1)', 0)")).toMatchObject({ kind: 'StaticMethodCall' });
    expect(errorOf(parseExpression, 'a.')).toBe('102@1:2');
    expect(errorOf(parseExpression, 'a.b.c.d.e')).toBe('117@1:1');
    expect(expr('a.b.c.d.e(1)')).toMatchObject({ kind: 'FunctionCall', name: [{}, {}, {}, {}, { value: 'e' }] });
    expect(errorOf(parseExpression, 'a.select')).toBe('156@1:3');
  });
});

describe('CASE', () => {
  it('parses simple and searched CASE, nested, ELSE optional', () => {
    expect(expr("CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END")).toMatchObject({
      kind: 'Case',
      operand: { kind: 'ColumnRef' },
      whens: [{ kind: 'When', when: { value: '1' } }, { when: { value: '2' } }],
      else: { value: 'z' },
    });
    expect(expr('CASE WHEN a > 1 AND b IS NULL THEN CASE WHEN c = 1 THEN 1 END END')).toMatchObject({
      whens: [{ when: { kind: 'Logical' }, then: { kind: 'Case' } }],
    });
  });

  it('rejects CASE without WHEN, THEN or END', () => {
    expect(errorOf(parseExpression, 'CASE END')).toBe('156@1:6');
    expect(errorOf(parseExpression, 'CASE WHEN a = 1 1 END')).toBe('102@1:17');
    expect(errorOf(parseExpression, 'CASE WHEN a = 1 THEN 1')).toBe('102@1:22');
    expect(errorOf(parseExpression, 'CASE WHEN a THEN 1 END')).toBe('4145@1:13');
    expect(errorOf(parseExpression, 'CASE a WHEN 1 = 1 THEN 1 END')).toBe('102@1:15');
  });
});

describe('nesting', () => {
  it('fails with Msg 191 instead of overflowing', () => {
    const deep = `${'('.repeat(300)}1${')'.repeat(300)}`;
    expect(errorOf(parseExpression, deep)).toMatch(/^191@/);
    expect(errorOf(parseCondition, `${'('.repeat(300)}a = 1${')'.repeat(300)}`)).toMatch(/^191@/);
    expect(errorOf(parseExpression, `${'f('.repeat(300)}1${')'.repeat(300)}`)).toMatch(/^191@/);
  });

  it('handles long flat chains without recursion', () => {
    const long = Array.from({ length: 5000 }, (_, k) => `a${k}`).join(' + ');
    expect(expr(long)).toMatchObject({ kind: 'Binary', op: '+' });
    const ors = Array.from({ length: 5000 }, (_, k) => `a = ${k}`).join(' OR ');
    expect(cond(ors)).toMatchObject({ kind: 'Logical', op: 'OR' });
  });
});

describe('DEFAULT', () => {
  it('is an argument only where parseExpressionOrDefault or a call allows it', () => {
    expect(parseAll(parseExpressionOrDefault, 'DEFAULT')).toMatchObject({ kind: 'DefaultArgument' });
    expect(parseAll(parseExpressionOrDefault, 'a + 1')).toMatchObject({ kind: 'Binary' });
    expect(errorOf(parseExpression, 'DEFAULT')).toBe('156@1:1');
    expect(errorOf(parseExpression, 'DEFAULT + 1')).toBe('156@1:1');
  });
});

describe('startsExpression and parseOverClause', () => {
  const starts = (sql: string): boolean => startsExpression(new Parser(sql, lexCode(sql)));
  it('says whether an expression can start here', () => {
    for (const s of ['1', "'x'", '@x', '(1)', '-1', 'a', '[a]', 'NULL', 'CASE', 'LEFT(a, 1)', '$1', 'CURRENT_USER']) expect(starts(s), s).toBe(true);
    for (const s of ['', 'FROM', 'END', ')', ',', 'SELECT', '$ 1', 'ELSE']) expect(starts(s), s).toBe(false);
  });

  it('exports the OVER clause rule', () => {
    expect(parseAll(parseOverClause, 'OVER (PARTITION BY a)')).toMatchObject({ kind: 'Over', partitionBy: [{ kind: 'ColumnRef' }] });
  });
});

describe('in statements (with query.ts and procedural.ts)', () => {
  const errorIn = (sql: string): string => {
    const e = parseBatch(sql).error;
    return e === undefined ? 'no error' : `${e.code}@${e.line}:${e.col}`;
  };

  it('parses subqueries, EXISTS, IN (query) and quantified comparisons', () => {
    for (const sql of [
      'SELECT (SELECT 1) + 1',
      'SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id) AND a NOT IN (SELECT b FROM v)',
      'SELECT a FROM t WHERE a > ALL (SELECT b FROM v) OR a = SOME (SELECT c FROM w)',
      'SELECT ((SELECT 1) UNION (SELECT 2))',
      'SELECT ((SELECT 1) + 1)',
      'SELECT 1 WHERE ((SELECT 1)) = 1',
      'SELECT 1 WHERE (SELECT COUNT(*) FROM t) > 0',
      'SELECT CASE WHEN EXISTS (SELECT 1) THEN 1 END',
    ]) expect(errorIn(sql), sql).toBe('no error');
    const select = parseBatch('SELECT a FROM t WHERE a IN (SELECT b FROM v)').statements[0];
    expect(select).toMatchObject({ query: { where: { kind: 'InSubquery', not: false, expr: { kind: 'ColumnRef' } } } });
  });

  it('keeps values and conditions apart', () => {
    expect(errorIn('IF @x PRINT 1')).toBe('4145@1:7');
    expect(errorIn('SELECT a FROM t WHERE a ORDER BY a')).toBe('4145@1:25');
    expect(errorIn('SET @x = a > b')).toBe('102@1:12');
    expect(errorIn('SELECT a b c FROM t')).toBe('102@1:12');
  });
});

describe('SQL Server 2022 operators and conformance with the 2022 grammar', () => {
  const errorIn = (sql: string): string => {
    const e = parseBatch(sql).error;
    return e === undefined ? 'no error' : `${e.code}@${e.line}:${e.col}`;
  };

  it('reads || as concatenation and << >> as shifts, with their precedence', () => {
    expect(expr("'a' || 'b' + 'c'")).toMatchObject({ kind: 'Binary', op: '+', left: { kind: 'Binary', op: '||' } });
    expect(expr('1 + 2 << 3')).toMatchObject({ kind: 'Binary', op: '+', right: { kind: 'Binary', op: '<<' } });
    expect(expr('x >> 1 >> 2')).toMatchObject({ kind: 'Binary', op: '>>', left: { kind: 'Binary', op: '>>' } });
    expect(cond('a << 1 > 3')).toMatchObject({ kind: 'Comparison', op: '>', left: { kind: 'Binary', op: '<<' } });
    expect(errorOf(parseExpression, '1 < < 2')).toBe("stopped at '<' (offset 2)");
    expect(errorOf(parseExpression, "'a' | | 'b'")).toBe('102@1:7');
    expect(errorIn('SELECT 1 ||| 2')).toBe('102@1:12');
  });

  it('requires a clause after a window name inside OVER ( )', () => {
    expect(errorIn('SELECT COUNT(*) OVER (w) FROM t WINDOW w AS (ORDER BY a)')).toBe('102@1:24');
    expect(errorIn('SELECT SUM(a) OVER (w ORDER BY b), SUM(a) OVER w FROM t WINDOW w AS (PARTITION BY c)')).toBe('no error');
  });

  it('takes the full-text column forms: *, t.*, (columns), (*), $IDENTITY', () => {
    for (const sql of [
      "SELECT 1 FROM t WHERE FREETEXT(t.*, N'x')",
      "SELECT 1 FROM t WHERE FREETEXT((t.*), N'x')",
      'SELECT 1 FROM t WHERE CONTAINS((*), @s)',
      'SELECT 1 FROM t WHERE CONTAINS(($IDENTITY), @s) OR CONTAINS((t.$ROWGUID), @s)',
      "SELECT 1 FROM t WHERE CONTAINS((a, t.b), 'x', LANGUAGE 1033)",
    ]) expect(errorIn(sql), sql).toBe('no error');
    expect(cond("CONTAINS(t.*, 'x')")).toMatchObject({ kind: 'FullTextPredicate', star: true, columns: [{ parts: [{ value: 't' }] }] });
    // The search condition is a string or a variable.
    expect(errorOf(parseCondition, 'CONTAINS(a, 1)')).toBe('102@1:13');
    expect(errorOf(parseCondition, "CONTAINS((a,), 'x')")).toBe('102@1:13');
    expect(errorOf(parseCondition, "CONTAINS(f(a), 'x')")).toBe('102@1:10');
  });

  it('reads qualified IDENTITYCOL / ROWGUIDCOL and $PARTITION with several arguments', () => {
    expect(expr('t.IDENTITYCOL')).toMatchObject({ kind: 'PseudoColumn', name: 'IDENTITYCOL', qualifier: [{ value: 't' }] });
    expect(expr('db.$PARTITION.pf(1, 2)')).toMatchObject({ kind: 'PartitionFunctionCall', database: { value: 'db' }, moreArgs: [{ kind: 'Literal' }] });
    expect(errorOf(parseExpression, '$PARTITION.pf()')).toBe('102@1:15');
  });
});

describe('conformance with the 2022 grammar: forms Microsoft accepts', () => {
  const errorIn = (sql: string): string => {
    const e = parseBatch(sql).error;
    return e === undefined ? 'no error' : `${e.code}@${e.line}:${e.col}`;
  };

  it('reads names with parts left out: leading dots and an empty schema', () => {
    expect(expr('db..t.c')).toMatchObject({ kind: 'ColumnRef', parts: [{ value: 'db' }, { value: '' }, { value: 't' }, { value: 'c' }] });
    expect(expr('..t.c')).toMatchObject({ kind: 'ColumnRef', parts: [{ value: '' }, { value: '' }, { value: 't' }, { value: 'c' }] });
    expect(expr('.f(DEFAULT)')).toMatchObject({ kind: 'FunctionCall', name: [{ value: '' }, { value: 'f' }] });
    expect(expr('AVG(.s.Cost)')).toMatchObject({ args: [{ kind: 'ColumnRef', parts: [{ value: '' }, { value: 's' }, { value: 'Cost' }] }] });
    expect(expr('.dbo.T::Make()')).toMatchObject({ kind: 'StaticMethodCall', method: { value: 'Make' } });
    expect(errorIn('SELECT a. FROM t')).toBe('156@1:11');
    expect(errorOf(parseExpression, '.')).toBe('102@1:1');
    expect(errorOf(parseExpression, 'a.b.c.d.e')).toBe('117@1:1');
  });

  it('reads ODBC literals and function escapes in braces', () => {
    expect(expr("{d '2024-01-31'}")).toMatchObject({ kind: 'OdbcLiteral', type: 'date', value: '2024-01-31', national: false });
    expect(expr("{ GUID N'34501789-D036-DD11-8F91-F6311CA728A5' }")).toMatchObject({ kind: 'OdbcLiteral', type: 'guid', national: true });
    expect(expr("{ts'2024-01-31 10:00:00'}")).toMatchObject({ type: 'timestamp' });
    expect(expr("{fn UCASE('abc')}")).toMatchObject({ kind: 'FunctionCall', odbc: true, name: [{ value: 'UCASE' }], args: [{ kind: 'Literal' }] });
    expect(expr('{fn CONVERT(1, SQL_VARCHAR)}')).toMatchObject({ odbc: true, args: [{}, { kind: 'ColumnRef' }] });
    expect(expr('{fn CURRENT_TIMESTAMP}')).toMatchObject({ odbc: true, args: [] });
    expect(expr('{fn EXTRACT(YEAR FROM @d)}')).toMatchObject({ args: [{ kind: 'DatePart', value: 'YEAR' }, { kind: 'Variable' }] });
    expect(expr("{fn LEFT('abc', 1)} + {fn USER()}")).toMatchObject({ kind: 'Binary' });
    // Only d, t, ts and guid name a literal; the braces must close; the text is a string.
    expect(errorOf(parseExpression, "{x '1'}")).toBe('102@1:2');
    // At the end of the text the error is reported at the last token.
    expect(errorOf(parseExpression, "{d '2024-01-31'")).toBe('102@1:4');
    expect(errorOf(parseExpression, '{d 20240131}')).toBe('102@1:4');
    expect(errorOf(parseExpression, "{fn UCASE('a'}")).toBe('102@1:14');
  });

  it('takes an ODBC escape clause after LIKE', () => {
    expect(cond("a LIKE '5%%' {ESCAPE '%'}")).toMatchObject({ kind: 'Like', odbcEscape: true, escape: { value: '%' } });
    expect(errorOf(parseCondition, "a LIKE 'x' {ESCAPE '%' AND")).toBe('156@1:24');
    expect(errorOf(parseCondition, "a LIKE 'x' {'%'}")).toBe('stopped at \'{\' (offset 11)');
  });

  it('reads IS [NOT] DISTINCT FROM with ALL / ANY / SOME and a subquery', () => {
    expect(cond('a IS DISTINCT FROM SOME (SELECT b FROM t)')).toMatchObject({ kind: 'IsDistinct', not: false, quantifier: 'SOME', right: { kind: 'Subquery' } });
    expect(cond('a IS NOT DISTINCT FROM ALL (SELECT b FROM t)')).toMatchObject({ not: true, quantifier: 'ALL' });
    expect(errorOf(parseCondition, 'a IS DISTINCT FROM ANY (1)')).toBe('102@1:25');
  });

  it('reads TSEQUAL(a, b) as a predicate', () => {
    expect(cond('TSEQUAL(a, @ts)')).toMatchObject({ kind: 'TsEqual', left: { kind: 'ColumnRef' }, right: { kind: 'Variable' } });
    expect(errorIn('SELECT 1 FROM t WHERE NOT TSEQUAL(a, b) AND x = 1')).toBe('no error');
    expect(errorOf(parseCondition, 'TSEQUAL(a)')).toBe('102@1:10');
    expect(errorOf(parseExpression, 'TSEQUAL(a, b)')).toBe('156@1:1');
  });

  it('reads money with spaces or a sign after the currency sign', () => {
    expect(expr('$   10.12')).toMatchObject({ kind: 'Literal', type: 'money', value: '10.12' });
    expect(expr('-$-23.00')).toMatchObject({ kind: 'Unary', operand: { kind: 'Literal', type: 'money', value: '-23.00' } });
    expect(expr('$+1')).toMatchObject({ type: 'money', value: '+1' });
    // The sign must touch the digits: `$ - 1` is the constant $ (0) minus 1. A fraction needs a digit before the point.
    expect(expr('$ - 1')).toMatchObject({ kind: 'Binary', left: { kind: 'Literal', type: 'money', value: '0' }, right: { kind: 'Literal', type: 'number' } });
    expect(errorIn('SELECT $.5')).toBe('102@1:9');
  });

  it('reads money after the other currency signs the money type lists', () => {
    expect(expr('\u00a310.00')).toMatchObject({ kind: 'Literal', type: 'money', value: '10.00' });
    expect(expr('\u20ac 5')).toMatchObject({ kind: 'Literal', type: 'money', value: '5' });
    expect(expr('-\uffe5-2.5')).toMatchObject({ kind: 'Unary', operand: { kind: 'Literal', type: 'money', value: '-2.5' } });
    expect(errorIn('CREATE PROCEDURE p @m money = \u00a310.00, @n money = -\u20a91 AS SELECT @m, @n')).toBe('no error');
    // As after $: the fraction needs a digit before the point.
    expect(errorIn('SELECT \u00a3.5')).not.toBe('no error');
  });

  it('reads a currency sign alone as the money constant 0', () => {
    expect(expr('$')).toMatchObject({ kind: 'Literal', type: 'money', value: '0' });
    expect(errorIn('SELECT n FROM (VALUES ($), ($), (\u00a3)) AS t (n)')).toBe('no error');
    expect(errorIn('SELECT $, -$, $ + 1, \u20ac AS e')).toBe('no error');
    // `$` against a word is a pseudo-column, which must be one SQL Server has.
    expect(errorIn('SELECT $nothing FROM t')).toBe('102@1:9');
    expect(errorIn('SELECT $ FROM')).toBe('156@1:10');
  });

  it('reads a qualified star with parts left out', () => {
    expect(parseAll(parseExpressionOrStar, '..t.*')).toMatchObject({ kind: 'ColumnRef', star: true, parts: [{ value: '' }, { value: '' }, { value: 't' }] });
    expect(parseAll(parseExpressionOrStar, 'db..t.*')).toMatchObject({ star: true, parts: [{ value: 'db' }, { value: '' }, { value: 't' }] });
    expect(errorOf(parseExpressionOrStar, '. *')).toBe('102@1:3');
    expect(errorOf(parseExpressionOrStar, 'a..*')).toBe('102@1:4');
  });
});

