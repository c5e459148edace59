// Golden tests of the database payload in sql/ (migration guards, broker script) and the proof that
// the payload is clean under `hart-dev check`. Each guard was reviewed against SQLSERVER-NOTES.md;
// the fact it relies on is named next to its expectation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPayload } from '../tsql/check.js';
import { loadPayloadPlan } from '../tsql/payload.js';
import { readScript } from '../tsql/reader.js';

const SQL_DIR = join(import.meta.dirname, '../../sql');
const MIGRATION_ID = '20261121155046_InitialCreate';
const MIGRATION = join(SQL_DIR, 'migrations', `${MIGRATION_ID}.sql`);
const BROKER = join(SQL_DIR, 'broker', 'service-broker.sql');
const GUARD = `IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'${MIGRATION_ID}')`;

async function migrationBatches(): Promise<string[]> {
  const script = await readScript(MIGRATION, { variables: {} });
  return script.batches.map((b) => b.text.trim());
}

/** A batch without its leading comment lines. */
function body(text: string): string {
  return text.split('\n').filter((line) => !line.startsWith('--')).join('\n').trim();
}

describe('sql/migrations: the EF Core idempotent InitialCreate', () => {
  it('creates the history table when missing, with EF’s exact shape', async () => {
    // NOTES "EF Core idempotent scripts": [__EFMigrationsHistory] (MigrationId nvarchar(150) PK, ProductVersion nvarchar(32)).
    const batches = await migrationBatches();
    expect(batches[1]).toMatchInlineSnapshot(`
      "IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
      BEGIN
          CREATE TABLE [__EFMigrationsHistory] (
              [MigrationId] nvarchar(150) NOT NULL,
              [ProductVersion] nvarchar(32) NOT NULL,
              CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
          );
      END;"
    `);
  });

  it('runs every statement in its own batch, guarded by the migration id, inside one transaction', async () => {
    // NOTES: "a batch is compiled whole before its IF runs … own batch or EXEC(N'…')"; "EF 8 keeps a
    // transaction open across batches".
    const batches = (await migrationBatches()).map(body);
    expect(batches[0]).toContain('SET XACT_ABORT ON;');
    expect(batches[2]).toBe('BEGIN TRANSACTION;');
    expect(batches.at(-1)).toBe('COMMIT;');
    const guarded = batches.slice(3, -1);
    expect(guarded.length).toBeGreaterThan(30);
    for (const batch of guarded) {
      expect(batch.startsWith(GUARD)).toBe(true);
      // One statement: BEGIN … END around exactly one terminated statement.
      const inner = batch.slice(batch.indexOf('\nBEGIN\n') + 7, batch.lastIndexOf('\nEND;'));
      expect(inner.trim().replace(/'[^']*'/g, "''").split(';').filter((part) => part.trim() !== '')).toHaveLength(1);
    }
  });

  it('holds the exact extra guards of statements that may already have run', async () => {
    const batches = (await migrationBatches()).map(body);
    const extra = batches.filter((b) => b.startsWith(`${GUARD}\n    AND `)).map((b) => b.slice(0, b.indexOf('\nBEGIN\n')));
    // CREATE SCHEMA must be alone in its batch, hence EXEC (EF's EnsureSchema form, checked by name);
    // the role, the user and the membership may exist before the migration (created by hand or by
    // another tool), so they are checked by name in the same way.
    expect(extra).toMatchInlineSnapshot(`
      [
        "IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
          AND SCHEMA_ID(N'provenance') IS NULL",
        "IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
          AND DATABASE_PRINCIPAL_ID(N'HartonomousAppRole') IS NULL",
        "IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
          AND DATABASE_PRINCIPAL_ID(N'HartonomousAppUser') IS NULL",
        "IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20261121155046_InitialCreate')
          AND NOT EXISTS (SELECT 1 FROM sys.database_role_members AS m
              WHERE m.role_principal_id = DATABASE_PRINCIPAL_ID(N'HartonomousAppRole')
                AND m.member_principal_id = DATABASE_PRINCIPAL_ID(N'HartonomousAppUser'))",
      ]
    `);
  });

  it('ends with the history INSERT', async () => {
    // NOTES: "each migration … ends with its history INSERT".
    const batches = (await migrationBatches()).map(body);
    expect(batches.at(-2)).toBe(`${GUARD}
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'${MIGRATION_ID}', N'8.0.11');
END;`);
  });

  it('names temporal history tables with their schema and uses no FILESTREAM', () => {
    // NOTES: "Name history tables explicitly with their schema"; "Not available on Linux: FILESTREAM".
    const text = readFileSync(MIGRATION, 'utf8');
    expect([...text.matchAll(/HISTORY_TABLE = ([^)\s]+)\)/g)].map((m) => m[1])).toEqual(['[dbo].[BillingPlansHistory]', '[dbo].[AtomsHistory]']);
    expect(text.replace(/^\s*--.*$/gm, '')).not.toMatch(/FILESTREAM|FILETABLE/i);
  });
});

describe('sql/broker: Service Broker objects', () => {
  it('is the reviewed script, byte for byte', () => {
    // NOTES "Service Broker": no CREATE OR ALTER, each CREATE guarded by its catalog view; a contract
    // cannot be changed (drop services → contract → recreate).
    expect(readFileSync(BROKER, 'utf8')).toMatchSnapshot();
  });

  it('guards every CREATE by the catalog view of its kind', () => {
    const text = readFileSync(BROKER, 'utf8').replace(/^\s*--.*$/gm, '');
    const views: Record<string, string> = {
      'MESSAGE TYPE': 'sys.service_message_types',
      CONTRACT: 'sys.service_contracts',
      QUEUE: 'sys.service_queues',
      SERVICE: 'sys.services',
    };
    const lines = text.split('\n');
    let creates = 0;
    lines.forEach((line, i) => {
      const kind = /^\s+CREATE (MESSAGE TYPE|CONTRACT|QUEUE|SERVICE) /.exec(line)?.[1];
      if (kind === undefined) return;
      creates += 1;
      expect(lines[i - 1]).toMatch(new RegExp(`^IF NOT EXISTS \\(SELECT 1 FROM ${(views[kind] ?? '').replace('.', '\\.')} WHERE name = N'`));
    });
    expect(creates).toBe(12);
    expect(text).not.toMatch(/ACTIVATION/);
  });
});

describe('the whole payload', () => {
  it('is clean under hart-dev check: 0 errors, 0 warnings', async () => {
    const plan = await loadPayloadPlan(SQL_DIR, { variables: {} });
    const diagnostics = await checkPayload(plan, { extraDiagnostics: plan.diagnostics });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.severity} ${d.rule} ${d.message}`)).toEqual([]);
    expect(plan.migrations.map((s) => s.path)).toEqual([`migrations/${MIGRATION_ID}.sql`]);
    expect(plan.broker.map((s) => s.path)).toEqual(['broker/service-broker.sql']);
  });
});
