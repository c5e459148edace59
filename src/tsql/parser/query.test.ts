import { describe, expect, it } from 'vitest';
import type { Statement } from './ast.js';
import { parseBatch } from './index.js';

/** The single statement of a batch that must parse cleanly. */
function one(sql: string): Statement {
  const r = parseBatch(sql);
  expect(r.error).toBeUndefined();
  expect(r.statements).toHaveLength(1);
  return r.statements[0] as Statement;
}

function errorOf(sql: string): string {
  const e = parseBatch(sql).error;
  return e === undefined ? 'none' : `${e.code} ${e.line}:${e.col}`;
}

const ident = (value: string) => ({ kind: 'Ident', value });
const col = (...parts: string[]) => ({ kind: 'ColumnRef', parts: parts.map(ident) });
const obj = (name: string) => ({ kind: 'ObjectName', name: ident(name) });

describe('SELECT: golden trees', () => {
  it('select list forms: alias kinds, star, assignment', () => {
    const s = one("SELECT a, b AS c, d e, f = g, 'h' = i, j AS 'k', t.*, * FROM dbo.t");
    expect(s).toMatchObject({
      kind: 'SelectStatement',
      ctes: [],
      query: {
        kind: 'Select',
        distinct: false,
        items: [
          { kind: 'SelectItem', expr: col('a') },
          { kind: 'SelectItem', expr: col('b'), alias: { value: 'c', quoted: false } },
          { kind: 'SelectItem', expr: col('d'), alias: { value: 'e' } },
          { kind: 'SelectItem', expr: col('g'), alias: { value: 'f' } },
          { kind: 'SelectItem', expr: col('i'), alias: { value: 'h', quoted: true } },
          { kind: 'SelectItem', expr: col('j'), alias: { value: 'k', quoted: true } },
          { kind: 'SelectItem', expr: { kind: 'ColumnRef', parts: [ident('t')], star: true } },
          { kind: 'SelectItem', expr: { kind: 'ColumnRef', parts: [], star: true } },
        ],
        from: [{ kind: 'NamedTable', name: { schema: ident('dbo'), name: ident('t') } }],
      },
    });
  });

  it('variable assignment with compound operators', () => {
    expect(one('SELECT @x = a, @y += 1, @z %= 2 FROM t')).toMatchObject({
      query: {
        items: [
          { kind: 'SelectAssign', target: { kind: 'Variable', name: '@x' }, op: '=', expr: col('a') },
          { kind: 'SelectAssign', op: '+=' },
          { kind: 'SelectAssign', op: '%=' },
        ],
      },
    });
  });

  it('DISTINCT, TOP with PERCENT and WITH TIES, INTO ON filegroup', () => {
    expect(one('SELECT DISTINCT TOP (5) PERCENT WITH TIES a INTO #t ON [PRIMARY] FROM t ORDER BY a')).toMatchObject({
      query: { distinct: true, top: { kind: 'Top', percent: true, withTies: true }, into: obj('#t'), intoFilegroup: ident('PRIMARY') },
      orderBy: [{ kind: 'OrderByItem', expr: col('a') }],
    });
    expect(one('SELECT TOP 10 * FROM t')).toMatchObject({ query: { top: { legacy: true, expr: { kind: 'Literal', value: '10' } } } });
  });

  it('WHERE, GROUP BY with grouping sets, HAVING', () => {
    expect(one('SELECT a FROM t WHERE a = 1 GROUP BY ROLLUP (a, b), CUBE ((a, b), c), GROUPING SETS ((a), ()), d HAVING COUNT(*) > 1')).toMatchObject({
      query: {
        where: { kind: 'Comparison' },
        groupBy: {
          kind: 'GroupBy',
          all: false,
          items: [
            { kind: 'GroupingSet', type: 'ROLLUP', items: [col('a'), col('b')] },
            { kind: 'GroupingSet', type: 'CUBE', items: [{ kind: 'GroupingSet', type: 'LIST', items: [col('a'), col('b')] }, col('c')] },
            { kind: 'GroupingSet', type: 'GROUPING SETS', items: [{ kind: 'Paren' }, { kind: 'GroupingSet', type: 'LIST', items: [] }] },
            col('d'),
          ],
        },
        having: { kind: 'Comparison' },
      },
    });
    expect(one('SELECT a FROM t GROUP BY ALL a, b')).toMatchObject({ query: { groupBy: { all: true, items: [col('a'), col('b')] } } });
    expect(one('SELECT a FROM t GROUP BY a, b WITH ROLLUP')).toMatchObject({ query: { groupBy: { all: false, with: 'ROLLUP' } } });
  });

  it('WINDOW clause', () => {
    expect(one('SELECT SUM(x) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b ROWS UNBOUNDED PRECEDING), v AS (w)')).toMatchObject({
      query: {
        window: [
          { kind: 'WindowDefinition', name: ident('w'), spec: { kind: 'Over', partitionBy: [col('a')], orderBy: [{ expr: col('b') }], frame: { unit: 'ROWS' } } },
          { kind: 'WindowDefinition', name: ident('v'), spec: { window: ident('w') } },
        ],
      },
    });
  });

  it('ORDER BY, OFFSET … FETCH, OPTION', () => {
    expect(one('SELECT a FROM t ORDER BY a DESC, b OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY OPTION (RECOMPILE, MAXDOP 1)')).toMatchObject({
      orderBy: [{ expr: col('a'), direction: 'DESC' }, { expr: col('b') }],
      offset: { kind: 'OffsetFetch', offset: { kind: 'Literal', value: '10' }, fetch: { kind: 'Literal', value: '5' } },
      option: [
        { kind: 'QueryHint', name: 'RECOMPILE' },
        { kind: 'QueryHint', name: 'MAXDOP', value: { kind: 'Literal', value: '1' } },
      ],
    });
  });

  it('query hints', () => {
    const s = one(
      "SELECT a FROM t OPTION (OPTIMIZE FOR (@p = 1, @q UNKNOWN), HASH GROUP, CONCAT UNION, MERGE JOIN, FORCE ORDER, KEEPFIXED PLAN, USE HINT ('A', 'B'), TABLE HINT (t, NOLOCK, INDEX(ix)), OPTIMIZE FOR UNKNOWN, MAX_GRANT_PERCENT = 1.5, QUERYTRACEON 4199, LABEL = 'x')",
    );
    expect(s).toMatchObject({
      option: [
        { name: 'OPTIMIZE FOR', optimizeFor: [{ kind: 'OptimizeForItem', name: '@p', value: { kind: 'Literal' } }, { name: '@q' }] },
        { name: 'HASH GROUP' },
        { name: 'CONCAT UNION' },
        { name: 'MERGE JOIN' },
        { name: 'FORCE ORDER' },
        { name: 'KEEPFIXED PLAN' },
        { name: 'USE HINT', hints: [{ value: 'A' }, { value: 'B' }] },
        { name: 'TABLE HINT', table: obj('t'), tableHints: [{ name: 'NOLOCK' }, { name: 'INDEX', indexes: [ident('ix')] }] },
        { name: 'OPTIMIZE FOR UNKNOWN' },
        { name: 'MAX_GRANT_PERCENT' },
        { name: 'QUERYTRACEON' },
        { name: 'LABEL' },
      ],
    });
  });

  it('FOR XML / JSON / BROWSE', () => {
    expect(one("SELECT a FROM t FOR XML RAW('r'), ROOT('x'), ELEMENTS XSINIL, TYPE")).toMatchObject({
      forClause: { kind: 'ForClause', type: 'XML', mode: 'RAW', elementName: 'r', root: 'x', options: ['ROOT', 'ELEMENTS XSINIL', 'TYPE'] },
    });
    expect(one("SELECT a FROM t FOR JSON PATH, ROOT('x'), INCLUDE_NULL_VALUES")).toMatchObject({
      forClause: { type: 'JSON', mode: 'PATH', root: 'x', options: ['ROOT', 'INCLUDE_NULL_VALUES'] },
    });
    expect(one('SELECT a FROM t FOR JSON AUTO, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES')).toMatchObject({
      forClause: { type: 'JSON', mode: 'AUTO', options: ['WITHOUT_ARRAY_WRAPPER', 'INCLUDE_NULL_VALUES'] },
    });
    expect(one('SELECT a FROM t FOR XML EXPLICIT, BINARY BASE64, XMLDATA')).toMatchObject({ forClause: { mode: 'EXPLICIT', options: ['BINARY BASE64', 'XMLDATA'] } });
    expect(one('SELECT a FROM t FOR BROWSE')).toMatchObject({ forClause: { type: 'BROWSE' } });
  });

  it('set operations: INTERSECT binds tighter, parenthesised members, ORDER BY at the end', () => {
    expect(one('SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3 INTERSECT SELECT 4 ORDER BY 1')).toMatchObject({
      query: {
        kind: 'SetOperation',
        op: 'EXCEPT',
        left: { kind: 'SetOperation', op: 'UNION ALL', left: { kind: 'Select' }, right: { kind: 'Select' } },
        right: { kind: 'SetOperation', op: 'INTERSECT' },
      },
      orderBy: [{ kind: 'OrderByItem' }],
    });
    expect(one('(SELECT 1) UNION (SELECT 2) ORDER BY 1')).toMatchObject({
      kind: 'SelectStatement',
      query: { kind: 'SetOperation', op: 'UNION', left: { kind: 'ParenQuery', query: { kind: 'Select' } }, right: { kind: 'ParenQuery' } },
    });
  });

  it('CTEs, recursive, with column lists and XMLNAMESPACES', () => {
    expect(one('WITH a AS (SELECT 1 x), b (y, z) AS (SELECT x, x FROM a) SELECT * FROM b')).toMatchObject({
      ctes: [
        { kind: 'Cte', name: ident('a'), columns: [], query: { kind: 'Select' } },
        { kind: 'Cte', name: ident('b'), columns: [ident('y'), ident('z')] },
      ],
    });
    expect(one("WITH XMLNAMESPACES ('uri' AS ns, DEFAULT 'd'), c AS (SELECT 1 a) SELECT * FROM c")).toMatchObject({
      xmlNamespaces: { kind: 'XmlNamespaces', items: [{ prefix: ident('ns') }, { kind: 'XmlNamespace' }] },
      ctes: [{ name: ident('c') }],
    });
  });

  it('ORDER BY inside a subquery is kept on the query', () => {
    expect(one('SELECT a FROM (SELECT TOP 1 a FROM t ORDER BY a) x')).toMatchObject({
      query: { from: [{ kind: 'DerivedTable', alias: ident('x'), query: { kind: 'Select', top: {}, orderBy: [{ expr: col('a') }] } }] },
    });
  });
});

describe('FROM: golden trees', () => {
  it('joins: types, hints, nesting, APPLY', () => {
    const s = one('SELECT * FROM t1 a INNER LOOP JOIN t2 b ON a.id = b.id LEFT OUTER JOIN t3 ON 1 = 1 CROSS JOIN t4 CROSS APPLY dbo.f(a.x) f OUTER APPLY g(1)');
    expect(s).toMatchObject({
      query: {
        from: [
          {
            kind: 'Join',
            joinType: 'OUTER APPLY',
            right: { kind: 'FunctionTable', call: { kind: 'FunctionCall' } },
            left: {
              kind: 'Join',
              joinType: 'CROSS APPLY',
              right: { kind: 'FunctionTable', alias: ident('f'), call: { kind: 'FunctionCall', name: [ident('dbo'), ident('f')] } },
              left: {
                kind: 'Join',
                joinType: 'CROSS',
                left: {
                  kind: 'Join',
                  joinType: 'LEFT',
                  on: { kind: 'Comparison' },
                  left: { kind: 'Join', joinType: 'INNER', hint: 'LOOP', left: { kind: 'NamedTable', alias: ident('a') }, right: { alias: ident('b') } },
                },
              },
            },
          },
        ],
      },
    });
  });

  it('a join inside the right side of a join, with its own ON', () => {
    expect(one('SELECT * FROM a JOIN b JOIN c ON b.x = c.x ON a.x = b.x')).toMatchObject({
      query: { from: [{ kind: 'Join', left: { name: obj('a') }, right: { kind: 'Join', left: { name: obj('b') }, right: { name: obj('c') } } }] },
    });
  });

  it('parenthesised joins and comma lists', () => {
    expect(one('SELECT * FROM (a JOIN b ON a.x = b.x) JOIN c ON 1 = 1, d')).toMatchObject({
      query: { from: [{ kind: 'Join', left: { kind: 'Join', paren: true } }, { kind: 'NamedTable', name: obj('d') }] },
    });
    expect(one('SELECT * FROM ((SELECT 1 AS a) x JOIN b ON 1 = 1)')).toMatchObject({
      query: { from: [{ kind: 'Join', paren: true, left: { kind: 'DerivedTable', alias: ident('x') } }] },
    });
    expect(one('SELECT * FROM ((SELECT 1 AS a) UNION (SELECT 2)) x')).toMatchObject({
      query: { from: [{ kind: 'DerivedTable', query: { kind: 'SetOperation' }, alias: ident('x') }] },
    });
  });

  it('derived tables and VALUES with column lists', () => {
    expect(one('SELECT * FROM (SELECT 1 AS a) AS d (x) JOIN (VALUES (1, 2), (3, DEFAULT)) AS v (a, b) ON 1 = 1')).toMatchObject({
      query: {
        from: [
          {
            left: { kind: 'DerivedTable', alias: ident('d'), columns: [ident('x')] },
            right: {
              kind: 'ValuesTable',
              alias: ident('v'),
              columns: [ident('a'), ident('b')],
              rows: [{ kind: 'RowValue', values: [{ kind: 'Literal' }, { kind: 'Literal' }] }, { values: [{ kind: 'Literal' }, { kind: 'DefaultArgument' }] }],
            },
          },
        ],
      },
    });
  });

  it('table hints, with and without WITH', () => {
    expect(one('SELECT * FROM t WITH (NOLOCK, INDEX(ix1, 2), INDEX = ix, FORCESEEK(ix (a, b)), SPATIAL_WINDOW_MAX_CELLS = 8) JOIN u (NOLOCK) ON 1 = 1')).toMatchObject({
      query: {
        from: [
          {
            left: {
              kind: 'NamedTable',
              hints: [
                { kind: 'TableHint', name: 'NOLOCK' },
                { name: 'INDEX', indexes: [ident('ix1'), ident('2')] },
                { name: 'INDEX', indexes: [ident('ix')] },
                { name: 'FORCESEEK', indexes: [ident('ix')], columns: [ident('a'), ident('b')] },
                { name: 'SPATIAL_WINDOW_MAX_CELLS' },
              ],
            },
            right: { name: obj('u'), hints: [{ name: 'NOLOCK' }] },
          },
        ],
      },
    });
    expect(one('SELECT * FROM t a WITH (READPAST UPDLOCK)')).toMatchObject({ query: { from: [{ alias: ident('a'), hints: [{ name: 'READPAST' }, { name: 'UPDLOCK' }] }] } });
  });

  it('FOR SYSTEM_TIME and TABLESAMPLE', () => {
    expect(one("SELECT * FROM t FOR SYSTEM_TIME AS OF '2020-01-01' AS x, u FOR SYSTEM_TIME BETWEEN @a AND @b, v FOR SYSTEM_TIME CONTAINED IN (@a, @b), w FOR SYSTEM_TIME ALL")).toMatchObject({
      query: {
        from: [
          { forSystemTime: { kind: 'SystemTime', type: 'AS OF', from: { kind: 'Literal' } }, alias: ident('x') },
          { forSystemTime: { type: 'BETWEEN', from: { kind: 'Variable' }, to: { kind: 'Variable' } } },
          { forSystemTime: { type: 'CONTAINED IN' } },
          { forSystemTime: { type: 'ALL' } },
        ],
      },
    });
    expect(one('SELECT * FROM t TABLESAMPLE SYSTEM (10 PERCENT) REPEATABLE (5)')).toMatchObject({
      query: { from: [{ tablesample: { kind: 'TableSample', unit: 'PERCENT', repeatable: { kind: 'Literal' } } }] },
    });
  });

  it('table-valued functions: OPENJSON WITH, STRING_SPLIT, nodes()', () => {
    expect(one("SELECT * FROM OPENJSON(@j) WITH (id int '$.id', obj nvarchar(max) AS JSON) AS j")).toMatchObject({
      query: {
        from: [
          {
            kind: 'FunctionTable',
            alias: ident('j'),
            withColumns: [
              { kind: 'JsonColumn', name: ident('id'), path: { value: '$.id' }, asJson: false },
              { name: ident('obj'), asJson: true },
            ],
          },
        ],
      },
    });
    expect(one("SELECT * FROM STRING_SPLIT(@s, ',') s CROSS APPLY @x.nodes('/r') AS n(c)")).toMatchObject({
      query: { from: [{ left: { kind: 'FunctionTable', alias: ident('s') }, right: { kind: 'FunctionTable', call: { kind: 'MethodCall' }, columns: [ident('c')] } }] },
    });
    expect(one('SELECT * FROM @t AS x')).toMatchObject({ query: { from: [{ kind: 'VariableTable', variable: { kind: 'Variable', name: '@t' }, alias: ident('x') }] } });
  });

  it('rowset functions', () => {
    expect(one("SELECT * FROM OPENQUERY(srv, 'SELECT 1') q")).toMatchObject({ query: { from: [{ kind: 'RowsetFunction', function: 'OPENQUERY', object: obj('srv'), alias: ident('q') }] } });
    expect(one("SELECT * FROM OPENROWSET(BULK 'c:\\x.txt', SINGLE_BLOB) AS x")).toMatchObject({ query: { from: [{ function: 'OPENROWSET', bulk: true }] } });
    expect(one("SELECT * FROM OPENROWSET('Microsoft.Jet.OLEDB.4.0', 'C:\\a.mdb'; 'admin'; '', Customers)")).toMatchObject({ query: { from: [{ object: obj('Customers') }] } });
    expect(one("SELECT * FROM OPENDATASOURCE('SQLNCLI', 'Data Source=x').db.dbo.t")).toMatchObject({ query: { from: [{ objectAfter: { database: ident('db'), name: ident('t') } }] } });
    expect(one("SELECT * FROM OPENXML(@i, '/a', 1) WITH (id int '@id')")).toMatchObject({ query: { from: [{ function: 'OPENXML', withColumns: [{ name: ident('id') }] }] } });
    expect(one("SELECT * FROM CONTAINSTABLE(t, (a, b), 'x', LANGUAGE 1033, 10) AS k")).toMatchObject({ query: { from: [{ function: 'CONTAINSTABLE', columns: [col('a'), col('b')] }] } });
    expect(one('SELECT * FROM CHANGETABLE(CHANGES dbo.t, @v) AS ct')).toMatchObject({ query: { from: [{ kind: 'ChangeTable', type: 'CHANGES', alias: ident('ct') }] } });
  });

  it('PIVOT and UNPIVOT', () => {
    expect(one('SELECT * FROM t PIVOT (SUM(v) FOR k IN ([a], [b])) AS p')).toMatchObject({
      query: { from: [{ kind: 'Pivot', source: { name: obj('t') }, aggregate: { kind: 'FunctionCall' }, column: col('k'), values: [ident('a'), ident('b')], alias: ident('p') }] },
    });
    expect(one('SELECT * FROM t UNPIVOT (v FOR k IN (a, b)) u')).toMatchObject({
      query: { from: [{ kind: 'Unpivot', valueColumn: ident('v'), nameColumn: ident('k'), columns: [col('a'), col('b')], alias: ident('u') }] },
    });
  });
});

describe('data modification: golden trees', () => {
  it('INSERT … VALUES, column list, hints, OUTPUT INTO', () => {
    expect(one('INSERT INTO t WITH (TABLOCK) (a, b) OUTPUT inserted.*, inserted.a AS x INTO @o (a, b) VALUES (1, 2), (3, DEFAULT)')).toMatchObject({
      kind: 'Insert',
      ctes: [],
      target: { kind: 'NamedTable', name: obj('t'), hints: [{ name: 'TABLOCK' }] },
      columns: [ident('a'), ident('b')],
      output: {
        kind: 'OutputClause',
        items: [{ expr: { kind: 'ColumnRef', parts: [ident('inserted')], star: true } }, { alias: ident('x') }],
        into: { kind: 'VariableTable' },
        intoColumns: [ident('a'), ident('b')],
      },
      source: { kind: 'ValuesSource', rows: [{ kind: 'RowValue' }, { values: [{}, { kind: 'DefaultArgument' }] }] },
    });
  });

  it('INSERT … SELECT with ORDER BY, DEFAULT VALUES, EXEC, TOP', () => {
    expect(one('INSERT TOP (5) t SELECT a FROM u ORDER BY a OPTION (MAXDOP 1)')).toMatchObject({
      top: { kind: 'Top' },
      source: { kind: 'Select' },
      orderBy: [{ expr: col('a') }],
      option: [{ name: 'MAXDOP' }],
    });
    expect(one('INSERT t DEFAULT VALUES')).toMatchObject({ source: { kind: 'DefaultValues' } });
    expect(one('INSERT INTO #t EXEC dbo.p @a = 1')).toMatchObject({ target: { name: obj('#t') }, source: { kind: 'ExecSource', exec: { kind: 'Execute' } } });
    expect(one('INSERT INTO t (SELECT 1)')).toMatchObject({ columns: [], source: { kind: 'ParenQuery' } });
  });

  it('UPDATE: SET forms, FROM, WHERE, OPTION', () => {
    const s = one("UPDATE TOP (10) a SET a.x = 1, y += 2, @v = z = 3, c.WRITE(N'x', 0, 1), d = DEFAULT OUTPUT deleted.x FROM dbo.T a WHERE a.id = 1 OPTION (RECOMPILE)");
    expect(s).toMatchObject({
      kind: 'Update',
      top: {},
      target: { kind: 'NamedTable', name: obj('a') },
      sets: [
        { kind: 'SetClause', target: col('a', 'x'), op: '=', expr: { kind: 'Literal' } },
        { target: col('y'), op: '+=' },
        { target: { kind: 'Variable', name: '@v' }, column: col('z'), op: '=' },
        { target: col('c'), method: ident('WRITE'), args: [{}, {}, {}] },
        { target: col('d'), isDefault: true },
      ],
      output: { items: [{ expr: col('deleted', 'x') }] },
      from: [{ kind: 'NamedTable', alias: ident('a') }],
      where: { kind: 'Comparison' },
      option: [{ name: 'RECOMPILE' }],
    });
  });

  it('WHERE CURRENT OF', () => {
    expect(one('UPDATE t SET a = 1 WHERE CURRENT OF GLOBAL c')).toMatchObject({ currentOf: { kind: 'CurrentOf', global: true, cursor: ident('c') } });
    expect(one('DELETE t WHERE CURRENT OF @c')).toMatchObject({ currentOf: { global: false, variable: { kind: 'Variable', name: '@c' } } });
  });

  it('DELETE with a second FROM', () => {
    expect(one('DELETE TOP (1) FROM t OUTPUT deleted.* FROM t JOIN u ON t.id = u.id WHERE u.x = 1')).toMatchObject({
      kind: 'Delete',
      target: { name: obj('t') },
      output: {},
      from: [{ kind: 'Join' }],
      where: { kind: 'Comparison' },
    });
    expect(one('DELETE a FROM dbo.t AS a')).toMatchObject({ target: { name: obj('a') }, from: [{ alias: ident('a') }] });
  });

  it('MERGE with every clause kind', () => {
    const s = one(
      'MERGE TOP (10) INTO dbo.t WITH (HOLDLOCK) AS tgt USING (SELECT 1 AS id) AS src ON tgt.id = src.id ' +
        'WHEN MATCHED AND tgt.x <> src.x THEN UPDATE SET x = src.x ' +
        'WHEN NOT MATCHED BY TARGET THEN INSERT (id) VALUES (src.id) ' +
        'WHEN NOT MATCHED BY SOURCE THEN DELETE ' +
        'OUTPUT $action, inserted.* INTO @log OPTION (LOOP JOIN);',
    );
    expect(s).toMatchObject({
      kind: 'Merge',
      top: {},
      target: { kind: 'NamedTable', alias: ident('tgt'), hints: [{ name: 'HOLDLOCK' }] },
      source: { kind: 'DerivedTable', alias: ident('src') },
      on: { kind: 'Comparison' },
      clauses: [
        { kind: 'MergeClause', when: 'MATCHED', condition: { kind: 'Comparison' }, action: 'UPDATE', sets: [{ target: col('x') }] },
        { when: 'NOT MATCHED', action: 'INSERT', columns: [ident('id')], values: { kind: 'RowValue' } },
        { when: 'NOT MATCHED BY SOURCE', action: 'DELETE' },
      ],
      output: { items: [{ expr: { kind: 'PseudoColumn' } }, {}], into: { kind: 'VariableTable' } },
      option: [{ name: 'LOOP JOIN' }],
    });
  });

  it('CTE before INSERT / UPDATE / DELETE / MERGE', () => {
    expect(one('WITH c AS (SELECT 1 a) INSERT INTO t SELECT a FROM c')).toMatchObject({ kind: 'Insert', ctes: [{ name: ident('c') }] });
    expect(one('WITH c AS (SELECT a FROM t) UPDATE c SET a = 1')).toMatchObject({ kind: 'Update', ctes: [{}] });
    expect(one('WITH c AS (SELECT a FROM t) DELETE FROM c')).toMatchObject({ kind: 'Delete', ctes: [{}] });
    expect(one('WITH c AS (SELECT a FROM t) MERGE t USING c ON 1 = 1 WHEN MATCHED THEN DELETE;')).toMatchObject({ kind: 'Merge', ctes: [{}] });
  });

  it('TRUNCATE TABLE and BULK INSERT', () => {
    expect(one('TRUNCATE TABLE t WITH (PARTITIONS (1, 3 TO 5))')).toMatchObject({
      kind: 'TruncateTable',
      table: obj('t'),
      partitions: [{ kind: 'PartitionRange', from: { value: '1' } }, { from: { value: '3' }, to: { value: '5' } }],
    });
    expect(one("BULK INSERT dbo.t FROM 'c:\\x.csv' WITH (FIELDTERMINATOR = ',', FIRSTROW = 2, TABLOCK, ORDER (a ASC, b))")).toMatchObject({
      kind: 'BulkInsert',
      options: [{ name: 'FIELDTERMINATOR', value: { kind: 'Literal' } }, { name: 'FIRSTROW' }, { name: 'TABLOCK' }, { name: 'ORDER', order: [{ direction: 'ASC' }, {}] }],
    });
  });

  it('composable DML: the OUTPUT rows of a MERGE as a table', () => {
    expect(
      one(
        'INSERT INTO c (k, id) SELECT k, id FROM (MERGE t USING s ON t.id = s.id WHEN MATCHED THEN DELETE OUTPUT $action, deleted.id) AS x (k, id) WHERE k = 1',
      ),
    ).toMatchObject({
      source: { from: [{ kind: 'DmlTable', statement: { kind: 'Merge', output: { items: [{}, {}] } }, alias: ident('x'), columns: [ident('k'), ident('id')] }] },
    });
  });

  it('graph: edge pseudo-columns in an INSERT list, FOR PATH tables', () => {
    expect(one('INSERT INTO FriendOf ($from_id, $to_id) VALUES (1, 2)')).toMatchObject({ columns: [ident('$from_id'), ident('$to_id')] });
    expect(one('SELECT 1 FROM Person AS p1, friendOf FOR PATH AS fo, Person FOR PATH AS p2')).toMatchObject({
      query: { from: [{ alias: ident('p1') }, { forPath: true, alias: ident('fo') }, { forPath: true }] },
    });
  });

  it('PREDICT as a table source', () => {
    expect(one('SELECT d.*, p.Score FROM PREDICT(MODEL = @m, DATA = dbo.t AS d, RUNTIME = ONNX) WITH (Score float) AS p')).toMatchObject({
      query: { from: [{ kind: 'Predict', model: { kind: 'Variable' }, data: { kind: 'NamedTable', alias: ident('d') }, runtime: ident('ONNX'), withColumns: [{ name: ident('Score') }], alias: ident('p') }] },
    });
  });

  it('UPDATE STATISTICS goes to the DDL rule', () => {
    expect(one('UPDATE STATISTICS dbo.t')).toMatchObject({ kind: 'UpdateStatistics' });
  });
});

describe('valid T-SQL parses without error', () => {
  const valid = [
    'SELECT 1',
    'SELECT 1 SELECT 2',
    'SELECT TOP 10 PERCENT * FROM t',
    'SELECT ALL a FROM t',
    "SELECT CAST(x AS int) AS [y], x = CASE WHEN a = 1 THEN 2 ELSE 3 END, @@ROWCOUNT, N'x' AS \"z\" FROM sys.objects AS o WITH (NOLOCK) WHERE o.type = N'U'",
    "SELECT STUFF((SELECT ',' + name FROM t FOR XML PATH('')), 1, 1, ''), (SELECT a FROM t FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)')",
    'SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id) AND a IN (SELECT b FROM c UNION SELECT d FROM e)',
    'SELECT * FROM t CROSS APPLY (SELECT TOP 1 * FROM u WHERE u.id = t.id ORDER BY u.x) x',
    'SELECT a FROM (SELECT a FROM t ORDER BY a OFFSET 0 ROWS) x',
    'SELECT * FROM sys.dm_exec_requests r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) st OUTER APPLY sys.dm_exec_query_plan(r.plan_handle) qp',
    'WITH cte AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM cte WHERE n < 10) SELECT n FROM cte OPTION (MAXRECURSION 100)',
    'SELECT 1 AS a UNION ALL (SELECT 2) UNION ALL SELECT 3',
    'SELECT * FROM db..t',
    'SELECT * FROM srv.db.dbo.t AS x',
    'SELECT * FROM ::fn_helpcollations()',
    'SELECT * FROM GENERATE_SERIES(1, 10, 2) AS g',
    'SELECT * FROM t1 a, t2 b (NOLOCK) WHERE a.x = b.x',
    'SELECT * FROM t a (NOLOCK) JOIN u (NOLOCK) ON 1 = 1',
    'SELECT * FROM t AS [x] WITH (NOLOCK)',
    'SELECT * FROM dbo.fn(1, DEFAULT) f',
    "SELECT 'a' + 'b' 'c'",
    'SELECT a FROM t WINDOW w AS (ORDER BY a), w2 AS (w PARTITION BY b)',
    'SELECT TOP(1) WITH TIES a FROM t ORDER BY a',
    'SELECT NEXT VALUE FOR dbo.seq',
    'SELECT * FROM a FULL MERGE JOIN b ON 1 = 1 RIGHT OUTER REMOTE JOIN c ON 1 = 1',
    'SELECT a FROM t GROUP BY a, b WITH CUBE',
    "SELECT a FROM t FOR XML AUTO, ELEMENTS ABSENT, XMLSCHEMA('urn:x')",
    'SELECT a FROM t FOR JSON AUTO',
    "SELECT * FROM OPENROWSET('SQLNCLI', 'Server=(local);Trusted_Connection=yes;', 'SELECT 1') AS a",
    "SELECT * FROM FREETEXTTABLE(t, *, 'y') f",
    "SELECT * FROM SEMANTICKEYPHRASETABLE(dbo.Docs, *) AS k",
    'SELECT * FROM CHANGETABLE(VERSION dbo.t, (id), (@id)) AS v',
    "INSERT INTO dbo.t (a, b) SELECT a, b FROM (VALUES (1, 2)) AS v(a, b) WHERE NOT EXISTS (SELECT 1 FROM dbo.t WHERE a = v.a)",
    "INSERT INTO OPENQUERY(srv, 'SELECT a FROM t') VALUES (1)",
    'INSERT @t (a) VALUES (1)',
    "INSERT INTO #t EXEC ('SELECT 1')",
    'INSERT t EXECUTE sp_x 1, 2',
    'INSERT INTO t (a) SELECT 1 UNION ALL SELECT 2',
    'UPDATE t SET @x = a, a = @x + 1',
    'UPDATE dbo.t SET x = (SELECT MAX(y) FROM u WHERE u.id = t.id) WHERE id IN (1, 2, 3)',
    "UPDATE t SET x.modify('delete /a') WHERE 1 = 1",
    'UPDATE t SET a = 1, b = NULL OUTPUT inserted.a INTO @o WHERE 1 = 1',
    'UPDATE @t SET a = 1',
    'UPDATE t SET a %= 2, b &= 1, c |= 4, d ^= 8',
    'DELETE @t WHERE a = 1',
    'DELETE FROM t',
    'DELETE t FROM t',
    'MERGE t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;',
    'MERGE INTO t AS x USING s AS y ON x.id = y.id WHEN NOT MATCHED THEN INSERT DEFAULT VALUES;',
    'MERGE t USING s JOIN u ON s.id = u.id ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.a = u.a;',
    'SELECT * FROM t WHERE a = 1\n;WITH c AS (SELECT 1 a) SELECT * FROM c',
    'BEGIN\nWITH c AS (SELECT 1 a) SELECT * FROM c\nEND',
    'WITH CHANGE_TRACKING_CONTEXT (@ctx) UPDATE t SET a = 1',
    'DECLARE c CURSOR FOR SELECT a FROM t FOR UPDATE OF a',
    'SELECT a FROM t WHERE a = 1 OPTION (RECOMPILE);',
    'SELECT 1 AS x INTO #t',
    "SELECT * FROM t FOR SYSTEM_TIME FROM '2020-01-01' TO '2021-01-01' AS h",
    'SELECT a FROM t WHERE a > ALL (SELECT b FROM u)',
    'SELECT @@ver = 7',
    'CREATE FUNCTION dbo.f() RETURNS TABLE AS RETURN (WITH s (a) AS (SELECT 1) SELECT a FROM s)',
    'SELECT * FROM t UNION SELECT 3',
    'SELECT a INTO #x FROM t UNION SELECT b FROM u',
    'INSERT INTO t (a, b) SELECT * FROM u',
    'INSERT INTO t (a, b) SELECT x.* FROM u AS x',
    'SELECT TOP (1) WITH TIES a FROM t ORDER BY a',
  ];
  for (const sql of valid) it(sql, () => expect(parseBatch(sql).error).toBeUndefined());
});

describe('invalid T-SQL fails where SQL Server does', () => {
  const cases: [string, string][] = [
    ['SELECT a b c FROM t', '102 1:12'],
    ['SELECT a, FROM t', '156 1:11'],
    ['SELECT * FROM (SELECT 1 a) WHERE 1=1', '156 1:28'],
    ['SELECT * FROM (SELECT 1 a)', '102 1:26'],
    ['SELECT a FROM t a b', '102 1:19'],
    ['SELECT * FROM a JOIN b WHERE 1=1', '156 1:24'],
    ['SELECT * FROM a LEFT b ON 1=1', '102 1:22'],
    ['SELECT * FROM t WITH (NOLOKC)', '321 1:23'],
    ['SELECT a FROM t ORDER BY a,', '102 1:27'],
    ['SELECT TOP a FROM t', '102 1:12'],
    ['UPDATE TOP 5 t SET a = 1', '102 1:12'],
    ['UPDATE t SET a', '102 1:14'],
    ['UPDATE t a = 1', '102 1:10'],
    ['INSERT INTO t VALUES (1,)', '102 1:25'],
    ['INSERT INTO t (a,) VALUES (1)', '102 1:18'],
    ['MERGE t USING s ON 1=1;', '102 1:23'],
    ['MERGE t USING s ON 1=1 WHEN MATCHED UPDATE SET a = 1;', '156 1:37'],
    ['MERGE t AS tgt USING s ON tgt.id = s.id WHEN MATCHED THEN DELETE', '10713 1:59'],
    ['MERGE t USING s ON 1 = 1 WHEN MATCHED THEN DELETE SELECT 1', '10713 1:51'],
    ['SELECT 1 UNION ORDER BY 1', '156 1:16'],
    ['SELECT a FROM t GROUP a', '102 1:23'],
    ['SELECT a FROM t ORDER a', '102 1:23'],
    ['SELECT a FROM t OPTION (RECOMPLIE)', '102 1:25'],
    ['SELECT a FROM t OPTION ()', '102 1:25'],
    ['SELECT a FROM t FOR XML PATH,', '102 1:29'],
    ['WITH c AS SELECT 1 SELECT 1', '156 1:11'],
    ['SELECT a AS FROM t', '156 1:13'],
    ['SELECT a FROM t WHERE a = 1 b = 2', '102 1:29'],
    ['SELECT a FROM t GROUP BY a,', '102 1:27'],
    ['SELECT DISTINCT FROM t', '156 1:17'],
    ['SELECT * FORM t', '102 1:10'],
    ['SELECT * FROM t WHERE a IN (SELECT b FROM u ORDER BY b)', '1033 1:45'],
    ['SELECT a FROM (SELECT a FROM t ORDER BY a) x', '1033 1:32'],
    ['WITH c AS (SELECT a FROM t ORDER BY a) SELECT * FROM c', '1033 1:28'],
    // In a subquery each SELECT of a UNION may have its own ORDER BY, but only with TOP, OFFSET or FOR.
    ['SELECT x.a FROM (SELECT a FROM t ORDER BY a UNION SELECT TOP (5) a FROM u) x', '1033 1:34'],
    // A statement's query takes its ORDER BY at the end only.
    ['SELECT TOP (5) a FROM t ORDER BY a UNION SELECT TOP (5) a FROM u', '156 1:36'],
    ['TRUNCATE t', '102 1:10'],
    ['SELECT * FROM t PIVOT (SUM(v) FOR k IN ([a], [b]))', '102 1:50'],
    ['SELECT 1 THROW 50000, \'x\', 1', '102 1:16'],
    ['SELECT a FROM t OFFSET 5 ROWS', '102 1:24'],
    ['SELECT a FROM t ORDER BY a OFFSET 5', '102 1:35'],
    ['SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH NEXT 5 ROWS', '102 1:55'],
    ['SELECT * FROM t WITH (NOLOCK)\nWITH c AS (SELECT 1 a) SELECT * FROM c', '319 2:1'],
    ['SELECT 1\nWITH c AS (SELECT 1 a) SELECT * FROM c', '319 2:1'],
    ['SELECT * FROM t WITH (NOLOCK,)', '102 1:30'],
    ['SELECT * FROM (VALUES (1), (2) v', '102 1:32'],
    ['SELECT * FROM (VALUES (1), (2))', '102 1:31'],
    ['DELETE FROM t AS x WHERE 1 = 1', '156 1:15'],
    ['SELECT a FROM t UNION ALL', '156 1:23'],
    ['SELECT a FROM t JOIN u ON', '156 1:24'],
    ['SELECT a FROM t CROSS JOIN u ON 1 = 1', '156 1:30'],
    ['SELECT a FROM t OUTER JOIN u ON 1 = 1', '156 1:23'],
    ['UPDATE t SET a = 1 WHERE CURRENT OF', '156 1:34'],
    ['SELECT a INTO FROM t', '156 1:15'],
    ['SELECT TOP (1 a FROM t', '102 1:15'],
    // Checks SQL Server makes when it compiles the query.
    ['SELECT TOP 1 WITH TIES a FROM t', '1062 1:8'],
    ['SELECT TOP 1 a FROM t ORDER BY a OFFSET 0 ROWS', '10741 1:8'],
    ['SELECT 1, 2 UNION SELECT 3', '205 1:1'],
    ['SELECT a FROM (SELECT 1 a UNION ALL SELECT 1, 2) x', '205 1:16'],
    ['INSERT INTO t (a, b) VALUES (1)', '109 1:1'],
    ['INSERT INTO t (a) VALUES (1, 2)', '110 1:1'],
    ['INSERT INTO t VALUES (1, 2), (3)', '10709 1:30'],
    ['SELECT * FROM (VALUES (1, 2), (3)) v (a, b)', '10709 1:31'],
    ['INSERT INTO t (a, b) SELECT 1', '120 1:1'],
    ['INSERT INTO t (a) SELECT 1, 2 FROM u', '121 1:1'],
    ['MERGE t USING s ON 1 = 1 WHEN NOT MATCHED THEN INSERT (a, b) VALUES (1);', '109 1:26'],
    ['SELECT a FROM t UNION SELECT b INTO #y FROM u', '196 1:32'],
    ['SELECT * FROM (SELECT a INTO #t FROM t) x', '156 1:25'],
    ['INSERT INTO t SELECT a INTO #t FROM u', '156 1:24'],
    ['CREATE VIEW v AS SELECT a FROM t ORDER BY a', '1033 1:34'],
  ];
  for (const [sql, expected] of cases) it(sql, () => expect(errorOf(sql)).toBe(expected));
});

describe('forms the SQL Server 2022 grammar accepts', () => {
  it('in a subquery, derived table or CTE, each SELECT of a UNION / EXCEPT / INTERSECT with its own TOP … ORDER BY', () => {
    const sql = 'SELECT x.a FROM (SELECT TOP (5) a FROM t ORDER BY a DESC UNION SELECT TOP (5) a FROM u ORDER BY b) AS x';
    expect(one(sql)).toMatchObject({
      query: { from: [{ kind: 'DerivedTable', query: { kind: 'SetOperation', op: 'UNION', left: { kind: 'Select', orderBy: [{ expr: col('a') }] }, right: { kind: 'Select' }, orderBy: [{ expr: col('b') }] } }] },
    });
    expect(errorOf('SELECT a FROM t WHERE a IN (SELECT TOP 1 b FROM u ORDER BY b EXCEPT SELECT b FROM v ORDER BY b OFFSET 0 ROWS)')).toBe('none');
    expect(errorOf('WITH c AS (SELECT TOP 1 a FROM t ORDER BY a INTERSECT SELECT TOP 1 a FROM u FOR XML PATH UNION ALL SELECT 1) SELECT * FROM c')).toBe('none');
  });

  it('an INSERT column named with its table, and with parts before the column left out', () => {
    expect(one('INSERT INTO db..t (t.a, dbo.t.b, ..t.c, db...d, .t.e) VALUES (1, 2, 3, 4, 5)')).toMatchObject({
      kind: 'Insert',
      columns: [ident('a'), ident('b'), ident('c'), ident('d'), ident('e')],
    });
    // The column itself is named, and a name has four parts at most.
    expect(errorOf('INSERT INTO t (t.) VALUES (1)')).toBe('102 1:18');
    expect(errorOf('INSERT INTO t (..) VALUES (1)')).toBe('102 1:18');
    expect(errorOf('INSERT INTO t (a.b.c.d.e) VALUES (1)')).toBe('102 1:23');
  });

  it('a select-list star qualified by a name with its database or schema left out', () => {
    const s = one('SELECT a, ..t.*, db..t.* FROM db..t');
    expect(s).toMatchObject({
      query: {
        items: [
          { expr: col('a') },
          { expr: { kind: 'ColumnRef', star: true, parts: [ident(''), ident(''), ident('t')] } },
          { expr: { kind: 'ColumnRef', star: true, parts: [ident('db'), ident(''), ident('t')] } },
        ],
      },
    });
    // The table itself is named; a star takes no alias.
    expect(errorOf('SELECT db..* FROM t')).toBe('102 1:12');
    expect(errorOf('SELECT ..t.* AS x FROM t')).toBe('156 1:14');
  });

  it('CHANGE_TRACKING_CONTEXT followed by CTEs', () => {
    expect(one('WITH CHANGE_TRACKING_CONTEXT (0x01), src (k) AS (SELECT k FROM s) UPDATE t SET v = 0')).toMatchObject({
      kind: 'Update',
      changeTrackingContext: { kind: 'ChangeTrackingContext' },
      ctes: [{ kind: 'Cte', name: ident('src') }],
    });
  });

  it('SET with a variable and a compound column assignment, DEFAULT and pseudo-columns', () => {
    expect(one('UPDATE t SET @old = qty -= 1, @v = t.flag = DEFAULT, $ROWGUID = NEWID()')).toMatchObject({
      sets: [
        { target: { kind: 'Variable', name: '@old' }, column: col('qty'), columnOp: '-=' },
        { target: { kind: 'Variable' }, column: col('t', 'flag'), op: '=', isDefault: true },
        { target: col('$ROWGUID'), op: '=' },
      ],
    });
    expect(one('UPDATE t SET shape.Move(DEFAULT, 2)')).toMatchObject({ sets: [{ method: ident('Move'), args: [{ kind: 'DefaultArgument' }, { kind: 'Literal' }] }] });
  });

  it('TOP with a parenthesised query, a decimal constant, and the 0–100 range of PERCENT', () => {
    expect(one('SELECT TOP ((SELECT n FROM a) INTERSECT (SELECT n FROM b)) x FROM t')).toMatchObject({
      query: { top: { expr: { kind: 'Subquery', query: { kind: 'SetOperation', op: 'INTERSECT' } } } },
    });
    expect(one('SELECT TOP 12.5 PERCENT x FROM t')).toMatchObject({ query: { top: { percent: true, legacy: true } } });
    expect(errorOf('SELECT TOP 101 PERCENT x FROM t')).toBe('1031 1:12');
    expect(errorOf('SELECT TOP (-3) PERCENT x FROM t')).toBe('1031 1:14');
    expect(errorOf('SELECT TOP 2.5 x FROM t')).toBe('1060 1:12');
    expect(errorOf('DELETE TOP (1.5) FROM t')).toBe('1060 1:13');
    expect(errorOf('SELECT TOP 0x05 x FROM t')).toBe('102 1:12');
  });

  it('a table-valued function as the target of UPDATE or DELETE', () => {
    expect(one('DELETE dbo.Recent(7) WHERE id = 1')).toMatchObject({ target: { kind: 'FunctionTable', call: { kind: 'FunctionCall', args: [{ kind: 'Literal' }] } } });
    expect(one('UPDATE dbo.Pending() SET state = 2')).toMatchObject({ target: { kind: 'FunctionTable', call: { args: [] } } });
  });

  it('older hint spellings: bare HOLDLOCK, an index number, LOCAL join hints', () => {
    expect(one('SELECT * FROM t AS a HOLDLOCK')).toMatchObject({ query: { from: [{ kind: 'NamedTable', hints: [{ name: 'HOLDLOCK' }] }] } });
    expect(one('SELECT * FROM t a (2)')).toMatchObject({ query: { from: [{ hints: [{ name: 'INDEX', indexes: [ident('2')] }] }] } });
    expect(one('SELECT * FROM t WITH (1)')).toMatchObject({ query: { from: [{ hints: [{ name: 'INDEX' }] }] } });
    expect(one('SELECT * FROM a LEFT LOCAL HASH JOIN b ON 1 = 1')).toMatchObject({ query: { from: [{ kind: 'Join', joinType: 'LEFT', hint: 'HASH' }] } });
  });

  it('query hints of older versions', () => {
    expect(one('SELECT 1 OPTION (KEEP UNION, SHRINKDB PLAN, BYPASS OPTIMIZER_QUEUE, OPTIMIZE CORRELATED UNION ALL, USEPLAN 3)')).toMatchObject({
      option: [{ name: 'KEEP UNION' }, { name: 'SHRINKDB PLAN' }, { name: 'BYPASS OPTIMIZER_QUEUE' }, { name: 'OPTIMIZE CORRELATED UNION ALL' }, { name: 'USEPLAN' }],
    });
  });

  it('joined tables whose first member is a derived table, under several parentheses', () => {
    expect(one('SELECT * FROM (((SELECT 1 k) AS a JOIN (SELECT 1 k) AS b ON a.k = b.k)) WHERE 1 = 1')).toMatchObject({
      query: { from: [{ kind: 'Join', paren: true, left: { kind: 'DerivedTable' }, right: { kind: 'DerivedTable' } }] },
    });
    expect(one('SELECT * FROM ((SELECT 1 k) UNION (SELECT 2)) AS u')).toMatchObject({ query: { from: [{ kind: 'DerivedTable', query: { kind: 'SetOperation' } }] } });
    expect(one('SELECT * FROM ((SELECT 1 k)) AS u')).toMatchObject({ query: { from: [{ kind: 'DerivedTable', alias: ident('u') }] } });
  });

  it('INSERT BULK, BULK INSERT from a name, bulk options', () => {
    expect(one('INSERT BULK dbo.Staging (id int NOT NULL, note varchar(20) COLLATE Latin1_General_CI_AS NULL, timestamp) WITH (TABLOCK, ROWS_PER_BATCH = 500)')).toMatchObject({
      kind: 'InsertBulk',
      columns: [{ name: ident('id'), nullable: false }, { collation: ident('Latin1_General_CI_AS'), nullable: true }, { name: ident('timestamp') }],
      options: [{ name: 'TABLOCK' }, { name: 'ROWS_PER_BATCH' }],
    });
    expect(one("BULK INSERT t FROM dataFile WITH (FORMAT = 'csv', FIELDQUOTE = '\"', ESCAPECHAR = '\\', HEADER_ROW = TRUE, CODEPAGE = 'RAW')")).toMatchObject({
      kind: 'BulkInsert',
      options: [{ name: 'FORMAT' }, { name: 'FIELDQUOTE' }, { name: 'ESCAPECHAR' }, { name: 'HEADER_ROW' }, { name: 'CODEPAGE' }],
    });
    expect(one("SELECT * FROM OPENROWSET(BULK 'in.dat', FORMATFILE = 'in.fmt', ORDER (k DESC) UNIQUE, MAXERRORS = 3) AS r")).toMatchObject({
      query: { from: [{ kind: 'RowsetFunction', bulk: true, options: [{ name: 'FORMATFILE' }, { name: 'ORDER' }, { name: 'MAXERRORS' }] }] },
    });
  });

  it('full-text and rowset forms', () => {
    expect(one("SELECT * FROM CONTAINSTABLE(docs, PROPERTY(body, 'Title'), 'x', LANGUAGE 1033, 5) AS c")).toMatchObject({ query: { from: [{ function: 'CONTAINSTABLE', columns: [col('body')] }] } });
    expect(one('SELECT * FROM SEMANTICKEYPHRASETABLE(docs, (*), 4) AS k')).toMatchObject({ query: { from: [{ columns: [] }] } });
    expect(one("SELECT * FROM OPENJSON(@j) WITH (name nvarchar(50) COLLATE Latin1_General_BIN2 '$.n', raw nvarchar(max) AS JSON) AS j")).toMatchObject({
      query: { from: [{ kind: 'FunctionTable', withColumns: [{ collation: ident('Latin1_General_BIN2') }, { asJson: true }] }] },
    });
    expect(one("SELECT * FROM OPENDATASOURCE('SQLNCLI', 'Data Source=s').'SELECT 1' AS q")).toMatchObject({ query: { from: [{ function: 'OPENDATASOURCE' }] } });
    expect(one('SELECT * FROM {oj a LEFT OUTER JOIN b ON a.k = b.k}')).toMatchObject({ query: { from: [{ kind: 'Join', joinType: 'LEFT' }] } });
    expect(one('SELECT * FROM {oj {oj a RIGHT JOIN b ON a.k = b.k} FULL OUTER JOIN c ON c.k = b.k}')).toMatchObject({ query: { from: [{ kind: 'Join', joinType: 'FULL' }] } });
    // What {oj …} holds is a join with ON: not a lone table, a CROSS JOIN or an APPLY.
    expect(errorOf('SELECT * FROM {oj a CROSS JOIN b}')).toBe('102 1:33');
    expect(errorOf('SELECT * FROM {oj a}')).toBe('102 1:20');
    expect(one('SELECT * FROM n1, (SELECT * FROM e1) FOR PATH AS p')).toMatchObject({ query: { from: [{}, { kind: 'DerivedTable', forPath: true }] } });
  });

  const valid = [
    'INSERT OVER t DEFAULT VALUES',
    'MERGE t WITH (INDEX (ix)) AS x USING s ON x.k = s.k WHEN MATCHED THEN DELETE;',
    'DELETE t WITH (ROWLOCK, READPAST) OUTPUT deleted.k WHERE k = 1',
    'SELECT a FROM t GROUP BY GROUPING SETS ((a, b), ROLLUP (a), (CUBE (b)), a, ())',
    'SELECT a FROM t GROUP BY ROLLUP ((a, b), c), ()',
    'SELECT a FROM t FOR XML RAW, ELEMENTS XSINIL, ROOT',
    "SELECT * FROM OPENROWSET(BULK ('a.parquet', 'b.parquet'), FORMAT = 'PARQUET') AS p",
    'SELECT * FROM t WHERE CURRENT_TIMESTAMP > 0',
  ];
  for (const sql of valid) it(sql, () => expect(parseBatch(sql).error).toBeUndefined());
});

describe('what the SQL Server 2022 grammar rejects, at the token where it fails', () => {
  const cases: [string, string][] = [
    // A clause keyword commits to its clause.
    ['INSERT INTO t DEFAULT;', '102 1:22'],
    ['MERGE t USING s ON 1 = 1 WHEN NOT MATCHED THEN INSERT DEFAULT (1);', '102 1:63'],
    ['SELECT TOP 3 WITH x FROM t', '102 1:19'],
    ['UPDATE t SET a = 1 WHERE CURRENT cur', '102 1:34'],
    ['SELECT SUM(a) OVER w FROM t WINDOW w AS (ORDER a)', '102 1:48'],
    ["SELECT * FROM OPENJSON(@j) WITH (a int '$.a' AS TEXT) j", '102 1:49'],
    // FOR JSON / FOR XML options at most once; ROOT and WITHOUT_ARRAY_WRAPPER exclude each other.
    ['SELECT a FROM t FOR JSON PATH, ROOT, ROOT', '102 1:38'],
    ['SELECT a FROM t FOR JSON AUTO, WITHOUT_ARRAY_WRAPPER, ROOT', '102 1:55'],
    ['SELECT a FROM t FOR XML AUTO, TYPE, TYPE', '102 1:37'],
    // OPENJSON takes one or two arguments.
    ['SELECT * FROM OPENJSON()', '102 1:24'],
    ["SELECT * FROM OPENJSON(@j, '$', 'x')", '102 1:31'],
    // GROUP BY ALL takes no grouping-set constructs; WITH ROLLUP does not follow one.
    ['SELECT a FROM t GROUP BY ALL a WITH CUBE', '1028 1:37'],
    ['SELECT a FROM t GROUP BY ALL ROLLUP (a)', '1028 1:30'],
    ['SELECT a FROM t GROUP BY CUBE (a) WITH ROLLUP', '156 1:35'],
    ['SELECT a FROM t GROUP BY a, (b, c)', '102 1:31'],
    // The context of CHANGE_TRACKING_CONTEXT is a binary constant or a variable.
    ["WITH CHANGE_TRACKING_CONTEXT ('x') DELETE t", '102 1:31'],
    // WINDOW after a table is the WINDOW clause (2022), never an alias.
    ['SELECT a FROM t window WINDOW w AS (ORDER BY a)', '102 1:31'],
    // MATCH only in WHERE.
    ['SELECT a FROM n, e, m GROUP BY a HAVING MATCH(n-(e)->m)', '102 1:41'],
    // BULK INSERT and OPENROWSET(BULK …) options: known names, the right kind of value, once each.
    ["BULK INSERT t FROM 'f' WITH (FORMATT = 'CSV')", '102 1:30'],
    ["BULK INSERT t FROM 'f' WITH (FORMAT = 'TSV')", '102 1:39'],
    ['BULK INSERT t FROM \'f\' WITH (FORMAT = CSV)', '102 1:39'],
    ["BULK INSERT t FROM 'f' WITH (ESCAPECHAR = 9)", '102 1:43'],
    ["BULK INSERT t FROM 'f' WITH (FIELDQUOTE)", '102 1:40'],
    ["BULK INSERT t FROM 'f' WITH (FIRSTROW = @n)", '102 1:41'],
    ["BULK INSERT t FROM 'f' WITH (TABLOCK, TABLOCK)", '102 1:39'],
    ["SELECT * FROM OPENROWSET(BULK 'f', PARSER_VERSION = '3.0') AS r", '102 1:53'],
    ["SELECT * FROM OPENROWSET(BULK 'f', FORMAT = ' CSV') AS r", '102 1:45'],
    ["SELECT * FROM OPENROWSET(BULK 'f', TABLOCK) AS r", '102 1:36'],
    // INSERT, UPDATE and DELETE targets take only the limited hints.
    ['INSERT INTO t WITH (INDEX(ix)) (a) VALUES (1)', '1069 1:21'],
    ['UPDATE t WITH (ROWLOCK, FORCESEEK (ix (a))) SET a = 1', '1069 1:25'],
    // … and no NOLOCK or READUNCOMMITTED (Msg 1065); in the FROM clause they stay allowed.
    ['UPDATE t WITH (NOLOCK) SET a = 1', '1065 1:16'],
    ['DELETE FROM t WITH (ROWLOCK, READUNCOMMITTED) WHERE a = 1', '1065 1:30'],
    ['INSERT INTO t WITH (NOLOCK) (a) VALUES (1)', '1065 1:21'],
    ['MERGE t WITH (NOLOCK) AS x USING s ON x.a = s.a WHEN MATCHED THEN DELETE;', '1065 1:15'],
    // MERGE: each kind of WHEN clause takes an action once (Msg 10714).
    ['MERGE t USING s ON t.a = s.a WHEN MATCHED AND s.b = 1 THEN DELETE WHEN MATCHED THEN DELETE;', '10714 1:67'],
    ['MERGE t USING s ON t.a = s.a WHEN NOT MATCHED THEN INSERT (a) VALUES (s.a) WHEN NOT MATCHED BY TARGET AND s.b = 1 THEN INSERT (a) VALUES (1);', '10714 1:76'],
    ['MERGE t USING s ON t.a = s.a WHEN NOT MATCHED BY SOURCE AND t.b = 1 THEN UPDATE SET b = 0 WHEN NOT MATCHED BY SOURCE THEN UPDATE SET b = 2;', '10714 1:91'],
    ['MERGE t USING s ON t.a = s.a WHEN MATCHED AND s.b = 1 THEN UPDATE SET a = s.a WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (a) VALUES (s.a) WHEN NOT MATCHED BY SOURCE AND t.b = 1 THEN DELETE WHEN NOT MATCHED BY SOURCE THEN UPDATE SET b = 0;', 'none'],
    ['UPDATE x SET a = 1 FROM t AS x WITH (NOLOCK) JOIN u WITH (READUNCOMMITTED) ON u.a = x.a', 'none'],
    // CONTAINSTABLE: at most one LANGUAGE and one top_n after the search condition.
    ["SELECT * FROM CONTAINSTABLE(t, c, 'x', 5, 6) AS k", '102 1:43'],
    // An aggregate with OVER takes no DISTINCT (Msg 10759); without OVER it may.
    ['SELECT COUNT(DISTINCT a) OVER (PARTITION BY b) FROM t', '10759 1:26'],
    ['SELECT SUM(DISTINCT a) OVER () FROM t', '10759 1:24'],
    ['SELECT COUNT(DISTINCT a), SUM(ALL a) OVER (), COUNT(*) OVER () FROM t', 'none'],
    // Ranking, distribution and offset functions: OVER with ORDER BY (10753, 4112); a frame only for
    // FIRST_VALUE and LAST_VALUE (10752).
    ['SELECT ROW_NUMBER() FROM t', '10753 1:8'],
    ['SELECT a, lag(a, 1) FROM t', '10753 1:11'],
    ['SELECT ROW_NUMBER() OVER (PARTITION BY a) FROM t', '4112 1:8'],
    ['SELECT RANK() OVER () FROM t', '4112 1:8'],
    ['SELECT FIRST_VALUE(a) OVER (PARTITION BY b) FROM t', '4112 1:8'],
    ['SELECT LEAD(a) OVER (ORDER BY b ROWS UNBOUNDED PRECEDING) FROM t', '10752 1:8'],
    ['SELECT NTILE(4) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t', '10752 1:8'],
    ['SELECT LAST_VALUE(a) OVER (ORDER BY b ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), CUME_DIST() OVER (PARTITION BY c ORDER BY b) FROM t', 'none'],
    ['SELECT ROW_NUMBER() OVER w, LAG(a) OVER (p ORDER BY a) FROM t WINDOW w AS (ORDER BY a), p AS (PARTITION BY c)', 'none'],
    ['SELECT dbo.ROW_NUMBER(), [RANK]() FROM t', 'none'],
    ["SELECT STRING_AGG(a, ',') OVER (PARTITION BY b) FROM t", '4113 1:27'],
    ['SELECT GROUPING(a) OVER () FROM t GROUP BY a', '4113 1:20'],
    // No name is empty: `[]` as an alias, a table or a column (Msg 1038); '[]' in a string is text.
    ['SELECT a AS [] FROM t', '1038 1:13'],
    ['SELECT * FROM dbo.[]', '1038 1:19'],
    ["SELECT '[]' AS [x] FROM t WHERE a LIKE '[[]]'", 'none'],
    // A select list assigns variables or returns columns (Msg 141).
    ['SELECT @a = a, b FROM t', '141 1:16'],
    ['SELECT a, @b = b FROM t', '141 1:11'],
    ['SELECT *, @n += 1 FROM t', '141 1:11'],
    ['SELECT @a = a, @b = b + 1 FROM t WHERE c IN (SELECT c FROM u)', 'none'],
  ];
  for (const [sql, expected] of cases) it(sql, () => expect(errorOf(sql)).toBe(expected));
});
