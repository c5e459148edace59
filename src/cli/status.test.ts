import { describe, expect, it } from 'vitest';
import { statusLines, type StatusRow } from './status.js';

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
