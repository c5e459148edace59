import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../tsql/test-support.js';
import { run as runCheck } from './check.js';
import type { CommandIo } from './io.js';
import { run as runPlan } from './plan.js';

function io(cwd: string): { io: CommandIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c: Buffer) => (o += c.toString()));
  stderr.on('data', (c: Buffer) => (e += c.toString()));
  return { io: { stdout, stderr, env: {}, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal }, out: () => o, err: () => e };
}

const PAYLOAD = {
  'sql/migrations/1_Init.sql': 'CREATE TABLE dbo.Atom (AtomId int NOT NULL, Name nvarchar(10));\nGO\n',
  'sql/programmability/p.sql': 'CREATE OR ALTER PROCEDURE dbo.P AS SELECT a.Nope FROM dbo.Atom a;\nGO 2\n',
  'sql/neo4j/schema.cypher': '// Keys.\nCREATE CONSTRAINT plan_code IF NOT EXISTS FOR (p:Plan) REQUIRE p.code IS UNIQUE;\n',
};

describe('hart-dev check', () => {
  it('--json gives diagnostics with file:line:col, rule, message, hint and a summary; exit 1 on errors', async () => {
    const cwd = writeTree(PAYLOAD);
    const t = io(cwd);
    expect(await runCheck(['--json'], t.io)).toBe(1);
    expect(JSON.parse(t.out())).toEqual({
      diagnostics: [
        {
          file: 'sql/programmability/p.sql',
          line: 1,
          col: 43,
          severity: 'error',
          rule: 'binding',
          code: 207,
          message: "Msg 207: Invalid column name 'Nope'.",
          hint: 'Use a column dbo.Atom has, or add the column where the table is defined.',
        },
      ],
      summary: { errors: 1, warnings: 0, notes: 0 },
    });
  });

  it('prints file:line:col lines and exits 0 on a clean path', async () => {
    const cwd = writeTree({ ...PAYLOAD, 'other/ok.sql': 'CREATE OR ALTER VIEW dbo.V AS SELECT 1 AS x;\nGO\n' });
    const t = io(cwd);
    expect(await runCheck(['other'], t.io)).toBe(0);
    expect(t.err()).toContain('1 script checked: 0 errors, 0 warnings');
    const bad = io(cwd);
    expect(await runCheck([], bad.io)).toBe(1);
    expect(bad.out()).toContain("sql/programmability/p.sql:1:43: error binding: Msg 207: Invalid column name 'Nope'.");
  });

  it('exits 2 naming the payload folder when it does not exist, as the flag it came from', async () => {
    const cwd = writeTree({ 'other/ok.sql': 'SELECT 1;\n' });
    const t = io(cwd);
    await expect(runCheck(['--sql-dir', 'nowhere'], t.io)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('nowhere does not exist (--sql-dir)') });
    const fromEnv = io(cwd);
    fromEnv.io.env = { HART_SQL_DIR: 'missing' };
    await expect(runPlan([], fromEnv.io)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('missing does not exist (HART_SQL_DIR)') });
  });

  it('checks a file of the payload with the payload as context', async () => {
    const cwd = writeTree({ ...PAYLOAD, 'sql/programmability/q.sql': 'CREATE OR ALTER PROCEDURE dbo.Q AS SELECT a.Name FROM dbo.Atom a;\nGO\n' });
    const t = io(cwd);
    expect(await runCheck(['sql/programmability/q.sql'], t.io)).toBe(0);
  });
});

describe('hart-dev plan', () => {
  it('--json gives phases and every batch with phase, file, line, kind, count, hash and text', async () => {
    const cwd = writeTree(PAYLOAD);
    const t = io(cwd);
    expect(await runPlan(['--json'], t.io)).toBe(0);
    const doc: unknown = JSON.parse(t.out());
    expect(doc).toMatchObject({
      phases: expect.arrayContaining([expect.objectContaining({ id: expect.any(String), title: expect.any(String), needs: expect.any(Array) })]),
      batches: [
        { phase: 'migration', file: 'sql/migrations/1_Init.sql', line: 1, kind: 'run-once', count: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), text: 'CREATE TABLE dbo.Atom (AtomId int NOT NULL, Name nvarchar(10));' },
        { phase: 'programmability', file: 'sql/programmability/p.sql', line: 1, kind: 'anytime', count: 2, text: 'CREATE OR ALTER PROCEDURE dbo.P AS SELECT a.Nope FROM dbo.Atom a;' },
      ],
      cypher: [
        { phase: 'neo4j-schema', file: 'sql/neo4j/schema.cypher', line: 2, text: 'CREATE CONSTRAINT plan_code IF NOT EXISTS FOR (p:Plan) REQUIRE p.code IS UNIQUE' },
        { phase: 'neo4j-seed', step: "the last seed's fingerprint", text: expect.stringContaining('MATCH (j:HartDevJournal {path: $path})') },
        { phase: 'neo4j-seed', step: 'forget the fingerprint', text: expect.stringContaining('DELETE j') },
        { phase: 'neo4j-seed', step: 'billing plans', text: expect.stringContaining('MERGE (p:Plan {code: r.code})') },
        { phase: 'neo4j-seed', step: 'the tenant', text: expect.stringContaining('MERGE (t:Tenant {key: $tenant.key})') },
        { phase: 'neo4j-seed', step: 'atoms with their embeddings', text: expect.stringContaining('MERGE (a:Atom {tenantId: $tenantId, key: r.key})') },
        { phase: 'neo4j-seed', step: 'seed atoms no longer generated', text: expect.stringContaining('DETACH DELETE a') },
        { phase: 'neo4j-seed', step: 'SIMILAR_TO edges', text: expect.stringContaining('CREATE (a)-[:SIMILAR_TO') },
        { phase: 'neo4j-seed', step: 'record the fingerprint', text: expect.stringContaining('MERGE (j:HartDevJournal {path: $path})') },
      ],
    });
  });

  it('prints each SQL phase with its scripts and batches in order, then the Cypher statements of the graph phases', async () => {
    const cwd = writeTree(PAYLOAD);
    const t = io(cwd);
    await runPlan([], t.io);
    expect(t.out()).toContain('programmability: 1 script, 1 batch');
    expect(t.out()).toMatch(/ {2}sql\/programmability\/p\.sql {2}anytime {2}[0-9a-f]{12}\n {4}1 ×2 {2}CREATE OR ALTER PROCEDURE dbo\.P/);
    expect(t.out()).toContain('neo4j-schema: 1 Cypher statement\n  sql/neo4j/schema.cypher\n      2  CREATE CONSTRAINT plan_code IF NOT EXISTS FOR (p:Plan) REQUIRE p.code');
    expect(t.out()).toContain('neo4j-seed: 8 Cypher statements, the data ones run with their rows in batches\n  the last seed\'s fingerprint:\n    MATCH (j:HartDevJournal {path: $path}) RETURN j.hash AS hash\n');
  });

  it('says on stderr that up would stop at neo4j-schema when the payload has no graph schema, and still plans the SQL', async () => {
    const { 'sql/neo4j/schema.cypher': _schema, ...sqlOnly } = PAYLOAD;
    const t = io(writeTree(sqlOnly));
    expect(await runPlan([], t.io)).toBe(0);
    expect(t.out()).toContain('programmability: 1 script, 1 batch');
    expect(t.out()).not.toContain('neo4j-schema:');
    expect(t.err()).toMatch(/^⚠ neo4j-schema: Can't read the Neo4j schema folder .*neo4j \(up would stop there\)\n {2}Check HART_SQL_DIR/);
  });

  it('fits the terminal: rows wrap under their text, first lines are cut to the row (60, 80, 120 columns)', async () => {
    const long = 'sql/programmability/procedures/provenance.sp_MarkProvenanceSynced.sql';
    const cwd = writeTree({
      [long]: `-- The sync worker's acknowledgement: sets ProvenanceSyncedAt on the generation streams it names.\nCREATE OR ALTER PROCEDURE provenance.sp_MarkProvenanceSynced AS SELECT 1;\nGO\n`,
      'sql/neo4j/schema.cypher': PAYLOAD['sql/neo4j/schema.cypher'],
    });
    const at = async (columns: number): Promise<string> => {
      const t = io(cwd);
      Object.assign(t.io.stdout, { isTTY: true, columns });
      await runPlan([], t.io);
      const text = t.out().replace(/[0-9a-f]{12}/g, 'HASH');
      return text.slice(text.indexOf('programmability:'), text.indexOf('neo4j-seed:'));
    };
    expect(await at(60)).toMatchInlineSnapshot(`
      "programmability: 1 script, 1 batch
      sql/programmability/procedures/provenance.sp_MarkProvenanceSynced.sql
          anytime  HASH
          1  -- The sync worker's acknowledgement: sets Provenanc…

      neo4j-schema: 1 Cypher statement
        sql/neo4j/schema.cypher
            2  CREATE CONSTRAINT plan_code IF NOT EXISTS FOR
               (p:Plan) REQUIRE p.code IS UNIQUE

      "
    `);
    expect(await at(80)).toMatchInlineSnapshot(`
      "programmability: 1 script, 1 batch
        sql/programmability/procedures/provenance.sp_MarkProvenanceSynced.sql
          anytime  HASH
          1  -- The sync worker's acknowledgement: sets ProvenanceSyncedAt on the gen…

      neo4j-schema: 1 Cypher statement
        sql/neo4j/schema.cypher
            2  CREATE CONSTRAINT plan_code IF NOT EXISTS FOR (p:Plan) REQUIRE p.code
               IS UNIQUE

      "
    `);
    expect(await at(120)).toMatchInlineSnapshot(`
      "programmability: 1 script, 1 batch
        sql/programmability/procedures/provenance.sp_MarkProvenanceSynced.sql  anytime  HASH
          1  -- The sync worker's acknowledgement: sets ProvenanceSyncedAt on the generation streams it names.

      neo4j-schema: 1 Cypher statement
        sql/neo4j/schema.cypher
            2  CREATE CONSTRAINT plan_code IF NOT EXISTS FOR (p:Plan) REQUIRE p.code IS UNIQUE

      "
    `);
  });
});
