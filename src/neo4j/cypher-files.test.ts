import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCypherDir, splitCypher } from './cypher-files.js';

describe('splitCypher', () => {
  it('splits at semicolons outside strings, backtick names and comments, keeping each start line', () => {
    const source = [
      '// header; not a statement',
      'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.k IS UNIQUE;',
      '',
      "CREATE (n:B {s: 'x;y', t: \"it\\\"s;\"}) /* a; comment",
      'over lines */ RETURN n.`odd;name`;',
      'RETURN 1',
    ].join('\n');
    expect(splitCypher(source, 'f.cypher')).toEqual([
      { text: 'CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.k IS UNIQUE', file: 'f.cypher', line: 2 },
      { text: "CREATE (n:B {s: 'x;y', t: \"it\\\"s;\"})   RETURN n.`odd;name`", file: 'f.cypher', line: 4 },
      { text: 'RETURN 1', file: 'f.cypher', line: 6 },
    ]);
  });

  it('reports an unclosed string with its file and line', () => {
    expect(() => splitCypher("RETURN 1;\nRETURN 'open", 'bad.cypher')).toThrow(expect.objectContaining({
      message: 'bad.cypher:2: a string is not closed',
      location: { file: 'bad.cypher', line: 2 },
    }));
  });
});

describe('readCypherDir', () => {
  it('reads the repository schema: constraints and the vector index with the dimension parameter', () => {
    const statements = readCypherDir(join(import.meta.dirname, '..', '..', 'sql', 'neo4j'));
    expect(statements.map((s) => /^CREATE (CONSTRAINT|VECTOR INDEX) (\w+)/.exec(s.text)?.slice(1))).toEqual([
      ['CONSTRAINT', 'tenant_key'],
      ['CONSTRAINT', 'tenant_id'],
      ['CONSTRAINT', 'plan_code'],
      ['CONSTRAINT', 'atom_tenant_key'],
      ['VECTOR INDEX', 'atom_embedding'],
    ]);
    expect(statements.every((s) => s.text.includes('IF NOT EXISTS'))).toBe(true);
    expect(statements.at(-1)?.text).toContain('`vector.dimensions`: $embeddingDimension');
  });

  it('says where the files should be when the folder is empty or missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cypher-'));
    writeFileSync(join(empty, 'notes.txt'), 'x');
    expect(() => readCypherDir(empty)).toThrow(`${empty} has no .cypher files`);
    expect(() => readCypherDir(join(empty, 'missing'))).toThrow(expect.objectContaining({ hint: 'Check HART_SQL_DIR: the Cypher files live in <sql dir>/neo4j/.' }));
  });
});
