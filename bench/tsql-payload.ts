// The synthetic payload of bench:tsql and bench:watch: `scale` × (250 files, ~50,000 lines) — one
// migration, functions and views that reference each other, procedures, triggers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a payload of `scale` × (250 files, ~50,000 lines); returns its folder and line count. */
export function generate(scale: number): { dir: string; lines: number; files: number } {
  const dir = mkdtempSync(join(tmpdir(), `hart-bench-tsql-${scale}x-`));
  let lines = 0;
  let files = 0;
  const write = (path: string, text: string): void => {
    const file = join(dir, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    lines += text.split('\n').length;
    files++;
  };
  const tables = 40 * scale;
  const migration: string[] = [];
  for (let t = 0; t < tables; t++) {
    migration.push(
      `IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'1_Init')`,
      'BEGIN',
      `    CREATE TABLE [dbo].[T${t}] (`,
      `        [Id] bigint NOT NULL IDENTITY,`,
      ...Array.from({ length: 8 }, (_, c) => `        [C${c}] nvarchar(100) NULL,`),
      `        [ParentId] bigint NULL,`,
      `        CONSTRAINT [PK_T${t}] PRIMARY KEY ([Id])`,
      '    );',
      `    EXEC(N'ALTER TABLE [dbo].[T${t}] ADD [Extra] int NULL');`,
      'END;',
      'GO',
    );
  }
  write('migrations/1_Init.sql', `${migration.join('\n')}\n`);
  const functions = 20 * scale;
  const views = 30 * scale;
  const procedures = 190 * scale;
  const triggers = 9 * scale;
  for (let f = 0; f < functions; f++) {
    const body = Array.from({ length: 40 }, (_, k) => `    SET @r = @r + (SELECT COUNT(*) FROM dbo.T${(f + k) % tables} t WHERE t.C${k % 8} = N'x');`);
    write(`programmability/functions/fn${f}.sql`, `CREATE OR ALTER FUNCTION dbo.fn${f}(@x int)\nRETURNS int\nAS\nBEGIN\n    DECLARE @r int = 0;\n${body.join('\n')}\n    RETURN @r${f > 0 ? ` + dbo.fn${f - 1}(@x)` : ''};\nEND;\nGO\n`);
  }
  for (let v = 0; v < views; v++) {
    const cols = Array.from({ length: 30 }, (_, k) => `    a.C${k % 8} AS A${k},`);
    const source = v > 0 ? `dbo.v${v - 1}` : `dbo.T0`;
    write(`programmability/views/v${v}.sql`, `CREATE OR ALTER VIEW dbo.v${v}\nAS\nSELECT\n${cols.join('\n')}\n    a.Id, dbo.fn${v % functions}(1) AS F, p.Id AS PrevId\nFROM dbo.T${v % tables} a\nLEFT JOIN ${source} p ON p.Id = a.ParentId;\nGO\n`);
  }
  for (let p = 0; p < procedures; p++) {
    const t = p % tables;
    const body: string[] = [];
    for (let k = 0; k < 28; k++) {
      body.push(
        `    ;WITH c${k} AS (SELECT a.Id, a.C${k % 8}, a.Extra FROM dbo.T${t} a WHERE a.ParentId = @id)`,
        `    UPDATE b SET b.C${(k + 1) % 8} = c${k}.C${k % 8}`,
        `    FROM dbo.T${(t + 1) % tables} b`,
        `    JOIN c${k} ON c${k}.Id = b.ParentId`,
        `    WHERE b.Extra IS NULL; -- step ${k}`,
        `    INSERT INTO dbo.T${(t + 2) % tables} (C0, C1, ParentId) SELECT N'a', N'b', @id;`,
        `    SELECT @n = COUNT(*) FROM dbo.v${p % views} v WHERE v.A${k % 30} IS NOT NULL;`,
        '',
      );
    }
    write(
      `programmability/procedures/p${p}.sql`,
      `CREATE OR ALTER PROCEDURE dbo.p${p}\n    @id bigint,\n    @name nvarchar(100) = NULL\nAS\nBEGIN\n    SET NOCOUNT ON;\n    DECLARE @n int = 0;\n    CREATE TABLE #w (Id bigint);\n${body.join('\n')}\n    IF @n > 0 EXEC dbo.p${(p + 1) % procedures} @id = @id;\nEND;\nGO\n`,
    );
  }
  for (let g = 0; g < triggers; g++) {
    write(`programmability/triggers/trg${g}.sql`, `CREATE OR ALTER TRIGGER dbo.trg${g} ON dbo.T${g % tables} AFTER INSERT\nAS\nBEGIN\n    SET NOCOUNT ON;\n    UPDATE t SET t.Extra = 1 FROM dbo.T${g % tables} t JOIN inserted i ON i.Id = t.Id;\nEND;\nGO\n`);
  }
  return { dir, lines, files };
}

