// The schema skeleton of a batch (what a worker sends back, parallel.ts) must give buildSchema exactly
// what the whole trees give: the same tables, views, procedures, keys and deploy findings.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../parser/index.js';
import { readScriptSync } from '../reader.js';
import { buildSchema } from './index.js';
import { schemaSkeleton } from './skeleton.js';
import { script } from './test-support.js';
import type { ParsedScriptInput } from './types.js';

const REPO_SQL = join(import.meta.dirname, '..', '..', '..', 'sql');

const skeletonOf = (s: ParsedScriptInput): ParsedScriptInput => ({ ...s, batches: s.batches.map(schemaSkeleton) });

function sameSchema(scripts: ParsedScriptInput[]): void {
  for (const caseSensitive of [false, true]) {
    const whole = buildSchema(scripts, { caseSensitive });
    const skeletons = buildSchema(scripts.map(skeletonOf), { caseSensitive });
    expect(skeletons).toEqual(whole);
  }
}

describe('schemaSkeleton', () => {
  it('leaves out statements that define nothing and keeps the ones buildSchema reads', () => {
    const [batch] = script(
      [
        'CREATE PROCEDURE dbo.p AS',
        'BEGIN',
        '  SET NOCOUNT ON; DECLARE @n int = 1;',
        '  SELECT 1; UPDATE dbo.T SET a = 1; INSERT dbo.T (a) VALUES (1);',
        '  IF @n = 1 BEGIN SELECT Id INTO #x FROM dbo.T; DROP TABLE dbo.Old; END',
        "  EXEC (N'CREATE TABLE dbo.Dyn (Id int)');",
        'END',
      ].join('\n'),
    ).batches;
    const kept = schemaSkeleton(batch ?? parseBatch(''));
    const kinds: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (typeof n === 'object' && n !== null) {
        const kind = (n as { kind?: unknown }).kind;
        if (typeof kind === 'string' && /^[A-Z]/.test(kind) && (kind.startsWith('Create') || ['Block', 'If', 'SelectStatement', 'DropObjects', 'Execute', 'Insert', 'Update', 'Declare', 'SetOption'].includes(kind))) kinds.push(kind);
        Object.values(n).forEach(walk);
      }
    };
    walk(kept.statements);
    expect(kinds).toEqual(['CreateProcedure', 'Block', 'If', 'Block', 'SelectStatement', 'DropObjects', 'Execute']);
  });

  it('gives buildSchema what the whole trees give: definitions in modules, under IF, in TRY, dynamic, failed batches', () => {
    sameSchema([
      script(
        [
          'CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, a int, CONSTRAINT UQ_T UNIQUE (a));',
          'CREATE TABLE dbo.T (Id int);',
          'GO',
          'CREATE PROCEDURE dbo.p @x int, @y int = 2 AS',
          'BEGIN',
          '  SELECT 1;',
          '  IF @x = 1 CREATE TABLE dbo.InIf (Id int) ELSE ALTER TABLE dbo.T ADD b int;',
          '  BEGIN TRY DROP TABLE dbo.Gone; END TRY BEGIN CATCH SELECT Id INTO dbo.Copy FROM dbo.T; END CATCH',
          "  EXEC (N'CREATE TABLE dbo.Dyn (Id int)');",
          'END',
          'GO',
          'CREATE VIEW dbo.v AS SELECT Id, a AS A2 FROM dbo.T;',
          'GO',
          'CREATE FUNCTION dbo.f() RETURNS TABLE AS RETURN SELECT Id FROM dbo.T;',
          'GO',
          'CREATE FUNCTION dbo.g() RETURNS @r TABLE (x int) AS BEGIN INSERT @r VALUES (1); RETURN; END;',
          'GO',
          'CREATE TYPE dbo.Ids AS TABLE (Id int);',
          'CREATE INDEX IX_T_a ON dbo.T (a);',
          'CREATE UNIQUE INDEX UX_T ON dbo.T (Id, a);',
          'GO',
          'CREATE TABLE dbo.Broken (Id int,, x int);',
          'GO',
        ].join('\n'),
        'a.sql',
      ),
      script("EXEC sp_rename 'dbo.T.a', 'a3', 'COLUMN';\nGO\nCREATE SYNONYM dbo.S FOR dbo.T;", 'b.sql'),
    ]);
  });

  it('gives buildSchema what the whole trees give on the payload', () => {
    const files = readdirSync(REPO_SQL, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.sql'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    expect(files.length).toBeGreaterThan(10);
    const scripts = files.map((file) => {
      const { batches } = readScriptSync(file, { variables: {}, root: REPO_SQL });
      return { path: file, batches: batches.map((b) => parseBatch(b.text)), texts: batches.map((b) => b.text) };
    });
    sameSchema(scripts);
  });
});
