import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from './io.js';
import { run, statusLines, type StatusRow } from './status.js';

const rows: StatusRow[] = [
  {
    service: 'sqlserver',
    container: 'hart-sqlserver',
    state: 'running',
    health: 'healthy',
    image: 'mcr.microsoft.com/mssql/server:2022-latest',
    ports: ['127.0.0.1:1433->1433/tcp'],
    startedAt: '2026-01-01T00:00:00Z',
    uptimeSeconds: 3 * 3600 + 12 * 60,
    volume: 'hart-mssql',
    id: 'abc',
    external: undefined,
  },
  {
    service: 'neo4j',
    container: '',
    state: 'external',
    health: 'none',
    image: undefined,
    ports: [],
    startedAt: undefined,
    uptimeSeconds: undefined,
    volume: '',
    id: undefined,
    external: 'bolt://graph.example.com:7687',
  },
];

describe('status text', () => {
  it('is a table when it fits (140 columns)', () => {
    expect(statusLines(rows, 140).join('\n')).toMatchInlineSnapshot(`
      "SERVICE    STATE     HEALTH   IMAGE                                       PORTS                          UPTIME  VOLUME
      sqlserver  running   healthy  mcr.microsoft.com/mssql/server:2022-latest  127.0.0.1:1433->1433/tcp       3h 12m  hart-mssql
      neo4j      external  -        -                                           bolt://graph.example.com:7687  -       -"
    `);
  });

  it('is a block per service when the table does not fit (120, 80 and 60 columns)', () => {
    expect(statusLines(rows, 120)).toEqual(statusLines(rows, 80));
    expect(statusLines(rows, 80).join('\n')).toMatchInlineSnapshot(`
      "sqlserver  running, healthy, up 3h 12m
                 image   mcr.microsoft.com/mssql/server:2022-latest
                 ports   127.0.0.1:1433->1433/tcp
                 volume  hart-mssql
      neo4j      external: bolt://graph.example.com:7687"
    `);
    expect(statusLines(rows, 60).join('\n')).toMatchInlineSnapshot(`
      "sqlserver  running, healthy, up 3h 12m
                 image
                        mcr.microsoft.com/mssql/server:2022-latest
                 ports   127.0.0.1:1433->1433/tcp
                 volume  hart-mssql
      neo4j      external: bolt://graph.example.com:7687"
    `);
  });
});

describe('status -o env', () => {
  const env = async (args: string[]): Promise<{ out: string; err: string }> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const io: CommandIo = { stdout, stderr, env: { HART_SQL_SA_PASSWORD: "It's $ecret; 1", HART_NEO4J_PASSWORD: 'graph-Secret-9' }, cwd: mkdtempSync(join(tmpdir(), 'hart-status-')), stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal };
    expect(await run(['-o', 'env', ...args], io)).toBe(0);
    return { out, err };
  };

  it('says on stderr that the passwords are masked, and how to print them; stdout holds only the exports', async () => {
    const masked = await env([]);
    expect(masked.err).toBe('Passwords are masked: add --show-secrets to print them\n(`eval "$(hart-dev status -o env --show-secrets)"`).\n');
    expect(masked.out).toContain("export Neo4j__Password='********'\n");
    const shown = await env(['--show-secrets']);
    expect(shown.err).toBe('');
    expect(shown.out).toContain(`export ConnectionStrings__Hartonomous='Server=127.0.0.1,1433;Database=Hartonomous;User Id=sa;Password="It'\\''s $ecret; 1";TrustServerCertificate=True'\n`);
  });

  it('--database DB prints the connection of a copy beside the main database (snapshot restore --as DB)', async () => {
    const copy = await env(['--database', 'Hartonomous_it1']);
    expect(copy.out).toContain("export ConnectionStrings__Hartonomous='Server=127.0.0.1,1433;Database=Hartonomous_it1;User Id=sa;Password=********;TrustServerCertificate=True'\n");
  });
});
